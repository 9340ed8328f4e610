from collections import defaultdict
from datetime import date, datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import formatLang

from .event_evaluation import SATISFACTION_DIMENSIONS, _ratio, format_percent

# the evaluation figures the yearly results are aggregated from
RESULT_SOURCE_FIELDS = [
    "sales_won_amount",
    "sales_target",
    "pipeline_amount",
    "loyalty_lift",
    "loyalty_attendee_count",
    "loyalty_control_count",
    "referral_count",
    *(
        f"satisfaction_{dimension}_{kind}"
        for dimension in SATISFACTION_DIMENSIONS
        for kind in ("score", "count")
    ),
]


class EventEvaluationAnnual(models.Model):
    _name = "event.evaluation.annual"
    _description = "Yearly Client Event Evaluation Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "year desc, company_id"
    _transition_fields = frozenset({"state", "submitted_by_id", "reviewed_by_id"})
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    company_id = fields.Many2one(
        "res.company", string="Region", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Who writes and submits the report: he gets the reminder before it is due.",
    )
    date_due = fields.Date(
        string="Due On",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="When the report is due at headquarters: by default the days after 31 December "
        "set in the Events settings.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not submitted and past its due date.",
    )
    date_reminded = fields.Date(
        string="Reminded On",
        readonly=True,
        copy=False,
        help="When its responsible was reminded that the report is coming due: once.",
    )
    press_item_ids = fields.Many2many(
        "event.archive.item",
        string="Press Coverage",
        compute="_compute_press_item_ids",
        help="The press coverage (媒体报道) of the region's events that end in the year.",
    )
    club_target_ids = fields.Many2many(
        "event.annual.plan.target",
        string="Club Targets",
        compute="_compute_club_target_ids",
        help="The targets of the region's approved plans of the year (会员招募与管理: members "
        "recruited and managed, publicity, merchants, online campaigns), each with its actual.",
    )
    planned_count = fields.Integer("Events Planned", compute="_compute_aggregates")
    planned_budget = fields.Monetary(compute="_compute_aggregates")
    event_count = fields.Integer("Events Evaluated", compute="_compute_aggregates")
    registered_count = fields.Integer("Registered", compute="_compute_aggregates")
    attended_count = fields.Integer("Attendees", compute="_compute_aggregates")
    satisfaction_score = fields.Float("Average Satisfaction", compute="_compute_aggregates")
    lead_count = fields.Integer("Leads", compute="_compute_aggregates")
    won_revenue = fields.Monetary(compute="_compute_aggregates")
    budget_amount = fields.Monetary("Budget", compute="_compute_aggregates")
    cost_amount = fields.Monetary("Actual Cost", compute="_compute_aggregates")
    roi = fields.Float(
        "ROI",
        compute="_compute_aggregates",
        help="(Won revenue - actual cost) / actual cost of the year's evaluated events.",
    )
    # results that prove the events paid, aggregated over the year's evaluated events
    sales_won_amount = fields.Monetary(
        "Sales Won",
        compute="_compute_results",
        help="Sum of the sales won of the year's evaluated events.",
    )
    sales_target = fields.Monetary(
        compute="_compute_results",
        help="Sum of the sales targets of the year's evaluated events.",
    )
    sales_completion_rate = fields.Float(
        "Sales Completion",
        compute="_compute_results",
        help="Sales won by the events that had a sales target / the sum of their targets "
        "(events without a target do not count); empty when no event had one.",
    )
    pipeline_amount = fields.Monetary(
        "Influenced Pipeline",
        compute="_compute_results",
        help="Sum of the weighted influenced pipelines of the year's evaluated events.",
    )
    loyalty_event_count = fields.Integer(
        "Events with a Loyalty Lift",
        compute="_compute_results",
        help="Evaluated events with attendees and a control group, whose lift was computed.",
    )
    loyalty_lift = fields.Float(
        "Loyalty Lift (pp)",
        compute="_compute_results",
        help="Average of the events' loyalty lifts, in percentage points, weighted by their "
        "attendee clients; only events with a control group count.",
    )
    referral_count = fields.Integer(
        "Referrals",
        compute="_compute_results",
        help="Sum of the referrals of the year's evaluated events.",
    )
    referral_rate = fields.Float(
        compute="_compute_results",
        help="Referrals / registered, over all the year's evaluated events.",
    )
    satisfaction_content_count = fields.Integer(
        "Content Ratings",
        compute="_compute_results",
        help="Answers rating content in the feedback surveys of the year's evaluated events.",
    )
    satisfaction_content_score = fields.Float(
        "Content Satisfaction",
        compute="_compute_results",
        help="0-100: average of the events' content scores weighted by their content ratings.",
    )
    satisfaction_organisation_count = fields.Integer(
        "Organisation Ratings",
        compute="_compute_results",
        help="Answers rating organisation in the feedback surveys of the year's evaluated events.",
    )
    satisfaction_organisation_score = fields.Float(
        "Organisation Satisfaction",
        compute="_compute_results",
        help="0-100: average of the events' organisation scores weighted by their ratings.",
    )
    satisfaction_service_count = fields.Integer(
        "Service Ratings",
        compute="_compute_results",
        help="Answers rating service in the feedback surveys of the year's evaluated events.",
    )
    satisfaction_service_score = fields.Float(
        "Service Satisfaction",
        compute="_compute_results",
        help="0-100: average of the events' service scores weighted by their ratings.",
    )
    best_evaluation_id = fields.Many2one(
        "event.evaluation", string="Best Event", compute="_compute_aggregates"
    )
    worst_evaluation_id = fields.Many2one(
        "event.evaluation", string="Weakest Event", compute="_compute_aggregates"
    )
    planning = fields.Html()
    execution = fields.Html()
    coverage = fields.Html()
    problems = fields.Html("Problems Found")
    suggestions = fields.Html("Improvement Suggestions")

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "A region has one yearly report per year: open the existing one instead.",
        ),
    ]

    @api.constrains("year")
    def _check_year(self):
        for report in self.filtered(lambda report: not 2000 <= report.year <= 2100):
            raise ValidationError(
                _(
                    "%(year)s is not a year a yearly report can cover: enter a year between "
                    "2000 and 2100.",
                    year=report.year,
                )
            )

    @api.depends("year", "company_id")
    def _compute_name(self):
        for report in self:
            report.name = _(
                "%(year)s client event evaluation report - %(region)s",
                year=report.year,
                region=report.company_id.name,
            )

    @api.depends("year", "company_id")
    def _compute_date_due(self):
        for report in self:
            if not 2000 <= report.year <= 2100:
                report.date_due = False
                continue
            days = report.company_id.evaluation_annual_due_days
            report.date_due = date(report.year, 12, 31) + timedelta(days=days)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = (
                report.state == "draft" and bool(report.date_due) and report.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue yearly reports with “is set” or “is not set”."))
        domain = [
            ("state", "=", "draft"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("year", "company_id")
    def _compute_press_item_ids(self):
        """The press coverage of each report's year, from one search for all reports."""
        years = self.mapped("year") or [0]
        items = self.env["event.archive.item"].search(
            [
                ("kind", "=", "press"),
                ("event_id.company_id", "in", self.company_id.ids),
                ("event_id.date_end", ">=", datetime(min(years), 1, 1)),
                ("event_id.date_end", "<", datetime(max(years) + 1, 1, 1)),
            ],
            order="date_published, id",
        )
        by_year = defaultdict(list)
        for item in items:
            by_year[item.event_id.company_id.id, item.event_id.date_end.year].append(item.id)
        for report in self:
            report.press_item_ids = [(6, 0, by_year.get((report.company_id.id, report.year), []))]

    @api.depends("year", "company_id")
    def _compute_club_target_ids(self):
        """The targets of each report's approved plans, from one search for all reports."""
        targets = self.env["event.annual.plan.target"].search(
            [
                ("plan_id.state", "=", "approved"),
                ("company_id", "in", self.company_id.ids),
                ("year", "in", self.mapped("year")),
            ],
            order="plan_level, kind, quarter, id",
        )
        by_year = defaultdict(list)
        for target in targets:
            by_year[target.company_id.id, target.year].append(target.id)
        for report in self:
            report.club_target_ids = [(6, 0, by_year.get((report.company_id.id, report.year), []))]

    def _get_press_reach(self):
        """The total reach of the year's press coverage."""
        self.ensure_one()
        return sum(self.press_item_ids.mapped("reach"))

    @api.model
    def _cron_remind_due(self):
        """A to-do, once, for the responsible of each draft report coming due: the
        company's reminder days before its due date (or later, if it is already late)."""
        today = fields.Date.context_today(self)
        reports = self.search(
            [("state", "=", "draft"), ("date_due", "!=", False), ("date_reminded", "=", False)]
        )
        due = reports.filtered(
            lambda r: (
                r.date_due - timedelta(days=r.company_id.evaluation_annual_reminder_days) <= today
            )
        )
        first_evaluators = {}
        for report in due:
            user = report._get_reminder_user(first_evaluators)
            if user:
                report.activity_schedule(
                    "event_evaluation.mail_activity_type_annual_due",
                    date_deadline=report.date_due,
                    user_id=user.id,
                )
        due.write({"date_reminded": today})

    def _get_reminder_user(self, first_evaluators):
        """The report's responsible, else the region's first evaluator; nobody without."""
        self.ensure_one()
        if self.user_id.active and self.company_id in self.user_id.company_ids:
            return self.user_id
        return self.env["event.evaluation"]._first_evaluator(self.company_id, first_evaluators)

    def _evaluation_domain(self):
        years = self.mapped("year") or [0]
        return [
            ("company_id", "in", self.company_id.ids),
            ("date_end", ">=", datetime(min(years), 1, 1)),
            ("date_end", "<", datetime(max(years) + 1, 1, 1)),
        ]

    @api.depends("year", "company_id")
    def _compute_aggregates(self):
        Evaluation = self.env["event.evaluation"]
        domain = self._evaluation_domain()
        groups = {
            (company.id, year.year): values
            for company, year, *values in Evaluation._read_group(
                domain,
                ["company_id", "date_end:year"],
                [
                    "__count",
                    "registered_count:sum",
                    "attended_count:sum",
                    "satisfaction_score:avg",
                    "lead_count:sum",
                    "won_revenue:sum",
                    "budget_amount:sum",
                    "cost_amount:sum",
                ],
            )
        }
        planned = {
            (company.id, year): (count, budget)
            for company, year, count, budget in self.env["event.annual.plan.line"]._read_group(
                [("company_id", "in", self.company_id.ids), ("year", "in", self.mapped("year"))],
                ["company_id", "year"],
                ["__count", "planned_budget:sum"],
            )
        }
        for report in self:
            key = (report.company_id.id, report.year)
            count, registered, attended, satisfaction, leads, revenue, budget, cost = groups.get(
                key, (0, 0, 0, 0.0, 0, 0.0, 0.0, 0.0)
            )
            planned_count, planned_budget = planned.get(key, (0, 0.0))
            report.update(
                {
                    "planned_count": planned_count,
                    "planned_budget": planned_budget,
                    "event_count": count,
                    "registered_count": registered,
                    "attended_count": attended,
                    "satisfaction_score": satisfaction or 0.0,
                    "lead_count": leads,
                    "won_revenue": revenue,
                    "budget_amount": budget,
                    "cost_amount": cost,
                    "roi": (revenue - cost) / cost if cost else False,
                    "best_evaluation_id": report._ranked_evaluation("desc") if count else False,
                    "worst_evaluation_id": report._ranked_evaluation("asc") if count else False,
                }
            )

    @api.depends("year", "company_id")
    def _compute_results(self):
        """Sums and weighted averages of the results, from one read of the evaluations.

        Empty figures (no target, no control group, no rating) stay False: their
        denominators tell, as on the evaluation.
        """
        totals = defaultdict(lambda: defaultdict(float))
        evaluations = self.env["event.evaluation"].search_fetch(
            self._evaluation_domain(),
            ["company_id", "date_end", "registered_count", *RESULT_SOURCE_FIELDS],
        )
        for evaluation in evaluations:
            year = fields.Datetime.context_timestamp(evaluation, evaluation.date_end).year
            total = totals[evaluation.company_id.id, year]
            total["won"] += evaluation.sales_won_amount
            total["target"] += evaluation.sales_target
            total["pipeline"] += evaluation.pipeline_amount
            total["referrals"] += evaluation.referral_count
            total["registered"] += evaluation.registered_count
            if evaluation.sales_target:
                total["won_with_target"] += evaluation.sales_won_amount
            if evaluation._get_rate("loyalty_lift") is not False:
                total["lift_events"] += 1
                total["lift_weight"] += evaluation.loyalty_attendee_count
                total["lift"] += evaluation.loyalty_lift * evaluation.loyalty_attendee_count
            for dimension in SATISFACTION_DIMENSIONS:
                ratings = evaluation[f"satisfaction_{dimension}_count"]
                total[f"{dimension}_weight"] += ratings
                total[dimension] += evaluation[f"satisfaction_{dimension}_score"] * ratings
        for report in self:
            total = totals.get((report.company_id.id, report.year), defaultdict(float))
            report.update(
                {
                    "sales_won_amount": total["won"],
                    "sales_target": total["target"],
                    "sales_completion_rate": _ratio(total["won_with_target"], total["target"]),
                    "pipeline_amount": total["pipeline"],
                    "loyalty_event_count": int(total["lift_events"]),
                    "loyalty_lift": _ratio(total["lift"], total["lift_weight"]),
                    "referral_count": int(total["referrals"]),
                    "referral_rate": _ratio(total["referrals"], total["registered"]),
                    **{
                        f"satisfaction_{dimension}_score": _ratio(
                            total[dimension], total[f"{dimension}_weight"]
                        )
                        for dimension in SATISFACTION_DIMENSIONS
                    },
                    **{
                        f"satisfaction_{dimension}_count": int(total[f"{dimension}_weight"])
                        for dimension in SATISFACTION_DIMENSIONS
                    },
                }
            )

    def _format_result(self, field_name):
        """A result of the year as report text; "—" when it is empty."""
        self.ensure_one()
        empty = {
            "sales_completion_rate": not self.sales_target,
            "loyalty_lift": not self.loyalty_event_count,
            "referral_rate": not self.registered_count,
            **{
                f"satisfaction_{dimension}_score": not self[f"satisfaction_{dimension}_count"]
                for dimension in SATISFACTION_DIMENSIONS
            },
        }
        value = self[field_name]
        if empty[field_name]:
            return "—"
        if field_name.endswith("_score"):
            return formatLang(self.env, value, digits=1)
        if field_name == "loyalty_lift":
            return _("%(points)s pp", points=formatLang(self.env, value, digits=1))
        return format_percent(self.env, value * 100)

    def _ranked_evaluation(self, direction):
        """The best ("desc") or weakest ("asc") evaluated event of the report, in one query."""
        self.ensure_one()
        return self.env["event.evaluation"].search(
            self._evaluation_domain(), order=f"overall_score {direction}, id", limit=1
        )

    def _format_satisfaction(self):
        """Average satisfaction as report text with one decimal; "—" without any."""
        self.ensure_one()
        if not self.satisfaction_score:
            return "—"
        return formatLang(self.env, self.satisfaction_score, digits=1)

    def _format_roi(self):
        """ROI as report text ("12.5 %"); "—" without costs."""
        self.ensure_one()
        if not self.cost_amount:
            return "—"
        return format_percent(self.env, self.roi * 100)

    def _club_target_period(self, target):
        """The period of a club target: its quarter, or the whole year."""
        return self._quarter_label(target.quarter) if target.quarter else _("Whole year")

    def _format_completion(self, target):
        """A club target's completion ("75 %"), or "—" without a target."""
        if not target.target_value:
            return "—"
        return f"{target.completion:.0f} %"

    def _quarter_label(self, quarter):
        """The name of a quarter ("Q3") in the language of the context; "—" for none."""
        labels = dict(
            self.env["event.evaluation"]._fields["quarter"]._description_selection(self.env)
        )
        return labels.get(quarter) or "—"

    def _get_type_quarter_table(self):
        """{(event type, quarter): evaluated events} of this yearly report, in one query."""
        self.ensure_one()
        return {
            (event_type, quarter): count
            for event_type, quarter, count in self.env["event.evaluation"]._read_group(
                self._evaluation_domain(), ["event_type_id", "quarter"], ["__count"]
            )
        }

    def _transition_refusal(self, field_names):
        return UserError(_("Use the Submit and Review buttons to change the report's status."))

    def write(self, vals):
        locked = self.filtered(lambda r: r.state == "reviewed")
        if locked and not self._in_transition():
            raise UserError(
                _(
                    "%(report)s is reviewed and locked: ask a reviewer to reset it to draft.",
                    report=locked[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for report in self.filtered(lambda report: report.state != "draft"):
            raise UserError(
                _(
                    "%(report)s has been submitted and is kept as history: it cannot be "
                    "deleted. Headquarters can send it back to draft if it must be redone.",
                    report=report.display_name,
                )
            )

    def action_export_xlsx(self):
        """Download the yearly report as a workbook, streamed (no attachment is kept)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/event_evaluation/annual/{self.id}/xlsx",
            "target": "self",
        }

    def action_submit(self):
        self.env["event.evaluation"]._check_group("event_evaluation.group_evaluator", _("submit"))
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("Only draft yearly reports can be submitted."))
        self._transition_write({"state": "submitted", "submitted_by_id": self.env.uid})
        self.activity_feedback(["event_evaluation.mail_activity_type_annual_due"])
        return True

    def _check_headquarters(self, action):
        """The yearly report is headquarters' to review (年度评价报告报集团审核)."""
        if not self.env.user.has_group("client_events.group_headquarters"):
            raise AccessError(
                _(
                    "Only headquarters can %(action)s the yearly report %(report)s: the "
                    "region sends it to them.",
                    action=action,
                    report=", ".join(self.mapped("display_name")),
                )
            )

    def action_review(self):
        self._check_headquarters(_("review"))
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(_("Only submitted yearly reports can be marked reviewed."))
        own = self.filtered(lambda r: self.env.user in (r.submitted_by_id | r.user_id))
        if own:
            raise AccessError(
                _(
                    "You wrote or submitted the yearly report %(report)s, so you cannot "
                    "review it: another person of headquarters must.",
                    report=", ".join(own.mapped("display_name")),
                )
            )
        self._transition_write({"state": "reviewed", "reviewed_by_id": self.env.uid})
        return True

    def action_reset_draft(self):
        self._check_headquarters(_("send back"))
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(
                _(
                    "Only submitted yearly reports can be sent back to the region: %(reports)s "
                    "is not waiting for headquarters.",
                    reports=", ".join(
                        self.filtered(lambda r: r.state != "submitted").mapped("display_name")
                    ),
                )
            )
        self._transition_write(
            {"state": "draft", "submitted_by_id": False, "reviewed_by_id": False}
        )
        return True
