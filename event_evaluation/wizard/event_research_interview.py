from odoo import fields, models

from ..models.event_research_campaign import RESEARCH_CHANNELS


class EventResearchInterview(models.TransientModel):
    """Record a phone or face-to-face interview: the interviewer fills in the campaign's
    survey on the client's behalf, as the client's own answer."""

    _name = "event.research.interview"
    _description = "Record a Research Interview"

    campaign_id = fields.Many2one("event.research.campaign", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        domain="[('id', 'in', recipient_ids)]",
    )
    recipient_ids = fields.Many2many(related="campaign_id.partner_ids")
    channel = fields.Selection(
        [channel for channel in RESEARCH_CHANNELS if channel[0] != "online"],
        required=True,
        default="phone",
    )

    def action_start(self):
        """Create the client's answer and open the survey to fill it in."""
        self.ensure_one()
        answer = self.campaign_id._record_interview(self.partner_id, self.channel)
        return self.campaign_id.survey_id.sudo().action_start_survey(answer=answer)
