from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # the customer's key account, as its contact shows it (only to the service team)
    big_account_id = fields.Many2one(related="partner_id.big_account_id")
    big_account_tier = fields.Selection(related="partner_id.big_account_tier")
