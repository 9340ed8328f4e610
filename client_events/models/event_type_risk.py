from odoo import fields, models


class EventTypeRisk(models.Model):
    """Typical risk of an event type, copied onto the register of its new events."""

    _name = "event.type.risk"
    _description = "Event Type Risk Template"
    _order = "event_type_id, sequence, id"

    event_type_id = fields.Many2one("event.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    risk_type_id = fields.Many2one("event.risk.type", required=True)
    name = fields.Char(string="Risk", required=True, translate=True)
    description = fields.Text(translate=True)
    likelihood = fields.Integer(required=True, default=3)
    impact = fields.Integer(required=True, default=3)
    mitigation = fields.Text(translate=True)

    _sql_constraints = [
        ("likelihood_range", "CHECK(likelihood BETWEEN 1 AND 5)", "Likelihood goes from 1 to 5."),
        ("impact_range", "CHECK(impact BETWEEN 1 AND 5)", "Impact goes from 1 to 5."),
    ]

    def _prepare_event_risk_values(self):
        self.ensure_one()
        return {
            "risk_type_id": self.risk_type_id.id,
            "name": self.name,
            "description": self.description,
            "likelihood": self.likelihood,
            "impact": self.impact,
            "mitigation": self.mitigation,
            "from_template": True,
        }
