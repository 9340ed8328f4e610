from odoo import fields, models

from .event_target import TARGET_INDICATORS, indicator_label


class EventTypeTarget(models.Model):
    """A target the proposals of an event type set, copied onto each new event."""

    _name = "event.type.target"
    _description = "Event Type Target"
    _order = "event_type_id, sequence, id"

    event_type_id = fields.Many2one("event.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    indicator = fields.Selection(TARGET_INDICATORS, required=True)
    required = fields.Boolean(
        default=True, help="A proposal of this type is not submitted without this target."
    )

    _sql_constraints = [
        (
            "indicator_uniq",
            "unique(event_type_id, indicator)",
            "An event type lists each target indicator once.",
        ),
    ]

    def _indicator_label(self):
        return indicator_label(self)

    def _prepare_target_values(self):
        self.ensure_one()
        return {"sequence": self.sequence, "indicator": self.indicator, "required": self.required}
