import base64
from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ClientEventsCommon


class RiskCase(ClientEventsCommon):
    """The risk register of an outing of last spring, scored 5 (medium) and 15 (high)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"risk_medium_score": 5, "risk_high_score": 15})
        cls.safety = cls.env.ref("client_events.event_risk_type_safety")
        cls.weather = cls.env.ref("client_events.event_risk_type_weather")
        cls.client_type = cls.env["event.type"].create(
            {"name": "Outdoor (risk tests)", "approval_required": True}
        )
        cls.event = cls.env["event.event"].create(
            {
                "name": "Spring outing",
                "event_type_id": cls.client_type.id,
                "date_begin": datetime(2026, 4, 10, 1, 0),
                "date_end": datetime(2026, 4, 10, 9, 0),
                "date_tz": "Asia/Shanghai",
            }
        )

    def make_risk(self, likelihood, impact, **values):
        return self.env["event.risk"].create(
            {
                "event_id": self.event.id,
                "risk_type_id": self.safety.id,
                "name": f"Risk {likelihood}x{impact}",
                "likelihood": likelihood,
                "impact": impact,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestRiskRegister(RiskCase):
    def test_score_and_level_at_the_thresholds(self):
        # medium from 5 and high from 15: just below, at and above each threshold
        expected = {
            (1, 4): (4, "low"),
            (1, 5): (5, "medium"),
            (2, 3): (6, "medium"),
            (4, 3): (12, "medium"),
            (3, 5): (15, "high"),
            (4, 4): (16, "high"),
            (5, 5): (25, "high"),
        }
        for (likelihood, impact), (score, level) in expected.items():
            with self.subTest(likelihood=likelihood, impact=impact):
                risk = self.make_risk(likelihood, impact, mitigation="Plan B")
                self.assertEqual(risk.score, score)
                self.assertEqual(risk.level, level)

    def test_levels_follow_the_settings(self):
        risk = self.make_risk(3, 4)
        self.assertEqual((risk.score, risk.level), (12, "medium"))
        self.company.risk_high_score = 12
        self.assertEqual(risk.level, "high")
        self.company.write({"risk_medium_score": 13, "risk_high_score": 20})
        self.assertEqual(risk.level, "low")

    def test_settings_refuse_thresholds_that_make_no_sense(self):
        for medium, high in ((1, 15), (0, 15), (15, 15), (16, 15), (5, 26), (-3, 10)):
            with (
                self.subTest(medium=medium, high=high),
                self.assertRaisesRegex(
                    ValidationError, "medium score must be above 1 and below the high score"
                ),
            ):
                self.company.write({"risk_medium_score": medium, "risk_high_score": high})

    def test_likelihood_and_impact_stay_within_one_to_five(self):
        for likelihood, impact in ((0, 3), (6, 3), (3, 0), (3, 6)):
            with (
                self.subTest(likelihood=likelihood, impact=impact),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.cr.savepoint(),
            ):
                self.make_risk(likelihood, impact)

    def test_mitigating_needs_a_mitigation(self):
        risk = self.make_risk(2, 2)
        with self.assertRaisesRegex(UserError, "Describe the mitigation of the risk “Risk 2x2”"):
            risk.with_user(self.planner).action_mitigate()
        risk.mitigation = "Indoor fallback venue booked"
        risk.with_user(self.planner).action_mitigate()
        self.assertEqual(risk.state, "mitigated")
        with self.assertRaisesRegex(UserError, "only open risks can be mitigated"):
            risk.action_mitigate()
        risk.action_close()
        self.assertEqual(risk.state, "closed")

    def test_high_risk_without_mitigation_or_owner_blocks_submission(self):
        self.make_risk(1, 2)
        risk = self.make_risk(4, 5)
        self.assertEqual(risk.level, "high")
        with self.assertRaisesRegex(
            UserError, "the high risk “Risk 4x5” needs a mitigation and an owner"
        ):
            self.event._check_risk_register()
        risk.mitigation = "Stewards at each gate"
        with self.assertRaisesRegex(UserError, "“Risk 4x5”"):
            self.event._check_risk_register()
        risk.owner_id = self.planner
        self.event._check_risk_register()

    def test_risk_matrix_counts_per_cell(self):
        self.make_risk(2, 3)
        self.make_risk(2, 3)
        self.make_risk(5, 5, mitigation="Evacuation plan")
        self.make_risk(1, 3)
        groups = self.env["event.risk"]._read_group(
            [("event_id", "=", self.event.id)], ["likelihood", "impact"], ["__count"]
        )
        self.assertEqual(sorted(groups), [(1, 3, 1), (2, 3, 2), (5, 5, 1)])
        action = self.event.action_view_risk_matrix()
        self.assertEqual(action["res_model"], "event.risk")
        self.assertEqual(action["domain"], [("event_id", "in", self.event.ids)])
        self.assertTrue(action["view_mode"].startswith("pivot"))

    def test_register_lists_highest_risks_first(self):
        low = self.make_risk(1, 1)
        high = self.make_risk(5, 4, mitigation="Tent")
        medium = self.make_risk(2, 3)
        self.assertEqual(self.event.risk_ids.ids, [high.id, medium.id, low.id])
        self.assertEqual((self.event.risk_count, self.event.high_risk_count), (3, 1))


@tagged("post_install", "-at_install")
class TestRiskTemplate(RiskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_type.risk_template_ids = [
            (0, 0, {"risk_type_id": cls.weather.id, "name": "Rain", "likelihood": 3, "impact": 3}),
            (
                0,
                0,
                {
                    "risk_type_id": cls.safety.id,
                    "name": "Injury during activities",
                    "likelihood": 2,
                    "impact": 5,
                    "mitigation": "First-aid kit and a medic on site",
                },
            ),
        ]
        cls.dinner_type = cls.env["event.type"].create(
            {
                "name": "Dinner (risk tests)",
                "approval_required": True,
                "risk_template_ids": [
                    (0, 0, {"risk_type_id": cls.safety.id, "name": "Food safety"}),
                ],
            }
        )

    def test_new_event_gets_the_typical_risks_of_its_type(self):
        event = self.env["event.event"].create(
            {
                "name": "Autumn outing",
                "event_type_id": self.client_type.id,
                "date_begin": datetime(2026, 10, 10, 1, 0),
                "date_end": datetime(2026, 10, 10, 9, 0),
            }
        )
        self.assertEqual(
            sorted(event.risk_ids.mapped("name")), ["Injury during activities", "Rain"]
        )
        injury = event.risk_ids.filtered(lambda r: r.name == "Injury during activities")
        self.assertEqual(
            (injury.score, injury.mitigation), (10, "First-aid kit and a medic on site")
        )
        self.assertTrue(all(event.risk_ids.mapped("from_template")))

    def test_changing_type_replaces_template_risks_and_keeps_own_ones(self):
        form = Form(self.env["event.event"])
        form.name = "Client dinner"
        form.event_type_id = self.client_type
        form.date_begin = datetime(2026, 11, 10, 10, 0)
        form.date_end = datetime(2026, 11, 10, 14, 0)
        event = form.save()
        own = self.make_risk(2, 2)
        own.event_id = event
        event.event_type_id = self.dinner_type
        self.assertEqual(sorted(event.risk_ids.mapped("name")), ["Food safety", own.name])


@tagged("post_install", "-at_install")
class TestIncident(RiskCase):
    def make_incident(self, user=None, **values):
        return (
            self.env["event.incident"]
            .with_user(user or self.planner)
            .create({"event_id": self.event.id, "name": "Projector failed", **values})
        )

    def test_resolution_required(self):
        incident = self.make_incident(category="equipment", severity="minor")
        with self.assertRaisesRegex(
            UserError, "Write how the incident “Projector failed” was resolved"
        ):
            incident.action_resolve()
        incident.resolution = "Spare projector from the hotel"
        incident.action_resolve()
        self.assertEqual(incident.state, "resolved")
        self.assertTrue(incident.date_resolved)
        with self.assertRaisesRegex(UserError, "resolved already"):
            incident.action_resolve()

    def test_incident_realises_only_a_risk_of_its_event(self):
        other_event = self.event.copy({"name": "Other event"})
        foreign_risk = self.make_risk(2, 2)
        foreign_risk.event_id = other_event
        with self.assertRaisesRegex(ValidationError, "only realise a risk of its own event"):
            self.make_incident(risk_id=foreign_risk.id)
        own_risk = self.make_risk(3, 3)
        incident = self.make_incident(risk_id=own_risk.id)
        self.assertTrue(own_risk.is_realised)
        self.assertEqual(own_risk.incident_ids, incident)

    def test_minor_incident_notifies_nobody(self):
        incident = self.make_incident(severity="minor")
        self.assertFalse(incident.activity_ids)


@tagged("post_install", "-at_install")
class TestDailyReport(RiskCase):
    def three_day_event(self):
        return self.env["event.event"].create(
            {
                "name": "Expo 2026",
                "event_type_id": self.client_type.id,
                # 9:00 on 1 June to 18:00 on 3 June, Shanghai time
                "date_begin": datetime(2026, 6, 1, 1, 0),
                "date_end": datetime(2026, 6, 3, 10, 0),
                "date_tz": "Asia/Shanghai",
            }
        )

    def test_one_wrap_up_per_day_of_a_multi_day_event(self):
        event = self.three_day_event()
        self.assertEqual(
            [str(day) for day in event.daily_report_ids.mapped("day")],
            ["2026-06-01", "2026-06-02", "2026-06-03"],
        )
        self.env["event.daily.report"]._sync_events(event)
        self.assertEqual(len(event.daily_report_ids), 3, "syncing twice creates nothing more")
        self.assertFalse(self.event.daily_report_ids, "a one-day event has no wrap-up")

    def test_days_follow_the_dates(self):
        event = self.three_day_event()
        event.date_end = datetime(2026, 6, 2, 10, 0)
        self.assertEqual(len(event.daily_report_ids), 2)
        event.date_end = datetime(2026, 6, 4, 10, 0)
        self.assertEqual(len(event.daily_report_ids), 4)

    def test_events_of_ordinary_types_get_no_wrap_up(self):
        event = self.env["event.event"].create(
            {
                "name": "Ordinary three-day event",
                "date_begin": datetime(2026, 6, 1, 1, 0),
                "date_end": datetime(2026, 6, 3, 10, 0),
            }
        )
        self.assertFalse(event.daily_report_ids)

    def test_attendance_of_the_day(self):
        event = self.three_day_event()
        partners = self.env["res.partner"].create([{"name": f"Guest {n}"} for n in range(3)])
        event.flush_recordset()
        self.env.cr.execute(
            "UPDATE event_event SET approval_state = 'approved' WHERE id = %s", [event.id]
        )
        event.invalidate_recordset(["approval_state"])
        registrations = self.env["event.registration"].create(
            [{"event_id": event.id, "partner_id": p.id} for p in partners]
        )
        # 2 June, 10:00 in Shanghai; 23:30 UTC on 1 June is 2 June 7:30 there.
        for registration, checked_in in zip(
            registrations,
            (datetime(2026, 6, 2, 2, 0), datetime(2026, 6, 1, 23, 30), datetime(2026, 6, 1, 3, 0)),
            strict=True,
        ):
            registration.write({"state": "done", "date_closed": checked_in})
        counts = {str(r.day): r.attendance_count for r in event.daily_report_ids}
        self.assertEqual(counts, {"2026-06-01": 1, "2026-06-02": 2, "2026-06-03": 0})

    def test_confirmation_needs_the_client_and_locks_the_day(self):
        event = self.three_day_event()
        report = event.daily_report_ids[0]
        with self.assertRaisesRegex(
            UserError,
            "add the client representative's name and the signed document",
        ):
            report.action_confirm()
        report.write(
            {
                "client_representative": "Ms Wang",
                "signed_document": base64.b64encode(b"%PDF-1.4 signed bill"),
                "signed_document_name": "bill-2026-06-01.pdf",
                "issues": "<p>Queue at the entrance</p>",
            }
        )
        report.action_confirm()
        self.assertEqual(report.state, "confirmed")
        self.assertTrue(report.confirmed_date)
        with self.assertRaisesRegex(UserError, "already confirmed by Ms Wang"):
            report.action_confirm()
        with self.assertRaisesRegex(UserError, "confirmed by the client and is locked"):
            report.issues = "<p>Nothing happened</p>"
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            report.unlink()
        report.message_post(body="Scanned copy filed.")
        event.date_begin = datetime(2026, 6, 2, 1, 0)
        self.assertIn(report, event.daily_report_ids, "a signed day stays")


@tagged("post_install", "-at_install", "security")
class TestIncidentAccess(RiskCase):
    def test_only_planners_and_the_execution_team_log_incidents(self):
        outsider = new_test_user(
            self.env, "ce_desk_2", groups="event.group_event_registration_desk"
        )
        Incident = self.env["event.incident"]
        Incident.with_user(self.planner).create({"event_id": self.event.id, "name": "Late bus"})
        with self.assertRaises(AccessError):
            Incident.with_user(self.desk_user).create({"event_id": self.event.id, "name": "Rain"})
        self.env["event.execution.member"].create(
            {"event_id": self.event.id, "user_id": self.desk_user.id, "role": "logistics"}
        )
        incident = Incident.with_user(self.desk_user).create(
            {"event_id": self.event.id, "name": "Rain", "severity": "major"}
        )
        incident.with_user(self.desk_user).action_taken = "Moved indoors"
        seen = Incident.with_user(outsider).search([("event_id", "=", self.event.id)])
        self.assertEqual(len(seen), 2, "the registration desk reads the incidents")
        with self.assertRaises(AccessError):
            incident.with_user(outsider).write({"action_taken": "Nothing"})
        with self.assertRaises(AccessError):
            Incident.with_user(outsider).create({"event_id": self.event.id, "name": "X"})
