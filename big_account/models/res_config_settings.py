from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    big_account_weight_influence = fields.Integer(
        string="Influence Weight",
        config_parameter="big_account.weight_influence",
        default=30,
    )
    big_account_weight_potential = fields.Integer(
        string="Potential Weight",
        config_parameter="big_account.weight_potential",
        default=30,
    )
    big_account_weight_employees = fields.Integer(
        string="Size Weight",
        config_parameter="big_account.weight_employees",
        default=10,
    )
    big_account_weight_revenue = fields.Integer(
        string="Revenue Weight",
        config_parameter="big_account.weight_revenue",
        default=15,
    )
    big_account_weight_budget = fields.Integer(
        string="Event Budget Weight",
        config_parameter="big_account.weight_budget",
        default=15,
    )
    big_account_tier_a_threshold = fields.Integer(
        string="Tier A From",
        config_parameter="big_account.tier_a_threshold",
        default=75,
    )
    big_account_tier_b_threshold = fields.Integer(
        string="Tier B From",
        config_parameter="big_account.tier_b_threshold",
        default=50,
    )
    big_account_sla_days_low = fields.Integer(
        string="SLA Days (Low)", config_parameter="big_account.sla_days_low", default=10
    )
    big_account_sla_days_medium = fields.Integer(
        string="SLA Days (Medium)",
        config_parameter="big_account.sla_days_medium",
        default=5,
    )
    big_account_sla_days_high = fields.Integer(
        string="SLA Days (High)",
        config_parameter="big_account.sla_days_high",
        default=2,
    )
    big_account_sla_days_critical = fields.Integer(
        string="SLA Days (Critical)",
        config_parameter="big_account.sla_days_critical",
        default=1,
    )
    big_account_birthday_days_before = fields.Integer(
        string="Birthday Greeting Days Before",
        config_parameter="big_account.birthday_days_before",
        default=3,
    )
    big_account_kpi_weight_satisfaction = fields.Integer(
        string="KPI Weight: Satisfaction",
        config_parameter="big_account.kpi_weight_satisfaction",
        default=40,
    )
    big_account_kpi_weight_revenue = fields.Integer(
        string="KPI Weight: Revenue",
        config_parameter="big_account.kpi_weight_revenue",
        default=40,
    )
    big_account_kpi_weight_upkeep = fields.Integer(
        string="KPI Weight: Relationship Upkeep",
        config_parameter="big_account.kpi_weight_upkeep",
        default=20,
    )
    big_account_kpi_weight_execution = fields.Integer(
        string="KPI Weight: Execution Quality",
        config_parameter="big_account.kpi_weight_execution",
        default=20,
    )
    big_account_care_days_before = fields.Integer(
        string="Care Greeting Days Ahead",
        config_parameter="big_account.care_days_before",
        default=7,
    )
    big_account_loyalty_weak_threshold = fields.Integer(
        string="Weak Loyalty Factor Below",
        config_parameter="big_account.loyalty_weak_threshold",
        default=60,
    )
    big_account_complaint_repeat_months = fields.Integer(
        string="Repeat Complaint Months",
        config_parameter="big_account.complaint_repeat_months",
        default=6,
        help="A complaint whose cause was already the cause of a complaint of the same "
        "account within this many months is a repeat, escalated to the key-account managers.",
    )
    big_account_assessment_period = fields.Selection(
        [("quarter", "Quarterly"), ("half", "Half-Yearly")],
        string="Assessment Cycle",
        config_parameter="big_account.assessment_period",
        default="quarter",
    )
    big_account_outcome_loyalty_threshold = fields.Integer(
        string="Outcome Needed Below Loyalty",
        config_parameter="big_account.outcome_loyalty_threshold",
        default=60,
    )
    big_account_outcome_kpi_threshold = fields.Integer(
        string="Outcome Needed Below KPI",
        config_parameter="big_account.outcome_kpi_threshold",
        default=60,
    )
    big_account_profile_review_months = fields.Integer(
        string="Profile Review Every (Months)",
        config_parameter="big_account.profile_review_months",
        default=6,
    )
    big_account_kpi_weight_profit = fields.Integer(
        string="KPI Weight: Profit",
        config_parameter="big_account.kpi_weight_profit",
        default=20,
    )
    big_account_kpi_target_margin = fields.Integer(
        string="KPI Target Margin (%)",
        config_parameter="big_account.kpi_target_margin",
        default=30,
        help="The margin rate of the confirmed sales orders that earns a full profit score.",
    )

    @api.constrains(
        "big_account_weight_influence",
        "big_account_weight_potential",
        "big_account_weight_employees",
        "big_account_weight_revenue",
        "big_account_weight_budget",
        "big_account_tier_a_threshold",
        "big_account_tier_b_threshold",
        "big_account_sla_days_low",
        "big_account_sla_days_medium",
        "big_account_sla_days_high",
        "big_account_sla_days_critical",
        "big_account_birthday_days_before",
        "big_account_kpi_weight_satisfaction",
        "big_account_kpi_weight_revenue",
        "big_account_kpi_weight_upkeep",
        "big_account_kpi_weight_execution",
    )
    def _check_big_account_settings(self):
        for settings in self:
            weights = [
                settings.big_account_weight_influence,
                settings.big_account_weight_potential,
                settings.big_account_weight_employees,
                settings.big_account_weight_revenue,
                settings.big_account_weight_budget,
            ]
            if any(weight < 0 for weight in weights) or not sum(weights):
                raise ValidationError(
                    _("Key-account score weights must be positive and not all zero.")
                )
            if not (
                0
                < settings.big_account_tier_b_threshold
                < settings.big_account_tier_a_threshold
                <= 100
            ):
                raise ValidationError(
                    _(
                        "Key-account tiers: the Tier B threshold (%(b)s) must be above 0 and "
                        "below the Tier A threshold (%(a)s), which cannot exceed 100.",
                        a=settings.big_account_tier_a_threshold,
                        b=settings.big_account_tier_b_threshold,
                    )
                )
            sla_days = [
                settings.big_account_sla_days_low,
                settings.big_account_sla_days_medium,
                settings.big_account_sla_days_high,
                settings.big_account_sla_days_critical,
            ]
            if any(days < 0 for days in sla_days):
                raise ValidationError(_("Complaint SLA days cannot be negative."))
            kpi_weights = [
                settings.big_account_kpi_weight_satisfaction,
                settings.big_account_kpi_weight_revenue,
                settings.big_account_kpi_weight_upkeep,
                settings.big_account_kpi_weight_execution,
            ]
            if any(weight < 0 for weight in kpi_weights) or not sum(kpi_weights):
                raise ValidationError(_("Team KPI weights must be positive and not all zero."))
            if settings.big_account_birthday_days_before < 0:
                raise ValidationError(_("Birthday greeting days before cannot be negative."))

    @api.constrains("big_account_care_days_before", "big_account_loyalty_weak_threshold")
    def _check_big_account_care_settings(self):
        for settings in self:
            if settings.big_account_care_days_before < 0:
                raise ValidationError(_("Care greeting days ahead cannot be negative."))
            if not 0 <= settings.big_account_loyalty_weak_threshold <= 100:
                raise ValidationError(
                    _(
                        "A loyalty factor is scored from 0 to 100: set the weak-factor "
                        "threshold between 0 and 100 (not %(value)s).",
                        value=settings.big_account_loyalty_weak_threshold,
                    )
                )

    @api.constrains("big_account_complaint_repeat_months")
    def _check_big_account_complaint_repeat_months(self):
        for settings in self:
            if settings.big_account_complaint_repeat_months < 1:
                raise ValidationError(
                    _(
                        "Repeat complaints are looked for over at least one month: set the "
                        "repeat complaint months to 1 or more."
                    )
                )

    @api.constrains(
        "big_account_outcome_loyalty_threshold",
        "big_account_outcome_kpi_threshold",
        "big_account_profile_review_months",
    )
    def _check_big_account_cycle_settings(self):
        for settings in self:
            thresholds = [
                settings.big_account_outcome_loyalty_threshold,
                settings.big_account_outcome_kpi_threshold,
            ]
            # 0 is not stored (it would read as the default): the lowest bar is 1
            if any(not 1 <= threshold <= 100 for threshold in thresholds):
                raise ValidationError(
                    _("The loyalty and KPI thresholds of the outcomes go from 1 to 100.")
                )
            if settings.big_account_profile_review_months < 1:
                raise ValidationError(
                    _("Profiles are reviewed at least every month: enter 1 or more months.")
                )

    @api.constrains("big_account_kpi_weight_profit", "big_account_kpi_target_margin")
    def _check_big_account_profit_settings(self):
        for settings in self:
            if settings.big_account_kpi_weight_profit < 0:
                raise ValidationError(_("Team KPI weights must be positive and not all zero."))
            if not 0 < settings.big_account_kpi_target_margin <= 100:
                raise ValidationError(
                    _(
                        "The KPI target margin (%(margin)s %%) must be above 0 and at most 100.",
                        margin=settings.big_account_kpi_target_margin,
                    )
                )

    def set_values(self):
        icp = self.env["ir.config_parameter"].sudo()
        keys = [
            "big_account.weight_influence",
            "big_account.weight_potential",
            "big_account.weight_employees",
            "big_account.weight_revenue",
            "big_account.weight_budget",
            "big_account.tier_a_threshold",
            "big_account.tier_b_threshold",
        ]
        before = [icp.get_param(key) for key in keys]
        res = super().set_values()
        if before != [icp.get_param(key) for key in keys]:
            self.env["big.account"]._recompute_all_scores()
        return res
