from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

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


class BigAccount(models.Model):
    _name = "big.account"
    _description = "Key Account"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "score desc, name, id"
    _transition_fields = frozenset({"state"})  # written by the buttons only
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
        self.sudo()._transition_write({"state": "confirmed"})
        return True

    def action_set_inactive(self):
        self._check_manager(_("deactivate"))
        self.sudo()._transition_write({"state": "inactive"})
        return True

    def action_reset_candidate(self):
        self._check_manager(_("reset to candidate"))
        self.sudo()._transition_write({"state": "candidate"})
        return True

    def _transition_refusal(self, field_names):
        return UserError(
            _("Change the status of a key account with its buttons, not by editing it.")
        )

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
            account.activity_schedule(
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

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_assessment_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

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
