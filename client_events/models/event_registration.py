from odoo import _, api, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        default_state = self.default_get(["state"]).get("state")
        confirmed_event_ids = [
            vals["event_id"]
            for vals in vals_list
            if vals.get("event_id") and vals.get("state", default_state) in ("open", "done")
        ]
        self.env["event.event"].browse(confirmed_event_ids)._check_can_run(
            _("confirm registrations")
        )
        return super().create(vals_list)

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
