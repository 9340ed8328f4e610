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
