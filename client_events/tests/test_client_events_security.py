from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install", "security")
class TestClientEventsSecurity(ClientEventsCommon):
    def test_steps_are_read_only(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        step = event.approval_ids.with_user(self.planner)[0]
        self.assertEqual(step.state, "pending")
        for user in (self.planner, self.reviewer, self.executive):
            with self.assertRaises(AccessError):
                step.with_user(user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                self.env["event.approval"].with_user(user).create(
                    {"res_model": "event.event", "res_id": event.id, "name": "Fake step"}
                )

    def test_rules_configured_by_manager_only(self):
        with self.assertRaises(AccessError):
            self.rule_hq.with_user(self.executive).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["event.budget.category"].with_user(self.planner).create({"name": "Misc"})
        # the administrator may: no refusal
        self.rule_hq.with_user(self.ce_manager).write({"sequence": 5})

    def test_plan_of_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "North Region Co."})
        plan = self.env["event.annual.plan"].create(
            {"name": "North 2027", "year": 2027, "level": "regional", "company_id": other.id}
        )
        plans = self.env["event.annual.plan"].with_user(self.planner).search([])
        self.assertNotIn(plan, plans)
        with self.assertRaises(AccessError):
            plan.with_user(self.planner).read(["name"])

    def test_deleting_event_removes_its_steps(self):
        event = self._create_event()
        event.action_submit_for_approval()
        event.with_user(self.reviewer).action_reject("Not this year.")
        steps = event.approval_ids
        self.assertTrue(steps)
        event.sudo().unlink()  # a rejected proposal may go, a submitted one is kept
        self.assertFalse(steps.exists())
