from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestDeletionSafety(ClientEventsCommon):
    """What others depend on is kept: deleting it is refused and says what to do."""

    def _assert_unlink_refused(self, records, message, user=None):
        with self.assertRaisesRegex(UserError, message):
            records.with_user(user or self.ce_manager).unlink()
        self.assertTrue(records.exists(), "nothing was deleted")

    def test_events(self):
        draft = self._create_event(name="Draft, never submitted")
        submitted = self._create_event(name="Waiting for review")
        submitted.action_submit_for_approval()
        approved = self._create_event(name="Approved seminar", plan_line=self.plan_line_q2)
        approved.action_submit_for_approval()
        self._approve_all(approved)
        # an event whose type needs no approval can still carry costs
        with_costs = self._create_event(
            name="Staff outing with a deposit paid", event_type_id=self.plain_type.id
        )
        self.env["event.cost"].with_user(self.planner).create(
            {
                "event_id": with_costs.id,
                "budget_line_id": with_costs.budget_line_ids.id,
                "amount": 800,
                "description": "Hall deposit",
            }
        )
        cases = [
            (submitted, r"Waiting for review went through approval and is kept as history"),
            (approved, r"Approved seminar went through approval.*Cancel the event, or archive it"),
            (with_costs, r"Staff outing with a deposit paid has recorded costs.*Archive it"),
        ]
        for event, message in cases:
            with self.subTest(event=event.name):
                self._assert_unlink_refused(event, message)
        draft.with_user(self.ce_manager).unlink()
        self.assertFalse(draft.exists(), "a draft nobody depends on can go")

        approved.with_user(self.ce_manager).action_archive()
        self.assertFalse(approved.active)
        self.assertNotIn(approved, self.env["event.event"].search([]), "archived: out of sight")

    def test_a_revised_draft_goes_with_its_whole_history(self):
        event = self._create_event(name="Rejected, revised, dropped")
        event.action_submit_for_approval()
        event.with_user(self.reviewer).action_reject("Too large a hall.")
        event.action_reset_to_draft()
        event.action_submit_for_approval()
        event.with_user(self.reviewer).action_reject("Still too large.")
        event.action_reset_to_draft()
        Step = self.env["event.approval"].with_context(active_test=False)
        history = Step.search([("res_model", "=", "event.event"), ("res_id", "=", event.id)])
        self.assertTrue(history.filtered(lambda step: not step.active), "archived history")
        event.with_user(self.ce_manager).unlink()
        self.assertFalse(history.exists(), "no step is left pointing to a deleted event")

    def test_plans_and_plan_lines(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        self._assert_unlink_refused(
            self.group_plan, r"Group Plan 2027 went through approval and is kept as history"
        )
        # an approved line is part of what was approved, realised or not
        self._assert_unlink_refused(
            self.plan_line_q2,
            r"2027 Q2 · Spring Client Seminar went through approval and is kept as history",
        )
        draft_plan = (
            self.env["event.annual.plan"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Regional draft",
                    "year": 2027,
                    "level": "regional",
                    "line_ids": [Command.create({"quarter": "q3", "name": "Summer day"})],
                }
            )
        )
        line = draft_plan.line_ids
        draft_plan.with_user(self.ce_manager).unlink()
        self.assertFalse(line.exists(), "an unused draft plan goes with its lines")
        self.assertTrue(event.exists())
