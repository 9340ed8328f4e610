from odoo import api, fields, models


class ClientSegment(models.Model):
    """A class of clients (分类管理) that invitations, research, follow-up and care target.

    Clients are put in a segment by the scheduled segmentation from their recency,
    frequency and value; the administrator tunes the segments' rules.
    """

    _name = "client.segment"
    _description = "Client Segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Segments are tried in this order: a client joins the first that fits."
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    is_top = fields.Boolean(
        string="Top Segment",
        help="When a client of this segment checks in at an event, its owner is notified at "
        "once so that someone greets the client.",
    )
    follow_up = fields.Selection(
        [
            ("offer", "Personalised Offer"),
            ("call", "Call"),
            ("club", "Club Invitation"),
        ],
        string="Follow-up After an Event",
        help="What the policy asks of the client's owner after an event the client attended.",
    )
    partner_ids = fields.One2many("res.partner", "client_segment_id", string="Clients")
    partner_count = fields.Integer(string="Number of Clients", compute="_compute_partner_count")

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A client segment with this name already exists."),
    ]

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("client_segment_id", "in", self.ids)], ["client_segment_id"], ["__count"]
            )
        )
        for segment in self:
            segment.partner_count = counts.get(segment, 0)
