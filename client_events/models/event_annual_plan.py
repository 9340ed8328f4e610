from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class EventAnnualPlan(models.Model):
    _name = "event.annual.plan"
    _description = "Annual Client-Event Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.approval.mixin"]
    _order = "year desc, level, name"
    _check_company_auto = True
    _approval_locked_fields = frozenset(
        {
            "line_ids",
            "year",
            "level",
            "parent_id",
            "company_id",
            "target_budget",
            "target_ids",
            "target_member_count",
        }
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
    target_member_count = fields.Integer(
        string="Member Recruitment Target",
        compute="_compute_target_member_count",
        store=True,
        readonly=False,
        help="Club members to recruit in the year (会员招募指标): the Members Recruited "
        "target of the whole year, or the sum of its quarterly targets, once the plan has "
        "them; entered by hand otherwise.",
    )
    recruited_member_count = fields.Integer(
        string="Members Recruited",
        compute="_compute_recruited_member_count",
        help="The actual of the Members Recruited targets: new club members of the year "
        "in the plan's region (the group plan: every region).",
    )
    target_ids = fields.One2many(
        "event.annual.plan.target",
        "plan_id",
        string="Club Targets",
        copy=False,
        help="The club's targets (会员招募与管理) beside events and budget: members "
        "recruited and managed, publicity, merchants managed, online campaigns, each "
        "with its actual measured from the records.",
    )
    previous_plan_id = fields.Many2one(
        "event.annual.plan",
        string="Previous Year's Plan",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The plan this one was copied from: its actuals are shown beside the targets.",
    )
    next_plan_reminded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The to-do to write next year's plan has been given (once a year, never twice).",
    )
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
    is_other_company = fields.Boolean(
        string="Plan of Another Company",
        compute="_compute_is_other_company",
        help="The group plan of a company above yours: your region reads it, its own "
        "planners change it.",
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

    @api.depends("target_ids.kind", "target_ids.quarter", "target_ids.target_value")
    def _compute_target_member_count(self):
        for plan in self:
            recruited = plan.target_ids.filtered(lambda t: t.kind == "members_recruited")
            if not recruited:
                plan.target_member_count = plan.target_member_count
                continue
            year = recruited.filtered(lambda t: not t.quarter)
            plan.target_member_count = sum((year or recruited).mapped("target_value"))

    def _compute_recruited_member_count(self):
        recruited = self.target_ids.filtered(lambda t: t.kind == "members_recruited")
        recruited.mapped("actual_value")  # one query for every plan
        for plan in self:
            own = recruited.filtered(lambda t, plan=plan: t.plan_id == plan)
            year = own.filtered(lambda t: not t.quarter)
            plan.recruited_member_count = sum((year or own).mapped("actual_value"))

    @api.depends("company_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_other_company(self):
        # as the record rules: a plan is changed in its company, selected in the switcher
        for plan in self:
            plan.is_other_company = bool(
                plan.company_id and plan.company_id not in self.env.companies
            )

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

    # ------------------------------------------------------------
    # Plan vs actual of the club's targets
    # ------------------------------------------------------------

    def action_view_target_report(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_annual_plan_target_report_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_kind": 1}
        action["display_name"] = _("Plan vs Actual: %(plan)s", plan=self.name)
        return action

    def action_view_recruited_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.membership_line_action_recruited"
        )
        domain = [
            ("club_member_kind", "!=", False),
            ("date", ">=", date(self.year, 1, 1)),
            ("date", "<=", date(self.year, 12, 31)),
        ]
        if self.level == "regional":
            domain.append(("club_company_id", "=", self.company_id.id))
        action["domain"] = domain
        return action

    # ------------------------------------------------------------
    # Year-end: next year's plan
    # ------------------------------------------------------------

    def _next_year_plan_domain(self):
        self.ensure_one()
        domain = [("year", "=", self.year + 1), ("level", "=", self.level)]
        if self.level == "regional":
            domain.append(("company_id", "=", self.company_id.id))
        return domain

    def action_copy_to_next_year(self):
        """Start next year's plan as a copy of this one: its planned events a year later,
        its club targets, nothing approved; this year's actuals show beside the targets."""
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise UserError(
                _(
                    "%(plan)s is the plan of %(company)s: its own planners copy it to the "
                    "next year. Copy your region's plan instead.",
                    plan=self.name,
                    company=self.company_id.sudo().name,
                )
            )
        existing = self.sudo().search(self._next_year_plan_domain(), limit=1)
        if existing:
            raise UserError(
                _(
                    "The plan of %(year)s already exists (%(plan)s): open it instead of "
                    "copying %(current)s again.",
                    year=self.year + 1,
                    plan=existing.name,
                    current=self.name,
                )
            )
        year, next_year = str(self.year), str(self.year + 1)
        parent = self.parent_id and self.search(
            [("level", "=", "group"), ("year", "=", self.year + 1)], limit=1
        )
        plan = self.create(
            {
                "name": self.name.replace(year, next_year)
                if year in self.name
                else f"{self.name} {next_year}",
                "year": self.year + 1,
                "level": self.level,
                "parent_id": parent.id if parent else False,
                "company_id": self.company_id.id,
                "target_budget": self.target_budget,
                "target_event_count": self.target_event_count,
                "note": self.note,
                "previous_plan_id": self.id,
                "line_ids": [
                    Command.create(
                        {
                            "quarter": line.quarter,
                            "name": line.name,
                            "event_type_id": line.event_type_id.id,
                            "planned_date": line.planned_date
                            and line.planned_date + relativedelta(years=1),
                            "target_participant_count": line.target_participant_count,
                            "planned_budget": line.planned_budget,
                        }
                    )
                    for line in self.line_ids
                ],
                "target_ids": [
                    Command.create(
                        {
                            "kind": target.kind,
                            "quarter": target.quarter,
                            "target_value": target.target_value,
                        }
                    )
                    for target in self.target_ids
                ],
            }
        )
        if not self.target_ids:
            plan.target_member_count = self.target_member_count
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": plan.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _cron_remind_next_year_plan(self):
        """Before the year's end (plan_reminder_days before 31 December, a company
        setting), headquarters and each region's planners get one to-do on this year's
        plan: write next year's plan, if it does not exist yet. Never twice."""
        today = fields.Date.context_today(self)
        year_end = date(today.year, 12, 31)
        due = self.search(
            [("year", "=", today.year), ("next_plan_reminded", "=", False)]
        ).filtered(
            lambda plan: today >= year_end - timedelta(days=plan.company_id.plan_reminder_days)
        )
        if not due:
            return
        written = {
            (plan["level"], plan["company_id"] if plan["level"] == "regional" else False)
            for plan in self.search_read(
                [("year", "=", today.year + 1)], ["level", "company_id"], load=False
            )
        }
        groups = {
            "group": self.env.ref("client_events.group_headquarters"),
            "regional": self.env.ref("client_events.group_planner"),
        }
        level_users = {level: self._approval_level_users(group) for level, group in groups.items()}
        for plan in due:
            company_key = plan.company_id.id if plan.level == "regional" else False
            if (plan.level, company_key) in written:
                continue
            users = groups[plan.level].users.filtered(
                lambda user, plan=plan: (
                    user.active and user._is_internal() and plan.company_id in user.company_ids
                )
            )
            # the people of that level; those above it only when the level has nobody
            users = (users & level_users[plan.level]) or users
            for user in users:
                plan.activity_schedule(
                    "client_events.mail_activity_type_next_plan",
                    date_deadline=year_end,
                    summary=plan.with_context(lang=user.lang).env._(
                        "Write the plan for %(year)s", year=plan.year + 1
                    ),
                    user_id=user.id,
                )
        due.write({"next_plan_reminded": True})

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_event_action_client"
        )
        action["domain"] = [("annual_plan_line_id", "in", self.line_ids.ids)]
        action["context"] = {}
        return action
