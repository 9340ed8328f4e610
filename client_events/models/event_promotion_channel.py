from odoo import api, fields, models


class EventPromotionChannel(models.Model):
    _name = "event.promotion.channel"
    _description = "Event Promotion Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    notification_type = fields.Selection(
        [("mail", "Mail"), ("sms", "SMS")],
        string="Scheduled As",
        help="What Build Promotion Schedule adds to the event's communications for this "
        "channel: an announcement, a countdown and a last call by mail or by SMS. "
        "Empty for channels run by hand (posters, phone calls).",
    )

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A promotion channel with this name already exists."),
    ]

    @api.model
    def _set_default_notification_types(self):
        """The shipped E-mail and SMS channels are scheduled as mail and SMS, unless the
        administrator has set them otherwise."""
        for xmlid, notification_type in (
            ("client_events.event_promotion_channel_email", "mail"),
            ("client_events.event_promotion_channel_sms", "sms"),
        ):
            channel = self.env.ref(xmlid, raise_if_not_found=False)
            if channel and not channel.notification_type:
                channel.notification_type = notification_type
