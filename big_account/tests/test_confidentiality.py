from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install", "security")
class TestBigAccountConfidentiality(BigAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["big.account.contact"].create(
            {"account_id": cls.account.id, "partner_id": cls.client_contact.id}
        )
        cls.complaint = cls.env["big.account.complaint"].create(
            {
                "account_id": cls.account.id,
                "category": "service",
                "description": "<p>Badges late</p>",
            }
        )
        cls.plan = cls.env["big.account.communication.plan"].create(
            {"account_id": cls.account.id, "member_id": cls.pm_membership.id}
        )
        cls.message = cls.account.message_post(body="Secret pricing strategy")
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "org_chart.txt",
                "raw": b"confidential",
                "res_model": "big.account",
                "res_id": cls.account.id,
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Acme annual summit",
                "type": "opportunity",
                "partner_id": cls.client.id,
            }
        )
        cls.care_action = cls.env["big.account.care.action"].create(
            {"account_id": cls.account.id, "feedback": "Unhappy with the booth position"}
        )
        cls.anniversary = cls.env["client.care.occasion"].create(
            {"name": "Acme listing day", "account_id": cls.account.id, "month": "7", "day": 2}
        )
        assessment = cls.env["big.account.assessment"].create(
            {"account_id": cls.account.id, "date_from": "2026-04-01"}
        )
        cls.loyalty_action = cls.env["big.account.loyalty.action"].create(
            {
                "assessment_id": assessment.id,
                "type_id": cls.env.ref("big_account.loyalty_action_type_exclusive_offer").id,
            }
        )
        cls.Account = cls.env["big.account"]
        cls.protected = {
            "big.account": cls.account,
            "big.account.contact": cls.contact,
            "big.account.member": cls.pm_membership,
            "big.account.complaint": cls.complaint,
            "big.account.communication.plan": cls.plan,
            "big.account.care.action": cls.care_action,
            "big.account.loyalty.action": cls.loyalty_action,
        }

    def test_account_anniversary(self):
        """The festivals are everybody's; a client's own anniversary is its team's."""
        Occasion = self.env["client.care.occasion"]
        self.assertFalse(Occasion.with_user(self.outsider).search(self._domain(self.anniversary)))
        with self.assertRaises(AccessError):
            self.anniversary.with_user(self.outsider).read(["name"])
        self.assertEqual(
            Occasion.with_user(self.pm_user).search(self._domain(self.anniversary)),
            self.anniversary,
        )
        spring = self.env.ref("client_events.client_care_occasion_spring_festival")
        self.assertIn(spring, Occasion.with_user(self.outsider).search([]))

    def _domain(self, records):
        return [("id", "=", records.id)]

    # --- the outsider: a team member elsewhere, not on this team ---------

    def test_read(self):
        for model, record in self.protected.items():
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.outsider).read(["display_name"])
        self.assertEqual(
            self.account.with_user(self.pm_user).read(["name"])[0]["name"],
            "Acme Expo Group",
        )

    def test_search(self):
        for model, record in self.protected.items():
            found = self.env[model].with_user(self.outsider).search(self._domain(record))
            self.assertFalse(found, model)
            self.assertEqual(
                self.env[model].with_user(self.pm_user).search(self._domain(record)),
                record,
            )

    def test_search_count(self):
        for model in self.protected:
            self.assertEqual(self.env[model].with_user(self.outsider).search_count([]), 0, model)
        self.assertEqual(self.Account.with_user(self.pm_user).search_count([]), 1)

    def test_read_group(self):
        groups = self.Account.with_user(self.outsider).read_group([], ["tier"], ["tier"])
        self.assertEqual(groups, [])
        groups = (
            self.env["big.account.complaint"]
            .with_user(self.outsider)
            ._read_group([], ["account_id"], ["__count"])
        )
        self.assertEqual(groups, [])
        groups = self.Account.with_user(self.pm_user).read_group([], ["tier"], ["tier"])
        self.assertEqual(sum(group["tier_count"] for group in groups), 1)

    def test_export(self):
        with self.assertRaises(AccessError):
            self.account.with_user(self.outsider).export_data(["name", "score"])
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.outsider).export_data(["name", "description"])
        self.account.with_user(self.pm_user)._record_consent("2027-02-01", note="Signed letter")
        rows = self.account.with_user(self.pm_user).export_data(["name"])["datas"]
        self.assertEqual(rows, [["Acme Expo Group"]])

    def test_name_search(self):
        self.assertFalse(self.Account.with_user(self.outsider).name_search("Acme"))
        self.assertFalse(
            self.env["big.account.contact"].with_user(self.outsider).name_search("Alice")
        )
        self.assertEqual(
            self.Account.with_user(self.pm_user).name_search("Acme")[0][0],
            self.account.id,
        )

    def test_related_from_partner(self):
        partner = self.client.with_user(self.outsider)
        self.assertEqual(partner.name, "Acme Expo Group", "the partner itself stays visible")
        self.assertFalse(partner.big_account_id)
        self.assertFalse(partner.big_account_tier)
        self.assertFalse(self.client_contact.with_user(self.outsider).big_account_id)
        self.assertEqual(self.client.with_user(self.pm_user).big_account_id, self.account)
        self.assertEqual(self.client.with_user(self.pm_user).big_account_tier, self.account.tier)

    def test_related_from_lead(self):
        lead = self.lead.with_user(self.outsider)
        self.assertEqual(lead.name, "Acme annual summit", "the opportunity stays visible")
        self.assertFalse(lead.big_account_id)
        self.assertFalse(lead.big_account_tier)
        self.assertEqual(self.lead.with_user(self.pm_user).big_account_tier, self.account.tier)

    def test_plain_crm_user_gets_no_profile(self):
        # a salesman outside the key-account groups cannot even read the fields
        self.assertEqual(self.lead.with_user(self.crm_user).name, "Acme annual summit")
        self.assertEqual(self.client.with_user(self.crm_user).name, "Acme Expo Group")
        with self.assertRaises(AccessError):
            self.client.with_user(self.crm_user).read(["big_account_tier"])
        with self.assertRaises(AccessError):
            self.lead.with_user(self.crm_user).read(["big_account_id"])
        with self.assertRaises(AccessError):
            self.Account.with_user(self.crm_user).search([])

    def test_chatter_messages(self):
        Message = self.env["mail.message"].with_user(self.outsider)
        self.assertFalse(
            Message.search([("model", "=", "big.account"), ("res_id", "=", self.account.id)])
        )
        with self.assertRaises(AccessError):
            self.message.with_user(self.outsider).read(["body"])
        self.assertIn(
            self.message,
            self.env["mail.message"]
            .with_user(self.pm_user)
            .search([("model", "=", "big.account"), ("res_id", "=", self.account.id)]),
        )

    def test_attachments(self):
        Attachment = self.env["ir.attachment"].with_user(self.outsider)
        self.assertFalse(
            Attachment.search(
                [("res_model", "=", "big.account"), ("res_id", "=", self.account.id)]
            )
        )
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.outsider).read(["raw"])
        self.assertEqual(self.attachment.with_user(self.pm_user).raw, b"confidential")

    # --- membership changes take effect at once ---------------------------

    def test_gain_and_lose_access(self):
        self.assertFalse(self.Account.with_user(self.outsider).search([]))
        membership = self.env["big.account.member"].create(
            {
                "account_id": self.account.id,
                "user_id": self.outsider.id,
                "role": "onsite",
                "nda_signed_date": "2026-02-01",
            }
        )
        self.assertEqual(self.Account.with_user(self.outsider).search([]), self.account)
        self.assertEqual(self.client.with_user(self.outsider).big_account_id, self.account)
        self.assertEqual(
            self.message.with_user(self.outsider).read(["body"])[0]["id"],
            self.message.id,
        )
        membership.unlink()
        self.env.invalidate_all()
        self.assertFalse(self.Account.with_user(self.outsider).search([]))
        self.assertFalse(self.client.with_user(self.outsider).big_account_id)
        with self.assertRaises(AccessError):
            self.account.with_user(self.outsider).read(["name"])

    def test_manager_sees_all(self):
        for model, record in self.protected.items():
            self.assertEqual(
                self.env[model].with_user(self.ka_manager).search(self._domain(record)),
                record,
            )
        self.assertEqual(self.client.with_user(self.ka_manager).big_account_id, self.account)
        self.assertTrue(self.message.with_user(self.ka_manager).read(["body"]))
        self.assertEqual(self.attachment.with_user(self.ka_manager).raw, b"confidential")
