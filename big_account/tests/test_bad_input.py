"""Bad input, one table per model: each row is refused with a clear message, or
gives a safe result. Database constraints are checked through the message the
web client and XML-RPC show for them (``odoo.service.model``)."""

import io
from datetime import datetime, timedelta

import openpyxl

from odoo import fields
from odoo.tests import tagged

from odoo.addons.client_events.tests.shared_checks import (
    EMOJI_CJK,
    LONG_TEXT,
    BadInputTable,
)
from odoo.addons.event_evaluation.report.event_evaluation_xlsx import EvaluationXlsxWriter

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestBadInput(BadInputTable, BigAccountCommon):
    def test_key_accounts(self):
        account = self.account
        partner = self.env["res.partner"].create({"name": EMOJI_CJK, "is_company": True})
        long_partner = self.env["res.partner"].create({"name": LONG_TEXT, "is_company": True})
        self.run_table(
            [
                (
                    "negative employees",
                    lambda: account.write({"employee_count": -5}),
                    r"cannot be completed: Employees, revenue and event budget cannot be negative",
                ),
                (
                    "influence above 5",
                    lambda: account.write({"influence": 6}),
                    r"Influence goes from 0 to 5",
                ),
                (
                    "the same company twice",
                    lambda: self.env["big.account"].create({"partner_id": self.client.id}),
                    r"already a key account: open the existing profile instead",
                ),
                (
                    "huge revenue",
                    lambda: account.write({"annual_revenue": 1e15}) and account,
                    lambda acc: self.assertLessEqual(acc.score, 100, "the score stays in 0-100"),
                ),
                (
                    "emoji and CJK name",
                    lambda: self.env["big.account"].create({"partner_id": partner.id}),
                    lambda acc: self.assertEqual(acc.display_name, EMOJI_CJK),
                ),
                (
                    "10,000-character name",
                    lambda: self.env["big.account"].create({"partner_id": long_partner.id}),
                    lambda acc: self.assertEqual(len(acc.name), 10000),
                ),
                (
                    "deleting the account's company",
                    lambda: self.client.unlink(),
                    r"another model requires the record being deleted\. "
                    r"If possible, archive it instead",
                ),
            ]
        )

    def test_complaints(self):
        today = fields.Date.context_today(self.account)

        def complaint(**values):
            vals = {
                "account_id": self.account.id,
                "category": "service",
                "description": "<p>The shuttle was late.</p>",
                **values,
            }
            return self.env["big.account.complaint"].create(vals)

        self.run_table(
            [
                (
                    "empty description",
                    lambda: complaint(description="<p><br></p>"),
                    r"describe what the client complains about",
                ),
                (
                    "blank description",
                    lambda: complaint(description="   "),
                    r"describe what the client complains about",
                ),
                (
                    "received tomorrow",
                    lambda: complaint(date_received=today + timedelta(days=1)),
                    r"cannot be received on .*, in the future: enter the day the client",
                ),
                (
                    "deadline before it was received",
                    lambda: complaint(
                        date_received=today, date_deadline=today - timedelta(days=2)
                    ),
                    r"its deadline \(.*\) comes before the day it was received",
                ),
                (
                    "10,000-character description",
                    lambda: complaint(description=f"<p>{LONG_TEXT}</p>"),
                    lambda c: self.assertIn(LONG_TEXT, c.description),
                ),
                (
                    "emoji and CJK",
                    lambda: complaint(description=f"<p>{EMOJI_CJK}</p>"),
                    lambda c: self.assertIn(EMOJI_CJK, c.description),
                ),
            ]
        )

    def test_evaluations(self):
        def event(name, **values):
            return self.env["event.event"].create(
                {
                    "name": name,
                    "date_begin": datetime(2026, 5, 1, 9),
                    "date_end": datetime(2026, 5, 1, 18),
                    **values,
                }
            )

        evaluation = self.env["event.evaluation"].create({"event_id": event("Client Day").id})
        running = self.env["event.evaluation"].create(
            {
                "event_id": event(
                    "Workshop series",
                    date_end=fields.Datetime.now() + timedelta(days=2),
                ).id
            }
        )
        self.run_table(
            [
                (
                    "negative indicator target",
                    lambda: evaluation.line_ids[:1].write({"target": -5}),
                    r"An indicator's target cannot be negative",
                ),
                (
                    "negative indicator weight",
                    lambda: evaluation.line_ids[:1].write({"weight": -1}),
                    r"An indicator's weight cannot be negative",
                ),
                (
                    "a second evaluation of the event",
                    lambda: self.env["event.evaluation"].create(
                        {"event_id": evaluation.event_id.id}
                    ),
                    r"An event has one evaluation only: open the existing one instead",
                ),
                (
                    "submitting before the event ended",
                    lambda: running.with_user(self.evaluator).action_submit(),
                    r"Workshop series has not ended yet: submit its evaluation once it is over",
                ),
                (
                    "nobody came, no survey",
                    lambda: evaluation.action_refresh_metrics() and evaluation,
                    lambda e: self.assertEqual(
                        [e._format_rate(name) for name in ("attendance_rate", "response_rate")],
                        ["—", "—"],
                        "empty, not 0 % nor an error",
                    ),
                ),
                (
                    "10,000-character problems",
                    lambda: evaluation.write({"problems": f"<p>{LONG_TEXT}</p>"}) and evaluation,
                    lambda e: self.assertIn(LONG_TEXT, e.problems),
                ),
                (
                    "yearly report of year 0",
                    lambda: self.env["event.evaluation.annual"].create({"year": 0}),
                    r"0 is not a year a yearly report can cover: enter a year between 2000",
                ),
                (
                    "yearly report of year 99999",
                    lambda: self.env["event.evaluation.annual"].create({"year": 99999}),
                    r"99999 is not a year",
                ),
            ]
        )

    def test_formula_like_text_stays_text_in_xlsx(self):
        names = ['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)", EMOJI_CJK]
        evaluations = self.env["event.evaluation"].create(
            [
                {
                    "event_id": self.env["event.event"]
                    .create(
                        {
                            "name": name,
                            "date_begin": datetime(2026, 5, 1, 9),
                            "date_end": datetime(2026, 5, 1, 18),
                        }
                    )
                    .id
                }
                for name in names
            ]
        )
        content = EvaluationXlsxWriter(self.env)._get_list_xlsx(evaluations)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
        for name in names:
            with self.subTest(name=name):
                self.assertIn(name, cells, "written as typed")
                self.assertEqual(cells[name].data_type, "s", "text, never a formula")
