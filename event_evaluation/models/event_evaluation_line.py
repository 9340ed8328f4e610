from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang

from .event_evaluation import format_figure, format_percent

STANDARD_INDICATORS = [
    # (indicator, metric giving the actual, default weight)
    ("participation", "attended_count", 20.0),
    ("attendance", "attendance_rate", 20.0),
    ("satisfaction", "satisfaction_score", 30.0),
    ("leads", "lead_count", 15.0),
    ("won_revenue", "won_revenue", 15.0),
]
# Indicators whose target the proposal fixed before the event (目标量化):
# evaluation indicator -> proposal target indicator.
PROPOSAL_TARGETS = {"leads": "leads", "won_revenue": "sales", "satisfaction": "satisfaction"}
# Indicators where less is better: achievement is target / actual.
LOWER_IS_BETTER = {"cost_per_attendee": "cost_per_attendee"}
# Units of the indicators, for the reports: the others are plain figures.
MONEY_INDICATORS = {"won_revenue", "cost_per_attendee"}
COUNT_INDICATORS = {"participation", "leads"}
PERCENT_INDICATORS = {"attendance"}
INDICATOR_SELECTION = [
    ("participation", "Participation (attendees)"),
    ("attendance", "Attendance Rate (%)"),
    ("satisfaction", "Satisfaction (0-100)"),
    ("leads", "Leads"),
    ("won_revenue", "Won Revenue"),
    ("cost_per_attendee", "Cost per Attendee"),
    ("custom", "Custom"),
]


class EventEvaluationLine(models.Model):
    _name = "event.evaluation.line"
    _description = "Event Evaluation Indicator"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "event.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    indicator = fields.Selection(INDICATOR_SELECTION, required=True, default="custom")
    name = fields.Char("Description")
    target = fields.Float()
    target_fixed = fields.Boolean(
        string="Target from the Proposal",
        compute="_compute_target_fixed",
        help="The proposal fixed this target before the event: the evaluation measures "
        "against it and cannot change it.",
    )
    actual = fields.Float()
    weight = fields.Float(default=10.0)
    achievement = fields.Float(
        "Achievement (%)",
        compute="_compute_achievement",
        store=True,
        help="Actual / target; empty without a target.",
    )

    _sql_constraints = [
        ("weight_positive", "CHECK(weight >= 0)", "An indicator's weight cannot be negative."),
        ("target_positive", "CHECK(target >= 0)", "An indicator's target cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_evaluation_editable()
        return lines

    def write(self, vals):
        self._check_evaluation_editable()
        if "target" in vals:
            fixed = self.filtered(
                lambda line: line.target_fixed and line._proposal_target() != vals["target"]
            )
            if fixed:
                raise UserError(
                    _(
                        "The %(indicator)s target of %(event)s was fixed by its approved "
                        "proposal: it is measured, not changed after the event.",
                        indicator=dict(self._fields["indicator"]._description_selection(self.env))[
                            fixed[0].indicator
                        ],
                        event=fixed[0].evaluation_id.event_id.display_name,
                    )
                )
        return super().write(vals)

    def unlink(self):
        self._check_evaluation_editable()
        return super().unlink()

    def _check_evaluation_editable(self):
        locked = self.evaluation_id.filtered(lambda e: e.state == "reviewed")
        if locked:
            raise UserError(
                _(
                    "The evaluation of %(event)s is reviewed and locked: "
                    "ask a reviewer to reset it to draft before changing its indicators.",
                    event=locked[0].event_id.display_name,
                )
            )

    @api.depends("indicator", "evaluation_id.event_id.target_ids.target")
    def _compute_target_fixed(self):
        for line in self:
            line.target_fixed = bool(line._proposal_target())

    def _proposal_target(self):
        """The target the event's proposal fixed for this indicator, or 0."""
        self.ensure_one()
        indicator = PROPOSAL_TARGETS.get(self.indicator)
        targets = self.evaluation_id.event_id.target_ids
        return sum(targets.filtered(lambda t: t.indicator == indicator).mapped("target"))

    @api.depends("indicator", "target", "actual")
    def _compute_achievement(self):
        for line in self:
            if line.indicator in LOWER_IS_BETTER:
                # spending less than the target per attendee is over-achieving
                line.achievement = (
                    line.target / line.actual * 100.0 if line.target and line.actual else False
                )
            else:
                line.achievement = line.actual / line.target * 100.0 if line.target else False

    def _format_figure(self, field_name):
        """The target or actual of the indicator as report text, in its unit.

        Amounts carry the currency, counts are whole numbers, rates and scores have
        one decimal; a target that is not set is "—".
        """
        self.ensure_one()
        value = self[field_name]
        if field_name == "target" and not value:
            return "—"
        if self.indicator in MONEY_INDICATORS:
            return self.evaluation_id.currency_id.format(value)
        if self.indicator in COUNT_INDICATORS:
            return formatLang(self.env, value, digits=0)
        if self.indicator in PERCENT_INDICATORS:
            return format_percent(self.env, value)
        if self.indicator == "satisfaction":
            return formatLang(self.env, value, digits=1)
        return format_figure(self.env, value)

    def _has_achievement(self):
        """Whether the achievement means something: not without a target (nor an actual
        for an indicator where less is better)."""
        self.ensure_one()
        return bool(self.target and (self.indicator not in LOWER_IS_BETTER or self.actual))

    def _format_achievement(self):
        """Achievement as report text ("80.0 %"); "—" without a target."""
        self.ensure_one()
        if not self._has_achievement():
            return "—"
        return format_percent(self.env, self.achievement)

    def _format_weight(self):
        self.ensure_one()
        return format_figure(self.env, self.weight)

    @api.model
    def _default_lines_vals(self, event=None):
        """The event type's indicator template, else the standard indicators."""
        templates = event.event_type_id.evaluation_indicator_ids if event else []
        if templates:
            return [template._prepare_line_values() for template in templates]
        return [
            {"indicator": indicator, "sequence": sequence, "weight": weight}
            for sequence, (indicator, _metric, weight) in enumerate(STANDARD_INDICATORS)
        ]

    def _fill_actuals(self):
        """Copy the metrics into the actuals of the standard indicators: one write()
        per distinct value, not one per line (a refresh of many evaluations writes
        thousands of lines)."""
        metrics = {indicator: metric for indicator, metric, _weight in STANDARD_INDICATORS}
        metrics.update(LOWER_IS_BETTER)
        actuals = defaultdict(list)
        targets = defaultdict(list)

        for line in self.filtered(lambda line: line.indicator in metrics):
            value = line.evaluation_id[metrics[line.indicator]] or 0.0
            if line.indicator == "attendance":
                value *= 100.0
            actuals[value].append(line.id)
            target = line.evaluation_id.target_participant_count
            if line.indicator == "participation" and target and not line.target:
                targets[target].append(line.id)
        for value, ids in actuals.items():
            self.browse(ids).write({"actual": value})
        # the targets the proposal fixed (目标量化) replace whatever was there
        for line in self.filtered(lambda line: line.indicator in PROPOSAL_TARGETS):
            fixed = line._proposal_target()
            if fixed and line.target != fixed:
                targets[fixed].append(line.id)
        for target, ids in targets.items():
            self.browse(ids).write({"target": target})
