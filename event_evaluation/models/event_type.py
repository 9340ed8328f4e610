from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    evaluation_indicator_ids = fields.One2many(
        "event.type.evaluation.indicator",
        "event_type_id",
        string="Evaluation Indicators",
        help="Indicators, targets and weights of the evaluation of this type's events; "
        "without any, evaluations use the standard indicators.",
    )
