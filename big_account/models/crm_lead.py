from odoo import api, fields, models

from .big_account import TIERS


class CrmLead(models.Model):
    _inherit = "crm.lead"

    big_account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        compute="_compute_big_account",
        groups="big_account.group_member",
    )
    big_account_tier = fields.Selection(
        TIERS,
        string="Key Account Tier",
        compute="_compute_big_account",
        groups="big_account.group_member",
    )

    @api.depends_context("uid")
    def _compute_big_account(self):
        by_partner = self.env["big.account"]._by_commercial_partner(self.partner_id)
        for lead in self:
            account = by_partner.get(
                lead.partner_id.commercial_partner_id, self.env["big.account"]
            )
            lead.big_account_id = account
            lead.big_account_tier = account.tier
