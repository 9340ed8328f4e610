from odoo.tests import HttpCase, freeze_time, tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install", "client_events_tour")
class TestProposalTour(HttpCase, ClientEventsCommon):
    """The approval chain of a proposal, clicked through in a real browser."""

    def test_proposal_submitted_reviewed_and_approved(self):
        self.start_tour("/odoo", "client_events_proposal_submit", login=self.planner.login)
        event = self.env["event.event"].search([("name", "=", "Tax Reform Seminar for Clients")])
        self.assertEqual(len(event), 1, "the planner's tour created the event")
        self.assertEqual(event.approval_state, "submitted")
        self.assertEqual(event.event_type_id, self.seminar_type)
        self.assertEqual(event.annual_plan_line_id, self.plan_line_q2)
        self.assertEqual(event.agenda_line_ids.mapped("name"), ["Keynote: the reform in one hour"])
        self.assertEqual(
            sorted(event.budget_line_ids.mapped("planned_amount")), [12000.0, 30000.0]
        )
        self.assertEqual(event.budget_amount, 42000.0)
        targets = {line.indicator: line.target for line in event.target_ids}
        self.assertEqual((targets["leads"], targets["satisfaction"]), (8, 85))
        self.assertEqual(
            event.approval_ids.mapped("group_id"),
            self.env.ref("client_events.group_reviewer")
            | self.env.ref("client_events.group_approver"),
            "planned and below the thresholds: internal review and leadership only",
        )

        self.start_tour("/odoo", "client_events_proposal_approve", login=self.reviewer.login)
        self.assertEqual(event.approval_ids[0].state, "approved")
        self.assertEqual(event.approval_ids[0].user_id, self.reviewer)
        self.assertEqual(event.approval_state, "submitted", "leadership has not decided yet")

        self.start_tour("/odoo", "client_events_proposal_approve", login=self.approver.login)
        self.assertEqual(event.approval_state, "approved")
        self.assertEqual(event.approval_ids[1].user_id, self.approver)
        self.assertEqual(event.approval_ids[1].comment, "Budget within the plan line.")

        self.start_tour("/odoo", "client_events_proposal_approved", login=self.planner.login)


@tagged("post_install", "-at_install", "client_events_tour")
class TestWatchTour(HttpCase, ClientEventsCommon):
    """Public opinion and risk check-ups, clicked through in a real browser."""

    def test_mention_logged_and_assigned(self):
        self.start_tour("/odoo", "client_events_opinion_assign", login=self.planner.login)
        opinion = self.env["event.opinion"].search([])
        self.assertEqual(opinion.name, "Weibo post: long queues at the check-in")
        self.assertEqual((opinion.sentiment, opinion.state), ("negative", "assigned"))
        self.assertEqual(opinion.activity_ids.user_id, self.planner_2)
        self.assertTrue(opinion.date_deadline, "a negative mention gets its deadline")

    def test_headquarters_records_an_overdue_check_up(self):
        event = self._create_event("Autumn Outing", event_type_id=self.plain_type.id)
        with freeze_time("2027-01-04"):  # registered two months ago: its check-up is late
            risk = self.env["event.risk"].create(
                {
                    "event_id": event.id,
                    "risk_type_id": self.env.ref("client_events.event_risk_type_safety").id,
                    "name": "Crowd at the gate",
                    "likelihood": 5,
                    "impact": 4,
                    "owner_id": self.planner_2.id,
                    "mitigation": "Four stewards and a second gate",
                }
            )
        self.assertTrue(risk.is_checkup_overdue)
        self.start_tour("/odoo", "client_events_risk_checkup", login=self.hq_user.login)
        self.assertEqual(risk.checkup_ids.status, "delayed")
        self.assertEqual(risk.checkup_ids.user_id, self.hq_user)
        self.assertFalse(risk.is_checkup_overdue)
