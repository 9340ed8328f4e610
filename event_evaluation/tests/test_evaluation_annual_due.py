import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.event_evaluation.report.event_evaluation_xlsx import EvaluationXlsxWriter

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationAnnualDue(EventEvaluationCommon):
    """The yearly report is due after the year's end, reminded once, and shows the press."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        old = cls.env["event.event"].create(
            {
                "name": "Old Forum",
                "date_begin": datetime(2025, 3, 1, 9),
                "date_end": datetime(2025, 3, 1, 18),
            }
        )
        Item = cls.env["event.archive.item"]
        Item.create(
            [
                {
                    "event_id": cls.event.id,
                    "kind": "press",
                    "name": "Clients meet in Hangzhou",
                    "media_outlet": "Zhejiang Daily 浙江日报",
                    "date_published": "2026-05-03",
                    "reach": 5000,
                    "url": "https://news.example.com/client-day",
                },
                {
                    "event_id": cls.event.id,
                    "kind": "press",
                    "name": '=HYPERLINK("x")',
                    "media_outlet": "WeChat account",
                    "date_published": "2026-05-02",
                    "reach": 1200,
                    "url": "https://mp.example.com/a",
                },
                {
                    "event_id": old.id,
                    "kind": "press",
                    "name": "Last year's article",
                    "media_outlet": "Old Times",
                    "url": "https://old.example.com",
                },
            ]
        )
        cls.report = (
            cls.env["event.evaluation.annual"].with_user(cls.evaluator).create({"year": 2026})
        )
        cls.due_type = cls.env.ref("event_evaluation.mail_activity_type_annual_due")

    def _reminders(self, report):
        return report.activity_ids.filtered(lambda a: a.activity_type_id == self.due_type)

    def test_due_date_from_the_settings(self):
        self.assertEqual(self.report.date_due, date(2027, 1, 15), "15 days after 31 December")
        self.assertEqual(self.report.user_id, self.evaluator)
        self.company.evaluation_annual_due_days = 31
        report = self.env["event.evaluation.annual"].create({"year": 2025})
        self.assertEqual(report.date_due, date(2026, 1, 31))
        self.assertEqual(
            self.report.date_due, date(2027, 1, 15), "an existing report keeps its date"
        )

    def test_reminded_once_then_overdue(self):
        Annual = self.env["event.evaluation.annual"]
        with freeze_time("2026-12-31"):
            Annual._cron_remind_due()
            self.assertFalse(self._reminders(self.report), "15 days before: too early")
        with freeze_time("2027-01-01"):
            Annual._cron_remind_due()
            reminder = self._reminders(self.report)
            self.assertEqual(reminder.user_id, self.evaluator)
            self.assertEqual(reminder.date_deadline, date(2027, 1, 15))
            Annual._cron_remind_due()
            self.assertEqual(self._reminders(self.report), reminder, "once")
            self.assertFalse(self.report.is_overdue)
            self.assertEqual(Annual.search([("is_overdue", "=", False)]), self.report)
            self.assertFalse(Annual.search([("is_overdue", "!=", False)]))
        with freeze_time("2027-01-16"):
            self.report.invalidate_recordset(["is_overdue"])
            self.assertTrue(self.report.is_overdue)
            self.assertEqual(Annual.search([("is_overdue", "=", True)]), self.report)
            self.assertFalse(Annual.search([("is_overdue", "=", False)]))
            self.report.with_user(self.evaluator).action_submit()
            self.assertFalse(self._reminders(self.report), "done when submitted")
            self.report.invalidate_recordset(["is_overdue"])
            self.assertFalse(self.report.is_overdue, "submitted: no longer overdue")
            self.assertFalse(Annual.search([("is_overdue", "=", True)]))
            self.assertEqual(Annual.search([("is_overdue", "=", False)]), self.report)
        with self.assertRaisesRegex(
            UserError, "Search overdue yearly reports with “is set” or “is not set”."
        ):
            Annual.search([("is_overdue", "in", [True])])

    def test_due_and_reminder_days_are_not_negative(self):
        for field in ("evaluation_annual_due_days", "evaluation_annual_reminder_days"):
            with (
                self.subTest(field=field),
                self.assertRaisesRegex(
                    ValidationError,
                    f"The yearly report of {self.company.name} is due after its year ends and "
                    "reminded before it is due: give days of 0 or more.",
                ),
                self.env.cr.savepoint(),
            ):
                self.company[field] = -1

    def test_reminder_to_the_first_evaluator_without_a_responsible(self):
        self.report.user_id = False
        with freeze_time("2027-01-10"):
            self.env["event.evaluation.annual"]._cron_remind_due()
        self.assertEqual(
            self._reminders(self.report).user_id.has_group("event_evaluation.group_evaluator"),
            True,
        )

    def test_press_coverage_of_the_year(self):
        self.assertEqual(
            self.report.press_item_ids.mapped("media_outlet"),
            ["WeChat account", "Zhejiang Daily 浙江日报"],
            "by date published; last year's article left out",
        )
        self.assertEqual(self.report._get_press_reach(), 6200)

    def test_press_coverage_in_the_pdf(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        action = self.env.ref("event_evaluation.event_evaluation_annual_report")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            html = action._render_qweb_html(action.report_name, self.report.ids)[0].decode()
            empty = self.env["event.evaluation.annual"].create({"year": 2024})
            empty_html = action._render_qweb_html(action.report_name, empty.ids)[0].decode()
        self.assertIn("Press coverage", html)
        self.assertIn("Zhejiang Daily 浙江日报", html)
        self.assertIn("https://news.example.com/client-day", html)
        self.assertIn("5,000", html)
        self.assertIn("6,200", html, "the total reach")
        self.assertNotIn("Old Times", html)
        self.assertIn("No press coverage archived", empty_html)

    def test_press_coverage_in_the_xlsx(self):
        _filename, content = EvaluationXlsxWriter(self.env).annual_export(self.report)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames[0], "Yearly report", "the first sheet is unchanged")
        sheet = workbook["Press coverage"]
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            ["Event", "Article", "Media outlet", "Published on", "Reach", "Link"],
        )
        self.assertEqual(sheet["B2"].value, '=HYPERLINK("x")', "a title is text")
        self.assertEqual(sheet["B2"].data_type, "s")
        self.assertEqual(sheet["C3"].value, "Zhejiang Daily 浙江日报")
        self.assertEqual(sheet["D3"].value, datetime(2026, 5, 3))
        self.assertEqual(sheet["E3"].value, 5000)
        self.assertEqual(sheet["F3"].value, "https://news.example.com/client-day")
        self.assertEqual(sheet["E4"].value, "=SUM(E2:E3)")
        self.assertEqual(sheet.max_row, 4, "last year's article left out")
