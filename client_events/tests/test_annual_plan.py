from ast import literal_eval
from datetime import datetime

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestAnnualPlan(ClientEventsCommon):
    def _regional_plan(self, budget=50000, allotted=80000):
        plan = (
            self.env["event.annual.plan"]
            .with_user(self.planner)
            .create(
                {
                    "name": "East Region 2027",
                    "year": 2027,
                    "level": "regional",
                    "parent_id": self.group_plan.id,
                    "line_ids": [
                        Command.create(
                            {"quarter": "q3", "name": "Mid-autumn gala", "planned_budget": budget}
                        )
                    ],
                }
            )
        )
        plan.with_user(self.hq_user).allotted_budget = allotted
        return plan

    def test_group_plan_chain(self):
        self.assertEqual(self.group_plan.state, "approved")
        self.assertEqual(
            self.group_plan.approval_ids.mapped("group_id"),
            self.env.ref("client_events.group_headquarters")
            | self.env.ref("client_events.group_executive"),
        )
        self.assertEqual(self.group_plan.approval_ids.mapped("comment")[0], "Reviewed")

    def test_regional_plan_chain(self):
        plan = self._regional_plan()
        plan.action_submit_for_approval()
        self.assertEqual(
            plan.approval_ids.sorted("sequence").mapped("group_id"),
            self.env.ref("client_events.group_approver")
            | self.env.ref("client_events.group_headquarters"),
        )
        with self.assertRaisesRegex(AccessError, "Only members of"):
            plan.with_user(self.reviewer).action_approve()
        with self.assertRaisesRegex(UserError, "cannot be written directly"):
            plan.write({"approval_state": "approved"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            plan.write({"line_ids": [Command.create({"quarter": "q4", "name": "Extra"})]})
        plan.with_user(self.approver).action_approve()
        plan.with_user(self.hq_user).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_own_plan_cannot_be_approved(self):
        plan = (
            self.env["event.annual.plan"]
            .with_user(self.hq_user)
            .create(
                {
                    "name": "Group Plan 2028",
                    "year": 2028,
                    "level": "group",
                    "line_ids": [Command.create({"quarter": "q1", "name": "Seminar"})],
                }
            )
        )
        plan.with_user(self.hq_user).action_submit_for_approval()
        with self.assertRaisesRegex(AccessError, "You submitted"):
            plan.with_user(self.hq_user).action_approve()

    def test_over_allotment_warning(self):
        self.assertFalse(self._regional_plan(budget=50000, allotted=80000).is_over_allotment)
        self.assertTrue(self._regional_plan(budget=90000, allotted=80000).is_over_allotment)

    def test_regional_plan_needs_group_plan_of_same_year(self):
        with self.assertRaisesRegex(ValidationError, "must belong to the group plan of 2026"):
            self.env["event.annual.plan"].create(
                {
                    "name": "Wrong year",
                    "year": 2026,
                    "level": "regional",
                    "parent_id": self.group_plan.id,
                }
            )

    def test_refuse_line_of_unapproved_plan(self):
        plan = self._regional_plan()
        with self.assertRaisesRegex(
            ValidationError, "cannot realise Mid-autumn gala: plan East Region 2027 is not"
        ):
            self._create_event(plan_line=plan.line_ids, begin=datetime(2027, 8, 1, 9))

    def test_refuse_date_outside_quarter(self):
        with self.assertRaisesRegex(ValidationError, "outside Q2 2027 of plan line"):
            self._create_event(plan_line=self.plan_line_q2, begin=datetime(2027, 7, 1, 9))
        with self.assertRaisesRegex(ValidationError, "outside Q2 2027 of plan line"):
            self._create_event(plan_line=self.plan_line_q2, begin=datetime(2028, 5, 1, 9))
        event = self._create_event(plan_line=self.plan_line_q2)
        with self.assertRaisesRegex(ValidationError, "outside Q2 2027"):
            event.write({"date_begin": datetime(2027, 3, 31, 9)})

    def test_plan_vs_actual(self):
        line = self.plan_line_q2
        approved = self._create_event(plan_line=line, amounts=(30000, 20000))
        approved.action_submit_for_approval()
        self._approve_all(approved)
        self._create_event(plan_line=line, amounts=(10000,))
        line.invalidate_recordset()
        self.assertEqual(line.event_count, 2)
        self.assertEqual(line.approved_budget, 50000)
        self.assertEqual(line.remaining_budget, 150000)
        self.group_plan.invalidate_recordset()
        self.assertEqual(self.group_plan.planned_budget, 200000)
        self.assertEqual(self.group_plan.approved_budget, 50000)
        self.assertEqual(self.group_plan.remaining_budget, 150000)

    def test_plan_vs_realised_report(self):
        line = self.plan_line_q2
        event = self._create_event(plan_line=line, amounts=(30000, 20000))
        event.action_submit_for_approval()
        self._approve_all(event)
        for budget_line, amount in zip(event.budget_line_ids, (25000, 12000), strict=True):
            self.env["event.cost"].with_user(self.planner).create(
                {
                    "event_id": event.id,
                    "budget_line_id": budget_line.id,
                    "amount": amount,
                    "description": "Hall and catering",
                }
            )
        line.invalidate_recordset()
        self.assertEqual(line.actual_cost, 37000)
        self.assertEqual(line.cost_variance, 37000 - 200000, "underspent: negative")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_annual_plan_line_action_realised"
        )
        realised = (
            self.env["event.annual.plan.line"]
            .with_user(self.planner)
            .search(literal_eval(action["domain"]))
        )
        self.assertIn(line, realised, "lines of approved plans only")
        views = (
            self.env["event.annual.plan.line"]
            .with_user(self.planner)
            .get_views([(action["view_id"][0], "list")])
        )
        self.assertIn("actual_cost", views["views"]["list"]["arch"])
        budget_cost = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_event_action_budget_cost"
        )
        pivot = (
            self.env["event.event"]
            .with_user(self.planner)
            .get_views(
                [
                    (view_id, mode)
                    for view_id, mode in budget_cost["views"]
                    if mode in ("pivot", "graph")
                ]
            )
        )
        # every measure of the pivot, summed as the web client asks for it
        measures = [
            node.get("name")
            for node in etree.fromstring(pivot["views"]["pivot"]["arch"]).iter("field")
            if node.get("type") == "measure"
        ]
        self.assertIn("cost_amount", measures)
        groups = (
            self.env["event.event"]
            .with_user(self.planner)
            .read_group(
                literal_eval(budget_cost["domain"]),
                [f"{name}:sum" for name in measures],
                ["event_type_id", "date_begin:quarter"],
                lazy=False,
            )
        )
        self.assertEqual(sum(group["cost_amount"] for group in groups), 37000)
        self.assertEqual(
            sum(group["budget_variance"] for group in groups),
            sum(group["cost_amount"] - group["approved_budget_amount"] for group in groups),
        )

    def test_an_approved_plan_is_broken_down_without_reopening_it(self):
        """计划细化: new lines on an approved plan, each approved by the plan's approver."""
        plan = self._regional_plan()
        plan.action_submit_for_approval()
        plan.with_user(self.approver).action_approve()
        plan.with_user(self.hq_user).action_approve()
        self.assertEqual(plan.approval_state, "approved")
        gala = plan.line_ids
        self.assertEqual(gala.approval_state, "approved", "approved with the plan")
        # the planner breaks the plan down: a project of Q2 for the Shanghai site
        plan.with_user(self.planner).write(
            {"line_ids": [Command.create({"quarter": "q2", "name": "Shanghai tax seminar"})]}
        )
        seminar = plan.line_ids - gala
        self.assertEqual(seminar.approval_state, "draft")
        self.assertEqual(plan.approval_state, "approved", "the plan is not reopened")
        # what was approved stays as it was
        with self.assertRaisesRegex(UserError, "cannot be changed: break the plan down"):
            gala.with_user(self.planner).planned_budget = 1
        with self.assertRaisesRegex(UserError, "sent for approval and cannot be changed"):
            plan.with_user(self.planner).write(
                {"line_ids": [Command.update(gala.id, {"name": "Bigger gala"})]}
            )
        # an event cannot realise the new line before its approval
        with self.assertRaisesRegex(ValidationError, "waits for its own"):
            self._create_event(plan_line=seminar)
        seminar.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(seminar.approval_current_id.group_id, self.env.ref(
            "client_events.group_headquarters"))  # fmt: skip
        with self.assertRaises(AccessError):
            seminar.with_user(self.approver).action_approve()
        seminar.with_user(self.hq_user).action_approve()
        self.assertEqual(seminar.approval_state, "approved")
        event = self._create_event(plan_line=seminar)
        self.assertFalse(event.is_off_plan)

    def test_a_line_is_broken_down_only_from_an_approved_plan(self):
        plan = self._regional_plan()
        with self.assertRaisesRegex(UserError, "the approval of plan East Region 2027"):
            plan.line_ids.with_user(self.planner).action_submit_for_approval()
