import io
from datetime import datetime

import openpyxl

from odoo.tests import HttpCase, tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install", "event_evaluation_tour")
class TestEvaluationTour(HttpCase, EventEvaluationCommon):
    """An evaluator's round, clicked through in a real browser."""

    def test_refresh_submit_and_download(self):
        event = self.env["event.event"].create(
            {
                "name": "Autumn Client Day",
                "date_begin": datetime(2026, 10, 15, 9, 0),
                "date_end": datetime(2026, 10, 15, 18, 0),
            }
        )
        registrations = self._create_registrations(event, ["open", "open", "open"])
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.attended_count, 0)
        registrations[:2].action_set_done()  # the check-in finished after the first figures

        self.start_tour(
            "/odoo", "event_evaluation_refresh_submit_export", login=self.evaluator.login
        )

        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual((evaluation.registered_count, evaluation.attended_count), (3, 2))
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "=like", "Evaluations %.xlsx")]),
            "the download keeps no file behind",
        )
        self.authenticate(self.evaluator.login, self.evaluator.login)
        response = self.url_open(evaluation.action_export_xlsx()["url"])
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        self.assertIn("Autumn Client Day", cells)
        self.assertIn(2, cells, "the refreshed attendance is in the workbook")
