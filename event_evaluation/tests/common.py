from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.client_events.tests.common import ClientEventsCommon


class EventEvaluationCommon(ClientEventsCommon):
    """The users of client_events, the evaluators, and a client day of last May with a
    feedback survey: an event of no client-event type, held and over."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.evaluator = new_test_user(
            cls.env,
            login="ev_evaluator",
            name="Eva Evaluator",
            groups="event_evaluation.group_evaluator",
        )
        cls.evaluation_reviewer = new_test_user(
            cls.env,
            login="ev_reviewer",
            name="Rex Reviewer",
            groups="event_evaluation.group_reviewer",
        )
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Client day feedback", "scoring_type": "scoring_without_answers"}
        )
        cls.event = cls._create_plain_event("Client Day 客户答谢会", survey=cls.survey)
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    @classmethod
    def _create_plain_event(cls, name, survey=False, ended=True):
        """An event of no client-event type (nothing waits for an approval), held on
        1 May 2026, or far ahead."""
        return cls.env["event.event"].create(
            {
                "name": name,
                "date_begin": datetime(2026, 5, 1, 9, 0) if ended else datetime(2099, 5, 1, 9),
                "date_end": datetime(2026, 5, 1, 18, 0) if ended else datetime(2099, 5, 1, 18),
                "survey_id": survey and survey.id,
            }
        )

    @classmethod
    def _create_registrations(cls, event, states):
        return cls.env["event.registration"].create(
            [
                {"event_id": event.id, "name": f"Guest {index}", "state": state}
                for index, state in enumerate(states)
            ]
        )

    @classmethod
    def _add_budget_and_costs(cls, event, planned, costs=()):
        """A venue budget line of ``planned`` and the costs spent on it."""
        event.budget_line_ids = [
            Command.create({"category_id": cls.cat_venue.id, "planned_amount": planned})
        ]
        cls.env["event.cost"].create(
            [
                {
                    "event_id": event.id,
                    "budget_line_id": event.budget_line_ids.id,
                    "amount": amount,
                    "description": "Hall",
                }
                for amount in costs
            ]
        )

    @classmethod
    def _create_answers(cls, registrations, scores):
        """Completed feedback answers of ``registrations`` with these scoring percentages."""
        answers = cls.env["survey.user_input"].create(
            [
                {
                    "survey_id": registration.event_id.survey_id.id,
                    "registration_id": registration.id,
                    "state": "done",
                }
                for registration in registrations
            ]
        )
        cls.env.flush_all()
        for answer, score in zip(answers, scores, strict=True):
            answer.scoring_percentage = score
        return answers
