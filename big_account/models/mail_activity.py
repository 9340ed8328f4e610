from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        plans = (
            self.env["big.account.communication.plan"]
            .sudo()
            .search([("reminder_activity_id", "in", self.ids)])
        )
        care_actions = (
            self.env["big.account.care.action"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "planned")])
        )
        if care_actions:
            care_actions._done_from_activity(feedback)
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if plans:
            plans._log_contact_done(fields.Date.context_today(self))
        return result
