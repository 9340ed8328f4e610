from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_round, formatLang, is_html_empty

# Metrics taken by _compute_metrics() only, as a snapshot; frozen once submitted.
METRIC_FIELDS = (
    "registered_count",
    "attended_count",
    "no_show_count",
    "attendance_rate",
    "target_participant_count",
    "target_achievement_rate",
    "budget_amount",
    "cost_amount",
    "cost_per_attendee",
    "cost_per_lead",
    "roi",
    "invited_count",
    "intention_count",
    "response_count",
    "response_rate",
    "satisfaction_score",
    "lead_count",
    "won_count",
    "won_revenue",
)
# Results that prove the event paid, taken by _compute_results() with the metrics: a
# compute of their own, so that adding one to existing evaluations leaves the frozen
# metrics of submitted ones alone.
RESULT_FIELDS = (
    "sales_won_amount",
    "sales_target",
    "sales_completion_rate",
    "pipeline_count",
    "pipeline_amount",
    "loyalty_attendee_count",
    "loyalty_control_count",
    "loyalty_has_control",
    "loyalty_attendee_before_rate",
    "loyalty_attendee_after_rate",
    "loyalty_control_before_rate",
    "loyalty_control_after_rate",
    "loyalty_lift",
    "referral_count",
    "referral_rate",
    "satisfaction_content_count",
    "satisfaction_content_score",
    "satisfaction_organisation_count",
    "satisfaction_organisation_score",
    "satisfaction_service_count",
    "satisfaction_service_score",
)
METRIC_SNAPSHOT_FIELDS = (*METRIC_FIELDS, *RESULT_FIELDS, "metrics_date")


# A rate is stored NULL (empty) when its denominator is zero; the ORM reads NULL
# floats as 0.0, so the denominator field tells whether the rate is empty.
RATE_DENOMINATORS = {
    "attendance_rate": "registered_count",
    "target_achievement_rate": "target_participant_count",
    "response_rate": "attended_count",
    "satisfaction_score": "response_count",
    "cost_per_attendee": "attended_count",
    "cost_per_lead": "lead_count",
    "roi": "cost_amount",
    "sales_completion_rate": "sales_target",
    "loyalty_attendee_before_rate": "loyalty_attendee_count",
    "loyalty_attendee_after_rate": "loyalty_attendee_count",
    "loyalty_control_before_rate": "loyalty_control_count",
    "loyalty_control_after_rate": "loyalty_control_count",
    # a lift needs both groups: attendees and invited non-attendees
    "loyalty_lift": ("loyalty_attendee_count", "loyalty_control_count"),
    "referral_rate": "registered_count",
    "satisfaction_content_score": "satisfaction_content_count",
    "satisfaction_organisation_score": "satisfaction_organisation_count",
    "satisfaction_service_score": "satisfaction_service_count",
}
# the satisfaction dimensions of survey.question, each scored on the evaluation
SATISFACTION_DIMENSIONS = ("content", "organisation", "service")


def rate_denominators(field_name):
    """The fields whose zero leaves the rate ``field_name`` empty, as a tuple."""
    denominators = RATE_DENOMINATORS[field_name]
    return denominators if isinstance(denominators, tuple) else (denominators,)


def _ratio(numerator, denominator):
    """A rate whose denominator is zero is empty (False), never 0 nor an error."""
    return numerator / denominator if denominator else False


def format_figure(env, value, digits=1):
    """A figure as report text in the language of ``env``, rounded to ``digits`` decimals.

    Shown without decimals when it is a whole number once rounded (a target of 8, a
    weight of 20), with ``digits`` decimals otherwise (81.4).
    """
    rounded = float_round(value or 0.0, precision_digits=digits)
    return formatLang(env, rounded, digits=0 if rounded == int(rounded) else digits)


def format_percent(env, value):
    """A percentage (75.0 for 75 %) as report text with one decimal: "75.0 %"."""
    return f"{formatLang(env, value, digits=1)} %"


