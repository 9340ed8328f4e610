import io
from datetime import datetime

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.event_evaluation.report.event_evaluation_xlsx import EvaluationXlsxWriter

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationAnnual(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        second = cls._create_plain_event("Autumn Forum", survey=cls.survey)
        last_year = cls.env["event.event"].create(
            {
                "name": "Old Forum",
                "date_begin": datetime(2025, 3, 1, 9),
                "date_end": datetime(2025, 3, 1, 18),
            }
        )
        cls._create_registrations(cls.event, ["open", "done", "done"])
        cls._create_registrations(second, ["done"])
        cls._create_registrations(last_year, ["done", "done", "done", "done"])
        cls.env["crm.lead"].create({"name": "Deal", "event_id": second.id})
        cls.evaluations = cls.env["event.evaluation"].create(
            [{"event_id": event.id} for event in cls.event | second | last_year]
        )
        cls.evaluations.action_refresh_metrics()
        cls.evaluations[0].line_ids[0].write({"target": 4, "weight": 1})  # 2/4: 50 %
        cls.evaluations[1].line_ids[0].write({"target": 1, "weight": 1})  # 1/1: 100 %
        cls.env["event.annual.plan"].create(
            {
                "name": "Plan 2026",
                "year": 2026,
                "line_ids": [
                    Command.create({"name": theme, "planned_budget": 1000.0})
                    for theme in ("Client day", "Autumn forum", "Gala")
                ],
            }
        )
        cls.report = cls.env["event.evaluation.annual"].create({"year": 2026})

    def test_yearly_aggregates_match_the_evaluations(self):
        this_year = self.evaluations[:2]
        report = self.report
        self.assertEqual(report.event_count, 2, "last year's event not counted")
        self.assertEqual(report.registered_count, sum(this_year.mapped("registered_count")))
        self.assertEqual(report.attended_count, 3)
        self.assertEqual(report.lead_count, 1)
        self.assertEqual(report.best_evaluation_id, self.evaluations[1])
        self.assertEqual(report.worst_evaluation_id, self.evaluations[0])
        table = report._get_type_quarter_table()
        self.assertEqual(sum(table.values()), 2)
        self.assertIn("2026", report.name)
        self.assertEqual(report.planned_count, 3, "planned vs held: 3 planned, 2 held")
        self.assertEqual(report.planned_budget, 3000.0)
        self.assertEqual(report.budget_amount, sum(this_year.mapped("budget_amount")))

    def test_yearly_xlsx(self):
        report = self.report.with_user(self.evaluator)
        action = report.action_export_xlsx()
        self.assertEqual(action["url"], f"/event_evaluation/annual/{report.id}/xlsx")
        filename, content = EvaluationXlsxWriter(report.env).annual_export(report)
        self.assertEqual(filename, f"{report.name}.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, self.report.name)
        self.assertEqual(sheet["A3"].value, "Events evaluated")
        self.assertEqual(sheet["B3"].value, 2)
        self.assertEqual(sheet["A4"].value, "Events planned")
        self.assertEqual(sheet["B4"].value, 3)
        self.assertEqual(sheet["B6"].value, 3)  # attendees
        self.assertEqual(sheet["A11"].value, "Actual cost")
        self.assertEqual(sheet["A12"].value, "ROI")
        self.assertEqual(sheet["B12"].value, "—", "no cost recorded: no ROI")
        self.assertEqual(sheet["A13"].value, "Sales won")
        self.assertEqual(sheet["A24"].value, "Event type")
        self.assertEqual(sheet["C25"].value, 2, "both events in Q2")
        self.assertEqual(sheet["F25"].value, "=SUM(B25:E25)")
        self.assertEqual(len(sheet._charts), 1)

    def test_yearly_pdf_report(self):
        report = self.env.ref("event_evaluation.event_evaluation_annual_report")
        html = report._render_qweb_html(report.report_name, self.report.ids)[0].decode()
        self.assertIn(self.report.name, html)
        self.assertIn("Autumn Forum", html, "best event named")
        self.assertIn("Q2", html)

    def test_yearly_workflow(self):
        with self.assertRaisesRegex(UserError, "Use the Submit and Review buttons"):
            self.report.write({"state": "reviewed"})
        with self.assertRaisesRegex(UserError, "Only submitted yearly reports can be marked"):
            self.report.with_user(self.hq_user).action_review()
        self.report.with_user(self.evaluator).action_submit()
        with self.assertRaisesRegex(UserError, "Only draft yearly reports can be submitted"):
            self.report.with_user(self.evaluator).action_submit()
        # the yearly report goes to headquarters (报集团审核), not to the region's reviewers
        for user in (self.evaluator, self.evaluation_reviewer):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(
                    AccessError, "Only headquarters can review the yearly report"
                ),
            ):
                self.report.with_user(user).action_review()
            with self.assertRaisesRegex(AccessError, "Only headquarters can send back"):
                self.report.with_user(user).action_reset_draft()
        self.report.with_user(self.hq_user).action_review()
        self.assertEqual(self.report.state, "reviewed")
        with self.assertRaisesRegex(UserError, "is reviewed and locked"):
            self.report.write({"problems": "<p>none</p>"})
