from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClientEventsCommon, ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestRiskInTheApprovalChain(ClientEventsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.safety = cls.env.ref("client_events.event_risk_type_safety")
        cls.leader = cls.planner_2
        cls.planning_group = cls.env["event.planning.group"].create(
            {"name": "Seminar planning group", "user_id": cls.leader.id}
        )

    def _risk(self, event, likelihood, impact, **values):
        return (
            self.env["event.risk"]
            .with_user(self.planner)
            .create(
                {
                    "event_id": event.id,
                    "risk_type_id": self.safety.id,
                    "name": f"Risk {likelihood}x{impact}",
                    "likelihood": likelihood,
                    "impact": impact,
                    **values,
                }
            )
        )

    def test_submission_refused_while_a_high_risk_lacks_mitigation_or_owner(self):
        event = self._create_event()
        risk = self._risk(event, 4, 4)
        with self.assertRaisesRegex(
            UserError,
            "Client Seminar cannot be submitted for approval: the high risk “Risk 4x4” "
            "needs a mitigation and an owner",
        ):
            event.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(event.approval_state, "draft")
        self.assertEqual(event.risk_ids, risk, "the register is kept as entered")
        risk.mitigation = "Two stewards at the stairs"
        with self.assertRaisesRegex(UserError, "“Risk 4x4” needs a mitigation and an owner"):
            event.with_user(self.planner).action_submit_for_approval()
        risk.owner_id = self.planner
        event.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(event.approval_state, "submitted")

    def test_closed_and_medium_risks_do_not_block(self):
        event = self._create_event()
        self._risk(event, 3, 3)
        closed = self._risk(event, 5, 5)
        closed.action_close()
        event.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(event.approval_state, "submitted")

    def test_approver_sees_the_register_highest_first(self):
        event = self._create_event()
        medium = self._risk(event, 2, 3)
        high = self._risk(event, 5, 4, mitigation="Evacuation drill", owner_id=self.planner.id)
        self._risk(event, 1, 1).action_close()
        event.with_user(self.planner).action_submit_for_approval()
        wizard = (
            self.env["event.approval.decide"]
            .with_user(self.reviewer)
            .create({"res_model": "event.event", "res_id": event.id})
        )
        self.assertEqual(wizard.risk_ids.ids, [high.id, medium.id])
        plan_wizard = (
            self.env["event.approval.decide"]
            .with_user(self.hq_user)
            .create({"res_model": "event.annual.plan", "res_id": self.group_plan.id})
        )
        self.assertFalse(plan_wizard.risk_ids)

    def test_large_event_gets_a_venue_safety_inspection_on_submission(self):
        large = self._create_event(participants=500)
        small = self._create_event(participants=50)
        (large | small).with_user(self.planner).action_submit_for_approval()
        inspection = large.prep_task_ids.filtered("is_safety_inspection")
        self.assertEqual(len(inspection), 1)
        self.assertEqual(inspection.deadline, datetime(2027, 5, 7).date())
        self.assertFalse(small.prep_task_ids)
        large._ensure_safety_inspection()
        self.assertEqual(len(large.prep_task_ids), 1, "never added twice")

    def test_outdoor_events_get_the_typical_risks_and_the_checklist(self):
        outdoor = self.env.ref("client_events.event_type_outdoor")
        event = self._create_event(event_type_id=outdoor.id)
        event.invalidate_recordset(["risk_ids"])
        self.assertEqual(
            event.risk_ids.mapped("name"),
            [
                "Injury during the activities",
                "Rain, heat or storm on the day",
                "Coach late or cancelled",
            ],
        )
        self.assertEqual(event.risk_ids[0].level, "high")
        inspection = event.prep_task_ids.filtered("is_safety_inspection")
        self.assertEqual(inspection.name, "Venue safety inspection (场地安全检查)")
        self.assertEqual(inspection.deadline, datetime(2027, 5, 7).date())
        with self.assertRaisesRegex(UserError, "“Injury during the activities” needs"):
            event.with_user(self.planner).action_submit_for_approval()
        event.risk_ids[0].owner_id = self.planner
        event.with_user(self.planner).action_submit_for_approval()

    def test_severe_incident_notifies_the_leader_and_the_approver_at_once(self):
        event = self._create_event(planning_group_id=self.planning_group.id)
        event.with_user(self.planner).action_submit_for_approval()
        self._approve_all(event)
        self.assertEqual(event.approval_state, "approved")
        crew = self.event_user
        event.execution_member_ids = [Command.create({"user_id": crew.id, "role": "logistics"})]
        incident = (
            self.env["event.incident"]
            .with_user(crew)
            .create(
                {
                    "event_id": event.id,
                    "name": "Guest fainted",
                    "category": "medical",
                    "severity": "severe",
                }
            )
        )
        self.assertEqual(incident.activity_ids.user_id, self.leader | self.approver)
        message = event.message_ids[0]
        self.assertIn("Severe incident at Client Seminar: Guest fainted (Medical)", message.body)
        self.assertEqual(message.author_id, crew.partner_id)
        self.assertEqual(message.partner_ids, self.leader.partner_id | self.approver.partner_id)

    def test_incident_raised_to_severe_notifies_once(self):
        event = self._create_event(planning_group_id=self.planning_group.id)
        incident = (
            self.env["event.incident"]
            .with_user(self.planner)
            .create({"event_id": event.id, "name": "Power cut", "severity": "major"})
        )
        self.assertFalse(incident.activity_ids)
        incident.severity = "severe"
        self.assertEqual(incident.activity_ids.user_id, self.leader)
        incident.write({"severity": "severe", "action_taken": "Generator started"})
        self.assertEqual(len(incident.activity_ids), 1)


@tagged("post_install", "-at_install")
class TestDailyReportCosts(ClientEventsExecutionCommon):
    def test_costs_of_the_day_and_frozen_at_confirmation(self):
        event = self.event
        begin = event.date_begin
        event.with_user(self.ce_manager).date_end = begin + timedelta(days=2)
        first, second, third = event.daily_report_ids
        day_one, day_two = first.day, second.day
        hall = self._cost(self.line_venue, 3000)
        hall.date = day_one
        lunch = self._cost(self.line_catering, 800, description="Lunch")
        lunch.date = day_one
        self._cost(self.line_catering, 1200, description="Dinner").date = day_two
        self.assertEqual(first.cost_amount, 3800)
        self.assertEqual(first.cost_ids, hall | lunch)
        self.assertEqual((second.cost_amount, third.cost_amount), (1200, 0))
        first.write({"client_representative": "Mr Li", "signed_document": "JVBERi0xLjQ="})
        first.action_confirm()
        self._cost(self.line_catering, 500, description="Late snacks").date = day_one
        self.assertEqual(first.cost_amount, 3800, "the client signed 3,800 for that day")
        self.assertEqual(first.confirmed_cost_amount, 3800)
