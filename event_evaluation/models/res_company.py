from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    evaluation_due_days = fields.Integer(
        string="Evaluation Due After (days)",
        default=7,
        help="Days after an event ends by which its evaluation is submitted: an evaluator "
        "gets a to-do due that day, its creator or else the company's first evaluator.",
    )
    feedback_follow_up_threshold = fields.Integer(
        string="Follow-up Below (%)",
        default=60,
        help="A feedback survey answered below this satisfaction (0-100, as the evaluation "
        "counts it) opens a follow-up for the client's owner: a to-do, or a complaint for a "
        "key account.",
    )

    evaluation_sales_window_days = fields.Integer(
        string="Sales Window (days)",
        default=90,
        help="Sales completion counts what the event's attendees bought from its start to "
        "this many days after its last day (day 90 counts, day 91 does not).",
    )
    evaluation_loyalty_months = fields.Integer(
        string="Loyalty Window (months)",
        default=6,
        help="Loyalty lift compares what attendees and invited non-attendees did in this many "
        "months after the event with the same number of months before it.",
    )

    # the yearly report (年度评价报告): due after the year's end, with a reminder before
    evaluation_annual_due_days = fields.Integer(
        string="Yearly Report Due After (days)",
        default=15,
        help="Days after 31 December by which the yearly report of the year is due: 15 "
        "makes it due on 15 January.",
    )
    evaluation_annual_reminder_days = fields.Integer(
        string="Yearly Report Reminder (days before)",
        default=14,
        help="Days before the yearly report is due that its responsible, or else the "
        "region's first evaluator, gets a to-do to finish and submit it.",
    )

    @api.constrains("evaluation_annual_due_days", "evaluation_annual_reminder_days")
    def _check_evaluation_annual_days(self):
        for company in self.filtered(
            lambda company: (
                company.evaluation_annual_due_days < 0
                or company.evaluation_annual_reminder_days < 0
            )
        ):
            raise ValidationError(
                _(
                    "The yearly report of %(company)s is due after its year ends and reminded "
                    "before it is due: give days of 0 or more.",
                    company=company.name,
                )
            )

    @api.constrains("evaluation_due_days")
    def _check_evaluation_due_days(self):
        for company in self.filtered(lambda company: company.evaluation_due_days < 1):
            raise ValidationError(
                _(
                    "The evaluation of an event of %(company)s cannot be due before the event "
                    "ends: give at least one day.",
                    company=company.name,
                )
            )

    @api.constrains("evaluation_sales_window_days", "evaluation_loyalty_months")
    def _check_evaluation_windows(self):
        for company in self.filtered(
            lambda company: (
                company.evaluation_sales_window_days < 1 or company.evaluation_loyalty_months < 1
            )
        ):
            raise ValidationError(
                _(
                    "The sales and loyalty windows of %(company)s measure what happens after "
                    "an event: give at least one day and one month.",
                    company=company.name,
                )
            )

    @api.constrains("feedback_follow_up_threshold")
    def _check_feedback_follow_up_threshold(self):
        for company in self:
            if not 0 <= company.feedback_follow_up_threshold <= 100:
                raise ValidationError(
                    _(
                        "The follow-up threshold of %(company)s is a satisfaction from 0 to "
                        "100: %(threshold)s is out of that range.",
                        company=company.name,
                        threshold=company.feedback_follow_up_threshold,
                    )
                )
