from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationMetrics(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        registrations = cls._create_registrations(
            cls.event, ["draft", "open", "open", "done", "done", "done", "done", "cancel"]
        )
        attendees = registrations.filtered(lambda r: r.state == "done")
        answers = cls.env["survey.user_input"].create(
            [
                {"survey_id": cls.survey.id, "registration_id": attendees[0].id, "state": "done"},
                {"survey_id": cls.survey.id, "registration_id": attendees[1].id, "state": "done"},
                {
                    "survey_id": cls.survey.id,
                    "registration_id": attendees[2].id,
                    "state": "in_progress",
                },
            ]
        )
        cls.env.flush_all()
        answers[0].scoring_percentage = 80.0
        answers[1].scoring_percentage = 60.0
        answers[2].scoring_percentage = 10.0
        leads = cls.env["crm.lead"].create(
            [
                {"name": "Won A", "event_id": cls.event.id, "expected_revenue": 1000.0},
                {"name": "Won B", "event_id": cls.event.id, "expected_revenue": 500.0},
                {"name": "Open C", "event_id": cls.event.id, "expected_revenue": 9000.0},
                {"name": "Lost D", "event_id": cls.event.id, "expected_revenue": 7000.0},
            ]
        )
        leads[:2].write({"stage_id": cls.won_stage.id})
        leads[3].action_set_lost()
        cls.event.target_participant_count = 8
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.event.id})

    def test_metrics_match_hand_computed_values(self):
        self.evaluation.action_refresh_metrics()
        evaluation = self.evaluation
        self.assertEqual(evaluation.registered_count, 7, "cancelled registration not counted")
        self.assertEqual(evaluation.attended_count, 4)
        self.assertEqual(evaluation.no_show_count, 3)
        self.assertAlmostEqual(evaluation.attendance_rate, 4 / 7)
        self.assertEqual(evaluation.target_participant_count, 8)
        self.assertAlmostEqual(evaluation.target_achievement_rate, 4 / 8)
        self.assertEqual(evaluation.budget_amount, self.event.budget_amount)
        self.assertEqual(evaluation.response_count, 2, "incomplete response not counted")
        self.assertAlmostEqual(evaluation.response_rate, 2 / 4)
        self.assertAlmostEqual(evaluation.satisfaction_score, 70.0)
        self.assertEqual(evaluation.lead_count, 4, "lost leads still came from the event")
        self.assertEqual(evaluation.won_count, 2)
        self.assertAlmostEqual(evaluation.won_revenue, 1500.0)
        self.assertEqual(evaluation._format_rate("attendance_rate"), "57.1 %")
        self.assertEqual(evaluation._format_rate("satisfaction_score"), "70.0")

    def test_indicator_lines_and_overall_score(self):
        self.evaluation.action_refresh_metrics()
        lines = {line.indicator: line for line in self.evaluation.line_ids}
        self.assertEqual(
            set(lines), {"participation", "attendance", "satisfaction", "leads", "won_revenue"}
        )
        self.assertEqual(lines["participation"].actual, 4)
        self.assertEqual(lines["participation"].target, 8, "target from the event")
        self.assertAlmostEqual(lines["attendance"].actual, 400 / 7)
        self.assertEqual(self.evaluation.overall_score, 50.0, "only participation has a target")
        lines["participation"].write({"target": 2, "weight": 1})  # 200 % capped at 120
        lines["satisfaction"].write({"target": 100, "weight": 3})  # 70 %
        lines["leads"].write({"target": 0, "weight": 50})  # no target: ignored
        self.assertAlmostEqual(lines["participation"].achievement, 200.0)
        self.assertAlmostEqual(self.evaluation.overall_score, (120 * 1 + 70 * 3) / 4)

    def test_zero_denominators_are_empty(self):
        empty_event = self._create_plain_event("Empty Day")
        evaluation = self.env["event.evaluation"].create({"event_id": empty_event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.registered_count, 0)
        for field_name in (
            "attendance_rate",
            "target_achievement_rate",
            "response_rate",
            "satisfaction_score",
        ):
            self.assertIs(evaluation._get_rate(field_name), False, field_name)
            self.assertEqual(evaluation._format_rate(field_name), "—", field_name)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT attendance_rate, response_rate, satisfaction_score"
            " FROM event_evaluation WHERE id = %s",
            [evaluation.id],
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, None), "stored empty, not 0")

    def test_registered_but_nobody_attended(self):
        event = self._create_plain_event("Rainy Day", survey=self.survey)
        self._create_registrations(event, ["open", "open"])
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation._get_rate("attendance_rate"), 0.0, "a real 0 %")
        self.assertEqual(evaluation._format_rate("attendance_rate"), "0.0 %")
        self.assertIs(evaluation._get_rate("response_rate"), False)
        self.assertEqual(evaluation.no_show_count, 2)

    def test_no_shows_only_after_the_event(self):
        event = self._create_plain_event("Future Day", ended=False)
        self._create_registrations(event, ["open", "open"])
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.registered_count, 2)
        self.assertEqual(evaluation.no_show_count, 0)

    def test_button_on_event_opens_one_evaluation(self):
        action = self.event.with_user(self.evaluator).action_open_evaluation()
        self.assertEqual(action["res_id"], self.evaluation.id)
        event = self._create_plain_event("New Day")
        action = event.with_user(self.evaluator).action_open_evaluation()
        evaluation = self.env["event.evaluation"].browse(action["res_id"])
        self.assertEqual(evaluation.event_id, event)
        self.assertTrue(evaluation.metrics_date)

    def test_personal_survey_link(self):
        registration = self._create_registrations(self.event, ["open"])
        url = registration._get_feedback_survey_url()
        answer = self.env["survey.user_input"].search([("registration_id", "=", registration.id)])
        self.assertEqual(len(answer), 1)
        self.assertIn(answer.access_token, url)
        self.assertEqual(registration._get_feedback_survey_url(), url, "one answer per guest")
        other = self._create_registrations(self._create_plain_event("No survey"), ["open"])
        self.assertFalse(other._get_feedback_survey_url())

    def test_cron_evaluates_ended_events_requiring_approval(self):
        approval_type = self.env["event.type"].create(
            {"name": "Large client event", "approval_required": True}
        )
        ended = self._create_plain_event("Ended gala")
        upcoming = self._create_plain_event("Upcoming gala", ended=False)
        # registered before the type asks for approval (registrations wait for approval)
        self._create_registrations(ended, ["done"])
        (ended | upcoming).event_type_id = approval_type
        created = self.env["event.evaluation"]._cron_create_evaluations()
        self.assertEqual(created.event_id, ended, "no evaluation for events without approval")
        self.assertEqual(created.attended_count, 1)
        self.assertFalse(self.env["event.evaluation"]._cron_create_evaluations())


