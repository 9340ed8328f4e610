from odoo import _, api, fields, models
from odoo.exceptions import UserError

LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


def risk_level(score, company):
    """Level of a likelihood x impact score under the company's thresholds."""
    if score >= company.risk_high_score:
        return "high"
    if score >= company.risk_medium_score:
        return "medium"
    return "low"


class EventRisk(models.Model):
    """A line of an event's risk register (风险识别与评估)."""

    _name = "event.risk"
    _description = "Event Risk"
    _inherit = ["mail.thread", "client_events.transition.mixin"]
    _order = "score desc, id"
    _transition_fields = frozenset({"state"})  # Mitigate, Close and Reopen write it
    _check_company_auto = True

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="event_id.company_id", store=True, index=True, precompute=True
    )
    risk_type_id = fields.Many2one("event.risk.type", required=True)
    name = fields.Char(string="Risk", required=True, tracking=True)
    description = fields.Text()
    likelihood = fields.Integer(
        required=True, default=3, tracking=True, help="1 (rare) to 5 (almost certain)."
    )
    impact = fields.Integer(
        required=True, default=3, tracking=True, help="1 (negligible) to 5 (severe)."
    )
    score = fields.Integer(
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="max",
        help="Likelihood multiplied by impact, from 1 to 25.",
    )
    level = fields.Selection(
        LEVELS,
        compute="_compute_level",
        store=True,
        precompute=True,
        tracking=True,
        help="From the score and the thresholds in Settings.",
    )
    mitigation = fields.Text(
        tracking=True, help="How the risk is prevented or contained; required for high risks."
    )
    owner_id = fields.Many2one("res.users", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("mitigated", "Mitigated"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    # Not readonly: the event form must send it back with the lines it copied.
    from_template = fields.Boolean(help="Copied from the event type's risk template.")
    incident_ids = fields.One2many("event.incident", "risk_id", string="Incidents")
    is_realised = fields.Boolean(
        compute="_compute_is_realised", help="An incident of the event realised this risk."
    )

    _sql_constraints = [
        ("likelihood_range", "CHECK(likelihood BETWEEN 1 AND 5)", "Likelihood goes from 1 to 5."),
        ("impact_range", "CHECK(impact BETWEEN 1 AND 5)", "Impact goes from 1 to 5."),
    ]

    @api.depends("likelihood", "impact")
    def _compute_score(self):
        for risk in self:
            risk.score = risk.likelihood * risk.impact

    @api.depends("score", "company_id.risk_medium_score", "company_id.risk_high_score")
    def _compute_level(self):
        for risk in self:
            company = risk.company_id or risk.event_id.company_id or self.env.company
            risk.level = risk_level(risk.score, company)

    @api.depends("incident_ids")
    def _compute_is_realised(self):
        for risk in self:
            risk.is_realised = bool(risk.incident_ids)

    def action_mitigate(self):
        for risk in self:
            if risk.state != "open":
                raise UserError(
                    _(
                        "The risk “%(risk)s” is not open: only open risks can be mitigated.",
                        risk=risk.name,
                    )
                )
            if not (risk.mitigation or "").strip():
                raise UserError(
                    _(
                        "Describe the mitigation of the risk “%(risk)s” before marking it "
                        "mitigated.",
                        risk=risk.name,
                    )
                )
        self._transition_write({"state": "mitigated"})

    def action_close(self):
        if self.filtered(lambda r: r.state == "closed"):
            raise UserError(_("These risks are closed already."))
        self._transition_write({"state": "closed"})

    def action_reopen(self):
        self._transition_write({"state": "open"})
