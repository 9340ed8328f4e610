from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# outcomes that answer a weak result: a reward does not
CORRECTIVE_KINDS = ("warning", "training", "reassignment")


class BigAccountAssessmentOutcome(models.Model):
    """What an assessment leads to (激励与考核): a reward, a warning, a training or a
    reassignment, for one member of the team or the whole team, carried out by
    its owner by a deadline."""

    _name = "big.account.assessment.outcome"
    _description = "Key Account Assessment Outcome"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "state desc, date_deadline, id"
    _transition_fields = frozenset({"state", "date_done"})  # written by the buttons only
    _check_company_auto = True

    assessment_id = fields.Many2one(
        "big.account.assessment",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    account_id = fields.Many2one(related="assessment_id.account_id", store=True, index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Team Member",
        index=True,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("big_account.group_member").id)],
        help="The member concerned, one of the assessment's team KPIs; empty for the whole team.",
    )
    kind = fields.Selection(
        [
            ("reward", "Reward"),
            ("warning", "Warning"),
            ("training", "Training"),
            ("reassignment", "Reassignment"),
        ],
        required=True,
        tracking=True,
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        help="Who carries the outcome out.",
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")],
        string="Status",
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    note = fields.Text()

    @api.depends("kind", "user_id", "assessment_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for outcome in self:
            concerned = outcome.user_id.name or _("Whole Team")
            outcome.display_name = f"{kinds.get(outcome.kind, '')}: {concerned}"

    @api.constrains("user_id", "assessment_id")
    def _check_member_assessed(self):
        for outcome in self.filtered("user_id"):
            if outcome.user_id not in outcome.assessment_id.sudo().kpi_ids.user_id:
                raise ValidationError(
                    _(
                        "%(user)s has no KPI in the assessment of %(account)s: choose a member "
                        "of its team KPIs, or leave the member empty for the whole team.",
                        user=outcome.user_id.name,
                        account=outcome.account_id.display_name,
                    )
                )

    @api.constrains("owner_id", "assessment_id")
    def _check_owner_can_see(self):
        for outcome in self:
            owner = outcome.owner_id
            team = outcome.account_id.sudo().member_ids.user_id
            if owner in team or owner.has_group("big_account.group_manager"):
                continue
            raise ValidationError(
                _(
                    "%(user)s cannot own an outcome of %(account)s without serving on its "
                    "team: choose a member of its service team or a key-account manager.",
                    user=owner.name,
                    account=outcome.account_id.display_name,
                )
            )

    def _transition_refusal(self, field_names):
        return UserError(
            _("Change the status of an assessment outcome with its buttons, not by editing it.")
        )

    @api.model_create_multi
    def create(self, vals_list):
        outcomes = super().create(vals_list)
        outcomes._schedule_owner_todo()
        return outcomes

    def _schedule_owner_todo(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for outcome in self:
            owner = outcome.owner_id
            # the to-do speaks the owner's language
            env = outcome.with_context(lang=owner.lang or self.env.lang).env
            outcome.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=outcome.date_deadline,
                summary=env._("Carry out: %(outcome)s", outcome=outcome.display_name),
                note=env._(
                    "Outcome of the assessment of %(account)s (%(period)s), due on %(date)s.",
                    account=outcome.account_id.display_name,
                    period=format_date(env, outcome.assessment_id.date_from),
                    date=format_date(env, outcome.date_deadline),
                ),
                user_id=owner.id,
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        kept = self.filtered(lambda outcome: outcome.assessment_id.state == "confirmed")
        if kept:
            raise UserError(
                _(
                    "%(outcomes)s belong to a confirmed assessment and stay on record: mark "
                    "them done instead of deleting them.",
                    outcomes=", ".join(kept.mapped("display_name")),
                )
            )

    def action_done(self):
        is_manager = self.env.user.has_group("big_account.group_manager")
        for outcome in self:
            if outcome.state != "open":
                raise UserError(_("%(outcome)s is already done.", outcome=outcome.display_name))
            if not is_manager and outcome.owner_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(owner)s, who owns %(outcome)s, or a key-account manager can "
                        "mark it done.",
                        owner=outcome.owner_id.name,
                        outcome=outcome.display_name,
                    )
                )
        self.sudo()._transition_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        self.sudo().activity_ids.action_feedback(feedback=_("Done"))
        return True

    def action_reopen(self):
        if not self.env.user.has_group("big_account.group_manager"):
            raise AccessError(
                _(
                    "Only a key-account manager can reopen %(outcomes)s.",
                    outcomes=", ".join(self.mapped("display_name")),
                )
            )
        for outcome in self:
            if outcome.state != "done":
                raise UserError(_("%(outcome)s is still open.", outcome=outcome.display_name))
        self.sudo()._transition_write({"state": "open", "date_done": False})
        return True
