from datetime import datetime

from odoo.tests import tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestClientSatisfaction(EventEvaluationCommon):
    """The satisfaction of a client is the average of its contacts' completed answers
    to the surveys of events over the period, scored as the evaluation scores them
    (rating questions first, else the scoring percentage)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.gamma = Partner.create({"name": "Gamma Ltd", "is_company": True})
        cls.greta = Partner.create({"name": "Greta Gamma", "parent_id": cls.gamma.id})
        cls.gus = Partner.create({"name": "Gus Gamma", "parent_id": cls.gamma.id})
        cls.hilda = Partner.create({"name": "Hilda Hu"})
        cls.ivan = Partner.create({"name": "Ivan Ito"})  # attended, answered nothing
        cls.second_event = cls._create_plain_event("Client Day 2", survey=cls.survey)
        greta, gus, hilda, ivan, hilda_2 = cls.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": partner.id, "state": "done"}
                for event, partner in (
                    (cls.event, cls.greta),
                    (cls.event, cls.gus),
                    (cls.event, cls.hilda),
                    (cls.event, cls.ivan),
                    (cls.second_event, cls.hilda),
                )
            ]
        )
        cls.registrations = greta | gus | hilda | ivan | hilda_2
        cls._create_answers(greta | gus | hilda | hilda_2, [40, 50, 80, 100])
        # neither a test entry nor an unfinished answer counts
        cls.env["survey.user_input"].create(
            [
                {"survey_id": cls.survey.id, "registration_id": ivan.id, "state": "in_progress"},
                {
                    "survey_id": cls.survey.id,
                    "registration_id": ivan.id,
                    "state": "done",
                    "test_entry": True,
                },
            ]
        )
        partners = cls.gamma | cls.hilda | cls.ivan
        partners.flush_recordset()
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = '2024-01-01' WHERE id IN %s",
            [tuple(partners.ids)],
        )
        partners.invalidate_recordset(["create_date"])
        cls.at_risk = cls.env.ref("client_events.client_segment_at_risk")
        cls.active = cls.env.ref("client_events.client_segment_active")

    def _segment(self):
        self.env["client.segment"].sudo()._segment_clients()

    def test_satisfaction_from_scoring(self):
        self._segment()
        # Gamma: (40 + 50) / 2 over its two contacts; below 60, at risk
        self.assertEqual((self.gamma.client_survey_count, self.gamma.client_satisfaction), (2, 45))
        self.assertEqual(self.gamma.client_segment_id, self.at_risk)
        # Hilda: (80 + 100) / 2 over two events; attended within 365 days, active
        self.assertEqual((self.hilda.client_survey_count, self.hilda.client_satisfaction), (2, 90))
        self.assertEqual(self.hilda.client_segment_id, self.active)
        # Ivan answered nothing: no satisfaction, and not at risk for it
        self.assertEqual((self.ivan.client_survey_count, self.ivan.client_satisfaction), (0, 0))
        self.assertEqual(self.ivan.client_segment_id, self.active)

    def test_satisfaction_from_rating_questions(self):
        """As in the evaluation: the rating questions' answers, not the scoring, count."""
        rating = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "How satisfied are you?",
                "question_type": "scale",
                "scale_min": 0,
                "scale_max": 10,
                "is_rating_question": True,
            }
        )
        hilda_answers = self.env["survey.user_input"].search(
            [("registration_id.partner_id", "=", self.hilda.id)]
        )
        self.env["survey.user_input.line"].create(
            [
                {
                    "user_input_id": answer.id,
                    "question_id": rating.id,
                    "answer_type": "scale",
                    "value_scale": value,
                }
                for answer, value in zip(hilda_answers.sorted("id"), (3, 5), strict=True)
            ]
        )
        self._segment()
        # 30 % and 50 % instead of the scoring percentages 80 and 100
        self.assertEqual(self.hilda.client_satisfaction, 40)
        self.assertEqual(self.hilda.client_segment_id, self.at_risk)

    def test_answers_before_the_period_do_not_count(self):
        self.env["ir.config_parameter"].sudo().set_param("client_events.client_segment_months", 6)
        self.assertLess(self.event.date_begin, datetime(2026, 9, 1))
        self._segment()
        self.assertEqual((self.gamma.client_survey_count, self.gamma.client_satisfaction), (0, 0))
        self.assertNotEqual(self.gamma.client_segment_id, self.at_risk)
