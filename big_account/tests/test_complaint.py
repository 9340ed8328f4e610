from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestComplaint(BigAccountCommon):
    def _complaint(self, **vals):
        values = {
            "account_id": self.account.id,
            "category": "service",
            "severity": "high",
            "date_received": "2026-03-02",
            "description": "<p>Registration desk understaffed</p>",
        }
        values.update(vals)
        return self.env["big.account.complaint"].with_user(self.ka_planner).create(values)

    def test_reference_and_sla_deadline(self):
        self._set_params(sla_days_high=3, sla_days_low=15)
        complaint = self._complaint()
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertEqual(complaint.date_deadline, date(2026, 3, 5))
        complaint.severity = "low"
        self.assertEqual(complaint.date_deadline, date(2026, 3, 17))

    def test_project_manager_notified(self):
        complaint = self._complaint()
        notified = complaint.message_ids.notified_partner_ids
        self.assertIn(self.pm_user.partner_id, notified)
        self.assertIn(self.pm_user.partner_id, complaint.message_partner_ids)

    def test_client_acknowledged(self):
        """The contact who complained hears who handles it and by when."""
        self._set_params(sla_days_high=3)
        self.client_contact.email = "alice@acme.example.com"
        complaint = self._complaint(partner_id=self.client_contact.id)
        ack = complaint.message_ids.filtered(lambda m: self.client_contact in m.partner_ids)
        self.assertEqual(ack.subject, f"We have received your complaint {complaint.name}")
        self.assertIn("Pia Planner", ack.body, "the owner is named")
        self.assertIn("03/05/2026", ack.body, "the deadline of the SLA")
        notification = ack.notification_ids.filtered(
            lambda n: n.res_partner_id == self.client_contact
        )
        self.assertEqual(notification.notification_type, "email", "sent by e-mail")

        self.client_contact_2.email = False
        silent = self._complaint(partner_id=self.client_contact_2.id)
        self.assertFalse(
            silent.message_ids.filtered(lambda m: self.client_contact_2 in m.partner_ids),
            "no e-mail address: nobody to acknowledge",
        )

    def test_flow_requires_solution_and_satisfaction(self):
        complaint = self._complaint()
        complaint.action_investigate()
        self.assertEqual(complaint.state, "investigating")
        with self.assertRaisesRegex(UserError, "is not new: only new complaints go under"):
            complaint.action_investigate()
        with self.assertRaisesRegex(UserError, "Describe the solution of"):
            complaint.action_resolve()
        complaint.solution = "<p>Two more staff at the desk</p>"
        with freeze_time("2026-03-04"):
            complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertEqual(complaint.date_resolved, date(2026, 3, 4))
        with self.assertRaisesRegex(UserError, "Record the client's satisfaction"):
            complaint.action_close()
        complaint.satisfaction = "4"
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        with self.assertRaisesRegex(UserError, "must be resolved before it can be closed"):
            complaint.action_close()
        with self.assertRaisesRegex(UserError, "is already resolved or closed"):
            complaint.action_resolve()

    def test_state_not_writable(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "with its buttons"):
            complaint.write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "with its buttons"):
            self._complaint(state="closed")

    def test_overdue_flag(self):
        complaint = self._complaint()  # deadline 2026-03-04 with 2 SLA days
        Complaint = self.env["big.account.complaint"]
        with freeze_time("2026-03-04"):
            self.assertFalse(complaint.is_overdue)
            self.assertFalse(Complaint.search([("is_overdue", "=", True)]))
        with freeze_time("2026-03-05"):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertTrue(complaint.is_overdue)
            self.assertEqual(Complaint.search([("is_overdue", "=", True)]), complaint)
            complaint.solution = "<p>Fixed</p>"
            complaint.action_resolve()
            self.assertFalse(complaint.is_overdue)
            self.assertFalse(Complaint.search([("is_overdue", "=", True)]))

    def test_repeat_flag(self):
        first = self._complaint(date_received="2026-01-01")
        other_category = self._complaint(date_received="2026-02-01", category="billing")
        repeat = self._complaint(date_received="2026-03-31")  # 89 days later
        late = self._complaint(date_received="2026-07-15", category="billing")  # > 90 days
        self.assertFalse(first.is_repeat)
        self.assertFalse(other_category.is_repeat)
        self.assertTrue(repeat.is_repeat)
        self.assertFalse(late.is_repeat)
