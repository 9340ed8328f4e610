from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import formatLang

from .event_evaluation import format_percent


class EventEvaluationAnnual(models.Model):
    _name = "event.evaluation.annual"
    _description = "Yearly Client Event Evaluation Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "year desc, company_id"
    _transition_fields = frozenset({"state"})
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    company_id = fields.Many2one(
        "res.company", string="Region", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    planned_count = fields.Integer("Events Planned", compute="_compute_aggregates")
    planned_budget = fields.Monetary(compute="_compute_aggregates")
    event_count = fields.Integer("Events Evaluated", compute="_compute_aggregates")
    registered_count = fields.Integer("Registered", compute="_compute_aggregates")
    attended_count = fields.Integer("Attendees", compute="_compute_aggregates")
    satisfaction_score = fields.Float("Average Satisfaction", compute="_compute_aggregates")
    lead_count = fields.Integer("Leads", compute="_compute_aggregates")
    won_revenue = fields.Monetary(compute="_compute_aggregates")
    budget_amount = fields.Monetary("Budget", compute="_compute_aggregates")
    cost_amount = fields.Monetary("Actual Cost", compute="_compute_aggregates")
    roi = fields.Float(
        "ROI",
        compute="_compute_aggregates",
        help="(Won revenue - actual cost) / actual cost of the year's evaluated events.",
    )
    best_evaluation_id = fields.Many2one(
        "event.evaluation", string="Best Event", compute="_compute_aggregates"
    )
    worst_evaluation_id = fields.Many2one(
        "event.evaluation", string="Weakest Event", compute="_compute_aggregates"
    )
    planning = fields.Html()
    execution = fields.Html()
    coverage = fields.Html()
    problems = fields.Html("Problems Found")
    suggestions = fields.Html("Improvement Suggestions")

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "A region has one yearly report per year: open the existing one instead.",
        ),
    ]

    @api.constrains("year")
    def _check_year(self):
        for report in self.filtered(lambda report: not 2000 <= report.year <= 2100):
            raise ValidationError(
                _(
                    "%(year)s is not a year a yearly report can cover: enter a year between "
                    "2000 and 2100.",
                    year=report.year,
                )
            )

    @api.depends("year", "company_id")
    def _compute_name(self):
        for report in self:
            report.name = _(
                "%(year)s client event evaluation report - %(region)s",
                year=report.year,
                region=report.company_id.name,
            )

    def _evaluation_domain(self):
        years = self.mapped("year") or [0]
        return [
            ("company_id", "in", self.company_id.ids),
            ("date_end", ">=", datetime(min(years), 1, 1)),
            ("date_end", "<", datetime(max(years) + 1, 1, 1)),
        ]

    @api.depends("year", "company_id")
    def _compute_aggregates(self):
        Evaluation = self.env["event.evaluation"]
        domain = self._evaluation_domain()
        groups = {
            (company.id, year.year): values
            for company, year, *values in Evaluation._read_group(
                domain,
                ["company_id", "date_end:year"],
                [
                    "__count",
                    "registered_count:sum",
                    "attended_count:sum",
                    "satisfaction_score:avg",
                    "lead_count:sum",
                    "won_revenue:sum",
                    "budget_amount:sum",
                    "cost_amount:sum",
                ],
            )
        }
        planned = {
            (company.id, year): (count, budget)
            for company, year, count, budget in self.env["event.annual.plan.line"]._read_group(
                [("company_id", "in", self.company_id.ids), ("year", "in", self.mapped("year"))],
                ["company_id", "year"],
                ["__count", "planned_budget:sum"],
            )
        }
        for report in self:
            key = (report.company_id.id, report.year)
            count, registered, attended, satisfaction, leads, revenue, budget, cost = groups.get(
                key, (0, 0, 0, 0.0, 0, 0.0, 0.0, 0.0)
            )
            planned_count, planned_budget = planned.get(key, (0, 0.0))
            report.update(
                {
                    "planned_count": planned_count,
                    "planned_budget": planned_budget,
                    "event_count": count,
                    "registered_count": registered,
                    "attended_count": attended,
                    "satisfaction_score": satisfaction or 0.0,
                    "lead_count": leads,
                    "won_revenue": revenue,
                    "budget_amount": budget,
                    "cost_amount": cost,
                    "roi": (revenue - cost) / cost if cost else False,
                    "best_evaluation_id": report._ranked_evaluation("desc") if count else False,
                    "worst_evaluation_id": report._ranked_evaluation("asc") if count else False,
                }
            )

    def _ranked_evaluation(self, direction):
        """The best ("desc") or weakest ("asc") evaluated event of the report, in one query."""
        self.ensure_one()
        return self.env["event.evaluation"].search(
            self._evaluation_domain(), order=f"overall_score {direction}, id", limit=1
        )

    def _format_satisfaction(self):
        """Average satisfaction as report text with one decimal; "—" without any."""
        self.ensure_one()
        if not self.satisfaction_score:
            return "—"
        return formatLang(self.env, self.satisfaction_score, digits=1)

    def _format_roi(self):
        """ROI as report text ("12.5 %"); "—" without costs."""
        self.ensure_one()
        if not self.cost_amount:
            return "—"
        return format_percent(self.env, self.roi * 100)

    def _quarter_label(self, quarter):
        """The name of a quarter ("Q3") in the language of the context; "—" for none."""
        labels = dict(
            self.env["event.evaluation"]._fields["quarter"]._description_selection(self.env)
        )
        return labels.get(quarter) or "—"

    def _get_type_quarter_table(self):
        """{(event type, quarter): evaluated events} of this yearly report, in one query."""
        self.ensure_one()
        return {
            (event_type, quarter): count
            for event_type, quarter, count in self.env["event.evaluation"]._read_group(
                self._evaluation_domain(), ["event_type_id", "quarter"], ["__count"]
            )
        }

    def _transition_refusal(self, field_names):
        return UserError(_("Use the Submit and Review buttons to change the report's status."))

    def write(self, vals):
        locked = self.filtered(lambda r: r.state == "reviewed")
        if locked and not self._in_transition():
            raise UserError(
                _(
                    "%(report)s is reviewed and locked: ask a reviewer to reset it to draft.",
                    report=locked[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for report in self.filtered(lambda report: report.state != "draft"):
            raise UserError(
                _(
                    "%(report)s has been submitted and is kept as history: it cannot be "
                    "deleted. Headquarters can send it back to draft if it must be redone.",
                    report=report.display_name,
                )
            )

    def action_export_xlsx(self):
        """Download the yearly report as a workbook, streamed (no attachment is kept)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/event_evaluation/annual/{self.id}/xlsx",
            "target": "self",
        }

    def action_submit(self):
        self.env["event.evaluation"]._check_group("event_evaluation.group_evaluator", _("submit"))
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("Only draft yearly reports can be submitted."))
        self._transition_write({"state": "submitted"})
        return True

    def _check_headquarters(self, action):
        """The yearly report is headquarters' to review (年度评价报告报集团审核)."""
        if not self.env.user.has_group("client_events.group_headquarters"):
            raise AccessError(
                _(
                    "Only headquarters can %(action)s the yearly report %(report)s: the "
                    "region sends it to them.",
                    action=action,
                    report=", ".join(self.mapped("display_name")),
                )
            )

    def action_review(self):
        self._check_headquarters(_("review"))
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(_("Only submitted yearly reports can be marked reviewed."))
        self._transition_write({"state": "reviewed"})
        return True

    def action_reset_draft(self):
        self._check_headquarters(_("send back"))
        self._transition_write({"state": "draft"})
        return True
