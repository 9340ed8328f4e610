from markupsafe import Markup

from odoo import fields, models
from odoo.tools import consteq
from odoo.tools.misc import hmac

SMS_STATUSES = [
    ("outgoing", "In Queue"),
    ("process", "Processing"),
    ("pending", "Sent"),
    ("sent", "Delivered"),
    ("error", "Error"),
    ("canceled", "Cancelled"),
]


class EventMailTrace(models.Model):
    """One recipient of one line of an event's communications: when it was sent, what
    became of its SMS, when its mail was first opened. Written by the scheduler and the
    tracking image only."""

    _name = "event.mail.trace"
    _description = "Event Communication Recipient"
    _order = "id desc"
    _rec_name = "registration_id"

    scheduler_id = fields.Many2one(
        "event.mail", string="Communication", required=True, ondelete="cascade", index=True
    )
    event_id = fields.Many2one(related="scheduler_id.event_id", store=True, index=True)
    registration_id = fields.Many2one(
        "event.registration", string="Recipient", required=True, ondelete="cascade", index=True
    )
    trace_type = fields.Selection([("mail", "Mail"), ("sms", "SMS")], required=True)
    sms_uuid = fields.Char(string="SMS UUID", index="btree_not_null")
    sms_status = fields.Selection(SMS_STATUSES, string="SMS Status")
    open_datetime = fields.Datetime(string="First Opened On")

    _sql_constraints = [
        (
            "scheduler_registration_uniq",
            "unique (scheduler_id, registration_id)",
            "A recipient is counted once per communication.",
        ),
    ]

    def _create_for(self, scheduler, registrations, trace_type, values_list=None):
        """The traces of ``registrations`` reached by ``scheduler`` (one per registration,
        in their order), with ``values_list`` in the same order."""
        values_list = values_list or [{} for _registration in registrations]
        if len(values_list) != len(registrations):
            return self.browse()
        known = set(
            self.sudo()
            .search(
                [("scheduler_id", "=", scheduler.id), ("registration_id", "in", registrations.ids)]
            )
            .registration_id.ids
        )
        return self.sudo().create(
            [
                {
                    "scheduler_id": scheduler.id,
                    "registration_id": registration.id,
                    "trace_type": trace_type,
                    **values,
                }
                for registration, values in zip(registrations, values_list, strict=True)
                if registration.id not in known
            ]
        )

    # ------------------------------------------------------------
    # Opened: a tracking image in the mail, as Odoo's mass mailing does
    # ------------------------------------------------------------

    def _open_token(self):
        self.ensure_one()
        return hmac(self.env(su=True), "client_events-mail-open", self.id)

    def _open_url(self):
        self.ensure_one()
        path = f"/client_events/mail/open/{self.id}/{self._open_token()}/blank.gif"
        return f"{self.get_base_url()}{path}"

    def _add_open_pixel(self, body):
        self.ensure_one()
        pixel = Markup('<img src="%s" alt="" width="1" height="1" style="display:none"/>') % (
            self._open_url()
        )
        body = Markup(body or "")
        if "</body>" in body:
            return body.replace("</body>", pixel + Markup("</body>"), 1)
        return body + pixel

    def _record_open(self, token):
        """Count the first opening of this mail; a token that is not this trace's own is
        ignored, and so is every opening after the first."""
        trace = self.sudo().exists()
        if not trace or not token or not consteq(trace._open_token(), token):
            return False
        if trace.open_datetime:
            return False
        trace.open_datetime = fields.Datetime.now()
        return True

    def _update_sms_status(self, sms_state):
        """Follow the SMS provider's reports; a delivered SMS stays delivered."""
        self.sudo().filtered(lambda trace: trace.sms_status != "sent").write(
            {"sms_status": sms_state}
        )
