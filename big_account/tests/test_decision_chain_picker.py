from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestDecisionChainPicker(BigAccountCommon):
    """Adding a person to the decision chain from the key account's form."""

    def _contact_picker_node(self):
        views = self.env["big.account"].with_user(self.pm_user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        nodes = arch.xpath("//field[@name='contact_ids']//field[@name='partner_id']")
        self.assertEqual(len(nodes), 1, "the decision chain has one contact picker")
        return nodes[0]

    def test_picker_files_a_new_person_under_the_client_company(self):
        context = self._contact_picker_node().get("context") or ""
        self.assertIn("default_parent_id", context)
        self.assertIn("default_is_company", context)

    def test_create_and_edit_a_person_from_the_decision_chain(self):
        """ "Create and edit" opens the partner form with the picker's context:
        the new person belongs to the account's company and the line saves."""
        Partner = self.env["res.partner"].with_user(self.pm_user)
        with Form(self.account.with_user(self.pm_user)) as form:
            with form.contact_ids.new() as line:
                picker_context = line._get_context("partner_id")
                with Form(Partner.with_context(**picker_context)) as dialog:
                    dialog.name = "Carla Acme"
                    dialog.function = "Purchasing Director"
                line.partner_id = dialog.record
                line.decision_role = "decision_maker"
        carla = dialog.record
        self.assertEqual(carla.parent_id, self.client)
        self.assertFalse(carla.is_company)
        self.assertEqual(carla.type, "contact")
        contact = self.account.contact_ids.filtered(lambda c: c.partner_id == carla)
        self.assertEqual(contact.decision_role, "decision_maker")

    def test_quick_create_a_person_from_the_decision_chain(self):
        """Typing a new name and picking "Create" (name_create) also files the
        person under the account's company."""
        Partner = self.env["res.partner"].with_user(self.pm_user)
        with Form(self.account.with_user(self.pm_user)) as form:
            with form.contact_ids.new() as line:
                picker_context = line._get_context("partner_id")
                partner_id, __ = Partner.with_context(**picker_context).name_create("Dan Acme")
                line.partner_id = Partner.browse(partner_id)
        dan = Partner.browse(partner_id)
        self.assertEqual(dan.parent_id, self.client)
        self.assertIn(dan, self.account.contact_ids.partner_id)

    def test_picker_offers_the_people_of_the_company(self):
        Partner = self.env["res.partner"]
        office = Partner.create(
            {"name": "Acme Shanghai Office", "parent_id": self.client.id, "type": "other"}
        )
        office_person = Partner.create({"name": "Erin Acme", "parent_id": office.id})
        rival = Partner.create({"name": "Rival Expo", "is_company": True})
        rival_person = Partner.create({"name": "Rita Rival", "parent_id": rival.id})
        domain = self.env["big.account.contact"].fields_get(["partner_id"])["partner_id"]["domain"]
        offered = Partner.with_user(self.pm_user).search(
            safe_eval(domain, {"parent_partner_id": self.client.id})
        )
        for person in (self.client_contact, self.client_contact_2, office_person):
            self.assertIn(person, offered)
        for partner in (self.client, rival, rival_person):
            self.assertNotIn(partner, offered)
        # every person offered is accepted in the decision chain
        self.env["big.account.contact"].with_user(self.pm_user).create(
            {"account_id": self.account.id, "partner_id": office_person.id}
        )
        self.assertIn(office_person, self.account.contact_ids.partner_id)
