from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EventCost(models.Model):
    _name = "event.cost"
    _description = "Event Cost"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    event_id = fields.Many2one(
        "event.event",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('approval_required', '=', True), ('approval_state', '=', 'approved'), "
        "('costs_closed', '=', False)]",
        tracking=True,
    )
    budget_line_id = fields.Many2one(
        "event.budget.line",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('event_id', '=', event_id)]",
        tracking=True,
    )
    category_id = fields.Many2one(related="budget_line_id.category_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    amount = fields.Monetary(required=True, currency_field="currency_id", tracking=True)
    partner_id = fields.Many2one("res.partner", string="Vendor", tracking=True)
    description = fields.Char(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Receipts")
    company_id = fields.Many2one(related="event_id.company_id", store=True, precompute=True)
    currency_id = fields.Many2one(related="budget_line_id.currency_id", store=True)

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.currency_id.compare_amounts(cost.amount, 0.0) <= 0:
                raise ValidationError(
                    _(
                        "The cost %(cost)s of %(event)s must be a positive amount: "
                        "enter what was actually spent.",
                        cost=cost.description,
                        event=cost.event_id.name,
                    )
                )

    @api.constrains("event_id", "budget_line_id")
    def _check_budget_line_event(self):
        for cost in self:
            if cost.budget_line_id.event_id != cost.event_id:
                raise ValidationError(
                    _(
                        "The cost %(cost)s is on %(event)s but budget line %(line)s belongs "
                        "to %(other)s: choose a line of the same event.",
                        cost=cost.description,
                        event=cost.event_id.name,
                        line=cost.budget_line_id.display_name,
                        other=cost.budget_line_id.event_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_positive_amounts(vals_list)
        events = self.env["event.event"].browse(
            {vals["event_id"] for vals in vals_list if vals.get("event_id")}
        )
        events._check_costs_open()
        added = defaultdict(float)
        for vals in vals_list:
            if vals.get("budget_line_id"):
                added[vals["budget_line_id"]] += vals.get("amount", 0.0)
        self.env["event.budget.line"]._check_costs_fit(added)
        return super().create(vals_list)

    def write(self, vals):
        self._check_positive_amounts([vals])
        self.event_id._check_costs_open()
        if vals.get("event_id"):
            self.env["event.event"].browse(vals["event_id"])._check_costs_open()
        if {"amount", "budget_line_id"} & set(vals):
            added = defaultdict(float)
            for cost in self:
                added[cost.budget_line_id.id] -= cost.amount
                new_line_id = vals.get("budget_line_id", cost.budget_line_id.id)
                added[new_line_id] += vals.get("amount", cost.amount)
            self.env["event.budget.line"]._check_costs_fit(added)
        return super().write(vals)

    def _check_positive_amounts(self, vals_list):
        for vals in vals_list:
            if "amount" in vals and vals["amount"] <= 0:
                raise ValidationError(
                    _(
                        "The cost %(cost)s must be a positive amount: enter what was "
                        "actually spent.",
                        cost=vals.get("description") or self[:1].description or "",
                    )
                )

    def unlink(self):
        self.event_id._check_costs_open()
        return super().unlink()
