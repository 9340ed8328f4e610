from odoo import models


class EventMail(models.Model):
    _inherit = "event.mail"

    def execute(self):
        """Communications of an event waiting for approval wait with it."""
        runnable = self.filtered(lambda scheduler: not scheduler.event_id._is_waiting_approval())
        return super(EventMail, runnable).execute()
