from odoo import api, fields, models


class EventBudgetLine(models.Model):
    _name = "event.budget.line"
    _description = "Event Budget Line"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "event.event", string="Event", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "event.budget.category", string="Category", required=True, ondelete="restrict"
    )
    name = fields.Char(string="Description")
    planned_amount = fields.Monetary(string="Planned Amount", currency_field="currency_id")
    company_id = fields.Many2one(related="event_id.company_id", store=True, precompute=True)
    currency_id = fields.Many2one(
        "res.currency",
        string="Currency",
        compute="_compute_currency_id",
        store=True,
        precompute=True,
    )

    _sql_constraints = [
        (
            "planned_amount_positive",
            "CHECK (planned_amount >= 0)",
            "The planned amount of a budget line cannot be negative.",
        ),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (line.company_id or self.env.company).currency_id
