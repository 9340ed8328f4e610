from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tools import format_date

from .big_account_assessment_outcome import CORRECTIVE_KINDS

PERIOD_MONTHS = {"quarter": 3, "half": 6}


class BigAccountAssessment(models.Model):
    _name = "big.account.assessment"
    _description = "Key Account Loyalty Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date_from desc, loyalty_score desc, id"
    # written by the buttons only: the state, and the factors Compute measures
    _transition_fields = frozenset(
        {
            "state",
            "revenue_current",
            "revenue_previous",
            "revenue_trend_score",
            "satisfaction_average",
            "event_satisfaction_score",
            "satisfaction_score",
            "complaint_count",
            "complaint_score",
            "events_attended",
            "plan_on_time_rate",
            "engagement_score",
            "computed_score",
        }
    )
    _check_company_auto = True

    account_id = fields.Many2one(
        "big.account", string="Key Account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [("regular", "Regular"), ("spot", "Spot Check")],
        required=True,
        default="regular",
        tracking=True,
        help="Regular assessments are opened for each period by the scheduled job; spot "
        "checks (抽查) by a key-account manager, on any period.",
    )
    spot_reason = fields.Text(string="Reason for the Spot Check", tracking=True)
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("half", "Half-Year")], required=True, default="quarter"
    )
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(
        string="Period End", compute="_compute_date_to", store=True, readonly=False
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    revenue_current = fields.Monetary(string="Won Revenue", readonly=True)
    revenue_previous = fields.Monetary(string="Won Revenue (Previous Period)", readonly=True)
    revenue_trend_score = fields.Float(readonly=True, digits=(5, 1))
    satisfaction_average = fields.Float(
        string="Complaint Satisfaction (1-5)", readonly=True, digits=(3, 2)
    )
    event_satisfaction_score = fields.Float(
        string="Event Survey Satisfaction (0-100)",
        readonly=True,
        digits=(5, 1),
        help="Average satisfaction of the evaluated events of the period (event_evaluation).",
    )
    satisfaction_score = fields.Float(readonly=True, digits=(5, 1))
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    complaint_score = fields.Float(readonly=True, digits=(5, 1))
    events_attended = fields.Integer(readonly=True)
    plan_on_time_rate = fields.Float(string="Contacts on Time (%)", readonly=True, digits=(5, 1))
    engagement_score = fields.Float(readonly=True, digits=(5, 1))
    computed_score = fields.Float(readonly=True, digits=(5, 1))
    manual_adjustment = fields.Float(digits=(5, 1), tracking=True)
    adjustment_reason = fields.Text(tracking=True)
    kpi_ids = fields.One2many("big.account.assessment.kpi", "assessment_id", string="Team KPIs")
    loyalty_score = fields.Float(
        compute="_compute_loyalty_score", store=True, digits=(5, 1), aggregator="avg"
    )
    loyalty_action_ids = fields.One2many(
        "big.account.loyalty.action", "assessment_id", string="Loyalty Actions"
    )
    previous_loyalty_action_ids = fields.Many2many(
        "big.account.loyalty.action",
        compute="_compute_previous_loyalty_action_ids",
        string="Previous Loyalty Actions",
        help="The actions the account's previous assessment proposed, with the score of "
        "their factor then and now.",
    )
    outcome_ids = fields.One2many(
        "big.account.assessment.outcome", "assessment_id", string="Outcomes"
    )

    _sql_constraints = [
        (
            "account_period_uniq",
            "unique(account_id, kind, period_type, date_from)",
            "This account is already assessed for this period.",
        ),
    ]

    @api.depends("period_type", "date_from", "kind")
    def _compute_date_to(self):
        for assessment in self:
            if assessment.kind == "spot" and assessment.date_to:
                continue  # the period the manager chose
            if not assessment.date_from:
                assessment.date_to = False
                continue
            months = PERIOD_MONTHS[assessment.period_type]
            assessment.date_to = (
                assessment.date_from + relativedelta(months=months) - relativedelta(days=1)
            )

    @api.depends("computed_score", "manual_adjustment")
    def _compute_loyalty_score(self):
        for assessment in self:
            score = assessment.computed_score + assessment.manual_adjustment
            assessment.loyalty_score = min(max(score, 0.0), 100.0)

    @api.depends(
        "account_id.assessment_ids.date_from", "account_id.assessment_ids.loyalty_action_ids"
    )
    def _compute_previous_loyalty_action_ids(self):
        previous = self.env["big.account.loyalty.action"]._previous_actions(self)
        for assessment in self:
            assessment.previous_loyalty_action_ids = previous[assessment.id]

    @api.constrains("manual_adjustment", "adjustment_reason")
    def _check_adjustment_reason(self):
        for assessment in self:
            if assessment.manual_adjustment and not (assessment.adjustment_reason or "").strip():
                raise ValidationError(
                    _(
                        "The assessment of %(account)s is adjusted by hand: give the reason "
                        "for the adjustment.",
                        account=assessment.account_id.display_name,
                    )
                )

    @api.constrains("kind", "spot_reason", "date_from", "date_to", "period_type")
    def _check_period(self):
        for assessment in self:
            if assessment.date_to < assessment.date_from:
                raise ValidationError(
                    _(
                        "The assessment of %(account)s ends (%(end)s) before it starts "
                        "(%(start)s): check the period.",
                        account=assessment.account_id.display_name,
                        end=format_date(self.env, assessment.date_to),
                        start=format_date(self.env, assessment.date_from),
                    )
                )
            if assessment.kind == "spot" and not (assessment.spot_reason or "").strip():
                raise ValidationError(
                    _(
                        "The spot check of %(account)s needs a reason: say why it is checked now.",
                        account=assessment.account_id.display_name,
                    )
                )
            months = PERIOD_MONTHS[assessment.period_type]
            if assessment.kind == "regular" and assessment.date_to != (
                assessment.date_from + relativedelta(months=months, days=-1)
            ):
                raise ValidationError(
                    _(
                        "A regular assessment of %(account)s covers a whole quarter or "
                        "half-year: open a spot check for any other period.",
                        account=assessment.account_id.display_name,
                    )
                )

    def _previous_period_start(self):
        """Start of the period of the same length just before this one, for the
        revenue trend."""
        self.ensure_one()
        if self.kind == "spot":
            return self.date_from - (self.date_to - self.date_from) - timedelta(days=1)
        return self.date_from - relativedelta(months=PERIOD_MONTHS[self.period_type])

    def _transition_refusal(self, field_names):
        if field_names == {"state"}:
            return UserError(_("Confirm an assessment with its button, not by editing it."))
        return UserError(
            _(
                "The scores of an assessment are measured by its Compute button; correct "
                "the result with the manual adjustment and its reason."
            )
        )

    def write(self, vals):
        # outcomes are still recorded on a confirmed assessment: it is what follows it
        changes = set(vals) - {"outcome_ids"}
        if changes and any(a.state == "confirmed" for a in self) and not self._in_transition():
            raise UserError(_("A confirmed assessment cannot be changed."))
        return super().write(vals)

    def action_confirm(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    _(
                        "The assessment of %(account)s is already confirmed.",
                        account=assessment.account_id.display_name,
                    )
                )
        # whoever may edit the assessment confirms it; the team reads it only
        self.check_access("write")
        self._check_outcomes_recorded()
        self.sudo()._transition_write({"state": "confirmed"})
        self._propose_loyalty_actions()
        return True

    def _propose_loyalty_actions(self):
        """The catalogue's actions for the factors the assessments found weak."""
        return self.env["big.account.loyalty.action"]._propose_for(self)

    @staticmethod
    def _revenue_trend_score(current, previous):
        if not previous:
            return 100.0 if current else 50.0
        return min(max(50.0 * current / previous, 0.0), 100.0)

    def action_compute(self):
        """Compute every factor for all assessments at once: a fixed number of
        grouped queries, whatever the number of accounts."""
        if any(a.state != "draft" for a in self):
            raise UserError(_("Only draft assessments can be computed again."))
        if not self:
            return True
        date_min = min(a._previous_period_start() for a in self)
        date_max = max(self.mapped("date_to"))
        accounts = self.account_id
        partner_account = {account.partner_id.id: account.id for account in accounts}

        # won revenue per commercial partner and day
        won = defaultdict(list)
        for partner, day, revenue in (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", list(partner_account)),
                    ("stage_id.is_won", "=", True),
                    ("date_closed", ">=", date_min),
                    ("date_closed", "<", date_max + relativedelta(days=1)),
                ],
                ["partner_id", "date_closed:day"],
                ["expected_revenue:sum"],
            )
        ):
            account_id = partner_account.get(partner.commercial_partner_id.id)
            won[account_id].append((day.date(), revenue))

        # complaints per account and day
        complaints = defaultdict(list)
        complaint_groups = (
            self.env["big.account.complaint"]
            .sudo()
            ._read_group(
                [
                    ("account_id", "in", accounts.ids),
                    ("date_received", ">=", date_min),
                    ("date_received", "<=", date_max),
                ],
                ["account_id", "date_received:day", "state", "satisfaction"],
                ["__count"],
            )
        )
        for account, day, state, satisfaction, count in complaint_groups:
            closed_satisfaction = satisfaction if state == "closed" else False
            complaints[account.id].append((day, closed_satisfaction, count))

        # attended events of the account's contacts, per partner and day
        contact_account = {
            contact.partner_id.id: contact.account_id.id for contact in accounts.sudo().contact_ids
        }
        attended = defaultdict(list)
        registrations = (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", list(contact_account)),
                    ("state", "=", "done"),
                    ("event_id.date_begin", ">=", date_min),
                    ("event_id.date_begin", "<", date_max + relativedelta(days=1)),
                ],
                ["partner_id", "event_id"],
                ["__count"],
            )
        )
        account_events = defaultdict(set)
        for partner, event, count in registrations:
            attended[contact_account[partner.id]].append((event.date_begin.date(), count))
            account_events[contact_account[partner.id]].add(event)
        # events planned for the account, and the evaluations of all those events
        for event in (
            self.env["event.event"]
            .sudo()
            .search(
                [
                    ("big_account_id", "in", accounts.ids),
                    ("date_begin", ">=", date_min),
                    ("date_begin", "<", date_max + relativedelta(days=1)),
                ]
            )
        ):
            account_events[event.big_account_id.id].add(event)
        evaluations = {
            evaluation.event_id: evaluation
            for evaluation in self.env["event.evaluation"]
            .sudo()
            .search([("event_id", "in", [e.id for es in account_events.values() for e in es])])
        }

        # communication plans kept on time, per account and per responsible member
        plans = {}
        member_plans = {}
        for account, user, done, on_time in (
            self.env["big.account.communication.plan"]
            .sudo()
            ._read_group(
                [("account_id", "in", accounts.ids)],
                ["account_id", "user_id"],
                ["done_count:sum", "done_on_time_count:sum"],
            )
        ):
            account_done, account_on_time = plans.get(account.id, (0, 0))
            plans[account.id] = (account_done + done, account_on_time + on_time)
            member_plans[account.id, user.id] = (done, on_time)
        acceptances = self._read_signed_acceptances(accounts, date_min, date_max)
        orders = self._read_confirmed_sales(accounts, date_min, date_max)
        kpi_weights = self._get_kpi_weights()
        target_margin = self._get_kpi_target_margin()
        kpi_vals = []

        for assessment in self:
            account_id = assessment.account_id.id
            start, end = assessment.date_from, assessment.date_to
            previous_start = assessment._previous_period_start()
            current = sum(r for day, r in won[account_id] if start <= day <= end)
            previous = sum(r for day, r in won[account_id] if previous_start <= day < start)
            in_period = [
                (satisfaction, count)
                for day, satisfaction, count in complaints[account_id]
                if start <= day <= end
            ]
            complaint_count = sum(count for __, count in in_period)
            rated = [(int(s), count) for s, count in in_period if s]
            rated_count = sum(count for __, count in rated)
            satisfaction = (
                sum(s * count for s, count in rated) / rated_count if rated_count else 0.0
            )
            events = sum(c for day, c in attended[account_id] if start <= day <= end)
            done, on_time = plans.get(account_id, (0, 0))
            on_time_rate = 100.0 * on_time / done if done else 0.0

            period_evaluations = [
                evaluations[event]
                for event in account_events[account_id]
                if event in evaluations and start <= event.date_begin.date() <= end
            ]
            surveyed = [e.satisfaction_score for e in period_evaluations if e.response_count]
            event_satisfaction = sum(surveyed) / len(surveyed) if surveyed else False
            scored = [e.overall_score for e in period_evaluations]
            evaluation_score = sum(scored) / len(scored) if scored else False
            acceptance_count, acceptance_score = self._period_acceptance_score(
                acceptances[account_id], start, end
            )
            # execution quality: the client's signed acceptances and the evaluated events
            # weigh one half each; either alone when the other is missing
            measured = [s for s in (acceptance_score, evaluation_score) if s is not False]
            execution_score = sum(measured) / len(measured) if measured else False
            sales = self._period_sales(orders[account_id], start, end, previous_start)
            sales_revenue, sales_margin, margin_rate, sales_score = sales
            profit_score = min(max(100.0 * margin_rate / target_margin, 0.0), 100.0)
            revenue_score = self._revenue_trend_score(current, previous)
            # satisfaction: closed complaints (1-5) and the events' surveys (0-100)
            satisfaction_parts = [satisfaction * 20.0] if rated_count else []
            if event_satisfaction is not False:
                satisfaction_parts.append(event_satisfaction)
            satisfaction_score = (
                sum(satisfaction_parts) / len(satisfaction_parts) if satisfaction_parts else 50.0
            )
            complaint_score = max(100.0 - 20.0 * complaint_count, 0.0)
            engagement_score = 50.0 * min(events / 2.0, 1.0) + 0.5 * on_time_rate
            assessment._transition_write(
                {
                    "revenue_current": current,
                    "revenue_previous": previous,
                    "revenue_trend_score": revenue_score,
                    "satisfaction_average": satisfaction,
                    "event_satisfaction_score": event_satisfaction or 0.0,
                    "satisfaction_score": satisfaction_score,
                    "complaint_count": complaint_count,
                    "complaint_score": complaint_score,
                    "events_attended": events,
                    "plan_on_time_rate": on_time_rate,
                    "engagement_score": engagement_score,
                    "computed_score": (
                        revenue_score + satisfaction_score + complaint_score + engagement_score
                    )
                    / 4.0,
                }
            )
            for member in assessment.account_id.sudo().member_ids:
                member_done, member_on_time = member_plans.get(
                    (account_id, member.user_id.id), (0, 0)
                )
                upkeep_rate = 100.0 * member_on_time / member_done if member_done else 0.0
                factors = {
                    "satisfaction": satisfaction_score,
                    "revenue": sales_score,
                    "upkeep": upkeep_rate,
                }
                if execution_score is not False:
                    # without a signed acceptance or an evaluated event, execution quality
                    # is left out of the score
                    factors["execution"] = execution_score
                if sales_revenue:
                    # without a confirmed order, there is no margin to score
                    factors["profit"] = profit_score
                kpi_score = sum(kpi_weights[key] * value for key, value in factors.items()) / (
                    sum(kpi_weights[key] for key in factors) or 1.0
                )
                kpi_vals.append(
                    {
                        "assessment_id": assessment.id,
                        "user_id": member.user_id.id,
                        "role": member.role,
                        "satisfaction_score": satisfaction_score,
                        "revenue": sales_revenue,
                        "revenue_score": sales_score,
                        "margin": sales_margin,
                        "margin_rate": margin_rate,
                        "profit_available": bool(sales_revenue),
                        "profit_score": profit_score if sales_revenue else 0.0,
                        "upkeep_rate": upkeep_rate,
                        "acceptance_count": acceptance_count,
                        "acceptance_score": acceptance_score or 0.0,
                        "execution_available": execution_score is not False,
                        "execution_score": execution_score or 0.0,
                        "kpi_score": kpi_score,
                    }
                )
        self.kpi_ids.sudo().unlink()
        self.env["big.account.assessment.kpi"].sudo().create(kpi_vals)
        return True

    @api.model
    def _read_signed_acceptances(self, accounts, date_min, date_max):
        """{account id: [(day, sum of overall scores, count)]} of the client's signed
        acceptances of the accounts' projects, in one grouped query."""
        acceptances = defaultdict(list)
        for account, day, score_total, count in (
            self.env["big.account.project.acceptance"]
            .sudo()
            ._read_group(
                [
                    ("account_id", "in", accounts.ids),
                    ("state", "=", "signed"),
                    ("signed_on", ">=", date_min),
                    ("signed_on", "<=", date_max),
                ],
                ["account_id", "signed_on:day"],
                ["overall_score:sum", "__count"],
            )
        ):
            acceptances[account.id].append((day, score_total, count))
        return acceptances

    @api.model
    def _read_confirmed_sales(self, accounts, date_min, date_max):
        """{account id: [(day, untaxed amount, margin)]} of the accounts' confirmed sales
        orders (their signed quotations), in the account's currency, in one grouped query."""
        account_of = {account.partner_id.id: account for account in accounts}
        orders = defaultdict(list)
        for partner, company, currency, day, untaxed, margin in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", list(account_of)),
                    ("company_id", "in", accounts.company_id.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", date_min),
                    ("date_order", "<", date_max + relativedelta(days=1)),
                ],
                ["partner_id", "company_id", "currency_id", "date_order:day"],
                ["amount_untaxed:sum", "margin:sum"],
            )
        ):
            account = account_of[partner.commercial_partner_id.id]
            if company != account.company_id:
                continue
            if currency != account.currency_id:
                untaxed, margin = (
                    currency._convert(amount, account.currency_id, company, day.date())
                    for amount in (untaxed, margin)
                )
            orders[account.id].append((day.date(), untaxed, margin))
        return orders

    @staticmethod
    def _period_acceptance_score(acceptances, start, end):
        """(count, average overall score or False) of the acceptances signed in the period."""
        signed = [(total, count) for day, total, count in acceptances if start <= day <= end]
        count = sum(count for __, count in signed)
        return count, (sum(total for total, __ in signed) / count if count else False)

    @classmethod
    def _period_sales(cls, orders, start, end, previous_start):
        """(revenue, margin, margin rate %, revenue trend score) of the orders confirmed in
        the period, the trend against the previous period."""
        revenue = sum(untaxed for day, untaxed, __ in orders if start <= day <= end)
        margin = sum(margin for day, __, margin in orders if start <= day <= end)
        previous = sum(untaxed for day, untaxed, __ in orders if previous_start <= day < start)
        rate = 100.0 * margin / revenue if revenue else 0.0
        return revenue, margin, rate, cls._revenue_trend_score(revenue, previous)

    @api.model
    def _get_kpi_weights(self):
        icp = self.env["ir.config_parameter"].sudo()
        return {
            "satisfaction": float(icp.get_param("big_account.kpi_weight_satisfaction", 40)),
            "revenue": float(icp.get_param("big_account.kpi_weight_revenue", 40)),
            "upkeep": float(icp.get_param("big_account.kpi_weight_upkeep", 20)),
            "execution": float(icp.get_param("big_account.kpi_weight_execution", 20)),
            "profit": float(icp.get_param("big_account.kpi_weight_profit", 20)),
        }

    @api.model
    def _get_kpi_target_margin(self):
        """The margin rate (%) that earns a full profit score."""
        target = float(
            self.env["ir.config_parameter"].sudo().get_param("big_account.kpi_target_margin", 30)
        )
        return target if target > 0 else 30.0

    @api.model
    def _create_for_period(self, period_type, date_from, accounts=None):
        """Create (or reuse) and compute the draft assessments of a period."""
        accounts = accounts or self.env["big.account"].search([("state", "=", "confirmed")])
        existing = self.search(
            [
                ("account_id", "in", accounts.ids),
                ("kind", "=", "regular"),
                ("period_type", "=", period_type),
                ("date_from", "=", date_from),
            ]
        )
        missing = accounts - existing.account_id
        created = self.create(
            [
                {"account_id": account.id, "period_type": period_type, "date_from": date_from}
                for account in missing
            ]
        )
        assessments = (existing.filtered(lambda a: a.state == "draft")) | created
        assessments.action_compute()
        return existing | created

    # ------------------------------------------------------------
    # What the assessment leads to
    # ------------------------------------------------------------

    @api.model
    def _get_outcome_thresholds(self):
        icp = self.env["ir.config_parameter"].sudo()
        return (
            float(icp.get_param("big_account.outcome_loyalty_threshold", 60)),
            float(icp.get_param("big_account.outcome_kpi_threshold", 60)),
        )

    def _get_missing_outcomes(self):
        """What a weak result still lacks before it is confirmed: a loyalty score
        under the bar needs a corrective outcome (warning, training, reassignment);
        each member whose KPI is under the bar needs one for them or the whole team.

        :return: (loyalty below the bar, users without the outcome they need, the
            weakest first)
        """
        self.ensure_one()
        loyalty_threshold, kpi_threshold = self._get_outcome_thresholds()
        corrective = self.sudo().outcome_ids.filtered(lambda o: o.kind in CORRECTIVE_KINDS)
        weak_loyalty = self.loyalty_score < loyalty_threshold and not corrective
        if corrective.filtered(lambda o: not o.user_id):
            return weak_loyalty, self.env["res.users"]
        weak_kpis = self.sudo().kpi_ids.filtered(lambda k: k.kpi_score < kpi_threshold)
        weak_users = weak_kpis.sorted(lambda k: (k.kpi_score, k.user_id.name)).user_id
        return weak_loyalty, weak_users - corrective.user_id

    def _check_outcomes_recorded(self):
        loyalty_threshold, kpi_threshold = self._get_outcome_thresholds()
        for assessment in self:
            weak_loyalty, weak_users = assessment._get_missing_outcomes()
            if not (weak_loyalty or weak_users):
                continue
            reasons = []
            if weak_loyalty:
                score = "%.1f" % assessment.loyalty_score
                reasons.append(
                    _(
                        "its loyalty score (%(score)s) is below %(threshold)s",
                        score=score,
                        threshold=round(loyalty_threshold),
                    )
                )
            if weak_users:
                reasons.append(
                    _(
                        "the KPI of %(users)s is below %(threshold)s",
                        users=", ".join(weak_users.mapped("name")),
                        threshold=round(kpi_threshold),
                    )
                )
            message = _(
                "The assessment of %(account)s cannot be confirmed yet: %(reasons)s. Record "
                "what follows (a warning, a training or a reassignment, with an owner and a "
                "deadline) for the member concerned or the whole team, then confirm it.",
                account=assessment.account_id.display_name,
                reasons="; ".join(reasons),
            )
            raise RedirectWarning(
                message,
                assessment._get_outcome_proposal(weak_users[:1]),
                _("Record an Outcome"),
            )

    def _get_outcome_proposal(self, user):
        """A new outcome form, filled in as a manager would start it: a training for
        the weakest member (or the whole team), owned by the account owner, due in a
        month."""
        self.ensure_one()
        owner = self.account_id.user_id or self.env.user
        return {
            "type": "ir.actions.act_window",
            "name": _("Record an Outcome"),
            "res_model": "big.account.assessment.outcome",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_assessment_id": self.id,
                "default_user_id": user.id,
                "default_kind": "training",
                "default_owner_id": owner.id,
                "default_date_deadline": fields.Date.to_string(
                    fields.Date.context_today(self) + relativedelta(months=1)
                ),
            },
        }

    # ------------------------------------------------------------
    # The assessment cycle
    # ------------------------------------------------------------

    @api.model
    def _get_cycle_period(self, today):
        """(period type, start) of the period that ended last before ``today``, as set
        in Settings: the last quarter, or the last half-year."""
        period_type = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("big_account.assessment_period", "quarter")
        )
        if period_type not in PERIOD_MONTHS:
            period_type = "quarter"
        months = PERIOD_MONTHS[period_type]
        current_start = date(today.year, (today.month - 1) // months * months + 1, 1)
        return period_type, current_start - relativedelta(months=months)

    @api.model
    def _cron_open_period_assessments(self):
        """At the start of each period, open the assessments of the period just ended
        for every confirmed key account, once: the accounts confirmed later in the
        period were not key accounts in the one assessed."""
        icp = self.env["ir.config_parameter"].sudo()
        period_type, date_from = self._get_cycle_period(fields.Date.context_today(self))
        opened = f"{period_type}:{fields.Date.to_string(date_from)}"
        if icp.get_param("big_account.assessment_opened_period") == opened:
            return self.browse()
        accounts = self.env["big.account"].search([("state", "=", "confirmed")])
        existing = self.search(
            [
                ("account_id", "in", accounts.ids),
                ("kind", "=", "regular"),
                ("period_type", "=", period_type),
                ("date_from", "=", date_from),
            ]
        )
        missing = accounts - existing.account_id
        created = (
            self._create_for_period(period_type, date_from, missing) if missing else self.browse()
        )
        created._schedule_review()
        icp.set_param("big_account.assessment_opened_period", opened)
        return created

    def _schedule_review(self):
        """A to-do for the account owner: review the figures and confirm, with the
        outcomes they call for."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        deadline = fields.Date.context_today(self) + relativedelta(days=14)
        for assessment in self:
            account = assessment.account_id
            reviewer = account.user_id or account._get_care_user()
            env = assessment.with_context(lang=reviewer.lang or self.env.lang).env
            assessment.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=deadline,
                summary=env._("Review the assessment of %(account)s", account=account.name),
                note=env._(
                    "The assessment of %(account)s for the period from %(start)s to %(end)s "
                    "is open: check its figures and the team KPIs, record the outcomes they "
                    "call for, then confirm it.",
                    account=account.name,
                    start=format_date(env, assessment.date_from),
                    end=format_date(env, assessment.date_to),
                ),
                user_id=reviewer.id,
            )
