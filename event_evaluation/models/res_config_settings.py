from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    evaluation_due_days = fields.Integer(related="company_id.evaluation_due_days", readonly=False)
    feedback_follow_up_threshold = fields.Integer(
        related="company_id.feedback_follow_up_threshold", readonly=False
    )
    evaluation_sales_window_days = fields.Integer(
        related="company_id.evaluation_sales_window_days", readonly=False
    )
    evaluation_loyalty_months = fields.Integer(
        related="company_id.evaluation_loyalty_months", readonly=False
    )
    evaluation_annual_due_days = fields.Integer(
        related="company_id.evaluation_annual_due_days", readonly=False
    )
    evaluation_annual_reminder_days = fields.Integer(
        related="company_id.evaluation_annual_reminder_days", readonly=False
    )
