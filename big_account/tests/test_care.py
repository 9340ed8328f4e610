from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import BigAccountCommon

TEAM_GROUPS = "big_account.group_member,sales_team.group_sale_salesman_all_leads"


@tagged("post_install", "-at_install")
class TestCareGreetings(BigAccountCommon):
    """The care calendar: festival and anniversary greetings for each account's team,
    days ahead, once, and the client's feedback when the greeting is done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_params(care_days_before=5)
        # the calendar the tests keep: the shipped festivals are left aside
        cls.env["client.care.occasion"].search([]).action_archive()
        cls.relation_user = new_test_user(
            cls.env, login="ba_relation", name="Rita Relation", groups=TEAM_GROUPS
        )
        cls.env["big.account.member"].create(
            {
                "account_id": cls.account.id,
                "user_id": cls.relation_user.id,
                "role": "relationship",
                "nda_signed_date": "2026-01-05",
            }
        )
        cls.env["big.account.evaluation.opinion"].with_user(cls.relation_user).create(
            {"account_id": cls.account.id, "verdict": "agree"}
        )
        cls.account.with_user(cls.ka_manager).action_confirm()
        # a second confirmed account served by the outsider, a candidate, an inactive one
        cls.other_account = cls._account("Beta Fairs", cls.outsider)
        cls._team_agrees(cls.other_account)
        cls.other_account.with_user(cls.ka_manager).action_confirm()
        cls.candidate = cls._account("Gamma Candidate", cls.outsider)
        cls.inactive = cls._account("Delta Dormant", cls.outsider)
        cls._team_agrees(cls.inactive)
        cls.inactive.with_user(cls.ka_manager).action_confirm()
        cls.inactive.with_user(cls.ka_manager).action_set_inactive()
        cls.Occasion = cls.env["client.care.occasion"]
        cls.dragon_boat = cls.Occasion.create(
            {"name": "Dragon Boat Festival", "recurrence": "dated", "date": "2027-06-09"}
        )

    @classmethod
    def _account(cls, name, project_manager):
        account = cls.env["big.account"].create(
            {"partner_id": cls.env["res.partner"].create({"name": name, "is_company": True}).id}
        )
        cls.env["big.account.member"].create(
            {
                "account_id": account.id,
                "user_id": project_manager.id,
                "role": "project_manager",
                "nda_signed_date": "2026-01-05",
            }
        )
        return account

    def _greetings(self, accounts):
        return self.env["mail.activity"].search(
            [("res_model", "=", "big.account"), ("res_id", "in", accounts.ids)]
        )

    def test_festival_greeting_days_ahead_for_the_care_person(self):
        self.assertEqual(self.dragon_boat.days_before, 5, "the default days ahead of Settings")
        everyone = self.account | self.other_account | self.candidate | self.inactive
        with freeze_time("2027-06-03"):
            self.Occasion._cron_schedule_greetings()
            self.assertFalse(self._greetings(everyone), "six days ahead: too early")
        with freeze_time("2027-06-04"):
            self.Occasion._cron_schedule_greetings()
            self.Occasion._cron_schedule_greetings()
        with freeze_time("2027-06-07"):
            self.Occasion._cron_schedule_greetings()
        greeting = self._greetings(self.account)
        self.assertEqual(len(greeting), 1, "one greeting however often the job runs")
        self.assertEqual(greeting.user_id, self.relation_user, "the relationship specialist")
        self.assertEqual(greeting.date_deadline, date(2027, 6, 9))
        self.assertEqual(greeting.summary, "Festival greeting: Dragon Boat Festival")
        other = self._greetings(self.other_account)
        self.assertEqual(other.user_id, self.outsider, "no specialist: the project manager")
        self.assertFalse(
            self._greetings(self.candidate | self.inactive),
            "candidates and inactive accounts are not greeted",
        )
        care = self.account.care_action_ids
        self.assertEqual(care.state, "planned")
        self.assertEqual(care.kind, "festival")
        self.assertEqual(care.occasion_date, date(2027, 6, 9))
        self.assertEqual(care.activity_id, greeting)
        self.assertEqual(self.account.care_action_count, 1)

    def test_greeting_speaks_the_care_persons_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.relation_user.lang = "zh_CN"
        self.dragon_boat.with_context(lang="zh_CN").name = "端午节"
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
        greeting = self._greetings(self.account)
        self.assertIn("端午节", greeting.summary)
        self.assertIn("2027年06月09日", greeting.note)
        self.assertIn("Dragon Boat Festival", self._greetings(self.other_account).summary)

    def test_one_calendar_key_accounts_through_their_team(self):
        """A festival greets a confirmed key account through its service team (a care
        action) and every other client of the segments through its owner; the key
        account's people get no second greeting, and an anniversary is its account's
        only."""
        segment = self.env["client.segment"].create({"name": "Loyal Care BA"})
        client = self.env["res.partner"].create(
            {
                "name": "Walk-in Client",
                "user_id": self.crm_user.id,
                "client_segment_id": segment.id,
            }
        )
        self.client_contact.client_segment_id = segment
        self.candidate.partner_id.client_segment_id = segment
        self.Occasion.create(
            {
                "name": "Acme founding day",
                "kind": "anniversary",
                "account_id": self.account.id,
                "month": "6",
                "day": 8,
            }
        )
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
            self.Occasion._cron_schedule_greetings()
        to_dos = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                (
                    "res_id",
                    "in",
                    (client | self.client_contact | self.candidate.partner_id).ids,
                ),
            ]
        )
        self.assertEqual(
            set(to_dos.mapped("res_id")),
            {client.id, self.candidate.partner_id.id},
            "a confirmed key account is its team's; a candidate is a client like any other",
        )
        to_do = to_dos.filtered(lambda a: a.res_id == client.id)
        self.assertEqual(to_do.user_id, self.crm_user)
        self.assertEqual(to_do.summary, "Festival greeting: Dragon Boat Festival")
        self.assertEqual(
            sorted(self._greetings(self.account).mapped("summary")),
            ["Anniversary greeting: Acme founding day", "Festival greeting: Dragon Boat Festival"],
        )
        self.assertEqual(len(self._greetings(self.other_account)), 1)

    def test_account_anniversary_goes_to_that_account_only(self):
        self.dragon_boat.action_archive()
        anniversary = self.Occasion.with_user(self.relation_user).create(
            {
                "name": "Acme founding day",
                "kind": "anniversary",
                "account_id": self.account.id,
                "month": "6",
                "day": 20,
                "days_before": 10,
            }
        )
        self.assertEqual(anniversary.company_id, self.account.company_id)
        with freeze_time("2027-06-10"):
            self.Occasion._cron_schedule_greetings()
        self.assertFalse(self._greetings(self.other_account))
        greeting = self._greetings(self.account)
        self.assertEqual(greeting.summary, "Anniversary greeting: Acme founding day")
        self.assertEqual(greeting.date_deadline, date(2027, 6, 20))
        # the same day comes back next year, and is greeted again then
        with freeze_time("2028-06-12"):
            self.assertEqual(anniversary.next_date, date(2028, 6, 20))
            self.Occasion._cron_schedule_greetings()
        self.assertEqual(
            self.account.care_action_ids.mapped("occasion_date"),
            [date(2028, 6, 20), date(2027, 6, 20)],
        )

    def test_yearly_festival_turns_the_year(self):
        new_year = self.Occasion.create(
            {"name": "New Year", "month": "1", "day": 1, "days_before": 5}
        )
        with freeze_time("2026-12-27"):
            self.assertEqual(new_year.next_date, date(2027, 1, 1))
            self.Occasion._cron_schedule_greetings()
        self.assertEqual(
            self._greetings(self.account)
            .filtered(lambda a: "New Year" in a.summary)
            .date_deadline,
            date(2027, 1, 1),
        )

    def test_lunar_festival_takes_next_years_date(self):
        spring = self.env.ref("client_events.client_care_occasion_spring_festival")
        self.assertEqual(spring.date, date(2027, 2, 6))
        self.assertEqual(
            self.env.ref("client_events.client_care_occasion_mid_autumn").date, date(2027, 9, 15)
        )
        spring.action_unarchive()
        spring.days_before = 3
        with freeze_time("2027-02-20"):
            self.assertFalse(spring.next_date, "passed: next year's date is to enter")
            date_to_enter = self.Occasion.search(
                [("recurrence", "=", "dated"), ("date", "<", "2027-02-20")]
            )
            self.assertIn(spring, date_to_enter)
            self.Occasion._cron_schedule_greetings()
            self.assertFalse(self._greetings(self.account))
        spring.with_user(self.ka_manager).date = "2028-01-26"
        with freeze_time("2028-01-23"):
            self.Occasion._cron_schedule_greetings()
        self.assertEqual(self._greetings(self.account).date_deadline, date(2028, 1, 26))

    def test_occasion_dates_are_checked(self):
        with self.assertRaisesRegex(ValidationError, "enter its date"):
            self.Occasion.create({"name": "Lantern Festival", "recurrence": "dated"})
        with self.assertRaisesRegex(ValidationError, "enter its month and day"):
            self.Occasion.create({"name": "Teachers' Day", "month": "9"})
        with self.assertRaisesRegex(ValidationError, "February has no day 30"):
            self.Occasion.create({"name": "Nowhere Day", "month": "2", "day": 30})
        with self.assertRaisesRegex(ValidationError, "days ahead cannot be negative"):
            self.dragon_boat.days_before = -1
        leap = self.Occasion.create({"name": "Leap Day", "month": "2", "day": 29})
        with freeze_time("2027-02-01"):
            self.assertEqual(leap.next_date, date(2027, 2, 28), "kept on the 28th")

    def test_team_keeps_its_anniversaries_the_manager_the_calendar(self):
        spring = self.env.ref("client_events.client_care_occasion_spring_festival")
        with self.assertRaises(AccessError):
            spring.with_user(self.relation_user).date = "2028-01-26"
        with self.assertRaises(AccessError):
            self.Occasion.with_user(self.relation_user).create(
                {"name": "Our festival", "month": "5", "day": 1}
            )
        with self.assertRaises(AccessError):
            self.Occasion.with_user(self.relation_user).create(
                {"name": "Beta day", "month": "5", "day": 1, "account_id": self.other_account.id}
            )
        beta_day = self.Occasion.create(
            {"name": "Beta day", "month": "5", "day": 1, "account_id": self.other_account.id}
        )
        calendar = self.Occasion.with_user(self.relation_user).search([])
        self.assertIn(self.dragon_boat, calendar)
        self.assertNotIn(beta_day, calendar, "another account's anniversary stays with its team")

    def test_greeting_done_records_the_feedback(self):
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
        greeting = self._greetings(self.account)
        care = self.account.care_action_ids
        with freeze_time("2027-06-08"):
            with self.assertRaisesRegex(UserError, "write the client's feedback before marking"):
                greeting.with_user(self.relation_user).action_feedback()
            self.assertTrue(greeting.exists(), "the to-do stays open")
            greeting.with_user(self.relation_user).action_feedback(
                feedback="Ms Li thanked us and asked about the autumn fair"
            )
        self.assertFalse(greeting.exists())
        self.assertEqual(care.state, "done")
        self.assertEqual(care.date_done, date(2027, 6, 8))
        self.assertEqual(care.feedback, "Ms Li thanked us and asked about the autumn fair")
        care.with_user(self.relation_user).rating = "5"
        with self.assertRaisesRegex(UserError, "is already done"):
            care.with_user(self.relation_user).action_done()

    def test_care_action_done_by_its_button_closes_the_to_do(self):
        with freeze_time("2027-06-05"):
            self.Occasion._cron_schedule_greetings()
        greeting = self._greetings(self.account)
        care = self.account.care_action_ids.with_user(self.relation_user)
        with self.assertRaisesRegex(UserError, "with its button or its to-do"):
            care.write({"state": "done"})
        with self.assertRaisesRegex(UserError, "write the client's feedback"):
            care.action_done()
        care.feedback = "No reply"
        care.action_done()
        self.assertEqual(care.state, "done")
        self.assertFalse(greeting.exists(), "the greeting's to-do is done with it")
        self.assertIn("No reply", self.account.message_ids[0].body)

    def test_birthday_greeting_is_a_care_action(self):
        self._set_params(birthday_days_before=3)
        self.env["big.account.contact"].create(
            {
                "account_id": self.account.id,
                "partner_id": self.client_contact.id,
                "birthday": "1980-05-10",
            }
        )
        with freeze_time("2027-05-07"):
            self.env["big.account"]._cron_birthday_greetings()
        care = self.account.care_action_ids
        self.assertEqual(care.kind, "birthday")
        self.assertEqual(care.partner_id, self.client_contact)
        self.assertEqual(care.user_id, self.relation_user)
        care.activity_id.with_user(self.relation_user).action_feedback(feedback="Called back")
        self.assertEqual((care.state, care.feedback), ("done", "Called back"))

    def test_appreciation_event_logged_as_care(self):
        begin = datetime(2027, 4, 15, 18, 0)
        gala = self.env["event.event"].create(
            {
                "name": "Client Appreciation Gala",
                "date_begin": begin,
                "date_end": begin.replace(hour=22),
                "big_account_id": self.account.id,
            }
        )
        other_event = self.env["event.event"].create(
            {
                "name": "Beta Launch",
                "date_begin": begin,
                "date_end": begin.replace(hour=22),
                "big_account_id": self.other_account.id,
            }
        )
        CareAction = self.env["big.account.care.action"].with_user(self.relation_user)
        with self.assertRaisesRegex(ValidationError, "choose the appreciation event"):
            CareAction.create({"account_id": self.account.id, "kind": "event"})
        with self.assertRaisesRegex(ValidationError, "Beta Launch is not planned for Acme"):
            CareAction.create(
                {"account_id": self.account.id, "kind": "event", "event_id": other_event.id}
            )
        care = CareAction.create(
            {
                "account_id": self.account.id,
                "kind": "event",
                "event_id": gala.id,
                "feedback": "The CEO came with three directors",
                "rating": "4",
            }
        )
        care.action_done()
        self.assertEqual(care.display_name, "Appreciation Event: Client Appreciation Gala")
        self.assertEqual(care.state, "done")
        # another account's team sees nothing of it
        with self.assertRaises(AccessError):
            care.with_user(self.outsider).read(["feedback"])
        self.assertFalse(
            self.env["big.account.care.action"].with_user(self.outsider).search([]),
        )
