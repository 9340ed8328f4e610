from odoo import fields, models


class EventRiskType(models.Model):
    _name = "event.risk.type"
    _description = "Event Risk Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A risk type with this name already exists."),
    ]