@tagged("post_install", "-at_install")
class TestEvaluationCostAndFollowUp(EventEvaluationCommon):
    """Metrics read from client_events: invitations, intentions, costs, thank-you mails."""

    def _event_with_costs(self, name, planned=3000.0, costs=()):
        event = self._create_plain_event(name, survey=self.survey)
        event.budget_line_ids = [
            Command.create(
                {
                    "category_id": self.env.ref("client_events.event_budget_category_venue").id,
                    "planned_amount": planned,
                }
            )
        ]
        for amount in costs:
            self.env["event.cost"].create(
                {
                    "event_id": event.id,
                    "budget_line_id": event.budget_line_ids.id,
                    "amount": amount,
                    "description": "Hall",
                }
            )
        return event

    def test_cost_roi_invitations_and_intentions(self):
        event = self._event_with_costs("Cost Day", costs=(800.0, 400.0))
        guests = self._create_registrations(event, ["done", "done", "open", "draft"])
        guests[0].interest_level = "intention"
        guests[1].interest_level = "interested"
        guests[3].invited_date = datetime(2026, 4, 20, 9, 0)
        lead = self.env["crm.lead"].create(
            {"name": "Won", "event_id": event.id, "expected_revenue": 3000.0}
        )
        lead.stage_id = self.won_stage
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.invited_count, 1)
        self.assertEqual(evaluation.intention_count, 1)
        self.assertEqual(evaluation.cost_amount, 1200.0)
        self.assertAlmostEqual(evaluation.cost_per_attendee, 600.0)
        self.assertAlmostEqual(evaluation.cost_per_lead, 1200.0)
        self.assertAlmostEqual(evaluation.roi, 1.5, msg="(3000 - 1200) / 1200")
        self.assertEqual(evaluation._format_rate("roi"), "150.0 %")
        self.assertIn("600.00", evaluation._format_rate("cost_per_attendee"))

    def test_no_cost_no_lead_no_attendee_leave_cost_ratios_empty(self):
        event = self._event_with_costs("Free Day")
        self._create_registrations(event, ["open"])
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        for field_name in ("cost_per_attendee", "cost_per_lead", "roi"):
            self.assertIs(evaluation._get_rate(field_name), False, field_name)
            self.assertEqual(evaluation._format_rate(field_name), "—", field_name)
        event_with_cost = self._event_with_costs("Paid Day", costs=(500.0,))
        evaluation = self.env["event.evaluation"].create({"event_id": event_with_cost.id})
        evaluation.action_refresh_metrics()
        self.assertAlmostEqual(evaluation.roi, -1.0, msg="a real loss, not empty")
        self.assertIs(evaluation._get_rate("cost_per_attendee"), False)

    def test_thank_you_mail_carries_the_personal_survey_link(self):
        attendee = self._create_registrations(self.event, ["done"])
        attendee.email = "guest@example.com"
        self.event.with_user(self.event_user).action_send_thank_you()
        answer = self.env["survey.user_input"].search([("registration_id", "=", attendee.id)])
        self.assertEqual(len(answer), 1)
        mail = self.env["mail.mail"].search([("email_to", "ilike", "guest@example.com")])
        self.assertTrue(mail, "a thank-you mail went to the attendee")
        self.assertIn(answer.access_token, str(mail[:1].body_html))


