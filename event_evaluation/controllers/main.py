from odoo import http
from odoo.http import content_disposition, request

from ..report.event_evaluation_xlsx import EvaluationXlsxWriter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EventEvaluationXlsx(http.Controller):
    """Workbooks streamed to the browser as they are written: nothing is stored."""

    @http.route("/event_evaluation/evaluations/xlsx", type="http", auth="user")
    def evaluations_xlsx(self, ids):
        evaluations = request.env["event.evaluation"].browse(
            [int(record_id) for record_id in ids.split(",") if record_id.isdigit()]
        )
        evaluations.check_access("read")
        return self._xlsx_response(*EvaluationXlsxWriter(request.env).list_export(evaluations))

    @http.route("/event_evaluation/annual/<int:report_id>/xlsx", type="http", auth="user")
    def annual_xlsx(self, report_id):
        report = request.env["event.evaluation.annual"].browse(report_id)
        report.check_access("read")
        return self._xlsx_response(*EvaluationXlsxWriter(request.env).annual_export(report))

    def _xlsx_response(self, filename, content):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
