from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventNomination(ClientEventsExecutionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        # sales reps and key-account owners nominate (Sales: own documents)
        cls.rep = new_test_user(
            cls.env,
            "nom_rep",
            name="Rep Wang",
            groups="sales_team.group_sale_salesman",
            context=ctx,
        )
        cls.rep_2 = new_test_user(
            cls.env,
            "nom_rep_2",
            name="Rep Sun",
            groups="sales_team.group_sale_salesman",
            context=ctx,
        )
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create({"name": "Acme Trading", "is_company": True})
        cls.acme_ma, cls.acme_lin, cls.acme_zhou = Partner.create(
            [
                {
                    "name": f"Acme {name}",
                    "email": f"{name.lower()}@acme.example",
                    "parent_id": cls.acme.id,
                }
                for name in ("Ma", "Lin", "Zhou")
            ]
        )
        cls.solo = Partner.create({"name": "Client Solo", "email": "solo@example.com"})
        cls.top_segment = cls.env["client.segment"].create({"name": "Loyal", "is_top": True})
        cls.acme_ma.sudo().client_segment_id = cls.top_segment
        # the event's planning group: planner_2 decides on its nominations too
        cls.planning_group = cls.env["event.planning.group"].create(
            {
                "name": "Marketing East",
                "member_ids": [Command.create({"user_id": cls.planner_2.id})],
            }
        )
        cls.event.sudo().planning_group_id = cls.planning_group

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """As ``assertRaises``: what the refused call did is rolled back, as in the UI."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    def _nominate(self, partner, user=None, event=None, **values):
        return (
            self.env["event.nomination"]
            .with_user(user or self.rep)
            .create({"event_id": (event or self.event).id, "partner_id": partner.id, **values})
        )

    def _invited(self, partner, **values):
        nomination = self._nominate(partner, **values)
        nomination.with_user(self.planner).action_approve()
        nomination.with_user(self.planner).action_invite()
        return nomination

    # ------------------------------------------------------------
    # Nominating
    # ------------------------------------------------------------

    def test_new_nomination_form(self):
        """The "New" form opens before an event is picked, then shows its deadline."""
        Nomination = self.env["event.nomination"].with_user(self.rep)
        new = Nomination.new({})
        self.assertFalse(new.rsvp_deadline)
        new.event_id = self.event
        self.assertEqual(new.rsvp_deadline, self.event.date_begin)

    def test_rep_nominates_with_account_and_segment_of_the_day(self):
        nomination = self._nominate(self.acme_ma, note="Decides the 2027 budget")
        self.assertEqual(nomination.state, "proposed")
        self.assertEqual(nomination.nominated_by_id, self.rep)
        self.assertEqual(nomination.commercial_partner_id, self.acme)
        self.assertEqual(nomination.segment_id, self.top_segment)
        # the segment is the one of the day of the nomination
        self.acme_ma.sudo().client_segment_id = False
        self.assertEqual(nomination.segment_id, self.top_segment)
        self.assertFalse(self._nominate(self.solo).segment_id)

    def test_guest_nominated_once_per_event(self):
        self._nominate(self.acme_ma)
        with self.assertRaisesRegex(
            ValidationError, "Acme Ma is already nominated for Client Seminar Hangzhou"
        ):
            self._nominate(self.acme_ma, user=self.rep_2)

    def test_rep_writes_only_his_own_nominations(self):
        nomination = self._nominate(self.acme_ma)
        self.assertEqual(nomination.with_user(self.rep_2).note, False)
        with self.assertRaises(AccessError):
            nomination.with_user(self.rep_2).note = "Mine now"
        with self.assertRaises(AccessError):
            self._nominate(self.acme_lin, user=self.rep_2, nominated_by_id=self.rep.id)
        nomination.with_user(self.rep).note = "Met him at the fair"
        self.assertEqual(nomination.note, "Met him at the fair")

    def test_employee_without_sales_rights_cannot_nominate(self):
        employee = new_test_user(self.env, "nom_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._nominate(self.acme_ma, user=employee)

    # ------------------------------------------------------------
    # Quotas
    # ------------------------------------------------------------

    def test_quota_per_account(self):
        self.event.nomination_quota_account = 2
        first = self._nominate(self.acme_ma)
        self._nominate(self.acme_lin, user=self.rep_2)
        with self.assertRaisesRegex(
            ValidationError,
            "Acme Trading already has 2 nominations for Client Seminar Hangzhou, the most "
            "the event allows per account",
        ):
            self._nominate(self.acme_zhou)
        # another account is not concerned
        self._nominate(self.solo)
        # a refused nomination frees its seat
        first.with_user(self.planner).action_refuse("Already invited to the gala")
        self.assertEqual(self._nominate(self.acme_zhou).state, "proposed")

    def test_quota_per_nominator(self):
        self.event.nomination_quota_user = 1
        self._nominate(self.acme_ma)
        with self.assertRaisesRegex(
            ValidationError,
            "Rep Wang already has 1 nominations for Client Seminar Hangzhou, the most the "
            "event allows per nominator",
        ):
            self._nominate(self.solo)
        # the quota is per nominator: another rep still nominates
        self._nominate(self.solo, user=self.rep_2)

    def test_no_quota_means_no_limit(self):
        self.assertEqual(self.event.nomination_quota_account, 0)
        self.assertEqual(self.event.nomination_quota_user, 0)
        nominations = self._nominate(self.acme_ma) | self._nominate(self.acme_lin)
        nominations |= self._nominate(self.acme_zhou)
        self.assertEqual(len(nominations), 3)

    def test_quota_counts_a_batch_at_once(self):
        self.event.nomination_quota_account = 1
        with self.assertRaisesRegex(ValidationError, "Acme Trading already has 1 nominations"):
            self.env["event.nomination"].with_user(self.rep).create(
                [
                    {"event_id": self.event.id, "partner_id": partner.id}
                    for partner in (self.acme_ma, self.acme_lin)
                ]
            )

    # ------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------

    def test_planner_of_the_event_approves(self):
        nomination = self._nominate(self.acme_ma)
        self.assertTrue(nomination.with_user(self.planner).can_decide)
        self.assertFalse(nomination.with_user(self.rep).can_decide)
        nomination.with_user(self.planner).action_approve()
        self.assertEqual(nomination.state, "approved")
        self.assertEqual(nomination.decided_by_id, self.planner)
        with self.assertRaisesRegex(UserError, "only a proposed nomination can be approved"):
            nomination.with_user(self.planner_2).action_approve()

    def test_planning_group_member_approves(self):
        nomination = self._nominate(self.acme_ma)
        nomination.with_user(self.planner_2).action_approve()
        self.assertEqual(nomination.decided_by_id, self.planner_2)

    def test_nobody_approves_his_own_nomination(self):
        nomination = self._nominate(self.acme_ma, user=self.planner)
        self.assertFalse(nomination.with_user(self.planner).can_decide)
        with self.assertRaisesRegex(
            AccessError,
            "You nominated Acme Ma for Client Seminar Hangzhou, so you cannot approve the "
            "nomination: another planner of the event must decide",
        ):
            nomination.with_user(self.planner).action_approve()
        with self.assertRaisesRegex(AccessError, "so you cannot refuse the nomination"):
            nomination.with_user(self.planner).action_refuse("Changed my mind")
        self.assertEqual(nomination.state, "proposed")
        # the events administrator, too, decides on others' nominations only
        own = self._nominate(self.solo, user=self.ce_manager)
        with self.assertRaisesRegex(AccessError, "You nominated Client Solo"):
            own.with_user(self.ce_manager).action_approve()
        nomination.with_user(self.planner_2).action_approve()
        self.assertEqual(nomination.state, "approved")

    def test_only_the_event_planners_decide(self):
        nomination = self._nominate(self.acme_ma)
        outsider = new_test_user(
            self.env, "nom_other_planner", groups="client_events.group_planner"
        )
        for user in (outsider, self.rep, self.desk_user):
            with self.assertRaisesRegex(
                AccessError, "Only the planners of Client Seminar Hangzhou"
            ):
                nomination.with_user(user).action_approve()
        self.assertEqual(nomination.state, "proposed")
        nomination.with_user(self.ce_manager).action_approve()
        self.assertEqual(nomination.state, "approved")

    def test_refusal_needs_a_reason_and_tells_the_nominator(self):
        nomination = self._nominate(self.acme_ma)
        with self.assertRaisesRegex(UserError, "Write the reason of the refusal of Acme Ma"):
            nomination.with_user(self.planner).action_refuse()
        self.assertEqual(nomination.state, "proposed")
        nomination.with_user(self.planner).refusal_reason = "Not a decision maker"
        nomination.with_user(self.planner).action_refuse()
        self.assertEqual(nomination.state, "refused")
        self.assertEqual(nomination.refusal_reason, "Not a decision maker")
        self.assertIn(self.rep.partner_id, nomination.message_ids[0].partner_ids)
        with self.assertRaisesRegex(UserError, "only an approved nomination is invited"):
            nomination.with_user(self.planner).action_invite()

    def test_decided_nomination_keeps_its_guest(self):
        nomination = self._nominate(self.acme_ma)
        nomination.with_user(self.planner).action_approve()
        with self.assertRaisesRegex(UserError, "its event and guest cannot be changed"):
            nomination.with_user(self.planner).partner_id = self.acme_lin
        self.assertEqual(nomination.partner_id, self.acme_ma)

    # ------------------------------------------------------------
    # Invitation
    # ------------------------------------------------------------

    def test_no_invitation_before_the_proposal_is_approved(self):
        draft = self._create_event("Draft Seminar", participants=40)
        nomination = self._nominate(self.acme_ma, event=draft)
        nomination.with_user(self.planner).action_approve()
        mails_before = self.env["mail.mail"].search_count([])
        with self.assertRaisesRegex(
            UserError, "Draft Seminar cannot send invitations before its proposal is approved"
        ):
            nomination.with_user(self.planner).action_invite()
        self.assertEqual(nomination.state, "approved")
        self.assertFalse(nomination.sudo().access_token)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

    def test_invitation_carries_a_personal_link(self):
        nomination = self._invited(self.acme_ma)
        self.assertEqual(nomination.state, "invited")
        token = nomination.sudo().access_token
        self.assertGreaterEqual(len(token), 40)
        self.assertTrue(
            nomination.with_user(self.planner).rsvp_url.endswith(
                f"/event/rsvp/{nomination.id}/{token}"
            )
        )
        mail = self.env["mail.mail"].search([("model", "=", "event.nomination")], limit=1)
        self.assertEqual(mail.res_id, nomination.id)
        self.assertEqual(mail.recipient_ids, self.acme_ma)
        self.assertEqual(mail.subject, "Invitation: Client Seminar Hangzhou")
        self.assertIn(f"/event/rsvp/{nomination.id}/{token}", mail.body_html)
        # a sales rep never sees the guest's key
        with self.assertRaises(AccessError):
            nomination.with_user(self.rep).read(["access_token"])
        self.assertEqual(self.event._get_invited_partner_ids()[self.event.id], {self.acme_ma.id})

    def test_invitation_needs_the_guest_e_mail(self):
        nomination = self._nominate(self.env["res.partner"].create({"name": "No Mail Wu"}))
        nomination.with_user(self.planner).action_approve()
        with self.assertRaisesRegex(UserError, "No Mail Wu has no e-mail"):
            nomination.with_user(self.planner).action_invite()
        self.assertEqual(nomination.state, "approved")

    def test_invitation_after_the_deadline_is_refused(self):
        self.event.rsvp_deadline = "2027-02-28 12:00:00"
        nomination = self._nominate(self.acme_ma)
        nomination.with_user(self.planner).action_approve()
        with self.assertRaisesRegex(UserError, "The answers to Client Seminar Hangzhou closed"):
            nomination.with_user(self.planner).action_invite()

    def test_only_the_planner_invites(self):
        nomination = self._nominate(self.acme_ma)
        nomination.with_user(self.planner).action_approve()
        with self.assertRaisesRegex(AccessError, "Only the planners of Client Seminar Hangzhou"):
            nomination.with_user(self.rep).action_invite()

    # ------------------------------------------------------------
    # The status is written by the transitions only
    # ------------------------------------------------------------

    def test_state_written_only_by_methods(self):
        nomination = self._nominate(self.acme_ma)
        message = "the status of a nomination changes only with its buttons"
        for user in (self.rep, self.planner, self.ce_manager):
            with self.assertRaisesRegex(UserError, message):
                nomination.with_user(user).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, message):
            nomination.sudo().write({"state": "accepted"})
        with self.assertRaisesRegex(UserError, message):
            nomination.sudo().write(
                {
                    "registration_id": self.env["event.registration"]
                    .create({"event_id": self.event.id, "partner_id": self.acme_ma.id})
                    .id
                }
            )
        with self.assertRaisesRegex(UserError, message):
            self._nominate(self.acme_lin, user=self.planner, state="invited")
        with self.assertRaisesRegex(UserError, message):
            self.env["event.nomination"].with_user(self.planner).with_context(
                default_state="accepted"
            ).create({"event_id": self.event.id, "partner_id": self.acme_zhou.id})
        self.assertEqual(nomination.state, "proposed")

    # ------------------------------------------------------------
    # Answers and figures
    # ------------------------------------------------------------

    def test_accept_confirms_an_existing_registration(self):
        # invited by the Invite wizard before: a draft registration
        existing = self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": self.acme_ma.id, "state": "draft"}
        )
        nomination = self._invited(self.acme_ma)
        nomination.sudo()._rsvp_accept()
        self.assertEqual(nomination.registration_id, existing)
        self.assertEqual(existing.state, "open")
        self.assertEqual(
            self.env["event.registration"].search_count(
                [("event_id", "=", self.event.id), ("partner_id", "=", self.acme_ma.id)]
            ),
            1,
        )

    def test_answer_changes_until_the_deadline(self):
        nomination = self._invited(self.acme_ma)
        nomination.sudo()._rsvp_accept()
        registration = nomination.registration_id
        self.assertEqual(registration.state, "open")
        nomination.sudo()._rsvp_decline()
        self.assertEqual((nomination.state, registration.state), ("declined", "cancel"))
        nomination.sudo()._rsvp_accept()
        self.assertEqual((nomination.state, registration.state), ("accepted", "open"))
        self.event.rsvp_deadline = "2027-02-28 12:00:00"
        with self.assertRaisesRegex(UserError, "This invitation has expired"):
            nomination.sudo()._rsvp_decline()
        self.assertEqual(nomination.state, "accepted")

    def test_invited_accepted_declined_no_answer(self):
        """The planner's figures: per event, per segment and per account."""
        empty = self.event
        self.assertEqual(
            (
                empty.nomination_count,
                empty.nomination_invited_count,
                empty.nomination_accepted_count,
                empty.nomination_declined_count,
                empty.nomination_substituted_count,
                empty.nomination_pending_count,
            ),
            (0, 0, 0, 0, 0, 0),
        )
        self.assertEqual(empty._get_invited_partner_ids(), {empty.id: set()})
        ma, lin, zhou = (self._invited(p) for p in (self.acme_ma, self.acme_lin, self.acme_zhou))
        solo = self._invited(self.solo)
        self._nominate(self.env["res.partner"].create({"name": "Proposed Only"}))
        ma.sudo()._rsvp_accept()
        lin.sudo()._rsvp_decline()
        substitute = zhou.sudo()._rsvp_substitute("Acme Qian", "qian@acme.example", "555")
        self.event.invalidate_recordset()
        # 6 nominations: 5 invited (4 + the substitute) = 2 accepted + 1 declined
        # + 1 substituted + 1 without answer; the proposed one is not invited
        self.assertEqual(
            (
                self.event.nomination_count,
                self.event.nomination_invited_count,
                self.event.nomination_accepted_count,
                self.event.nomination_declined_count,
                self.event.nomination_substituted_count,
                self.event.nomination_pending_count,
            ),
            (6, 5, 2, 1, 1, 1),
        )
        self.assertEqual(solo.state, "invited")
        self.assertEqual(substitute.partner_id.parent_id, self.acme)
        by_segment = {
            (segment.name, state): count
            for segment, state, count in self.env["event.nomination"]._read_group(
                [("event_id", "=", self.event.id)], ["segment_id", "state"], ["__count"]
            )
        }
        self.assertEqual(by_segment[("Loyal", "accepted")], 1)
        self.assertEqual(by_segment[(False, "accepted")], 1)
        by_account = {
            (account.name, state): count
            for account, state, count in self.env["event.nomination"]._read_group(
                [("event_id", "=", self.event.id), ("invited_date", "!=", False)],
                ["commercial_partner_id", "state"],
                ["__count"],
            )
        }
        self.assertEqual(
            by_account,
            {
                ("Acme Trading", "accepted"): 2,
                ("Acme Trading", "declined"): 1,
                ("Acme Trading", "substituted"): 1,
                ("Client Solo", "invited"): 1,
            },
        )
        self.assertEqual(
            self.event._get_invited_partner_ids()[self.event.id],
            {
                self.acme_ma.id,
                self.acme_lin.id,
                self.acme_zhou.id,
                self.solo.id,
                substitute.partner_id.id,
            },
        )
        action = self.event.action_view_nominations()
        self.assertEqual(self.env["event.nomination"].search_count(action["domain"]), 6)

    def test_counts_of_many_events_in_one_query(self):
        events = self.event | self._create_event("Second Seminar")
        self._nominate(self.acme_ma)
        events.invalidate_recordset()
        with self.assertQueryCount(1):
            counts = events.mapped("nomination_count")
        self.assertEqual(counts, [1, 0])

    def test_refusals_of_the_guest_and_of_past_events(self):
        nomination = self._invited(self.acme_ma)
        with self.assertRaisesRegex(UserError, "Acme Ma for Client Seminar Hangzhou was invited"):
            nomination.with_user(self.planner).unlink()
        with self.assertRaisesRegex(ValidationError, "Your substitute is someone else"):
            nomination.sudo()._rsvp_substitute("Ma Again", "MA@acme.example")
        nomination.sudo()._rsvp_substitute("Acme Qian", "qian@acme.example")
        with self.assertRaisesRegex(UserError, "This invitation has already been answered"):
            nomination.sudo()._rsvp_accept()
        self.assertEqual(nomination.state, "substituted")
        # a proposed nomination is withdrawn freely
        withdrawn = self._nominate(self.solo)
        withdrawn.with_user(self.rep_2).check_access("read")
        withdrawn.with_user(self.planner).unlink()
        self.assertFalse(withdrawn.exists())
        past = self._create_event("Last Year's Gala")
        self._move_to_past(past)
        with self.assertRaisesRegex(
            UserError, "Last Year's Gala is over: nobody can be nominated"
        ):
            self._nominate(self.solo, event=past)
