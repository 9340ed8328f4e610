import io
import re
from datetime import date, datetime

import openpyxl
from lxml import html as lxml_html

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from odoo.addons.event_evaluation.report.event_evaluation_xlsx import EvaluationXlsxWriter

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationReports(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrations(cls.event, ["open", "done", "done", "done"])
        cls.formula_event = cls._create_plain_event("=1+1 HYPERLINK")
        cls.empty_event = cls._create_plain_event("Nobody came")
        cls._create_registrations(cls.formula_event, ["done", "done"])
        cls.evaluations = cls.env["event.evaluation"].create(
            [{"event_id": e.id} for e in cls.event | cls.formula_event | cls.empty_event]
        )
        cls.evaluations.action_refresh_metrics()

    def _read_workbook(self, action):
        """The workbook the action downloads, as its route writes it for that user."""
        self.assertEqual(action["type"], "ir.actions.act_url")
        path, ids = action["url"].split("?ids=")
        self.assertEqual(path, "/event_evaluation/evaluations/xlsx")
        evaluations = self.env["event.evaluation"].browse(map(int, ids.split(",")))
        filename, content = EvaluationXlsxWriter(self.env(user=self.evaluator)).list_export(
            evaluations.with_user(self.evaluator)
        )
        self.assertTrue(filename.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_list_xlsx(self):
        evaluations = self.evaluations.with_user(self.evaluator)
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
        self.assertEqual(sheet["M5"].number_format, '"$"#,##0.00', "the company's currency")
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
        workbook = self._read_workbook(evaluation.with_user(self.evaluator).action_export_xlsx())
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


@tagged("post_install", "-at_install")
class TestEvaluationReportRendering(EventEvaluationCommon):
    """Both PDF reports and the XLSX on evaluations that reach every branch of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.name = "Pudong Client Services"
        cls.currency = cls.company.currency_id
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Tax Forum 税务论坛",
                "date_tz": "Asia/Shanghai",
                "date_begin": datetime(2026, 6, 30, 1, 0),  # 09:00 in Shanghai
                "date_end": datetime(2026, 6, 30, 18, 0),  # 02:00 on July 1st in Shanghai
                "survey_id": cls.survey.id,
                "target_participant_count": 8,
            }
        )
        guests = cls._create_registrations(cls.forum, ["done"] * 7 + ["open"] * 2)
        cls._create_answers(guests[:7], [80, 80, 80, 90, 80, 80, 80])  # 81.428571...
        cls._add_budget_and_costs(cls.forum, 250000.0, costs=(10000.0,))
        leads = cls.env["crm.lead"].create(
            [
                {"name": "Won", "event_id": cls.forum.id, "expected_revenue": 200000.0},
                {"name": "Open A", "event_id": cls.forum.id},
                {"name": "Open B", "event_id": cls.forum.id},
            ]
        )
        leads[0].stage_id = cls.won_stage
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.forum.id})
        cls.evaluation.action_refresh_metrics()
        cls.lines = {line.indicator: line for line in cls.evaluation.line_ids}
        cls.lines["attendance"].target = 80
        cls.lines["satisfaction"].target = 85
        cls.lines["won_revenue"].target = 150000
        cls.evaluation.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "indicator": "custom",
                            "name": "Press articles",
                            "target": 3.25,
                            "actual": 2,
                            "weight": 12.5,
                            "sequence": 99,
                        }
                    )
                ],
                "purpose": "<p>Present the reform.</p>",
                "method": "<p>Survey and CRM.</p>",
                "achievement_summary": "<p>Most targets met.</p>",
                "problems": "<p>Hall too large.</p>",
                "suggestions": "<p>Book earlier.</p>",
                "meeting_notes": "<p>Held on July 3rd.</p>",
            }
        )
        cls.empty = cls.env["event.evaluation"].create(
            {"event_id": cls._create_plain_event("Nobody came").id}
        )
        cls.empty.action_refresh_metrics()
        cls.yearly = cls.env["event.evaluation.annual"].create(
            {
                "year": 2026,
                "planning": "<p>Planned early.</p>",
                "execution": "<p>On time.</p>",
                "coverage": "<p>All key clients.</p>",
                "problems": "<p>Late invitations.</p>",
                "suggestions": "<p>Invite earlier.</p>",
            }
        )
        cls.yearly_empty = cls.env["event.evaluation.annual"].create({"year": 2024})
        cls.evaluation_report = cls.env.ref("event_evaluation.event_evaluation_report")
        cls.annual_report = cls.env.ref("event_evaluation.event_evaluation_annual_report")

    def _render_pages(self, report, records, user=None):
        """{record id: (headings, text)} of the pages of the report, and its whole HTML."""
        report = report.with_user(user or self.evaluator)
        content = report._render_qweb_html(report.report_name, records.ids)[0].decode()
        tree = lxml_html.fromstring(content)
        pages = {}
        for article in tree.xpath("//div[@data-oe-id]"):
            page = article.xpath(".//div[contains(concat(' ', @class, ' '), ' page ')]")[0]
            headings = [heading.text_content().strip() for heading in page.iter("h4")]
            pages[int(article.get("data-oe-id"))] = (headings, page.text_content())
        return pages, content

    def _money(self, amount):
        return f"{self.currency.symbol}\N{NO-BREAK SPACE}{amount}"

    def assertNoRawFigure(self, text):
        self.assertFalse(
            re.findall(r"\d\.\d{3,}|\d{5,}\.\d", text),
            "every figure is rounded: no 81.42857 nor 200000.0",
        )

    def test_evaluation_report_rounds_and_formats_every_figure(self):
        pages, content = self._render_pages(self.evaluation_report, self.evaluation | self.empty)
        headings, text = pages[self.evaluation.id]
        self.assertEqual(
            headings,
            [
                "Metrics",
                "Indicators",
                "Purpose",
                "Method",
                "Indicator achievement",
                "Problems found",
                "Improvement suggestions",
                "Wrap-up meeting notes",
            ],
        )
        self.assertNoRawFigure(text)
        for figure in (
            "77.8 %",  # attendance rate 7 / 9
            "87.5 %",  # target achievement 7 / 8
            "81.4",  # satisfaction
            "1,900.0 %",  # ROI (200,000 - 10,000) / 10,000
            self._money("200,000.00"),  # won revenue
            self._money("250,000.00"),  # budget
            self._money("10,000.00"),  # actual cost
            self._money("1,428.57"),  # cost per attendee
            self._money("3,333.33"),  # cost per lead
            self._money("150,000.00"),  # the won revenue indicator's target
            "97.2 %",  # the attendance indicator's achievement
            "3.3",  # the custom indicator's target 3.25
            "12.5",  # its weight
            f"{self.evaluation.overall_score:.1f}",
            "Hall too large.",
            "Held on July 3rd.",
        ):
            with self.subTest(figure=figure):
                self.assertIn(figure, text)
        self.assertNotIn("81.428", content)
        self.assertNotIn("200000.0", content)
        # the event's own time: it ended at 02:00 on July 1st in Shanghai (18:00 UTC)
        self.assertIn("06/30/2026 09:00", text)
        self.assertIn("07/01/2026 02:00", text)
        self.assertNotIn("06/30/2026 18:00", text)
        self.assertIn("Asia/Shanghai", text)
        # the company of the evaluation, in the layout's header and on the page
        self.assertIn("Pudong Client Services", text)
        self.assertIn(f"o_company_{self.company.id}_layout", content)

        headings, text = pages[self.empty.id]
        self.assertEqual(headings, ["Metrics", "Indicators"], "no text, no section")
        for metric in ("Attendance rate", "Response rate", "Satisfaction (0-100)", "ROI"):
            with self.subTest(metric=metric):
                self.assertIn(f"{metric}—", text, "no attendee, no cost: empty, not zero")
        self.assertNoRawFigure(text)

    def test_evaluation_report_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["event_evaluation"], ["zh_CN"], overwrite=True
        )
        self.evaluator.lang = "zh_CN"
        pages, _content = self._render_pages(self.evaluation_report, self.evaluation)
        headings, text = pages[self.evaluation.id]
        self.assertEqual(
            headings,
            [
                "指标数据",
                "指标",
                "评估目的",
                "评估方式",
                "指标达成情况",
                "发现的问题",
                "改进建议",
                "总结会纪要",
            ],
        )
        self.assertIn("效果评估：", text)
        self.assertIn("2026年07月01日", text, "the event's local date, in Chinese")
        self.assertIn("81.4", text)
        self.assertNoRawFigure(text)

    def test_yearly_report(self):
        pages, content = self._render_pages(self.annual_report, self.yearly | self.yearly_empty)
        headings, text = pages[self.yearly.id]
        self.assertEqual(
            headings,
            [
                "Figures",
                "Events by type and quarter",
                "Club targets (会员招募与管理)",
                "Press coverage (媒体报道)",
                "Planning",
                "Execution",
                "Coverage",
                "Problems found",
                "Improvement suggestions",
            ],
        )
        self.assertEqual(self.yearly.event_count, 2)
        self.assertNoRawFigure(text)
        for figure in (
            "81.4",
            "1,900.0 %",
            self._money("200,000.00"),
            self._money("250,000.00"),
            "Q2",
            "Tax Forum 税务论坛",
            "Pudong Client Services",
        ):
            with self.subTest(figure=figure):
                self.assertIn(figure, text)
        headings, text = pages[self.yearly_empty.id]
        self.assertEqual(
            headings,
            [
                "Figures",
                "Events by type and quarter",
                "Club targets (会员招募与管理)",
                "Press coverage (媒体报道)",
            ],
        )
        self.assertIn("—", text)
        self.assertNoRawFigure(text)

        self.env["res.lang"]._activate_lang("zh_TW")
        self.env["ir.module.module"]._load_module_terms(
            ["event_evaluation"], ["zh_TW"], overwrite=True
        )
        self.evaluator.lang = "zh_TW"
        pages, _content = self._render_pages(self.annual_report, self.yearly)
        headings, text = pages[self.yearly.id]
        self.assertEqual(
            headings,
            ["資料", "按類型和季度統計的活動", "會員招募與管理", "媒體報導"]
            + ["策劃情況", "執行情況", "覆蓋情況", "發現的問題", "改進建議"],
        )
        self.assertIn("第二季", text)

    def test_pdf_of_both_reports_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["event_evaluation"], ["zh_CN"], overwrite=True
        )
        self.evaluator.lang = "zh_CN"
        # wkhtmltopdf would fetch the assets from this very server, blocked by the test
        # transaction: point it to a closed port so it renders with inline styles only.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        # one record at a time: Debian's wkhtmltopdf (unpatched Qt) prints one document only
        for report, record in (
            (self.evaluation_report, self.evaluation),
            (self.evaluation_report, self.empty),
            (self.annual_report, self.yearly),
            (self.annual_report, self.yearly_empty),
        ):
            with (
                self.subTest(report=report.report_name, record=record.display_name),
                mute_logger("odoo.addons.base.models.ir_actions_report"),
            ):
                pdf, report_format = (
                    report.with_user(self.evaluator)
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(report.report_name, record.ids)
                )
                self.assertEqual(report_format, "pdf")
                reader = PdfFileReader(io.BytesIO(pdf))
                # the extracted text separates words by tabs and lines
                text = " ".join("".join(page.extract_text() for page in reader.pages).split())
                self.assertIn("Pudong Client Services", text)
                self.assertNotIn("81.428", text)

    def test_xlsx_in_the_event_and_user_time_zones(self):
        self.evaluator.tz = "Asia/Shanghai"
        evaluation = self.evaluation.with_user(self.evaluator)
        with freeze_time("2026-06-30 18:30:00"):  # July 1st in Shanghai
            filename, content = EvaluationXlsxWriter(evaluation.env).list_export(evaluation)
        self.assertEqual(filename, "Evaluations 2026-07-01.xlsx", "the user's day")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheet = workbook["Evaluations"]
        self.assertEqual(sheet["B2"].value.date(), date(2026, 7, 1), "the event's day")
        self.assertEqual(sheet["B2"].number_format, "yyyy-mm-dd")
        money = '"$"#,##0.00'
        self.assertEqual(sheet["F2"].value, 0.778, "attendance rate rounded as in the PDF")
        self.assertEqual(sheet["J2"].value, 81.4, "satisfaction rounded as in the PDF")
        self.assertEqual(sheet["M2"].value, 200000)
        self.assertEqual(sheet["M2"].number_format, money, "won revenue in dollars")
        self.assertEqual(sheet["R2"].value, 1428.57, "cost per attendee in cents")
        self.assertEqual(sheet["R2"].number_format, money)
        self.assertEqual(sheet["T2"].value, 19.0, "ROI")
        indicators = workbook["Indicators"]
        rows = {indicators.cell(row, 1).value: row for row in range(2, 8)}
        revenue = rows["Won Revenue"]
        self.assertEqual(indicators.cell(revenue, 3).value, 150000)
        self.assertEqual(indicators.cell(revenue, 3).number_format, money)
        attendance = rows["Attendance Rate (%)"]
        self.assertEqual(indicators.cell(attendance, 4).value, 0.778)
        self.assertEqual(indicators.cell(attendance, 4).number_format, "0.0%")
        self.assertEqual(indicators.cell(rows["Leads"], 3).value, "—", "no target")
        self.assertEqual(indicators.cell(rows["Satisfaction (0-100)"], 4).value, 81.4)
