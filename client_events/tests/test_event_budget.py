from datetime import datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestEventBudget(ClientEventsCommon):
    def test_budget_totals(self):
        event = self._create_event(amounts=(1000, 2500.5))
        self.assertEqual(event.budget_amount, 3500.5)
        self.assertEqual(event.budget_line_ids.currency_id, self.company.currency_id)
        event.write(
            {
                "budget_line_ids": [
                    Command.create({"category_id": self.cat_catering.id, "planned_amount": 499.5})
                ]
            }
        )
        self.assertEqual(event.budget_amount, 4000)
        event.budget_line_ids[0].unlink()
        self.assertEqual(event.budget_amount, 3000)
        event.budget_line_ids[0].planned_amount = 100
        self.assertEqual(event.budget_amount, 599.5)
        event.write({"budget_line_ids": [Command.clear()]})
        self.assertEqual(event.budget_amount, 0)
        self.assertFalse(event.is_large_event)

    def test_budget_negative_refused(self):
        event = self._create_event()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            event.budget_line_ids.planned_amount = -1
            event.budget_line_ids.flush_recordset()

    def _events(self, count):
        return self.env["event.event"].create(
            [
                {
                    "name": f"Event {index}",
                    "event_type_id": self.seminar_type.id,
                    "date_begin": datetime(2027, 5, 10, 9),
                    "date_end": datetime(2027, 5, 10, 17),
                    "budget_line_ids": [
                        Command.create({"category_id": self.cat_venue.id, "planned_amount": 10}),
                        Command.create({"category_id": self.cat_catering.id, "planned_amount": 5}),
                    ],
                }
                for index in range(count)
            ]
        )

    def _queries_to_recompute(self, events):
        self.env.flush_all()
        self.env.invalidate_all()
        field = events._fields["budget_amount"]
        self.env.add_to_compute(field, events)
        before = self.cr.sql_log_count
        events.flush_recordset(["budget_amount"])
        return self.cr.sql_log_count - before

    def test_budget_compute_query_count(self):
        small = self._events(10)
        large = self._events(100)
        self.assertEqual(set(large.mapped("budget_amount")), {15})
        queries_10 = self._queries_to_recompute(small)
        queries_100 = self._queries_to_recompute(large)
        self.assertEqual(queries_10, queries_100)
        self.assertLessEqual(queries_100, 6)
