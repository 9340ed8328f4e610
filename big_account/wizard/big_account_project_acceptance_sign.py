from odoo import api, fields, models

from ..models.big_account_project_acceptance import VERDICTS


class BigAccountProjectAcceptanceSign(models.TransientModel):
    _name = "big.account.project.acceptance.sign"
    _description = "Upload the Acceptance Report the Client Signed"

    acceptance_id = fields.Many2one(
        "big.account.project.acceptance", required=True, ondelete="cascade"
    )
    signed_report = fields.Binary(required=True)
    signed_report_filename = fields.Char()
    signed_by = fields.Char(
        compute="_compute_signed_by",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="The name of the client's representative who signed the report.",
    )
    signed_on = fields.Date(required=True, default=fields.Date.context_today)
    verdict = fields.Selection(
        VERDICTS,
        compute="_compute_verdict",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="The verdict the client ticked on the signed report.",
    )
    client_comment = fields.Text(
        string="Client's Conclusion",
        compute="_compute_client_comment",
        store=True,
        precompute=True,
        readonly=False,
    )

    # one compute per field: a value given for one must not keep the others from computing
    @api.depends("acceptance_id")
    def _compute_signed_by(self):
        for wizard in self:
            wizard.signed_by = wizard.acceptance_id.partner_id.name

    @api.depends("acceptance_id")
    def _compute_verdict(self):
        for wizard in self:
            wizard.verdict = wizard.acceptance_id.verdict

    @api.depends("acceptance_id")
    def _compute_client_comment(self):
        for wizard in self:
            wizard.client_comment = wizard.acceptance_id.client_comment

    def action_confirm(self):
        self.ensure_one()
        self.acceptance_id._sign_uploaded(
            self.signed_report,
            self.signed_report_filename,
            self.signed_by,
            self.signed_on,
            self.verdict,
            self.client_comment,
        )
        return {"type": "ir.actions.act_window_close"}
