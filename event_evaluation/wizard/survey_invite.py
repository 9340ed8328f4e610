from odoo import fields, models


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    research_campaign_id = fields.Many2one("event.research.campaign", readonly=True)

    def _get_answers_values(self):
        values = super()._get_answers_values()
        if self.research_campaign_id:
            values.update(
                research_campaign_id=self.research_campaign_id.id, research_channel="online"
            )
        return values
