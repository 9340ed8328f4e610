from odoo import fields, models

from .event_evaluation_line import INDICATOR_SELECTION


class EventTypeEvaluationIndicator(models.Model):
    """Indicator template of an event type, copied into the evaluation of its events."""

    _name = "event.type.evaluation.indicator"
    _description = "Event Type Evaluation Indicator"
    _order = "event_type_id, sequence, id"

    event_type_id = fields.Many2one("event.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    indicator = fields.Selection(INDICATOR_SELECTION, required=True, default="custom")
    name = fields.Char("Description", translate=True)
    target = fields.Float(help="Left empty, the participation target is the event's own.")
    weight = fields.Float(default=10.0)

    _sql_constraints = [
        ("weight_positive", "CHECK(weight >= 0)", "An indicator's weight cannot be negative."),
        ("target_positive", "CHECK(target >= 0)", "An indicator's target cannot be negative."),
    ]

    def _prepare_line_values(self):
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "indicator": self.indicator,
            "name": self.name,
            "target": self.target,
            "weight": self.weight,
        }
