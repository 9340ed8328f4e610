from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import tagged, users, warmup

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventCost(ClientEventsExecutionCommon):
    def test_costs_add_up_on_lines_and_event(self):
        self._cost(self.line_venue, 4000)
        self._cost(self.line_venue, 1000, description="Stage")
        self._cost(self.line_catering, 2500, description="Lunch")
        self.assertEqual(self.line_venue.actual_amount, 5000)
        self.assertEqual(self.line_venue.approved_amount, 10000)
        self.assertEqual(self.line_venue.budget_remaining, 5000)
        self.assertEqual(self.line_catering.variance_amount, -2500)
        self.assertEqual(self.event.cost_amount, 7500)
        self.assertEqual(self.event.approved_budget_amount, 15000)
        self.assertEqual(self.event.budget_remaining, 7500)
        self.assertEqual(self.event.cost_count, 3)

    def test_cost_refused_before_approval(self):
        event = self._create_event("Unapproved Seminar")
        with self.assertRaisesRegex(UserError, "Unapproved Seminar is not approved yet"):
            self._cost(event.budget_line_ids[0], 100)

    def test_cost_refused_over_budget(self):
        self._cost(self.line_venue, 9000)
        with self.assertRaisesRegex(
            RedirectWarning,
            r"Budget line Venue.* is approved for .*10,000\.00.*9,000\.00 is already spent "
            r"and the new cost of .*1,500\.00 would exceed it\. Request a budget change",
        ):
            self._cost(self.line_venue, 1500)
        # exactly up to the approved amount is fine
        self._cost(self.line_venue, 1000)
        self.assertEqual(self.line_venue.budget_remaining, 0)

    def test_cost_refused_when_raised_over_budget(self):
        cost = self._cost(self.line_catering, 1000)
        with self.assertRaisesRegex(RedirectWarning, "would exceed it"):
            cost.with_user(self.planner).amount = 6000
        self.assertEqual(self.line_catering.actual_amount, 1000)

    def test_cost_refused_non_positive(self):
        with self.assertRaisesRegex(ValidationError, "must be a positive amount"):
            self._cost(self.line_venue, 0)
        with self.assertRaisesRegex(ValidationError, "must be a positive amount"):
            self._cost(self.line_venue, -50)

    def test_cost_line_of_other_event_refused(self):
        other = self._create_event("Other Seminar")
        self._force_approved(other)
        with self.assertRaisesRegex(ValidationError, "choose a line of the same event"):
            self.env["event.cost"].with_user(self.planner).create(
                {
                    "event_id": self.event.id,
                    "budget_line_id": other.budget_line_ids[0].id,
                    "amount": 10,
                    "description": "Misplaced",
                }
            )

    def test_registration_desk_cannot_record_costs(self):
        with self.assertRaises(AccessError):
            self._cost(self.line_venue, 10, user=self.desk_user)

    def test_close_locks_costs_and_reopen_is_tracked(self):
        cost = self._cost(self.line_venue, 4000)
        with self.assertRaisesRegex(UserError, "close it after it has ended"):
            self.event.with_user(self.planner).action_close()
        self._move_to_past(self.event)
        with self.assertRaisesRegex(UserError, "is not closed"):
            self.event.with_user(self.ce_manager).action_reopen()
        self.event.with_user(self.planner).action_close()
        self.assertTrue(self.event.costs_closed)
        with self.assertRaisesRegex(UserError, "is already closed"):
            self.event.with_user(self.planner).action_close()
        self.assertIn("final cost", self.event.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "is closed and its costs are locked"):
            self._cost(self.line_venue, 10)
        with self.assertRaisesRegex(UserError, "is closed and its costs are locked"):
            cost.with_user(self.planner).amount = 100
        with self.assertRaisesRegex(UserError, "is closed and its costs are locked"):
            cost.with_user(self.planner).unlink()
        with self.assertRaisesRegex(AccessError, "Only an events administrator"):
            self.event.with_user(self.planner).action_reopen()
        with self.assertRaisesRegex(UserError, "Use the Close Event and Reopen buttons"):
            self.event.with_user(self.planner).write({"costs_closed": False})
        self.event.with_user(self.ce_manager).action_reopen()
        self.assertFalse(self.event.costs_closed)
        self.assertIn("Event reopened by", self.event.message_ids[0].body)
        self._cost(self.line_venue, 10)

    def test_close_reconciles_costs_per_category_and_line(self):
        self._cost(self.line_venue, 4000)
        self._cost(self.line_catering, 2500, description="Lunch")
        self._cost(self.line_catering, 1000, description="Tea break")
        self._move_to_past(self.event)
        self.event.with_user(self.planner).action_close()
        self.assertEqual(
            [
                (category, approved, actual, variance)
                for category, approved, actual, variance in (
                    self.event._cost_reconciliation_by_category()
                )
            ],
            [(self.cat_venue, 10000, 4000, -6000), (self.cat_catering, 5000, 3500, -1500)],
        )
        analysis = str(self.event.cost_analysis)
        self.assertIn("Cost by category", analysis)
        self.assertIn("Cost by budget line", analysis)
        self.assertIn(self.cat_catering.name, analysis)
        self.assertIn("Cost by category", self.event.message_ids[0].body)
        self.event.with_user(self.planner).cost_analysis = "<p>Catering came in cheaper.</p>"
        self.assertIn("cheaper", str(self.event.cost_analysis), "the analysis stays editable")

    @users("ce_planner")
    @warmup
    def test_cost_recompute_query_count_does_not_grow(self):
        """What five events and their lines spent is summed in as many queries as for
        fifty, whatever the number of costs."""
        for count in (5, 50):
            events = self.env["event.event"].create(
                [
                    {
                        "name": f"Bulk {count}-{index}",
                        "date_begin": fields.Datetime.now() + timedelta(days=10),
                        "date_end": fields.Datetime.now() + timedelta(days=11),
                        "budget_line_ids": [
                            Command.create(
                                {"category_id": self.cat_venue.id, "planned_amount": 1000}
                            )
                        ],
                    }
                    for index in range(count)
                ]
            )
            lines = events.budget_line_ids
            self.env["event.cost"].create(
                [
                    {
                        "event_id": line.event_id.id,
                        "budget_line_id": line.id,
                        "amount": 10,
                        "description": "Item",
                    }
                    for line in lines
                    for _index in range(count)
                ]
            )
            self.env.invalidate_all()
            with self.subTest(events=count), self.assertQueryCount(ce_planner=8):
                self.env.add_to_compute(lines._fields["actual_amount"], lines)
                self.env.add_to_compute(events._fields["cost_amount"], events)
            self.assertEqual(events.mapped("cost_amount"), [10.0 * count] * count)
