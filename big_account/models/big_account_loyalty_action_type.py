from odoo import fields, models

# the factors of a loyalty assessment, and the score field that measures each
LOYALTY_FACTORS = [
    ("revenue", "Revenue Trend"),
    ("satisfaction", "Satisfaction"),
    ("complaint", "Complaints"),
    ("engagement", "Engagement"),
]
FACTOR_SCORE_FIELDS = {
    "revenue": "revenue_trend_score",
    "satisfaction": "satisfaction_score",
    "complaint": "complaint_score",
    "engagement": "engagement_score",
}


class BigAccountLoyaltyActionType(models.Model):
    _name = "big.account.loyalty.action.type"
    _description = "Loyalty Action Type"
    _order = "factor, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    factor = fields.Selection(
        LOYALTY_FACTORS,
        required=True,
        help="The loyalty factor this action lifts: an assessment that finds the factor "
        "weak proposes it.",
    )
    description = fields.Text(translate=True)
    days_to_complete = fields.Integer(
        default=30,
        help="Days from the choice of the action to its deadline, proposed to its owner.",
    )

    _sql_constraints = [
        (
            "days_to_complete_positive",
            "CHECK(days_to_complete >= 0)",
            "The days to complete a loyalty action cannot be negative.",
        ),
    ]
