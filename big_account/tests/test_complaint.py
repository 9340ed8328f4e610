from datetime import date

from odoo.exceptions import UserError, ValidationError
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

    def _investigated(self):
        """What the investigation records before a complaint can be resolved."""
        return {
            "cause_id": self.env.ref("big_account.complaint_cause_staffing").id,
            "cause_analysis": "<p>One clerk for four hundred visitors at opening time</p>",
            "corrective_action": "<p>Desk staffed from the registration count</p>",
        }

    def test_flow_requires_solution_and_satisfaction(self):
        complaint = self._complaint()
        complaint.action_investigate()
        self.assertEqual(complaint.state, "investigating")
        with self.assertRaisesRegex(UserError, "is not new: only new complaints go under"):
            complaint.action_investigate()
        complaint.write(self._investigated())
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

    def test_resolve_requires_cause_and_corrective_action(self):
        """No complaint is resolved before its cause (原因分析) and its corrective action
        (纠正措施) are written down; what was entered stays."""
        complaint = self._complaint(solution="<p>Two more staff at the desk</p>")
        complaint.action_investigate()
        investigated = self._investigated()
        for missing, message in (
            ("cause_id", "Record the cause of CMP/"),
            ("cause_analysis", "Record the cause of CMP/"),
            ("corrective_action", "Describe the corrective action of CMP/"),
        ):
            with self.subTest(missing=missing):
                complaint.write({**investigated, missing: False})
                with self.assertRaisesRegex(UserError, message):
                    complaint.with_user(self.ka_planner).action_resolve()
                self.assertEqual(complaint.state, "investigating")
                self.assertEqual(complaint.solution, "<p>Two more staff at the desk</p>")
        complaint.write(investigated)
        complaint.with_user(self.ka_planner).action_resolve()
        self.assertEqual(complaint.state, "resolved")

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
            complaint.write({**self._investigated(), "solution": "<p>Fixed</p>"})
            complaint.action_resolve()
            self.assertFalse(complaint.is_overdue)
            self.assertFalse(Complaint.search([("is_overdue", "=", True)]))

    def test_repeat_flag_same_cause_within_months(self):
        """The same cause again within the months of Settings, not the same category."""
        self._set_params(complaint_repeat_months=6)
        staffing = self.env.ref("big_account.complaint_cause_staffing")
        supplier = self.env.ref("big_account.complaint_cause_supplier")
        first = self._complaint(date_received="2026-01-10", cause_id=staffing.id)
        same_category = self._complaint(date_received="2026-02-01", cause_id=supplier.id)
        no_cause_yet = self._complaint(date_received="2026-02-15")
        repeat = self._complaint(
            date_received="2026-07-10", category="billing", cause_id=staffing.id
        )
        late = self._complaint(date_received="2026-08-02", cause_id=supplier.id)
        self.assertFalse(first.is_repeat)
        self.assertFalse(same_category.is_repeat, "same category, another cause")
        self.assertFalse(no_cause_yet.is_repeat, "a cause is known after investigation")
        self.assertTrue(repeat.is_repeat, "the cause again six months later to the day")
        self.assertEqual(repeat.repeat_of_id, first)
        self.assertFalse(late.is_repeat, "six months and a day after the supplier failure")
        Complaint = self.env["big.account.complaint"]
        self.assertEqual(Complaint.search([("is_repeat", "=", True)]), repeat)

        # the investigation of the February complaint finds the staffing again
        no_cause_yet.cause_id = staffing
        self.assertTrue(no_cause_yet.is_repeat)
        self.assertEqual(
            repeat.repeat_of_id, no_cause_yet, "the July complaint repeats the latest one"
        )
        # a cause corrected on the first complaint: the February one is no repeat
        first.cause_id = supplier
        self.assertFalse(no_cause_yet.is_repeat)
        self.assertEqual(same_category.repeat_of_id, first)

    def test_repeat_window_from_settings(self):
        Settings = self.env["res.config.settings"]
        self.assertEqual(
            Settings.create({}).big_account_complaint_repeat_months, 6, "six months by default"
        )
        with self.assertRaisesRegex(ValidationError, "at least one month"):
            Settings.create({"big_account_complaint_repeat_months": 0})
        staffing = self.env.ref("big_account.complaint_cause_staffing")
        Settings.create({"big_account_complaint_repeat_months": 2}).execute()
        self._complaint(date_received="2026-01-10", cause_id=staffing.id)
        three_months = self._complaint(date_received="2026-04-10", cause_id=staffing.id)
        self.assertFalse(three_months.is_repeat, "two months in Settings")
        Settings.create({"big_account_complaint_repeat_months": 12}).execute()
        a_year = self._complaint(date_received="2027-01-10", cause_id=staffing.id)
        self.assertTrue(a_year.is_repeat, "twelve months in Settings")
        self.assertEqual(a_year.repeat_of_id, three_months)
