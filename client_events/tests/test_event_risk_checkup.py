from datetime import date
from re import escape

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientEventsCommon


class CheckupCase(ClientEventsCommon):
    """Risks registered on Monday 1 March 2027, checked every 14 days: the first check-up
    of an open high or medium risk is due on Monday 15 March."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"risk_medium_score": 5, "risk_high_score": 15, "risk_checkup_days": 14})
        cls.owner = cls.planner_2
        cls.event = cls._create_event("Autumn Outing", event_type_id=cls.plain_type.id)
        cls.high = cls._risk("Crowd at the gate", 5, 4)
        cls.medium = cls._risk("Caterer late", 3, 3)
        cls.low = cls._risk("Projector bulb", 1, 2)
        cls.closed = cls._risk("Permit refused", 5, 5)
        cls.closed.action_close()
        cls.unowned = cls._risk("Storm", 4, 4, owner_id=False)
        cls.checkup_type = cls.env.ref("client_events.mail_activity_type_risk_checkup")

    @classmethod
    def _risk(cls, name, likelihood, impact, **values):
        return cls.env["event.risk"].create(
            {
                "event_id": cls.event.id,
                "risk_type_id": cls.env.ref("client_events.event_risk_type_safety").id,
                "name": name,
                "likelihood": likelihood,
                "impact": impact,
                "owner_id": cls.owner.id,
                **values,
            }
        )

    def _todos(self, risks=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "event.risk"),
                ("res_id", "in", (risks or self.env["event.risk"].search([])).ids),
                ("activity_type_id", "=", self.checkup_type.id),
            ]
        )

    def _cron(self, day):
        with freeze_time(day):
            self.env["event.risk"]._cron_schedule_checkups()

    def _checkup(self, risk, user=None, **values):
        return (
            self.env["event.risk.checkup"]
            .with_user(user or self.owner)
            .create({"risk_id": risk.id, "status": "on_track", **values})
        )


@tagged("post_install", "-at_install")
class TestRiskCheckup(CheckupCase):
    def test_due_dates_of_open_high_and_medium_risks_only(self):
        self.assertEqual(self.high.date_registered, date(2027, 3, 1))
        self.assertEqual(self.high.checkup_due_date, date(2027, 3, 15))
        self.assertEqual(self.medium.checkup_due_date, date(2027, 3, 15))
        self.assertFalse(self.low.checkup_due_date)
        self.assertFalse(self.closed.checkup_due_date)
        self.company.risk_checkup_days = 7
        self.assertEqual(self.high.checkup_due_date, date(2027, 3, 8), "the cadence of Settings")

    def test_one_to_do_at_the_due_date_never_a_pile(self):
        self._cron("2027-03-14 23:00:00")
        self.assertFalse(self._todos(), "no to-do before the due date")
        self._cron("2027-03-15 06:00:00")
        todos = self._todos()
        self.assertEqual(len(todos), 2)
        self.assertEqual(self._todos(self.high).date_deadline, date(2027, 3, 15))
        self.assertEqual(self._todos(self.high).summary, "Check-up: Crowd at the gate")
        self.assertEqual(todos.user_id, self.owner)
        self.assertEqual(
            todos.mapped("res_id"),
            (self.high | self.medium).ids,
            "none for low or closed risks, nor for a risk without owner",
        )
        self._cron("2027-03-15 18:00:00")
        self._cron("2027-03-22 06:00:00")
        self.assertEqual(self._todos(), todos, "not twice")

    def test_recording_a_check_up_closes_the_to_do_and_moves_the_due_date(self):
        self._cron("2027-03-15 06:00:00")
        with freeze_time("2027-03-16 10:00:00"):
            overdue = (
                self.env["event.risk"]
                .with_user(self.hq_user)
                .search([("is_checkup_overdue", "=", True)])
            )
            self.assertEqual(overdue, self.high | self.medium | self.unowned)
            checkup = self._checkup(self.high, status="delayed", note="Stewards not hired yet")
            self.assertEqual(checkup.user_id, self.owner)
            self.assertEqual(checkup.date, date(2027, 3, 16))
            self.assertFalse(self._todos(self.high), "the to-do is done")
            self.assertTrue(self._todos(self.medium))
            self.assertEqual(self.high.last_checkup_date, date(2027, 3, 16))
            self.assertEqual(self.high.checkup_due_date, date(2027, 3, 30))
            self.assertFalse(self.high.is_checkup_overdue)
            self.assertEqual(self.high.checkup_ids, checkup)
            on_time = self.env["event.risk"].search([("is_checkup_overdue", "=", False)])
            self.assertIn(self.high, on_time)
            self.assertIn(self.low, on_time, "a risk without check-ups is never overdue")
            self.assertNotIn(self.medium, on_time)
            done = self.high.message_ids.filtered(lambda m: m.mail_activity_type_id)
            self.assertIn("Check-up recorded.", done[0].body)
        self._cron("2027-03-29 06:00:00")
        self.assertFalse(self._todos(self.high), "due on the 30th")
        self._cron("2027-03-30 06:00:00")
        self.assertEqual(self._todos(self.high).date_deadline, date(2027, 3, 30))

    def test_done_check_up_mitigates_the_risk(self):
        self.high.mitigation = "Four stewards, a second gate"
        self._cron("2027-03-15 06:00:00")
        self._checkup(self.high, status="done")
        self.assertEqual(self.high.state, "mitigated")
        self.assertFalse(self.high.checkup_due_date, "a mitigated risk is checked no more")
        self.assertFalse(self._todos(self.high))

    def test_closing_or_lowering_a_risk_drops_its_to_do(self):
        self._cron("2027-03-15 06:00:00")
        self.high.action_close()
        self.assertFalse(self._todos(self.high))
        self.medium.write({"likelihood": 1, "impact": 1})
        self.assertFalse(self._todos(self.medium))

    def test_a_new_owner_gets_the_to_do(self):
        self._cron("2027-03-15 06:00:00")
        self.high.owner_id = self.planner
        self.assertEqual(self._todos(self.high).user_id, self.planner)
        self._checkup(self.high, user=self.planner)
        self.assertFalse(self._todos(self.high))

    def test_the_owner_is_a_planner_who_can_record_check_ups(self):
        """The check-up to-do goes to someone who can record it: the picker offers
        planners, and nobody else is taken, whoever writes."""
        field = self.env["event.risk"]._fields["owner_id"]
        choices = self.env["res.users"].search(field.get_domain_list(self.env["event.risk"]))
        self.assertIn(self.owner, choices)
        self.assertNotIn(self.event_user, choices)
        for risk in (self.high, self.high.sudo()):
            with (
                self.subTest(su=risk.env.su),
                self.assertRaisesRegex(
                    ValidationError,
                    escape(
                        f"{self.event_user.name} cannot own Crowd at the gate: only planners "
                        "record check-ups of risks. Choose a planner, or ask an administrator "
                        f"to give {self.event_user.name} the Planner role."
                    ),
                ),
                self.env.cr.savepoint(),
            ):
                risk.owner_id = self.event_user
        self.high.invalidate_recordset()
        self.assertEqual(self.high.owner_id, self.owner)

    def test_the_cadence_is_at_least_a_day(self):
        with self.assertRaisesRegex(
            ValidationError,
            f"the risk check-up cadence of {self.company.name} must be positive: enter at "
            "least 1 hour and 1 day.",
        ):
            self.company.risk_checkup_days = 0

    def test_refusals_name_the_risk(self):
        with self.assertRaisesRegex(
            AccessError,
            f"Only {escape(self.owner.name)}, the owner of the risk “Crowd at the gate”, or "
            "headquarters records its check-ups.",
        ):
            self._checkup(self.high, user=self.planner)
        with self.assertRaisesRegex(
            UserError,
            "The risk “Permit refused” is closed: reopen it before recording a check-up.",
        ):
            self._checkup(self.closed)
        # headquarters may record for the owner
        self.assertEqual(self._checkup(self.high, user=self.hq_user).risk_id, self.high)
        with self.assertRaisesRegex(
            ValidationError,
            "The check-up of the risk “Crowd at the gate” cannot be dated in the future: "
            "record it on the day it took place.",
        ):
            self._checkup(self.high, date=date(2027, 3, 2))
        with self.assertRaisesRegex(UserError, "This search is not supported."):
            self.env["event.risk"].search([("is_checkup_overdue", "in", [True])])

    def test_the_risk_form_opens_a_new_check_up(self):
        action = self.high.with_user(self.owner).action_record_checkup()
        self.assertEqual(action["res_model"], "event.risk.checkup")
        self.assertEqual(action["context"], {"default_risk_id": self.high.id})
        self.assertEqual(action["target"], "new")

    def test_risk_state_still_written_by_its_buttons_only(self):
        with self.assertRaisesRegex(UserError, "State can be changed only with the buttons"):
            self.high.sudo().write({"state": "closed"})

    def test_a_checkup_is_kept_as_recorded_by_its_author(self):
        checkup = self._checkup(self.high, user_id=self.planner.id, note="Stewards booked")
        self.assertEqual(checkup.user_id, self.owner, "recorded by the owner himself")
        checkup.with_user(self.owner).note = "Stewards booked; barriers ordered"
        message = (
            "The check-ups of Crowd at the gate are kept as recorded: record a new check-up "
            "instead"
        )
        for user, vals in (
            (self.owner, {"date": "2027-02-01"}),
            (self.owner, {"status": "done"}),
            (self.hq_user, {"note": "Looks fine"}),
        ):
            with self.assertRaisesRegex(UserError, message):
                checkup.with_user(user).write(vals)
        with self.assertRaisesRegex(UserError, "can be changed only with the buttons"):
            self.high.sudo().write({"date_registered": "2027-02-27"})


@tagged("post_install", "-at_install", "security")
class TestRiskCheckupCompanies(CheckupCase):
    """Headquarters sees the overdue check-ups of every region it belongs to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north = cls.env["res.company"].create({"name": "North Region Co."})
        cls.north_planner = new_test_user(
            cls.env,
            "ce_north_planner",
            groups="client_events.group_planner",
            company_id=cls.north.id,
            company_ids=[Command.set(cls.north.ids)],
        )
        cls.hq_user.company_ids = [Command.link(cls.north.id)]
        cls.north_event = cls.env["event.event"].create(
            {
                "name": "North Gala",
                "company_id": cls.north.id,
                "event_type_id": cls.plain_type.id,
                "date_begin": cls.EVENT_BEGIN,
                "date_end": cls.EVENT_BEGIN.replace(hour=17),
            }
        )
        cls.north_risk = cls.env["event.risk"].create(
            {
                "event_id": cls.north_event.id,
                "risk_type_id": cls.env.ref("client_events.event_risk_type_safety").id,
                "name": "Ice on the steps",
                "likelihood": 4,
                "impact": 4,
                "owner_id": cls.north_planner.id,
            }
        )

    def test_headquarters_sees_every_region_a_region_its_own(self):
        self._cron("2027-03-15 06:00:00")
        self.assertEqual(self._todos(self.north_risk).user_id, self.north_planner)
        with freeze_time("2027-03-16 10:00:00"):
            domain = [("is_checkup_overdue", "=", True)]
            hq = self.env["event.risk"].with_user(self.hq_user)
            hq = hq.with_context(allowed_company_ids=[self.company.id, self.north.id])
            self.assertEqual(
                hq.search(domain), self.high | self.medium | self.unowned | self.north_risk
            )
            north = self.env["event.risk"].with_user(self.north_planner)
            self.assertEqual(north.search(domain), self.north_risk)
            with self.assertRaises(AccessError):
                self.high.with_user(self.north_planner).read(["name"])
            self._checkup(self.north_risk, user=self.north_planner)
            checkups = self.env["event.risk.checkup"]
            self.assertFalse(checkups.with_user(self.planner).search([]))
            self.assertEqual(
                checkups.with_user(self.north_planner).search([]).risk_id, self.north_risk
            )
