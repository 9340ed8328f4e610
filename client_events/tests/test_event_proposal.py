from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestEventProposal(ClientEventsCommon):
    def test_prep_tasks_activities_and_overdue(self):
        event = self._create_event()
        yesterday = date(2027, 2, 28)  # today is 1 March 2027
        event.write(
            {
                "prep_task_ids": [
                    Command.create(
                        {
                            "name": "Safety check",
                            "user_id": self.reviewer.id,
                            "deadline": yesterday,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Print posters",
                            "user_id": self.planner_2.id,
                            "deadline": date(2027, 3, 6),
                        }
                    ),
                ]
            }
        )
        safety, posters = event.prep_task_ids.sorted("deadline")
        self.assertEqual(safety.activity_id.user_id, self.reviewer)
        self.assertEqual(safety.activity_id.res_id, event.id)
        self.assertEqual(posters.activity_id.date_deadline, posters.deadline)
        self.assertTrue(safety.is_overdue)
        self.assertFalse(posters.is_overdue)
        self.assertEqual(event.prep_task_overdue_count, 1)
        overdue = self.env["event.prep.task"].search(
            [("event_id", "=", event.id), ("is_overdue", "=", True)]
        )
        self.assertEqual(overdue, safety)
        safety.is_done = True
        self.assertEqual(safety.done_date, date(2027, 3, 1))
        self.assertFalse(safety.activity_id)
        self.assertFalse(safety.is_overdue)
        event.invalidate_recordset(["prep_task_overdue_count"])
        self.assertEqual(event.prep_task_overdue_count, 0)

    def test_proposal_content(self):
        group = (
            self.env["event.planning.group"]
            .with_user(self.ce_manager)
            .create(
                {
                    "name": "Planning group",
                    "user_id": self.planner.id,
                    "member_ids": [
                        Command.create({"user_id": self.planner.id, "department": "marketing"}),
                        Command.create({"user_id": self.reviewer.id, "department": "finance"}),
                    ],
                }
            )
        )
        event = self._create_event(
            planning_group_id=group.id,
            promotion_channel_ids=[
                Command.link(self.env.ref("client_events.event_promotion_channel_wechat").id)
            ],
            execution_member_ids=[Command.create({"user_id": self.reviewer.id, "role": "host"})],
            agenda_line_ids=[
                Command.create({"time_from": 14, "time_to": 14.5, "name": "Welcome"}),
                Command.create({"time_from": 9, "time_to": 10, "name": "Check-in", "sequence": 1}),
            ],
        )
        event.invalidate_recordset(["agenda_line_ids"])
        self.assertEqual(event.agenda_line_ids.mapped("name"), ["Check-in", "Welcome"])
        self.assertEqual(group.event_ids, event)
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            event.agenda_line_ids[0].time_to = 8
