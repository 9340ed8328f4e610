from odoo import api, fields, models

INTEREST_LEVELS = [
    ("none", "No Interest"),
    ("interested", "Interested"),
    ("intention", "Cooperation Intention"),
]


class EventRegistration(models.Model):
    _inherit = "event.registration"

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
