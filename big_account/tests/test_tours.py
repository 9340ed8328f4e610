from odoo.tests import HttpCase, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install", "big_account_tour")
class TestKeyAccountTour(HttpCase, BigAccountCommon):
    """A key-account manager's day, clicked through in a real browser."""

    def test_contact_added_and_complaint_logged(self):
        # the account's project manager (大客户项目经理) is on its service team
        kam = self.pm_user
        self.start_tour("/odoo", "big_account_contact_and_complaint", login=kam.login)

        contact = self.account.contact_ids.filtered(
            lambda c: c.partner_id == self.client_contact_2
        )
        self.assertEqual(contact.position, "Chief Financial Officer")
        self.assertEqual(contact.decision_role, "decision_maker")

        complaint = self.account.complaint_ids
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.partner_id, self.client_contact_2)
        self.assertEqual((complaint.category, complaint.severity), ("venue", "high"))
        self.assertIn("shuttle bus", complaint.description)
        self.assertEqual(complaint.user_id, kam, "whoever logs it owns it until reassigned")
        self.assertTrue(complaint.date_deadline, "the deadline follows the SLA of the settings")
        self.assertNotEqual(complaint.name, "New")
