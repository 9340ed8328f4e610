from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "score desc, id"
    # Mitigate, Close and Reopen write the state; the check-ups count from the day the
    # risk was registered, which nobody moves afterwards
    _transition_fields = frozenset({"state", "date_registered"})
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
    owner_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=lambda self: self.env["res.users"]._planner_domain(),
        help="A planner, who follows the risk up and records its check-ups.",
    )
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

    # periodic check-ups of the mitigation (定期检查)
    checkup_ids = fields.One2many("event.risk.checkup", "risk_id", string="Check-ups")
    date_registered = fields.Date(
        string="Registered On",
        default=fields.Date.context_today,
        readonly=True,
        copy=False,
        help="The first check-up is due a cadence after this day.",
    )
    last_checkup_date = fields.Date(
        compute="_compute_checkup_due_date", store=True, string="Last Check-up"
    )
    checkup_due_date = fields.Date(
        compute="_compute_checkup_due_date",
        store=True,
        string="Next Check-up",
        help="Open high and medium risks are checked every so many days (Settings), from "
        "the last check-up or from when the risk was registered.",
    )
    is_checkup_overdue = fields.Boolean(
        compute="_compute_is_checkup_overdue",
        search="_search_is_checkup_overdue",
        string="Check-up Overdue",
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

    @api.depends(
        "state", "level", "date_registered", "checkup_ids.date", "company_id.risk_checkup_days"
    )
    def _compute_checkup_due_date(self):
        for risk in self:
            risk.last_checkup_date = max(risk.checkup_ids.mapped("date"), default=False)
            start = risk.last_checkup_date or risk.date_registered
            if risk.state == "open" and risk.level in ("medium", "high") and start:
                cadence = (risk.company_id or self.env.company).risk_checkup_days
                risk.checkup_due_date = start + timedelta(days=cadence)
            else:
                risk.checkup_due_date = False

    def _compute_is_checkup_overdue(self):
        today = fields.Date.context_today(self)
        for risk in self:
            risk.is_checkup_overdue = bool(risk.checkup_due_date and risk.checkup_due_date < today)

    def _search_is_checkup_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search is not supported."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("checkup_due_date", "<", today)]
        return ["|", ("checkup_due_date", "=", False), ("checkup_due_date", ">=", today)]

    @api.constrains("owner_id")
    def _check_owner_is_planner(self):
        for risk in self.filtered("owner_id"):
            if not risk.owner_id._is_planner():
                raise ValidationError(
                    _(
                        "%(user)s cannot own %(risk)s: only planners record check-ups of "
                        "risks. Choose a planner, or ask an administrator to give %(user)s "
                        "the Planner role.",
                        user=risk.owner_id.name,
                        risk=risk.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("owner_id"):
            self.activity_reschedule(
                ["client_events.mail_activity_type_risk_checkup"], new_user_id=vals["owner_id"]
            )
        # a risk mitigated, closed or lowered is checked no more
        if {"state", "likelihood", "impact"} & set(vals):
            unchecked = self.filtered(lambda risk: not risk.checkup_due_date)
            if unchecked:
                unchecked.activity_unlink(["client_events.mail_activity_type_risk_checkup"])
        return res

    @api.model
    def _cron_schedule_checkups(self):
        """Give the owner of each open high or medium risk due for a check-up one
        "Risk Check-up" to-do, due on the check-up date: never a second while one waits."""
        risks = self.sudo().search(
            [
                ("checkup_due_date", "<=", fields.Date.context_today(self)),
                ("owner_id.active", "=", True),
            ]
        )
        activity_type = self.env.ref("client_events.mail_activity_type_risk_checkup")
        waiting = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", risks.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        due = risks - risks.browse(waiting.mapped("res_id"))
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for risk in due:
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": risk.id,
                    "activity_type_id": activity_type.id,
                    # in the owner's language
                    "summary": risk.with_context(lang=risk.owner_id.lang).env._(
                        "Check-up: %(risk)s", risk=risk.name
                    ),
                    "date_deadline": risk.checkup_due_date,
                    "user_id": risk.owner_id.id,
                    "automated": True,
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)

    def action_record_checkup(self):
        """Open a new check-up of this risk."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Check-up"),
            "res_model": "event.risk.checkup",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_risk_id": self.id},
        }

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
