from odoo import _, api, fields, models
from odoo.exceptions import RedirectWarning
from odoo.tools import SQL, format_amount


class EventBudgetLine(models.Model):
    _name = "event.budget.line"
    _description = "Event Budget Line"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    event_id = fields.Many2one("event.event", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one("event.budget.category", required=True, ondelete="restrict")
    name = fields.Char(string="Description")
    planned_amount = fields.Monetary(currency_field="currency_id")
    company_id = fields.Many2one(related="event_id.company_id", store=True, precompute=True)
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        precompute=True,
    )

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

    _sql_constraints = [
        (
            "planned_amount_positive",
            "CHECK (planned_amount >= 0)",
            "The planned amount of a budget line cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------

    @api.depends("company_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (line.company_id or self.env.company).currency_id

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

    @api.depends("category_id", "name")
    def _compute_display_name(self):
        for line in self:
            parts = [line.category_id.name, line.name]
            line.display_name = " - ".join(part for part in parts if part)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

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

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_request_budget_change(self, amount=None):
        """Open a new budget change (超支申请) of this line, in a dialog, pre-filled.

        ``amount`` is what the line lacks, when a refused cost tells it."""
        self.ensure_one()
        return self.event_id._action_request_budget_change(
            {"default_budget_line_id": self.id, "default_amount": amount or 0.0}
        )

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    @api.model
    def _check_costs_fit(self, added):
        """Refuse costs that would take a line above its approved amount.

        ``added`` maps budget line ids to the amount the new costs add to them. The
        lines are locked first, so two costs recorded at once on one line are
        checked one after the other and can never exceed it together: the second
        waits for the first to commit, then fails to serialize on the line the first
        updated, and Odoo retries its request on fresh data, where the first cost
        counts.
        """
        lines = self.browse([line_id for line_id, amount in added.items() if amount > 0])
        if not lines:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT id FROM event_budget_line WHERE id IN %s FOR UPDATE", tuple(lines.ids))
        )
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
