from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EventAgendaLine(models.Model):
    _name = "event.agenda.line"
    _description = "Event Agenda Item"
    _order = "event_id, sequence, time_from, id"

    event_id = fields.Many2one(
        "event.event", string="Event", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    time_from = fields.Float(string="From", help="Time of day, e.g. 14.5 for 14:30.")
    time_to = fields.Float(string="To")
    name = fields.Char(string="Item", required=True)
    user_id = fields.Many2one("res.users", string="Responsible", domain="[('share', '=', False)]")
    note = fields.Text(string="Notes")
    company_id = fields.Many2one(related="event_id.company_id", store=True)

    @api.constrains("time_from", "time_to")
    def _check_times(self):
        for line in self:
            if not (0 <= line.time_from <= 24 and 0 <= line.time_to <= 24):
                raise ValidationError(
                    _(
                        "The times of agenda item %(item)s must be between 00:00 and 24:00.",
                        item=line.name,
                    )
                )
            if line.time_to and line.time_to < line.time_from:
                raise ValidationError(
                    _(
                        "Agenda item %(item)s ends before it starts: correct its times.",
                        item=line.name,
                    )
                )
