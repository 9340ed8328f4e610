from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # the customer's key account, as the customer shows it to the current user (only to
    # the account's service team): read as that user, not as superuser
    big_account_id = fields.Many2one(related="partner_id.big_account_id", compute_sudo=False)
    big_account_tier = fields.Selection(related="partner_id.big_account_tier", compute_sudo=False)
