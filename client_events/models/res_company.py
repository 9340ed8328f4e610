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
    risk_medium_score = fields.Integer(
        string="Medium Risk From",
        default=5,
        help="A risk whose likelihood × impact reaches this score is medium.",
    )
    risk_high_score = fields.Integer(
        string="High Risk From",
        default=15,
        help="A risk whose likelihood × impact reaches this score is high: it needs a "
        "mitigation and an owner before the proposal is submitted.",
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

    @api.constrains("risk_medium_score", "risk_high_score")
    def _check_risk_scores(self):
        for company in self:
            if not 1 < company.risk_medium_score < company.risk_high_score <= 25:
                raise ValidationError(
                    _(
                        "Risk levels of %(company)s: the medium score must be above 1 and "
                        "below the high score, and the high score at most 25 (5 × 5).",
                        company=company.name,
                    )
                )

    # watching all year (舆情监测、定期检查)
    opinion_response_hours = fields.Integer(
        default=24,
        help="A negative mention of an event or of the company must be answered within "
        "this many hours of being logged (舆情响应时限).",
    )
    risk_checkup_days = fields.Integer(
        string="Risk Check-up Every (Days)",
        default=14,
        help="The owner of each open high or medium risk is asked to check how its "
        "mitigation is going when the last check-up is older than this (定期检查).",
    )

    @api.constrains("opinion_response_hours", "risk_checkup_days")
    def _check_watch_cadences(self):
        for company in self:
            if company.opinion_response_hours <= 0 or company.risk_checkup_days <= 0:
                raise ValidationError(
                    _(
                        "The response time to negative opinion and the risk check-up "
                        "cadence of %(company)s must be positive: enter at least 1 hour "
                        "and 1 day.",
                        company=company.name,
                    )
                )

    @api.model
    def _demo_adopt_currency(self, company_id, currency_id):
        """Demo data: the firm of the story works in ``currency_id``, unless Odoo's
        accounting has already booked entries for the company (its own demo invoices,
        when Sales is installed first): their currency can no longer change."""
        company = self.browse(company_id)
        if hasattr(company, "_existing_accounting") and company.root_id._existing_accounting():
            return
        company.currency_id = currency_id

    # the year-end plan (年度计划): when headquarters and the regions are reminded
    plan_reminder_days = fields.Integer(
        string="Plan Reminder (Days Before Year End)",
        default=45,
        help="This many days before 31 December, headquarters and the region's planners "
        "get a to-do to write next year's plan, unless it exists already.",
    )

    @api.constrains("plan_reminder_days")
    def _check_plan_reminder_days(self):
        for company in self.filtered(lambda company: not 1 <= company.plan_reminder_days <= 365):
            raise ValidationError(
                _(
                    "The plan reminder of %(company)s is a number of days before 31 December: "
                    "enter between 1 and 365 (45 reminds in mid-November).",
                    company=company.name,
                )
            )
