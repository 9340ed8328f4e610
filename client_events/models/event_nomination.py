import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, format_datetime

NOMINATION_STATES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("invited", "Invited"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("substituted", "Substituted"),
]
# the nominations that hold a seat of the quotas: neither refused, declined nor replaced
QUOTA_STATES = ("proposed", "approved", "invited", "accepted")
# the nominations whose invitation was sent, and the answers a guest may still change
INVITED_STATES = ("invited", "accepted", "declined", "substituted")
ANSWER_STATES = ("invited", "accepted", "declined")
# what a nomination keeps once the planner decided on it
DECIDED_LOCKED_FIELDS = frozenset({"event_id", "partner_id"})


class EventNomination(models.Model):
    """A guest nominated for a client event (邀请) by a key-account owner or a sales rep.

    The event's planner approves or refuses the nomination; an approved one is invited
    by mail with a personal link (no login) where the guest accepts, declines or names
    a substitute. Accepted guests become registrations of the event.
    """

    _name = "event.nomination"
    _description = "Event Nomination"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "event_id desc, id desc"
    _check_company_auto = True
    _transition_fields = frozenset(
        {
            "state",
            "registration_id",
            "substitute_of_id",
            "response_date",
            "invited_date",
            "decided_by_id",
            "decided_date",
            "access_token",
        }
    )

    event_id = fields.Many2one(
        "event.event",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain="[('date_end', '>', context_today().strftime('%Y-%m-%d'))]",
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Guest",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The person invited: a contact of the client.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Account",
        store=True,
        index=True,
        help="The client the guest belongs to (its commercial entity): quotas per account "
        "count on it.",
    )
    email = fields.Char(related="partner_id.email")
    nominated_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    segment_id = fields.Many2one(
        "client.segment",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The guest's client segment when he was nominated, kept for reporting.",
    )
    note = fields.Text(help="Why this guest: what the nominator wants the planner to know.")
    state = fields.Selection(
        NOMINATION_STATES,
        string="Status",
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    decided_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    refusal_reason = fields.Text(
        copy=False, tracking=True, help="Why the planner refused the nomination."
    )
    invited_date = fields.Datetime(string="Invited On", readonly=True, copy=False)
    response_date = fields.Datetime(
        string="Answered On", readonly=True, copy=False, help="When the guest last answered."
    )
    registration_id = fields.Many2one("event.registration", readonly=True, copy=False, index=True)
    substitute_of_id = fields.Many2one(
        "event.nomination",
        string="Substitute For",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The invited guest who named this one as his substitute.",
    )
    substitute_id = fields.Many2one(
        "event.nomination",
        compute="_compute_substitute_id",
        help="The nomination of the person this guest named as his substitute.",
    )
    access_token = fields.Char(
        readonly=True, copy=False, groups="client_events.group_planner", index="btree_not_null"
    )
    rsvp_url = fields.Char(
        string="Personal Link",
        compute="_compute_rsvp_url",
        groups="client_events.group_planner",
        help="Where the guest answers the invitation, without logging in.",
    )
    rsvp_deadline = fields.Datetime(
        string="Answer By", compute="_compute_rsvp_deadline", help="The event's RSVP deadline."
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    _sql_constraints = [
        ("token_uniq", "unique (access_token)", "A personal link belongs to one nomination."),
    ]

    # ------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------

    @api.depends("partner_id", "event_id")
    def _compute_display_name(self):
        for nomination in self:
            nomination.display_name = _(
                "%(guest)s for %(event)s",
                guest=nomination.partner_id.name or _("New guest"),
                event=nomination.event_id.name or "",
            )

    def _compute_substitute_id(self):
        substitutes = {}
        if self.ids:
            substitutes = {
                nomination.substitute_of_id.id: nomination
                for nomination in self.search([("substitute_of_id", "in", self.ids)])
            }
        for nomination in self:
            nomination.substitute_id = substitutes.get(nomination.id, False)

    @api.depends("access_token")
    def _compute_rsvp_url(self):
        for nomination in self:
            nomination.rsvp_url = (
                nomination.access_token
                and f"{nomination.get_base_url()}{nomination._get_rsvp_path()}"
            )

    @api.depends("event_id.rsvp_deadline", "event_id.date_begin")
    def _compute_rsvp_deadline(self):
        for nomination in self:
            event = nomination.event_id
            nomination.rsvp_deadline = event._get_rsvp_deadline() if event else False

    @api.depends_context("uid")
    @api.depends("state", "nominated_by_id", "event_id")
    def _compute_can_decide(self):
        for nomination in self:
            nomination.can_decide = (
                nomination.state == "proposed"
                and nomination.nominated_by_id != self.env.user
                and nomination._is_event_planner(self.env.user)
            )

    # ------------------------------------------------------------
    # CRUD and checks
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        segments = {partner.id: partner._get_client_segment().id for partner in partners}
        for vals in vals_list:
            # the segment of the day of the nomination, for reporting
            vals["segment_id"] = segments.get(vals.get("partner_id"), False)
        nominations = super().create(vals_list)
        if not self._in_transition():
            nominations._check_can_nominate()
            nominations._check_quotas()
        for nomination in nominations:
            nomination.message_post(
                body=_(
                    "%(guest)s nominated by %(user)s.",
                    guest=nomination.partner_id.name,
                    user=nomination.nominated_by_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return nominations

    def write(self, vals):
        changed = DECIDED_LOCKED_FIELDS & set(vals)
        if changed and not self._in_transition():
            decided = self.filtered(lambda n: n.state != "proposed")
            if decided:
                raise UserError(
                    _(
                        "%(nomination)s is %(state)s: its event and guest cannot be changed. "
                        "Nominate the guest again instead.",
                        nomination=decided[0].display_name,
                        state=decided[0]._state_label(),
                    )
                )
        result = super().write(vals)
        if changed and not self._in_transition():
            self._check_can_nominate()
            self._check_quotas()
        return result

    def _transition_refusal(self, field_names):
        return UserError(
            _(
                "%(nominations)s: the status of a nomination changes only with its buttons "
                "(Approve, Refuse, Invite) and the guest's answer.",
                nominations=self._transition_records_label(),
            )
        )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_can_nominate(self):
        """A guest is nominated once per event, for an event still ahead and open."""
        for nomination in self:
            event = nomination.event_id
            if event.costs_closed or (event.date_end and event.date_end < fields.Datetime.now()):
                raise UserError(
                    _(
                        "%(event)s is over: nobody can be nominated for it any more.",
                        event=event.name,
                    )
                )
        live = self.sudo().search(
            [
                ("event_id", "in", self.event_id.ids),
                ("partner_id", "in", self.partner_id.ids),
                ("state", "not in", ("refused", "declined", "substituted")),
            ]
        )
        for nomination in self:
            twice = live.filtered(
                lambda other, n=nomination: (
                    other != n
                    and other.event_id == n.event_id
                    and other.partner_id == n.partner_id
                )
            )
            if twice:
                raise ValidationError(
                    _(
                        "%(guest)s is already nominated for %(event)s (by %(user)s).",
                        guest=nomination.partner_id.name,
                        event=nomination.event_id.name,
                        user=twice[0].nominated_by_id.name,
                    )
                )

    def _check_quotas(self):
        """Nominations per account and per nominator stay within the event's quotas
        (0 = no limit). One grouped query for each quota, whatever the number of records."""
        events = self.event_id
        quotas = (
            # event's quota field, nomination's field it counts by, refusal
            (
                "nomination_quota_account",
                "commercial_partner_id",
                _(
                    "%(name)s already has %(quota)s nominations for %(event)s, the most the "
                    "event allows per account. Withdraw one or ask the planner to raise the "
                    "quota."
                ),
            ),
            (
                "nomination_quota_user",
                "nominated_by_id",
                _(
                    "%(name)s already has %(quota)s nominations for %(event)s, the most the "
                    "event allows per nominator. Withdraw one or ask the planner to raise the "
                    "quota."
                ),
            ),
        )
        for quota_field, counted_by, refusal in quotas:
            if not any(events.mapped(quota_field)):
                continue
            counts = {
                (event.id, holder.id): count
                for event, holder, count in self.sudo()._read_group(
                    [
                        ("event_id", "in", events.ids),
                        ("state", "in", QUOTA_STATES),
                        (counted_by, "in", self[counted_by].ids),
                    ],
                    ["event_id", counted_by],
                    ["__count"],
                )
            }
            for nomination in self:
                quota = nomination.event_id[quota_field]
                holder = nomination[counted_by]
                if quota and counts.get((nomination.event_id.id, holder.id), 0) > quota:
                    raise ValidationError(
                        refusal
                        % {"name": holder.name, "quota": quota, "event": nomination.event_id.name}
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invited(self):
        for nomination in self:
            if nomination.state in INVITED_STATES:
                raise UserError(
                    _(
                        "%(nomination)s was invited: it stays on record with the guest's answer.",
                        nomination=nomination.display_name,
                    )
                )

    # ------------------------------------------------------------
    # Who decides
    # ------------------------------------------------------------

    def _is_event_planner(self, user):
        """The planners of the nomination's event: its responsible and its planning
        group (leader and members), if they are planners; events administrators for
        every event."""
        self.ensure_one()
        if user.has_group("client_events.group_manager"):
            return True
        if not user.has_group("client_events.group_planner"):
            return False
        event = self.event_id
        group = event.planning_group_id.sudo()
        return user in (event.user_id | group.user_id | group.member_ids.user_id)

    def _check_planner(self, what):
        for nomination in self:
            if not nomination._is_event_planner(self.env.user):
                raise AccessError(
                    _(
                        "Only the planners of %(event)s (its responsible, its planning group) "
                        "or an events administrator can %(what)s %(nomination)s.",
                        event=nomination.event_id.name,
                        what=what,
                        nomination=nomination.display_name,
                    )
                )

    def _check_decision(self, what):
        self._check_planner(what)
        for nomination in self:
            if nomination.state != "proposed":
                raise UserError(
                    _(
                        "%(nomination)s is %(state)s: only a proposed nomination can be "
                        "approved or refused.",
                        nomination=nomination.display_name,
                        state=nomination._state_label(),
                    )
                )
            if nomination.nominated_by_id == self.env.user:
                raise AccessError(
                    _(
                        "You nominated %(guest)s for %(event)s, so you cannot %(what)s the "
                        "nomination: another planner of the event must decide.",
                        guest=nomination.partner_id.name,
                        event=nomination.event_id.name,
                        what=what,
                    )
                )

    # ------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------

    def action_approve(self):
        self._check_decision(_("approve"))
        self._transition_write(
            {
                "state": "approved",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse(self, reason=None):
        self._check_decision(_("refuse"))
        for nomination in self:
            reason = reason or nomination.refusal_reason
            if not reason or not reason.strip():
                raise UserError(
                    _(
                        "Write the reason of the refusal of %(nomination)s first: "
                        "%(user)s needs it.",
                        nomination=nomination.display_name,
                        user=nomination.nominated_by_id.name,
                    )
                )
            nomination.refusal_reason = reason
            nomination._transition_write(
                {
                    "state": "refused",
                    "decided_by_id": self.env.user.id,
                    "decided_date": fields.Datetime.now(),
                }
            )
            nomination.message_post(
                body=_("Refused by %(user)s: %(reason)s", user=self.env.user.name, reason=reason),
                partner_ids=nomination.nominated_by_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_invite(self):
        """Send the approved nominations their invitation with a personal link."""
        self._check_planner(_("invite"))
        for nomination in self:
            event = nomination.event_id
            event._check_can_run(_("send invitations"))
            if nomination.state != "approved":
                raise UserError(
                    _(
                        "%(nomination)s is %(state)s: only an approved nomination is invited.",
                        nomination=nomination.display_name,
                        state=nomination._state_label(),
                    )
                )
            if not nomination.partner_id.email:
                raise UserError(
                    _(
                        "%(guest)s has no e-mail: add one to the contact before inviting "
                        "him to %(event)s.",
                        guest=nomination.partner_id.name,
                        event=event.name,
                    )
                )
            if nomination._is_rsvp_expired():
                raise UserError(
                    _(
                        "The answers to %(event)s closed on %(deadline)s: move the RSVP "
                        "deadline of the event before inviting anyone else.",
                        event=event.name,
                        deadline=format_datetime(self.env, nomination.rsvp_deadline),
                    )
                )
        self._transition_write({"state": "invited", "invited_date": fields.Datetime.now()})
        self._send_invitation()
        for nomination in self:
            nomination.message_post(
                body=_(
                    "Invitation sent to %(guest)s by %(user)s.",
                    guest=nomination.partner_id.email_formatted,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _send_invitation(self):
        template = self.env.ref("client_events.mail_template_event_nomination_invitation")
        for nomination in self:
            if not nomination.sudo().access_token:
                nomination.sudo()._transition_write({"access_token": secrets.token_urlsafe(32)})
            # the planner's right to read the link, whoever sends it
            template.sudo().send_mail(
                nomination.id, email_layout_xmlid="mail.mail_notification_light"
            )

    # ------------------------------------------------------------
    # The guest's answer (called by the RSVP page, as superuser)
    # ------------------------------------------------------------

    def _get_rsvp_path(self):
        self.ensure_one()
        return f"/event/rsvp/{self.id}/{self.sudo().access_token}"

    def _is_rsvp_expired(self):
        self.ensure_one()
        deadline = self.event_id._get_rsvp_deadline()
        return bool(deadline) and deadline < fields.Datetime.now()

    def _check_can_answer(self):
        self.ensure_one()
        if self.state not in ANSWER_STATES:
            raise UserError(_("This invitation has already been answered."))
        if self._is_rsvp_expired():
            raise UserError(_("This invitation has expired."))

    def _rsvp_accept(self):
        """The guest comes: he is registered, once."""
        self.ensure_one()
        self._check_can_answer()
        registration = self._register_guest()
        self._transition_write(
            {
                "state": "accepted",
                "registration_id": registration.id,
                "response_date": fields.Datetime.now(),
            }
        )
        self._post_answer(_("%(guest)s accepted the invitation.", guest=self.partner_id.name))
        return True

    def _rsvp_decline(self):
        """The guest does not come: a registration of his acceptance is cancelled."""
        self.ensure_one()
        self._check_can_answer()
        self._cancel_registration()
        self._transition_write({"state": "declined", "response_date": fields.Datetime.now()})
        self._post_answer(_("%(guest)s declined the invitation.", guest=self.partner_id.name))
        return True

    def _rsvp_substitute(self, name, email, phone=None):
        """The guest sends someone else: that person gets his own nomination, accepted
        and registered, and his own personal link; the guest's nomination is replaced."""
        self.ensure_one()
        self._check_can_answer()
        name, phone = (name or "").strip(), (phone or "").strip()
        normalized = email_normalize(email or "")
        if not name or not normalized:
            raise ValidationError(_("Give the name and a valid e-mail of your substitute."))
        if normalized == email_normalize(self.partner_id.email or ""):
            raise ValidationError(_("Your substitute is someone else: give his own e-mail."))
        partner = self._find_or_create_substitute(name, normalized, phone)
        with self._transition():
            substitute = self.create(
                {
                    "event_id": self.event_id.id,
                    "partner_id": partner.id,
                    "nominated_by_id": self.nominated_by_id.id,
                    "note": _("Substitute named by %(guest)s.", guest=self.partner_id.name),
                    "substitute_of_id": self.id,
                    "state": "invited",
                    "invited_date": fields.Datetime.now(),
                    "access_token": secrets.token_urlsafe(32),
                }
            )
            self._cancel_registration()
            self.write({"state": "substituted", "response_date": fields.Datetime.now()})
        substitute._rsvp_accept()
        substitute._send_invitation()
        self._post_answer(
            _(
                "%(guest)s named %(substitute)s (%(email)s) as substitute.",
                guest=self.partner_id.name,
                substitute=name,
                email=normalized,
            )
        )
        return substitute

    def _find_or_create_substitute(self, name, email, phone):
        """A contact of the same account with that e-mail, or a new one of the account."""
        account = self.commercial_partner_id
        Partner = self.env["res.partner"].sudo()
        existing = Partner.search(
            [("email_normalized", "=", email), ("commercial_partner_id", "=", account.id)],
            limit=1,
        )
        if existing:
            return existing
        return Partner.create(
            {
                "name": name,
                "email": email,
                "phone": phone or False,
                "parent_id": account.id if account.is_company else False,
                "lang": self.partner_id.lang,
            }
        )

    def _register_guest(self):
        """The guest's registration, open: his own, or the one he already has."""
        self.ensure_one()
        Registration = self.env["event.registration"].sudo()
        registration = self.registration_id or Registration.search(
            [
                ("event_id", "=", self.event_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "!=", "cancel"),
            ],
            limit=1,
        )
        if not registration:
            return Registration.create(
                {
                    "event_id": self.event_id.id,
                    "partner_id": self.partner_id.id,
                    "name": self.partner_id.name,
                    "email": self.partner_id.email,
                    "phone": self.partner_id.phone,
                    "state": "open",
                    "invited_date": self.invited_date,
                }
            )
        if registration.state != "open" and registration.state != "done":
            registration.action_confirm()
        return registration

    def _cancel_registration(self):
        registration = self.registration_id.sudo()
        if registration and registration.state in ("draft", "open"):
            registration.action_cancel()

    def _post_answer(self, body):
        self.ensure_one()
        self.message_post(
            body=body,
            author_id=self.partner_id.id,
            partner_ids=self.nominated_by_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_registration(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.registration",
            "res_id": self.registration_id.id,
            "view_mode": "form",
        }
