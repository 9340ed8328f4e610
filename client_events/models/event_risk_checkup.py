from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class EventRiskCheckup(models.Model):
    """How the mitigation of a risk is going, as its owner found it (定期检查)."""

    _name = "event.risk.checkup"
    _description = "Risk Check-up"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "risk_id"

    risk_id = fields.Many2one("event.risk", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="risk_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Checked By", required=True, default=lambda self: self.env.user
    )
    status = fields.Selection(
        [("on_track", "On Track"), ("delayed", "Delayed"), ("done", "Done")],
        required=True,
        default="on_track",
        help="Done: the mitigation is carried out, and the risk is marked mitigated.",
    )
    note = fields.Text(help="What was done since the last check-up, what is late and why.")

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for checkup in self.filtered(lambda c: c.date > today):
            raise ValidationError(
                _(
                    "The check-up of the risk “%(risk)s” cannot be dated in the future: "
                    "record it on the day it took place.",
                    risk=checkup.risk_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # a check-up is the recording user's own finding
        vals_list = [{**vals, "user_id": self.env.uid} for vals in vals_list]
        checkups = super().create(vals_list)
        checkups._check_may_record()
        risks = checkups.risk_id
        risks.activity_feedback(
            ["client_events.mail_activity_type_risk_checkup"],
            feedback=_("Check-up recorded."),
        )
        # the mitigation is carried out: the risk is mitigated, and checked no more
        checkups.filtered(
            lambda c: c.status == "done" and c.risk_id.state == "open"
        ).risk_id.action_mitigate()
        return checkups

    def write(self, vals):
        """What a check-up found stays as it was recorded: only its author adds to its
        note (the next check-up date and headquarters' overdue list depend on it)."""
        if set(vals) - {"note"} or any(c.user_id != self.env.user for c in self):
            raise UserError(
                _(
                    "The check-ups of %(risks)s are kept as recorded: record a new check-up "
                    "instead (only its author may add to a check-up's note).",
                    risks=", ".join(self.risk_id.mapped("name")),
                )
            )
        return super().write(vals)

    def _check_may_record(self):
        """The owner of an open risk, or headquarters, records its check-ups."""
        is_headquarters = self.env.su or self.env.user.has_group(
            "client_events.group_headquarters"
        )
        for checkup in self:
            risk = checkup.risk_id
            if risk.state == "closed":
                raise UserError(
                    _(
                        "The risk “%(risk)s” is closed: reopen it before recording a check-up.",
                        risk=risk.name,
                    )
                )
            if risk.owner_id and risk.owner_id != self.env.user and not is_headquarters:
                raise AccessError(
                    _(
                        "Only %(owner)s, the owner of the risk “%(risk)s”, or headquarters "
                        "records its check-ups.",
                        owner=risk.owner_id.name,
                        risk=risk.name,
                    )
                )
