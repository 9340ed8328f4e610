import base64

from odoo import http
from odoo.http import request

# a transparent 1x1 GIF, as Odoo's mass mailing serves for its tracking image
BLANK_GIF = base64.b64decode(b"R0lGODlhAQABAIAAANvf7wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


class ClientEventsController(http.Controller):
    @http.route(
        "/client_events/mail/open/<int:trace_id>/<string:token>/blank.gif",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def event_mail_open(self, trace_id, token, **kwargs):
        """The tracking image of an event communication: the first load counts the mail
        as opened; a forged token, or any later load, counts nothing."""
        request.env["event.mail.trace"].browse(trace_id)._record_open(token)
        return request.make_response(
            BLANK_GIF,
            headers=[("Content-Type", "image/gif"), ("Cache-Control", "no-store")],
        )
