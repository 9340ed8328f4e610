from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

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
        # the form says so and offers nothing to change
        self.assertTrue(group_plan.is_other_company)
        self.assertFalse(self.group_plan.with_user(self.planner).is_other_company)
        # as the record rules: headquarters working in the region only reads it too
        at_headquarters = self.group_plan.with_user(self.hq_user)
        self.assertFalse(at_headquarters.is_other_company)
        self.assertTrue(at_headquarters.with_company(self.region).is_other_company)
        self.assertFalse(plan.is_other_company)
        form = Form(group_plan)
        for name in ("name", "target_budget", "note"):
            with self.subTest(field=name), self.assertRaisesRegex(AssertionError, "readonly"):
                setattr(form, name, False)
        for name in ("line_ids", "target_ids"):
            with self.subTest(field=name), self.assertRaisesRegex(AssertionError, "not editable"):
                getattr(form, name).new()
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

    def test_a_region_reads_the_group_plan_as_headquarters_does(self):
        """The group plan's lines, club targets and figures read the same in a region,
        and stay headquarters' to change."""
        group_plan = (
            self.env["event.annual.plan"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Group Plan 2028",
                    "year": 2028,
                    "level": "group",
                    "line_ids": [
                        Command.create(
                            {"quarter": "q2", "name": "Spring Forum", "planned_budget": 200000}
                        )
                    ],
                    "target_ids": [
                        Command.create({"kind": "members_recruited", "target_value": 12})
                    ],
                }
            )
        )
        group_plan.action_submit_for_approval()
        self._approve_all(group_plan)
        line, target = group_plan.line_ids, group_plan.target_ids
        event = self._create_event(
            plan_line=line, amounts=(80000,), begin=datetime(2028, 5, 10, 9)
        )
        event.action_submit_for_approval()
        self._approve_all(event)
        # a member the region recruited counts for the group: every region's
        member = self.env["res.partner"].create(
            {"name": "Hong Kong member", "company_id": self.region.id}
        )
        self.env["membership.membership_line"].sudo().create(
            {
                "partner": member.id,
                "membership_id": self.env.ref("client_events.membership_product_owner").id,
                "member_price": 0.0,
                "date": "2028-03-01",
                "date_from": "2028-03-01",
                "date_to": "2028-12-31",
            }
        )
        figures = [
            "event_count",
            "approved_budget",
            "remaining_budget",
            "planned_budget",
            "target_member_count",
            "recruited_member_count",
        ]
        at_headquarters = group_plan.with_user(self.planner).read(figures)
        in_the_region = group_plan.with_user(self.region_planner).read(figures)
        self.assertEqual(in_the_region, at_headquarters)
        self.assertEqual(
            [in_the_region[0][name] for name in figures], [1, 80000, 120000, 200000, 12, 1]
        )
        line = line.with_user(self.region_planner)
        self.assertEqual(
            line.read(["name", "event_count", "approved_budget"])[0]["event_count"], 1
        )
        self.assertEqual(line.approved_budget, 80000)
        self.assertEqual(target.with_user(self.region_planner).actual_value, 1)
        self.assertEqual(
            group_plan.with_user(self.region_planner).target_ids, target, "read, not hidden"
        )
        # headquarters' to change, even while the group plan is still a draft
        draft = group_plan.copy({"name": "Group Plan 2029", "year": 2029})
        draft.write(
            {
                "line_ids": [Command.create({"quarter": "q2", "name": "Spring Forum"})],
                "target_ids": [Command.create({"kind": "publicity", "target_value": 4})],
            }
        )
        draft = draft.with_user(self.region_planner)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.line_ids.mapped("name"), ["Spring Forum"])
        for record, values in (
            (draft.line_ids, {"name": "Ours"}),
            (draft.target_ids, {"target_value": 99}),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.write(values)
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.unlink()
        with self.assertRaises(AccessError):
            self.env["event.annual.plan.line"].with_user(self.region_planner).create(
                {"plan_id": draft.id, "quarter": "q4", "name": "Ours"}
            )
        with self.assertRaises(AccessError):
            self.env["event.annual.plan.target"].with_user(self.region_planner).create(
                {"plan_id": draft.id, "kind": "members_managed", "target_value": 1}
            )
        # another group's plan is not read: only the companies above the region
        other_group = self.env["res.company"].create({"name": "Other Group"})
        other_plan = (
            self.env["event.annual.plan"]
            .sudo()
            .create(
                {
                    "name": "Other Group 2028",
                    "year": 2028,
                    "level": "group",
                    "company_id": other_group.id,
                    "line_ids": [Command.create({"quarter": "q1", "name": "Their gala"})],
                }
            )
        )
        self.assertFalse(
            self.env["event.annual.plan.line"]
            .with_user(self.region_planner)
            .search([("plan_id", "=", other_plan.id)])
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

    def test_the_approval_to_do_speaks_the_approvers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.hq_user.lang = "zh_CN"
        plan = self._region_plan()
        plan.action_submit_for_approval()
        plan.with_user(self.region_manager).action_approve()
        approval = self.env.ref("client_events.mail_activity_type_approval")
        todo = plan.activity_ids.filtered(
            lambda a: a.activity_type_id == approval and a.user_id == self.hq_user
        )
        self.assertTrue(todo.summary.startswith("审批："), todo.summary)
        region_todo = plan.activity_ids.filtered(lambda a: a.user_id == self.region_manager)
        self.assertFalse(region_todo, "done once he decided")
