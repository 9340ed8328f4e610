import base64

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

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


class EventRsvpController(http.Controller):
    """The guest's personal invitation page: accept, decline or name a substitute,
    without logging in. The link's token is the only key: a wrong one is a 404."""

    def _get_nomination(self, nomination_id, token):
        nomination = request.env["event.nomination"].sudo().browse(nomination_id).exists()
        if not nomination or not token or not consteq(nomination.access_token or "", token):
            raise NotFound()
        lang = nomination.partner_id.lang
        if lang and request.env["res.lang"]._lang_get(lang):
            request.update_context(lang=lang)
        return nomination.with_context(lang=request.env.context.get("lang"))

    def _render(self, nomination, **values):
        template = (
            "client_events.event_nomination_rsvp_expired"
            if nomination._is_rsvp_expired()
            else "client_events.event_nomination_rsvp_page"
        )
        return request.render(
            template,
            {
                "nomination": nomination,
                "event": nomination.event_id,
                "substitute": nomination.substitute_id,
                "rsvp_path": nomination._get_rsvp_path(),
                "can_answer": nomination.state in ("invited", "accepted", "declined"),
                "error": False,
                "values": {},
                **values,
            },
        )

    @http.route("/event/rsvp/<int:nomination_id>/<string:token>", type="http", auth="public")
    def rsvp_page(self, nomination_id, token, **kwargs):
        nomination = self._get_nomination(nomination_id, token)
        return self._render(nomination)

    @http.route(
        "/event/rsvp/<int:nomination_id>/<string:token>/answer",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def rsvp_answer(self, nomination_id, token, answer=None, **kwargs):
        nomination = self._get_nomination(nomination_id, token)
        if nomination._is_rsvp_expired():
            return self._render(nomination)
        if answer not in ("accept", "decline"):
            raise NotFound()
        try:
            if answer == "accept":
                nomination._rsvp_accept()
            else:
                nomination._rsvp_decline()
        except (UserError, ValidationError) as error:
            # nothing of a refused answer stays (Odoo's mail jobs commit: no savepoint)
            request.env.cr.rollback()
            return self._render(nomination, error=error.args[0])
        return request.redirect(nomination._get_rsvp_path())

    @http.route(
        "/event/rsvp/<int:nomination_id>/<string:token>/substitute",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def rsvp_substitute(self, nomination_id, token, name=None, email=None, phone=None, **kw):
        nomination = self._get_nomination(nomination_id, token)
        if nomination._is_rsvp_expired():
            return self._render(nomination)
        values = {"name": name or "", "email": email or "", "phone": phone or ""}
        try:
            nomination._rsvp_substitute(name, email, phone)
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            # what the guest typed stays in the form
            return self._render(nomination, error=error.args[0], values=values)
        return request.redirect(nomination._get_rsvp_path())
