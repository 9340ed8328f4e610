from odoo import fields, models


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    event_mail_trace_id = fields.Many2one("event.mail.trace", ondelete="cascade")

    def _action_update_from_provider_error(self, provider_error):
        error_status, failure_type, failure_reason = super()._action_update_from_provider_error(
            provider_error
        )
        self.event_mail_trace_id._update_sms_status("error")
        return error_status, failure_type, failure_reason

    def _action_update_from_sms_state(self, sms_state, failure_type=False, failure_reason=False):
        result = super()._action_update_from_sms_state(
            sms_state, failure_type=failure_type, failure_reason=failure_reason
        )
        self.event_mail_trace_id._update_sms_status(sms_state)
        return result
