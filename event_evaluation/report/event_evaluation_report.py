from odoo import fields, models
from odoo.tools import SQL


class EventEvaluationReport(models.Model):
    """Satisfaction and ROI per region and quarter: the submitted and reviewed
    evaluations, one row each, dated by the end of their event.

    Region leadership reads these figures on the dashboard without opening the
    evaluation documents themselves; the quarterly ROI of a group is its won revenue
    against its actual cost, both summed here beside the average of the events' ROI.
    """

    _name = "event.evaluation.report"
    _description = "Satisfaction and ROI Statistics"
    _auto = False
    _rec_name = "event_id"
    _order = "date desc, event_id"
    _depends = {
        "event.evaluation": [
            "event_id",
            "company_id",
            "event_type_id",
            "date_end",
            "state",
            "satisfaction_score",
            "response_count",
            "attended_count",
            "won_revenue",
            "cost_amount",
            "roi",
        ],
    }

    evaluation_id = fields.Many2one("event.evaluation", readonly=True)
    event_id = fields.Many2one("event.event", readonly=True)
    company_id = fields.Many2one("res.company", string="Region", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    event_type_id = fields.Many2one("event.type", string="Event Template", readonly=True)
    date = fields.Date(string="Event End", readonly=True)
    state = fields.Selection(
        [("submitted", "Submitted"), ("reviewed", "Reviewed")], string="Status", readonly=True
    )
    evaluation_count = fields.Integer(string="Evaluations", readonly=True)
    attended_count = fields.Integer(string="Attended", readonly=True)
    response_count = fields.Integer(string="Survey Responses", readonly=True)
    satisfaction_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="0-100: average over the evaluated events with survey responses.",
    )
    roi = fields.Float(
        string="ROI",
        readonly=True,
        aggregator="avg",
        help="Average of the events' ROI, (won revenue - actual cost) / actual cost; "
        "events without costs have none.",
    )
    won_revenue = fields.Monetary(readonly=True, currency_field="currency_id")
    cost_amount = fields.Monetary(
        string="Actual Cost", readonly=True, currency_field="currency_id"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT evaluation.id AS id,
                   evaluation.id AS evaluation_id,
                   evaluation.event_id AS event_id,
                   evaluation.company_id AS company_id,
                   company.currency_id AS currency_id,
                   evaluation.event_type_id AS event_type_id,
                   CAST(evaluation.date_end AS date) AS date,
                   evaluation.state AS state,
                   1 AS evaluation_count,
                   evaluation.attended_count AS attended_count,
                   evaluation.response_count AS response_count,
                   CASE WHEN evaluation.response_count > 0
                        THEN evaluation.satisfaction_score END AS satisfaction_score,
                   CASE WHEN evaluation.cost_amount > 0 THEN evaluation.roi END AS roi,
                   evaluation.won_revenue AS won_revenue,
                   evaluation.cost_amount AS cost_amount
              FROM event_evaluation evaluation
              JOIN res_company company ON company.id = evaluation.company_id
             WHERE evaluation.state IN ('submitted', 'reviewed')
            """
        )
