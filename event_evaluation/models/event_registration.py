from markupsafe import Markup

from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    referred_by_partner_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        index="btree_not_null",
        help="The client who referred this guest: the evaluation's referral rate counts "
        "the registrations that name one.",
    )

    def _get_feedback_survey_url(self):
        """Personal link to the event's feedback survey, creating the response once."""
        self.ensure_one()
        survey = self.event_id.survey_id
        if not survey:
            return super()._get_feedback_survey_url()
        answer = (
            self.env["survey.user_input"]
            .sudo()
            .search([("registration_id", "=", self.id), ("survey_id", "=", survey.id)], limit=1)
        )
        if not answer:
            answer = survey.sudo()._create_answer(
                partner=self.partner_id,
                email=self.email,
                check_attempts=False,
                registration_id=self.id,
            )
        return survey.get_base_url() + answer.get_start_url()

    def _open_feedback_follow_up(self, answer, score):
        """The attendee answered the feedback survey below the company's threshold: a
        to-do for the client's owner, with the score and a link to the answer. Returns
        what was opened (big_account opens a complaint for a key account instead)."""
        self.ensure_one()
        owner = self._get_client_owner()
        env = self.with_context(lang=owner.lang or self.env.lang).env
        return self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=env._(
                "Low satisfaction: %(score)s%% from %(name)s",
                score=round(score),
                name=self.name,
            ),
            note=Markup("<p>%s</p><p>%s</p>")
            % (
                env._(
                    "%(name)s rated %(event)s %(score)s%% (below %(threshold)s%%): call the "
                    "client, find out what went wrong and what we do about it.",
                    name=self.name,
                    event=self.event_id.name,
                    score=round(score),
                    threshold=self.event_id.company_id.feedback_follow_up_threshold,
                ),
                answer._get_html_link(title=answer.survey_id.title),
            ),
            user_id=owner.id,
        )
