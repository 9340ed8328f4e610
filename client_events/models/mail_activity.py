from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # the owner marked an attendee question's to-do done: the question is answered
        registrations = (
            self.env["event.registration"]
            .sudo()
            .search([("question_activity_id", "in", self.ids), ("question_answered", "=", False)])
        )
        if registrations:
            registrations._transition_write({"question_answered": True})
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
