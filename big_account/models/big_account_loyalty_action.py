from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .big_account_loyalty_action_type import FACTOR_SCORE_FIELDS, LOYALTY_FACTORS


class BigAccountLoyaltyAction(models.Model):
    _name = "big.account.loyalty.action"
    _description = "Key Account Loyalty Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "assessment_id desc, factor, id"
    _transition_fields = frozenset({"state", "date_done"})  # written by the buttons only
    _check_company_auto = True

    assessment_id = fields.Many2one(
        "big.account.assessment",
        required=True,
        ondelete="cascade",
        index=True,
        help="The loyalty assessment that found the factor weak and proposed this action.",
    )
    account_id = fields.Many2one(
        related="assessment_id.account_id", store=True, index=True, string="Key Account"
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    type_id = fields.Many2one(
        "big.account.loyalty.action.type",
        string="Action",
        required=True,
        ondelete="restrict",
    )
    factor = fields.Selection(related="type_id.factor", store=True)
    description = fields.Text(related="type_id.description")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("big_account.group_member").id)],
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("chosen", "Chosen"),
            ("done", "Done"),
            ("dropped", "Dropped"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    effect_note = fields.Text(
        string="Effect", tracking=True, help="What the action changed for the client."
    )
    score_before = fields.Float(
        compute="_compute_scores",
        digits=(5, 1),
        help="The factor's score at the assessment that proposed the action.",
    )
    next_assessment_id = fields.Many2one(
        "big.account.assessment",
        compute="_compute_scores",
        help="The account's next assessment, where the action's effect shows.",
    )
    score_after = fields.Float(
        compute="_compute_scores",
        digits=(5, 1),
        help="The factor's score at the account's next assessment.",
    )
    score_change = fields.Float(compute="_compute_scores", digits=(5, 1))

    @api.depends("type_id")
    def _compute_display_name(self):
        for action in self:
            action.display_name = action.type_id.name or ""

    @api.depends(
        "assessment_id",
        "factor",
        "account_id.assessment_ids.date_from",
        *(f"account_id.assessment_ids.{field}" for field in FACTOR_SCORE_FIELDS.values()),
    )
    def _compute_scores(self):
        next_assessments = self._next_assessments(self.assessment_id)
        for action in self:
            field = FACTOR_SCORE_FIELDS.get(action.factor)
            following = next_assessments.get(action.assessment_id.id)
            action.score_before = action.assessment_id[field] if field else 0.0
            action.next_assessment_id = following
            action.score_after = following[field] if following and field else 0.0
            action.score_change = action.score_after - action.score_before if following else 0.0

    @api.model
    def _next_assessments(self, assessments):
        """{assessment id: the account's next assessment} of ``assessments``, in one
        search."""
        assessments = assessments.filtered(lambda a: a.account_id and a.date_from)
        if not assessments:
            return {}
        later = self.env["big.account.assessment"].search(
            [
                ("account_id", "in", assessments.account_id.ids),
                ("date_from", ">", min(assessments.mapped("date_from"))),
            ],
            order="date_from, id",
        )
        result = {}
        for assessment in assessments:
            result[assessment.id] = next(
                (
                    other
                    for other in later
                    if other.account_id == assessment.account_id
                    and other.date_from > assessment.date_from
                ),
                False,
            )
        return result

    @api.model
    def _previous_actions(self, assessments):
        """{assessment id: the loyalty actions of the account's previous assessment}."""
        result = {assessment.id: self.browse() for assessment in assessments}
        assessments = assessments.filtered(lambda a: a.account_id and a.date_from)
        if not assessments:
            return result
        earlier = self.env["big.account.assessment"].search(
            [
                ("account_id", "in", assessments.account_id.ids),
                ("date_from", "<", max(assessments.mapped("date_from"))),
            ],
            order="date_from desc, id desc",
        )
        for assessment in assessments:
            previous = next(
                (
                    other
                    for other in earlier
                    if other.account_id == assessment.account_id
                    and other.date_from < assessment.date_from
                ),
                False,
            )
            if previous:
                result[assessment.id] = previous.loyalty_action_ids
        return result

    # ------------------------------------------------------------
    # Proposal
    # ------------------------------------------------------------

    @api.model
    def _get_weak_threshold(self):
        icp = self.env["ir.config_parameter"].sudo()
        return float(icp.get_param("big_account.loyalty_weak_threshold", 60))

    @api.model
    def _propose_for(self, assessments):
        """Propose the catalogue's actions for each factor scored below the weak
        threshold, but those already open for the account."""
        threshold = self._get_weak_threshold()
        types = defaultdict(lambda: self.env["big.account.loyalty.action.type"])
        # the whole catalogue: a handful of action types
        # pylint: disable-next=no-search-all
        for action_type in self.env["big.account.loyalty.action.type"].sudo().search([]):
            types[action_type.factor] |= action_type
        open_actions = self.sudo().search(
            [
                ("account_id", "in", assessments.account_id.ids),
                ("state", "in", ("proposed", "chosen")),
            ]
        )
        taken = {(action.account_id.id, action.type_id.id) for action in open_actions}
        vals_list = []
        for assessment in assessments:
            for factor, _label in LOYALTY_FACTORS:
                if assessment[FACTOR_SCORE_FIELDS[factor]] >= threshold:
                    continue
                for action_type in types[factor]:
                    key = (assessment.account_id.id, action_type.id)
                    if key in taken:
                        continue
                    taken.add(key)
                    vals_list.append({"assessment_id": assessment.id, "type_id": action_type.id})
        return self.sudo().create(vals_list)

    # ------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------

    def _transition_refusal(self, field_names):
        return UserError(
            _("Change the status of a loyalty action with its buttons, not by editing it.")
        )

    def action_choose(self):
        self.check_access("write")
        for action in self:
            if action.state != "proposed":
                raise UserError(
                    _(
                        "%(action)s for %(account)s is not a proposal: only proposed actions "
                        "are chosen.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
            if not action.user_id:
                raise UserError(
                    _(
                        "%(action)s for %(account)s: name its owner before choosing it.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
        self._check_owner_serves()
        today = fields.Date.context_today(self)
        for action in self.filtered(lambda a: not a.date_deadline):
            action.date_deadline = today + timedelta(days=action.type_id.days_to_complete)
        self.sudo()._transition_write({"state": "chosen"})
        for action in self:
            action._schedule_follow_up()
        return True

    def _check_owner_serves(self):
        """An owner must be able to open the action: the team rule hides it from anyone
        but the account's service team and the key-account managers."""
        for action in self.filtered("user_id"):
            owner = action.user_id
            team = action.account_id.sudo().member_ids.user_id
            if owner not in team and not owner.has_group("big_account.group_manager"):
                raise UserError(
                    _(
                        "%(user)s does not serve %(account)s and cannot own %(action)s: "
                        "choose a member of its service team or a key-account manager.",
                        user=owner.name,
                        account=action.account_id.display_name,
                        action=action.display_name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if vals.get("user_id"):
            self.filtered(lambda a: a.state == "chosen")._check_owner_serves()
        # the follow-up of a chosen action goes with its owner and its deadline
        follow_up = {"user_id": "user_id", "date_deadline": "date_deadline"}
        activity_vals = {follow_up[name]: vals[name] for name in follow_up if vals.get(name)}
        if activity_vals:
            todo = self.env.ref("mail.mail_activity_data_todo")
            self.filtered(lambda a: a.state == "chosen").sudo().activity_ids.filtered(
                lambda activity: activity.activity_type_id == todo
            ).write(activity_vals)
        return result

    def _schedule_follow_up(self):
        self.ensure_one()
        owner = self.user_id
        # the to-do speaks its owner's language
        env = self.with_context(lang=owner.lang or self.env.lang).env
        factor = dict(self._fields["factor"]._description_selection(env))[self.factor]
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_deadline,
            summary=env._(
                "Loyalty action: %(action)s",
                action=self.type_id.with_env(env).name,
            ),
            note=env._(
                "%(account)s scored weak on %(factor)s: carry out the action, then record "
                "its effect and mark it done.",
                account=self.account_id.name,
                factor=factor,
            ),
            user_id=owner.id,
        )

    def action_done(self):
        self.check_access("write")
        for action in self:
            if action.state != "chosen":
                raise UserError(
                    _(
                        "%(action)s for %(account)s must be chosen, with an owner, before it "
                        "is done.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
            if not action.user_id:
                raise UserError(
                    _(
                        "%(action)s for %(account)s has no owner: name who carried it out "
                        "before marking it done.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
            if not (action.effect_note or "").strip():
                raise UserError(
                    _(
                        "%(action)s for %(account)s: describe its effect before marking it done.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
        self.sudo()._transition_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        for action in self:
            action.sudo().activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=action.effect_note
            )
        return True

    def action_drop(self):
        self.check_access("write")
        for action in self:
            if action.state not in ("proposed", "chosen"):
                raise UserError(
                    _(
                        "%(action)s for %(account)s is already done or dropped.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
        self.sudo()._transition_write({"state": "dropped"})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return True
