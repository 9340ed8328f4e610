from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# What a proposal's targets measure (目标量化), besides its target participants.
TARGET_INDICATORS = [
    ("leads", "Leads"),
    ("sales", "Sales Amount"),
    ("satisfaction", "Satisfaction Score (0-100)"),
    ("referrals", "Referrals"),
]


def indicator_label(record):
    """The target indicator of ``record`` as the user reads it, in his language."""
    record.ensure_one()
    return dict(record._fields["indicator"]._description_selection(record.env))[record.indicator]


class EventTarget(models.Model):
    """A measurable objective of a proposal, fixed before the event."""

    _name = "event.target"
    _description = "Event Target"
    _order = "event_id, sequence, id"

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    indicator = fields.Selection(TARGET_INDICATORS, required=True)
    target = fields.Float(help="The figure the event aims at; the evaluation measures it.")
    required = fields.Boolean(
        readonly=True, help="The event type requires this target before submission."
    )

    _sql_constraints = [
        (
            "indicator_uniq",
            "unique(event_id, indicator)",
            "An event has one target per indicator.",
        ),
    ]

    @api.constrains("target", "indicator")
    def _check_target(self):
        for line in self:
            if line.target < 0 or (line.indicator == "satisfaction" and line.target > 100):
                raise ValidationError(
                    _(
                        "The %(indicator)s target of %(event)s cannot be %(target)s: enter "
                        "a positive figure (a satisfaction score is 0 to 100).",
                        indicator=line._indicator_label(),
                        event=line.event_id.name,
                        target=line.target,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["event.event"].browse({vals["event_id"] for vals in vals_list})
        events._check_proposal_locked({"target_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.event_id._check_proposal_locked({"target_ids"})
        return super().write(vals)

    def unlink(self):
        self.event_id._check_proposal_locked({"target_ids"})
        return super().unlink()

    def _indicator_label(self):
        return indicator_label(self)