class EventEvaluation(models.Model):
    _name = "event.evaluation"
    _description = "Event Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date_end desc, id desc"
    _rec_name = "event_id"
    # written by the buttons and Refresh Metrics only
    _transition_fields = frozenset(
        {"state", "submitted_by_id", "metrics_date", *METRIC_FIELDS, *RESULT_FIELDS}
    )
    _check_company_auto = True

    event_id = fields.Many2one("event.event", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    event_type_id = fields.Many2one(
        related="event_id.event_type_id", store=True, string="Event Template"
    )
    date_end = fields.Datetime(related="event_id.date_end", store=True, string="Event End")
    date_due = fields.Date(
        string="Due On",
        compute="_compute_date_due",
        store=True,
        help="When the evaluation should be submitted: the event's end plus the days set "
        "in the Events settings.",
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        compute="_compute_quarter",
        store=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    submitted_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="The evaluator who submitted it: another reviewer reviews it.",
    )
    metrics_date = fields.Datetime(
        "Metrics Refreshed On",
        readonly=True,
        copy=False,
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    # participation
    registered_count = fields.Integer(
        "Registered",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    attended_count = fields.Integer(
        "Attended",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    no_show_count = fields.Integer(
        "No-shows",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    attendance_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Attended / registered; empty without registrations.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    invited_count = fields.Integer(
        "Invited",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    target_participant_count = fields.Integer(
        "Target Participants",
        readonly=True,
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    target_achievement_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Attended / target participants of the event.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    # satisfaction
    response_count = fields.Integer(
        "Survey Responses",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    response_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Completed responses / attended.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    satisfaction_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="0-100: average score of the completed responses to the feedback survey.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    # business
    lead_count = fields.Integer(
        "Leads",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    won_count = fields.Integer(
        "Won Opportunities",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    won_revenue = fields.Monetary(
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    intention_count = fields.Integer(
        "Cooperation Intentions",
        readonly=True,
        aggregator="sum",
        help="Attendees who expressed a cooperation intention (合作意向).",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    # cost
    budget_amount = fields.Monetary(
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    cost_amount = fields.Monetary(
        "Actual Cost",
        readonly=True,
        aggregator="sum",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    cost_per_attendee = fields.Monetary(
        readonly=True,
        aggregator="avg",
        help="Actual cost / attended; empty without attendees.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    cost_per_lead = fields.Monetary(
        readonly=True,
        aggregator="avg",
        help="Actual cost / leads; empty without leads.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    roi = fields.Float(
        "ROI",
        readonly=True,
        aggregator="avg",
        help="(Won revenue - actual cost) / actual cost; empty without costs.",
        compute="_compute_metrics",
        store=True,
        precompute=True,
    )
    # results that prove the event paid
    sales_won_amount = fields.Monetary(
        "Sales Won",
        readonly=True,
        aggregator="sum",
        help="Revenue won from the attendees' clients (the attendee's company, or the attendee "
        "himself) from the start of the event to the end of the sales window of the Events "
        "settings (90 days: a win on day 90 after the event's last day counts, on day 91 "
        "not): won opportunities at their expected revenue, and, where Sales is installed, "
        "confirmed sale orders at their untaxed amount in the company's currency. An "
        "opportunity whose own order is counted is not counted again.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    sales_target = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="The sales amount target the event's proposal fixed (目标量化).",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    sales_completion_rate = fields.Float(
        "Sales Completion",
        readonly=True,
        aggregator="avg",
        help="Sales won / sales target (销售额完成率); empty when the proposal fixed no "
        "sales target.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    pipeline_count = fields.Integer(
        "Influenced Opportunities",
        readonly=True,
        aggregator="sum",
        help="Open opportunities (neither won nor lost) of the attendees' clients when the "
        "metrics were refreshed.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    pipeline_amount = fields.Monetary(
        "Influenced Pipeline",
        readonly=True,
        aggregator="sum",
        help="Sum of expected revenue x probability of the open opportunities of the "
        "attendees' clients when the metrics were refreshed.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_attendee_count = fields.Integer(
        "Attendee Clients",
        readonly=True,
        aggregator="sum",
        help="Clients (the attendee's company, or the attendee himself) of whom someone "
        "attended the event: the group whose loyalty is measured.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_control_count = fields.Integer(
        "Control Clients",
        readonly=True,
        aggregator="sum",
        help="Clients invited to the event of whom nobody attended: the control group.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_has_control = fields.Boolean(
        "Has Control Group",
        readonly=True,
        help="Some invited clients did not attend: without them the loyalty lift cannot be "
        "told from what clients would have done anyway, and is not computed.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_attendee_before_rate = fields.Float(
        "Attendees Active Before",
        readonly=True,
        aggregator="avg",
        help="Share of the attendee clients who attended another event, won an opportunity "
        "or confirmed a sale order in the loyalty window (months, Events settings) before "
        "the event's start.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_attendee_after_rate = fields.Float(
        "Attendees Active After",
        readonly=True,
        aggregator="avg",
        help="Share of the attendee clients who attended another event, won an opportunity "
        "or confirmed a sale order in the loyalty window after the event's end.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_control_before_rate = fields.Float(
        "Control Active Before",
        readonly=True,
        aggregator="avg",
        help="The same share as for the attendees, for the invited clients who did not "
        "attend, in the window before the event.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_control_after_rate = fields.Float(
        "Control Active After",
        readonly=True,
        aggregator="avg",
        help="The same share as for the attendees, for the invited clients who did not "
        "attend, in the window after the event.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    loyalty_lift = fields.Float(
        "Loyalty Lift (pp)",
        readonly=True,
        aggregator="avg",
        help="客户忠诚度提升, in percentage points: (attendees active after - attendees active "
        "before) - (control active after - control active before). 10 means attending "
        "made 10 clients in 100 more likely to come back or buy than invited clients who "
        "stayed away. Not computed without attendees or without a control group.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    referral_count = fields.Integer(
        "Referrals",
        readonly=True,
        aggregator="sum",
        help="Registrations (not cancelled) that name the client who referred the guest.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    referral_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Referrals / registered; empty without registrations.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_content_count = fields.Integer(
        "Content Ratings",
        readonly=True,
        aggregator="sum",
        help="Answers to the feedback survey's rating questions on content.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_content_score = fields.Float(
        "Content Satisfaction",
        readonly=True,
        aggregator="avg",
        help="0-100: average of the answers to the feedback survey's rating questions whose "
        "dimension is Content (a 4 on a 1-5 scale is 75); empty without any.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_organisation_count = fields.Integer(
        "Organisation Ratings",
        readonly=True,
        aggregator="sum",
        help="Answers to the feedback survey's rating questions on organisation.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_organisation_score = fields.Float(
        "Organisation Satisfaction",
        readonly=True,
        aggregator="avg",
        help="0-100: average of the answers to the feedback survey's rating questions whose "
        "dimension is Organisation; empty without any.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_service_count = fields.Integer(
        "Service Ratings",
        readonly=True,
        aggregator="sum",
        help="Answers to the feedback survey's rating questions on service.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    satisfaction_service_score = fields.Float(
        "Service Satisfaction",
        readonly=True,
        aggregator="avg",
        help="0-100: average of the answers to the feedback survey's rating questions whose "
        "dimension is Service; empty without any.",
        compute="_compute_results",
        store=True,
        precompute=True,
    )
    # organisation, for the pivot and graph views
    planning_group_id = fields.Many2one(
        related="event_id.planning_group_id", store=True, string="Planning Group"
    )
    # indicators
    line_ids = fields.One2many("event.evaluation.line", "evaluation_id", string="Indicators")
    overall_score = fields.Float(
        compute="_compute_overall_score",
        store=True,
        aggregator="avg",
        help="Weighted achievement of the indicators, each capped at 120 %.",
    )
    # report text
    purpose = fields.Html()
    method = fields.Html()
    achievement_summary = fields.Html("Indicator Achievement")
    problems = fields.Html("Problems Found")
    suggestions = fields.Html("Improvement Suggestions")
    meeting_notes = fields.Html("Wrap-up Meeting Notes")

    _sql_constraints = [
        (
            "event_uniq",
            "unique(event_id)",
            "An event has one evaluation only: open the existing one instead.",
        ),
    ]

    @api.depends()
    def _compute_metrics(self):
        """A snapshot of the event, taken when the evaluation is created and by Refresh
        Metrics (while in draft), never on its own: what was submitted stays."""
        values = self._get_metric_values()
        now = fields.Datetime.now()
        for evaluation in self:
            evaluation.update({**values[evaluation.event_id.id], "metrics_date": now})

    @api.depends()
    def _compute_results(self):
        """Taken with the metrics (Refresh Metrics, creation), never on their own."""
        values = self._get_result_values(self.event_id)
        for evaluation in self:
            evaluation.update(values[evaluation.event_id.id])
            evaluation.referral_rate = _ratio(
                evaluation.referral_count, evaluation.registered_count
            )

    def _store_empty_rates(self):
        """Store the rates without a denominator as empty (NULL), in one UPDATE.

        Odoo stores an empty Float as 0.0, and the pivot's averages would then count
        events that had nothing to measure (no registrations, no responses) as 0 %.
        """
        self.flush_recordset(METRIC_SNAPSHOT_FIELDS)
        if not self.ids:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE event_evaluation SET %s WHERE id IN %s",
                SQL(", ").join(
                    SQL(
                        "%(rate)s = CASE WHEN %(empty)s THEN NULL ELSE %(rate)s END",
                        rate=SQL.identifier(rate),
                        empty=SQL(" OR ").join(
                            SQL("%s = 0", SQL.identifier(denominator))
                            for denominator in rate_denominators(rate)
                        ),
                    )
                    for rate in RATE_DENOMINATORS
                ),
                tuple(self.ids),
            )
        )

    @api.depends("date_end")
    def _compute_quarter(self):
        for evaluation in self:
            month = evaluation.date_end.month if evaluation.date_end else False
            evaluation.quarter = str((month - 1) // 3 + 1) if month else False

    @api.depends("line_ids.achievement", "line_ids.weight")
    def _compute_overall_score(self):
        for evaluation in self:
            lines = evaluation.line_ids.filtered("target")
            weight = sum(lines.mapped("weight"))
            evaluation.overall_score = (
                sum(min(line.achievement, 120.0) * line.weight for line in lines) / weight
                if weight
                else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        evaluations._schedule_due_activity()
        for evaluation in evaluations.filtered(lambda e: not e.line_ids):
            evaluation.line_ids = [
                fields.Command.create(vals)
                for vals in self.env["event.evaluation.line"]._default_lines_vals(
                    evaluation.event_id
                )
            ]
        # the metrics are taken at creation (see _compute_metrics)
        evaluations._store_empty_rates()
        evaluations.line_ids._fill_actuals()
        evaluations._prefill_problems()
        return evaluations

    @api.depends("date_end", "company_id.evaluation_due_days")
    def _compute_date_due(self):
        for evaluation in self:
            evaluation.date_due = evaluation.date_end and fields.Date.add(
                evaluation.date_end.date(), days=evaluation.company_id.evaluation_due_days
            )

    def _schedule_due_activity(self):
        """A to-do for an evaluator of the event's company, due when the evaluation is.

        Without any evaluator in the company nobody gets it: the to-do is never given
        to someone who could not submit the evaluation.
        """
        first_evaluators = {}
        for evaluation in self.filtered(lambda e: e.state == "draft" and e.date_due):
            evaluator = evaluation._get_due_activity_user(first_evaluators)
            if evaluator:
                evaluation.activity_schedule(
                    "event_evaluation.mail_activity_type_evaluation_due",
                    date_deadline=evaluation.date_due,
                    user_id=evaluator.id,
                )

    def _get_due_activity_user(self, first_evaluators=None):
        """The evaluator asked to submit the evaluation, or no user when the company has none.

        Its creator when he is an evaluator of its company, else the company's first
        evaluator: the oldest active internal user of the Evaluator group (reviewers
        included, as the group is implied), whatever the event's planner is.
        ``first_evaluators`` ({company: user}) spares the search for each evaluation
        of a batch.
        """
        self.ensure_one()
        company = self.company_id or self.env.company
        creator = self.create_uid
        if (
            creator.active
            and not creator.share
            and company in creator.company_ids
            and creator.has_group("event_evaluation.group_evaluator")
        ):
            return creator
        return self._first_evaluator(company, first_evaluators)

    @api.model
    def _first_evaluator(self, company, first_evaluators=None):
        """The company's first evaluator: its oldest active internal user of the Evaluator
        group, or no user. ``first_evaluators`` ({company: user}) spares the search for
        each record of a batch."""
        first_evaluators = {} if first_evaluators is None else first_evaluators
        if company not in first_evaluators:
            first_evaluators[company] = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("groups_id", "in", self.env.ref("event_evaluation.group_evaluator").id),
                        ("share", "=", False),
                        ("company_ids", "in", company.id),
                    ],
                    order="id",
                    limit=1,
                )
            )
        return first_evaluators[company]

    def _prefill_problems(self):
        """Start "Problems found" from the event's incidents and risk register.

        Only while the text is empty: what the evaluator wrote is never replaced.
        """
        for evaluation in self.filtered(lambda e: is_html_empty(e.problems)):
            event = evaluation.event_id.sudo()
            if not (event.incident_ids or event.risk_ids):
                continue
            evaluation.problems = evaluation._problems_html(event)

    def _problems_html(self, event):
        severities = dict(
            self.env["event.incident"]._fields["severity"]._description_selection(self.env)
        )
        return self.env["ir.qweb"]._render(
            "event_evaluation.evaluation_problems", {"event": event, "severities": severities}
        )

    def _transition_refusal(self, field_names):
        if "state" in field_names:
            return UserError(
                _("Use the Submit and Review buttons to change the status of an evaluation.")
            )
        return UserError(_("Metrics are filled by Refresh Metrics, not by hand."))

    def write(self, vals):
        if not self._in_transition():
            locked = self.filtered(lambda e: e.state == "reviewed")
            if locked:
                raise UserError(
                    _(
                        "The evaluation of %(event)s is reviewed and locked: "
                        "ask a reviewer to reset it to draft first.",
                        event=locked[0].event_id.display_name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Metrics
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        """Download the evaluations as a workbook, streamed (no attachment is kept)."""
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/event_evaluation/evaluations/xlsx?ids={','.join(map(str, self.ids))}",
            "target": "self",
        }

    def _read_by_event(self, model, events, domain, aggregate="__count", archived=False):
        """{event id: aggregate} of the model's records of these events matching the
        domain, in one grouped query; ``archived`` counts archived records too. As
        superuser: a figure counts what the evaluator may not read one by one
        (another salesperson's leads, say)."""
        Model = self.env[model].sudo()
        if archived:
            Model = Model.with_context(active_test=False)
        groups = Model._read_group(
            [("event_id", "in", events.ids), *domain], ["event_id"], [aggregate]
        )
        return {event.id: value for event, value in groups}

    def action_refresh_metrics(self):
        """Take the metrics of the evaluations in self again, with grouped queries."""
        frozen = self.filtered(lambda e: e.state != "draft")
        if frozen:
            raise UserError(
                _(
                    "The metrics of %(event)s were frozen at submission: "
                    "reset the evaluation to draft to refresh them.",
                    event=frozen[0].event_id.display_name,
                )
            )
        self.check_access("write")
        for fname in METRIC_SNAPSHOT_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)
        self._store_empty_rates()
        self.line_ids._fill_actuals()
        self._prefill_problems()
        return True

    def _get_metric_values(self):
        """Return {event id: metric values} for the events of self, in a fixed query count."""
        events = self.event_id
        now = fields.Datetime.now()
        invited = self._read_by_event(
            "event.registration", events, [("invited_date", "!=", False)]
        )
        intentions = self._read_by_event(
            "event.registration",
            events,
            [("state", "!=", "cancel"), ("interest_level", "=", "intention")],
        )
        registrations = {
            (event.id, state): count
            for event, state, count in self.env["event.registration"]
            .sudo()
            ._read_group(
                [("event_id", "in", events.ids), ("state", "!=", "cancel")],
                ["event_id", "state"],
                ["__count"],
            )
        }
        responses = {
            (event.id, survey.id): (count, score)
            for event, survey, count, score in self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("event_id", "in", events.ids),
                    ("state", "=", "done"),
                    ("test_entry", "=", False),
                ],
                ["event_id", "survey_id"],
                ["__count", "scoring_percentage:avg"],
            )
        }
        ratings = self._get_rating_scores(events)
        leads = self._read_by_event("crm.lead", events, [], archived=True)
        won = {
            event.id: (count, revenue)
            for event, count, revenue in self.env["crm.lead"]
            .sudo()
            ._read_group(
                [("event_id", "in", events.ids), ("stage_id.is_won", "=", True)],
                ["event_id"],
                ["__count", "expected_revenue:sum"],
            )
        }
        result = {}
        for event in events:
            attended = registrations.get((event.id, "done"), 0)
            registered = sum(
                registrations.get((event.id, state), 0) for state in ("draft", "open", "done")
            )
            ended = bool(event.date_end and event.date_end <= now)
            response_count, score = responses.get((event.id, event.survey_id.id), (0, 0.0))
            won_count, won_revenue = won.get(event.id, (0, 0.0))
            target = event.target_participant_count
            cost = event.cost_amount
            lead_count = leads.get(event.id, 0)
            result[event.id] = {
                "target_participant_count": target,
                "target_achievement_rate": _ratio(attended, target),
                "budget_amount": event.budget_amount,
                "registered_count": registered,
                "attended_count": attended,
                "no_show_count": registered - attended if ended else 0,
                "attendance_rate": _ratio(attended, registered),
                "response_count": response_count,
                "response_rate": _ratio(response_count, attended),
                "satisfaction_score": (
                    ratings.get((event.id, False), (score, 0))[0] if response_count else False
                ),
                "lead_count": lead_count,
                "won_count": won_count,
                "won_revenue": won_revenue,
                "invited_count": invited.get(event.id, 0),
                "intention_count": intentions.get(event.id, 0),
                "cost_amount": cost,
                "cost_per_attendee": _ratio(cost, attended),
                "cost_per_lead": _ratio(cost, lead_count),
                "roi": _ratio(won_revenue - cost, cost),
            }
        return result

    def _get_rating_scores(self, events):
        """{(event id, dimension): (average 0-100, answers)} of the answers to rating
        questions, in fixed queries; dimension False is all rating questions together.

        Only events whose feedback survey marks rating questions get entries, and a
        dimension only when some of its rating questions were answered.
        """
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("user_input_id.event_id", "in", events.ids),
                    ("user_input_id.state", "=", "done"),
                    ("user_input_id.test_entry", "=", False),
                    ("question_id.is_rating_question", "=", True),
                    ("skipped", "=", False),
                ],
                ["user_input_id", "question_id", "value_scale", "answer_score"],
                ["__count"],
            )
        )
        totals = {}
        for user_input, question, value_scale, answer_score, count in lines:
            if user_input.survey_id != user_input.event_id.survey_id:
                continue  # an answer to another survey than the event's feedback survey
            percentage = question._rating_percentage(value_scale, answer_score)
            for dimension in {False, question.evaluation_dimension}:
                key = (user_input.event_id.id, dimension)
                total, weight = totals.get(key, (0.0, 0))
                totals[key] = (total + percentage * count, weight + count)
        return {key: (total / weight, weight) for key, (total, weight) in totals.items()}

    def _get_result_values(self, events):
        """{event id: results that prove the event paid}, in a fixed number of queries;
        the referral rate is the caller's, from the registered count.

        Clients are commercial entities: an attendee's company, or the attendee without
        one; registrations without a contact do not name a client. The clients of each
        event are read first and passed to the sales and loyalty queries as arrays, which
        PostgreSQL counts exactly when it plans them.
        """
        self._flush_result_sources()
        sales_targets = self._read_by_event(
            "event.target", events, [("indicator", "=", "sales")], "target:sum"
        )
        referrals = self._read_by_event(
            "event.registration",
            events,
            [("state", "!=", "cancel"), ("referred_by_partner_id", "!=", False)],
        )
        attendees, control = self._get_result_clients(events)
        windows = self._get_result_windows(events)
        sales = self._query_sales_and_pipeline(self._member_arrays(windows, [(True, attendees)]))
        loyalty = self._query_loyalty(
            self._member_arrays(windows, [(True, attendees), (False, control)])
        )
        ratings = self._get_rating_scores(events)
        result = {}
        for event in events:
            won_amount, pipeline_count, pipeline_amount = sales.get(event.id, (0.0, 0, 0.0))
            target = sales_targets.get(event.id, 0.0)
            clients, clients_before, clients_after = loyalty.get((event.id, True), (0, 0, 0))
            others, others_before, others_after = loyalty.get((event.id, False), (0, 0, 0))
            rates = {
                "loyalty_attendee_before_rate": _ratio(clients_before, clients),
                "loyalty_attendee_after_rate": _ratio(clients_after, clients),
                "loyalty_control_before_rate": _ratio(others_before, others),
                "loyalty_control_after_rate": _ratio(others_after, others),
            }
            lift = False
            if clients and others:
                lift = (
                    (rates["loyalty_attendee_after_rate"] - rates["loyalty_attendee_before_rate"])
                    - (rates["loyalty_control_after_rate"] - rates["loyalty_control_before_rate"])
                ) * 100.0
            result[event.id] = {
                "sales_won_amount": won_amount or 0.0,
                "sales_target": target,
                "sales_completion_rate": _ratio(won_amount or 0.0, target),
                "pipeline_count": pipeline_count,
                "pipeline_amount": pipeline_amount or 0.0,
                "loyalty_attendee_count": clients,
                "loyalty_control_count": others,
                "loyalty_has_control": bool(others),
                **rates,
                "loyalty_lift": lift,
                "referral_count": referrals.get(event.id, 0),
            }
            for dimension in SATISFACTION_DIMENSIONS:
                score, answers = ratings.get((event.id, dimension), (False, 0))
                result[event.id][f"satisfaction_{dimension}_count"] = answers
                result[event.id][f"satisfaction_{dimension}_score"] = score
        return result

    def _get_result_clients(self, events):
        """({event id: attendee clients}, {event id: control clients}), in three queries.

        The control group is the clients invited to the event
        (``event.event._get_invited_partner_ids``) of whom nobody attended it.
        """
        self.env.cr.execute(
            SQL(
                """SELECT r.event_id, ARRAY_AGG(DISTINCT p.commercial_partner_id)
                     FROM event_registration r
                     JOIN res_partner p ON p.id = r.partner_id
                    WHERE r.event_id = ANY(%s) AND r.state = 'done'
                    GROUP BY r.event_id""",
                events.ids,
            )
        )
        attendees = {event_id: set(clients) for event_id, clients in self.env.cr.fetchall()}
        invited = events._get_invited_partner_ids()
        self.env.cr.execute(
            SQL(
                "SELECT id, commercial_partner_id FROM res_partner WHERE id = ANY(%s)",
                list(set().union(*invited.values())),
            )
        )
        commercial = dict(self.env.cr.fetchall())
        control = {}
        for event_id, partner_ids in invited.items():
            clients = {commercial[pid] for pid in partner_ids if pid in commercial}
            control[event_id] = clients - attendees.get(event_id, set())
        return attendees, control

    def _get_result_windows(self, events):
        """{event id: window values}: the event's company, its start and end, the end of
        its sales window and the start and end of its loyalty window, in UTC.

        The sales window ends at midnight, in the event's time zone, after the last of
        the days of the company's setting counted from the event's last day.
        """
        windows = {}
        for event in events:
            company = event.company_id or self.env.company
            timezone = pytz.timezone(event.date_tz or "UTC")
            last_day = pytz.utc.localize(event.date_end).astimezone(timezone).date()
            sales_stop = timezone.localize(
                datetime.combine(
                    last_day + timedelta(days=company.evaluation_sales_window_days + 1), time.min
                )
            )
            months = relativedelta(months=company.evaluation_loyalty_months)
            windows[event.id] = {
                "company_id": company.id,
                "date_begin": event.date_begin,
                "date_end": event.date_end,
                "sales_stop": sales_stop.astimezone(pytz.utc).replace(tzinfo=None),
                "loyalty_start": event.date_begin - months,
                "loyalty_stop": event.date_end + months,
            }
        return windows

    def _member_arrays(self, windows, groups):
        """Columns (lists) of one row per (event, client, attended) of ``groups``, a list
        of (attended, {event id: clients}), with the event's ``windows`` values."""
        columns = {
            "event_id": [],
            "client_id": [],
            "attended": [],
            **{key: [] for key in next(iter(windows.values()), {})},
        }
        for attended, clients_by_event in groups:
            for event_id, clients in clients_by_event.items():
                for client_id in clients:
                    columns["event_id"].append(event_id)
                    columns["client_id"].append(client_id)
                    columns["attended"].append(attended)
                    for key, value in windows[event_id].items():
                        columns[key].append(value)
        return columns

    def _flush_result_sources(self):
        """Write pending changes of what the result queries read in SQL."""
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["event.event"].flush_model(["date_begin", "company_id"])
        self.env["event.registration"].flush_model(["event_id", "partner_id", "state"])
        self.env["crm.stage"].flush_model(["is_won"])
        self.env["crm.lead"].flush_model(
            ["partner_id", "stage_id", "active", "company_id", "type", "date_closed"]
            + ["expected_revenue", "prorated_revenue"]
        )
        if self._sales_installed():
            self.env["sale.order"].flush_model(
                ["partner_id", "state", "company_id", "date_order", "opportunity_id"]
                + ["amount_untaxed", "currency_rate"]
            )

    def _sales_installed(self):
        """Sale orders count where Sales and its link to opportunities are installed."""
        return "sale.order" in self.env and "opportunity_id" in self.env["sale.order"]._fields

    def _query_sales_and_pipeline(self, columns):
        """{event id: (sales won, open opportunities, weighted pipeline)}: one query over
        the attendee clients of ``columns`` (see ``_member_arrays``)."""
        if not columns["event_id"]:
            return {}
        if self._sales_installed():
            orders = SQL(
                """SELECT DISTINCT c.event_id, o.id AS order_id, o.opportunity_id,
                          o.amount_untaxed / NULLIF(o.currency_rate, 0) AS amount
                     FROM clients c
                     JOIN res_partner op ON op.commercial_partner_id = c.client_id
                     JOIN sale_order o ON o.partner_id = op.id
                    WHERE o.state = 'sale' AND o.company_id = c.company_id
                      AND o.date_order >= c.date_begin AND o.date_order < c.sales_stop"""
            )
        else:
            orders = SQL(
                "SELECT NULL::int AS event_id, NULL::int AS opportunity_id, "
                "NULL::numeric AS amount WHERE FALSE"
            )
        self.env.cr.execute(
            SQL(
                """
                WITH clients AS (
                    SELECT * FROM unnest(%(event_ids)s::int[], %(client_ids)s::int[],
                                         %(company_ids)s::int[], %(begins)s::timestamp[],
                                         %(stops)s::timestamp[])
                        AS c(event_id, client_id, company_id, date_begin, sales_stop)
                ),
                leads AS (
                    SELECT DISTINCT c.event_id, l.id AS lead_id, l.expected_revenue,
                           l.prorated_revenue, COALESCE(s.is_won, FALSE) AS is_won,
                           l.type, l.date_closed, c.date_begin, c.sales_stop
                      FROM clients c
                      JOIN res_partner lp ON lp.commercial_partner_id = c.client_id
                      JOIN crm_lead l ON l.partner_id = lp.id
                      LEFT JOIN crm_stage s ON s.id = l.stage_id
                     WHERE l.active AND (l.company_id IS NULL OR l.company_id = c.company_id)
                ),
                orders AS (%(orders)s),
                figures AS (
                    SELECT event_id, 'sale' AS kind, amount FROM orders
                    UNION ALL
                    SELECT l.event_id, 'sale', l.expected_revenue
                      FROM leads l
                     WHERE l.is_won
                       AND l.date_closed >= l.date_begin AND l.date_closed < l.sales_stop
                       AND NOT EXISTS (
                           SELECT 1 FROM orders o
                            WHERE o.event_id = l.event_id AND o.opportunity_id = l.lead_id
                       )
                    UNION ALL
                    SELECT l.event_id, 'pipeline', l.prorated_revenue
                      FROM leads l
                     WHERE NOT l.is_won AND l.type = 'opportunity'
                )
                SELECT event_id,
                       SUM(amount) FILTER (WHERE kind = 'sale'),
                       COUNT(*) FILTER (WHERE kind = 'pipeline'),
                       SUM(amount) FILTER (WHERE kind = 'pipeline')
                  FROM figures
                 GROUP BY event_id
                """,
                event_ids=columns["event_id"],
                client_ids=columns["client_id"],
                company_ids=columns["company_id"],
                begins=columns["date_begin"],
                stops=columns["sales_stop"],
                orders=orders,
            )
        )
        return {event_id: tuple(values) for event_id, *values in self.env.cr.fetchall()}

    def _query_loyalty(self, columns):
        """{(event id, attended): (clients, active before, active after)}: one query.

        ``columns`` (see ``_member_arrays``) hold the attendee group (attended True) and
        the control group (attended False) of each event. A client is active in a window
        when he attended another event starting in it, won an opportunity closed in it or
        confirmed a sale order dated in it.
        """
        if not columns["event_id"]:
            return {}
        orders = SQL()
        if self._sales_installed():
            orders = SQL(
                """UNION ALL
                   SELECT p.commercial_partner_id, o.date_order, NULL::int, o.company_id
                     FROM sale_order o
                     JOIN res_partner p ON p.id = o.partner_id
                    WHERE o.state = 'sale' AND p.commercial_partner_id = ANY(%s)""",
                list(set(columns["client_id"])),
            )
        self.env.cr.execute(
            SQL(
                """
                WITH members AS (
                    SELECT * FROM unnest(%(event_ids)s::int[], %(client_ids)s::int[],
                                         %(attended)s::bool[], %(company_ids)s::int[],
                                         %(begins)s::timestamp[], %(ends)s::timestamp[],
                                         %(starts)s::timestamp[], %(stops)s::timestamp[])
                        AS m(event_id, client_id, attended, company_id, date_begin,
                             date_end, loyalty_start, loyalty_stop)
                ),
                activity AS (
                    SELECT p.commercial_partner_id AS client_id, e.date_begin AS date,
                           r.event_id, e.company_id
                      FROM event_registration r
                      JOIN event_event e ON e.id = r.event_id
                      JOIN res_partner p ON p.id = r.partner_id
                     WHERE r.state = 'done' AND p.commercial_partner_id = ANY(%(clients)s)
                    UNION ALL
                    SELECT p.commercial_partner_id, l.date_closed, NULL::int, l.company_id
                      FROM crm_lead l
                      JOIN crm_stage s ON s.id = l.stage_id
                      JOIN res_partner p ON p.id = l.partner_id
                     WHERE s.is_won AND l.active AND p.commercial_partner_id = ANY(%(clients)s)
                    %(orders)s
                ),
                per_client AS (
                    SELECT m.event_id, m.attended, m.client_id,
                           BOOL_OR(a.date < m.date_begin) AS before_active,
                           BOOL_OR(a.date >= m.date_end) AS after_active
                      FROM members m
                      LEFT JOIN activity a
                        ON a.client_id = m.client_id
                       AND a.date >= m.loyalty_start AND a.date < m.loyalty_stop
                       AND (a.date < m.date_begin OR a.date >= m.date_end)
                       AND a.event_id IS DISTINCT FROM m.event_id
                       AND (a.company_id IS NULL OR a.company_id = m.company_id)
                     GROUP BY m.event_id, m.attended, m.client_id
                )
                SELECT event_id, attended, COUNT(*),
                       COUNT(*) FILTER (WHERE before_active),
                       COUNT(*) FILTER (WHERE after_active)
                  FROM per_client
                 GROUP BY event_id, attended
                """,
                event_ids=columns["event_id"],
                client_ids=columns["client_id"],
                attended=columns["attended"],
                company_ids=columns["company_id"],
                begins=columns["date_begin"],
                ends=columns["date_end"],
                starts=columns["loyalty_start"],
                stops=columns["loyalty_stop"],
                clients=list(set(columns["client_id"])),
                orders=orders,
            )
        )
        return {
            (event_id, attended): tuple(values)
            for event_id, attended, *values in self.env.cr.fetchall()
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for evaluation in self.filtered(lambda evaluation: evaluation.state != "draft"):
            raise UserError(
                _(
                    "The evaluation of %(event)s is %(state)s and kept as history: it cannot be "
                    "deleted. A reviewer can reset it to draft if it must be redone.",
                    event=evaluation.event_id.display_name,
                    state=states[evaluation.state],
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_group(self, group, action):
        if not self.env.user.has_group(group):
            raise AccessError(
                _(
                    "Only members of %(group)s may %(action)s evaluations: "
                    "ask one of them to do it.",
                    group=self.env.ref(group).name,
                    action=action,
                )
            )

    def _check_state(self, state, action):
        wrong = self.filtered(lambda e: e.state != state)
        if wrong:
            raise UserError(
                _(
                    "The evaluation of %(event)s is %(state)s and cannot be %(action)s now.",
                    event=wrong[0].event_id.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                    action=action,
                )
            )

    def action_submit(self):
        """Refresh and freeze the metrics, then ask the reviewers to review."""
        self._check_group("event_evaluation.group_evaluator", _("submit"))
        self._check_state("draft", _("submitted"))
        running = self.filtered(lambda e: e.date_end and e.date_end > fields.Datetime.now())
        if running:
            raise UserError(
                _(
                    "%(event)s has not ended yet: submit its evaluation once it is over "
                    "(its figures can be refreshed meanwhile).",
                    event=running[0].event_id.display_name,
                )
            )
        self.action_refresh_metrics()
        self._transition_write({"state": "submitted", "submitted_by_id": self.env.uid})
        self.activity_feedback(["event_evaluation.mail_activity_type_evaluation_due"])
        reviewers = self.env.ref("event_evaluation.group_reviewer").users.filtered(
            lambda user: not user.share and user.active
        )
        for evaluation in self:
            for reviewer in reviewers.filtered(
                lambda user, e=evaluation: e.company_id in user.company_ids
            ):
                evaluation.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("Review the evaluation"),
                    user_id=reviewer.id,
                )
        return True

    def action_review(self):
        self._check_group("event_evaluation.group_reviewer", _("review"))
        self._check_state("submitted", _("reviewed"))
        own = self.filtered(lambda evaluation: evaluation.submitted_by_id == self.env.user)
        if own:
            raise AccessError(
                _(
                    "You submitted the evaluation of %(event)s: another reviewer must review it.",
                    event=own[0].event_id.display_name,
                )
            )
        self._transition_write({"state": "reviewed"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_reset_draft(self):
        self._check_group("event_evaluation.group_reviewer", _("reset"))
        # handed over to headquarters, the report is part of the region's archive
        self.event_id._check_archive_not_handed_over()
        self._transition_write({"state": "draft", "submitted_by_id": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.model
    def _cron_create_evaluations(self):
        """Create and fill the evaluation of every ended event whose type requires approval."""
        events = self.env["event.event"].search(
            [
                ("approval_required", "=", True),
                ("date_end", "<", fields.Datetime.now()),
                ("evaluation_ids", "=", False),
            ]
        )
        return self.create([{"event_id": event.id} for event in events])

    def _get_rate(self, field_name):
        """Value of a rate or score, or False when its denominator is zero."""
        self.ensure_one()
        if not all(self[denominator] for denominator in rate_denominators(field_name)):
            return False
        return self[field_name]

    def _format_rate(self, field_name):
        """Rate or score as text for reports, rounded to one decimal; "—" when it is empty.

        Amounts per attendee or per lead carry the currency; the text follows the
        language of the context.
        """
        value = self._get_rate(field_name)
        if value is False:
            return "—"
        if field_name.endswith("_score"):
            return formatLang(self.env, value, digits=1)
        if field_name == "loyalty_lift":
            return _("%(points)s pp", points=formatLang(self.env, value, digits=1))
        if field_name in ("cost_per_attendee", "cost_per_lead"):
            return self.currency_id.format(value)
        return format_percent(self.env, value * 100)

    def _format_score(self):
        """The overall score as report text, rounded to one decimal."""
        self.ensure_one()
        return formatLang(self.env, self.overall_score, digits=1)
