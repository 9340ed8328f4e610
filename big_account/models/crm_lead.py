from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    big_account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        compute="_compute_big_account",
        groups="big_account.group_member",
    )
    big_account_tier = fields.Selection(
        [("a", "Tier A"), ("b", "Tier B"), ("c", "Tier C")],
        string="Key Account Tier",
        compute="_compute_big_account",
        groups="big_account.group_member",
    )

    @api.depends_context("uid")
    def _compute_big_account(self):
        # Searched with the user's rights: the profile is confidential to its team.
        accounts = self.env["big.account"].search(
            [("partner_id", "in", self.partner_id.commercial_partner_id.ids)]
        )
        by_partner = {account.partner_id: account for account in accounts}
        for lead in self:
            account = by_partner.get(
                lead.partner_id.commercial_partner_id, self.env["big.account"]
            )
            lead.big_account_id = account
            lead.big_account_tier = account.tier
