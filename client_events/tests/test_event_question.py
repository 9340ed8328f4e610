from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventQuestion(ClientEventsExecutionCommon):
    """An attendee who asked a question gets an owner, a deadline and an answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_rep = new_test_user(cls.env, "ce_q_sales", groups="base.group_user")
        cls.company_rep = new_test_user(cls.env, "ce_q_company", groups="base.group_user")
        cls.event.user_id = cls.planner
        cls.client_company = cls.env["res.partner"].create(
            {"name": "Sun Trading", "is_company": True, "user_id": cls.company_rep.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Li Wei", "parent_id": cls.client_company.id}
        )

    def _register(self, partner, **values):
        return self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": partner.id, **values}
        )

    def _question_activities(self, registration):
        return registration.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("client_events.mail_activity_type_event_followup")
            )
        )

    def test_question_at_the_desk_goes_to_the_owner_by_a_deadline(self):
        """Owner: the contact's salesperson, else its company's, else the event's
        responsible; deadline: three days (the Event Follow-up type's delay)."""
        own = self._register(self.attendee.copy({"user_id": self.sales_rep.id}))
        form = Form(self.env["event.registration"].with_user(self.desk_user))
        form.event_id = self.event
        form.partner_id = self.contact
        form.question = "Is the tax seminar recorded?"
        of_company = form.save()
        of_event = self._register(self.attendee, question="Where do I park?")
        own.question = "Can I bring a colleague?"

        self.assertEqual(own.question_user_id, self.sales_rep)
        self.assertEqual(of_company.question_user_id, self.company_rep)
        self.assertEqual(of_event.question_user_id, self.planner)
        for registration in own | of_company | of_event:
            self.assertEqual(registration.question_deadline, date(2027, 3, 4))
            activity = self._question_activities(registration)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity, registration.question_activity_id)
            self.assertEqual(activity.user_id, registration.question_user_id)
            self.assertEqual(activity.date_deadline, date(2027, 3, 4))
        self.assertIn("recorded", str(of_company.question_activity_id.note))

        # a new owner and deadline move the to-do; no second to-do
        of_event.write({"question_user_id": self.sales_rep.id, "question_deadline": "2027-03-10"})
        self.assertEqual(of_event.question_activity_id.user_id, self.sales_rep)
        self.assertEqual(of_event.question_activity_id.date_deadline, date(2027, 3, 10))
        self.assertEqual(len(self._question_activities(of_event)), 1)

    def test_no_question_no_owner(self):
        registration = self._register(self.contact)
        self.assertFalse(registration.question_user_id)
        self.assertFalse(registration.question_deadline)
        self.assertFalse(registration.question_activity_id)
        self.assertFalse(self._question_activities(registration))

    def test_open_and_overdue_questions(self):
        answered, open_, overdue, none = (
            self._register(self.contact, question="Slides?"),
            self._register(self.contact, question="Invoice?"),
            self._register(self.contact, question="Parking?", question_deadline="2027-02-27"),
            self._register(self.contact),
        )
        answered.action_question_answered()
        Registration = self.env["event.registration"]
        in_event = [("event_id", "=", self.event.id)]
        self.assertEqual(overdue.question_deadline, date(2027, 2, 27))
        self.assertEqual(
            Registration.search([*in_event, ("question_overdue", "=", True)]), overdue
        )
        self.assertEqual(
            Registration.search([*in_event, ("question_overdue", "=", False)]),
            answered | open_ | none,
        )
        self.assertEqual(
            (answered | open_ | overdue | none).mapped("question_overdue"),
            [False, False, True, False],
        )
        # the search view's Open Questions filter
        view = self.env.ref("client_events.view_registration_search_followup")
        self.assertIn('name="open_questions"', view.arch)
        self.assertEqual(
            Registration.search(
                [*in_event, ("question", "!=", False), ("question_answered", "=", False)]
            ),
            open_ | overdue,
        )

    def test_answering_closes_the_to_do(self):
        registration = self._register(self.contact, question="Slides?")
        activity = registration.question_activity_id
        registration.with_user(self.desk_user).action_question_answered()
        self.assertTrue(registration.question_answered)
        self.assertFalse(activity.exists() and activity.active)
        self.assertFalse(self._question_activities(registration))

    def test_done_to_do_answers_the_question(self):
        registration = self._register(self.contact, question="Slides?")
        registration.question_activity_id.with_user(self.company_rep).sudo().action_feedback(
            feedback="Sent them"
        )
        self.assertTrue(registration.question_answered)

    def test_refusals(self):
        registration = self._register(self.contact)
        with self.assertRaisesRegex(UserError, "Li Wei asked no question: write the question"):
            registration.action_question_answered()
        registration.question = "Slides?"
        registration.action_question_answered()
        with self.assertRaisesRegex(UserError, "The question of Li Wei is already answered"):
            registration.action_question_answered()
        other = self._register(self.contact, question="Invoice?")
        with self.assertRaisesRegex(UserError, "mark a question answered with its button"):
            other.write({"question_answered": True})
        with self.assertRaisesRegex(UserError, "mark a question answered with its button"):
            other.sudo().write({"segment_follow_up_done": True})
        self.assertFalse(other.question_answered)


