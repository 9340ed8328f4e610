from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ClientEventsCommon


@tagged("security")
class TestRegions(ClientEventsCommon):
    """A region is a branch company of headquarters' company: its people work in it
    only, headquarters in both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.region = cls.env["res.company"].create(
            {"name": "Hong Kong Office", "parent_id": cls.company.id}
        )
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        region_users = {"company_id": cls.region.id, "company_ids": [Command.set(cls.region.ids)]}
        cls.region_planner = new_test_user(
            cls.env, "hk_planner", groups="client_events.group_planner", context=ctx
        )
        cls.region_manager = new_test_user(
            cls.env, "hk_manager", groups="client_events.group_approver", context=ctx
        )
        (cls.region_planner | cls.region_manager).write(region_users)
        cls.hq_user.company_ids |= cls.region

    def _region_plan(self):
        return (
            self.env["event.annual.plan"]
            .with_user(self.region_planner)
            .with_company(self.region)
            .create(
                {
                    "name": "Hong Kong 2027",
                    "year": 2027,
                    "level": "regional",
                    "parent_id": self.group_plan.id,
                    "line_ids": [Command.create({"quarter": "q3", "name": "Tax breakfast"})],
                }
            )
        )

    def _asked(self, plan):
        approval = self.env.ref("client_events.mail_activity_type_approval")
        return plan.activity_ids.filtered(
            lambda activity: activity.activity_type_id == approval
        ).user_id

    def test_a_region_plans_under_the_group_plan_it_reads_but_cannot_change(self):
        plan = self._region_plan()
        self.assertEqual(plan.company_id, self.region)
        group_plan = self.group_plan.with_user(self.region_planner)
        self.assertEqual(plan.parent_id.name, "Group Plan 2027")
        self.assertEqual(
            self.env["event.annual.plan"].with_user(self.region_planner).search([]),
            group_plan | plan,
        )
        with self.assertRaises(AccessError):
            group_plan.write({"note": "<p>Our own group plan</p>"})
        # the plan lines of headquarters stay headquarters'
        with self.assertRaises(AccessError):
            self.plan_line_q2.with_user(self.region_planner).read(["name"])
        with self.assertRaisesRegex(
            UserError,
            "Group Plan 2027 is the plan of .*: its own planners copy it to the next year. "
            "Copy your region's plan instead.",
        ):
            group_plan.action_copy_to_next_year()
        # the region's plan is not visible to the head office's planner
        self.assertFalse(
            self.env["event.annual.plan"].with_user(self.planner).search([("id", "=", plan.id)])
        )

    def test_a_region_plan_is_decided_by_its_own_leadership_then_headquarters(self):
        plan = self._region_plan()
        plan.action_submit_for_approval()
        # the head office's approver works for another company: he is not asked
        self.assertEqual(self._asked(plan), self.region_manager)
        plan.with_user(self.region_manager).action_approve()
        self.assertIn(self.hq_user, self._asked(plan))
        plan.with_user(self.hq_user).with_company(self.region).action_approve()
        self.assertEqual(plan.state, "approved")
