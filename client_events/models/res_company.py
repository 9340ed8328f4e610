from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    large_event_participant_threshold = fields.Integer(
        string="Large Event Participants",
        default=300,
        help="An event expecting more participants than this is a large event (大型活动).",
    )
    large_event_budget_threshold = fields.Monetary(
        string="Large Event Budget",
        default=100000.0,
        currency_field="currency_id",
        help="An event budgeted above this amount is a large event (大型活动).",
    )

    @api.constrains("large_event_participant_threshold", "large_event_budget_threshold")
    def _check_large_event_thresholds(self):
        for company in self:
            if (
                company.large_event_participant_threshold <= 0
                or company.large_event_budget_threshold <= 0
            ):
                raise ValidationError(
                    _(
                        "The large-event thresholds of %(company)s must be positive: "
                        "enter a number of participants and a budget above zero.",
                        company=company.name,
                    )
                )
