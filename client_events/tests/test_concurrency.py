"""Two transactions deciding the same thing at once, with real cursors.

Odoo runs its requests in REPEATABLE READ and retries one that hits a
serialization failure; these tests replay that: the loser's retry must be
refused, never carried out a second time on what has changed meanwhile.
"""

import threading
from contextlib import closing
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import RedirectWarning, UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import proposal_targets

RUNS = 3


class ConcurrencyCase(BaseCase):
    """Real cursors on the test database; each test class's ``_cleanup`` removes what
    its tests committed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.addCleanup(self._cleanup)


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(ConcurrencyCase):
    """The same step approved twice at the same moment (two tabs, or two approvers:
    here the administrator twice, who belongs to every approval group)."""

    def setUp(self):
        self.event_ids = []
        super().setUp()

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            events = env["event.event"].browse(self.event_ids).exists()
            env["event.approval"].search(
                [("res_model", "=", "event.event"), ("res_id", "in", events.ids)]
            ).unlink()
            env["mail.activity"].search(
                [("res_model", "=", "event.event"), ("res_id", "in", events.ids)]
            ).unlink()
            if events:
                cr.execute("DELETE FROM event_event WHERE id IN %s", [tuple(events.ids)])
            cr.execute("DELETE FROM event_approval_decide")

    def _submitted_event(self):
        """A proposal submitted by the system user, committed; its steps pending."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            begin = fields.Datetime.now() + timedelta(days=40)
            event = env["event.event"].create(
                {
                    "name": "Concurrent Approval Seminar",
                    "event_type_id": env.ref("client_events.event_type_seminar").id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=4),
                    "address_id": env.ref("base.main_partner").id,
                    "theme": "Approve me once",
                    "target_participant_count": 20,
                    "target_ids": proposal_targets(20),
                    "budget_line_ids": [
                        Command.create(
                            {
                                "category_id": env.ref(
                                    "client_events.event_budget_category_venue"
                                ).id,
                                "planned_amount": 1000,
                            }
                        )
                    ],
                }
            )
            event.action_submit_for_approval()
            self.event_ids.append(event.id)
            return event.id, event.approval_current_id.id

    def _admin_env(self, cr):
        # the administrator belongs to every approval group; he did not submit
        admin = api.Environment(cr, SUPERUSER_ID, {}).ref("base.user_admin")
        return api.Environment(cr, admin.id, {})

    def _decision(self, cr, event_id):
        return (
            self._admin_env(cr)["event.approval.decide"]
            .with_context(default_res_model="event.event", default_res_id=event_id)
            .create({"comment": "Looks right."})
        )

    def test_the_same_step_is_approved_once(self):
        for run in range(RUNS):
            with self.subTest(run=run):
                event_id, first_step_id = self._submitted_event()
                with closing(self.registry.cursor()) as opening_cr:
                    # both approvers open the decision on the same step
                    first = self._decision(opening_cr, event_id)
                    second = self._decision(opening_cr, event_id)
                    self.assertEqual(first.step_id.id, first_step_id)
                    first_id, second_id = first.id, second.id
                    opening_cr.commit()
                with (
                    closing(self.registry.cursor()) as cr1,
                    closing(self.registry.cursor()) as cr2,
                ):
                    wizard2 = self._admin_env(cr2)["event.approval.decide"].browse(second_id)
                    wizard2.step_id.read(["state"])  # the second request has begun
                    self._admin_env(cr1)["event.approval.decide"].browse(first_id).action_confirm()
                    cr1.commit()
                    # the second one worked on what it read before the first committed
                    with (
                        mute_logger("odoo.sql_db"),
                        self.assertRaises(SerializationFailure),
                    ):
                        wizard2.action_confirm()
                        cr2.flush()
                    cr2.rollback()
                    # ... and Odoo retries it on fresh data: refused, not the next step
                    wizard2.invalidate_model()
                    with self.assertRaisesRegex(
                        UserError, r"has already been decided by .*open .* again"
                    ):
                        self._admin_env(cr2)["event.approval.decide"].browse(
                            second_id
                        ).action_confirm()
                    cr2.rollback()
                with closing(self.registry.cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    steps = env["event.approval"].search(
                        [("res_model", "=", "event.event"), ("res_id", "=", event_id)],
                        order="sequence, id",
                    )
                    self.assertEqual(steps[0].id, first_step_id)
                    self.assertEqual(
                        steps.mapped("state"),
                        ["approved"] + ["pending"] * (len(steps) - 1),
                        "one step approved, the next one still waits for its approver",
                    )


@tagged("post_install", "-at_install")
class TestOpportunityConcurrency(ConcurrencyCase):
    """Two people generate opportunities from the same attendees at the same moment."""

    def setUp(self):
        self.created = {}
        super().setUp()

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].search([("event_id", "in", self.created.get("events", []))]).unlink()
            env["event.lead.generate"].search([]).unlink()
            env["event.registration"].browse(self.created.get("registrations", [])).unlink()
            env["event.event"].browse(self.created.get("events", [])).unlink()
            env["res.partner"].browse(self.created.get("partners", [])).unlink()

    def _ended_event_with_an_interested_attendee(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            end = fields.Datetime.now() - timedelta(days=1)
            event = env["event.event"].create(
                {
                    "name": "Concurrent Follow-up Day",
                    "date_begin": end - timedelta(hours=6),
                    "date_end": end,
                }
            )
            partner = env["res.partner"].create({"name": "Client Zhou", "email": "z@ex.com"})
            registration = env["event.registration"].create(
                {"event_id": event.id, "partner_id": partner.id, "interest_level": "intention"}
            )
            registration.action_set_done()
            self.created.setdefault("events", []).append(event.id)
            self.created.setdefault("partners", []).append(partner.id)
            self.created.setdefault("registrations", []).append(registration.id)
            return event.id

    def _wizard(self, cr, wizard_id):
        return api.Environment(cr, SUPERUSER_ID, {})["event.lead.generate"].browse(wizard_id)

    def test_one_opportunity_per_attendee(self):
        for run in range(RUNS):
            with self.subTest(run=run):
                event_id = self._ended_event_with_an_interested_attendee()
                with closing(self.registry.cursor()) as opening_cr:
                    Generate = api.Environment(opening_cr, SUPERUSER_ID, {})["event.lead.generate"]
                    first, second = (Generate.create({"event_id": event_id}) for _i in "12")
                    first_id, second_id = first.id, second.id
                    opening_cr.commit()
                with (
                    closing(self.registry.cursor()) as cr1,
                    closing(self.registry.cursor()) as cr2,
                ):
                    self._wizard(cr1, first_id).action_generate()
                    # while the first runs, the second is refused at once
                    with self.assertRaisesRegex(UserError, "being generated .* right now"):
                        self._wizard(cr2, second_id).action_generate()
                    cr2.rollback()
                    self._wizard(cr2, second_id).read(["state"])  # begins before the commit
                    cr1.commit()
                    with (
                        mute_logger("odoo.sql_db"),
                        self.assertRaises(SerializationFailure),
                    ):
                        self._wizard(cr2, second_id).action_generate()
                    cr2.rollback()
                    # Odoo's retry, on fresh data: the first one's opportunity is linked
                    self._wizard(cr2, second_id).invalidate_model()
                    retried = self._wizard(cr2, second_id)
                    retried.action_generate()
                    self.assertEqual((retried.created_count, retried.linked_count), (0, 1))
                    cr2.commit()
                with closing(self.registry.cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    self.assertEqual(
                        env["crm.lead"].search_count([("event_id", "=", event_id)]),
                        1,
                        "one opportunity for the attendee, never two",
                    )


@tagged("post_install", "-at_install")
class TestCostConcurrency(ConcurrencyCase):
    """Two planners save a cost on the same budget line at the same moment: the second
    waits its turn, then is checked against what the first recorded."""

    def setUp(self):
        self.event_ids = []
        super().setUp()

    def _cleanup(self):
        with self.registry.cursor() as cr:
            if self.event_ids:
                ids = tuple(self.event_ids)
                cr.execute("DELETE FROM event_cost WHERE event_id IN %s", [ids])
                cr.execute("DELETE FROM event_daily_report WHERE event_id IN %s", [ids])
                cr.execute("DELETE FROM event_event WHERE id IN %s", [ids])

    def _event_with_budget(self, amount):
        """An event with one committed budget line of ``amount``; returns the line."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            begin = fields.Datetime.now() - timedelta(days=1)
            event = env["event.event"].create(
                {
                    "name": "Concurrent Cost Day",
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=4),
                    "budget_line_ids": [
                        Command.create(
                            {
                                "category_id": env.ref(
                                    "client_events.event_budget_category_venue"
                                ).id,
                                "planned_amount": amount,
                            }
                        )
                    ],
                }
            )
            self.event_ids.append(event.id)
            return event.id, event.budget_line_ids.id

    def _save_cost(self, cr, event_id, line_id, amount, description):
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["event.cost"].create(
            {
                "event_id": event_id,
                "budget_line_id": line_id,
                "amount": amount,
                "description": description,
            }
        )

    def _race(self, amount):
        """Save two costs of ``amount`` at once, the second as Odoo runs a request: on a
        serialization failure it is retried on fresh data. Returns the retry's outcome,
        the descriptions of the line's costs and its actual amount."""
        event_id, line_id = self._event_with_budget(1000)
        first_try = {}
        # the registry is locked by the test runner: the second request's environment
        # is made (and its retry run) here, its first try in a thread of its own
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        env2 = api.Environment(cr2, SUPERUSER_ID, {})

        def second_save():
            try:
                self._save_cost(env2.cr, event_id, line_id, amount, "Second")
                env2.cr.flush()
            except Exception as error:  # noqa: BLE001 - asserted below
                first_try["error"] = error
                env2.cr.rollback()

        with closing(self.registry.cursor()) as cr1:
            self._save_cost(cr1, event_id, line_id, amount, "First")
            cr1.flush()
            second = threading.Thread(target=second_save)
            with mute_logger("odoo.sql_db"):
                second.start()
                second.join(timeout=1)
                self.assertTrue(second.is_alive(), "the second save waits for the first")
                cr1.commit()
                second.join(timeout=30)
        self.assertFalse(second.is_alive())
        self.assertIsInstance(
            first_try.get("error"),
            SerializationFailure,
            "once the first is saved, the second is retried: never told the line is busy",
        )
        env2.reset()
        try:
            self._save_cost(env2.cr, event_id, line_id, amount, "Second")
            env2.cr.commit()
            retry = {}
        except RedirectWarning as refusal:
            env2.cr.rollback()
            retry = {"error": refusal}
        with closing(self.registry.cursor()) as cr:
            line = api.Environment(cr, SUPERUSER_ID, {})["event.budget.line"].browse(line_id)
            return retry, line.cost_ids.mapped("description"), line.actual_amount

    def test_second_cost_that_fits_is_saved_after_the_first(self):
        outcome, costs, actual = self._race(400)
        self.assertNotIn("error", outcome, "two costs within the budget are both saved")
        self.assertCountEqual(costs, ["First", "Second"])
        self.assertEqual(actual, 800)

    def test_second_cost_over_the_budget_is_refused_not_busy(self):
        outcome, costs, actual = self._race(600)
        self.assertIsInstance(outcome.get("error"), RedirectWarning)
        self.assertIn("600", str(outcome["error"].args[0]))
        self.assertIn("Request a budget change", str(outcome["error"].args[0]))
        self.assertEqual(costs, ["First"], "never both: together they exceed the line")
        self.assertEqual(actual, 600)
