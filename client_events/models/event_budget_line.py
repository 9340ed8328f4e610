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

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["event.event"].browse(
            [vals["event_id"] for vals in vals_list if vals.get("event_id")]
        )
        events._check_proposal_locked({"budget_line_ids"})
        was_large = {event.id: event.is_large_event for event in events}
        lines = super().create(vals_list)
        lines.event_id._escalate_if_now_large(was_large)
        return lines

    def write(self, vals):
        self.event_id._check_proposal_locked({"budget_line_ids"})
        if vals.get("event_id"):
            self.env["event.event"].browse(vals["event_id"])._check_proposal_locked(
                {"budget_line_ids"}
            )
        was_large = {event.id: event.is_large_event for event in self.event_id}
        result = super().write(vals)
        self.event_id._escalate_if_now_large(was_large)
        return result

    def unlink(self):
        self.event_id._check_proposal_locked({"budget_line_ids"})
        return super().unlink()

    @api.depends("company_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (line.company_id or self.env.company).currency_id
