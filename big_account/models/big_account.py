import ast
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.mail.tools.alias_error import AliasError

TIERS = [("a", "Tier A"), ("b", "Tier B"), ("c", "Tier C")]
# Figures at which a size criterion earns its full 100 points.
EMPLOYEE_REFERENCE = 1000
REVENUE_REFERENCE = 100_000_000
EVENT_BUDGET_REFERENCE = 1_000_000

SCORE_WEIGHT_PARAMS = {
    "influence": ("big_account.weight_influence", 30),
    "potential": ("big_account.weight_potential", 30),
    "employees": ("big_account.weight_employees", 10),
    "revenue": ("big_account.weight_revenue", 15),
    "budget": ("big_account.weight_budget", 15),
}
# what an export reached from another record (a complaint's "Key Account" column)
# shows of an account without the client's consent: who it is, not its profile
IDENTIFYING_EXPORT_FIELDS = {"id", ".id", "display_name", "name"}


class BigAccount(models.Model):
    _name = "big.account"
    _description = "Key Account"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mail.alias.mixin.optional",
        "client_events.transition.mixin",
    ]
    _order = "score desc, name, id"
    # written by the buttons only: the state, the profile review and the client's consent
    _transition_fields = frozenset(
        {
            "state",
            "profile_reviewed_date",
            "profile_reminded_date",
            "profile_review_activity_id",
            "consent_date",
            "consent_user_id",
            "consent_note",
            "consent_document",
            "consent_document_name",
            "consent_withdrawn_date",
        }
    )
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client Company",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        check_company=True,
        tracking=True,
    )
    name = fields.Char(related="partner_id.name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Account Owner",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("confirmed", "Confirmed"),
            ("inactive", "Inactive"),
        ],
        default="candidate",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    industry_id = fields.Many2one("res.partner.industry", tracking=True)
    employee_count = fields.Integer(string="Employees", tracking=True)
    annual_revenue = fields.Monetary(tracking=True)
    annual_event_budget = fields.Monetary(tracking=True)
    influence = fields.Integer(help="Influence in its market, from 0 (none) to 5 (leading).")
    potential = fields.Integer(help="Business potential for us, from 0 (none) to 5 (very high).")
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="0-100, weighted from influence, potential, size, revenue and event budget "
        "with the weights set in Settings.",
    )
    tier = fields.Selection(
        TIERS,
        compute="_compute_score",
        store=True,
        tracking=True,
    )
    source = fields.Selection(
        [
            ("research", "Market Research"),
            ("report", "Industry Report"),
            ("referral", "Referral"),
            ("partner", "Partner"),
            ("other", "Other"),
        ],
    )
    overview = fields.Html(string="Company Overview")
    org_structure = fields.Html(string="Organisation Structure")
    strategy_notes = fields.Html()
    past_events = fields.Html(string="Past Exhibitions and Events")
    needs = fields.Html()
    contact_ids = fields.One2many("big.account.contact", "account_id", string="Decision Chain")
    member_ids = fields.One2many("big.account.member", "account_id", string="Service Team")
    communication_plan_ids = fields.One2many(
        "big.account.communication.plan", "account_id", string="Communication Plans"
    )
    complaint_ids = fields.One2many("big.account.complaint", "account_id", string="Complaints")
    event_ids = fields.One2many("event.event", "big_account_id", string="Planned Events")
    contact_overdue = fields.Boolean(
        compute="_compute_contact_overdue",
        search="_search_contact_overdue",
        help="A communication plan of this account is past its next contact date.",
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_stats")
    opportunity_won_count = fields.Integer(compute="_compute_opportunity_stats")
    opportunity_won_revenue = fields.Monetary(compute="_compute_opportunity_stats")
    care_event_count = fields.Integer(string="Events", compute="_compute_care_event_count")
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    open_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_complaint_count",
        help="Complaints of this account that are new or under investigation.",
    )
    overdue_complaint_count = fields.Integer(
        string="Overdue Complaints",
        compute="_compute_complaint_count",
        help="Open complaints past their deadline (received date plus the SLA days of "
        "their severity).",
    )
    assessment_ids = fields.One2many("big.account.assessment", "account_id", string="Assessments")
    care_action_ids = fields.One2many(
        "big.account.care.action", "account_id", string="Care Actions"
    )
    care_action_count = fields.Integer(compute="_compute_care_action_count")
    project_ids = fields.One2many("big.account.project", "account_id", string="Service Projects")
    project_count = fields.Integer(compute="_compute_project_count")
    assessment_count = fields.Integer(compute="_compute_assessment_count")
    last_assessment_date = fields.Date(
        string="Last Assessment",
        compute="_compute_assessment_count",
        help="Start of the period of the latest loyalty assessment.",
    )
    last_loyalty_score = fields.Float(
        compute="_compute_assessment_count",
        digits=(5, 1),
        help="Loyalty score (0-100) of the latest assessment.",
    )
    health = fields.Selection(
        [
            ("on_track", "On Track"),
            ("complaint_open", "Open Complaint"),
            ("contact_overdue", "Contact Overdue"),
            ("complaint_overdue", "Complaint Overdue"),
            ("contact_complaint_overdue", "Contact and Complaint Overdue"),
        ],
        compute="_compute_health",
        help="Why the account is coloured in the health list. Red: a planned contact is past "
        "its date or a complaint is past its deadline. Orange: a complaint is open, still "
        "within its deadline. On Track: none of these.",
    )
    opinion_ids = fields.One2many(
        "big.account.evaluation.opinion", "account_id", string="Team Evaluation"
    )
    opinion_missing_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_opinion_missing_user_ids",
        string="Waiting for the Opinion of",
    )
    is_team_member = fields.Boolean(compute="_compute_is_team_member")
    profile_reviewed_date = fields.Date(
        string="Profile Reviewed On",
        readonly=True,
        copy=False,
        tracking=True,
        help="Last time someone of the team checked the profile was current (Mark Profile "
        "Reviewed). Its owner is reminded when it gets older than the months set in Settings.",
    )
    profile_reminded_date = fields.Date(readonly=True, copy=False)
    profile_review_activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null"
    )
    consent_state = fields.Selection(
        [("none", "Not Given"), ("given", "Given"), ("withdrawn", "Withdrawn")],
        string="Client Consent",
        compute="_compute_consent_state",
        store=True,
        help="Whether the client agreed that we use its information. Without it, its "
        "profile cannot be exported.",
    )
    consent_date = fields.Date(string="Consent Given On", readonly=True, copy=False, tracking=True)
    consent_user_id = fields.Many2one(
        "res.users", string="Consent Recorded By", readonly=True, copy=False, tracking=True
    )
    consent_note = fields.Text(readonly=True, copy=False)
    consent_document = fields.Binary(attachment=True, readonly=True, copy=False)
    consent_document_name = fields.Char(readonly=True, copy=False)
    consent_withdrawn_date = fields.Date(
        string="Consent Withdrawn On", readonly=True, copy=False, tracking=True
    )

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "This company is already a key account: open the existing profile instead.",
        ),
        (
            "influence_range",
            "CHECK(influence >= 0 AND influence <= 5)",
            "Influence goes from 0 to 5.",
        ),
        (
            "potential_range",
            "CHECK(potential >= 0 AND potential <= 5)",
            "Potential goes from 0 to 5.",
        ),
        (
            "figures_positive",
            "CHECK(employee_count >= 0 AND annual_revenue >= 0 AND annual_event_budget >= 0)",
            "Employees, revenue and event budget cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------

    @api.model
    def _get_score_weights(self):
        icp = self.env["ir.config_parameter"].sudo()
        return {
            key: float(icp.get_param(param, default))
            for key, (param, default) in SCORE_WEIGHT_PARAMS.items()
        }

    @api.model
    def _get_tier_thresholds(self):
        icp = self.env["ir.config_parameter"].sudo()
        return (
            float(icp.get_param("big_account.tier_a_threshold", 75)),
            float(icp.get_param("big_account.tier_b_threshold", 50)),
        )

    def _get_criteria_scores(self):
        """Each criterion on a 0-100 scale."""
        self.ensure_one()
        return {
            "influence": self.influence * 20.0,
            "potential": self.potential * 20.0,
            "employees": min(self.employee_count / EMPLOYEE_REFERENCE, 1.0) * 100.0,
            "revenue": min(self.annual_revenue / REVENUE_REFERENCE, 1.0) * 100.0,
            "budget": min(self.annual_event_budget / EVENT_BUDGET_REFERENCE, 1.0) * 100.0,
        }

    @api.depends(
        "influence",
        "potential",
        "employee_count",
        "annual_revenue",
        "annual_event_budget",
    )
    def _compute_score(self):
        weights = self._get_score_weights()
        total_weight = sum(weights.values()) or 1.0
        threshold_a, threshold_b = self._get_tier_thresholds()
        for account in self:
            criteria = account._get_criteria_scores()
            score = sum(criteria[key] * weights[key] for key in weights) / total_weight
            account.score = round(score, 1)
            if account.score >= threshold_a:
                account.tier = "a"
            elif account.score >= threshold_b:
                account.tier = "b"
            else:
                account.tier = "c"

    @api.model
    def _recompute_all_scores(self):
        # new weights or tier limits rescore every key account, archived ones too
        # pylint: disable-next=no-search-all
        accounts = self.sudo().with_context(active_test=False).search([])
        self.env.add_to_compute(self._fields["score"], accounts)
        self.env.add_to_compute(self._fields["tier"], accounts)
        accounts.flush_recordset(["score", "tier"])

    # ------------------------------------------------------------
    # Other computes
    # ------------------------------------------------------------

    def _compute_contact_overdue(self):
        overdue = self.env["big.account.communication.plan"].search(
            [("account_id", "in", self.ids), ("is_overdue", "=", True)]
        )
        overdue_accounts = overdue.account_id
        for account in self:
            account.contact_overdue = account in overdue_accounts

    def _search_contact_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Filter on overdue contact with = or != and True or False."))
        plans = self.env["big.account.communication.plan"].search([("is_overdue", "=", True)])
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", plans.account_id.ids)]

    @api.model
    def _by_commercial_partner(self, partners):
        """{commercial partner: key account} of ``partners``, searched with the
        user's rights: a profile is confidential to its team."""
        accounts = self.search([("partner_id", "in", partners.commercial_partner_id.ids)])
        return {account.partner_id: account for account in accounts}

    def _get_partner_domain(self):
        # crm.lead has no commercial partner of its own: the account's company
        # and every contact under it
        return [("partner_id", "child_of", self.partner_id.ids)]

    def _compute_opportunity_stats(self):
        stats = {account.partner_id.id: {"count": 0, "won": 0, "revenue": 0.0} for account in self}
        groups = self.env["crm.lead"]._read_group(
            [("type", "=", "opportunity"), *self._get_partner_domain()],
            ["partner_id", "stage_id"],
            ["__count", "expected_revenue:sum"],
        )
        for partner, stage, count, revenue in groups:
            partner_stats = stats.get(partner.id) or stats.get(partner.commercial_partner_id.id)
            if partner_stats is None:
                continue
            if stage.is_won:
                partner_stats["won"] += count
                partner_stats["revenue"] += revenue
            else:
                partner_stats["count"] += count
        for account in self:
            partner_stats = stats[account.partner_id.id]
            account.opportunity_count = partner_stats["count"]
            account.opportunity_won_count = partner_stats["won"]
            account.opportunity_won_revenue = partner_stats["revenue"]

    def _get_care_event_domain(self):
        contacts = self.contact_ids.partner_id
        return [
            "|",
            ("big_account_id", "in", self.ids),
            "&",
            ("registration_ids.partner_id", "in", contacts.ids),
            ("registration_ids.state", "!=", "cancel"),
        ]

    def _compute_care_event_count(self):
        event_ids = {account.id: set() for account in self}
        for account, ids in self.env["event.event"]._read_group(
            [("big_account_id", "in", self.ids)], ["big_account_id"], ["id:array_agg"]
        ):
            event_ids[account.id].update(ids)
        contact_accounts = {}
        for contact in self.contact_ids:
            contact_accounts.setdefault(contact.partner_id.id, set()).add(contact.account_id.id)
        for partner, ids in self.env["event.registration"]._read_group(
            [("partner_id", "in", list(contact_accounts)), ("state", "!=", "cancel")],
            ["partner_id"],
            ["event_id:array_agg"],
        ):
            for account_id in contact_accounts[partner.id]:
                event_ids[account_id].update(ids)
        for account in self:
            account.care_event_count = len(event_ids[account.id])

    def _compute_complaint_count(self):
        Complaint = self.env["big.account.complaint"]
        counts, open_counts = {}, {}
        for account, state, count in Complaint._read_group(
            [("account_id", "in", self.ids)], ["account_id", "state"], ["__count"]
        ):
            counts[account] = counts.get(account, 0) + count
            if state in ("new", "investigating"):
                open_counts[account] = open_counts.get(account, 0) + count
        overdue_counts = dict(
            Complaint._read_group(
                [("account_id", "in", self.ids), ("is_overdue", "=", True)],
                ["account_id"],
                ["__count"],
            )
        )
        for account in self:
            account.complaint_count = counts.get(account, 0)
            account.open_complaint_count = open_counts.get(account, 0)
            account.overdue_complaint_count = overdue_counts.get(account, 0)

    def _compute_assessment_count(self):
        counts, last = {}, {}
        for assessment in self.env["big.account.assessment"].search(
            [("account_id", "in", self.ids)], order="date_from desc, id desc"
        ):
            counts[assessment.account_id] = counts.get(assessment.account_id, 0) + 1
            last.setdefault(assessment.account_id, assessment)
        for account in self:
            account.assessment_count = counts.get(account, 0)
            latest = last.get(account)
            account.last_assessment_date = latest.date_from if latest else False
            account.last_loyalty_score = latest.loyalty_score if latest else 0.0

    def _compute_care_action_count(self):
        counts = dict(
            self.env["big.account.care.action"]._read_group(
                [("account_id", "in", self.ids)], ["account_id"], ["__count"]
            )
        )
        for account in self:
            account.care_action_count = counts.get(account, 0)

    def _compute_project_count(self):
        counts = dict(
            self.env["big.account.project"]._read_group(
                [("account_id", "in", self.ids)], ["account_id"], ["__count"]
            )
        )
        for account in self:
            account.project_count = counts.get(account, 0)

    def _compute_health(self):
        for account in self:
            if account.contact_overdue and account.overdue_complaint_count:
                account.health = "contact_complaint_overdue"
            elif account.overdue_complaint_count:
                account.health = "complaint_overdue"
            elif account.contact_overdue:
                account.health = "contact_overdue"
            elif account.open_complaint_count:
                account.health = "complaint_open"
            else:
                account.health = "on_track"

    @api.depends("member_ids.user_id", "opinion_ids.user_id")
    def _compute_opinion_missing_user_ids(self):
        for account in self:
            account.opinion_missing_user_ids = (
                account.member_ids.user_id - account.opinion_ids.user_id
            )

    @api.depends("member_ids.user_id")
    @api.depends_context("uid")
    def _compute_is_team_member(self):
        for account in self:
            account.is_team_member = self.env.user in account.member_ids.user_id

    @api.depends("consent_date", "consent_withdrawn_date")
    def _compute_consent_state(self):
        for account in self:
            if account.consent_withdrawn_date:
                account.consent_state = "withdrawn"
            elif account.consent_date:
                account.consent_state = "given"
            else:
                account.consent_state = "none"

    @api.constrains("user_id", "member_ids")
    def _check_owner_serves(self):
        """The owner must be able to open the account: the team rule hides it from
        anyone but its service team (NDA signed) and the key-account managers."""
        for account in self.filtered("user_id"):
            owner = account.user_id
            if owner in account.member_ids.user_id or owner.has_group("big_account.group_manager"):
                continue
            raise ValidationError(
                _(
                    "%(user)s cannot own the key account %(account)s without serving on its "
                    "team: add %(user)s to the service team (with the signed NDA) or choose a "
                    "key-account manager as owner.",
                    user=owner.name,
                    account=account.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        for account in self:
            if account.state != "candidate" or account.complaint_ids or account.assessment_ids:
                raise UserError(
                    _(
                        "%(account)s has been a key account and keeps its history (complaints, "
                        "assessments, communication): it cannot be deleted. Set it inactive or "
                        "archive it instead.",
                        account=account.display_name,
                    )
                )

    # ------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------

    def _check_manager(self, action_label):
        if not self.env.user.has_group("big_account.group_manager"):
            raise AccessError(
                _(
                    "Only a key-account manager can %(action)s %(accounts)s: "
                    "ask your manager to do it.",
                    action=action_label,
                    accounts=", ".join(self.mapped("display_name")),
                )
            )

    def action_confirm(self):
        self._check_manager(_("confirm"))
        for account in self:
            if account.state != "candidate":
                raise UserError(
                    _(
                        "%(account)s is not a candidate: only candidates can be confirmed.",
                        account=account.display_name,
                    )
                )
            if not account.member_ids.filtered(lambda m: m.role == "project_manager"):
                raise UserError(
                    _(
                        "%(account)s has no project manager on its service team: "
                        "add one before confirming it.",
                        account=account.display_name,
                    )
                )
            account._check_team_agrees()
        self.sudo()._transition_write({"state": "confirmed"})
        return True

    def _check_team_agrees(self):
        """The service team evaluates a candidate together (共同评估): every member
        has given an opinion, and nobody disagrees."""
        self.ensure_one()
        team = self.sudo().member_ids.user_id
        opinions = self.sudo().opinion_ids.filtered(lambda opinion: opinion.user_id in team)
        missing = team - opinions.user_id
        if missing:
            raise UserError(
                _(
                    "%(account)s is confirmed once its whole service team has evaluated it: "
                    "waiting for the opinion of %(users)s.",
                    account=self.display_name,
                    users=", ".join(sorted(missing.mapped("name"))),
                )
            )
        against = opinions.filtered(lambda opinion: opinion.verdict == "disagree")
        if against:
            raise UserError(
                _(
                    "%(account)s cannot be confirmed while members of its team disagree "
                    "(%(users)s): talk it over with them. It stays a candidate until they "
                    "change their opinion.",
                    account=self.display_name,
                    users=", ".join(sorted(against.user_id.mapped("name"))),
                )
            )

    def action_open_my_opinion(self):
        """The current member's own opinion on the candidate, new or to change."""
        self.ensure_one()
        if not self.is_team_member:
            raise UserError(
                _(
                    "You are not on the service team of %(account)s: only its members "
                    "evaluate it.",
                    account=self.display_name,
                )
            )
        opinion = self.opinion_ids.filtered(lambda o: o.user_id == self.env.user)
        return {
            "type": "ir.actions.act_window",
            "name": _("My Opinion"),
            "res_model": "big.account.evaluation.opinion",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": opinion.id,
            "target": "new",
            "context": {"default_account_id": self.id},
        }

    def action_set_inactive(self):
        self._check_manager(_("deactivate"))
        self.sudo()._transition_write({"state": "inactive"})
        return True

    def action_reset_candidate(self):
        self._check_manager(_("reset to candidate"))
        self.sudo()._transition_write({"state": "candidate"})
        return True

    def _transition_refusal(self, field_names):
        if "state" in field_names:
            return UserError(
                _("Change the status of a key account with its buttons, not by editing it.")
            )
        return UserError(
            _(
                "The profile review and the client's consent are recorded with their buttons "
                "(Mark Profile Reviewed, Record Consent, Withdraw Consent), not by editing "
                "the account."
            )
        )

    # ------------------------------------------------------------
    # Data upkeep: profile review and the client's consent
    # ------------------------------------------------------------

    def action_mark_profile_reviewed(self):
        # whoever may edit the profile vouches that it is current
        self.check_access("write")
        today = fields.Date.context_today(self)
        reminders = self.sudo().profile_review_activity_id
        self.sudo()._transition_write(
            {"profile_reviewed_date": today, "profile_review_activity_id": False}
        )
        reminders.action_feedback(feedback=_("Profile reviewed"))
        return True

    @api.model
    def _cron_profile_review_reminders(self):
        """Remind the owner of each profile not reviewed for the months set in
        Settings, once: the next reminder waits for the next review to age."""
        icp = self.env["ir.config_parameter"].sudo()
        months = int(icp.get_param("big_account.profile_review_months", 6))
        today = fields.Date.context_today(self)
        limit = today - relativedelta(months=months)
        accounts = self.search(
            [
                ("state", "!=", "inactive"),
                "|",
                ("profile_reviewed_date", "<=", limit),
                "&",
                ("profile_reviewed_date", "=", False),
                ("create_date", "<", limit + timedelta(days=1)),
            ]
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for account in accounts:
            reviewed = account.profile_reviewed_date or account.create_date.date()
            if account.profile_reminded_date and account.profile_reminded_date >= reviewed:
                continue  # already reminded since the last review
            owner = account.user_id or account._get_care_user()
            env = account.with_context(lang=owner.lang or self.env.lang).env
            activity = account.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today + timedelta(days=7),
                summary=env._("Review the profile of %(account)s", account=account.name),
                note=env._(
                    "The profile of %(account)s was last reviewed on %(date)s: check its "
                    "overview, decision chain, needs and contacts are current, then press "
                    "Mark Profile Reviewed.",
                    account=account.name,
                    date=format_date(env, reviewed),
                ),
                user_id=owner.id,
            )
            account._transition_write(
                {"profile_reminded_date": today, "profile_review_activity_id": activity.id}
            )

    def _record_consent(self, consent_date, document=False, document_name=False, note=False):
        self.check_access("write")
        self.sudo()._transition_write(
            {
                "consent_date": consent_date,
                "consent_user_id": self.env.uid,
                "consent_document": document,
                "consent_document_name": document_name,
                "consent_note": note,
                "consent_withdrawn_date": False,
            }
        )

    def action_record_consent(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record the Client's Consent"),
            "res_model": "big.account.consent.record",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_account_id": self.id},
        }

    def action_withdraw_consent(self):
        self.check_access("write")
        without = self.filtered(lambda account: account.consent_state != "given")
        if without:
            raise UserError(
                _(
                    "%(accounts)s has no consent to withdraw.",
                    accounts=", ".join(without.mapped("display_name")),
                )
            )
        self.sudo()._transition_write({"consent_withdrawn_date": fields.Date.context_today(self)})
        return True

    def _check_export_consent(self):
        without = self.filtered(lambda account: account.consent_state != "given")
        if without:
            raise UserError(
                _(
                    "The profile of %(accounts)s cannot be exported: the client has not given "
                    "its consent to the use of its information, or has withdrawn it. Record "
                    "the consent on the account (Data Upkeep tab) first, or leave these "
                    "accounts out of the export.",
                    accounts=", ".join(without.mapped("display_name")),
                )
            )

    def export_data(self, fields_to_export):
        self._check_export_consent()
        return super().export_data(fields_to_export)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # reached from another record's export (a complaint, an opportunity), an
        # account without consent shows who it is, never its profile
        if not _is_toplevel_call and any(
            path and path[0] not in IDENTIFYING_EXPORT_FIELDS for path in fields
        ):
            self._check_export_consent()
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    # ------------------------------------------------------------
    # Assessments: spot checks
    # ------------------------------------------------------------

    def action_open_spot_check(self):
        self.ensure_one()
        self._check_manager(_("open a spot check of"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Spot Check"),
            "res_model": "big.account.spot.check",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_account_id": self.id},
        }

    # ------------------------------------------------------------
    # Care: birthdays
    # ------------------------------------------------------------

    @api.model
    def _cron_birthday_greetings(self):
        icp = self.env["ir.config_parameter"].sudo()
        days_before = int(icp.get_param("big_account.birthday_days_before", 3))
        today = fields.Date.context_today(self)
        target = today + timedelta(days=days_before)
        contacts = self.env["big.account.contact"].search(
            [
                ("birthday", "!=", False),
                ("account_id.active", "=", True),
                ("account_id.state", "!=", "inactive"),
            ]
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for contact in contacts:
            if (contact.birthday.month, contact.birthday.day) != (
                target.month,
                target.day,
            ):
                continue
            if contact.last_greeting_year == target.year:
                continue
            account = contact.account_id
            responsible = account._get_care_user()
            # the to-do speaks the language of the member who sends the greetings
            env = account.with_context(lang=responsible.lang or self.env.lang).env
            activity = account.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=target,
                summary=env._("Birthday greeting: %(name)s", name=contact.partner_id.name),
                note=env._(
                    "%(name)s's birthday is on %(date)s: send the greetings.",
                    name=contact.partner_id.name,
                    date=format_date(env, target),
                ),
                user_id=responsible.id,
            )
            self.env["big.account.care.action"].sudo().create(
                {
                    "account_id": account.id,
                    "kind": "birthday",
                    "partner_id": contact.partner_id.id,
                    "date": target,
                    "user_id": responsible.id,
                    "activity_id": activity.id,
                }
            )
            contact.last_greeting_year = target.year

    def _get_care_user(self):
        self.ensure_one()
        for role in ("relationship", "project_manager"):
            member = self.member_ids.filtered(lambda m, role=role: m.role == role)[:1]
            if member:
                return member.user_id
        return self.user_id or self.env.user

    # ------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------

    def action_view_opportunities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_action_pipeline")
        action["domain"] = [("type", "=", "opportunity"), *self._get_partner_domain()]
        action["context"] = {"default_partner_id": self.partner_id.id}
        return action

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event.action_event_view")
        action["domain"] = self._get_care_event_domain()
        action["context"] = {"default_big_account_id": self.id}
        return action

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_complaint_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

    def action_view_care_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_care_action_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_assessment_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

    # ------------------------------------------------------------
    # Complaints by e-mail
    # ------------------------------------------------------------

    def _get_complaint_user(self):
        """Who handles a complaint the client files itself: the project manager, else
        the account owner, else a member of the service team."""
        self.ensure_one()
        project_manager = self.member_ids.filtered(lambda m: m.role == "project_manager")[:1]
        return (
            project_manager.user_id
            or self.user_id
            or self.member_ids.user_id[:1]
            or self.env.ref("base.user_root")
        )

    def _alias_get_creation_values(self):
        """The alias of an account files complaints of that account."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("big.account.complaint")
        values["alias_contact"] = "partners"
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["account_id"] = self.id
            values["alias_defaults"] = repr(defaults)
        return values

    def _alias_get_error(self, message, message_dict, alias):
        """Only the client's own contacts file complaints through the account's alias."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or alias.alias_model_id.model != "big.account.complaint":
            return error
        author = self.env["res.partner"].browse(message_dict.get("author_id"))
        if author.commercial_partner_id != self.partner_id:
            return AliasError(
                "error_not_client_contact",
                _("the sender is not a contact of the client of this key account"),
            )
        return False

    def action_view_projects(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_project_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

    def action_view_project_documents(self):
        """The documents of the account's projects, archived ones included."""
        self.ensure_one()
        projects = self.env["big.account.project"].with_context(active_test=False)
        return projects.search([("account_id", "=", self.id)]).action_view_documents()
