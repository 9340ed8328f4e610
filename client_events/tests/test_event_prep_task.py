from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestEventPrepTask(ClientEventsCommon):
    """A planner fills in the checklist of a new event before saving it the first time."""

    def test_new_event_with_a_task_of_its_creator(self):
        event = (
            self.env["event.event"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Spring Seminar",
                    "event_type_id": self.seminar_type.id,
                    "date_begin": datetime(2027, 5, 10, 1, 0),
                    "date_end": datetime(2027, 5, 10, 9, 0),
                    "prep_task_ids": [
                        Command.create(
                            {
                                "name": "Book the hall",
                                "user_id": self.planner.id,
                                "deadline": "2027-04-10",
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(event.prep_task_ids.mapped("name"), ["Book the hall"])
        self.assertEqual(
            event.activity_ids.mapped("summary"),
            ["Preparation: Book the hall"],
            "the task's to-do is on the event, for its user",
        )
        self.assertEqual(event.activity_ids.user_id, self.planner)
        self.assertEqual(
            event.message_partner_ids.filtered(lambda p: p == self.planner.partner_id),
            self.planner.partner_id,
            "the creator follows the event once",
        )
