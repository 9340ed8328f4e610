from odoo import _, api, fields, models
from odoo.exceptions import UserError

INTEREST_LEVELS = [
    ("none", "No Interest"),
    ("interested", "Interested"),
    ("intention", "Cooperation Intention"),
]


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

    # ------------------------------------------------------------
    # Execution: invitations, no-shows, follow-up
    # ------------------------------------------------------------

    # invitations (邀请)
    invited_date = fields.Datetime(
        string="Invited On", readonly=True, copy=False, help="When the invitation was sent."
    )
    is_no_show = fields.Boolean(
        string="No-Show",
        compute="_compute_is_no_show",
        search="_search_is_no_show",
        help="Registered but never attended an event that has ended.",
    )
    # follow-up (后续跟进)
    interest_level = fields.Selection(
        INTEREST_LEVELS,
        string="Interest",
        default="none",
        tracking=True,
        help="Cooperation intention (合作意向) turns the attendee into an opportunity.",
    )
    followup_note = fields.Text(string="Follow-up Notes")
    thank_you_date = fields.Datetime(string="Thanked On", readonly=True, copy=False)

    @api.depends("state", "event_id.date_end")
    def _compute_is_no_show(self):
        now = fields.Datetime.now()
        for registration in self:
            registration.is_no_show = (
                registration.state in ("draft", "open")
                and bool(registration.event_id.date_end)
                and registration.event_id.date_end < now
            )

    def _search_is_no_show(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError
        domain = [
            ("state", "in", ("draft", "open")),
            ("event_id.date_end", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    def _get_feedback_survey_url(self):
        """Link of the satisfaction survey printed in the thank-you mail.

        False here: event_evaluation returns the registration's personal survey link.
        """
        self.ensure_one()
        return False

    def action_log_followup(self, user, date_deadline, summary=None):
        """Log a question or need raised at the event as a follow-up activity.

        The activity goes to a named person with a deadline; its note is the
        registration's follow-up notes.
        """
        if not user or not date_deadline:
            raise UserError(
                _(
                    "A follow-up of %(attendees)s needs a person to do it and a deadline.",
                    attendees=", ".join(self.mapped("name")),
                )
            )
        activities = self.env["mail.activity"]
        for registration in self:
            activities |= registration.activity_schedule(
                "client_events.mail_activity_type_event_followup",
                date_deadline=date_deadline,
                summary=summary or _("Follow up %(name)s", name=registration.name),
                note=registration.followup_note or "",
                user_id=user.id,
            )
        return activities

    def action_open_followup_activity(self):
        """Open the activity dialog with the follow-up type and notes prefilled."""
        self.ensure_one()
        activity_type = self.env.ref("client_events.mail_activity_type_event_followup")
        return {
            "type": "ir.actions.act_window",
            "name": _("Follow up %(name)s", name=self.name),
            "res_model": "mail.activity",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_res_model_id": self.env["ir.model"]._get_id(self._name),
                "default_res_id": self.id,
                "default_activity_type_id": activity_type.id,
                "default_note": self.followup_note or "",
                "default_user_id": self.event_id.user_id.id or self.env.user.id,
            },
        }
