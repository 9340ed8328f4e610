import json
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientEventsCommon


class ClientSegmentCommon(ClientEventsCommon):
    """Clients measured over 24 months before Monday 1 March 2027, then segmented by
    the shipped rules: Key Clients (won 100,000, active within 365 days), At Risk, New
    (recorded within 90 days), Active (within 365 days), Dormant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "ce_salesman", groups="sales_team.group_sale_salesman", name="Sam Sales"
        )
        cls.key = cls.env.ref("client_events.client_segment_key")
        cls.active = cls.env.ref("client_events.client_segment_active")
        cls.new = cls.env.ref("client_events.client_segment_new")
        cls.dormant = cls.env.ref("client_events.client_segment_dormant")
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.open_stage = cls.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        Partner = cls.env["res.partner"]
        # Acme: two contacts attended two events (one of them both), won 120,000
        cls.acme = Partner.create(
            {"name": "Acme Ltd", "is_company": True, "email": "acme@example.com"}
        )
        cls.anna = Partner.create({"name": "Anna Acme", "parent_id": cls.acme.id})
        cls.bob = Partner.create({"name": "Bob Acme", "parent_id": cls.acme.id})
        # Beta: only an open opportunity, recorded today
        cls.beta = Partner.create({"name": "Beta Ltd", "is_company": True})
        # Delta: one event 500 days ago, an opportunity won three years ago
        cls.delta = Partner.create({"name": "Delta Ltd", "is_company": True})
        cls.event_1 = cls._plain_event("Spring Forum", datetime(2027, 1, 10, 9))
        cls.event_2 = cls._plain_event("Tax Seminar", datetime(2027, 2, 20, 9))
        cls.event_old = cls._plain_event("Old Forum", datetime(2025, 10, 17, 9))
        cls._attend(cls.anna, cls.event_1, datetime(2027, 1, 10, 10))
        cls._attend(cls.bob, cls.event_1, datetime(2027, 1, 10, 11))
        cls._attend(cls.anna, cls.event_2, datetime(2027, 2, 20, 10))
        cls._attend(cls.delta, cls.event_old, datetime(2025, 10, 17, 10))
        # registered, not attended: counts as a client, not as attendance
        cls.env["event.registration"].create(
            {"event_id": cls.event_2.id, "partner_id": cls.delta.id, "state": "open"}
        )
        cls._won(cls.anna, 120000, datetime(2027, 2, 15, 12))
        cls._won(cls.delta, 500000, datetime(2024, 2, 1, 12))  # before the period
        cls.env["crm.lead"].create(
            {
                "name": "Beta stands",
                "type": "opportunity",
                "partner_id": cls.beta.id,
                "stage_id": cls.open_stage.id,
                "expected_revenue": 9000,
            }
        )
        cls.acme.message_post(body="Called Anna about the forum", message_type="comment")
        cls._recorded_on(cls.acme | cls.delta, datetime(2024, 1, 1))
        cls._recorded_on(cls.beta, datetime(2027, 2, 1))

    @classmethod
    def _plain_event(cls, name, begin):
        return cls.env["event.event"].create(
            {"name": name, "date_begin": begin, "date_end": begin.replace(hour=18)}
        )

    @classmethod
    def _attend(cls, partner, event, when):
        return cls.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id, "state": "done", "date_closed": when}
        )

    @classmethod
    def _won(cls, partner, revenue, when):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "expected_revenue": revenue,
            }
        )
        lead.action_set_won()
        lead.date_closed = when
        return lead

    @classmethod
    def _recorded_on(cls, partners, when):
        partners.flush_recordset()
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id IN %s", [when, tuple(partners.ids)]
        )
        partners.invalidate_recordset(["create_date"])

    def _measures(self, partner):
        return {
            "segment": partner.client_segment_id,
            "attended": partner.client_attended_count,
            "last_attended": partner.client_last_attended_date,
            "won": partner.client_won_count,
            "revenue": partner.client_won_revenue,
            "last_purchase": partner.client_last_purchase_date,
            "complaints": partner.client_complaint_count,
            "responses": partner.client_survey_count,
            "satisfaction": partner.client_satisfaction,
            "last_contact": partner.client_last_contact_date,
        }

    def _refresh(self):
        return self.env["client.segment"].with_user(self.ce_manager).action_refresh_segments()


@tagged("post_install", "-at_install")
class TestClientSegment(ClientSegmentCommon):
    def test_measures_and_segments(self):
        self._refresh()
        self.assertEqual(
            self._measures(self.acme),
            {
                "segment": self.key,
                "attended": 2,  # two events, though two contacts attended the first
                "last_attended": datetime(2027, 2, 20).date(),
                "won": 1,
                "revenue": 120000.0,
                "last_purchase": datetime(2027, 2, 15).date(),
                "complaints": 0,
                "responses": 0,
                "satisfaction": 0.0,
                "last_contact": datetime(2027, 3, 1).date(),  # the note of today
            },
        )
        # the empty case: nothing attended, nothing won, recorded today
        self.assertEqual(
            self._measures(self.beta),
            {
                "segment": self.new,
                "attended": 0,
                "last_attended": False,
                "won": 0,
                "revenue": 0.0,
                "last_purchase": False,
                "complaints": 0,
                "responses": 0,
                "satisfaction": 0.0,
                "last_contact": False,
            },
        )
        # the deal of 2024 is before the period; the event of 500 days ago is not
        self.assertEqual(self.delta.client_attended_count, 1)
        self.assertEqual(self.delta.client_last_attended_date, datetime(2025, 10, 17).date())
        self.assertEqual((self.delta.client_won_count, self.delta.client_won_revenue), (0, 0.0))
        self.assertEqual(self.delta.client_last_contact_date, datetime(2025, 10, 17).date())
        self.assertEqual(self.delta.client_segment_id, self.dormant)
        # contacts are not clients of their own: their company is
        self.assertFalse(self.anna.client_segment_id)
        self.assertFalse(self.anna.client_segment_date)
        self.assertIn(self.acme, self.key.partner_ids)
        self.assertEqual(self.key.partner_count, len(self.key.partner_ids))

    def test_period_from_settings(self):
        settings = self.env["res.config.settings"].create({"client_segment_months": 12})
        settings.execute()
        self._refresh()
        # 500 days ago is now out of the period: Delta attended nothing, still dormant
        self.assertEqual(self.delta.client_attended_count, 0)
        self.assertFalse(self.delta.client_last_attended_date)
        self.assertEqual(self.delta.client_segment_id, self.dormant)
        with self.assertRaisesRegex(ValidationError, "enter at least 1"):
            self.env["res.config.settings"].create({"client_segment_months": 0})

    def test_first_segment_that_fits(self):
        self._refresh()
        everyone = (
            self.env["client.segment"]
            .with_user(self.ce_manager)
            .create({"name": "Everyone", "sequence": 1})
        )
        self._refresh()
        self.assertEqual((self.acme | self.beta | self.delta).client_segment_id, everyone)
        everyone.sequence = 100  # tried last: only who fits nothing else
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.key)
        self.assertEqual(self.beta.client_segment_id, self.new)
        self.assertEqual(self.delta.client_segment_id, self.dormant)
        # an archived segment is not tried: its clients go to the next that fits
        self.key.with_user(self.ce_manager).action_archive()
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.active)

    def test_administrator_tunes_a_rule(self):
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.key)
        self.key.with_user(self.ce_manager).rule_min_revenue = 150000
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.active)
        self.key.with_user(self.ce_manager).write(
            {"rule_min_revenue": 0, "rule_min_attended": 2, "rule_match": "all"}
        )
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.key)
        # Delta's one event of 500 days ago: attended once, not within 365 days
        self.dormant.with_user(self.ce_manager).write(
            {"rule_inactive_days": 0, "rule_active_days": 400}
        )
        self._refresh()
        self.assertFalse(self.delta.client_segment_id, "fits no segment any more")
        Segment = self.env["client.segment"].with_user(self.ce_manager)
        with self.assertRaisesRegex(ValidationError, "Loyal cannot be negative"):
            Segment.create({"name": "Loyal", "rule_min_attended": -1})
        with self.assertRaisesRegex(ValidationError, "Unhappy is a score from 0 to 100"):
            Segment.create({"name": "Unhappy", "rule_satisfaction_below": 101})

    def test_non_managers_refused(self):
        for user in (self.planner, self.approver, self.event_user, self.salesman):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "Only the events administrator"):
                    self.env["client.segment"].with_user(user).action_refresh_segments()
                with self.assertRaisesRegex(AccessError, "not allowed to modify"):
                    self.key.with_user(user).rule_min_revenue = 1
                with self.assertRaisesRegex(AccessError, "not allowed to create"):
                    self.env["client.segment"].with_user(user).create({"name": "Mine"})
        # nobody sets a segment or a measure by hand, not even the administrator: the
        # job's fields are left out of any write (partners merged keep working)
        self._refresh()
        clerk = new_test_user(
            self.env, "ce_clerk", groups="base.group_user,base.group_partner_manager"
        )
        for user in (clerk, self.env.ref("base.user_admin")):
            self.acme.with_user(user).write(
                {
                    "client_segment_id": self.dormant.id,
                    "client_won_revenue": 1.0,
                    "ref": user.login,
                }
            )
            self.env.invalidate_all()
            self.assertEqual(self.acme.ref, user.login, "the rest of the write is done")
            self.assertEqual(self.acme.client_segment_id, self.key)
            self.assertEqual(self.acme.client_won_revenue, 120000)
        # the cron runs as superuser
        self.env.ref("client_events.ir_cron_client_segment").method_direct_trigger()
        self.assertEqual(self.acme.client_segment_id, self.key)

    def test_merge_clients(self):
        """Merging a duplicate client copies its fields: its segment and measures are
        left to the next segmentation, and the merge goes through."""
        duplicate = self.env["res.partner"].create(
            {
                "name": "Acme Ltd (old)",
                "is_company": True,
                "customer_rank": 1,
                "email": "acme@example.com",
            }
        )
        self._recorded_on(duplicate, datetime(2024, 1, 1))
        self._refresh()
        self.assertEqual(duplicate.client_segment_id, self.dormant)
        admin = self.env.ref("base.user_admin")  # Odoo lets only him merge clients
        self.env["base.partner.merge.automatic.wizard"].with_user(admin)._merge(
            [self.acme.id, duplicate.id], self.acme
        )
        self.assertFalse(duplicate.exists())
        self.assertEqual(self.acme.client_segment_id, self.key)
        self._refresh()
        self.assertEqual(self.acme.client_segment_id, self.key)

    def test_job_is_stable(self):
        self._refresh()
        clients = self.acme | self.beta | self.delta
        first = {p: self._measures(p) for p in clients}
        self.assertEqual(set(clients.mapped("client_segment_date")), {datetime(2027, 3, 1, 9)})
        with freeze_time("2027-03-02 09:00"):
            self._refresh()
            second = {p: self._measures(p) for p in clients}
            self.assertEqual(first, second)
            # in its segment since it was first measured
            self.assertEqual(set(clients.mapped("client_segment_date")), {datetime(2027, 3, 1, 9)})
            self.key.with_user(self.ce_manager).rule_min_revenue = 150000
            self._refresh()
            self.assertEqual(self.acme.client_segment_id, self.active)
            self.assertEqual(self.acme.client_segment_date, datetime(2027, 3, 2, 9))
            self.assertEqual(self.beta.client_segment_date, datetime(2027, 3, 1, 9))

    def test_no_longer_a_client_is_cleared(self):
        self._refresh()
        self.assertEqual(self.beta.client_segment_id, self.new)
        self.beta.action_archive()
        self._refresh()
        self.assertFalse(self.beta.client_segment_id)
        self.assertFalse(self.beta.client_segment_date)

    def test_query_count_does_not_grow(self):
        counts = []
        for size in (3, 30):
            partners = self.env["res.partner"].create(
                [{"name": f"Client {size}-{n}", "is_company": True} for n in range(size)]
            )
            self._recorded_on(partners, datetime(2024, 1, 1))
            for partner in partners:
                self._attend(partner, self.event_1, datetime(2027, 1, 10, 10))
            self.env["crm.lead"].create(
                [{"name": "Deal", "type": "opportunity", "partner_id": p.id} for p in partners]
            )
            self._refresh()  # warm up
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["client.segment"].sudo()._segment_clients()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(partners.client_segment_id, self.active)
        self.assertEqual(counts[0], counts[1], "the job's queries grow with the clients")

    def test_invite_a_segment(self):
        self._refresh()
        event = self._plain_event("Club Night", datetime(2027, 4, 1, 18))
        invite = self.env["event.invite"].create(
            {"event_id": event.id, "segment_ids": [(6, 0, self.key.ids)]}
        )
        self.assertIn(self.acme, invite.recipient_ids)
        self.assertFalse(invite.recipient_ids.filtered(lambda p: p.client_segment_id != self.key))
        invite.segment_ids = self.new  # Beta: no e-mail
        self.assertIn(self.beta, invite.skipped_no_email_ids)
        self.assertFalse(invite.recipient_ids & self.beta)


@tagged("post_install", "-at_install")
class TestCheckinNotification(ClientSegmentCommon):
    """At the door: the owner of a top client is told when the client checks in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acme.user_id = cls.salesman
        cls.beta.user_id = cls.salesman
        cls.env["client.segment"].sudo()._segment_clients()
        cls.forum = cls._plain_event("Client Forum", datetime(2027, 3, 1, 8))
        cls.anna_at_forum = cls.env["event.registration"].create(
            {"event_id": cls.forum.id, "partner_id": cls.anna.id, "state": "open"}
        )
        cls.beta_at_forum = cls.env["event.registration"].create(
            {"event_id": cls.forum.id, "partner_id": cls.beta.id, "state": "open"}
        )

    def _notifications(self, user):
        self.env.cr.precommit.run()  # the bus messages are written at commit
        channel = json.dumps(
            [self.env.cr.dbname, "res.partner", user.partner_id.id], separators=(",", ":")
        )
        messages = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        return [
            json.loads(message.message)["payload"]
            for message in messages
            if json.loads(message.message)["type"] == "simple_notification"
        ]

    def _greetings(self, registration):
        return registration.activity_ids.filtered(lambda a: (a.summary or "").startswith("Greet"))

    def test_top_client_checks_in(self):
        self.anna_at_forum.with_user(self.desk_user).action_set_done()
        notifications = self._notifications(self.salesman)
        self.assertEqual(len(notifications), 1)
        self.assertEqual(
            notifications[0]["message"],
            "Acme Ltd, Anna Acme (Key Clients) has just checked in at Client Forum: "
            "please greet them.",
        )
        greeting = self._greetings(self.anna_at_forum)
        self.assertEqual(greeting.summary, "Greet Acme Ltd, Anna Acme")
        self.assertEqual(greeting.user_id, self.salesman)
        self.assertEqual(greeting.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertTrue(self.anna_at_forum.owner_notified_date)
        # once per registration: checked in again after a mistake, nobody is told twice
        self.anna_at_forum.with_user(self.desk_user).action_confirm()
        self.anna_at_forum.with_user(self.desk_user).action_set_done()
        self.assertEqual(len(self._notifications(self.salesman)), 1)
        self.assertEqual(len(self._greetings(self.anna_at_forum)), 1)

    def test_notified_date_is_not_written_by_hand(self):
        self.anna_at_forum.action_set_done()
        notified = self.anna_at_forum.owner_notified_date
        for env in (self.env, self.env(user=self.desk_user)):
            with self.assertRaisesRegex(UserError, "the owner is told when the attendee checks"):
                self.anna_at_forum.with_env(env).write({"owner_notified_date": False})
        self.assertEqual(self.anna_at_forum.owner_notified_date, notified)

    def test_barcode_scan(self):
        result = (
            self.env["event.registration"]
            .with_user(self.desk_user)
            .register_attendee(self.anna_at_forum.barcode, self.forum.id)
        )
        self.assertEqual(result["status"], "confirmed_registration")
        self.assertEqual(len(self._notifications(self.salesman)), 1)

    def test_contact_owner_first(self):
        other = new_test_user(self.env, "ce_other_sales", groups="sales_team.group_sale_salesman")
        self.anna.user_id = other
        self.anna_at_forum.action_set_done()
        self.assertEqual(len(self._notifications(other)), 1)
        self.assertFalse(self._notifications(self.salesman))

    def test_not_top_nobody_told(self):
        self.assertEqual(self.beta.client_segment_id, self.new)
        self.beta_at_forum.with_user(self.desk_user).action_set_done()
        self.assertFalse(self._notifications(self.salesman))
        self.assertFalse(self._greetings(self.beta_at_forum))
        self.assertFalse(self.beta_at_forum.owner_notified_date)
        # a client without an owner: nobody to tell
        self.acme.user_id = False
        self.anna_at_forum.action_set_done()
        self.assertFalse(self._notifications(self.salesman))
        self.assertFalse(self._greetings(self.anna_at_forum))

    def test_walk_in_registered_as_attended(self):
        registration = self.env["event.registration"].create(
            {"event_id": self.forum.id, "partner_id": self.bob.id, "state": "done"}
        )
        self.assertEqual(len(self._notifications(self.salesman)), 1)
        self.assertEqual(len(self._greetings(registration)), 1)
