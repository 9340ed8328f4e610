from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class EventBudgetChange(models.Model):
    """A request to spend more than approved (超支申请), approved like an event."""

    _name = "event.budget.change"
    _description = "Event Budget Change"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _approval_locked_fields = frozenset(
        {"event_id", "budget_line_id", "category_id", "amount", "reason"}
    )

    event_id = fields.Many2one(
        "event.event",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('approval_required', '=', True), ('approval_state', '=', 'approved'), "
        "('costs_closed', '=', False)]",
        tracking=True,
    )
    budget_line_id = fields.Many2one(
        "event.budget.line",
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('event_id', '=', event_id)]",
        tracking=True,
        help="Leave empty to add a new line of the chosen category on approval.",
    )
    category_id = fields.Many2one(
        "event.budget.category",
        compute="_compute_category_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    amount = fields.Monetary(required=True, currency_field="currency_id", tracking=True)
    reason = fields.Text(required=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, precompute=True)
    currency_id = fields.Many2one(related="event_id.company_currency_id")
    event_approved_budget = fields.Monetary(
        string="Approved Budget Before",
        compute="_compute_event_new_total",
        currency_field="currency_id",
    )
    event_new_total = fields.Monetary(
        string="New Event Total",
        compute="_compute_event_new_total",
        currency_field="currency_id",
        help="Approved budget of the event once this change is approved.",
    )
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    makes_event_large = fields.Boolean(
        string="Makes the Event Large",
        compute="_compute_makes_event_large",
        store=True,
        help="The event's approved budget goes above the large-event threshold with this "
        "change: the approval rules for large events apply.",
    )

    @api.depends("budget_line_id")
    def _compute_category_id(self):
        for change in self.filtered("budget_line_id"):
            change.category_id = change.budget_line_id.category_id

    @api.depends("amount", "event_id.approved_budget_amount", "approval_state")
    def _compute_event_new_total(self):
        for change in self:
            before = change.event_id.approved_budget_amount
            if change.approval_state == "approved":
                before -= change.amount
            change.event_approved_budget = before
            change.event_new_total = before + change.amount

    @api.depends("event_id", "category_id", "amount")
    def _compute_display_name(self):
        for change in self:
            change.display_name = _(
                "%(event)s: %(category)s +%(amount)s",
                event=change.event_id.name or "",
                category=change.category_id.name or "",
                amount=change.currency_id.format(change.amount) if change.currency_id else "",
            )

    @api.constrains("amount")
    def _check_amount(self):
        for change in self:
            if change.currency_id.compare_amounts(change.amount, 0.0) <= 0:
                raise ValidationError(
                    _(
                        "The budget change of %(event)s must ask for a positive amount: "
                        "enter how much more the line needs.",
                        event=change.event_id.name,
                    )
                )

    @api.constrains("event_id", "budget_line_id", "category_id")
    def _check_line(self):
        for change in self:
            if change.budget_line_id and change.budget_line_id.event_id != change.event_id:
                raise ValidationError(
                    _(
                        "Budget line %(line)s does not belong to %(event)s: choose one of "
                        "its lines or a category for a new line.",
                        line=change.budget_line_id.display_name,
                        event=change.event_id.name,
                    )
                )
            if not change.budget_line_id and not change.category_id:
                raise ValidationError(
                    _(
                        "The budget change of %(event)s needs a budget line to raise or the "
                        "category of a new line.",
                        event=change.event_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        changes.event_id._check_budget_change_allowed()
        return changes

    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._approval_track_subtype(init_values) or super()._track_subtype(init_values)

    def _approval_locked_refusal(self):
        return UserError(
            _(
                "%(change)s is %(state)s and cannot be changed anymore. "
                "Request another budget change if more is needed.",
                change=self.display_name,
                state=self._approval_state_label(),
            )
        )

    def write(self, vals):
        result = super().write(vals)
        if "event_id" in vals:
            self.event_id._check_budget_change_allowed()
        return result

    # ------------------------------------------------------------
    # Approval mixin hooks
    # ------------------------------------------------------------

    def _approval_missing_requirements(self):
        self.ensure_one()
        self.event_id._check_budget_change_allowed()
        missing = []
        if not (self.reason or "").strip():
            missing.append(_("reason"))
        return missing

    @api.depends(
        "amount",
        "approval_state",
        "event_id.approved_budget_amount",
        "event_id.company_id.large_event_budget_threshold",
    )
    def _compute_makes_event_large(self):
        for change in self:
            company = change.event_id.company_id or self.env.company
            threshold = company.large_event_budget_threshold
            currency = change.currency_id
            change.makes_event_large = bool(
                currency
                and currency.compare_amounts(change.event_approved_budget, threshold) <= 0
                and currency.compare_amounts(change.event_new_total, threshold) > 0
            )

    def _approval_on_approved(self):
        for change in self:
            change.event_id._check_budget_change_allowed()
            line = change.budget_line_id
            old_amount = line.approved_amount
            if not line:
                # a line added to the approved budget by this approval
                with change.event_id._transition():
                    line = (
                        self.env["event.budget.line"]
                        .sudo()
                        .create(
                            {
                                "event_id": change.event_id.id,
                                "category_id": change.category_id.id,
                                "name": _("Budget change"),
                                "planned_amount": 0.0,
                            }
                        )
                    )
                old_amount = 0.0
            vals = {"approved_date": fields.Datetime.now()}
            if change.budget_line_id != line:
                vals["budget_line_id"] = line.id
            change.sudo()._transition_write(vals)
            change.event_id.message_post(
                body=_(
                    "Budget change approved: %(line)s raised from %(old)s to %(new)s "
                    "(%(reason)s).",
                    line=line.display_name,
                    old=change.currency_id.format(old_amount),
                    new=change.currency_id.format(line.approved_amount),
                    reason=change.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return super()._approval_on_approved()

    def _approval_notify_partners(self):
        partners = super()._approval_notify_partners()
        return partners | self.event_id.user_id.partner_id

    def _approval_summary(self):
        parts = [
            _("+%(amount)s", amount=self.currency_id.format(self.amount)),
            _(
                "approved budget %(before)s → %(after)s",
                before=self.currency_id.format(self.event_approved_budget),
                after=self.currency_id.format(self.event_new_total),
            ),
            (self.reason or "").strip()[:80],
        ]
        if self.makes_event_large:
            parts.append(_("makes the event large"))
        parts.append(super()._approval_summary())
        return " · ".join(part for part in parts if part)
