from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_segment_id = fields.Many2one(
        "client.segment",
        string="Client Segment",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Set by the scheduled client segmentation from the client's recency, frequency "
        "and value.",
    )
    client_segment_date = fields.Datetime(string="Segmented On", readonly=True)
    # What the segmentation measured of the client (its commercial entity's contacts
    # included), kept on the partner so that lists, research and invitations read it
    # without recomputing.
    client_attended_count = fields.Integer(
        string="Events Attended",
        readonly=True,
        help="Client events the client attended (checked in) over the segmentation period.",
    )
    client_last_attended_date = fields.Date(
        string="Last Event Attended", readonly=True, help="When the client last checked in."
    )
    client_won_count = fields.Integer(
        string="Won Opportunities",
        readonly=True,
        help="Opportunities of the client won over the segmentation period.",
    )
    client_won_revenue = fields.Float(
        string="Won Revenue",
        readonly=True,
        help="Revenue of the client's won opportunities (and confirmed sales orders where "
        "Sales is installed) over the segmentation period, in the company's currency.",
    )
    client_complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        help="Complaints of the client over the segmentation period.",
    )
    client_satisfaction = fields.Float(
        string="Satisfaction (0-100)",
        readonly=True,
        help="Average satisfaction of the client's survey answers over the segmentation period.",
    )
    client_last_contact_date = fields.Date(
        string="Last Contact",
        readonly=True,
        help="The last time someone of the company was in touch with the client: a message, "
        "a done activity or an event attended.",
    )
    birthday = fields.Date(
        help="The client's birthday: the care calendar's birthday occasion plans the wishes."
    )
