from odoo import Command
from odoo.tests import tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationSources(EventEvaluationCommon):
    """Indicators from the event type; problems pre-filled from incidents and risks."""

    def test_indicator_template_of_the_event_type(self):
        seminar = self.env["event.type"].create(
            {
                "name": "Seminar with targets",
                "evaluation_indicator_ids": [
                    Command.create({"indicator": "participation", "target": 0, "weight": 40}),
                    Command.create({"indicator": "satisfaction", "target": 80, "weight": 40}),
                    Command.create(
                        {"indicator": "cost_per_attendee", "target": 300, "weight": 20}
                    ),
                ],
            }
        )
        event = self._create_plain_event("Tax seminar")
        event.write({"event_type_id": seminar.id, "target_participant_count": 4})
        event.budget_line_ids = [
            Command.create(
                {
                    "category_id": self.env.ref("client_events.event_budget_category_venue").id,
                    "planned_amount": 2000,
                }
            )
        ]
        self.env["event.cost"].create(
            {
                "event_id": event.id,
                "budget_line_id": event.budget_line_ids.id,
                "amount": 1200,
                "description": "Hall",
            }
        )
        self._create_registrations(event, ["done", "done", "done", "open"])
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        lines = {line.indicator: line for line in evaluation.line_ids}
        self.assertEqual(list(lines), ["participation", "satisfaction", "cost_per_attendee"])
        self.assertEqual(lines["participation"].target, 4, "the event's own target")
        self.assertEqual(lines["participation"].actual, 3)
        self.assertEqual(lines["cost_per_attendee"].actual, 400)
        self.assertAlmostEqual(lines["cost_per_attendee"].achievement, 75.0, msg="300 / 400")
        # satisfaction has no response: 0 % of 80; participation 75 %
        self.assertAlmostEqual(evaluation.overall_score, (75 * 40 + 0 * 40 + 75 * 20) / 100)

    def test_problems_prefilled_from_incidents_and_unrealised_risks(self):
        safety = self.env.ref("client_events.event_risk_type_safety")
        weather = self.env.ref("client_events.event_risk_type_weather")
        event = self._create_plain_event("Outdoor day")
        rain = self.env["event.risk"].create(
            {"event_id": event.id, "risk_type_id": weather.id, "name": "Rain", "impact": 2}
        )
        self.env["event.risk"].create(
            {
                "event_id": event.id,
                "risk_type_id": safety.id,
                "name": "Crowding at the gate",
                "mitigation": "Two entrances",
            }
        )
        self.env["event.incident"].create(
            {
                "event_id": event.id,
                "name": "Shower at noon",
                "severity": "minor",
                "risk_id": rain.id,
                "resolution": "Lunch moved under the tent",
            }
        )
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        problems = str(evaluation.problems)
        self.assertIn("Shower at noon (Minor): Lunch moved under the tent", problems)
        self.assertIn("Crowding at the gate", problems)
        self.assertNotIn("Rain (", problems, "a risk that happened is listed as its incident")
        evaluation.problems = "<p>Our own words</p>"
        evaluation.action_refresh_metrics()
        self.assertEqual(str(evaluation.problems), "<p>Our own words</p>", "never overwritten")

    def test_nothing_to_prefill_without_incidents_or_risks(self):
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        self.assertFalse(evaluation.problems)

    def test_satisfaction_from_rating_questions(self):
        survey = self.env["survey.survey"].create({"title": "Seminar feedback"})
        rating = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "How satisfied are you?",
                "question_type": "scale",
                "scale_min": 0,
                "scale_max": 10,
                "is_rating_question": True,
            }
        )
        other = self.env["survey.question"].create(
            {"survey_id": survey.id, "title": "Which topic next?", "question_type": "scale"}
        )
        event = self._create_plain_event("Rated seminar", survey=survey)
        guests = self._create_registrations(event, ["done", "done", "done"])
        for guest, value, state in (
            (guests[0], 8, "done"),
            (guests[1], 6, "done"),
            (guests[2], 0, "in_progress"),
        ):
            answer = self.env["survey.user_input"].create(
                {"survey_id": survey.id, "registration_id": guest.id, "state": state}
            )
            self.env["survey.user_input.line"].create(
                [
                    {
                        "user_input_id": answer.id,
                        "question_id": rating.id,
                        "answer_type": "scale",
                        "value_scale": value,
                    },
                    {
                        "user_input_id": answer.id,
                        "question_id": other.id,
                        "answer_type": "scale",
                        "value_scale": 1,
                    },
                ]
            )
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.response_count, 2)
        self.assertAlmostEqual(evaluation.satisfaction_score, 70.0, msg="(80 + 60) / 2")
