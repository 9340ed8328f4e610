from odoo import fields, models


class EventPromotionChannel(models.Model):
    _name = "event.promotion.channel"
    _description = "Event Promotion Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A promotion channel with this name already exists."),
    ]
