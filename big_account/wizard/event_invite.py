from odoo import api, fields, models


class EventInvite(models.TransientModel):
    _inherit = "event.invite"

    big_account_ids = fields.Many2many(
        "big.account",
        string="Key Accounts",
        groups="big_account.group_member",
        help="Invite the contacts of the decision chain of these key accounts. Only the "
        "accounts you serve (or all, for key-account managers) can be chosen.",
    )

    @api.depends(
        "event_id", "partner_ids", "partner_category_ids", "lead_domain", "big_account_ids"
    )
    def _compute_recipients(self):
        return super()._compute_recipients()

    def _get_candidate_partners(self):
        partners = super()._get_candidate_partners()
        if not self.env.user.has_group("big_account.group_member"):
            return partners
        # read with the user's rights: the confidentiality rules decide which
        # accounts and contacts he may invite
        return partners | self.big_account_ids.contact_ids.partner_id
