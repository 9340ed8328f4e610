from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EventAnnualPlan(models.Model):
    _name = "event.annual.plan"
    _description = "Annual Client-Event Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.approval.mixin"]
    _order = "year desc, level, name"
    _check_company_auto = True
    _approval_locked_fields = frozenset(
        {"line_ids", "year", "level", "parent_id", "company_id", "target_budget"}
    )

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    level = fields.Selection(
        [("group", "Group Plan (集团)"), ("regional", "Regional Plan (区域)")],
        required=True,
        default="regional",
        tracking=True,
    )
    parent_id = fields.Many2one(
        "event.annual.plan",
        string="Group Plan",
        index=True,
        ondelete="restrict",
        domain="[('level', '=', 'group'), ('year', '=', year)]",
        tracking=True,
    )
    child_ids = fields.One2many("event.annual.plan", "parent_id", string="Regional Plans")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="approval_state", string="Status", store=True, index=True)
    target_member_count = fields.Integer(string="Member Recruitment Target")
    target_event_count = fields.Integer(string="Events Target")
    target_budget = fields.Monetary(string="Budget Target", currency_field="currency_id")
    allotted_budget = fields.Monetary(
        string="Allotted by Group Plan",
        currency_field="currency_id",
        tracking=True,
        help="Budget the group plan allots to this regional plan.",
    )
    line_ids = fields.One2many("event.annual.plan.line", "plan_id", string="Planned Events")
    planned_budget = fields.Monetary(
        compute="_compute_plan_totals",
        store=True,
        currency_field="currency_id",
    )
    approved_budget = fields.Monetary(
        string="Approved Budget of Events",
        compute="_compute_actuals",
        currency_field="currency_id",
    )
    remaining_budget = fields.Monetary(
        string="Remaining", compute="_compute_actuals", currency_field="currency_id"
    )
    event_count = fields.Integer(string="Events", compute="_compute_actuals")
    is_over_allotment = fields.Boolean(
        string="Over Allotment", compute="_compute_is_over_allotment"
    )
    note = fields.Html()

    @api.depends("line_ids.planned_budget")
    def _compute_plan_totals(self):
        totals = {}
        if self.ids:
            totals = {
                plan.id: amount
                for plan, amount in self.env["event.annual.plan.line"]._read_group(
                    [("plan_id", "in", self.ids)], ["plan_id"], ["planned_budget:sum"]
                )
            }
        for plan in self:
            if plan.id:
                plan.planned_budget = totals.get(plan.id, 0.0)
            else:
                plan.planned_budget = sum(plan.line_ids.mapped("planned_budget"))

    def _compute_actuals(self):
        for plan in self:
            plan.approved_budget = sum(plan.line_ids.mapped("approved_budget"))
            plan.event_count = sum(plan.line_ids.mapped("event_count"))
            plan.remaining_budget = plan.planned_budget - plan.approved_budget

    @api.depends("level", "planned_budget", "allotted_budget")
    def _compute_is_over_allotment(self):
        for plan in self:
            plan.is_over_allotment = (
                plan.level == "regional"
                and plan.parent_id
                and plan.currency_id.compare_amounts(plan.planned_budget, plan.allotted_budget) > 0
            )

    @api.constrains("level", "parent_id", "year")
    def _check_parent(self):
        for plan in self:
            if plan.level == "group" and plan.parent_id:
                raise ValidationError(
                    _(
                        "%(plan)s is a group plan: it cannot belong to another plan.",
                        plan=plan.name,
                    )
                )
            if plan.parent_id and (
                plan.parent_id.level != "group" or plan.parent_id.year != plan.year
            ):
                raise ValidationError(
                    _(
                        "Regional plan %(plan)s must belong to the group plan of %(year)s.",
                        plan=plan.name,
                        year=plan.year,
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_("Enter a valid year for plan %(plan)s.", plan=plan.name))

    @api.constrains("target_budget")
    def _check_target_budget(self):
        for plan in self.filtered(lambda plan: plan.target_budget < 0):
            raise ValidationError(
                _(
                    "The budget target of plan %(plan)s cannot be negative: enter the amount "
                    "the plan may spend, or zero.",
                    plan=plan.name,
                )
            )

    def write(self, vals):
        if (
            "line_ids" in vals
            and not self._in_transition()
            and self._only_breaks_down(vals["line_ids"])
        ):
            # an approved plan is broken down (计划细化): new lines, approved on their own
            vals = dict(vals)
            self._transition_write({"line_ids": vals.pop("line_ids")})
            return self.write(vals) if vals else True
        return super().write(vals)

    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._approval_track_subtype(init_values) or super()._track_subtype(init_values)

    def _approval_may_change_locked(self):
        return self.env.user.has_group("client_events.group_manager")

    def _only_breaks_down(self, commands):
        """The commands only add lines to approved plans, or edit lines not yet approved."""
        if any(plan.approval_state != "approved" for plan in self):
            return False
        Line = self.env["event.annual.plan.line"]
        for command in commands:
            if command[0] == fields.Command.CREATE:
                continue
            if command[0] == fields.Command.UPDATE and Line.browse(command[1]).approval_state in (
                "draft",
                "rejected",
            ):
                continue
            if command[0] == fields.Command.LINK:
                continue
            return False
        return True

    def _approval_on_approved(self):
        """The lines of the plan as it was approved are approved with it."""
        self.line_ids.filtered(lambda line: line.approval_state == "draft")._transition_write(
            {"approval_state": "approved"}
        )
        return super()._approval_on_approved()

    # approval mixin hooks

    def _approval_missing_requirements(self):
        self.ensure_one()
        missing = []
        if not self.line_ids:
            missing.append(_("at least one planned event"))
        if self.level == "regional" and not self.parent_id:
            missing.append(_("the group plan"))
        return missing

    def _approval_summary(self):
        level = dict(self._fields["level"]._description_selection(self.env)).get(self.level, "")
        return " · ".join(
            [
                f"{self.year} {level}",
                _("%(count)s planned events", count=len(self.line_ids)),
                _("budget %(amount)s", amount=self.currency_id.format(self.target_budget)),
                super()._approval_summary(),
            ]
        )

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_event_action_client"
        )
        action["domain"] = [("annual_plan_line_id", "in", self.line_ids.ids)]
        action["context"] = {}
        return action
