import json

from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestKeyAccountClientSegment(BigAccountCommon):
    """Complaints count in the client's segment; a key-account contact who checks in
    is greeted by the account's owner and project manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls._create_plain_event("Client Forum", ended=False)
        cls.alice_at_forum, cls.stranger_at_forum = cls.env["event.registration"].create(
            [
                {"event_id": cls.forum.id, "partner_id": partner.id, "state": "open"}
                for partner in (
                    cls.client_contact,
                    cls.env["res.partner"].create({"name": "Walk-in Wang"}),
                )
            ]
        )

    def _complaint(self, date_received):
        return (
            self.env["big.account.complaint"]
            .with_user(self.ka_planner)
            .create(
                {
                    "account_id": self.account.id,
                    "partner_id": self.client_contact_2.id,
                    "category": "service",
                    "severity": "low",
                    "date_received": date_received,
                    "description": "<p>Badges printed late</p>",
                }
            )
        )

    def _notified_users(self):
        self.env.cr.precommit.run()  # the bus messages are written at commit
        channels = {
            json.dumps(
                [self.env.cr.dbname, "res.partner", user.partner_id.id], separators=(",", ":")
            ): user
            for user in (self.ka_manager, self.pm_user, self.ka_planner, self.outsider)
        }
        notified = []
        for message in self.env["bus.bus"].sudo().search([("channel", "in", list(channels))]):
            if json.loads(message.message)["type"] == "simple_notification":
                notified.append(channels[message.channel])
        return notified

    def _greeters(self, registration):
        return registration.activity_ids.filtered(
            lambda a: (a.summary or "").startswith("Greet")
        ).user_id

    def test_complaints_of_the_period(self):
        self._complaint("2026-10-01")
        self._complaint("2027-01-15")
        self._complaint("2024-06-01")  # more than 24 months before 1 March 2027
        self.env["client.segment"].sudo()._segment_clients()
        self.assertEqual(self.client.client_complaint_count, 2)
        self.assertEqual(
            self.client.client_segment_id, self.env.ref("client_events.client_segment_at_risk")
        )
        self.assertFalse(self.client_contact.client_segment_id, "the company is the client")

    def test_no_complaint(self):
        self.env["client.segment"].sudo()._segment_clients()
        self.assertEqual(self.client.client_complaint_count, 0)
        self.assertNotEqual(
            self.client.client_segment_id, self.env.ref("client_events.client_segment_at_risk")
        )

    def test_key_account_contact_checks_in(self):
        self.account.with_user(self.ka_manager).action_confirm()
        self.alice_at_forum.with_user(self.desk_user).action_set_done()
        # the owner and the project manager, not the planner of the team
        self.assertCountEqual(self._notified_users(), [self.ka_manager, self.pm_user])
        self.assertEqual(self._greeters(self.alice_at_forum), self.ka_manager | self.pm_user)
        # once per registration
        self.alice_at_forum.with_user(self.desk_user).action_confirm()
        self.alice_at_forum.with_user(self.desk_user).action_set_done()
        self.assertEqual(len(self._notified_users()), 2)
        # a guest of no key account and no top segment: nobody
        self.stranger_at_forum.with_user(self.desk_user).action_set_done()
        self.assertEqual(len(self._notified_users()), 2)
        self.assertFalse(self._greeters(self.stranger_at_forum))

    def test_candidate_account_not_greeted(self):
        self.assertEqual(self.account.state, "candidate")
        self.alice_at_forum.with_user(self.desk_user).action_set_done()
        self.assertFalse(self._notified_users())
        self.assertFalse(self._greeters(self.alice_at_forum))
        self.assertFalse(self.alice_at_forum.owner_notified_date)

    def test_top_segment_and_key_account_told_once_each(self):
        """Alice's company is a key account and a top client owned by the project
        manager: he gets one notification, not two."""
        self.account.with_user(self.ka_manager).action_confirm()
        self.client.user_id = self.pm_user
        self.env["crm.lead"].create(
            {
                "name": "Big stand",
                "type": "opportunity",
                "partner_id": self.client_contact.id,
                "expected_revenue": 250000,
            }
        ).action_set_won()
        self.env["client.segment"].sudo()._segment_clients()
        self.assertTrue(self.client.client_segment_id.is_top)
        self.alice_at_forum.with_user(self.desk_user).action_set_done()
        self.assertCountEqual(self._notified_users(), [self.ka_manager, self.pm_user])
