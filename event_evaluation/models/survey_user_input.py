from collections import defaultdict

from odoo import api, fields, models

from .event_research_campaign import RESEARCH_CHANNELS


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    registration_id = fields.Many2one(
        "event.registration", string="Event Registration", index="btree_not_null"
    )
    event_id = fields.Many2one(
        related="registration_id.event_id", store=True, index="btree_not_null"
    )
    # needs research (需求调研): online answers and interviews of a research campaign
    research_campaign_id = fields.Many2one(
        "event.research.campaign",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    research_channel = fields.Selection(RESEARCH_CHANNELS, readonly=True)
    interviewer_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="Who filled in the answer on the client's behalf, by phone or at a visit.",
    )
    client_segment_id = fields.Many2one(
        "client.segment",
        readonly=True,
        index="btree_not_null",
        help="The respondent's segment when he answered: results per segment keep it "
        "whatever later segmentations say.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        segments = {partner.id: partner._get_client_segment().id for partner in partners.sudo()}
        for vals in vals_list:
            if vals.get("research_campaign_id") and vals.get("partner_id"):
                vals.setdefault("client_segment_id", segments.get(vals["partner_id"]) or False)
        return super().create(vals_list)

    def _mark_done(self):
        """The segment counted is the respondent's when he completes his answer; an
        attendee's answer acts on its feedback."""
        result = super()._mark_done()
        self._act_on_feedback()
        for answer in self.sudo().filtered(lambda a: a.research_campaign_id and a.partner_id):
            segment = answer.partner_id._get_client_segment()
            if answer.client_segment_id != segment:
                answer.client_segment_id = segment
        return result

    feedback_score = fields.Float(
        string="Satisfaction (%)",
        readonly=True,
        copy=False,
        digits=(16, 1),
        help="The answer's satisfaction from 0 to 100, as the event's evaluation counts it: "
        "the average of its rating questions, else its scoring percentage. Set when the "
        "attendee completes the survey.",
    )
    feedback_follow_up = fields.Boolean(
        string="Follow-up Opened",
        readonly=True,
        copy=False,
        help="The satisfaction was below the threshold set in Settings: the client's owner "
        "got a follow-up, once.",
    )

    def _get_feedback_scores(self):
        """{answer id: satisfaction 0-100} of the completed answers of registrations, in
        fixed queries: the average of the rating questions answered, else the scoring
        percentage. An answer to a survey that neither rates nor scores has none."""
        answers = self.filtered(lambda a: a.registration_id and a.state == "done")
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [
                    ("user_input_id", "in", answers.ids),
                    ("question_id.is_rating_question", "=", True),
                    ("skipped", "=", False),
                ],
                ["user_input_id", "question_id", "value_scale", "answer_score"],
                ["__count"],
            )
        )
        totals = defaultdict(lambda: [0.0, 0])
        for answer, question, value_scale, answer_score, count in lines:
            totals[answer.id][0] += question._rating_percentage(value_scale, answer_score) * count
            totals[answer.id][1] += count
        scores = {}
        for answer in answers:
            if answer.id in totals:
                total, weight = totals[answer.id]
                scores[answer.id] = total / weight
            elif answer.survey_id.scoring_type != "no_scoring":
                scores[answer.id] = answer.scoring_percentage
        return scores

    def _act_on_feedback(self):
        """A completed answer of an attendee: the question the attendee asked in it goes
        to the client's owner, and a satisfaction below the company's threshold opens a
        follow-up for the owner, once."""
        answers = self.sudo().filtered(lambda a: a.registration_id and not a.test_entry)
        answers._log_attendee_questions()
        scores = answers._get_feedback_scores()
        for answer in answers.filtered(lambda a: a.id in scores):
            answer.feedback_score = scores[answer.id]
            threshold = answer.registration_id.event_id.company_id.feedback_follow_up_threshold
            if answer.feedback_follow_up or scores[answer.id] >= threshold:
                continue
            answer.registration_id._open_feedback_follow_up(answer, scores[answer.id])
            answer.feedback_follow_up = True

    def _log_attendee_questions(self):
        lines = self.user_input_line_ids.filtered(
            lambda line: (
                line.question_id.is_attendee_question
                and not line.skipped
                and (line.value_text_box or line.value_char_box or "").strip()
            )
        )
        for answer in self:
            asked = [
                (line.value_text_box or line.value_char_box).strip()
                for line in lines
                if line.user_input_id == answer
            ]
            if not asked:
                continue
            registration = answer.registration_id
            registration.question = "\n".join(filter(None, [registration.question, *asked]))
