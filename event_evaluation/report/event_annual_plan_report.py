from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.client_events.models.event_annual_plan_line import QUARTERS


class EventAnnualPlanReport(models.Model):
    """Plan vs realised (计划与执行): each line of an approved annual plan with what its
    events made of it, per region (company), year and quarter.

    An event realises its line once it is approved and over: ``realised_event_count``
    counts those. The approved budget and the actual cost are read as on the plan line
    (``event.annual.plan.line._compute_event_figures``): the budget of the line's
    approved events, the costs recorded on all its events.
    """

    _name = "event.annual.plan.report"
    _description = "Plan vs Realised Statistics"
    _auto = False
    _rec_name = "plan_line_id"
    _order = "year desc, quarter, company_id, plan_line_id"
    _depends = {
        "event.annual.plan": ["level", "state"],
        "event.annual.plan.line": [
            "plan_id",
            "company_id",
            "year",
            "quarter",
            "event_type_id",
            "planned_budget",
            "approval_state",
        ],
        "event.event": [
            "annual_plan_line_id",
            "approval_state",
            "date_end",
            "budget_amount",
            "cost_amount",
            "active",
        ],
    }

    plan_line_id = fields.Many2one("event.annual.plan.line", readonly=True)
    plan_id = fields.Many2one("event.annual.plan", string="Annual Plan", readonly=True)
    plan_level = fields.Selection(
        [("group", "Group Plan (集团)"), ("regional", "Regional Plan (区域)")], readonly=True
    )
    company_id = fields.Many2one("res.company", string="Region", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    quarter = fields.Selection(QUARTERS, readonly=True)
    date = fields.Date(
        string="Quarter Start",
        readonly=True,
        help="First day of the line's quarter: the dashboard's period filter reads it.",
    )
    event_type_id = fields.Many2one("event.type", string="Event Template", readonly=True)
    planned_event_count = fields.Integer(string="Planned Events", readonly=True)
    realised_event_count = fields.Integer(
        string="Realised Events",
        readonly=True,
        help="Approved events of the line that have ended.",
    )
    planned_budget = fields.Monetary(readonly=True, currency_field="currency_id")
    approved_budget = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Budget of the approved events realising the line.",
    )
    actual_cost = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Costs recorded on the events realising the line.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS plan_line_id,
                   line.plan_id AS plan_id,
                   plan.level AS plan_level,
                   line.company_id AS company_id,
                   company.currency_id AS currency_id,
                   line.year AS year,
                   line.quarter AS quarter,
                   make_date(line.year, CAST(substr(line.quarter, 2) AS integer) * 3 - 2, 1)
                       AS date,
                   line.event_type_id AS event_type_id,
                   1 AS planned_event_count,
                   COALESCE(realised.event_count, 0) AS realised_event_count,
                   line.planned_budget AS planned_budget,
                   COALESCE(realised.approved_budget, 0) AS approved_budget,
                   COALESCE(realised.actual_cost, 0) AS actual_cost
              FROM event_annual_plan_line line
              JOIN event_annual_plan plan ON plan.id = line.plan_id
              JOIN res_company company ON company.id = line.company_id
         LEFT JOIN (
                    SELECT event.annual_plan_line_id,
                           COUNT(*) FILTER (
                               WHERE event.approval_state = 'approved'
                                 AND event.date_end < (now() AT TIME ZONE 'UTC')
                           ) AS event_count,
                           SUM(event.budget_amount) FILTER (
                               WHERE event.approval_state = 'approved'
                           ) AS approved_budget,
                           SUM(event.cost_amount) AS actual_cost
                      FROM event_event event
                     WHERE event.annual_plan_line_id IS NOT NULL
                       AND event.active
                  GROUP BY event.annual_plan_line_id
                   ) realised ON realised.annual_plan_line_id = line.id
             WHERE plan.state = 'approved'
               AND line.approval_state = 'approved'
            """
        )
