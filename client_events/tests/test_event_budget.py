from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged, users, warmup
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

    @users("ce_planner")
    @warmup
    def test_budget_compute_query_count(self):
        """The budgets of ten proposals are summed in as many queries as of fifty."""
        for count in (10, 50):
            events = self.env["event.event"].create(
                [
                    {
                        "name": f"Event {index}",
                        "event_type_id": self.seminar_type.id,
                        "date_begin": self.EVENT_BEGIN,
                        "date_end": self.EVENT_BEGIN.replace(hour=17),
                        "budget_line_ids": [
                            Command.create(
                                {"category_id": self.cat_venue.id, "planned_amount": 10}
                            ),
                            Command.create(
                                {"category_id": self.cat_catering.id, "planned_amount": 5}
                            ),
                        ],
                    }
                    for index in range(count)
                ]
            )
            self.env.invalidate_all()
            with self.subTest(events=count), self.assertQueryCount(ce_planner=4):
                self.env.add_to_compute(events._fields["budget_amount"], events)
            self.assertEqual(events.mapped("budget_amount"), [15] * count)
