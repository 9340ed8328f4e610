from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What an approved line of a plan keeps: its breakdown (细化) adds lines, it changes none.
APPROVED_LINE_FIELDS = frozenset(
    {"plan_id", "quarter", "name", "event_type_id", "target_participant_count", "planned_budget"}
)

QUARTERS = [("q1", "Q1"), ("q2", "Q2"), ("q3", "Q3"), ("q4", "Q4")]


class EventAnnualPlanLine(models.Model):
    _name = "event.annual.plan.line"
    _description = "Planned Event"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.approval.mixin"]
    _approval_locked_fields = APPROVED_LINE_FIELDS
    _order = "plan_id, quarter, planned_date, id"
    _check_company_auto = True

    plan_id = fields.Many2one("event.annual.plan", required=True, ondelete="cascade", index=True)
    year = fields.Integer(related="plan_id.year", store=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status", store=True)
    plan_level = fields.Selection(related="plan_id.level", string="Plan Level", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    quarter = fields.Selection(QUARTERS, required=True, default="q1")
    name = fields.Char(string="Theme", required=True)
    event_type_id = fields.Many2one("event.type")
    planned_date = fields.Date()
    target_participant_count = fields.Integer(string="Target Participants")
    planned_budget = fields.Monetary(currency_field="currency_id")
    event_ids = fields.One2many("event.event", "annual_plan_line_id", string="Events")
    event_count = fields.Integer(string="Number of Events", compute="_compute_event_figures")
    approved_budget = fields.Monetary(
        compute="_compute_event_figures",
        currency_field="currency_id",
        help="Budget of the approved events realising this line.",
    )
    remaining_budget = fields.Monetary(
        string="Remaining", compute="_compute_event_figures", currency_field="currency_id"
    )
    actual_cost = fields.Monetary(
        compute="_compute_event_figures",
        currency_field="currency_id",
        help="Costs recorded on the events realising this line.",
    )
    cost_variance = fields.Monetary(
        compute="_compute_event_figures",
        currency_field="currency_id",
        help="Actual cost minus planned budget once costs are recorded: positive when the "
        "line overspent.",
    )

    _sql_constraints = [
        (
            "planned_budget_positive",
            "CHECK (planned_budget >= 0)",
            "The planned budget of a plan line cannot be negative.",
        ),
    ]

    @api.depends(
        "planned_budget",
        "event_ids.budget_amount",
        "event_ids.approval_state",
        "event_ids.cost_amount",
    )
    def _compute_event_figures(self):
        """Plan vs actual: approved budget of the line's events and what remains.

        The actual cost is the costs recorded on the events (cost control); all is
        read in grouped queries.
        """
        counts = {}
        approved = {}
        costs = {}
        if self.ids:
            # the line's figures, whoever reads it: a region reads the group plan's
            # lines, realised by headquarters' events it does not read one by one
            Event = self.env["event.event"].sudo()
            for line, count, cost in Event._read_group(
                [("annual_plan_line_id", "in", self.ids)],
                ["annual_plan_line_id"],
                ["__count", "cost_amount:sum"],
            ):
                counts[line.id] = count
                costs[line.id] = cost
            for line, amount in Event._read_group(
                [("annual_plan_line_id", "in", self.ids), ("approval_state", "=", "approved")],
                ["annual_plan_line_id"],
                ["budget_amount:sum"],
            ):
                approved[line.id] = amount
        for line in self:
            line.event_count = counts.get(line.id, 0)
            line.approved_budget = approved.get(line.id, 0.0)
            line.remaining_budget = line.planned_budget - line.approved_budget
            line.actual_cost = costs.get(line.id, 0.0)
            # nothing spent yet: no variance, not "the whole budget under"
            line.cost_variance = line.actual_cost and line.actual_cost - line.planned_budget

    @api.depends("plan_id", "quarter", "name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.plan_id.year} {dict(QUARTERS).get(line.quarter, '')} · {line.name or ''}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["event.annual.plan"].browse({vals["plan_id"] for vals in vals_list})
        waiting = plans.filtered(lambda plan: plan.approval_state == "submitted")
        if waiting:
            # lines are added before submission, or to the approved plan (计划细化)
            raise waiting[0]._approval_locked_refusal()
        return super().create(vals_list)

    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._approval_track_subtype(init_values) or super()._track_subtype(init_values)

    def _approval_locked_refusal(self):
        return UserError(
            _(
                "The plan line %(line)s is %(state)s and cannot be changed: break the plan "
                "down with new lines instead (计划细化).",
                line=self.display_name,
                state=self._approval_state_label(),
            )
        )

    # approval mixin hooks: a line added once its plan is approved (计划细化) is approved
    # on its own; the lines of the plan as submitted are approved with it

    def _approval_missing_requirements(self):
        self.ensure_one()
        if self.plan_id.approval_state != "approved":
            return [_("the approval of plan %(plan)s (submit the plan)", plan=self.plan_id.name)]
        return []

    def _approval_summary(self):
        return " · ".join(
            [
                self.display_name,
                _("budget %(amount)s", amount=self.currency_id.format(self.planned_budget)),
                super()._approval_summary(),
            ]
        )
