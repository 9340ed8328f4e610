from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestPlanTargets(ClientEventsCommon):
    """The client club's targets (会员招募与管理) on the annual plans, measured from the
    memberships and promotions of each region (East, West) in 2027."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.east = cls.env["res.company"].create({"name": "East Region Co."})
        cls.west = cls.env["res.company"].create({"name": "West Region Co."})
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        cls.planner_east = new_test_user(
            cls.env,
            "club_planner_east",
            groups="client_events.group_planner",
            company_id=cls.east.id,
            company_ids=[Command.set(cls.east.ids)],
            context=ctx,
        )
        cls.planner_west = new_test_user(
            cls.env,
            "club_planner_west",
            groups="client_events.group_planner",
            company_id=cls.west.id,
            company_ids=[Command.set(cls.west.ids)],
            context=ctx,
        )
        cls.product_owner = cls.env.ref("client_events.membership_product_owner")
        cls.product_prospect = cls.env.ref("client_events.membership_product_prospect")
        cls.product_supplier = cls.env.ref("client_events.membership_product_supplier")
        cls.product_merchant = cls.env.ref("client_events.membership_product_merchant")
        cls.product_other = cls.env["product.product"].create(
            {"name": "Golf Club Membership", "membership": True, "type": "service"}
        )
        cls.east_plan = cls._plan("East Region 2027", cls.east)
        cls.west_plan = cls._plan("West Region 2027", cls.west)

        # East: p1 and p2 join in 2027; p3, a merchant since 2026, renews; p4's is
        # cancelled; p5's membership is not the club's. West: w1 joins in Q1.
        year = (date(2027, 1, 1), date(2027, 12, 31))
        east = {"company_id": cls.east.id}
        p1, p2, p3, p4, p5 = cls.env["res.partner"].create(
            [{"name": f"East member {n}", **east} for n in range(1, 6)]
        )
        w1 = cls.env["res.partner"].create({"name": "West member", "company_id": cls.west.id})
        cls._membership(p1, cls.product_owner, date(2027, 2, 10), *year)
        cls._membership(p2, cls.product_prospect, date(2027, 5, 5), date(2027, 5, 5), year[1])
        cls._membership(
            p3, cls.product_merchant, date(2026, 11, 1), date(2026, 1, 1), date(2026, 12, 31)
        )
        cls._membership(
            p3, cls.product_merchant, date(2027, 1, 5), date(2027, 1, 1), date(2027, 6, 30)
        )
        cls._membership(p4, cls.product_supplier, date(2027, 4, 1), *year, date_cancel=True)
        cls._membership(p5, cls.product_other, date(2027, 3, 1), *year)
        cls._membership(w1, cls.product_owner, date(2027, 2, 20), *year)

        # promotion: East's gala (Q2) sent 30 + 30, its seminar (Q2) announced in Q1 to
        # 20; West's gala to 10; a reminder (not promotion) to 50
        gala = cls._promoted_event(
            cls.planner_east, datetime(2027, 5, 10, 9), announcement=30, countdown=30
        )
        cls.env["event.mail"].create(
            {
                "event_id": gala.id,
                "interval_nbr": 1,
                "interval_unit": "days",
                "interval_type": "before_event",
                "template_ref": f"mail.template,{cls._mail_template().id}",
                "mail_count_done": 50,
            }
        )
        cls._promoted_event(cls.planner_east, datetime(2027, 4, 5, 9), announcement=20)
        cls._promoted_event(cls.planner_west, datetime(2027, 5, 10, 9), announcement=10)

    @classmethod
    def _plan(cls, name, company, year=2027, targets=()):
        return (
            cls.env["event.annual.plan"]
            .sudo()
            .create(
                {
                    "name": name,
                    "year": year,
                    "level": "regional",
                    "parent_id": cls.group_plan.id if year == 2027 else False,
                    "company_id": company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "quarter": "q2",
                                "name": "Owners' spring gala",
                                "planned_date": date(year, 5, 10),
                                "planned_budget": 30000,
                            }
                        )
                    ],
                    "target_ids": [Command.create(vals) for vals in targets],
                }
            )
            .sudo(False)
        )

    @classmethod
    def _membership(cls, partner, product, joined, date_from, date_to, date_cancel=False):
        return (
            cls.env["membership.membership_line"]
            .sudo()
            .create(
                {
                    "partner": partner.id,
                    "membership_id": product.id,
                    "member_price": 0.0,
                    "date": joined,
                    "date_from": date_from,
                    "date_to": date_to,
                    "date_cancel": date_cancel and joined,
                }
            )
        )

    @classmethod
    def _mail_template(cls):
        return cls.env.ref("client_events.mail_template_promotion_announcement")

    @classmethod
    def _promoted_event(cls, user, begin, announcement=0, countdown=0):
        event = cls._create_event(user=user, begin=begin, name=f"Gala {begin:%m-%d}")
        cls.env["event.mail"].create(
            [
                {
                    "event_id": event.id,
                    "promotion_stage": stage,
                    "interval_nbr": days,
                    "interval_unit": "days",
                    "interval_type": "before_event",
                    "template_ref": f"mail.template,{cls._mail_template().id}",
                    "mail_count_done": sent,
                    "mail_done": bool(sent),
                }
                for stage, days, sent in (
                    ("announcement", 14, announcement),
                    ("countdown", 3, countdown),
                )
            ]
        )
        return event

    def _targets(self, plan, kinds, quarters=(False, "q1", "q2", "q3", "q4"), value=10):
        plan = plan.sudo()
        plan.write(
            {
                "target_ids": [
                    Command.create({"kind": kind, "quarter": quarter, "target_value": value})
                    for kind in kinds
                    for quarter in quarters
                ]
            }
        )
        return {
            (target.kind, target.quarter): target.actual_value
            for target in plan.sudo(False).target_ids
        }

    # ------------------------------------------------------------
    # The actuals, hand-computed
    # ------------------------------------------------------------

    def test_members_recruited(self):
        """New club members: the first club membership starts in the period; a renewal,
        a cancelled membership, another club's membership or region do not count."""
        east = self._targets(self.east_plan, ["members_recruited"])
        self.assertEqual(
            [east[("members_recruited", q)] for q in (False, "q1", "q2", "q3", "q4")],
            [2, 1, 1, 0, 0],
        )
        west = self._targets(self.west_plan, ["members_recruited"], quarters=(False, "q1"))
        self.assertEqual(west, {("members_recruited", False): 1, ("members_recruited", "q1"): 1})
        # the group plan counts every region
        group = self._targets(self.group_plan_2027_draft(), ["members_recruited"], (False,))
        self.assertEqual(group[("members_recruited", False)], 3)

    def group_plan_2027_draft(self):
        """A draft twin of the group plan: the approved one keeps its targets."""
        return self.env["event.annual.plan"].create(
            {"name": "Group Plan 2027 (club)", "year": 2027, "level": "group"}
        )

    def test_members_and_merchants_managed_at_period_end(self):
        east = self._targets(self.east_plan, ["members_managed", "merchants_managed"])
        # 31 Mar: p1, p3 · 30 Jun: p1, p2, p3 · 30 Sep and 31 Dec: p1, p2
        self.assertEqual(
            [east[("members_managed", q)] for q in (False, "q1", "q2", "q3", "q4")],
            [2, 2, 3, 2, 2],
        )
        # p3, the merchant, until 30 June
        self.assertEqual(
            [east[("merchants_managed", q)] for q in (False, "q1", "q2", "q3", "q4")],
            [0, 1, 1, 0, 0],
        )
        west = self._targets(self.west_plan, ["members_managed", "merchants_managed"], (False,))
        self.assertEqual(west[("members_managed", False)], 1)
        self.assertEqual(west[("merchants_managed", False)], 0)

    def test_publicity_and_online_campaigns(self):
        east = self._targets(self.east_plan, ["publicity", "online_campaigns"])
        # promotion sent: 20 on 22 Mar, 30 on 26 Apr, 30 on 7 May; the reminder is not
        self.assertEqual(
            [east[("publicity", q)] for q in (False, "q1", "q2", "q3", "q4")], [80, 20, 60, 0, 0]
        )
        # both East events begin in Q2 and ran their promotion
        self.assertEqual(
            [east[("online_campaigns", q)] for q in (False, "q1", "q2", "q3", "q4")],
            [2, 0, 2, 0, 0],
        )
        west = self._targets(self.west_plan, ["publicity", "online_campaigns"], ("q2",))
        self.assertEqual(west, {("publicity", "q2"): 10, ("online_campaigns", "q2"): 1})
        group = self._targets(
            self.group_plan_2027_draft(), ["publicity", "online_campaigns"], (False,)
        )
        self.assertEqual(group, {("publicity", False): 90, ("online_campaigns", False): 3})

    def test_empty_region_and_completion(self):
        north = self.env["res.company"].create({"name": "North Region Co."})
        plan = self._plan("North Region 2027", north)
        kinds = ["members_recruited", "members_managed", "publicity", "merchants_managed"]
        actuals = self._targets(plan, kinds + ["online_campaigns"], (False,), value=0)
        self.assertEqual(set(actuals.values()), {0})
        self.assertEqual(set(plan.target_ids.mapped("completion")), {0.0})
        # East: 2 recruited of 8 is 25 %
        self._targets(self.east_plan, ["members_recruited"], (False,), value=8)
        self.assertEqual(self.east_plan.target_ids.completion, 25.0)
        self.assertEqual(self.east_plan.recruited_member_count, 2)

    def test_plan_vs_actual_report(self):
        """The pivot reads stored figures: targets and actuals by region and quarter."""
        self._targets(self.east_plan, ["members_recruited", "publicity"], ("q1", "q2"))
        self._targets(self.west_plan, ["members_recruited"], ("q1",), value=5)
        groups = self.env["event.annual.plan.target.report"]._read_group(
            [("year", "=", 2027)],
            ["company_id", "quarter", "kind"],
            ["target_value:sum", "actual_value:sum"],
        )
        figures = {(c.name, q, k): (t, a) for c, q, k, t, a in groups}
        self.assertEqual(
            figures,
            {
                ("East Region Co.", "q1", "members_recruited"): (10, 1),
                ("East Region Co.", "q2", "members_recruited"): (10, 1),
                ("East Region Co.", "q1", "publicity"): (10, 20),
                ("East Region Co.", "q2", "publicity"): (10, 60),
                ("West Region Co.", "q1", "members_recruited"): (5, 1),
            },
        )
        action = self.east_plan.action_view_target_report()
        self.assertEqual(action["domain"], [("plan_id", "=", self.east_plan.id)])
        self.assertEqual(
            self.env["membership.membership_line"].search_count(
                self.east_plan.action_view_recruited_members()["domain"]
            ),
            4,
            "East's club memberships of 2027: p1, p2, p3's renewal, p4's cancelled one",
        )

    def test_membership_region(self):
        """A membership counts in its invoice's company, else its member's, else the
        company of the user who recorded it."""
        lines = self.env["membership.membership_line"].search([("partner.name", "like", "member")])
        self.assertEqual(lines.club_company_id, self.east | self.west)
        shared = self.env["res.partner"].create({"name": "Shared client"})
        line = (
            self.env["membership.membership_line"]
            .with_user(self.planner_west)
            .sudo()
            .create(
                {
                    "partner": shared.id,
                    "membership_id": self.product_owner.id,
                    "member_price": 0.0,
                    "date": date(2027, 3, 1),
                }
            )
        )
        self.assertEqual(line.club_company_id, self.west)
        self.assertEqual(line.club_member_kind, "owner")
        # invoiced by headquarters' company: it counts there, whoever the member is
        west_client = self.env["res.partner"].create(
            {"name": "Client of every region", "street": "1 West Road"}
        )
        invoice = west_client.create_membership_invoice(self.product_owner, 100.0)
        self.assertEqual(invoice.company_id, self.company)
        self.assertEqual(west_client.member_lines.club_company_id, self.company)
        self.assertEqual(west_client.member_lines.state, "waiting")

    def test_member_target_of_the_plan(self):
        """The plan's member recruitment target follows its Members Recruited targets."""
        self.east_plan.sudo().target_member_count = 40
        self.assertEqual(self.east_plan.target_member_count, 40, "no target: entered by hand")
        self._targets(self.east_plan, ["members_recruited"], ("q1", "q2"), value=7)
        self.assertEqual(self.east_plan.target_member_count, 14, "the sum of the quarters")
        self._targets(self.east_plan, ["members_recruited"], (False,), value=30)
        self.assertEqual(self.east_plan.target_member_count, 30, "the year's target")

    def test_one_target_per_kind_and_period(self):
        self._targets(self.east_plan, ["publicity"], ("q1",))
        with self.assertRaisesRegex(ValidationError, "already has a target"):
            self._targets(self.east_plan, ["publicity"], ("q1",))
        with self.assertRaisesRegex(ValidationError, "Publicity .* Q2 cannot be negative"):
            self._targets(self.east_plan, ["publicity"], ("q2",), value=-1)

    # ------------------------------------------------------------
    # The approved plan keeps its targets; the actuals move
    # ------------------------------------------------------------

    def test_approved_plan_locks_targets(self):
        plan = (
            self.env["event.annual.plan"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Group Plan 2028",
                    "year": 2028,
                    "level": "group",
                    "line_ids": [Command.create({"quarter": "q1", "name": "Seminar"})],
                    "target_ids": [
                        Command.create({"kind": "members_recruited", "target_value": 5})
                    ],
                }
            )
        )
        plan.action_submit_for_approval()
        plan.with_user(self.hq_user).action_approve()
        plan.with_user(self.executive).action_approve()
        self.assertEqual(plan.approval_state, "approved")
        target = plan.target_ids
        for attempt in (
            lambda: target.with_user(self.planner).write({"target_value": 1}),
            lambda: target.sudo().write({"target_value": 1}),
            lambda: target.with_user(self.planner).unlink(),
            lambda: plan.with_user(self.planner).write(
                {"target_ids": [Command.create({"kind": "publicity", "target_value": 9})]}
            ),
            lambda: (
                self.env["event.annual.plan.target"]
                .with_user(self.planner)
                .create({"plan_id": plan.id, "kind": "publicity", "target_value": 9})
            ),
        ):
            with self.assertRaisesRegex(UserError, "Group Plan 2028 has been sent for approval"):
                attempt()
        self.assertEqual(target.target_value, 5)
        self.assertEqual(target.actual_value, 0)
        member = self.env["res.partner"].create({"name": "New owner 2028"})
        self._membership(
            member, self.product_owner, date(2028, 1, 15), date(2028, 1, 1), date(2028, 12, 31)
        )
        target.invalidate_recordset()
        self.assertEqual(target.actual_value, 1, "the actual moves")

    # ------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------

    def test_region_reads_its_own_targets_only(self):
        self._targets(self.east_plan, ["members_recruited"], (False,))
        self._targets(self.west_plan, ["members_recruited"], (False,))
        east_target = self.east_plan.target_ids
        Target = self.env["event.annual.plan.target"].with_user(self.planner_west)
        self.assertEqual(Target.search([]), self.west_plan.target_ids)
        with self.assertRaises(AccessError):
            east_target.with_user(self.planner_west).read(["target_value"])
        Report = self.env["event.annual.plan.target.report"].with_user(self.planner_west)
        self.assertEqual(Report.search([]).target_id, self.west_plan.target_ids)
        self.assertEqual(
            [g["target_value"] for g in Report.read_group([], ["target_value:sum"], [])], [10]
        )
        lines = self.env["membership.membership_line"].with_user(self.planner_west).search([])
        self.assertEqual(lines.partner.mapped("name"), ["West member"])
        # a planner sets his region's targets; he cannot put one on another's plan
        self.env["event.annual.plan.target"].with_user(self.planner_east).create(
            {"plan_id": self.east_plan.id, "kind": "publicity", "target_value": 100}
        )
        with self.assertRaises(AccessError):
            Target.create({"plan_id": self.east_plan.id, "kind": "publicity", "quarter": "q1"})

    # ------------------------------------------------------------
    # Grouped queries
    # ------------------------------------------------------------

    def test_query_count_constant(self):
        """The actuals of 1 and of 10 regions' plans cost the same queries."""
        kinds = [
            "members_recruited",
            "members_managed",
            "publicity",
            "merchants_managed",
            "online_campaigns",
        ]
        one = self.east_plan
        self._targets(one, kinds, (False, "q1"))
        many = one
        for n in range(10):
            region = self.env["res.company"].create({"name": f"Region {n}"})
            many |= self._plan(f"Region {n} 2027", region)
            self._targets(many[-1], kinds, (False, "q1"))
        Target = self.env["event.annual.plan.target"].sudo()
        for plans in (one, many):
            self.assertEqual(len(plans.sudo().target_ids), 10 * len(plans))
            targets = Target.browse(plans.sudo().target_ids.ids)
            self.env.invalidate_all()
            with self.assertQueryCount(2):  # the targets, their actuals
                targets.mapped("actual_value")
            self.env.invalidate_all()
            plans = plans.sudo()
            plans.mapped("name")
            plans.target_ids.mapped("kind")
            with self.assertQueryCount(1):
                plans.mapped("recruited_member_count")

    # ------------------------------------------------------------
    # Year-end: the reminder and the copy
    # ------------------------------------------------------------

    def _reminders(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "event.annual.plan"),
                ("activity_type_id", "=", self.env.ref(
                    "client_events.mail_activity_type_next_plan").id),
            ]
        )  # fmt: skip

    def test_reminder_before_year_end_once(self):
        self.east.plan_reminder_days = 60
        self._plan("West Region 2028", self.west, year=2028)
        Plan = self.env["event.annual.plan"]
        with freeze_time("2027-10-31"):
            Plan._cron_remind_next_year_plan()
        self.assertFalse(self._reminders(), "61 days before the year's end: too early")
        with freeze_time("2027-11-01"):
            Plan._cron_remind_next_year_plan()
        self.assertEqual(
            [(a.res_id, a.user_id, a.summary) for a in self._reminders()],
            [(self.east_plan.id, self.planner_east, "Write the plan for 2028")],
            "East reminds 60 days before; headquarters 45 days before",
        )
        with freeze_time("2027-11-16"):
            Plan._cron_remind_next_year_plan()
            Plan._cron_remind_next_year_plan()
        reminders = self._reminders()
        self.assertEqual(
            sorted((a.res_id, a.user_id.login) for a in reminders),
            sorted(
                [
                    (self.group_plan.id, self.hq_user.login),
                    (self.east_plan.id, self.planner_east.login),
                ]
            ),
            "once each; West has written its plan of 2028 already",
        )
        self.assertEqual(reminders.mapped("date_deadline"), [date(2027, 12, 31)] * 2)
        reminders.action_feedback("Started")
        with freeze_time("2027-12-01"):
            Plan._cron_remind_next_year_plan()
        self.assertFalse(self._reminders(), "never twice, even when the to-do is done")

    def test_reminder_speaks_the_planners_language(self):
        """The job runs in no one's language: each planner reads his to-do in his own."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.planner_east.lang = "zh_CN"
        with freeze_time("2027-11-16"):
            self.env["event.annual.plan"]._cron_remind_next_year_plan()
        summaries = {a.user_id: a.summary for a in self._reminders()}
        self.assertEqual(summaries[self.planner_east], "编制 2028 年的计划")
        self.assertEqual(summaries[self.hq_user], "Write the plan for 2028")

    def test_reminder_days_setting(self):
        settings = self.env["res.config.settings"].with_company(self.east).create({})
        self.assertEqual(settings.plan_reminder_days, 45)
        settings.plan_reminder_days = 30
        settings.execute()
        self.assertEqual(self.east.plan_reminder_days, 30)
        with self.assertRaisesRegex(ValidationError, "East Region Co.* between 1 and 365"):
            self.east.plan_reminder_days = 0

    def test_copy_to_next_year(self):
        self._targets(self.east_plan, ["members_recruited"], (False, "q1"))
        self._targets(self.east_plan, ["publicity"], ("q2",), value=100)
        action = self.east_plan.with_user(self.planner_east).action_copy_to_next_year()
        copy = self.env["event.annual.plan"].browse(action["res_id"])
        self.assertEqual(
            (copy.name, copy.year, copy.company_id, copy.approval_state, copy.previous_plan_id),
            ("East Region 2028", 2028, self.east, "draft", self.east_plan),
        )
        self.assertEqual(copy.line_ids.planned_date, date(2028, 5, 10))
        self.assertEqual(copy.line_ids.approval_state, "draft")
        self.assertEqual(copy.line_ids.planned_budget, 30000)
        figures = {
            (t.kind, t.quarter): (t.target_value, t.actual_value, t.previous_actual_value)
            for t in copy.target_ids
        }
        self.assertEqual(
            figures,
            {
                ("members_recruited", False): (10, 0, 2),
                ("members_recruited", "q1"): (10, 0, 1),
                ("publicity", "q2"): (100, 0, 60),
            },
        )
        self.assertEqual(copy.target_member_count, 10)
        with self.assertRaisesRegex(
            UserError,
            r"The plan of 2028 already exists \(East Region 2028\): open it instead of "
            r"copying East Region 2027 again.",
        ):
            self.east_plan.with_user(self.planner_east).action_copy_to_next_year()
        # another region copies its own
        self.west_plan.with_user(self.planner_west).action_copy_to_next_year()

    def test_copy_of_group_plan_refused_when_next_exists(self):
        self.env["event.annual.plan"].create(
            {"name": "Group Plan 2028", "year": 2028, "level": "group"}
        )
        with self.assertRaisesRegex(UserError, r"The plan of 2028 already exists"):
            self.group_plan.with_user(self.hq_user).action_copy_to_next_year()
