from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestEventGating(ClientEventsCommon):
    def _register(self, event, user=None, **values):
        return (
            self.env["event.registration"]
            .with_user(user or self.planner)
            .create({"event_id": event.id, "partner_id": self.attendee.id, **values})
        )

    def test_refuse_registration_before_approval(self):
        event = self._create_event()
        with self.assertRaisesRegex(
            UserError, "Client Seminar cannot confirm registrations before its proposal"
        ):
            self._register(event)
        draft = self._register(event, state="draft")
        with self.assertRaisesRegex(UserError, "cannot confirm registrations"):
            draft.action_confirm()
        with self.assertRaisesRegex(UserError, "cannot send invitations"):
            draft.action_send_badge_email()
        event.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "cannot confirm registrations"):
            draft.action_confirm()
        self._approve_all(event)
        draft.action_confirm()
        self.assertEqual(draft.state, "open")
        self.assertEqual(event.seats_reserved, 1)

    def test_refuse_stage_and_publish_before_approval(self):
        event = self._create_event()
        booked = self.env.ref("event.event_stage_booked")
        with self.assertRaisesRegex(UserError, "cannot move to Booked before its proposal"):
            event.write({"stage_id": booked.id})
        with self.assertRaisesRegex(UserError, "cannot be published"):
            event.write({"is_published": True})
        # cancelling is always possible
        event.write({"stage_id": self.env.ref("event.event_stage_cancelled").id})
        self.assertEqual(event.stage_id, self.env.ref("event.event_stage_cancelled"))

    def test_stage_after_approval(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        self._approve_all(event)
        event.write({"stage_id": self.env.ref("event.event_stage_announced").id})
        self.assertEqual(event.stage_id, self.env.ref("event.event_stage_announced"))

    def test_event_without_approval_type_unchanged(self):
        """Events of other types, and events created before the flag, run as before."""
        plain = (
            self.env["event.event"]
            .with_user(self.event_user)
            .create(
                {
                    "name": "Team meetup",
                    "event_type_id": self.plain_type.id,
                    "date_begin": datetime(2027, 5, 10, 9),
                    "date_end": datetime(2027, 5, 10, 12),
                }
            )
        )
        no_type = (
            self.env["event.event"]
            .with_user(self.event_user)
            .create(
                {
                    "name": "Untyped event",
                    "date_begin": datetime(2027, 6, 10, 9),
                    "date_end": datetime(2027, 6, 10, 12),
                }
            )
        )
        for event in plain | no_type:
            self.assertFalse(event.approval_required)
            self.assertEqual(event.approval_state, "draft")
            event.write({"stage_id": self.env.ref("event.event_stage_announced").id})
            registration = self._register(event, user=self.event_user)
            self.assertEqual(registration.state, "open")
            registration.action_set_done()
            self.assertEqual(registration.state, "done")
            self.assertEqual(event.seats_used, 1)
            with self.assertRaisesRegex(UserError, "does not need approval"):
                event.action_submit_for_approval()

    def test_type_flag_set_later_does_not_break_existing_registrations(self):
        legacy_type = self.env["event.type"].create({"name": "Legacy"})
        legacy = self.env["event.event"].create(
            {
                "name": "Legacy event",
                "event_type_id": legacy_type.id,
                "date_begin": datetime(2027, 5, 10, 9),
                "date_end": datetime(2027, 5, 10, 12),
            }
        )
        registration = self._register(legacy, user=self.event_user)
        self.assertEqual(registration.state, "open")
        self.assertFalse(legacy.approval_required)

    def test_mail_schedulers_wait_for_approval(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        reminder = self.env["event.mail"].create(
            {
                "event_id": event.id,
                "interval_type": "before_event",
                "interval_nbr": 100,
                "interval_unit": "days",
                "template_ref": f"mail.template,{self.env.ref('event.event_reminder').id}",
            }
        )
        self.assertLess(reminder.scheduled_date, datetime(2027, 3, 1, 9), "due")
        reminder.execute()
        self.assertFalse(reminder.mail_done, "the reminder waits while the proposal does")
        event.action_submit_for_approval()
        reminder.execute()
        self.assertFalse(reminder.mail_done, "and while it is reviewed")
        self._approve_all(event)
        reminder.execute()
        self.assertTrue(reminder.mail_done)
