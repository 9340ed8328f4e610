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
METRIC_SNAPSHOT_FIELDS = (*METRIC_FIELDS, "metrics_date")


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
}


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
    _transition_fields = frozenset({"state", "submitted_by_id", "metrics_date", *METRIC_FIELDS})
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
                        "%(rate)s = CASE WHEN %(denominator)s = 0 THEN NULL ELSE %(rate)s END",
                        rate=SQL.identifier(rate),
                        denominator=SQL.identifier(denominator),
                    )
                    for rate, denominator in RATE_DENOMINATORS.items()
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
        invited = {
            event.id: count
            for event, count in self.env["event.registration"]
            .sudo()
            ._read_group(
                [("event_id", "in", events.ids), ("invited_date", "!=", False)],
                ["event_id"],
                ["__count"],
            )
        }
        intentions = {
            event.id: count
            for event, count in self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("event_id", "in", events.ids),
                    ("state", "!=", "cancel"),
                    ("interest_level", "=", "intention"),
                ],
                ["event_id"],
                ["__count"],
            )
        }
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
        leads = {
            event.id: count
            for event, count in self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("event_id", "in", events.ids)], ["event_id"], ["__count"])
        }
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
                "satisfaction_score": (ratings.get(event.id, score) if response_count else False),
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
        """{event id: average 0-100 of the answers to rating questions}, in fixed queries.

        Only events whose feedback survey marks rating questions get an entry.
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
            total, weight = totals.get(user_input.event_id.id, (0.0, 0))
            percentage = question._rating_percentage(value_scale, answer_score)
            totals[user_input.event_id.id] = (total + percentage * count, weight + count)
        return {event_id: total / weight for event_id, (total, weight) in totals.items()}

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
                    state=dict(self._fields["state"].selection)[wrong[0].state],
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
        return self[field_name] if self[RATE_DENOMINATORS[field_name]] else False

    def _format_rate(self, field_name):
        """Rate or score as text for reports, rounded to one decimal; "—" when it is empty.

        Amounts per attendee or per lead carry the currency; the text follows the
        language of the context.
        """
        value = self._get_rate(field_name)
        if value is False:
            return "—"
        if field_name == "satisfaction_score":
            return formatLang(self.env, value, digits=1)
        if field_name in ("cost_per_attendee", "cost_per_lead"):
            return self.currency_id.format(value)
        return format_percent(self.env, value * 100)

    def _format_score(self):
        """The overall score as report text, rounded to one decimal."""
        self.ensure_one()
        return formatLang(self.env, self.overall_score, digits=1)
