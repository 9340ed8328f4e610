from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

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


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "client_events.approval.mixin"]
    _approval_locked_fields = PROPOSAL_LOCKED_FIELDS

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

    def _local_start_date(self):
        """The day the event starts on, in the event's own time zone."""
        self.ensure_one()
        if not self.date_begin:
            return False
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz or self.env.user.tz), self.date_begin
        ).date()

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
    # Gating before approval
    # ------------------------------------------------------------

    def _is_waiting_approval(self):
        """True when the event follows the approval chain and is not approved."""
        self.ensure_one()
        return self.approval_required and self.approval_state != "approved"

    def _check_proposal_locked(self, fields_changed):
        """For the proposal's own lines (budget, targets): the event's lock applies."""
        self._approval_check_locked(fields_changed)

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

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        for event, vals in zip(events, vals_list, strict=True):
            if vals.get("stage_id"):
                event._check_stage_allowed(event.stage_id)
            if vals.get("is_published"):
                event._check_can_run(_("be published"))
        return events

    def write(self, vals):
        if vals.get("stage_id"):
            self._check_stage_allowed(self.env["event.stage"].browse(vals["stage_id"]))
        if vals.get("is_published"):
            self._check_can_run(_("be published"))
        was_large = {event.id: event.is_large_event for event in self}
        result = super().write(vals)
        self._escalate_if_now_large(was_large)
        return result

    def _escalate_if_now_large(self, was_large):
        """An approved event that became large needs the steps for large events."""
        self.filtered(
            lambda e: e.approval_required and e.is_large_event and not was_large.get(e.id)
        )._approval_add_missing_steps()

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
        return super()._approval_on_approved()

    def _file_with_headquarters(self):
        """The approved execution plan is filed with headquarters (报集团备案): they are
        told, and the event says when."""
        headquarters = self._approval_level_users(self.env.ref("client_events.group_headquarters"))
        for event in self:
            company = event.company_id or self.env.company
            filed_with = headquarters.filtered(
                lambda user, company=company: (
                    user.active and user._is_internal() and company in user.company_ids
                )
            )
            event.sudo()._transition_write({"filed_date": fields.Datetime.now()})
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
    # Actions
    # ------------------------------------------------------------

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