@tagged("post_install", "-at_install")
class TestTargetsFromTheProposal(EventEvaluationCommon):
    """目标量化: the targets fixed at planning are what the evaluation measures."""

    def test_the_evaluation_measures_the_proposal_targets(self):
        self.event.target_ids = [
            Command.create({"indicator": "leads", "target": 4}),
            Command.create({"indicator": "satisfaction", "target": 80}),
            Command.create({"indicator": "sales", "target": 50000}),
        ]
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        evaluation.action_refresh_metrics()
        targets = {line.indicator: line.target for line in evaluation.line_ids}
        self.assertEqual(
            (targets["leads"], targets["satisfaction"], targets["won_revenue"]), (4, 80, 50000)
        )
        fixed = evaluation.line_ids.filtered("target_fixed")
        self.assertEqual(set(fixed.mapped("indicator")), {"leads", "satisfaction", "won_revenue"})
        leads = evaluation.line_ids.filtered(lambda line: line.indicator == "leads")
        with self.assertRaisesRegex(UserError, "was fixed by its approved proposal"):
            leads.with_user(self.evaluator).target = 40
        # an indicator the proposal did not fix stays the evaluator's to set
        attendance = evaluation.line_ids.filtered(lambda line: line.indicator == "attendance")
        attendance.with_user(self.evaluator).target = 90  # no refusal

    def test_without_proposal_targets_the_evaluator_sets_them(self):
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        evaluation.action_refresh_metrics()
        self.assertFalse(evaluation.line_ids.filtered("target_fixed"))
        leads = evaluation.line_ids.filtered(lambda line: line.indicator == "leads")
        leads.with_user(self.evaluator).target = 5  # no refusal
