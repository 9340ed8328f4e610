from odoo import fields, models
from odoo.tools import SQL

from ..models.event_research_campaign import RESEARCH_CHANNELS


class EventResearchAnswerReport(models.Model):
    """Each answer line of a needs-research survey with its respondent's segment: the
    results per question and per segment."""

    _name = "event.research.answer.report"
    _description = "Needs Research Results"
    _auto = False
    _order = "campaign_id, question_id"
    _depends = {
        "event.research.campaign": ["company_id"],
        "survey.user_input": [
            "survey_id",
            "research_campaign_id",
            "client_segment_id",
            "partner_id",
            "research_channel",
            "state",
        ],
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "suggested_answer_id",
            "answer_type",
            "value_numerical_box",
            "value_scale",
            "answer_score",
            "skipped",
        ],
    }

    campaign_id = fields.Many2one("event.research.campaign", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    segment_id = fields.Many2one("client.segment", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    channel = fields.Selection(RESEARCH_CHANNELS, readonly=True)
    is_done = fields.Boolean(string="Completed", readonly=True)
    suggested_answer_id = fields.Many2one("survey.question.answer", string="Choice", readonly=True)
    value_numerical = fields.Float(string="Numerical Value", readonly=True, aggregator="avg")
    answer_score = fields.Float(string="Score", readonly=True, aggregator="avg")
    respondent_count = fields.Integer(
        string="Respondents",
        readonly=True,
        aggregator="count_distinct",
        help="Each answer line carries its answer; summed over a group it counts each "
        "respondent once.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   campaign.id AS campaign_id,
                   campaign.company_id AS company_id,
                   answer.survey_id AS survey_id,
                   line.question_id AS question_id,
                   answer.client_segment_id AS segment_id,
                   answer.partner_id AS partner_id,
                   answer.id AS user_input_id,
                   answer.research_channel AS channel,
                   answer.state = 'done' AS is_done,
                   line.suggested_answer_id AS suggested_answer_id,
                   CASE
                       WHEN line.answer_type = 'numerical_box' THEN line.value_numerical_box
                       WHEN line.answer_type = 'scale' THEN line.value_scale
                   END AS value_numerical,
                   line.answer_score AS answer_score,
                   answer.id AS respondent_count
              FROM survey_user_input_line line
              JOIN survey_user_input answer ON answer.id = line.user_input_id
              JOIN event_research_campaign campaign ON campaign.id = answer.research_campaign_id
             WHERE NOT line.skipped
            """
        )
