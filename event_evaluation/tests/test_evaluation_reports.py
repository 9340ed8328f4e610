import io

import openpyxl

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationReports(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrations(cls.event, ["open", "done", "done", "done"])
        cls.formula_event = cls._create_event("=1+1 HYPERLINK")
        cls.empty_event = cls._create_event("Nobody came")
        cls._create_registrations(cls.formula_event, ["done", "done"])
        cls.evaluations = cls.env["event.evaluation"].create(
            [{"event_id": e.id} for e in cls.event | cls.formula_event | cls.empty_event]
        )
        cls.evaluations.action_refresh_metrics()

    def _read_workbook(self, action):
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertTrue(attachment.name.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(attachment.raw))

    def test_list_xlsx(self):
        evaluations = self.evaluations.with_user(self.user_evaluator)
        sheet = self._read_workbook(evaluations.action_export_xlsx()).active
        self.assertEqual(sheet["A1"].value, "Event")
        self.assertEqual(sheet.freeze_panes, "A2")
        rows = {sheet.cell(row, 1).value: row for row in range(2, 5)}
        self.assertEqual(set(rows), {"Client Day 客户答谢会", "=1+1 HYPERLINK", "Nobody came"})
        formula_row = rows["=1+1 HYPERLINK"]
        self.assertEqual(sheet.cell(formula_row, 1).data_type, "s", "text stays text")
        client_row = rows["Client Day 客户答谢会"]
        self.assertEqual(sheet.cell(client_row, 3).value, 4)  # registered
        self.assertAlmostEqual(sheet.cell(client_row, 6).value, 0.75)  # attendance rate
        self.assertEqual(sheet.cell(client_row, 6).number_format, "0.0%")
        self.assertEqual(sheet.cell(rows["Nobody came"], 6).value, "—")
        self.assertEqual(sheet["A5"].value, "Total")
        self.assertEqual(sheet["C5"].value, "=SUM(C2:C4)")
        self.assertEqual(sheet["M1"].value, "Won Revenue")
        self.assertEqual(sheet["M5"].value, "=SUM(M2:M4)")
        self.assertEqual(sheet["M5"].number_format, "#,##0.00")
        self.assertEqual(sheet["N1"].value, "Invited")
        self.assertEqual(sheet["O1"].value, "Cooperation Intentions")
        self.assertEqual(sheet["P1"].value, "Budget")
        self.assertEqual(sheet["P5"].value, "=SUM(P2:P4)")
        self.assertEqual(sheet["Q1"].value, "Actual Cost")
        self.assertEqual(sheet["Q5"].value, "=SUM(Q2:Q4)")
        self.assertEqual(sheet["R1"].value, "Cost per Attendee")
        self.assertIsNone(sheet["R5"].value, "a per-attendee cost has no total")
        self.assertEqual(sheet["T1"].value, "ROI")
        self.assertEqual(sheet.cell(client_row, 20).value, "—", "no cost: no ROI")
        self.assertEqual(sheet.cell(client_row, 7).value, "—", "no target participants")
        titles = [chart.title.tx.rich.p[0].r[0].t for chart in sheet._charts]
        self.assertEqual(titles, ["Budget vs cost", "Attendance rate", "Registered vs attended"])

    def test_one_evaluation_xlsx_has_its_indicators(self):
        evaluation = self.evaluations[0]
        evaluation.line_ids[0].write({"name": "=cmd|' /C calc'!A0", "target": 8})
        workbook = self._read_workbook(
            evaluation.with_user(self.user_evaluator).action_export_xlsx()
        )
        self.assertEqual(workbook.sheetnames, ["Evaluations", "Indicators"])
        sheet = workbook["Indicators"]
        self.assertEqual(sheet["A2"].value, "Participation (attendees)")
        self.assertEqual(sheet["B2"].value, "=cmd|' /C calc'!A0")
        self.assertEqual(sheet["B2"].data_type, "s", "a formula-like description stays text")
        self.assertEqual(sheet["D2"].value, 3)
        self.assertAlmostEqual(sheet["E2"].value, 3 / 8)
        self.assertEqual(sheet["E3"].value, "—", "no target on the attendance line")
        self.assertEqual(sheet["A7"].value, "Overall score")

    def test_pdf_report(self):
        report = self.env.ref("event_evaluation.event_evaluation_report")
        self.assertEqual(report.binding_model_id.model, "event.evaluation")
        evaluation = self.evaluations[0]
        html = report._render_qweb_html(report.report_name, evaluation.ids)[0].decode()
        self.assertIn("Client Day 客户答谢会", html)
        self.assertIn("75.0 %", html)
        empty_html = report._render_qweb_html(report.report_name, self.evaluations[2].ids)[0]
        self.assertIn("—", empty_html.decode())
        # wkhtmltopdf would fetch the assets from this very server, blocked by the test
        # transaction: point it to a closed port so it renders with inline styles only.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, evaluation.ids
            )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
