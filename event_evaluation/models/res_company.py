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
