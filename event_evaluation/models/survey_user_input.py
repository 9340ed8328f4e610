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
        string="Research Campaign",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    research_channel = fields.Selection(
        RESEARCH_CHANNELS, string="Research Channel", readonly=True
    )
    interviewer_id = fields.Many2one(
        "res.users",
        string="Interviewer",
        readonly=True,
        help="Who filled in the answer on the client's behalf, by phone or at a visit.",
    )
    client_segment_id = fields.Many2one(
        "client.segment",
        string="Client Segment",
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
        segments = {partner.id: partner.client_segment_id.id for partner in partners.sudo()}
        for vals in vals_list:
            if vals.get("research_campaign_id") and vals.get("partner_id"):
                vals.setdefault("client_segment_id", segments.get(vals["partner_id"]) or False)
        return super().create(vals_list)

    def _mark_done(self):
        """The segment counted is the respondent's when he completes his answer."""
        result = super()._mark_done()
        for answer in self.sudo().filtered(lambda a: a.research_campaign_id and a.partner_id):
            if answer.client_segment_id != answer.partner_id.client_segment_id:
                answer.client_segment_id = answer.partner_id.client_segment_id
        return result
