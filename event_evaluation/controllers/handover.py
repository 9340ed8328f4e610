from odoo import http
from odoo.http import content_disposition, request


class EventArchiveHandoverDownload(http.Controller):
    @http.route("/event_evaluation/handover/<int:handover_id>/zip", type="http", auth="user")
    def handover_zip(self, handover_id):
        """The year's archive as one zip file, built as it is downloaded."""
        handover = request.env["event.archive.handover"].browse(handover_id)
        filename, content = handover._get_archive_zip()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
