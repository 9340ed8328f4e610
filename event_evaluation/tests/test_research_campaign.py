from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestResearchCampaign(EventEvaluationCommon):
    """Needs research (需求调研): a survey sent to segments, interviews, results per
    question and segment, the client-data summary, and the proposal citing it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment_top = cls.env["client.segment"].create({"name": "Top Clients", "sequence": 1})
        cls.segment_new = cls.env["client.segment"].create({"name": "Newcomers", "sequence": 2})
        cls.client_a, cls.client_b, cls.client_c, cls.client_d = cls.env["res.partner"].create(
            [
                {"name": "Client A", "email": "a@example.com"},
                {"name": "Client B", "email": "b@example.com"},
                {"name": "Client C", "email": "c@example.com"},
                {"name": "Client D", "email": "d@example.com", "phone": "+86 21 5555 0000"},
            ]
        )
        (cls.client_a | cls.client_b).client_segment_id = cls.segment_top
        cls.client_c.client_segment_id = cls.segment_new
        cls.research_survey = cls.env["survey.survey"].create(
            {
                "title": "What do you expect of our events?",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Budget per year",
                            "question_type": "numerical_box",
                            "sequence": 1,
                        }
                    ),
                    Command.create(
                        {
                            "title": "Interested in a seminar?",
                            "question_type": "simple_choice",
                            "sequence": 2,
                            "suggested_answer_ids": [
                                Command.create({"value": "Yes"}),
                                Command.create({"value": "No"}),
                            ],
                        }
                    ),
                ],
            }
        )
        cls.q_budget, cls.q_seminar = cls.research_survey.question_ids.sorted("sequence")
        cls.yes, cls.no = cls.q_seminar.suggested_answer_ids

    def _campaign(self, user=None, **values):
        vals = {
            "name": "Spring research",
            "survey_id": self.research_survey.id,
            "segment_ids": [Command.set([self.segment_top.id, self.segment_new.id])],
            "manual_partner_ids": [Command.set(self.client_d.ids)],
        }
        vals.update(values)
        return self.env["event.research.campaign"].with_user(user or self.evaluator).create(vals)

    def _answer(self, campaign, partner, budget, choice, done=True):
        answer = campaign.user_input_ids.filtered(lambda a: a.partner_id == partner)[:1]
        if not answer:
            answer = campaign.sudo()._record_interview(partner, "phone")
        answer = answer.sudo()
        answer._save_lines(self.q_budget, budget)
        answer._save_lines(self.q_seminar, choice.id)
        if done:
            answer._mark_done()
        return answer

    # ------------------------------------------------------------
    # States and refusals
    # ------------------------------------------------------------

    def test_recipients_are_segment_clients_and_hand_picked(self):
        campaign = self._campaign()
        self.assertEqual(
            campaign.partner_ids, self.client_a | self.client_b | self.client_c | self.client_d
        )
        self.assertEqual(campaign.recipient_count, 4)

    def test_send_invites_with_personal_answers(self):
        campaign = self._campaign()
        campaign.action_send()
        self.assertEqual(campaign.state, "running")
        answers = campaign.user_input_ids
        self.assertEqual(answers.partner_id, campaign.partner_ids)
        self.assertEqual(set(answers.mapped("research_channel")), {"online"})
        self.assertEqual(len(set(answers.mapped("access_token"))), 4, "one personal link each")
        self.assertEqual(
            {answer.partner_id: answer.client_segment_id for answer in answers},
            {
                self.client_a: self.segment_top,
                self.client_b: self.segment_top,
                self.client_c: self.segment_new,
                self.client_d: self.env["client.segment"],
            },
        )
        mails = (
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", answers.partner_id.ids)])
        )
        self.assertEqual(mails.recipient_ids, answers.partner_id)
        for answer in answers:
            self.assertIn(answer.access_token, " ".join(mails.mapped("body_html")))
        self.assertEqual(campaign.invited_count, 4)
        self.assertEqual(campaign.interview_count, 0)
        self.assertEqual(campaign.done_count, 0)
        self.assertEqual(campaign.response_rate, 0.0)

    def test_refuse_send_without_survey_or_recipients(self):
        no_survey = self._campaign(survey_id=False)
        with self.assertRaisesRegex(UserError, "Spring research has no survey"):
            no_survey.action_send()
        nobody = self._campaign(
            segment_ids=[Command.clear()], manual_partner_ids=[Command.clear()]
        )
        with self.assertRaisesRegex(UserError, "Spring research has no recipients"):
            nobody.action_send()
        # empty segment: no recipients either
        empty = self.env["client.segment"].create({"name": "Dormant"})
        dormant = self._campaign(
            segment_ids=[Command.set(empty.ids)], manual_partner_ids=[Command.clear()]
        )
        with self.assertRaisesRegex(UserError, "has no recipients"):
            dormant.action_send()
        self.assertEqual((no_survey | nobody | dormant).mapped("state"), ["draft"] * 3)
        self.assertFalse((no_survey | nobody | dormant).user_input_ids)

    def test_refuse_sending_twice_closing_twice_and_early(self):
        campaign = self._campaign()
        with self.assertRaisesRegex(UserError, "Spring research has not been sent"):
            campaign.action_close()
        campaign.action_send()
        with self.assertRaisesRegex(UserError, "Spring research has already been sent"):
            campaign.action_send()
        self.assertEqual(len(campaign.user_input_ids), 4)
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")
        with self.assertRaisesRegex(UserError, "Spring research is already closed"):
            campaign.action_close()

    def test_recipients_stay_as_sent(self):
        campaign = self._campaign()
        campaign.action_send()
        recipients = campaign.partner_ids
        other = self.env["res.partner"].create({"name": "Late Client"})
        for vals in (
            {"manual_partner_ids": [Command.link(other.id)]},
            {"segment_ids": [Command.clear()]},
            {"survey_id": False},
        ):
            with self.assertRaisesRegex(UserError, "Spring research has been sent"):
                campaign.write(vals)
        self.assertEqual(campaign.partner_ids, recipients)
        campaign.name = "Spring research 2027"  # the rest of the campaign stays editable

    def test_refuse_writing_state_directly(self):
        campaign = self._campaign()
        for record in (campaign, campaign.sudo()):
            with self.assertRaisesRegex(UserError, "changes with its Send and Close buttons only"):
                record.write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "changes with its Send and Close buttons only"):
            self._campaign(state="running")
        self.assertEqual(campaign.state, "draft")

    # ------------------------------------------------------------
    # Interviews
    # ------------------------------------------------------------

    def test_interview_recorded_with_its_channel(self):
        campaign = self._campaign()
        campaign.action_send()
        wizard = (
            self.env["event.research.interview"]
            .with_user(self.evaluator)
            .create(
                {"campaign_id": campaign.id, "partner_id": self.client_d.id, "channel": "visit"}
            )
        )
        action = wizard.action_start()
        interview = campaign.user_input_ids.filtered(lambda a: a.research_channel == "visit")
        self.assertEqual(interview.partner_id, self.client_d)
        self.assertEqual(interview.interviewer_id, self.evaluator)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"answer_token={interview.access_token}", action["url"])
        self._answer(campaign, self.client_d, 12, self.yes)
        self.assertEqual(campaign.interview_count, 1)
        self.assertEqual(campaign.done_count, 1)
        # the answer of the interview counts with the online ones: 1 of 4 recipients
        self.assertEqual(campaign.response_rate, 25.0)

    def test_refuse_interview_outside_running(self):
        campaign = self._campaign()
        wizard = self.env["event.research.interview"].create(
            {"campaign_id": campaign.id, "partner_id": self.client_a.id}
        )
        with self.assertRaisesRegex(UserError, "Spring research is not running"):
            wizard.action_start()
        self.assertFalse(campaign.user_input_ids)

    # ------------------------------------------------------------
    # Results per question and segment
    # ------------------------------------------------------------

    def test_results_per_question_and_segment(self):
        campaign = self._campaign()
        campaign.action_send()
        self._answer(campaign, self.client_a, 10, self.yes)
        self._answer(campaign, self.client_b, 20, self.no)
        self._answer(campaign, self.client_c, 40, self.yes)
        self._answer(campaign, self.client_d, 99, self.no, done=False)  # not completed
        # A moves to another segment after answering: his answer stays with Top Clients
        self.client_a.client_segment_id = self.segment_new
        results = {(row["question"], row["segment"]): row for row in campaign._get_results()}
        self.assertEqual(
            list(results),
            [
                (self.q_budget, self.segment_top),
                (self.q_budget, self.segment_new),
                (self.q_seminar, self.segment_top),
                (self.q_seminar, self.segment_new),
            ],
        )
        top_budget = results[(self.q_budget, self.segment_top)]
        self.assertEqual(top_budget["respondent_count"], 2)
        self.assertEqual(top_budget["numerical_avg"], 15.0)  # (10 + 20) / 2
        self.assertEqual(results[(self.q_budget, self.segment_new)]["numerical_avg"], 40.0)
        self.assertEqual(
            results[(self.q_seminar, self.segment_top)]["choices"], [(self.yes, 1), (self.no, 1)]
        )
        self.assertFalse(results[(self.q_seminar, self.segment_top)]["numerical_avg"])
        self.assertEqual(results[(self.q_seminar, self.segment_new)]["choices"], [(self.yes, 1)])
        # the pivot's figures, read as the evaluator does
        report = self.env["event.research.answer.report"].with_user(self.evaluator)
        grouped = report._read_group(
            [("campaign_id", "=", campaign.id), ("is_done", "=", True)],
            ["question_id", "segment_id"],
            ["respondent_count:count_distinct", "value_numerical:avg"],
        )
        self.assertIn((self.q_budget, self.segment_top, 2, 15.0), grouped)
        self.assertIn((self.q_budget, self.segment_new, 1, 40.0), grouped)
        self.assertEqual(campaign.done_count, 3)
        self.assertEqual(campaign.response_rate, 75.0)  # 3 of 4 recipients

    def test_results_empty(self):
        campaign = self._campaign()
        self.assertEqual(campaign._get_results(), [])
        campaign.action_send()
        self.assertEqual(campaign._get_results(), [])
        self.assertEqual(campaign.done_count, 0)
        nobody = self._campaign(
            segment_ids=[Command.clear()], manual_partner_ids=[Command.clear()]
        )
        self.assertEqual(nobody.recipient_count, 0)
        self.assertEqual(nobody.response_rate, 0.0)

    # ------------------------------------------------------------
    # Client-data summary
    # ------------------------------------------------------------

    def test_client_summary(self):
        self.client_a.write(
            {
                "client_attended_count": 3,
                "client_last_attended_date": date(2027, 1, 15),
                "client_won_count": 2,
                "client_won_revenue": 50000.0,
                "client_complaint_count": 1,
                "client_satisfaction": 80.0,
                "client_last_contact_date": date(2027, 2, 20),
            }
        )
        self.client_b.write(
            {
                "client_attended_count": 1,
                "client_last_attended_date": date(2026, 11, 3),
                "client_won_revenue": 12500.5,
                "client_won_count": 1,
                "client_satisfaction": 60.0,
                "client_last_contact_date": date(2026, 12, 1),
            }
        )
        self.client_c.write({"client_complaint_count": 2})
        summary = self._campaign()._get_client_summary()
        self.assertEqual(
            summary,
            {
                "client_count": 4,
                "attended_client_count": 2,
                "attended_count": 4,
                "last_attended_date": date(2027, 1, 15),
                "won_count": 3,
                "won_revenue": 62500.5,
                "complaint_count": 3,
                "complaint_client_count": 2,
                "satisfaction_avg": 70.0,  # A and B; C and D have no score
                "last_contact_date": date(2027, 2, 20),
            },
        )

    def test_client_summary_counts_a_contacts_company(self):
        """The segmentation measures companies: a contact interviewed stands for his
        company, counted once however many of its people are asked."""
        company = self.env["res.partner"].create(
            {
                "name": "Hengtong Ltd",
                "is_company": True,
                "client_attended_count": 2,
                "client_won_revenue": 30000.0,
            }
        )
        chen, wu = self.env["res.partner"].create(
            [
                {"name": "Chen", "parent_id": company.id, "email": "chen@example.com"},
                {"name": "Wu", "parent_id": company.id, "email": "wu@example.com"},
            ]
        )
        campaign = self._campaign(
            segment_ids=[Command.clear()], manual_partner_ids=[Command.set((chen | wu).ids)]
        )
        self.assertEqual(campaign.client_ids, company)
        summary = campaign._get_client_summary()
        self.assertEqual(summary["client_count"], 1)
        self.assertEqual(summary["attended_count"], 2)
        self.assertEqual(summary["won_revenue"], 30000.0)

    def test_client_summary_empty(self):
        nobody = self._campaign(
            segment_ids=[Command.clear()], manual_partner_ids=[Command.clear()]
        )
        summary = nobody._get_client_summary()
        self.assertEqual(summary["client_count"], 0)
        self.assertEqual(summary["won_revenue"], 0.0)
        self.assertIs(summary["satisfaction_avg"], False)
        self.assertIs(summary["last_contact_date"], False)
        # clients with no figures yet: zeros, and no satisfaction average
        summary = self._campaign()._get_client_summary()
        self.assertEqual(summary["client_count"], 4)
        self.assertEqual(summary["attended_count"], 0)
        self.assertIs(summary["satisfaction_avg"], False)

    # ------------------------------------------------------------
    # The proposal cites its research
    # ------------------------------------------------------------

    def test_report_renders_and_attaches_to_the_event(self):
        # wkhtmltopdf would fetch the assets from this very server, blocked by the test
        # transaction: point it to a closed port so it renders with inline styles only
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        campaign = self._campaign()
        report = self.env.ref("event_evaluation.event_research_campaign_report")
        # empty: no answer yet
        html = str(report._render_qweb_html(report.report_name, campaign.ids)[0])
        self.assertIn("No completed answer yet.", html)
        campaign.action_send()
        self._answer(campaign, self.client_a, 10, self.yes)
        self._answer(campaign, self.client_b, 20, self.no)
        self.client_a.client_won_revenue = 50000.0
        html = str(report._render_qweb_html(report.report_name, campaign.ids)[0])
        for text in (
            "Budget per year",
            "Top Clients",
            "Yes",
            "15",
            "Client data of the recipients",
        ):
            self.assertIn(text, html)

        with self.assertRaisesRegex(UserError, "No event cites Spring research"):
            campaign.with_user(self.evaluator).action_attach_to_events()
        event = self._create_event()
        event.research_campaign_ids = campaign
        self.assertEqual(campaign.event_ids, event)
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            attachment = (
                campaign.with_user(self.evaluator)
                .with_context(force_report_rendering=True)
                ._attach_to_events()
            )
        self.assertEqual((attachment.res_model, attachment.res_id), ("event.event", event.id))
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertIn(attachment, event.message_ids.attachment_ids)

    # ------------------------------------------------------------
    # Access
    # ------------------------------------------------------------

    def test_access(self):
        campaign = self._campaign()
        # planners read the research their proposal cites, and change nothing
        campaign.with_user(self.planner).read(["name", "state"])
        report = self.env.ref("event_evaluation.event_research_campaign_report").with_user(
            self.planner
        )
        html = str(report._render_qweb_html(report.report_name, campaign.ids)[0])
        self.assertIn(campaign.survey_id.title, html, "a planner prints the research it cites")
        # evaluators read the answers on the campaign's form
        campaign.action_send()
        answers = campaign.with_user(self.evaluator).user_input_ids
        self.assertTrue(answers.read(["partner_id", "state", "research_channel"]))
        self.assertFalse(answers.user_input_line_ids.read(["question_id"]), "none answered yet")
        with self.assertRaises(AccessError):
            campaign.with_user(self.planner).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self._campaign(user=self.planner)
        with self.assertRaises(AccessError):
            self.env["event.research.answer.report"].with_user(self.planner).search([])
        # an employee sees nothing of it
        employee = new_test_user(self.env, "ev_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            campaign.with_user(employee).read(["name"])
        with self.assertRaises(AccessError):
            self.env["event.research.campaign"].with_user(employee).search_count([])
        # only an evaluation reviewer deletes
        with self.assertRaises(AccessError):
            campaign.with_user(self.evaluator).unlink()
        campaign.with_user(self.evaluation_reviewer).unlink()

    def test_other_company_invisible(self):
        other = self.env["res.company"].create({"name": "Other Branch"})
        foreign = self._campaign(user=self.env.user, company_id=other.id)
        self.assertFalse(
            self.env["event.research.campaign"]
            .with_user(self.evaluator)
            .search([("id", "=", foreign.id)])
        )
