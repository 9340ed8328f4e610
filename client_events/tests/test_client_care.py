from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestClientCare(ClientEventsCommon):
    """One care calendar for every client: festival greetings, birthday wishes and
    return visits, a to-do for each client's owner of the occasion's segments, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the calendar the tests keep: the shipped occasions are left aside
        cls.env["client.care.occasion"].search([]).action_archive()
        cls.Occasion = cls.env["client.care.occasion"]
        cls.Log = cls.env["client.care.log"]
        cls.owner = new_test_user(cls.env, "ce_care_owner", groups="base.group_user")
        cls.company_owner = new_test_user(cls.env, "ce_care_company", groups="base.group_user")
        Segment = cls.env["client.segment"]
        cls.loyal = Segment.create({"name": "Loyal Care"})
        cls.dormant = Segment.create({"name": "Dormant Care"})
        Partner = cls.env["res.partner"]
        cls.wang = Partner.create(
            {"name": "Wang Fang", "user_id": cls.owner.id, "client_segment_id": cls.loyal.id}
        )
        cls.firm = Partner.create(
            {"name": "Jade Firm", "is_company": True, "user_id": cls.company_owner.id}
        )
        cls.chen = Partner.create(
            {"name": "Chen Jie", "parent_id": cls.firm.id, "client_segment_id": cls.dormant.id}
        )
        cls.orphan = Partner.create({"name": "Hu Min", "client_segment_id": cls.loyal.id})
        cls.unsegmented = Partner.create({"name": "Not A Client", "user_id": cls.owner.id})
        cls.dragon_boat = cls.Occasion.create(
            {
                "name": "Dragon Boat Festival",
                "recurrence": "dated",
                "date": "2027-06-09",
                "days_before": 5,
                "user_id": cls.ce_manager.id,
            }
        )

    def _todos(self, partners):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )

    def test_festival_greets_every_segmented_client_once(self):
        everyone = self.wang | self.chen | self.orphan | self.unsegmented
        with freeze_time("2027-06-03"):
            self.Occasion._cron_schedule_greetings()
            self.assertFalse(self._todos(everyone), "six days ahead: too early")
        with freeze_time("2027-06-04"):
            self.Occasion._cron_schedule_greetings()
            self.Occasion._cron_schedule_greetings()
        with freeze_time("2027-06-09"):
            self.Occasion._cron_schedule_greetings()
        self.assertFalse(self._todos(self.unsegmented), "not classified: not a client")
        for partner, owner in (
            (self.wang, self.owner),
            (self.chen, self.company_owner),
            (self.orphan, self.ce_manager),
        ):
            todo = self._todos(partner)
            self.assertEqual(len(todo), 1, "one greeting however often the job runs")
            self.assertEqual(todo.user_id, owner)
            self.assertEqual(todo.date_deadline, date(2027, 6, 9))
            self.assertEqual(todo.summary, "Festival greeting: Dragon Boat Festival")
        logs = self.Log.search([("occasion_id", "=", self.dragon_boat.id)])
        self.assertEqual(logs.partner_id, self.wang | self.chen | self.orphan)
        self.assertEqual(set(logs.mapped("occasion_date")), {date(2027, 6, 9)})
        self.assertEqual(self.dragon_boat.log_count, 3)
        # done, then the job runs again: not planned twice
        self._todos(self.wang).action_feedback(feedback="Thanked")
        with freeze_time("2027-06-09"):
            self.Occasion._cron_schedule_greetings()
        self.assertFalse(self._todos(self.wang))

    def test_chosen_segments_only(self):
        self.dragon_boat.segment_ids = self.dormant
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
        self.assertEqual(
            self._todos(self.wang | self.chen | self.orphan).mapped("res_id"), self.chen.ids
        )

    def test_greeting_speaks_the_owners_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.owner.lang = "zh_CN"
        self.dragon_boat.with_context(lang="zh_CN").name = "端午节"
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
        self.assertIn("端午节", self._todos(self.wang).summary)
        self.assertIn("2027年06月09日", self._todos(self.wang).note)
        self.assertIn("Dragon Boat Festival", self._todos(self.chen).summary)

    def test_return_visit_every_few_months(self):
        self.dragon_boat.action_archive()
        visit = self.Occasion.create(
            {
                "name": "Half-yearly visit",
                "kind": "return_visit",
                "recurrence": "periodic",
                "date": "2027-01-15",
                "interval_months": 6,
                "days_before": 10,
                "segment_ids": [(6, 0, self.loyal.ids)],
            }
        )
        # 1 March 2027: the next visit is 15 July (15 January + 6 months)
        self.assertEqual(visit.next_date, date(2027, 7, 15))
        with freeze_time("2027-07-04"):
            self.Occasion._cron_schedule_greetings()
            self.assertFalse(self._todos(self.wang), "eleven days ahead: too early")
        with freeze_time("2027-07-05"):
            self.Occasion._cron_schedule_greetings()
            self.Occasion._cron_schedule_greetings()
        todo = self._todos(self.wang)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.summary, "Return visit: Half-yearly visit")
        self.assertEqual(todo.date_deadline, date(2027, 7, 15))
        self.assertFalse(self._todos(self.chen), "another segment")
        # the next one, six months on
        with freeze_time("2028-01-10"):
            self.assertEqual(visit.next_date, date(2028, 1, 15))
            self.Occasion._cron_schedule_greetings()
        self.assertEqual(
            self.Log.search(
                [("occasion_id", "=", visit.id), ("partner_id", "=", self.wang.id)]
            ).mapped("occasion_date"),
            [date(2028, 1, 15), date(2027, 7, 15)],
        )

    def test_birthday_wishes_on_each_clients_day(self):
        self.dragon_boat.action_archive()
        self.wang.birthday = "1985-03-05"
        self.chen.birthday = "1990-03-20"
        birthday = self.Occasion.create(
            {"name": "Birthdays", "kind": "birthday", "days_before": 3}
        )
        self.assertFalse(birthday.next_date)
        with freeze_time("2027-03-02"):
            self.Occasion._cron_schedule_greetings()
            self.Occasion._cron_schedule_greetings()
        todo = self._todos(self.wang)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.summary, "Birthday greeting: Wang Fang")
        self.assertEqual(todo.date_deadline, date(2027, 3, 5))
        self.assertFalse(self._todos(self.chen | self.orphan), "too early, or no birthday")

    def test_occasion_dates_are_checked(self):
        with self.assertRaisesRegex(
            ValidationError, "Lantern Festival changes its date every year: enter its date"
        ):
            self.Occasion.create({"name": "Lantern Festival", "recurrence": "dated"})
        with self.assertRaisesRegex(
            ValidationError, "comes back every year: enter its month and day"
        ):
            self.Occasion.create({"name": "Teachers' Day", "month": "9"})
        with self.assertRaisesRegex(ValidationError, "February has no day 30"):
            self.Occasion.create({"name": "Nowhere Day", "month": "2", "day": 30})
        with self.assertRaisesRegex(ValidationError, "days ahead cannot be negative"):
            self.dragon_boat.days_before = -1
        with self.assertRaisesRegex(
            ValidationError,
            "Visit comes back every few months: enter the first date and at least one month",
        ):
            self.Occasion.create(
                {
                    "name": "Visit",
                    "kind": "return_visit",
                    "recurrence": "periodic",
                    "interval_months": 0,
                    "date": "2027-01-01",
                }
            )
        with self.assertRaisesRegex(ValidationError, "enter the first date"):
            self.Occasion.create(
                {"name": "Visit", "kind": "return_visit", "recurrence": "periodic"}
            )
        leap = self.Occasion.create({"name": "Leap Day", "month": "2", "day": 29})
        with freeze_time("2027-02-01"):
            self.assertEqual(leap.next_date, date(2027, 2, 28), "kept on the 28th")

    def test_the_administrator_keeps_the_calendar(self):
        self.assertEqual(self.Occasion.with_user(self.planner).search([]), self.dragon_boat)
        with self.assertRaises(AccessError):
            self.dragon_boat.with_user(self.planner).name = "Duanwu"
        with self.assertRaises(AccessError):
            self.Occasion.with_user(self.planner).create({"name": "Ours", "month": "5", "day": 1})
        with self.assertRaises(AccessError):
            self.Occasion.with_user(self.owner).search([])
        self.dragon_boat.with_user(self.ce_manager).name = "Duanwu"
        self.assertEqual(self.dragon_boat.name, "Duanwu")

    def test_shipped_calendar(self):
        spring = self.env.ref("client_events.client_care_occasion_spring_festival")
        self.assertEqual((spring.kind, spring.recurrence), ("festival", "dated"))
        national = self.env.ref("client_events.client_care_occasion_national_day")
        with freeze_time("2027-03-01"):
            self.assertEqual(national.next_date, date(2027, 10, 1))
