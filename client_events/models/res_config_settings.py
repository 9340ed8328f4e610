from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Company Currency"
    )
    large_event_participant_threshold = fields.Integer(
        related="company_id.large_event_participant_threshold", readonly=False
    )
    large_event_budget_threshold = fields.Monetary(
        related="company_id.large_event_budget_threshold",
        currency_field="company_currency_id",
        readonly=False,
    )
