from datetime import date

from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestFeedbackComplaint(BigAccountCommon):
    """A key account's contact who answers the feedback survey low gets a complaint of
    the account, with its SLA, instead of a to-do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_params(sla_days_medium=5)
        cls.account.with_user(cls.ka_manager).action_confirm()
        cls.event.user_id = cls.planner
        cls.q_rating = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "Overall",
                "question_type": "scale",
                "scale_min": 0,
                "scale_max": 10,
                "is_rating_question": True,
            }
        )

    def _answer(self, partner, value):
        registration = self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": partner.id, "name": partner.name}
        )
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "registration_id": registration.id,
                "partner_id": partner.id,
                "user_input_line_ids": [
                    (
                        0,
                        0,
                        {
                            "question_id": self.q_rating.id,
                            "answer_type": "scale",
                            "value_scale": value,
                        },
                    )
                ],
            }
        )
        answer._mark_done()
        return registration, answer

    def _complaints(self, registration):
        return self.env["big.account.complaint"].search(
            [("registration_id", "=", registration.id)]
        )

    def test_low_answer_of_a_key_account_opens_a_complaint(self):
        registration, answer = self._answer(self.client_contact, 2)
        complaint = self._complaints(registration)
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.account_id, self.account)
        self.assertEqual(complaint.partner_id, self.client_contact)
        self.assertEqual(complaint.channel, "survey")
        self.assertEqual(complaint.severity, "medium")
        self.assertEqual(complaint.state, "new")
        # the project manager handles the client's complaints
        self.assertEqual(complaint.user_id, self.pm_user)
        self.assertEqual(complaint.survey_user_input_id, answer)
        self.assertEqual(complaint.date_received, date(2027, 3, 1))
        self.assertEqual(complaint.date_deadline, date(2027, 3, 6))
        self.assertIn("20%", str(complaint.description))
        self.assertIn("below the threshold of 60%", str(complaint.description))
        # the complaint, not a to-do on the registration
        self.assertFalse(registration.activity_ids)
        # once
        answer._act_on_feedback()
        self.assertEqual(self._complaints(registration), complaint)

    def test_high_answer_of_a_key_account_opens_nothing(self):
        registration, answer = self._answer(self.client_contact, 8)
        self.assertFalse(self._complaints(registration))
        self.assertFalse(answer.feedback_follow_up)

    def test_candidate_account_gets_a_to_do(self):
        """Only a confirmed key account: a candidate's contact is followed up as any
        client."""
        candidate_client = self.env["res.partner"].create(
            {"name": "Beta Fairs", "is_company": True, "user_id": self.crm_user.id}
        )
        contact = self.env["res.partner"].create(
            {"name": "Carl Beta", "parent_id": candidate_client.id}
        )
        self.env["big.account"].create(
            {"partner_id": candidate_client.id, "user_id": self.ka_manager.id}
        )
        registration, answer = self._answer(contact, 1)
        self.assertFalse(self._complaints(registration))
        self.assertEqual(len(registration.activity_ids), 1)
        self.assertEqual(registration.activity_ids.user_id, self.crm_user)
        self.assertEqual(registration.activity_ids.summary, "Low satisfaction: 10% from Carl Beta")
