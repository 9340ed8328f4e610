from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users, warmup

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestAssessment(BigAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["big.account.contact"].create(
            {"account_id": cls.account.id, "partner_id": cls.client_contact.id}
        )
        won_stage = cls.env["crm.stage"].create({"name": "Won (test)", "is_won": True})
        for name, revenue, closed in (
            ("Spring fair", 10_000, datetime(2026, 2, 10, 10)),
            ("Summer summit", 15_000, datetime(2026, 5, 12, 10)),
        ):
            lead = cls.env["crm.lead"].create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": cls.client_contact.id,
                    "expected_revenue": revenue,
                }
            )
            lead.write({"stage_id": won_stage.id})
            lead.date_closed = closed
        cls.env["crm.lead"].create(
            {"name": "Still open", "type": "opportunity", "partner_id": cls.client.id}
        ).expected_revenue = 99_000
        for received, satisfaction in (
            ("2026-04-10", "4"),
            ("2026-05-10", "2"),
            ("2026-02-01", "1"),
        ):
            complaint = cls.env["big.account.complaint"].create(
                {
                    "account_id": cls.account.id,
                    "category": "service",
                    "date_received": received,
                    "description": "<p>Issue</p>",
                    "cause_id": cls.env.ref("big_account.complaint_cause_other").id,
                    "cause_analysis": "<p>Found</p>",
                    "corrective_action": "<p>Changed</p>",
                    "solution": "<p>Fixed</p>",
                }
            )
            complaint.action_resolve()
            complaint.satisfaction = satisfaction
            complaint.action_close()
        for begin in (datetime(2026, 5, 20, 9), datetime(2026, 8, 20, 9)):
            event = cls.env["event.event"].create(
                {
                    "name": f"Event {begin:%m}",
                    "date_begin": begin,
                    "date_end": begin.replace(hour=18),
                }
            )
            cls.env["event.registration"].create(
                {"event_id": event.id, "partner_id": cls.client_contact.id, "state": "done"}
            )
        plan = cls.env["big.account.communication.plan"].create(
            {"account_id": cls.account.id, "member_id": cls.pm_membership.id}
        )
        plan._transition_write({"done_count": 4, "done_on_time_count": 3})  # four contacts done
        cls.Assessment = cls.env["big.account.assessment"]

    def _assessment(self):
        assessment = self.Assessment.create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": "2026-04-01"}
        )
        assessment.action_compute()
        return assessment

    def test_factors_by_hand(self):
        assessment = self._assessment()
        self.assertEqual(assessment.date_to, date(2026, 6, 30))
        # revenue: 15 000 this quarter against 10 000 the previous one -> 50 * 1.5
        self.assertEqual(assessment.revenue_current, 15_000)
        self.assertEqual(assessment.revenue_previous, 10_000)
        self.assertEqual(assessment.revenue_trend_score, 75)
        # two closed complaints in the quarter rated 4 and 2 -> 3 / 5 -> 60
        self.assertEqual(assessment.satisfaction_average, 3)
        self.assertEqual(assessment.satisfaction_score, 60)
        # two complaints -> 100 - 2 * 20
        self.assertEqual(assessment.complaint_count, 2)
        self.assertEqual(assessment.complaint_score, 60)
        # one event attended (of two needed for full marks) -> 25; 3 of 4 contacts on time -> 37.5
        self.assertEqual(assessment.events_attended, 1)
        self.assertEqual(assessment.plan_on_time_rate, 75)
        self.assertEqual(assessment.engagement_score, 62.5)
        # (75 + 60 + 60 + 62.5) / 4 = 64.375
        self.assertAlmostEqual(assessment.computed_score, 64.4, places=1)
        self.assertAlmostEqual(assessment.loyalty_score, 64.4, places=1)

    def test_team_kpi(self):
        self._set_params(kpi_weight_satisfaction=1, kpi_weight_revenue=1, kpi_weight_upkeep=2)
        assessment = self._assessment()
        kpis = {kpi.user_id: kpi for kpi in assessment.kpi_ids}
        self.assertEqual(set(kpis), {self.pm_user, self.ka_planner})
        pm_kpi = kpis[self.pm_user]
        # the PM is responsible for the plan: 3 of 4 on time -> 75 %
        self.assertEqual(pm_kpi.upkeep_rate, 75)
        # the KPI's revenue is the confirmed sales orders: none, whatever was won
        self.assertEqual((pm_kpi.revenue, pm_kpi.revenue_score), (0, 50))
        self.assertFalse(pm_kpi.profit_available)
        # (60 + 50 + 2 * 75) / 4
        self.assertAlmostEqual(pm_kpi.kpi_score, 65.0, places=1)
        # the planner has no plan: (60 + 50 + 0) / 4
        self.assertAlmostEqual(kpis[self.ka_planner].kpi_score, 27.5, places=1)
        ranking = self.env["big.account.assessment.kpi"].search([("date_from", "=", "2026-04-01")])
        self.assertEqual(ranking.user_id.ids, [self.pm_user.id, self.ka_planner.id])
        assessment.action_compute()
        self.assertEqual(len(assessment.kpi_ids), 2, "recomputing replaces the KPIs")

    def test_manual_adjustment_needs_reason(self):
        assessment = self._assessment()
        with self.assertRaisesRegex(ValidationError, "give the reason"):
            assessment.manual_adjustment = 5
        assessment.write({"manual_adjustment": 5, "adjustment_reason": "Renewed 3-year deal"})
        self.assertAlmostEqual(assessment.loyalty_score, 69.4, places=1)
        assessment.write({"manual_adjustment": 50, "adjustment_reason": "Capped"})
        self.assertEqual(assessment.loyalty_score, 100)

    def test_confirm_freezes(self):
        assessment = self._assessment()
        with self.assertRaisesRegex(UserError, "with its button"):
            assessment.with_user(self.ka_manager).write({"state": "confirmed"})
        # the team's KPIs are below the bar (no order won in the period): a training of
        # the whole team follows
        self.env["big.account.assessment.outcome"].with_user(self.ka_manager).create(
            {
                "assessment_id": assessment.id,
                "kind": "training",
                "date_deadline": "2027-04-01",
            }
        )
        assessment.with_user(self.ka_manager).action_confirm()
        self.assertEqual(assessment.state, "confirmed")
        with self.assertRaisesRegex(UserError, "is already confirmed"):
            assessment.with_user(self.ka_manager).action_confirm()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            assessment.with_user(self.ka_manager).write({"manual_adjustment": 1})
        with self.assertRaisesRegex(UserError, "Only draft assessments"):
            assessment.action_compute()

    def test_member_sees_only_own_accounts(self):
        assessment = self._assessment()
        self.assertEqual(self.Assessment.with_user(self.pm_user).search([]), assessment)
        self.assertFalse(self.Assessment.with_user(self.outsider).search([]))

    @users("ba_manager")
    @warmup
    def test_batch_queries_do_not_grow(self):
        """The manager scores ten key accounts in the queries of two."""
        for count in (2, 10):
            partners = (
                self.env["res.partner"]
                .sudo()
                .create([{"name": f"Client {count}-{index}", "is_company": True}
                         for index in range(count)])
            )  # fmt: skip
            accounts = (
                self.env["big.account"]
                .sudo()
                .create([{"partner_id": partner.id} for partner in partners])
            )
            assessments = self.env["big.account.assessment"].create(
                [
                    {"account_id": account.id, "period_type": "quarter", "date_from": "2026-04-01"}
                    for account in accounts
                ]
            )
            self.env.invalidate_all()
            with self.subTest(accounts=count), self.assertQueryCount(ba_manager=14):
                assessments.action_compute()
            # nothing happened with these clients: no complaint is full marks
            self.assertEqual(assessments.mapped("complaint_score"), [100] * count)

    def test_create_for_period(self):
        self.account.with_user(self.ka_manager).action_confirm()
        assessments = self.Assessment._create_for_period("half", date(2026, 1, 1))
        self.assertEqual(assessments.account_id, self.account)
        self.assertEqual(assessments.date_to, date(2026, 6, 30))
        self.assertEqual(assessments.revenue_current, 25_000)
        again = self.Assessment._create_for_period("half", date(2026, 1, 1))
        self.assertEqual(again, assessments, "no duplicate for the same period")

    def test_event_evaluations_feed_satisfaction_and_execution(self):
        attended_event = self.env["event.event"].search([("name", "=", "Event 05")])
        planned_event = self.env["event.event"].create(
            {
                "name": "Acme appreciation dinner",
                "big_account_id": self.account.id,
                "date_begin": datetime(2026, 6, 10, 18),
                "date_end": datetime(2026, 6, 10, 22),
            }
        )
        Evaluation = self.env["event.evaluation"]
        for event, overall, satisfaction, responses in (
            (attended_event, 80, 90, 5),
            (planned_event, 60, 0, 0),
        ):
            evaluation = Evaluation.create({"event_id": event.id})
            evaluation.line_ids = [
                Command.create(
                    {"indicator": "custom", "target": 100, "actual": overall, "weight": 1}
                )
            ]
            # as a refresh of the metrics would have stored them
            evaluation._transition_write(
                {"satisfaction_score": satisfaction, "response_count": responses}
            )
            self.assertEqual(evaluation.overall_score, overall)
        self._set_params(
            kpi_weight_satisfaction=1,
            kpi_weight_revenue=1,
            kpi_weight_upkeep=2,
            kpi_weight_execution=1,
        )
        assessment = self._assessment()
        self.assertEqual(assessment.event_satisfaction_score, 90, "only the surveyed event")
        # complaints 60 and event surveys 90
        self.assertEqual(assessment.satisfaction_score, 75)
        pm_kpi = assessment.kpi_ids.filtered(lambda kpi: kpi.user_id == self.pm_user)
        self.assertTrue(pm_kpi.execution_available)
        self.assertEqual(pm_kpi.execution_score, 70, "(80 + 60) / 2")
        # (75 satisfaction + 50 revenue (no order) + 2 * 75 upkeep + 70 execution) / 5
        self.assertAlmostEqual(pm_kpi.kpi_score, 69.0, places=1)

    def test_execution_left_out_without_evaluated_events(self):
        assessment = self._assessment()
        self.assertFalse(assessment.kpi_ids[0].execution_available)
        self.assertEqual(assessment.event_satisfaction_score, 0)

    def test_account_health_figures(self):
        self.assertEqual(self.account.complaint_count, 3)
        self.assertEqual(self.account.open_complaint_count, 0, "all three are closed")
        self.assertFalse(self.account.last_assessment_date)
        self.env["big.account.complaint"].create(
            {
                "account_id": self.account.id,
                "category": "billing",
                "severity": "low",
                "date_received": fields.Date.today() - timedelta(days=40),
                "description": "<p>Invoice sent twice</p>",
            }
        )
        assessment = self._assessment()
        self.account.invalidate_recordset()
        self.assertEqual(
            (self.account.open_complaint_count, self.account.overdue_complaint_count), (1, 1)
        )
        self.assertEqual(self.account.last_assessment_date, assessment.date_from)
        self.assertEqual(self.account.last_loyalty_score, assessment.loyalty_score)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_action_health"
        )
        views = (
            self.env["big.account"]
            .with_user(self.pm_user)
            .get_views([(action["view_id"][0], "list")])
        )
        self.assertIn("overdue_complaint_count", views["views"]["list"]["arch"])
