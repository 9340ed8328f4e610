from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
    risk_medium_score = fields.Integer(related="company_id.risk_medium_score", readonly=False)
    risk_high_score = fields.Integer(related="company_id.risk_high_score", readonly=False)
    plan_reminder_days = fields.Integer(related="company_id.plan_reminder_days", readonly=False)
    opinion_response_hours = fields.Integer(
        related="company_id.opinion_response_hours", readonly=False
    )
    risk_checkup_days = fields.Integer(related="company_id.risk_checkup_days", readonly=False)
    client_segment_months = fields.Integer(
        string="Segmentation Period (Months)",
        default=24,
        config_parameter="client_events.client_segment_months",
        help="Clients are segmented by what they did over this many past months: events "
        "attended, opportunities and orders won, complaints, survey answers.",
    )

    @api.constrains("client_segment_months")
    def _check_client_segment_months(self):
        for settings in self:
            if settings.client_segment_months < 1:
                raise ValidationError(
                    _(
                        "The segmentation period is a number of months: enter at least 1 "
                        "(24 measures the last two years)."
                    )
                )

    @api.model
    def _get_client_segment_months(self):
        """The segmentation period, in months (24 unless the administrator set one)."""
        value = (
            self.env["ir.config_parameter"].sudo().get_param("client_events.client_segment_months")
        )
        try:
            return max(int(value), 1) if value else 24
        except ValueError:
            return 24
