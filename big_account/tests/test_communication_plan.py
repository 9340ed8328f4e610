from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestCommunicationPlan(BigAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["big.account.communication.plan"].create(
            {
                "account_id": cls.account.id,
                "member_id": cls.planner_membership.id,
                "channel": "visit",
                "frequency": "monthly",
                "next_date": "2026-03-20",
            }
        )
        cls.Plan = cls.env["big.account.communication.plan"]

    def test_cron_schedules_activity_once_ahead_of_date(self):
        with freeze_time("2026-03-10"):
            self.Plan._cron_schedule_contacts()
            self.assertFalse(self.plan.activity_ids, "too early: more than 7 days ahead")
        with freeze_time("2026-03-14"):
            self.Plan._cron_schedule_contacts()
            activity = self.plan.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.ka_planner)
            self.assertEqual(activity.date_deadline, date(2026, 3, 20))
        with freeze_time("2026-03-15"):
            self.Plan._cron_schedule_contacts()
            self.assertEqual(self.plan.activity_ids, activity, "no second activity")

    def test_done_logs_contact_and_moves_date(self):
        with freeze_time("2026-03-14"):
            self.Plan._cron_schedule_contacts()
        with freeze_time("2026-03-18"):
            self.plan.activity_ids.with_user(self.ka_planner).action_feedback(feedback="Met CEO")
            self.assertFalse(self.plan.activity_ids)
            self.assertEqual(self.plan.next_date, date(2026, 4, 20))
            self.assertEqual(self.plan.last_done_date, date(2026, 3, 18))
            self.assertEqual(self.plan.done_count, 1)
            self.assertEqual(self.plan.done_on_time_count, 1)
            self.assertIn("Contact done by Pia Planner", self.account.message_ids[0].body)
            self.Plan._cron_schedule_contacts()
            self.assertFalse(self.plan.activity_ids, "next contact is a month away")
        with freeze_time("2026-04-13"):
            self.Plan._cron_schedule_contacts()
            self.assertEqual(len(self.plan.activity_ids), 1)

    def test_late_contact_counts_not_on_time(self):
        with freeze_time("2026-03-14"):
            self.Plan._cron_schedule_contacts()
        with freeze_time("2026-03-25"):
            self.plan.activity_ids.action_feedback()
            self.assertEqual(self.plan.done_on_time_count, 0)
            self.assertEqual(self.plan.next_date, date(2026, 4, 25))

    def test_overdue_flag_and_list(self):
        Account = self.env["big.account"]
        with freeze_time("2026-03-20"):
            self.assertFalse(self.plan.is_overdue)
            self.assertFalse(self.account.contact_overdue)
            self.assertFalse(Account.search([("contact_overdue", "=", True)]))
        with freeze_time("2026-03-21"):
            self.plan.invalidate_recordset(["is_overdue"])
            self.account.invalidate_recordset(["contact_overdue"])
            self.assertTrue(self.plan.is_overdue)
            self.assertTrue(self.account.contact_overdue)
            self.assertEqual(Account.search([("contact_overdue", "=", True)]), self.account)
            self.assertIn(self.account, Account.search([("contact_overdue", "!=", False)]))

    def test_every_n_days(self):
        self.plan.write({"frequency": "days", "interval_days": 10})
        with freeze_time("2026-03-20"):
            self.Plan._cron_schedule_contacts()
            self.plan.activity_ids.action_feedback()
            self.assertEqual(self.plan.next_date, date(2026, 3, 30))
        with self.assertRaisesRegex(ValidationError, "set N to at least 1"):
            self.plan.interval_days = 0

    def test_responsible_must_be_on_team(self):
        other = self.env["big.account"].create(
            {"partner_id": self.env["res.partner"].create({"name": "Other", "is_company": 1}).id}
        )
        with self.assertRaisesRegex(ValidationError, "is not on the service team of Other"):
            self.Plan.create({"account_id": other.id, "member_id": self.pm_membership.id})


@tagged("post_install", "-at_install")
class TestBirthdayGreetings(BigAccountCommon):
    def test_greeting_activity_days_before(self):
        self._set_params(birthday_days_before=3)
        self.env["big.account.contact"].create(
            {
                "account_id": self.account.id,
                "partner_id": self.client_contact.id,
                "birthday": "1980-05-10",
            }
        )
        self.env["big.account.member"].create(
            {
                "account_id": self.account.id,
                "user_id": self.outsider.id,
                "role": "relationship",
                "nda_signed_date": "2026-01-05",
            }
        )
        Account = self.env["big.account"]
        with freeze_time("2026-05-06"):
            Account._cron_birthday_greetings()
            self.assertFalse(self.account.activity_ids)
        with freeze_time("2026-05-07"):
            Account._cron_birthday_greetings()
            Account._cron_birthday_greetings()
            activity = self.account.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.summary, "Birthday greeting: Alice Acme")
            self.assertEqual(activity.user_id, self.outsider, "the relationship specialist")
            self.assertEqual(activity.date_deadline, date(2026, 5, 10))
