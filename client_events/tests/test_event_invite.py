from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventInvite(ClientEventsExecutionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.vip_tag = cls.env["res.partner.category"].create({"name": "VIP Client"})
        cls.client_li = Partner.create({"name": "Client Li", "email": "li@example.com"})
        cls.client_wang = Partner.create(
            {"name": "Client Wang", "email": "wang@example.com", "category_id": [cls.vip_tag.id]}
        )
        cls.client_no_mail = Partner.create({"name": "Client Without Mail", "phone": "123"})
        cls.client_lead = Partner.create({"name": "Client From CRM", "email": "crm@example.com"})
        cls.planner_sales = new_test_user(
            cls.env,
            "ce_planner_sales",
            groups="client_events.group_planner,sales_team.group_sale_salesman_all_leads",
            context={"no_reset_password": True},
        )
        cls.env["crm.lead"].create(
            {"name": "Big deal", "partner_id": cls.client_lead.id, "type": "opportunity"}
        )

    def _wizard(self, event=None, user=None, **vals):
        event = event or self.event
        return (
            self.env["event.invite"]
            .with_user(user or self.planner)
            .with_context(default_event_id=event.id)
            .create(vals)
        )

    def test_invite_creates_draft_registrations_and_sends(self):
        # Client Li already registered: not invited twice
        self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": self.client_li.id}
        )
        wizard = self._wizard(
            partner_ids=[Command.set([self.client_li.id, self.client_no_mail.id])],
            partner_category_ids=[Command.set(self.vip_tag.ids)],
            lead_domain=f"[('partner_id', '=', {self.client_lead.id})]",
            user=self.planner_sales,
        )
        self.assertEqual(wizard.recipient_ids, self.client_wang | self.client_lead)
        self.assertEqual(wizard.skipped_registered_ids, self.client_li)
        self.assertEqual(wizard.skipped_no_email_ids, self.client_no_mail)
        mails_before = self.env["mail.mail"].search_count([])
        wizard.action_send()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.sent_count, 2)
        invited = self.event.registration_ids.filtered("invited_date")
        self.assertEqual(invited.partner_id, self.client_wang | self.client_lead)
        self.assertEqual(set(invited.mapped("state")), {"draft"})
        self.assertEqual(
            self.env["event.registration"].search_count(
                [("event_id", "=", self.event.id), ("partner_id", "=", self.client_li.id)]
            ),
            1,
        )
        mails = self.env["mail.mail"].search([], order="id desc", limit=2)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 2)
        self.assertIn("Invitation: Client Seminar Hangzhou", mails.mapped("subject"))
        self.assertIn("Client Without Mail", self.event.message_ids[0].body)
        self.assertEqual(self.event.invitation_count, 2)

    def test_invite_twice_does_not_duplicate(self):
        self._wizard(partner_ids=[Command.set(self.client_wang.ids)]).action_send()
        wizard = self._wizard(partner_ids=[Command.set(self.client_wang.ids)])
        self.assertEqual(wizard.skipped_registered_ids, self.client_wang)
        with self.assertRaisesRegex(UserError, "Nobody to invite to Client Seminar Hangzhou"):
            wizard.action_send()
        self.assertEqual(len(self.event.registration_ids), 1)

    def test_nothing_sent_for_unapproved_event(self):
        event = self._create_event("Draft Seminar")
        mails_before = self.env["mail.mail"].search_count([])
        wizard = self._wizard(event=event, partner_ids=[Command.set(self.client_wang.ids)])
        with self.assertRaisesRegex(
            UserError, "Draft Seminar cannot send invitations before its proposal is approved"
        ):
            wizard.action_send()
        with self.assertRaisesRegex(UserError, "before its proposal is approved"):
            event.with_user(self.planner).action_open_invite()
        self.assertFalse(event.registration_ids)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

    def test_wizard_opens_with_a_valid_crm_filter(self):
        """The domain editor calls an empty filter invalid: the wizard starts from "[]"."""
        action = self.event.with_user(self.planner).action_open_invite()
        invite = self.env["event.invite"].with_user(self.planner)
        wizard = Form(invite.with_context(**action["context"]))
        self.assertEqual(wizard.lead_domain, "[]")
