from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestInviteKeyAccountContacts(BigAccountCommon):
    """client_events' invitation wizard gains the contacts of chosen key accounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inviter = new_test_user(
            cls.env,
            login="ba_inviter",
            name="Ivy Inviter",
            groups="client_events.group_planner,big_account.group_member",
        )
        cls.env["big.account.member"].create(
            {
                "account_id": cls.account.id,
                "user_id": cls.inviter.id,
                "role": "planning",
                "nda_signed_date": "2026-01-05",
            }
        )
        cls.client_contact.email = "alice@acme.example"
        cls.env["big.account.contact"].create(
            [
                {"account_id": cls.account.id, "partner_id": cls.client_contact.id},
                {"account_id": cls.account.id, "partner_id": cls.client_contact_2.id},
            ]
        )
        globex = cls.env["res.partner"].create({"name": "Globex", "is_company": True})
        gina = cls.env["res.partner"].create(
            {"name": "Gina Globex", "parent_id": globex.id, "email": "gina@globex.example"}
        )
        cls.other_account = cls.env["big.account"].create({"partner_id": globex.id})
        cls.env["big.account.contact"].create(
            {"account_id": cls.other_account.id, "partner_id": gina.id}
        )
        cls.event = cls.env["event.event"].create(
            {
                "name": "Client seminar",
                "date_begin": "2027-04-15 09:00:00",
                "date_end": "2027-04-15 17:00:00",
            }
        )

    def test_contacts_of_a_served_account_are_invited(self):
        wizard = (
            self.env["event.invite"]
            .with_user(self.inviter)
            .create({"event_id": self.event.id, "big_account_ids": [self.account.id]})
        )
        self.assertEqual(wizard.recipient_ids, self.client_contact)
        self.assertEqual(wizard.skipped_no_email_ids, self.client_contact_2, "reported")

    def test_contacts_of_an_account_one_does_not_serve_stay_hidden(self):
        wizard = (
            self.env["event.invite"]
            .with_user(self.inviter)
            .create({"event_id": self.event.id, "big_account_ids": [self.other_account.id]})
        )
        # read back as the web client does: a many2many only shows what its reader may see
        self.env.invalidate_all()
        self.assertFalse(wizard.big_account_ids)
        self.assertFalse(wizard.recipient_ids, "no contact of a confidential account leaks")
        with self.assertRaises(AccessError):
            self.other_account.with_user(self.inviter).contact_ids.partner_id.read(["email"])

    def test_planner_outside_key_accounts_still_invites(self):
        wizard = (
            self.env["event.invite"]
            .with_user(self.planner)
            .create({"event_id": self.event.id, "partner_ids": [self.client_contact.id]})
        )
        self.assertEqual(wizard.recipient_ids, self.client_contact)
