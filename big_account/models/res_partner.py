from odoo import api, fields, models

from .big_account import TIERS


class ResPartner(models.Model):
    _inherit = "res.partner"

    big_account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        compute="_compute_big_account",
        groups="big_account.group_member",
        help="Key-account profile of this company, when you are allowed to see it.",
    )
    big_account_tier = fields.Selection(
        TIERS,
        string="Key Account Tier",
        compute="_compute_big_account",
        groups="big_account.group_member",
    )

    @api.depends_context("uid")
    def _compute_big_account(self):
        by_partner = self.env["big.account"]._by_commercial_partner(self)
        for partner in self:
            account = by_partner.get(partner.commercial_partner_id, self.env["big.account"])
            partner.big_account_id = account
            partner.big_account_tier = account.tier

    def action_view_big_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "big.account",
            "view_mode": "form",
            "res_id": self.big_account_id.id,
        }

    def _client_get_measures(self, clients, date_from):
        """The complaints of the clients: those received from their key accounts over
        the period, whatever became of them."""
        measures = super()._client_get_measures(clients, date_from)
        self.env.cr.execute(
            """
            SELECT p.commercial_partner_id, count(*)
              FROM big_account_complaint c
              JOIN big_account a ON a.id = c.account_id
              JOIN res_partner p ON p.id = a.partner_id
             WHERE c.date_received >= %s
             GROUP BY 1
            """,
            [date_from],
        )
        for client_id, count in self.env.cr.fetchall():
            if client_id in measures:
                measures[client_id]["complaints"] += count
        return measures
