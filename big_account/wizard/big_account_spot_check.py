from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class BigAccountSpotCheck(models.TransientModel):
    """A key-account manager opens a spot check (抽查) of an account, on any period,
    at any time, with the reason for it."""

    _name = "big.account.spot.check"
    _description = "Open a Key Account Spot Check"

    account_id = fields.Many2one("big.account", string="Key Account", required=True)
    date_from = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=1),
    )
    date_to = fields.Date(string="Period End", required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True, help="Why the account is checked now.")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    _(
                        "The spot check ends (%(end)s) before it starts (%(start)s): check "
                        "the period.",
                        end=format_date(self.env, wizard.date_to),
                        start=format_date(self.env, wizard.date_from),
                    )
                )

    def action_open(self):
        self.ensure_one()
        self.account_id._check_manager(_("open a spot check of"))
        assessment = self.env["big.account.assessment"].create(
            {
                "account_id": self.account_id.id,
                "kind": "spot",
                "date_from": self.date_from,
                "date_to": self.date_to,
                "spot_reason": self.reason,
            }
        )
        assessment.action_compute()
        return {
            "type": "ir.actions.act_window",
            "res_model": "big.account.assessment",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": assessment.id,
        }
