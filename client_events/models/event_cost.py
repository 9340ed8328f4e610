from collections import defaultdict

from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tools import format_amount


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


class EventBudgetLineCost(models.Model):
    _inherit = "event.budget.line"

    cost_ids = fields.One2many("event.cost", "budget_line_id", string="Costs")
    change_ids = fields.One2many("event.budget.change", "budget_line_id", string="Changes")
    approved_amount = fields.Monetary(
        compute="_compute_approved_amount",
        store=True,
        currency_field="currency_id",
        help="Planned amount plus the approved budget changes of the line.",
    )
    actual_amount = fields.Monetary(
        string="Actual Cost",
        compute="_compute_actual_amount",
        store=True,
        currency_field="currency_id",
    )
    budget_remaining = fields.Monetary(
        string="Remaining",
        compute="_compute_budget_remaining",
        currency_field="currency_id",
    )
    variance_amount = fields.Monetary(
        string="Variance",
        compute="_compute_budget_remaining",
        currency_field="currency_id",
        help="Actual cost minus approved amount: positive means over budget.",
    )

    @api.depends("planned_amount", "change_ids.approval_state", "change_ids.amount")
    def _compute_approved_amount(self):
        stored = self.filtered("id")
        raised = {}
        if stored.ids:
            raised = {
                line.id: amount
                for line, amount in self.env["event.budget.change"]._read_group(
                    [("budget_line_id", "in", stored.ids), ("approval_state", "=", "approved")],
                    ["budget_line_id"],
                    ["amount:sum"],
                )
            }
        for line in self:
            line.approved_amount = line.planned_amount + raised.get(line.id, 0.0)

    @api.depends("cost_ids.amount")
    def _compute_actual_amount(self):
        stored = self.filtered("id")
        amounts = {}
        if stored.ids:
            amounts = {
                line.id: amount
                for line, amount in self.env["event.cost"]._read_group(
                    [("budget_line_id", "in", stored.ids)], ["budget_line_id"], ["amount:sum"]
                )
            }
        for line in self:
            if line.id:
                line.actual_amount = amounts.get(line.id, 0.0)
            else:
                line.actual_amount = sum(line.cost_ids.mapped("amount"))

    @api.depends("approved_amount", "actual_amount")
    def _compute_budget_remaining(self):
        for line in self:
            line.budget_remaining = line.approved_amount - line.actual_amount
            line.variance_amount = line.actual_amount - line.approved_amount

    @api.model
    def _check_costs_fit(self, added):
        """Refuse costs that would take a line above its approved amount.

        ``added`` maps budget line ids to the amount the new costs add to them. The
        lines are locked first, so two costs recorded at once on one line are
        checked one after the other and can never exceed it together.
        """
        lines = self.browse([line_id for line_id, amount in added.items() if amount > 0])
        if not lines:
            return
        names = ", ".join(lines.mapped("display_name"))
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM event_budget_line WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(lines.ids)],
                    log_exceptions=False,
                )
        except errors.LockNotAvailable:
            raise UserError(
                _(
                    "Another cost is being recorded on %(lines)s right now. "
                    "Wait a moment and save again.",
                    lines=names,
                )
            ) from None
        spent = {
            line.id: amount
            for line, amount in self.env["event.cost"]._read_group(
                [("budget_line_id", "in", lines.ids)], ["budget_line_id"], ["amount:sum"]
            )
        }
        for line in lines:
            new_amount = added[line.id]
            already = spent.get(line.id, 0.0)
            if line.currency_id.compare_amounts(already + new_amount, line.approved_amount) > 0:
                raise RedirectWarning(
                    _(
                        "Budget line %(line)s of %(event)s is approved for %(approved)s, "
                        "%(spent)s is already spent and the new cost of %(new)s would exceed "
                        "it. Request a budget change (超支申请) for this line first.",
                        line=line.display_name,
                        event=line.event_id.name,
                        approved=format_amount(self.env, line.approved_amount, line.currency_id),
                        spent=format_amount(self.env, already, line.currency_id),
                        new=format_amount(self.env, new_amount, line.currency_id),
                    ),
                    line.action_request_budget_change(
                        amount=already + new_amount - line.approved_amount
                    ),
                    _("Request Budget Change"),
                )

    @api.depends("category_id", "name")
    def _compute_display_name(self):
        for line in self:
            parts = [line.category_id.name, line.name]
            line.display_name = " - ".join(part for part in parts if part)

    def action_request_budget_change(self, amount=None):
        """Open a new budget change (超支申请) of this line, in a dialog, pre-filled.

        ``amount`` is what the line lacks, when a refused cost tells it."""
        self.ensure_one()
        return self.event_id._action_request_budget_change(
            {"default_budget_line_id": self.id, "default_amount": amount or 0.0}
        )
