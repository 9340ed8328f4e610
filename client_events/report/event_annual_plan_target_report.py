from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.event_annual_plan_line import QUARTERS
from ..models.event_annual_plan_target import TARGET_KIND_HELP, TARGET_KINDS

# A club membership that counts: of a club kind, neither cancelled nor waiting for its
# invoice (a membership without invoice, a free member's, counts).
_VALID_MEMBERSHIP = """
    l.club_member_kind IS NOT NULL
    AND l.date_cancel IS NULL
    AND COALESCE(l.state, 'none') NOT IN ('canceled', 'waiting')
    AND (pr.level = 'group' OR l.club_company_id = pr.company_id)
"""


class EventAnnualPlanTargetReport(models.Model):
    """Plan vs actual of the club's targets (会员招募与管理), per region, quarter and kind.

    One row per target of an annual plan, with its actual measured from the records of
    the plan's region (the group plan: every region) in its period, and the same measure
    one year earlier.
    """

    _name = "event.annual.plan.target.report"
    _description = "Club Targets: Plan vs Actual"
    _auto = False
    _order = "year desc, company_id, kind, quarter"
    _rec_name = "target_id"
    _depends = {
        "event.annual.plan": ["year", "level", "company_id", "approval_state"],
        "event.annual.plan.target": ["plan_id", "kind", "quarter", "target_value"],
        "membership.membership_line": [
            "partner",
            "date",
            "date_from",
            "date_to",
            "date_cancel",
            "state",
            "club_member_kind",
            "club_company_id",
        ],
        "event.mail": ["event_id", "promotion_stage", "scheduled_date", "mail_count_done"],
        "event.event": ["company_id", "date_begin"],
    }

    target_id = fields.Many2one("event.annual.plan.target", string="Club Target", readonly=True)
    plan_id = fields.Many2one("event.annual.plan", readonly=True)
    company_id = fields.Many2one("res.company", string="Region", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    level = fields.Selection(
        [("group", "Group Plan (集团)"), ("regional", "Regional Plan (区域)")],
        string="Plan Level",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Plan Status",
        readonly=True,
    )
    kind = fields.Selection(TARGET_KINDS, readonly=True, help=TARGET_KIND_HELP)
    quarter = fields.Selection(
        QUARTERS + [("year", "Whole Year")],
        readonly=True,
        help="The quarter of the target; Whole Year for a target set for the year.",
    )
    target_value = fields.Integer(string="Target", readonly=True)
    actual_value = fields.Integer(string="Actual", readonly=True, help=TARGET_KIND_HELP)
    previous_actual_value = fields.Integer(string="Actual of Previous Year", readonly=True)
    gap_value = fields.Integer(
        string="Still to Achieve", readonly=True, help="Target minus actual, when positive."
    )

    def _query(self):
        return f"""
WITH periods AS (
    SELECT t.id AS target_id,
           t.kind,
           p.level,
           p.company_id,
           shift.years AS shift,
           make_date(p.year - shift.years, span.first_month, 1) AS date_from,
           (make_date(p.year - shift.years, span.first_month, 1) + span.length)::date
               AS date_to
      FROM event_annual_plan_target t
      JOIN event_annual_plan p ON p.id = t.plan_id
     CROSS JOIN (VALUES (0), (1)) AS shift(years)
     CROSS JOIN LATERAL (
         SELECT CASE t.quarter WHEN 'q2' THEN 4 WHEN 'q3' THEN 7 WHEN 'q4' THEN 10
                ELSE 1 END AS first_month,
                CASE WHEN t.quarter IS NULL THEN interval '1 year'
                ELSE interval '3 months' END AS length
     ) AS span
),
actuals AS (
    SELECT pr.target_id,
           pr.shift,
           CASE pr.kind
           WHEN 'members_recruited' THEN (
               SELECT count(*)
                 FROM (SELECT min(l.date) AS joined
                         FROM membership_membership_line l
                        WHERE {_VALID_MEMBERSHIP}
                        GROUP BY l.partner) AS first_membership
                WHERE first_membership.joined >= pr.date_from
                  AND first_membership.joined < pr.date_to)
           WHEN 'members_managed' THEN (
               SELECT count(DISTINCT l.partner)
                 FROM membership_membership_line l
                WHERE {_VALID_MEMBERSHIP}
                  AND l.date_from <= pr.date_to - 1
                  AND l.date_to >= pr.date_to - 1)
           WHEN 'merchants_managed' THEN (
               SELECT count(DISTINCT l.partner)
                 FROM membership_membership_line l
                WHERE {_VALID_MEMBERSHIP}
                  AND l.club_member_kind = 'merchant'
                  AND l.date_from <= pr.date_to - 1
                  AND l.date_to >= pr.date_to - 1)
           WHEN 'publicity' THEN (
               SELECT COALESCE(sum(m.mail_count_done), 0)
                 FROM event_mail m
                 JOIN event_event e ON e.id = m.event_id
                WHERE m.promotion_stage IS NOT NULL
                  AND (pr.level = 'group' OR e.company_id = pr.company_id)
                  AND m.scheduled_date >= pr.date_from
                  AND m.scheduled_date < pr.date_to)
           WHEN 'online_campaigns' THEN (
               SELECT count(DISTINCT e.id)
                 FROM event_event e
                 JOIN event_mail m ON m.event_id = e.id
                WHERE m.promotion_stage IS NOT NULL
                  AND m.mail_count_done > 0
                  AND (pr.level = 'group' OR e.company_id = pr.company_id)
                  AND e.date_begin >= pr.date_from
                  AND e.date_begin < pr.date_to)
           ELSE 0 END AS value
      FROM periods pr
)
SELECT t.id AS id,
       t.id AS target_id,
       p.id AS plan_id,
       p.company_id,
       p.year,
       p.level,
       p.approval_state AS state,
       t.kind,
       COALESCE(t.quarter, 'year') AS quarter,
       t.target_value,
       COALESCE(cur.value, 0) AS actual_value,
       COALESCE(prev.value, 0) AS previous_actual_value,
       GREATEST(t.target_value - COALESCE(cur.value, 0), 0) AS gap_value
  FROM event_annual_plan_target t
  JOIN event_annual_plan p ON p.id = t.plan_id
  LEFT JOIN actuals cur ON cur.target_id = t.id AND cur.shift = 0
  LEFT JOIN actuals prev ON prev.target_id = t.id AND prev.shift = 1
"""

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._query()),
            )
        )
