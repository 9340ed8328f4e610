from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_datetime, is_html_empty

from .client_events_approval_mixin import APPROVAL_PROTECTED_FIELDS

# Fields of the proposal the planner cannot change once it is submitted or approved.
PROPOSAL_LOCKED_FIELDS = frozenset(
    {
        "theme",
        "date_begin",
        "date_end",
        "target_participant_count",
        "budget_line_ids",
        "is_brand_event",
        "annual_plan_line_id",
        "event_type_id",
        "target_ids",
    }
)
# Written by Close Event and Reopen only.
CLOSING_FIELDS = frozenset({"costs_closed", "closed_date"})
# Days before the event by which a large event's venue must have been inspected.
SAFETY_INSPECTION_DAYS = 3


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "client_events.approval.mixin"]
    _approval_locked_fields = PROPOSAL_LOCKED_FIELDS
    _transition_fields = APPROVAL_PROTECTED_FIELDS | CLOSING_FIELDS | {"filed_date"}

    approval_required = fields.Boolean(
        related="event_type_id.approval_required", store=True, string="Requires Approval"
    )
    # the proposal (活动方案)
    planning_group_id = fields.Many2one("event.planning.group", check_company=True, tracking=True)
    execution_member_ids = fields.One2many(
        "event.execution.member", "event_id", string="Execution Team"
    )
    theme = fields.Char(tracking=True)
    objective = fields.Html(string="Objectives")
    target_participant_count = fields.Integer(
        string="Target Participants", tracking=True, help="Expected number of participants."
    )
    target_ids = fields.One2many(
        "event.target",
        "event_id",
        string="Targets",
        compute="_compute_target_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="Measurable targets fixed at planning (目标量化): the evaluation measures "
        "the event against them.",
    )
    is_brand_event = fields.Boolean(
        string="Brand Event",
        tracking=True,
        help="Directly tied to the company brand (和公司品牌直接相关): always a large event.",
    )
    promotion_channel_ids = fields.Many2many(
        "event.promotion.channel", string="Promotion Channels"
    )
    promotion_plan = fields.Html()
    risk_plan = fields.Html(string="Risk and Emergency Plan")
    agenda_line_ids = fields.One2many("event.agenda.line", "event_id", string="Agenda")
    prep_task_ids = fields.One2many("event.prep.task", "event_id", string="Preparation")
    prep_task_overdue_count = fields.Integer(
        string="Overdue Tasks", compute="_compute_prep_task_overdue_count"
    )
    # the budget (预算编制)
    company_currency_id = fields.Many2one("res.currency", compute="_compute_company_currency_id")
    budget_line_ids = fields.One2many("event.budget.line", "event_id", string="Budget Lines")
    budget_amount = fields.Monetary(
        string="Budget",
        compute="_compute_budget_amount",
        store=True,
        currency_field="company_currency_id",
        tracking=True,
    )
    is_large_event = fields.Boolean(
        string="Large Event",
        compute="_compute_is_large_event",
        store=True,
        help="More participants or a larger budget than the company's thresholds, "
        "or a brand event (大型活动).",
    )
    # plan first (年度计划)
    annual_plan_line_id = fields.Many2one(
        "event.annual.plan.line",
        string="Plan Line",
        index=True,
        check_company=True,
        tracking=True,
        domain="[('plan_state', '=', 'approved'), ('approval_state', '=', 'approved'), "
        "('year', '=', plan_year), ('quarter', '=', plan_quarter)]",
        help="The line of an approved annual plan this event realises: a line of the "
        "quarter the event starts in.",
    )
    plan_year = fields.Integer(compute="_compute_plan_period")
    plan_quarter = fields.Char(compute="_compute_plan_period")
    filed_date = fields.Datetime(
        string="Filed with Headquarters On",
        readonly=True,
        copy=False,
        help="When the approved execution plan was filed with headquarters (报集团备案).",
    )
    is_off_plan = fields.Boolean(
        string="Off-Plan", compute="_compute_is_off_plan", store=True, help="计划外活动"
    )

    # cost control (成本控制)
    cost_ids = fields.One2many("event.cost", "event_id", string="Costs")
    cost_count = fields.Integer(compute="_compute_cost_count")
    budget_change_ids = fields.One2many("event.budget.change", "event_id", string="Budget Changes")
    budget_change_count = fields.Integer(compute="_compute_budget_change_count")
    cost_amount = fields.Monetary(
        string="Actual Cost",
        compute="_compute_cost_amount",
        store=True,
        currency_field="company_currency_id",
    )
    approved_budget_amount = fields.Monetary(
        string="Approved Budget",
        compute="_compute_cost_amount",
        store=True,
        currency_field="company_currency_id",
        help="Planned budget plus the approved budget changes.",
    )
    budget_remaining = fields.Monetary(
        compute="_compute_budget_remaining",
        store=True,
        currency_field="company_currency_id",
    )
    # stored: the Budget vs Cost pivot sums it
    budget_variance = fields.Monetary(
        compute="_compute_budget_remaining",
        store=True,
        currency_field="company_currency_id",
        help="Actual cost minus approved budget once costs are recorded: positive means "
        "over budget. Empty while nothing is spent.",
    )
    costs_closed = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="The event is closed: its costs are reconciled and locked.",
    )
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    # follow-up (后续跟进)
    thank_you_template_id = fields.Many2one(
        "mail.template",
        string="Thank-You Template",
        domain="[('model', '=', 'event.registration')]",
        default=lambda self: self.env.ref(
            "client_events.mail_template_event_thank_you", raise_if_not_found=False
        ),
    )
    invitation_count = fields.Integer(string="Invitations", compute="_compute_followup_stats")
    attended_count = fields.Integer(string="Attended", compute="_compute_followup_stats")
    opportunity_count = fields.Integer(string="Opportunities", compute="_compute_followup_stats")
    opportunity_expected_revenue = fields.Monetary(
        string="Expected Revenue",
        compute="_compute_followup_stats",
        currency_field="company_currency_id",
    )
    opportunity_won_revenue = fields.Monetary(
        string="Won Revenue",
        compute="_compute_followup_stats",
        currency_field="company_currency_id",
    )
    cost_analysis = fields.Html(help="A short analysis of the final costs (费用分析).")

    # risk register, incidents, daily wrap-ups (风险评估、突发情况、每日总结)
    risk_ids = fields.One2many(
        "event.risk",
        "event_id",
        string="Risk Register",
        compute="_compute_risk_ids",
        store=True,
        readonly=False,
    )
    risk_count = fields.Integer(compute="_compute_risk_counts")
    high_risk_count = fields.Integer(compute="_compute_risk_counts")
    incident_ids = fields.One2many("event.incident", "event_id", string="Incidents")
    incident_count = fields.Integer(compute="_compute_incident_count")
    daily_report_ids = fields.One2many("event.daily.report", "event_id", string="Daily Wrap-ups")

    # nominations and RSVPs (邀请)
    nomination_ids = fields.One2many("event.nomination", "event_id", string="Nominations")
    nomination_quota_account = fields.Integer(
        string="Nominations per Account",
        help="The most guests one client (account) may have nominated for the event; "
        "0 means no limit. Refused, declined and replaced nominations do not count.",
    )
    nomination_quota_user = fields.Integer(
        string="Nominations per Nominator",
        help="The most guests one key-account owner or sales rep may nominate for the "
        "event; 0 means no limit. Refused, declined and replaced nominations do not count.",
    )
    rsvp_deadline = fields.Datetime(
        string="RSVP Deadline",
        help="Until when guests answer their invitation with their personal link. "
        "Empty: until the event starts.",
    )
    nomination_count = fields.Integer(
        string="Nominated Guests", compute="_compute_nomination_stats", help="Every nomination."
    )
    nomination_invited_count = fields.Integer(
        string="Invited Guests",
        compute="_compute_nomination_stats",
        help="Nominations whose invitation was sent, substitutes named by a guest included: "
        "accepted + declined + substituted + no answer.",
    )
    nomination_accepted_count = fields.Integer(
        string="Accepted", compute="_compute_nomination_stats", help="Guests who accepted."
    )
    nomination_declined_count = fields.Integer(
        string="Declined", compute="_compute_nomination_stats", help="Guests who declined."
    )
    nomination_substituted_count = fields.Integer(
        string="Substituted",
        compute="_compute_nomination_stats",
        help="Guests who sent someone else in their place.",
    )
    nomination_pending_count = fields.Integer(
        string="No Answer",
        compute="_compute_nomination_stats",
        help="Invited guests who have not answered yet.",
    )
    # the event's archive (资料存档): texts, photos, videos and press coverage
    archive_item_ids = fields.One2many("event.archive.item", "event_id", string="Archive")
    archive_photo_ids = fields.One2many(
        "event.archive.item",
        "event_id",
        string="Photo Gallery",
        domain=[("kind", "=", "photo")],
    )
    archive_document_ids = fields.One2many(
        "event.archive.item",
        "event_id",
        string="Texts, Videos and Press",
        domain=[("kind", "!=", "photo")],
    )
    archive_item_count = fields.Integer(string="Archive Items", compute="_compute_archive_counts")
    archive_photo_count = fields.Integer(string="Photos", compute="_compute_archive_counts")

    # ------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------

    @api.depends("company_id")
    def _compute_company_currency_id(self):
        for event in self:
            event.company_currency_id = (event.company_id or self.env.company).currency_id

    @api.depends("budget_line_ids.planned_amount")
    def _compute_budget_amount(self):
        stored = self.filtered("id")
        amounts = {}
        if stored.ids:
            amounts = {
                event.id: amount
                for event, amount in self.env["event.budget.line"]._read_group(
                    [("event_id", "in", stored.ids)], ["event_id"], ["planned_amount:sum"]
                )
            }
        for event in self:
            if event.id:
                event.budget_amount = amounts.get(event.id, 0.0)
            else:
                event.budget_amount = sum(event.budget_line_ids.mapped("planned_amount"))

    @api.depends(
        "target_participant_count",
        "budget_amount",
        "is_brand_event",
        "company_id.large_event_participant_threshold",
        "company_id.large_event_budget_threshold",
    )
    def _compute_is_large_event(self):
        for event in self:
            company = event.company_id or self.env.company
            event.is_large_event = (
                event.is_brand_event
                or event.target_participant_count > company.large_event_participant_threshold
                or event.company_currency_id.compare_amounts(
                    event.budget_amount, company.large_event_budget_threshold
                )
                > 0
            )

    @api.depends("event_type_id")
    def _compute_target_ids(self):
        """The type's targets, for events whose targets nobody has filled in yet."""
        for event in self:
            if any(event.target_ids.mapped("target")) or event.approval_state != "draft":
                # what the planner set, or what went for approval, stays
                event.target_ids = event.target_ids
                continue
            event.target_ids = [fields.Command.clear()] + [
                fields.Command.create(template._prepare_target_values())
                for template in event.event_type_id.target_template_ids
            ]

    @api.depends("date_begin", "date_tz")
    def _compute_plan_period(self):
        for event in self:
            date = event._local_start_date()
            event.plan_year = date.year if date else 0
            event.plan_quarter = "q%d" % ((date.month - 1) // 3 + 1) if date else False

    @api.depends("annual_plan_line_id")
    def _compute_is_off_plan(self):
        for event in self:
            event.is_off_plan = not event.annual_plan_line_id

    def _compute_prep_task_overdue_count(self):
        counts = {}
        if self.ids:
            counts = {
                event.id: count
                for event, count in self.env["event.prep.task"]._read_group(
                    [("event_id", "in", self.ids), ("is_overdue", "=", True)],
                    ["event_id"],
                    ["__count"],
                )
            }
        for event in self:
            event.prep_task_overdue_count = counts.get(event.id, 0)

    @api.depends("budget_line_ids.actual_amount", "budget_line_ids.approved_amount")
    def _compute_cost_amount(self):
        stored = self.filtered("id")
        totals = {}
        if stored.ids:
            totals = {
                event.id: (actual, approved)
                for event, actual, approved in self.env["event.budget.line"]._read_group(
                    [("event_id", "in", stored.ids)],
                    ["event_id"],
                    ["actual_amount:sum", "approved_amount:sum"],
                )
            }
        for event in self:
            if event.id:
                event.cost_amount, event.approved_budget_amount = totals.get(event.id, (0.0, 0.0))
            else:
                event.cost_amount = sum(event.budget_line_ids.mapped("actual_amount"))
                event.approved_budget_amount = sum(event.budget_line_ids.mapped("approved_amount"))

    @api.depends("cost_amount", "approved_budget_amount", "costs_closed")
    def _compute_budget_remaining(self):
        for event in self:
            event.budget_remaining = event.approved_budget_amount - event.cost_amount
            # nothing spent and not closed: no variance yet, not "the whole budget under"
            spent = event.cost_amount or event.costs_closed
            event.budget_variance = (
                event.cost_amount - event.approved_budget_amount if spent else 0.0
            )

    def _compute_cost_count(self):
        counts = {}
        if self.ids:
            counts = {
                event.id: count
                for event, count in self.env["event.cost"]._read_group(
                    [("event_id", "in", self.ids)], ["event_id"], ["__count"]
                )
            }
        for event in self:
            event.cost_count = counts.get(event.id, 0)

    def _compute_budget_change_count(self):
        counts = {}
        if self.ids:
            counts = {
                event.id: count
                for event, count in self.env["event.budget.change"]._read_group(
                    [("event_id", "in", self.ids)], ["event_id"], ["__count"]
                )
            }
        for event in self:
            event.budget_change_count = counts.get(event.id, 0)

    def _compute_nomination_stats(self):
        counts = {}
        if self.ids:
            for event, state, count in (
                self.env["event.nomination"]
                .sudo()
                ._read_group([("event_id", "in", self.ids)], ["event_id", "state"], ["__count"])
            ):
                counts.setdefault(event.id, {})[state] = count
        for event in self:
            by_state = counts.get(event.id, {})
            event.nomination_count = sum(by_state.values())
            event.nomination_accepted_count = by_state.get("accepted", 0)
            event.nomination_declined_count = by_state.get("declined", 0)
            event.nomination_substituted_count = by_state.get("substituted", 0)
            event.nomination_pending_count = by_state.get("invited", 0)
            event.nomination_invited_count = sum(
                by_state.get(state, 0)
                for state in ("invited", "accepted", "declined", "substituted")
            )

    def _compute_followup_stats(self):
        invited, attended = {}, {}
        revenue = {}
        if self.ids:
            registrations = self.env["event.registration"].sudo()
            invited = {
                event.id: count
                for event, count in registrations._read_group(
                    [("event_id", "in", self.ids), ("invited_date", "!=", False)],
                    ["event_id"],
                    ["__count"],
                )
            }
            attended = {
                event.id: count
                for event, count in registrations._read_group(
                    [("event_id", "in", self.ids), ("state", "=", "done")],
                    ["event_id"],
                    ["__count"],
                )
            }
            for event, stage, count, expected in (
                self.env["crm.lead"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [
                        ("event_id", "in", self.ids),
                        ("type", "=", "opportunity"),
                        "|",
                        ("active", "=", True),
                        ("probability", "=", 100),
                    ],
                    ["event_id", "stage_id"],
                    ["__count", "expected_revenue:sum"],
                )
            ):
                total = revenue.setdefault(event.id, [0, 0.0, 0.0])
                total[0] += count
                total[1] += expected
                if stage.is_won:
                    total[2] += expected
        for event in self:
            event.invitation_count = invited.get(event.id, 0)
            event.attended_count = attended.get(event.id, 0)
            count, expected, won = revenue.get(event.id, (0, 0.0, 0.0))
            event.opportunity_count = count
            event.opportunity_expected_revenue = expected
            event.opportunity_won_revenue = won

    @api.depends("event_type_id")
    def _compute_risk_ids(self):
        """Copy the type's typical risks, as Odoo copies its mail schedulers.

        Open risks that came from the previous type's template are replaced;
        risks written for this event, or already worked on, stay.
        """
        for event in self:
            stale = event.risk_ids.filtered(
                lambda r: r._origin.from_template and r._origin.state == "open"
            )
            commands = [Command.unlink(risk.id) for risk in stale if risk._origin]
            commands += [
                Command.create(template._prepare_event_risk_values())
                for template in event.event_type_id.risk_template_ids
            ]
            if commands:
                event.risk_ids = commands

    def _compute_risk_counts(self):
        groups = self.env["event.risk"]._read_group(
            [("event_id", "in", self.ids), ("state", "!=", "closed")],
            ["event_id", "level"],
            ["__count"],
        )
        counts = {}
        for event, level, count in groups:
            total, high = counts.get(event.id, (0, 0))
            counts[event.id] = (total + count, high + (count if level == "high" else 0))
        for event in self:
            event.risk_count, event.high_risk_count = counts.get(event.id, (0, 0))

    def _compute_incident_count(self):
        groups = self.env["event.incident"]._read_group(
            [("event_id", "in", self.ids)], ["event_id"], ["__count"]
        )
        counts = {event.id: count for event, count in groups}
        for event in self:
            event.incident_count = counts.get(event.id, 0)

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("target_participant_count")
    def _check_target_participant_count(self):
        for event in self.filtered(lambda event: event.target_participant_count < 0):
            raise ValidationError(
                _(
                    "%(event)s cannot target %(count)s participants: enter how many clients "
                    "you expect (zero while you do not know yet).",
                    event=event.name,
                    count=event.target_participant_count,
                )
            )

    @api.constrains("annual_plan_line_id", "date_begin")
    def _check_annual_plan_line(self):
        for event in self.filtered("annual_plan_line_id"):
            line = event.annual_plan_line_id
            if line.plan_id.approval_state != "approved":
                raise ValidationError(
                    _(
                        "%(event)s cannot realise %(line)s: plan %(plan)s is not approved. "
                        "Choose a line of an approved plan or leave the event off-plan.",
                        event=event.name,
                        line=line.name,
                        plan=line.plan_id.name,
                    )
                )
            if line.approval_state != "approved":
                raise ValidationError(
                    _(
                        "%(event)s cannot realise %(line)s yet: this line was added to plan "
                        "%(plan)s after its approval and waits for its own. Submit the line "
                        "for approval, or leave the event off-plan.",
                        event=event.name,
                        line=line.name,
                        plan=line.plan_id.name,
                    )
                )
            if event.plan_year != line.year or event.plan_quarter != line.quarter:
                raise ValidationError(
                    _(
                        "%(event)s starts on %(date)s, outside %(quarter)s %(year)s of plan "
                        "line %(line)s: change the date or choose another line.",
                        event=event.name,
                        date=format_date(self.env, event._local_start_date()),
                        quarter=line.quarter.upper(),
                        year=line.year,
                        line=line.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # the preparation tasks are added once the events exist: a task's to-do makes its
        # user a follower, which must not happen before Odoo subscribes the creator
        prep_tasks = [vals.pop("prep_task_ids", None) for vals in vals_list]
        events = super().create(vals_list)
        for event, tasks in zip(events, prep_tasks, strict=True):
            if tasks:
                event.prep_task_ids = tasks
        for event, vals in zip(events, vals_list, strict=True):
            if vals.get("stage_id"):
                event._check_stage_allowed(event.stage_id)
            if vals.get("is_published"):
                event._check_can_run(_("be published"))
        without_tasks = self.browse(
            [event.id for event, tasks in zip(events, prep_tasks, strict=True) if tasks is None]
        )
        without_tasks.filtered("approval_required")._copy_prep_templates()
        # one wrap-up per day of the event (每日总结)
        self.env["event.daily.report"].sudo()._sync_events(events)
        return events

    def write(self, vals):
        if vals.get("stage_id"):
            self._check_stage_allowed(self.env["event.stage"].browse(vals["stage_id"]))
        if vals.get("is_published"):
            self._check_can_run(_("be published"))
        was_large = {event.id: event.is_large_event for event in self}
        result = super().write(vals)
        self._escalate_if_now_large(was_large)
        if {"date_begin", "date_end", "date_tz", "event_type_id"}.intersection(vals):
            self.env["event.daily.report"].sudo()._sync_events(self)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        # replaces the approval mixin's guard: events say what to do instead
        for event in self:
            if event.approval_required and event.approval_state in ("submitted", "approved"):
                raise UserError(
                    _(
                        "%(event)s went through approval and is kept as history: it cannot be "
                        "deleted. Cancel the event, or archive it to hide it.",
                        event=event.display_name,
                    )
                )
            if event.cost_ids:
                raise UserError(
                    _(
                        "%(event)s has recorded costs and cannot be deleted. "
                        "Archive it to hide it.",
                        event=event.display_name,
                    )
                )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_submit_for_approval(self):
        events = self.filtered("approval_required")
        events._check_risk_register()
        events._ensure_safety_inspection()
        return super().action_submit_for_approval()

    def action_close(self):
        if not self.env.user.has_group("client_events.group_planner"):
            raise AccessError(_("Only event planners can close an event."))
        now = fields.Datetime.now()
        for event in self:
            if event.costs_closed:
                raise UserError(_("%(event)s is already closed.", event=event.name))
            if event.date_end and event.date_end > now:
                raise UserError(
                    _(
                        "%(event)s ends on %(date)s: close it after it has ended.",
                        event=event.name,
                        date=format_datetime(self.env, event.date_end, tz=event.date_tz),
                    )
                )
            open_changes = event._get_open_budget_changes()
            if open_changes:
                raise UserError(
                    _(
                        "%(event)s still has budget changes waiting for a decision "
                        "(%(changes)s): have them approved, rejected or cancelled "
                        "before closing it.",
                        event=event.name,
                        changes=", ".join(open_changes.mapped("display_name")),
                    )
                )
        self.sudo()._transition_write({"costs_closed": True, "closed_date": now})
        # the analysis starts from the reconciliation; the planner writes on
        for event in self.filtered(lambda event: is_html_empty(event.cost_analysis)):
            event.cost_analysis = event._cost_reconciliation_html()
        for event in self:
            event.message_post_with_source(
                "client_events.message_event_closed",
                render_values={
                    "summary": _(
                        "Event closed: final cost %(cost)s for an approved budget of "
                        "%(budget)s. Costs are now locked.",
                        cost=event._format_company_amount(event.cost_amount),
                        budget=event._format_company_amount(event.approved_budget_amount),
                    )
                },
            )
        return True

    def action_reopen(self):
        if not self.env.user.has_group("client_events.group_manager"):
            raise AccessError(
                _("Only an events administrator can reopen a closed event and its costs.")
            )
        for event in self:
            if not event.costs_closed:
                raise UserError(_("%(event)s is not closed.", event=event.name))
        self.sudo()._transition_write({"costs_closed": False, "closed_date": False})
        for event in self:
            event.message_post(
                body=_(
                    "Event reopened by %(user)s: costs can be recorded again.",
                    user=self.env.user.name,
                )
            )
        return True

    def action_view_costs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Costs of %(event)s", event=self.name),
            "res_model": "event.cost",
            "view_mode": "list,form,pivot,graph",
            "domain": [("event_id", "=", self.id)],
            "context": {"default_event_id": self.id},
        }

    def action_request_budget_change(self):
        """Open a new budget change (超支申请) of this event, in a dialog."""
        self.ensure_one()
        return self._action_request_budget_change({})

    def _action_request_budget_change(self, context):
        return {
            "type": "ir.actions.act_window",
            "name": _("Request a Budget Change for %(event)s", event=self.name),
            "res_model": "event.budget.change",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_event_id": self.id, **context},
        }

    def action_view_budget_changes(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Budget Changes of %(event)s", event=self.name),
            "res_model": "event.budget.change",
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.id)],
            "context": {"default_event_id": self.id},
        }

    def action_open_invite(self):
        self.ensure_one()
        self._check_can_run(_("send invitations"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Invite to %(event)s", event=self.name),
            "res_model": "event.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_send_thank_you(self):
        """Thank every attendee once, even when pressed twice."""
        if not self.env.user.has_group("event.group_event_user"):
            raise AccessError(_("Only event officers can send the thank-you mails."))
        now = fields.Datetime.now()
        for event in self:
            if not event.date_end or event.date_end > now:
                raise UserError(
                    _(
                        "%(event)s has not ended yet: send the thank-you mails after it.",
                        event=event.name,
                    )
                )
            template = event.thank_you_template_id or self.env.ref(
                "client_events.mail_template_event_thank_you"
            )
            attendees = event.registration_ids.filtered(
                lambda r: r.state == "done" and not r.thank_you_date
            )
            if not attendees:
                continue
            template.send_mail_batch(attendees.ids)
            attendees.sudo().write({"thank_you_date": now})
            event.message_post(
                body=_("Thank-you mail sent to %(count)s attendees.", count=len(attendees)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_build_promotion_schedule(self):
        """Turn the promotion plan's channels into lines of the event's communications."""
        self.ensure_one()
        if not self.promotion_channel_ids.filtered("notification_type"):
            raise UserError(
                _(
                    "%(event)s has no promotion channel sent by mail or SMS: add one to the "
                    "promotion plan (e.g. E-mail or SMS) before building the schedule.",
                    event=self.display_name,
                )
            )
        added = self.env["event.mail"]._build_promotion_schedule(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if added else "info",
                "message": _("%(count)s promotion line(s) added.", count=len(added))
                if added
                else _("The promotion schedule is already complete."),
            },
        }

    def action_open_lead_generate(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Opportunities from %(event)s", event=self.name),
            "res_model": "event.lead.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_view_invitations(self):
        self.ensure_one()
        return self._action_registrations(
            _("Invitations of %(event)s", event=self.name), [("invited_date", "!=", False)]
        )

    def action_view_nominations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_nomination_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id, "search_default_group_state": 1}
        return action

    def action_view_attended(self):
        self.ensure_one()
        return self._action_registrations(
            _("Attendees of %(event)s", event=self.name), [("state", "=", "done")]
        )

    def _action_registrations(self, name, domain):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "event.registration",
            "view_mode": "list,kanban,form",
            "domain": [("event_id", "=", self.id), *domain],
            "context": {"default_event_id": self.id},
        }

    def action_view_opportunities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Opportunities of %(event)s", event=self.name),
            "res_model": "crm.lead",
            "view_mode": "list,kanban,form,pivot",
            "domain": [("event_id", "=", self.id), ("type", "=", "opportunity")],
            "context": {"default_event_id": self.id, "default_type": "opportunity"},
        }

    def action_view_overdue_prep_tasks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Preparation of %(event)s", event=self.name),
            "res_model": "event.prep.task",
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.id)],
            "context": {"default_event_id": self.id, "search_default_overdue": 1},
        }

    def action_view_risk_matrix(self):
        """The risk matrix: likelihood × impact, with the number of risks per cell."""
        action = self.env["ir.actions.act_window"]._for_xml_id("client_events.event_risk_action")
        action["domain"] = [("event_id", "in", self.ids)]
        action["context"] = {"default_event_id": self.id if len(self) == 1 else False}
        action["view_mode"] = "pivot,list,form"
        return action

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _local_start_date(self):
        """The day the event starts on, in the event's own time zone."""
        self.ensure_one()
        if not self.date_begin:
            return False
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz or self.env.user.tz), self.date_begin
        ).date()

    def _is_waiting_approval(self):
        """True when the event follows the approval chain and is not approved."""
        self.ensure_one()
        return self.approval_required and self.approval_state != "approved"

    def _get_invited_partner_ids(self):
        """The clients invited to each event, whatever the channel: {event id: set of ids}.

        One grouped query for the whole recordset; other invitation channels extend it.
        """
        invited = {event.id: set() for event in self}
        for event, partner_ids in (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [("event_id", "in", self.ids), ("invited_date", "!=", False)],
                ["event_id"],
                ["partner_id:array_agg"],
            )
        ):
            invited[event.id].update(pid for pid in partner_ids if pid)
        # and the guests of the nominations whose invitation was sent
        for event, partner_ids in (
            self.env["event.nomination"]
            .sudo()
            ._read_group(
                [("event_id", "in", self.ids), ("invited_date", "!=", False)],
                ["event_id"],
                ["partner_id:array_agg"],
            )
        ):
            invited[event.id].update(partner_ids)
        return invited

    def _get_rsvp_deadline(self):
        """Until when guests answer their invitation: the deadline, or the start."""
        self.ensure_one()
        return self.rsvp_deadline or self.date_begin

    def _check_proposal_locked(self, fields_changed):
        """For the proposal's own lines (budget, targets): the event's lock applies."""
        self._approval_check_locked(fields_changed)

    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._approval_track_subtype(init_values) or super()._track_subtype(init_values)

    def _approval_may_change_locked(self):
        # an events administrator adjusts an approved event; a larger one is re-approved
        return self.env.user.has_group("client_events.group_manager")

    def _approval_locked_refusal(self):
        return UserError(
            _(
                "The proposal of %(event)s is %(state)s: its theme, dates, target "
                "participants and budget cannot be changed. Wait for the decision "
                "or, once approved, request a budget change.",
                event=self.name,
                state=self._approval_state_label(),
            )
        )

    def _check_stage_allowed(self, stage):
        first_stage = self.env["event.stage"].search([], order="sequence, id", limit=1)
        if stage == first_stage or stage.pipe_end:
            return
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s cannot move to %(stage)s before its proposal is approved. "
                        "Send it for approval first.",
                        event=event.name,
                        stage=stage.name,
                    )
                )

    def _check_can_run(self, what):
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s cannot %(what)s before its proposal is approved. "
                        "Send it for approval first.",
                        event=event.name,
                        what=what,
                    )
                )

    def _escalate_if_now_large(self, was_large):
        """An approved event that became large needs the steps for large events."""
        self.filtered(
            lambda e: e.approval_required and e.is_large_event and not was_large.get(e.id)
        )._approval_add_missing_steps()

    def _transition_refusal(self, field_names):
        if field_names & CLOSING_FIELDS:
            return UserError(
                _(
                    "Use the Close Event and Reopen buttons to close or reopen %(events)s.",
                    events=", ".join(self.mapped("name")),
                )
            )
        return super()._transition_refusal(field_names)

    def _check_costs_open(self):
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s is not approved yet: costs can be recorded only on "
                        "approved events. Send its proposal for approval first.",
                        event=event.name,
                    )
                )
            if event.costs_closed:
                raise UserError(
                    _(
                        "%(event)s is closed and its costs are locked. Ask an events "
                        "administrator to reopen it if a cost is missing.",
                        event=event.name,
                    )
                )

    def _get_open_budget_changes(self):
        """Budget changes of the event still waiting for a decision."""
        self.ensure_one()
        return self.budget_change_ids.filtered(
            lambda c: c.approval_state in ("draft", "submitted")
        )

    def _check_budget_change_allowed(self):
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s is not approved yet: change its proposal instead of "
                        "requesting a budget change.",
                        event=event.name,
                    )
                )
            if event.costs_closed:
                raise UserError(
                    _(
                        "%(event)s is closed: ask an events administrator to reopen it "
                        "before requesting a budget change.",
                        event=event.name,
                    )
                )

    def _format_company_amount(self, amount):
        self.ensure_one()
        return self.company_currency_id.format(amount)

    def _cost_reconciliation_by_category(self):
        """[(category, approved, actual, variance)] of the event, largest approved first."""
        self.ensure_one()
        totals = {}
        for line in self.budget_line_ids:
            approved, actual = totals.get(line.category_id, (0.0, 0.0))
            totals[line.category_id] = (
                approved + line.approved_amount,
                actual + line.actual_amount,
            )
        return sorted(
            (
                (category, approved, actual, actual - approved)
                for category, (approved, actual) in totals.items()
            ),
            key=lambda row: (-row[1], row[0].name or ""),
        )

    def _cost_reconciliation_html(self):
        """Final cost against the approved budget, per category and per line (费用核算)."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "client_events.event_cost_reconciliation", {"event": self}
        )

    def _copy_prep_templates(self):
        """Give new events the preparation checklist of their type."""
        self.env["event.prep.task"].create(
            [
                template._prepare_prep_task_values(event)
                for event in self
                for template in event.event_type_id.prep_template_ids
            ]
        )

    def _ensure_safety_inspection(self):
        """Large events get the venue safety inspection on their checklist."""
        to_add = self.filtered(
            lambda e: e.is_large_event and not e.prep_task_ids.filtered("is_safety_inspection")
        )
        for event in to_add:
            self.env["event.prep.task"].create(
                {
                    "event_id": event.id,
                    "name": _("Venue safety inspection (场地安全检查)"),
                    "user_id": event.user_id.id,
                    "is_safety_inspection": True,
                    "deadline": event.date_begin
                    and event.date_begin.date() - timedelta(days=SAFETY_INSPECTION_DAYS),
                }
            )
            event.message_post(
                body=_(
                    "%(event)s is a large event: a venue safety inspection was added to its "
                    "preparation checklist.",
                    event=event.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _check_risk_register(self):
        """Refuse to go forward while a high risk has no mitigation or no owner."""
        for event in self:
            unready = event.risk_ids.filtered(
                lambda r: (
                    r.level == "high"
                    and r.state != "closed"
                    and not ((r.mitigation or "").strip() and r.owner_id)
                )
            )
            if unready:
                raise UserError(
                    _(
                        "%(event)s cannot be submitted for approval: the high risk "
                        "“%(risk)s” needs a mitigation and an owner in the risk register.",
                        event=event.name,
                        risk=unready[0].name,
                    )
                )

    # ------------------------------------------------------------
    # Approval mixin hooks
    # ------------------------------------------------------------

    def _approval_is_required(self):
        self.ensure_one()
        return self.approval_required

    def _approval_missing_requirements(self):
        self.ensure_one()
        missing = []
        if not (self.theme or "").strip():
            missing.append(_("theme"))
        if not self.date_begin or not self.date_end:
            missing.append(_("dates"))
        if not self.address_id:
            missing.append(_("venue"))
        if self.target_participant_count <= 0:
            missing.append(_("target participants"))
        if not self.budget_line_ids:
            missing.append(_("at least one budget line"))
        # required by the type, whatever lines the proposal kept
        set_targets = {line.indicator for line in self.target_ids if line.target > 0}
        for template in self.event_type_id.target_template_ids.filtered("required"):
            if template.indicator not in set_targets:
                missing.append(
                    _("the %(indicator)s target", indicator=template._indicator_label())
                )
        return missing

    def _approval_on_approved(self):
        """An approved proposal books the event: it leaves the first stage for the next."""
        stages = self.env["event.stage"].search(
            [("pipe_end", "=", False)], order="sequence, id", limit=2
        )
        if len(stages) == 2:
            # the approver decides the proposal, not the event's stage: he may not edit events
            self.filtered(lambda event: event.stage_id == stages[0]).sudo().stage_id = stages[1]
        self._file_with_headquarters()
        self.env["event.mail"]._release_held(self)
        return super()._approval_on_approved()

    def _file_with_headquarters(self):
        """The approved execution plan is filed with headquarters (报集团备案): they are
        told, and the event says when."""
        headquarters = self._approval_level_users(self.env.ref("client_events.group_headquarters"))
        self.sudo()._transition_write({"filed_date": fields.Datetime.now()})
        for event in self:
            company = event.company_id or self.env.company
            filed_with = headquarters.filtered(
                lambda user, company=company: (
                    user.active and user._is_internal() and company in user.company_ids
                )
            )
            event.sudo().message_post(
                body=_(
                    "Approved execution plan filed with headquarters (报集团备案): %(event)s, "
                    "%(summary)s.",
                    event=event.name,
                    summary=event._approval_summary(),
                ),
                partner_ids=filed_with.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    def _approval_notify_partners(self):
        partners = super()._approval_notify_partners()
        return partners | self.user_id.partner_id

    def _approval_decision_risks(self):
        return self.risk_ids.filtered(lambda risk: risk.state != "closed")

    def _approval_summary(self):
        parts = [
            (self.theme or "").strip()[:60],
            format_date(self.env, self._local_start_date()),
            _("budget %(amount)s", amount=self._format_company_amount(self.budget_amount)),
            _("%(count)s participants", count=self.target_participant_count),
        ]
        if self.is_off_plan:
            parts.append(_("off-plan"))
        if self.is_large_event:
            parts.append(_("large"))
        parts.append(super()._approval_summary())
        return " · ".join(part for part in parts if part)

    # ------------------------------------------------------------
    # Archive (资料存档)
    # ------------------------------------------------------------

    def _compute_archive_counts(self):
        counts = self._get_archive_counts()
        for event in self:
            by_kind = counts.get(event.id, {})
            event.archive_item_count = sum(by_kind.values())
            event.archive_photo_count = by_kind.get("photo", 0)

    def _get_archive_counts(self):
        """{event id: {kind: number of items}} of these events, in one grouped query."""
        counts = {}
        for event, kind, count in self.env["event.archive.item"]._read_group(
            [("event_id", "in", self.ids)], ["event_id", "kind"], ["__count"]
        ):
            counts.setdefault(event.id, {})[kind] = count
        return counts

    def action_view_archive(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_archive_item_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
