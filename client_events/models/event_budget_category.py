from odoo import fields, models


class EventBudgetCategory(models.Model):
    _name = "event.budget.category"
    _description = "Event Budget Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A budget category with this name already exists."),
    ]