@tagged("post_install", "-at_install")
class TestSegmentFollowUp(ClientEventsExecutionCommon):
    """After an event, each attendee whose segment names a follow-up gets one, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_rep = new_test_user(cls.env, "ce_seg_sales", groups="base.group_user")
        cls.event.user_id = cls.planner
        Segment = cls.env["client.segment"]
        cls.seg_call = Segment.create({"name": "Loyal FB", "follow_up": "call"})
        cls.seg_offer = Segment.create({"name": "Promising FB", "follow_up": "offer"})
        cls.seg_club = Segment.create({"name": "Champions FB", "follow_up": "club"})
        cls.seg_none = Segment.create({"name": "Dormant FB"})
        Partner = cls.env["res.partner"]
        cls.caller = Partner.create(
            {"name": "Call Me", "user_id": cls.sales_rep.id, "client_segment_id": cls.seg_call.id}
        )
        cls.offered = Partner.create({"name": "Offer Me", "client_segment_id": cls.seg_offer.id})
        cls.member = Partner.create({"name": "Club Me", "client_segment_id": cls.seg_club.id})
        cls.unsegmented = Partner.create({"name": "No Segment"})
        cls.dormant = Partner.create({"name": "Dormant", "client_segment_id": cls.seg_none.id})
        cls.absent = Partner.create({"name": "Absent", "client_segment_id": cls.seg_call.id})
        # segments are measured on companies: their people follow them
        club_company = Partner.create(
            {"name": "Club Co", "is_company": True, "client_segment_id": cls.seg_club.id}
        )
        cls.colleague = Partner.create({"name": "Club Colleague", "parent_id": club_company.id})
        Registration = cls.env["event.registration"]
        cls.registrations = Registration.create(
            [
                {"event_id": cls.event.id, "partner_id": partner.id}
                for partner in (
                    cls.caller,
                    cls.offered,
                    cls.member,
                    cls.unsegmented,
                    cls.dormant,
                    cls.colleague,
                )
            ]
        )
        cls.registrations.action_set_done()
        cls.absent_registration = Registration.create(
            {"event_id": cls.event.id, "partner_id": cls.absent.id}
        )

    def _segment_activities(self):
        types = (
            self.env.ref("client_events.mail_activity_type_segment_offer")
            | self.env.ref("client_events.mail_activity_type_segment_call")
            | self.env.ref("client_events.mail_activity_type_segment_club")
        )
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "event.registration"),
                ("res_id", "in", (self.registrations | self.absent_registration).ids),
                ("activity_type_id", "in", types.ids),
            ]
        )

    def test_nothing_before_the_event_ends(self):
        self.env["event.registration"]._cron_segment_follow_up()
        self.assertFalse(self._segment_activities())
        self.assertFalse(any(self.registrations.mapped("segment_follow_up_done")))

    def test_each_attendee_of_a_segment_gets_its_follow_up_once(self):
        self._move_to_past(self.event)
        self.env["event.registration"]._cron_segment_follow_up()
        activities = self._segment_activities()
        by_partner = {
            self.env["event.registration"].browse(a.res_id).partner_id: a for a in activities
        }
        self.assertEqual(set(by_partner), {self.caller, self.offered, self.member, self.colleague})
        self.assertEqual(
            by_partner[self.colleague].activity_type_id,
            self.env.ref("client_events.mail_activity_type_segment_club"),
        )
        self.assertEqual(
            by_partner[self.caller].activity_type_id,
            self.env.ref("client_events.mail_activity_type_segment_call"),
        )
        self.assertEqual(by_partner[self.caller].user_id, self.sales_rep)
        self.assertEqual(by_partner[self.caller].date_deadline, date(2027, 3, 4))
        self.assertEqual(
            by_partner[self.offered].activity_type_id,
            self.env.ref("client_events.mail_activity_type_segment_offer"),
        )
        self.assertEqual(by_partner[self.offered].user_id, self.planner)
        self.assertEqual(by_partner[self.offered].date_deadline, date(2027, 3, 8))
        self.assertEqual(
            by_partner[self.member].activity_type_id,
            self.env.ref("client_events.mail_activity_type_segment_club"),
        )
        self.assertEqual(by_partner[self.member].date_deadline, date(2027, 3, 15))
        self.assertIn("Loyal FB", by_partner[self.caller].summary)
        # once: the job runs again the next day
        by_partner[self.caller].action_feedback(feedback="Called")
        self.env["event.registration"]._cron_segment_follow_up()
        self.assertEqual(self._segment_activities(), activities - by_partner[self.caller])
