from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context

# Fields only the transition methods write.
APPROVAL_PROTECTED_FIELDS = frozenset(
    {"approval_state", "approval_submitted_by_id", "approval_submitted_date"}
)

APPROVAL_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class ClientEventsApprovalMixin(models.AbstractModel):
    """One approval chain (评审与审批) for every document that needs one.

    A model using it inherits ``mail.thread`` and ``mail.activity.mixin`` and then
    ``client_events.approval.mixin`` (in that order); rules (``event.approval.rule``)
    can then name it, and filter its records with a domain. Each step of a chain is
    decided by a different person, never the submitter, unless the rules of both
    steps allow the same approver.

    Fields provided:
        ``approval_state`` (draft / submitted / approved / rejected, readonly and
        never writable outside the transition methods), ``approval_ids`` (the
        ``event.approval`` steps of the record), ``approval_current_id`` (first
        pending step), ``approval_history_ids`` (every step, earlier submissions
        included), ``approval_submitted_by_id``, ``approval_submitted_date``,
        ``approval_can_decide`` (the current user may approve or reject now),
        ``approval_rejection_reason``.

    Methods the model calls (buttons, RPC):
        ``action_submit_for_approval()``, ``action_approve(comment=None)``,
        ``action_reject(reason)``, ``action_reset_to_draft()``.

    Hooks the model may override:
        ``_approval_is_required()``: False keeps the record out of the chain
        (default True);
        ``_approval_missing_requirements()``: list of labels of what the record
        lacks before it can be submitted (default none);
        ``_approval_on_approved()`` / ``_approval_on_rejected(reason)``: called
        after the last approval / a rejection;
        ``_approval_notify_partners()``: who is told about a rejection (default
        the submitter);
        ``_approval_summary()``: the line an approver reads in the queue;
        ``_approval_decision_risks()``: the risks shown in the decision dialog;
        ``_approval_locked_fields`` / ``_approval_may_change_locked()`` /
        ``_approval_locked_refusal()``: what a submitted or approved document keeps,
        who may still change it, and the refusal.

    ``_approval_add_missing_steps()`` re-opens an approved record when a rule now
    applies that it was not approved under (e.g. an event that became large).
    """

    _name = "client_events.approval.mixin"
    _inherit = "client_events.transition.mixin"
    _description = "Client Events Approval Mixin"
    _transition_fields = APPROVAL_PROTECTED_FIELDS
    # What a submitted or approved document keeps: what the approvers decided on is not
    # changed behind their backs. The other fields stay writable under validation.
    _approval_locked_fields = frozenset()

    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approval_ids = fields.One2many(
        "event.approval",
        "res_id",
        string="Approval Steps",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
    )
    approval_history_ids = fields.One2many(
        "event.approval",
        "res_id",
        domain=lambda self: [("res_model", "=", self._name)],
        context={"active_test": False},
        readonly=True,
        help="Every decision on this document, earlier submissions included.",
    )
    approval_current_id = fields.Many2one(
        "event.approval", string="Current Step", compute="_compute_approval_current_id"
    )
    approval_rejection_reason = fields.Text(
        string="Rejection Reason", compute="_compute_approval_rejection_reason"
    )
    approval_submitted_by_id = fields.Many2one(
        "res.users", string="Submitted By", readonly=True, copy=False, tracking=True
    )
    approval_submitted_date = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    approval_can_decide = fields.Boolean(
        string="Can Decide", compute="_compute_approval_can_decide"
    )

    @api.depends("approval_state", "approval_ids.state", "approval_ids.sequence")
    def _compute_approval_current_id(self):
        for record in self:
            if record.approval_state != "submitted":
                # a rejected or approved record waits for nobody
                record.approval_current_id = False
                continue
            pending = record.approval_ids.filtered(lambda step: step.state == "pending")
            record.approval_current_id = pending.sorted(lambda s: (s.sequence, s.id))[:1]

    @api.depends("approval_state", "approval_ids.state", "approval_ids.comment")
    def _compute_approval_rejection_reason(self):
        for record in self:
            rejected = record.approval_ids.filtered(lambda step: step.state == "rejected")
            record.approval_rejection_reason = (
                rejected[-1:].comment if record.approval_state == "rejected" else False
            )

    @api.depends_context("uid")
    @api.depends("approval_current_id", "approval_submitted_by_id")
    def _compute_approval_can_decide(self):
        user = self.env.user
        for record in self:
            step = record.approval_current_id
            record.approval_can_decide = bool(
                step
                and record.approval_state == "submitted"
                and step.group_id in user.groups_id
                and record.approval_submitted_by_id != user
                and not record._approval_step_decided_by(user, step)
            )

    def _approval_step_decided_by(self, user, step):
        """The step of this submission that ``user`` approved and that keeps him from
        deciding ``step`` (separation of duties), if any."""
        self.ensure_one()
        return self.approval_ids.filtered(
            lambda other: (
                other.state == "approved"
                and other.user_id == user
                and not step._same_approver_allowed(other)
            )
        )[:1]

    # ------------------------------------------------------------
    # Protection of the state field
    # ------------------------------------------------------------

    def write(self, vals):
        self._approval_check_locked(vals)
        return super().write(vals)

    def _approval_check_locked(self, field_names):
        """Refuse changing what was submitted or approved, outside the transitions."""
        if not (self._approval_locked_fields & set(field_names)) or self._in_transition():
            return
        if self._approval_may_change_locked():
            return
        decided = self.filtered(
            lambda record: (
                record.approval_state in ("submitted", "approved")
                and record._approval_is_required()
            )
        )
        if decided:
            raise decided[0]._approval_locked_refusal()

    def _approval_may_change_locked(self):
        """Whether this user may change a decided document (its re-approval follows)."""
        return False

    def _approval_state_label(self):
        """The approval status as the user reads it, in his language."""
        self.ensure_one()
        return dict(self._fields["approval_state"]._description_selection(self.env))[
            self.approval_state
        ]

    def _approval_locked_refusal(self):
        self.ensure_one()
        return UserError(
            _(
                "%(record)s has been sent for approval and cannot be changed. "
                "Ask the approvers to reject it to revise it.",
                record=self.display_name,
            )
        )

    def _transition_refusal(self, field_names):
        if not (field_names & APPROVAL_PROTECTED_FIELDS):
            return super()._transition_refusal(field_names)
        if not self:
            return UserError(
                _(
                    "A new record always starts as a draft: send it for approval "
                    "with the Submit button."
                )
            )
        return UserError(
            _(
                "The approval status of %(records)s cannot be written directly: use "
                "Submit, Approve, Reject or Reset to Draft.",
                records=", ".join(self.mapped("display_name")),
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """What went through approval is history: submitted or approved records stay."""
        decided = self.filtered(lambda record: record.approval_state in ("submitted", "approved"))
        if decided:
            raise UserError(
                _(
                    "%(record)s went through approval and is kept as history: it cannot be "
                    "deleted.",
                    record=decided[0].display_name,
                )
            )

    def unlink(self):
        steps = (
            self.env["event.approval"]
            .sudo()
            .with_context(active_test=False)  # the archived history of earlier submissions
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        result = super().unlink()
        steps.unlink()
        return result

    # ------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------

    def _approval_is_required(self):
        self.ensure_one()
        return True

    def _approval_missing_requirements(self):
        self.ensure_one()
        return []

    def _approval_on_approved(self):
        return True

    def _approval_on_rejected(self, reason):
        return True

    def _approval_notify_partners(self):
        self.ensure_one()
        return self.approval_submitted_by_id.partner_id

    def _approval_decision_risks(self):
        """The risks an approver weighs before deciding (none by default)."""
        return self.env["event.risk"]

    def _approval_summary(self):
        """One line an approver reads before deciding (the queue, the decision)."""
        self.ensure_one()
        return _("Submitted by %(user)s", user=self.approval_submitted_by_id.name or "-")

    # ------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------

    def _approval_company(self):
        self.ensure_one()
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _approval_applicable_rules(self):
        self.ensure_one()
        rules = (
            self.env["event.approval.rule"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("company_id", "in", [False, self._approval_company().id]),
                ]
            )
        )
        return rules.filtered(lambda rule: rule._applies_to(self))

    def _approval_create_steps(self, rules):
        self.ensure_one()
        steps = (
            self.env["event.approval"]
            .sudo()
            # the steps' own defaults (pending, undecided), never the caller's
            .with_context(clean_context(self.env.context), lang="en_US")
            .create(
                [
                    {
                        "res_model": self._name,
                        "res_id": self.id,
                        "rule_id": rule.id,
                        "sequence": rule.sequence,
                        "name": rule.with_context(lang="en_US").name,
                        "group_id": rule.group_id.id,
                        "submitted_by_id": self.approval_submitted_by_id.id,
                    }
                    for rule in rules
                ]
            )
        )
        steps._copy_rule_name_translations()
        return steps.with_env(self.env(su=True))

    def _approval_schedule_next(self):
        """Plan an activity for the approvers of the current step."""
        activity_type = self.env.ref("client_events.mail_activity_type_approval")
        for record in self:
            record.sudo().activity_unlink(["client_events.mail_activity_type_approval"])
            step = record.approval_current_id
            if not step:
                continue
            step.sudo().waiting_since = fields.Datetime.now()
            approvers = record._approval_step_approvers(step)
            # the approval request below is their e-mail; the activity is their to-do
            for user in approvers:
                # in the approver's language: a region's request may go to headquarters
                in_his_language = step.with_context(lang=user.lang)
                record.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=in_his_language.env._("Approve: %(step)s", step=in_his_language.name),
                    user_id=user.id,
                )
            record._approval_message_from_template(
                "client_events.mail_template_approval_request",
                step,
                approvers.partner_id,
                "mail.mt_note",
            )

    def _approval_step_approvers(self, step):
        """Who is asked to decide ``step``: the users of its group who may decide it,
        at that level, among those who work for the record's company (a region's
        leadership decides for its region only). Groups above imply the step's group,
        so their members could decide it too; they are asked only when the level
        itself has nobody."""
        self.ensure_one()
        company = self._approval_company()
        may_decide = step.group_id.users.filtered(
            lambda user: (
                user.active
                and user._is_internal()
                and company in user.company_ids
                and user != self.approval_submitted_by_id
                and not self._approval_step_decided_by(user, step)
            )
        )
        at_level = may_decide & self._approval_level_users(step.group_id)
        return at_level or may_decide

    @api.model
    def _approval_level_users(self, group):
        """The users of ``group`` at that level: not also members of a group above it
        (groups above imply it, so their members belong to it too)."""
        higher = self.env["res.groups"].search([("implied_ids", "in", group.ids)])
        return group.users - higher.users

    def _approval_track_subtype(self, init_values):
        """The subtype of a tracked approval decision, so followers choose which they
        hear of (data/mail_message_subtype_data.xml, per document model); False for
        other changes. Documents return it from ``_track_subtype``: mail.thread comes
        before this mixin in their classes."""
        self.ensure_one()
        if "approval_state" not in init_values:
            return False
        return self.env.ref(
            f"client_events.mt_{self._table}_{self.approval_state}", raise_if_not_found=False
        )

    def _approval_message_from_template(self, xmlid, step, partners, subtype_xmlid):
        """Post ``xmlid`` (a template of the step) on the document to ``partners``,
        rendered in each one's language; the template is editable in Settings."""
        self.ensure_one()
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template or not partners:
            return
        for lang, lang_partners in partners.grouped(
            lambda partner: partner.lang or self.env.lang
        ).items():
            localized = template.sudo().with_context(lang=lang)
            self.message_post(
                subject=localized._render_field("subject", step.ids)[step.id],
                body=localized._render_field("body_html", step.ids)[step.id],
                partner_ids=lang_partners.ids,
                subtype_xmlid=subtype_xmlid,
            )

    def _approval_post(self, body):
        for record in self:
            record.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------

    def action_submit_for_approval(self):
        for record in self:
            if not record._approval_is_required():
                raise UserError(
                    _("%(record)s does not need approval.", record=record.display_name)
                )
            if record.approval_state != "draft":
                raise UserError(
                    _(
                        "%(record)s has already been sent for approval; only a draft "
                        "can be submitted.",
                        record=record.display_name,
                    )
                )
            missing = record._approval_missing_requirements()
            if missing:
                raise UserError(
                    _(
                        "%(record)s cannot be sent for approval yet. Please fill in: %(missing)s.",
                        record=record.display_name,
                        missing=", ".join(missing),
                    )
                )
            rules = record._approval_applicable_rules()
            if not rules:
                raise UserError(
                    _(
                        "No approval rule applies to %(record)s: ask an administrator to "
                        "configure the approval rules.",
                        record=record.display_name,
                    )
                )
            # the decisions on earlier submissions stay, archived, as history
            record.approval_ids.sudo().action_archive()
            record._transition_write(
                {
                    "approval_state": "submitted",
                    "approval_submitted_by_id": self.env.user.id,
                    "approval_submitted_date": fields.Datetime.now(),
                }
            )
            record._approval_create_steps(rules)
            record._approval_post(
                _(
                    "Sent for approval by %(user)s. Steps: %(steps)s.",
                    user=self.env.user.name,
                    steps=", ".join(rules.mapped("name")),
                )
            )
            record._approval_schedule_next()
        return True

    def _approval_check_can_decide(self, step):
        self.ensure_one()
        user = self.env.user
        if self.approval_state != "submitted" or not step:
            raise UserError(
                _(
                    "%(record)s is not waiting for approval.",
                    record=self.display_name,
                )
            )
        if step.group_id not in user.groups_id:
            raise AccessError(
                _(
                    "Only members of %(group)s can decide on step %(step)s of %(record)s.",
                    group=step.group_id.full_name,
                    step=step.name,
                    record=self.display_name,
                )
            )
        if self.approval_submitted_by_id == user:
            raise AccessError(
                _(
                    "You submitted %(record)s, so you cannot decide on its step %(step)s: "
                    "another approver must do it.",
                    record=self.display_name,
                    step=step.name,
                )
            )
        decided = self._approval_step_decided_by(user, step)
        if decided:
            raise AccessError(
                _(
                    "You already decided step %(decided)s of %(record)s: step %(step)s "
                    "must be decided by another person (each level of approval is a "
                    "different person).",
                    decided=decided.name,
                    record=self.display_name,
                    step=step.name,
                )
            )

    def _approval_decide_current_step(self, state, comment):
        """Record the current user's decision on the step the record waits for."""
        self.ensure_one()
        step = self.approval_current_id
        self._approval_check_can_decide(step)
        step.sudo().write(
            {
                "state": state,
                "user_id": self.env.user.id,
                "date": fields.Datetime.now(),
                "comment": comment or False,
            }
        )
        return step

    def action_approve(self, comment=None):
        for record in self:
            step = record._approval_decide_current_step("approved", comment)
            record.invalidate_recordset(["approval_current_id"])
            record._approval_post(
                _(
                    "Step %(step)s approved by %(user)s.%(comment)s",
                    step=step.name,
                    user=self.env.user.name,
                    comment=_(" Comment: %(comment)s", comment=comment) if comment else "",
                )
            )
            if not record.approval_current_id:
                record._transition_write({"approval_state": "approved"})
                record.sudo().activity_unlink(["client_events.mail_activity_type_approval"])
                record._approval_message_from_template(
                    "client_events.mail_template_approval_decision",
                    step,
                    record._approval_notify_partners(),
                    "mail.mt_comment",
                )
                record._approval_on_approved()
            else:
                record._approval_schedule_next()
        return True

    def action_reject(self, reason):
        if not reason or not str(reason).strip():
            raise UserError(_("Please give the reason of the rejection: the planner needs it."))
        for record in self:
            step = record._approval_decide_current_step("rejected", reason)
            # the steps after it are not reached: no queue waits for them any more
            record.approval_ids.filtered(lambda other: other.state == "pending").sudo().write(
                {"state": "cancelled"}
            )
            record._transition_write({"approval_state": "rejected"})
            record.sudo().activity_unlink(["client_events.mail_activity_type_approval"])
            record._approval_message_from_template(
                "client_events.mail_template_approval_decision",
                step,
                record._approval_notify_partners(),
                "mail.mt_comment",
            )
            record._approval_on_rejected(reason)
        return True

    def action_reset_to_draft(self):
        for record in self:
            if record.approval_state != "rejected":
                raise UserError(
                    _(
                        "Only a rejected %(record)s goes back to draft to be revised.",
                        record=record.display_name,
                    )
                )
            # the tracked status says who took it back, and when
            record._transition_write({"approval_state": "draft"})
        return True

    def action_open_approval_decision(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Decide: %(step)s", step=self.approval_current_id.name),
            "res_model": "event.approval.decide",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_decision": self.env.context.get("decision", "approve"),
            },
        }

    def _approval_add_missing_steps(self):
        """Re-open approved records for the rules that now apply and were not approved."""
        for record in self.filtered(lambda r: r.approval_state == "approved"):
            if not record._approval_is_required():
                continue
            done_rules = record.approval_ids.filtered(lambda s: s.state == "approved").rule_id
            missing = record._approval_applicable_rules() - done_rules
            if not missing:
                continue
            record._approval_create_steps(missing)
            record._transition_write({"approval_state": "submitted"})
            record._approval_post(
                _(
                    "%(record)s needs further approval: %(steps)s.",
                    record=record.display_name,
                    steps=", ".join(missing.mapped("name")),
                )
            )
            record._approval_schedule_next()
        return True
