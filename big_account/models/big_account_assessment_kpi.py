from odoo import fields, models


class BigAccountAssessmentKpi(models.Model):
    _name = "big.account.assessment.kpi"
    _description = "Key Account Team Member KPI"
    _order = "kpi_score desc, id"
    _rec_name = "user_id"

    assessment_id = fields.Many2one(
        "big.account.assessment", required=True, ondelete="cascade", index=True
    )
    account_id = fields.Many2one(related="assessment_id.account_id", store=True, index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="assessment_id.currency_id")
    date_from = fields.Date(related="assessment_id.date_from", store=True, string="Period Start")
    period_type = fields.Selection(related="assessment_id.period_type", store=True)
    user_id = fields.Many2one("res.users", string="Team Member", required=True, index=True)
    role = fields.Selection(
        [
            ("project_manager", "Account Project Manager"),
            ("planning", "Planning Specialist"),
            ("marketing", "Marketing Specialist"),
            ("onsite", "On-site Execution Specialist"),
            ("relationship", "Relationship Specialist"),
        ],
    )
    satisfaction_score = fields.Float(digits=(5, 1))
    revenue = fields.Monetary(string="Won Revenue")
    revenue_score = fields.Float(digits=(5, 1))
    profit_available = fields.Boolean(
        help="Profit needs sale margins, which are not installed: it is left out of the score."
    )
    upkeep_rate = fields.Float(string="Contacts on Time (%)", digits=(5, 1))
    execution_score = fields.Float(
        string="Execution Quality",
        digits=(5, 1),
        help="Average overall score of the evaluations of the account's events in the period.",
    )
    execution_available = fields.Boolean(
        help="No event of the account was evaluated in the period: execution quality is left "
        "out of the score."
    )
    kpi_score = fields.Float(string="KPI Score", digits=(5, 1), aggregator="avg")
