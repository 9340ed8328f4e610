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
    revenue = fields.Monetary(
        string="Confirmed Sales",
        help="Untaxed amount of the account's sales orders confirmed in the period.",
    )
    revenue_score = fields.Float(
        digits=(5, 1),
        help="Confirmed sales against the previous period: 50 when they stay level, 100 from "
        "twice as much.",
    )
    margin = fields.Monetary(help="Margin of the account's sales orders confirmed in the period.")
    margin_rate = fields.Float(string="Margin (%)", digits=(5, 1))
    profit_score = fields.Float(
        digits=(5, 1),
        help="The margin rate against the target margin set in Settings: 100 at the target "
        "or above.",
    )
    profit_available = fields.Boolean(
        help="The account had no sales order confirmed in the period: profit is left out of "
        "the score."
    )
    upkeep_rate = fields.Float(string="Contacts on Time (%)", digits=(5, 1))
    acceptance_count = fields.Integer(
        string="Signed Acceptances",
        help="Acceptances of the account's projects the client signed in the period.",
    )
    acceptance_score = fields.Float(
        string="Client Acceptance",
        digits=(5, 1),
        help="Average overall score of the acceptances the client signed in the period.",
    )
    execution_score = fields.Float(
        string="Execution Quality",
        digits=(5, 1),
        help="The client's acceptances and the evaluations of the account's events in the "
        "period, one half each: the average overall score of the signed acceptances and the "
        "average overall score of the evaluated events, or the one of them there is.",
    )
    execution_available = fields.Boolean(
        help="The client signed no acceptance and no event of the account was evaluated in "
        "the period: execution quality is left out of the score."
    )
    kpi_score = fields.Float(string="KPI Score", digits=(5, 1), aggregator="avg")
