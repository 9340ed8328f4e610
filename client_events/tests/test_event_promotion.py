from datetime import datetime

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, freeze_time, tagged

from odoo.addons.sms.tests.common import MockSMS

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestEventPromotion(ClientEventsCommon, MockSMS):
    """The promotion plan as a schedule of mails and SMS on the event's communications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_email = cls.env.ref("client_events.event_promotion_channel_email")
        cls.channel_sms = cls.env.ref("client_events.event_promotion_channel_sms")
        cls.channel_poster = cls.env.ref("client_events.event_promotion_channel_poster")
        (cls.channel_email | cls.channel_sms).invalidate_recordset()
        cls.clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Client {n}",
                    "email": f"client{n}@example.com",
                    "phone": f"+8613800000{n:03d}",
                }
                for n in range(1, 4)
            ]
        )

    def _promotion_event(self, channels=None):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.promotion_channel_ids = channels or (self.channel_email | self.channel_sms)
        event.action_build_promotion_schedule()
        return event

    def _invite(self, event, partners):
        return self.env["event.registration"].create(
            [
                {
                    "event_id": event.id,
                    "partner_id": partner.id,
                    "state": "draft",
                    "invited_date": fields.Datetime.now(),
                }
                for partner in partners
            ]
        )

    def _lines(self, event, stage, notification_type):
        return event.event_mail_ids.filtered(
            lambda line: (
                line.promotion_stage == stage and line.notification_type == notification_type
            )
        )

    def _mails_of(self, registrations):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "event.registration"), ("res_id", "in", registrations.ids)])
        )

    def _sms_of(self, partners):
        return self.env["sms.sms"].sudo().search([("partner_id", "in", partners.ids)])

    def test_shipped_channels_are_scheduled(self):
        self.assertEqual(self.channel_email.notification_type, "mail")
        self.assertEqual(self.channel_sms.notification_type, "sms")
        self.assertFalse(self.channel_poster.notification_type)

    def test_schedule_built_from_plan(self):
        event = self._promotion_event(self.channel_email | self.channel_sms | self.channel_poster)
        promotion = event.event_mail_ids.filtered("promotion_stage")
        self.assertEqual(len(promotion), 6, "three stages, by mail and by SMS; posters by hand")
        expected = {
            "announcement": datetime(2027, 4, 26, 9, 0),
            "countdown": datetime(2027, 5, 7, 9, 0),
            "last_call": datetime(2027, 5, 9, 9, 0),
        }
        for stage, scheduled in expected.items():
            mail = self._lines(event, stage, "mail")
            sms = self._lines(event, stage, "sms")
            self.assertEqual(mail.scheduled_date, scheduled)
            self.assertEqual(sms.scheduled_date, scheduled)
            self.assertEqual(
                mail.template_ref, self.env.ref(f"client_events.mail_template_promotion_{stage}")
            )
            self.assertEqual(
                sms.template_ref, self.env.ref(f"client_events.sms_template_promotion_{stage}")
            )
        # building again adds only what is missing
        self._lines(event, "countdown", "sms").unlink()
        event.action_build_promotion_schedule()
        self.assertEqual(len(event.event_mail_ids.filtered("promotion_stage")), 6)
        event.action_build_promotion_schedule()
        self.assertEqual(len(event.event_mail_ids.filtered("promotion_stage")), 6)

    def test_schedule_mail_only(self):
        event = self._promotion_event(self.channel_email)
        promotion = event.event_mail_ids.filtered("promotion_stage")
        self.assertEqual(set(promotion.mapped("notification_type")), {"mail"})
        self.assertEqual(len(promotion), 3)

    def test_refuse_plan_without_scheduled_channel(self):
        event = self._create_event()
        event.promotion_channel_ids = self.channel_poster
        with self.assertRaisesRegex(
            UserError, "Client Seminar has no promotion channel sent by mail or SMS"
        ):
            event.action_build_promotion_schedule()
        self.assertFalse(event.event_mail_ids.filtered("promotion_stage"))

    def test_nothing_sent_before_approval_then_sent_at_approval(self):
        event = self._promotion_event()
        event.action_submit_for_approval()
        invited = self._invite(event, self.clients)
        announcement_mail = self._lines(event, "announcement", "mail")
        announcement_sms = self._lines(event, "announcement", "sms")
        countdown_mail = self._lines(event, "countdown", "mail")
        with freeze_time("2027-04-27 10:00:00"):
            # the announcement's time has come; the proposal still waits
            self.env["event.mail"].schedule_communications()
            self.assertEqual(announcement_mail.mail_count_done, 0)
            self.assertEqual(announcement_sms.mail_count_done, 0)
            self.assertFalse(announcement_mail.mail_done)
            self.assertFalse(self._mails_of(invited))
            self.assertFalse(self._sms_of(self.clients))
            # approval: what was held back and is due goes out now, the rest waits
            self._approve_all(event)
            self.assertEqual(event.approval_state, "approved")
        self.assertTrue(announcement_mail.mail_done)
        self.assertEqual(announcement_mail.mail_count_done, 3)
        self.assertEqual(announcement_sms.mail_count_done, 3)
        self.assertEqual(len(self._mails_of(invited)), 3)
        self.assertEqual(len(self._sms_of(self.clients)), 3)
        self.assertFalse(countdown_mail.mail_done)
        self.assertEqual(countdown_mail.mail_count_done, 0)
        note = event.message_ids.filtered(lambda m: "held until the approval" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("3 recipient(s)", note.body)
        # the countdown goes out at its time, through Odoo's scheduler
        with freeze_time("2027-05-07 10:00:00"):
            self.env["event.mail"].schedule_communications()
        self.assertEqual(countdown_mail.mail_count_done, 3)
        self.assertEqual(len(self._mails_of(invited)), 6)

    def test_reopened_approval_holds_sms_and_mail(self):
        """An approved event sent back for approval (it became large) holds its lines."""
        event = self._promotion_event()
        event.action_submit_for_approval()
        self._approve_all(event)
        registrations = self._invite(event, self.clients[:2])
        registrations.action_confirm()
        event.flush_recordset()
        self.env.cr.execute(
            "UPDATE event_event SET approval_state = 'submitted' WHERE id = %s", [event.id]
        )
        event.invalidate_recordset(["approval_state"])
        mails_before = self._mails_of(registrations)  # their registration confirmations
        with freeze_time("2027-05-09 10:00:00"):
            self.env["event.mail"].schedule_communications()
        promotion = event.event_mail_ids.filtered("promotion_stage")
        self.assertEqual(promotion.mapped("mail_count_done"), [0] * 6)
        self.assertFalse(promotion.trace_ids)
        self.assertEqual(self._mails_of(registrations), mails_before)
        self.assertFalse(self._sms_of(self.clients))

    def test_reach_invited_and_registered_not_cancelled(self):
        event = self._promotion_event(self.channel_email)
        event.action_submit_for_approval()
        self._approve_all(event)
        invited = self._invite(event, self.clients)
        invited[0].action_confirm()
        invited[1].action_cancel()
        uninvited_draft = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.attendee.id, "state": "draft"}
        )
        with freeze_time("2027-04-27 10:00:00"):
            self.env["event.mail"].schedule_communications()
        announcement = self._lines(event, "announcement", "mail")
        self.assertEqual(announcement.mail_count_done, 2)
        self.assertEqual(
            set(self._mails_of(invited | uninvited_draft).mapped("res_id")),
            {invited[0].id, invited[2].id},
        )

    def test_counts_sent_opened_delivered(self):
        event = self._promotion_event()
        event.action_submit_for_approval()
        self._approve_all(event)
        invited = self._invite(event, self.clients)
        no_phone = self.env["res.partner"].create(
            {"name": "Client Mute", "email": "mute@example.com"}
        )
        invited |= self._invite(event, no_phone)
        announcement_mail = self._lines(event, "announcement", "mail")
        announcement_sms = self._lines(event, "announcement", "sms")
        with freeze_time("2027-04-27 10:00:00"):
            self.env["event.mail"].schedule_communications()
        self.assertEqual(announcement_mail.mail_count_done, 4)
        self.assertEqual(announcement_sms.mail_count_done, 4)
        # nothing opened, nothing sent by the SMS provider yet
        self.assertEqual(announcement_mail.mail_open_count, 0)
        self.assertEqual(announcement_sms.sms_sent_count, 0)
        self.assertEqual(announcement_sms.sms_delivered_count, 0)
        # two mails opened, one of them twice
        traces = announcement_mail.trace_ids.sorted("registration_id")
        self.assertEqual(len(traces), 4)
        for trace in (traces[0], traces[1], traces[1]):
            trace._record_open(trace._open_token())
        announcement_mail.invalidate_recordset()
        self.assertEqual(announcement_mail.mail_open_count, 2)
        # the provider accepts the three SMS with a number; one is then reported delivered
        sms = self._sms_of(self.clients)
        self.assertEqual(len(sms), 3)
        self.assertEqual(self._sms_of(no_phone).state, "canceled")
        with self.mockSMSGateway():
            sms.send(unlink_sent=True)
        self.env["sms.tracker"].search(
            [("sms_uuid", "=", sms[0].uuid)]
        )._action_update_from_sms_state("sent")
        announcement_sms.invalidate_recordset()
        self.assertEqual(announcement_sms.sms_sent_count, 3)
        self.assertEqual(announcement_sms.sms_delivered_count, 1)
        # a late "sent" report does not undo the delivery
        self.env["sms.tracker"].search(
            [("sms_uuid", "=", sms[0].uuid)]
        )._action_update_from_sms_state("pending")
        announcement_sms.invalidate_recordset()
        self.assertEqual(announcement_sms.sms_delivered_count, 1)
        # a mail line counts no SMS, an SMS line no opening
        self.assertEqual(announcement_mail.sms_sent_count, 0)
        self.assertEqual(announcement_sms.mail_open_count, 0)

    def test_mail_carries_its_tracking_image(self):
        event = self._promotion_event(self.channel_email)
        event.action_submit_for_approval()
        self._approve_all(event)
        invited = self._invite(event, self.clients[:1])
        with freeze_time("2027-04-27 10:00:00"):
            self.env["event.mail"].schedule_communications()
        trace = self._lines(event, "announcement", "mail").trace_ids
        self.assertEqual(trace.registration_id, invited)
        self.assertIn(
            f"/client_events/mail/open/{trace.id}/{trace._open_token()}/blank.gif",
            self._mails_of(invited).body_html,
        )

    def test_counts_in_one_query_per_measure(self):
        event = self._promotion_event()
        lines = event.event_mail_ids.filtered("promotion_stage")
        lines.invalidate_recordset()
        with self.assertQueryCount(2):
            lines.mapped("mail_open_count")
            lines.mapped("sms_delivered_count")


@tagged("post_install", "-at_install")
class TestEventPromotionPixel(HttpCase):
    """The tracking image counts a mail's first opening, and nothing for a forged token."""

    def setUp(self):
        super().setUp()
        event = self.env["event.event"].create(
            {
                "name": "Open Day",
                "date_begin": datetime(2030, 5, 10, 9),
                "date_end": datetime(2030, 5, 10, 12),
                "event_mail_ids": [
                    Command.create(
                        {
                            "interval_nbr": 1,
                            "interval_unit": "days",
                            "interval_type": "before_event",
                            "template_ref": "mail.template,%s"
                            % self.env.ref("client_events.mail_template_promotion_countdown").id,
                        }
                    )
                ],
            }
        )
        partner = self.env["res.partner"].create({"name": "Client Li", "email": "li@example.com"})
        registration = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id}
        )
        self.scheduler = event.event_mail_ids
        self.trace = self.env["event.mail.trace"]._create_for(self.scheduler, registration, "mail")

    def test_open_pixel_counted_once(self):
        url = f"/client_events/mail/open/{self.trace.id}/{self.trace._open_token()}/blank.gif"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/gif")
        self.trace.invalidate_recordset()
        first_open = self.trace.open_datetime
        self.assertTrue(first_open)
        self.url_open(url)
        self.trace.invalidate_recordset()
        self.assertEqual(self.trace.open_datetime, first_open)
        self.scheduler.invalidate_recordset()
        self.assertEqual(self.scheduler.mail_open_count, 1)

    def test_forged_pixel_ignored(self):
        other = self.env["event.mail.trace"]._create_for(
            self.scheduler,
            self.env["event.registration"].create(
                {
                    "event_id": self.scheduler.event_id.id,
                    "name": "Walk-in",
                    "email": "w@example.com",
                }
            ),
            "mail",
        )
        for url in (
            f"/client_events/mail/open/{self.trace.id}/forged/blank.gif",
            # another mail's token does not open this one
            f"/client_events/mail/open/{self.trace.id}/{other._open_token()}/blank.gif",
            f"/client_events/mail/open/999999999/{self.trace._open_token()}/blank.gif",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, "the image answers all the same")
        self.trace.invalidate_recordset()
        self.assertFalse(self.trace.open_datetime)
        self.scheduler.invalidate_recordset()
        self.assertEqual(self.scheduler.mail_open_count, 0)
