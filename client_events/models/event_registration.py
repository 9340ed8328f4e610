from collections import defaultdict

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

INTEREST_LEVELS = [
    ("none", "No Interest"),
    ("interested", "Interested"),
    ("intention", "Cooperation Intention"),
]
# the levels that hand an attendee to sales, and the priority of their opportunity
INTEREST_PRIORITY = {"interested": "1", "intention": "2"}


class EventRegistration(models.Model):
    _name = "event.registration"
    _inherit = ["event.registration", "client_events.transition.mixin"]
    # answered with the button or the to-do, planned by the job: never by an edit
    _transition_fields = frozenset(
        {"question_answered", "segment_follow_up_done", "owner_notified_date"}
    )

    @api.model_create_multi
    def create(self, vals_list):
        # refused before anything is created; with Sales (event_sale) the state has no
        # default but is computed: confirmed unless a quotation holds the seat
        default_state = self.default_get(["state"]).get("state")
        confirmed_event_ids = [
            vals["event_id"]
            for vals in vals_list
            if vals.get("event_id")
            and vals.get("state", default_state) in ("open", "done", None)
            and not vals.get("sale_order_id")
        ]
        self.env["event.event"].browse(confirmed_event_ids)._check_can_run(
            _("confirm registrations")
        )
        registrations = super().create(vals_list)
        # and what a computed state confirmed all the same (a free order)
        registrations.filtered(lambda r: r.state in ("open", "done"))._check_event_approved()
        registrations._log_questions()
        registrations._notify_checkin_owners()
        return registrations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("open", "done"):
            self._check_event_approved()
        if vals.get("state") == "done":
            self._notify_checkin_owners()
        # as event_crm runs its rules when attendees are registered or attend; its
        # event_lead_rule_skip (set by imports) skips this automation, never a check
        if vals.get("interest_level") in INTEREST_PRIORITY and not self.env.context.get(
            "event_lead_rule_skip"
        ):
            self._run_interest_rules()
        if "question" in vals:
            self._log_questions()
        self._follow_question_changes(vals)
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
        return expression.distribute_not(["!", *expression.normalize_domain(domain)])

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

    # ------------------------------------------------------------
    # Opportunities of the attendees who showed interest (event_crm rules)
    # ------------------------------------------------------------

    def _run_interest_rules(self):
        """Run the rules triggered by interest shown at follow-up; the new leads."""
        return (
            self.env["event.lead.rule"]
            .search([("lead_creation_trigger", "=", "interest")])
            .sudo()
            ._run_on_registrations(self)
        )

    def _apply_lead_generation_rules(self):
        leads = super()._apply_lead_generation_rules()
        interested = self.filtered(lambda r: r.interest_level in INTEREST_PRIORITY)
        if interested:
            leads += interested._run_interest_rules()
        return leads

    def _get_lead_values(self, rule):
        """The opportunity ranks as the attendees' interest, carries their
        follow-up notes and belongs to the company of the event."""
        values = super()._get_lead_values(rule)
        levels = set(self.mapped("interest_level"))
        priority = next(
            (INTEREST_PRIORITY[level] for level in ("intention", "interested") if level in levels),
            False,
        )
        if priority:
            values["priority"] = priority
        followed_up = self.sorted("id").filtered("followup_note")
        if followed_up:
            values["description"] += Markup("<p>%s</p><ul>%s</ul>") % (
                _("Follow-up notes"),
                Markup().join(
                    Markup("<li>%s: %s</li>")
                    % (
                        registration.name or registration.partner_id.name,
                        Markup("<br/>").join(registration.followup_note.splitlines()),
                    )
                    for registration in followed_up
                ),
            )
        if self.event_id.company_id:
            values["company_id"] = self.event_id.company_id.id
        return values

    def _grouped_by_customer(self):
        """The registrations of each customer at each event, as recordsets.

        event_crm makes one lead per attendee: a customer who registered several
        times to one event would get as many opportunities.
        """
        public_partner = self.env.ref("base.public_partner")
        groups = defaultdict(lambda: self.browse())
        for registration in self.sorted("id"):
            partner = registration.partner_id - public_partner
            customer = partner.id or registration.email or registration.name
            groups[registration.event_id, customer] |= registration
        return list(groups.values())

    def _find_lead_to_link(self):
        """The lead these registrations of one customer at one event should join.

        Their own lead first, then the customer's lead of this event, then an open
        opportunity of the customer from elsewhere. Searched as superuser: a
        duplicate is a duplicate whoever owns the original.
        """
        Lead = self.env["crm.lead"].sudo()
        lead = Lead.search([("registration_ids", "in", self.ids)], limit=1)
        partner = self.partner_id[:1] - self.env.ref("base.public_partner")
        if lead or not partner:
            return lead
        event = self.event_id[:1]
        lead = Lead.search([("event_id", "=", event.id), ("partner_id", "=", partner.id)], limit=1)
        if lead:
            return lead
        # event_crm never looks at the opportunities a customer already has:
        # an open one is followed up rather than doubled
        return Lead.search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("type", "=", "opportunity"),
                ("probability", "<", 100),
                ("company_id", "in", [event.company_id.id, False]),
            ],
            order="create_date desc",
            limit=1,
        )

    def _link_to_lead(self, lead, lead_type="opportunity"):
        """Attach the registrations to a lead found for them; a lead becomes an
        opportunity when the rule makes opportunities."""
        lead = lead.sudo()
        values = {"registration_ids": [Command.link(registration.id) for registration in self]}
        if not lead.event_id:
            values["event_id"] = self.event_id[:1].id
        lead.write(values)
        if lead.type == "lead" and lead_type == "opportunity":
            lead.convert_opportunity(lead.partner_id)

    # ------------------------------------------------------------
    # The client's owner, attendee questions, the segment's follow-up
    # ------------------------------------------------------------

    question = fields.Text(
        string="Attendee Question",
        tracking=True,
        help="A question or need the attendee raised, at the event (registration desk) or "
        "in the feedback survey: its owner answers it by the deadline.",
    )
    question_user_id = fields.Many2one(
        "res.users",
        string="Question Owner",
        tracking=True,
        help="Who answers the question: the client's salesperson, else its company's, else "
        "the event's responsible.",
    )
    question_deadline = fields.Date(
        string="Answer By",
        tracking=True,
        help="Set when the question is logged, after the delay of the Event Follow-up "
        "activity type.",
    )
    question_answered = fields.Boolean(readonly=True, copy=False, tracking=True)
    question_overdue = fields.Boolean(
        compute="_compute_question_overdue",
        search="_search_question_overdue",
        help="An open question whose deadline has passed.",
    )
    question_activity_id = fields.Many2one(
        "mail.activity", string="Question To-Do", readonly=True, copy=False, ondelete="set null"
    )
    segment_follow_up_done = fields.Boolean(
        string="Segment Follow-up Planned",
        readonly=True,
        copy=False,
        help="The follow-up the attendee's segment names was given to the client's owner "
        "once the event was over.",
    )

    @api.depends("question", "question_answered", "question_deadline")
    def _compute_question_overdue(self):
        today = fields.Date.context_today(self)
        for registration in self:
            registration.question_overdue = bool(
                registration.question
                and not registration.question_answered
                and registration.question_deadline
                and registration.question_deadline < today
            )

    def _search_question_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError
        domain = [
            ("question", "!=", False),
            ("question_answered", "=", False),
            ("question_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return expression.distribute_not(["!", *expression.normalize_domain(domain)])

    def _get_client_owner(self):
        """Who looks after this attendee's client: the contact's salesperson, else the
        salesperson of its company, else the event's responsible."""
        self.ensure_one()
        return self.partner_id._get_client_salesperson() or self.event_id.user_id or self.env.user

    def _log_questions(self):
        """Give each new question an owner, a deadline and a to-do for the owner."""
        activity_type = self.env.ref("client_events.mail_activity_type_event_followup")
        for registration in self.filtered(
            lambda r: r.question and not r.question_answered and not r.question_activity_id
        ):
            owner = registration.question_user_id or registration._get_client_owner()
            deadline = registration.question_deadline or activity_type._get_date_deadline()
            activity = registration.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=deadline,
                summary=_("Answer the question of %(name)s", name=registration.name),
                note=registration.question,
                user_id=owner.id,
            )
            registration.sudo().write(
                {
                    "question_user_id": owner.id,
                    "question_deadline": deadline,
                    "question_activity_id": activity.id,
                }
            )

    def _follow_question_changes(self, vals):
        """The to-do of an open question follows its owner and deadline."""
        for registration in self.filtered(lambda r: r.question_activity_id):
            activity_vals = {}
            if vals.get("question_user_id"):
                activity_vals["user_id"] = vals["question_user_id"]
            if vals.get("question_deadline"):
                activity_vals["date_deadline"] = vals["question_deadline"]
            if "question" in vals and registration.question:
                activity_vals["note"] = registration.question
            if activity_vals:
                registration.question_activity_id.sudo().write(activity_vals)

    def _transition_refusal(self, field_names):
        if "owner_notified_date" in field_names:
            return UserError(
                _(
                    "%(records)s: the owner is told when the attendee checks in, once; that "
                    "date cannot be changed by hand.",
                    records=", ".join(self.mapped("display_name")),
                )
            )
        return UserError(
            _(
                "%(records)s: mark a question answered with its button or its to-do; the "
                "segment follow-up is planned by the scheduled job.",
                records=", ".join(self.mapped("display_name")),
            )
        )

    def action_question_answered(self):
        """The owner answered the question: its to-do is done."""
        for registration in self:
            if not registration.question:
                raise UserError(
                    _(
                        "%(name)s asked no question: write the question first, then mark "
                        "it answered.",
                        name=registration.name,
                    )
                )
            if registration.question_answered:
                raise UserError(
                    _(
                        "The question of %(name)s is already answered.",
                        name=registration.name,
                    )
                )
        self.check_access("write")
        activities = self.question_activity_id.sudo()
        self.sudo()._transition_write({"question_answered": True})
        activities.exists().action_feedback(feedback=_("Question answered"))
        return True

    @api.model
    def _cron_segment_follow_up(self):
        """Once an event is over, each attendee whose segment names a follow-up (an
        offer, a call, a club invitation) gets one for the client's owner."""
        types = {
            "offer": self.env.ref("client_events.mail_activity_type_segment_offer"),
            "call": self.env.ref("client_events.mail_activity_type_segment_call"),
            "club": self.env.ref("client_events.mail_activity_type_segment_club"),
        }
        registrations = self.sudo().search(
            [
                ("state", "=", "done"),
                ("segment_follow_up_done", "=", False),
                ("event_id.date_end", "<", fields.Datetime.now()),
                "|",
                ("partner_id.client_segment_id.follow_up", "!=", False),
                ("partner_id.commercial_partner_id.client_segment_id.follow_up", "!=", False),
            ]
        )
        for registration in registrations:
            segment = registration.partner_id._get_client_segment()
            if not segment.follow_up:
                continue
            owner = registration._get_client_owner()
            activity_type = types[segment.follow_up]
            registration.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=activity_type._get_date_deadline(),
                summary=_(
                    "%(follow_up)s for %(client)s (%(segment)s), after %(event)s",
                    follow_up=activity_type.with_context(lang=owner.lang).name,
                    client=registration.partner_id.display_name,
                    segment=segment.with_context(lang=owner.lang).name,
                    event=registration.event_id.name,
                ),
                user_id=owner.id,
            )
        registrations._transition_write({"segment_follow_up_done": True})
        return registrations

    # ------------------------------------------------------------
    # At the door: the owner of a top client is told when the client checks in
    # ------------------------------------------------------------

    owner_notified_date = fields.Datetime(
        string="Owner Notified On",
        readonly=True,
        copy=False,
        help="When the client's owner was told that the attendee checked in (clients of a "
        "top segment, and key accounts): once per registration.",
    )

    def _get_checkin_owners(self):
        """{registration: users to tell at once} of these checked-in registrations.

        The owner (salesperson) of an attendee of a top segment, or of its company in
        one, else its company's owner. big_account adds the team of a key account.
        Runs as superuser: whoever scans the badge need not see the client's file.
        """
        owners = {}
        for registration in self:
            partner = registration.partner_id
            commercial = partner.commercial_partner_id
            if partner and (
                partner.client_segment_id.is_top or commercial.client_segment_id.is_top
            ):
                user = partner._get_client_salesperson()
                if user:
                    owners[registration] = user
        return owners

    def _notify_checkin_owners(self):
        """Tell the owners of the checked-in top clients at once (a bus notification and
        a to-do activity on the registration), once per registration."""
        todo = self.sudo().filtered(lambda r: r.state == "done" and not r.owner_notified_date)
        if not todo:
            return
        notified = todo.browse()
        for registration, users in todo._get_checkin_owners().items():
            for user in users.filtered("active"):
                registration.with_context(lang=user.lang)._notify_checkin_owner(user)
            notified |= registration
        notified._transition_write({"owner_notified_date": fields.Datetime.now()})

    def _notify_checkin_owner(self, user):
        self.ensure_one()
        partner = self.partner_id
        segment = partner._get_client_segment()
        if segment:
            message = _(
                "%(client)s (%(segment)s) has just checked in at %(event)s: please greet them.",
                client=partner.display_name,
                segment=segment.name,
                event=self.event_id.name,
            )
        else:
            message = _(
                "%(client)s has just checked in at %(event)s: please greet them.",
                client=partner.display_name,
                event=self.event_id.name,
            )
        user._bus_send(
            "simple_notification",
            {"type": "info", "title": _("Client at the door"), "message": message, "sticky": True},
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.context_today(self),
            summary=_("Greet %(client)s", client=partner.display_name),
            note=message,
            user_id=user.id,
        )
