from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestFeedbackFollowUp(EventEvaluationCommon):
    """A feedback survey answered below the threshold opens a follow-up for the
    client's owner, once; the question an attendee asks in it goes to the owner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_rep = new_test_user(cls.env, "ev_fb_sales", groups="base.group_user")
        cls.event.user_id = cls.planner
        Question = cls.env["survey.question"]
        common = {"survey_id": cls.survey.id, "question_type": "scale"}
        cls.q_content = Question.create(
            {**common, "title": "Content", "scale_min": 0, "scale_max": 10}
        )
        cls.q_service = Question.create(
            {**common, "title": "Service", "scale_min": 1, "scale_max": 5}
        )
        cls.q_content.is_rating_question = cls.q_service.is_rating_question = True
        cls.q_ask = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Anything you would like us to answer?",
                "question_type": "text_box",
                "is_attendee_question": True,
            }
        )
        cls.q_remark = Question.create(
            {"survey_id": cls.survey.id, "title": "Remarks", "question_type": "text_box"}
        )
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Client Wang", "user_id": cls.sales_rep.id})
        cls.walk_in = Partner.create({"name": "Walk-in Zhao"})

    def _answer(self, partner, content=None, service=None, ask=None, remark=None, **values):
        registration = self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": partner.id, "name": partner.name}
        )
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "registration_id": registration.id,
                "partner_id": partner.id,
                **values,
            }
        )
        lines = []
        for question, value in ((self.q_content, content), (self.q_service, service)):
            if value is not None:
                lines.append(
                    {"question_id": question.id, "answer_type": "scale", "value_scale": value}
                )
        for question, text in ((self.q_ask, ask), (self.q_remark, remark)):
            if text is not None:
                lines.append(
                    {"question_id": question.id, "answer_type": "text_box", "value_text_box": text}
                )
        answer.user_input_line_ids = [(0, 0, line) for line in lines]
        answer._mark_done()
        return registration, answer

    def _todos(self, registration):
        return registration.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )

    def test_threshold_setting(self):
        self.assertEqual(self.company.feedback_follow_up_threshold, 60)
        Settings = self.env["res.config.settings"]
        Settings.create({"feedback_follow_up_threshold": 75}).execute()
        self.assertEqual(self.company.feedback_follow_up_threshold, 75)
        for value in (-1, 101):
            with self.assertRaisesRegex(
                ValidationError, "threshold of .* is a satisfaction from 0 to 100"
            ):
                self.company.feedback_follow_up_threshold = value

    def test_low_answer_opens_a_to_do_for_the_owner_once(self):
        # content 3/10 = 30 %, service 3/5 = (3-1)/4 = 50 %: average 40 %
        registration, answer = self._answer(self.client, content=3, service=3)
        self.assertAlmostEqual(answer.feedback_score, 40.0)
        self.assertTrue(answer.feedback_follow_up)
        todo = self._todos(registration)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.sales_rep)
        self.assertEqual(todo.summary, "Low satisfaction: 40% from Client Wang")
        self.assertIn("below 60%", str(todo.note))
        self.assertRegex(
            str(todo.note), rf"data-oe-model=.survey\.user_input. data-oe-id=.{answer.id}."
        )
        self.assertEqual(todo.date_deadline, date(2027, 3, 1))
        # once: completed again (a resubmission), no second follow-up
        answer._act_on_feedback()
        self.assertEqual(self._todos(registration), todo)

    def test_owner_falls_back_to_the_event_responsible(self):
        registration, answer = self._answer(self.walk_in, content=1)
        self.assertEqual(self._todos(registration).user_id, self.planner)
        self.assertAlmostEqual(answer.feedback_score, 10.0)

    def test_at_or_above_the_threshold_nothing_opens(self):
        # 6/10 = 60 %: not below 60
        registration, answer = self._answer(self.client, content=6)
        self.assertAlmostEqual(answer.feedback_score, 60.0)
        self.assertFalse(answer.feedback_follow_up)
        self.assertFalse(self._todos(registration))
        # threshold 0: nothing is below it
        self.company.feedback_follow_up_threshold = 0
        registration, answer = self._answer(self.walk_in, content=0, service=1)
        self.assertEqual(answer.feedback_score, 0.0)
        self.assertFalse(self._todos(registration))

    def test_no_score_no_follow_up(self):
        """No rating answered and a survey without scoring: no satisfaction to judge."""
        self.survey.scoring_type = "no_scoring"
        registration, answer = self._answer(self.client, remark="Fine")
        self.assertEqual(answer.feedback_score, 0.0)
        self.assertFalse(answer.feedback_follow_up)
        self.assertFalse(self._todos(registration))

    def test_test_entries_are_ignored(self):
        registration, answer = self._answer(self.client, content=0, test_entry=True)
        self.assertFalse(answer.feedback_follow_up)
        self.assertFalse(self._todos(registration))

    def test_question_asked_in_the_survey_goes_to_the_owner(self):
        registration, answer = self._answer(
            self.client, content=9, ask="Will the slides be sent?", remark="Great day"
        )
        self.assertEqual(registration.question, "Will the slides be sent?")
        self.assertEqual(registration.question_user_id, self.sales_rep)
        self.assertEqual(registration.question_deadline, date(2027, 3, 4))
        self.assertEqual(registration.question_activity_id.user_id, self.sales_rep)
        # a blank answer to the question asks nothing
        registration, answer = self._answer(self.walk_in, content=9, ask="  ")
        self.assertFalse(registration.question)
        self.assertFalse(registration.question_activity_id)

    def test_question_at_the_desk_and_in_the_survey_are_kept_both(self):
        registration, answer = self._answer(self.client, content=9)
        registration.question = "Parking?"
        answer.user_input_line_ids = [
            (
                0,
                0,
                {
                    "question_id": self.q_ask.id,
                    "answer_type": "text_box",
                    "value_text_box": "Invoice?",
                },
            )
        ]
        answer._act_on_feedback()
        self.assertEqual(registration.question, "Parking?\nInvoice?")
        self.assertIn("Invoice?", str(registration.question_activity_id.note))
        self.assertEqual(len(registration.activity_ids.filtered("summary")), 1)
