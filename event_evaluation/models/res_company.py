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
