from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventBudgetChange(ClientEventsExecutionCommon):
    def _change(self, amount, line=None, category=None, reason="More guests confirmed"):
        vals = {"event_id": self.event.id, "amount": amount, "reason": reason}
        if line:
            vals["budget_line_id"] = line.id
        if category:
            vals["category_id"] = category.id
        return self.env["event.budget.change"].with_user(self.planner).create(vals)

    def test_change_raises_line_and_then_allows_cost(self):
        self._cost(self.line_venue, 9000)
        with self.assertRaisesRegex(RedirectWarning, "Request a budget change"):
            self._cost(self.line_venue, 2000)
        change = self._change(3000, line=self.line_venue)
        self.assertEqual(change.category_id, self.cat_venue)
        change.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(
            change.approval_ids.group_id, self.env.ref("client_events.group_approver")
        )
        with self.assertRaisesRegex(AccessError, "Only members of"):
            change.with_user(self.planner).action_approve()
        self.assertEqual(self.line_venue.approved_amount, 10000)
        change.with_user(self.approver).action_approve()
        self.assertEqual(change.approval_state, "approved")
        self.assertTrue(change.approved_date)
        self.assertEqual(self.line_venue.approved_amount, 13000)
        self.assertEqual(self.line_venue.planned_amount, 10000, "the plan stays as history")
        self.assertIn("raised from", self.event.message_ids[0].body)
        self._cost(self.line_venue, 2000)
        self.assertEqual(self.event.cost_amount, 11000)
        self.assertEqual(self.event.approved_budget_amount, 18000)

    def test_change_for_a_new_line(self):
        gifts = self.env["event.budget.category"].create({"name": "Gifts"})
        change = self._change(800, category=gifts)
        change.with_user(self.planner).action_submit_for_approval()
        change.with_user(self.approver).action_approve()
        new_line = change.budget_line_id
        self.assertEqual(new_line.event_id, self.event)
        self.assertEqual(new_line.category_id, gifts)
        self.assertEqual(new_line.approved_amount, 800)
        self._cost(new_line, 800, description="Gift boxes")

    def test_change_crossing_large_threshold_needs_vp(self):
        change = self._change(90000, line=self.line_venue)
        change.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(
            change.approval_ids.group_id,
            self.env.ref("client_events.group_approver")
            | self.env.ref("client_events.group_executive"),
        )
        change.with_user(self.approver).action_approve()
        self.assertEqual(change.approval_state, "submitted")
        self.assertEqual(self.line_venue.approved_amount, 10000)
        with self.assertRaisesRegex(AccessError, "Only members of"):
            change.with_user(self.approver).action_approve()
        change.with_user(self.executive).action_approve()
        self.assertEqual(change.approval_state, "approved")
        self.assertEqual(self.line_venue.approved_amount, 100000)

    def test_small_change_needs_no_vp(self):
        change = self._change(1000, line=self.line_venue)
        change.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(len(change.approval_ids), 1)

    def test_submitter_cannot_approve_own_change(self):
        change = (
            self.env["event.budget.change"]
            .with_user(self.approver)
            .create(
                {
                    "event_id": self.event.id,
                    "budget_line_id": self.line_venue.id,
                    "amount": 500,
                    "reason": "Extra chairs",
                }
            )
        )
        change.with_user(self.approver).action_submit_for_approval()
        with self.assertRaisesRegex(AccessError, "another approver must do it"):
            change.with_user(self.approver).action_approve()

    def test_rejected_change_leaves_line_unchanged(self):
        change = self._change(1000, line=self.line_venue)
        change.with_user(self.planner).action_submit_for_approval()
        change.with_user(self.approver).action_reject("Use the catering savings")
        self.assertEqual(change.approval_state, "rejected")
        self.assertEqual(self.line_venue.approved_amount, 10000)

    def test_change_refusals(self):
        unapproved = self._create_event("Draft Seminar")
        with self.assertRaisesRegex(UserError, "Draft Seminar is not approved yet"):
            self.env["event.budget.change"].with_user(self.planner).create(
                {
                    "event_id": unapproved.id,
                    "budget_line_id": unapproved.budget_line_ids[0].id,
                    "amount": 100,
                    "reason": "Early",
                }
            )
        with self.assertRaisesRegex(ValidationError, "must ask for a positive amount"):
            self._change(0, line=self.line_venue)
        with self.assertRaisesRegex(ValidationError, "needs a budget line to raise"):
            self._change(100)
        change = self._change(100, line=self.line_venue)
        change.with_user(self.planner).action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "cannot be changed anymore"):
            change.with_user(self.planner).amount = 5000
        with self.assertRaisesRegex(UserError, "cannot be written directly"):
            change.with_user(self.planner).write({"approval_state": "approved"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            change.with_user(self.planner).unlink()

    def test_close_refused_with_open_change(self):
        self._move_to_past(self.event)
        change = self._change(100, line=self.line_venue)
        with self.assertRaisesRegex(UserError, "still has budget changes waiting for a decision"):
            self.event.with_user(self.planner).action_close()
        change.with_user(self.planner).action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "still has budget changes waiting for a decision"):
            self.event.with_user(self.planner).action_close()
        change.with_user(self.approver).action_approve()
        self.event.with_user(self.planner).action_close()
        self.assertTrue(self.event.costs_closed)
        with self.assertRaisesRegex(UserError, "is closed: ask an events administrator"):
            self._change(100, line=self.line_venue)
