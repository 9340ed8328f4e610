from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install", "security")
class TestEvaluationWorkflow(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrations(cls.event, ["open", "done"])
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.event.id})

    def test_submit_freezes_metrics_and_asks_reviewers(self):
        evaluation = self.evaluation.with_user(self.user_evaluator)
        evaluation.action_submit()
        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual(evaluation.attended_count, 1, "metrics refreshed at submission")
        self.assertIn(self.user_reviewer, evaluation.activity_ids.user_id)
        self._create_registrations(self.event, ["done"])
        with self.assertRaisesRegex(UserError, "frozen at submission"):
            evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.attended_count, 1)

    def test_review_locks(self):
        self.evaluation.with_user(self.user_evaluator).action_submit()
        with self.assertRaisesRegex(AccessError, "Only members of Reviewer may review"):
            self.evaluation.with_user(self.user_evaluator).action_review()
        self.evaluation.with_user(self.user_reviewer).action_review()
        self.assertEqual(self.evaluation.state, "reviewed")
        self.assertFalse(self.evaluation.activity_ids)
        with self.assertRaisesRegex(UserError, "reviewed and locked"):
            self.evaluation.with_user(self.user_reviewer).write({"problems": "<p>late</p>"})
        with self.assertRaisesRegex(UserError, "before changing its indicators"):
            self.evaluation.line_ids[0].with_user(self.user_reviewer).write({"target": 5})
        with self.assertRaisesRegex(UserError, "is Reviewed and cannot be submitted"):
            self.evaluation.with_user(self.user_evaluator).action_submit()
        with self.assertRaisesRegex(AccessError, "Only members of Reviewer may reset"):
            self.evaluation.with_user(self.user_evaluator).action_reset_draft()
        self.evaluation.with_user(self.user_reviewer).action_reset_draft()
        self.assertEqual(self.evaluation.state, "draft")

    def test_state_and_metrics_not_writable(self):
        evaluation = self.evaluation.with_user(self.user_reviewer)
        with self.assertRaisesRegex(UserError, "Use the Submit and Review buttons"):
            evaluation.write({"state": "reviewed"})
        with self.assertRaisesRegex(UserError, "filled by Refresh Metrics"):
            evaluation.write({"attended_count": 99})

    def test_event_users_cannot_evaluate(self):
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.user_event).read(["attended_count"])
        with self.assertRaisesRegex(AccessError, "Only members of Evaluator may submit"):
            self.evaluation.with_user(self.user_event).action_submit()


@tagged("post_install", "-at_install")
class TestEvaluationDeletion(EventEvaluationCommon):
    """Submitted and reviewed evaluations are history: deleting them is refused."""

    def test_evaluations(self):
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        evaluation.with_user(self.user_evaluator).action_submit()
        cases = [("submitted", evaluation)]
        reviewed_event = self._create_event("Reviewed Day")
        reviewed = self.env["event.evaluation"].create({"event_id": reviewed_event.id})
        reviewed.with_user(self.user_evaluator).action_submit()
        reviewed.with_user(self.user_reviewer).action_review()
        cases.append(("reviewed", reviewed))
        for state, record in cases:
            with self.subTest(state=state):
                with self.assertRaisesRegex(
                    UserError,
                    rf"The evaluation of .* is {state.capitalize()} and kept as history.*"
                    r"A reviewer can reset it to draft",
                ):
                    record.with_user(self.user_reviewer).unlink()
                self.assertTrue(record.exists())
        draft = self.env["event.evaluation"].create(
            {"event_id": self._create_event("Draft Day").id}
        )
        draft.with_user(self.user_reviewer).unlink()
        self.assertFalse(draft.exists())

    def test_yearly_reports(self):
        report = self.env["event.evaluation.annual"].create({"year": 2026})
        report.with_user(self.user_evaluator).action_submit()
        with self.assertRaisesRegex(
            UserError, r"has been submitted and is kept as history.*reset it to draft"
        ):
            report.with_user(self.user_reviewer).unlink()
        report.with_user(self.user_reviewer).action_reset_draft()
        report.with_user(self.user_reviewer).unlink()
        self.assertFalse(report.exists())


@tagged("post_install", "-at_install")
class TestEvaluationDeadline(EventEvaluationCommon):
    """The Events settings say by when an evaluation is due; its owner gets a to-do."""

    def test_due_date_and_todo_of_the_responsible(self):
        self.env.company.evaluation_due_days = 5
        self.event.user_id = self.user_event
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        self.assertEqual(evaluation.date_due, date(2026, 5, 6), "ended May 1st, plus five days")
        due_type = self.env.ref("event_evaluation.mail_activity_type_evaluation_due")
        todo = evaluation.activity_ids.filtered(lambda a: a.activity_type_id == due_type)
        self.assertEqual(todo.user_id, self.user_event)
        self.assertEqual(todo.date_deadline, date(2026, 5, 6))

        self.env.company.evaluation_due_days = 10
        self.assertEqual(evaluation.date_due, date(2026, 5, 11), "follows the settings")
        evaluation.with_user(self.user_evaluator).action_submit()
        self.assertFalse(todo.exists(), "done at submission")
        self.assertNotIn(due_type, evaluation.activity_ids.activity_type_id)

    def test_settings_refuse_a_deadline_before_the_end(self):
        for days in (0, -3):
            with (
                self.subTest(days=days),
                self.assertRaisesRegex(
                    ValidationError, "cannot be due before the event ends: give at least one day"
                ),
                self.env.cr.savepoint(),
            ):
                self.env["res.config.settings"].create({"evaluation_due_days": days}).execute()
        self.env.invalidate_all()
        self.assertEqual(self.env.company.evaluation_due_days, 7, "the setting kept its value")
