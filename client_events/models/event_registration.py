from odoo import _, api, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations.filtered(lambda r: r.state in ("open", "done"))._check_event_approved()
        return registrations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("open", "done"):
            self._check_event_approved()
        return result

    def _check_event_approved(self):
        self.event_id._check_can_run(_("confirm registrations"))

    def action_send_badge_email(self):
        self.event_id._check_can_run(_("send invitations or badges"))
        return super().action_send_badge_email()
