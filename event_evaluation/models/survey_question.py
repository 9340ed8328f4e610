from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    is_rating_question = fields.Boolean(
        string="Counts for Satisfaction",
        help="Event evaluations compute satisfaction from the answers to the rating questions "
        "of the survey (a scale, or choices with scores); without any, from the average "
        "scoring percentage of the responses.",
    )
    is_attendee_question = fields.Boolean(
        string="Attendee Question",
        help="The text answered here is a question or need of the attendee: it is logged on "
        "the registration and goes to the client's owner, who answers it by a deadline.",
    )
    evaluation_dimension = fields.Selection(
        [("content", "Content"), ("organisation", "Organisation"), ("service", "Service")],
        string="Satisfaction Dimension",
        help="What this rating question measures: event evaluations score each dimension "
        "0-100 from the answers to its rating questions.",
    )

    def _rating_percentage(self, value_scale, answer_score):
        """An answer to this rating question, from 0 to 100."""
        self.ensure_one()
        if self.question_type == "scale":
            span = self.scale_max - self.scale_min
            return (value_scale - self.scale_min) / span * 100.0 if span else 0.0
        best = max(self.suggested_answer_ids.mapped("answer_score") or [0.0])
        return answer_score / best * 100.0 if best > 0 else 0.0
