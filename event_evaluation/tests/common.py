from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class EventEvaluationCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = datetime(2026, 6, 15, 12, 0)
        cls.user_evaluator = new_test_user(
            cls.env,
            login="evaluator",
            name="Eva Evaluator",
            groups="base.group_user,event_evaluation.group_evaluator",
        )
        cls.user_reviewer = new_test_user(
            cls.env,
            login="reviewer",
            name="Rex Reviewer",
            groups="base.group_user,event_evaluation.group_reviewer",
        )
        cls.user_event = new_test_user(
            cls.env,
            login="eventuser",
            name="Ed Eventuser",
            groups="base.group_user,event.group_event_user",
        )
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Client day feedback", "scoring_type": "scoring_without_answers"}
        )
        cls.event = cls._create_event("Client Day 客户答谢会", survey=cls.survey)
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    @classmethod
    def _create_event(cls, name, survey=False, ended=True):
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
            Command.create(
                {
                    "category_id": cls.env.ref("client_events.event_budget_category_venue").id,
                    "planned_amount": planned,
                }
            )
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
