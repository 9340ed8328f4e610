from datetime import timedelta

from odoo import fields, models


class EventTypePrepTask(models.Model):
    """Preparation step every event of a type needs, copied onto its new events."""

    _name = "event.type.prep.task"
    _description = "Event Type Preparation Template"
    _order = "event_type_id, sequence, id"

    event_type_id = fields.Many2one("event.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    days_before = fields.Integer(
        string="Days Before the Event",
        default=7,
        help="The task's deadline, counted back from the first day of the event.",
    )
    is_safety_inspection = fields.Boolean(
        string="Safety Inspection",
        help="The venue safety inspection (场地安全检查) that outdoor and large events need.",
    )

    def _prepare_prep_task_values(self, event):
        self.ensure_one()
        deadline = False
        if event.date_begin:
            deadline = event.date_begin.date() - timedelta(days=self.days_before)
        return {
            "event_id": event.id,
            "name": self.name,
            "deadline": deadline,
            "is_safety_inspection": self.is_safety_inspection,
        }
