from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install", "security")
class TestEvaluationWorkflow(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrations(cls.event, ["open", "done"])
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.event.id})

    def test_submit_freezes_metrics_and_asks_reviewers(self):
        evaluation = self.evaluation.with_user(self.evaluator)
        evaluation.action_submit()
        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual(evaluation.attended_count, 1, "metrics refreshed at submission")
        self.assertIn(self.evaluation_reviewer, evaluation.activity_ids.user_id)
        self._create_registrations(self.event, ["done"])
        with self.assertRaisesRegex(UserError, "frozen at submission"):
            evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.attended_count, 1)

    def test_review_locks(self):
        self.evaluation.with_user(self.evaluator).action_submit()
        with self.assertRaisesRegex(AccessError, "Only members of Reviewer may review"):
            self.evaluation.with_user(self.evaluator).action_review()
        self.evaluation.with_user(self.evaluation_reviewer).action_review()
        self.assertEqual(self.evaluation.state, "reviewed")
        self.assertFalse(self.evaluation.activity_ids)
        with self.assertRaisesRegex(UserError, "reviewed and locked"):
            self.evaluation.with_user(self.evaluation_reviewer).write({"problems": "<p>late</p>"})
        with self.assertRaisesRegex(UserError, "before changing its indicators"):
            self.evaluation.line_ids[0].with_user(self.evaluation_reviewer).write({"target": 5})
        with self.assertRaisesRegex(UserError, "is Reviewed and cannot be submitted"):
            self.evaluation.with_user(self.evaluator).action_submit()
        with self.assertRaisesRegex(AccessError, "Only members of Reviewer may reset"):
            self.evaluation.with_user(self.evaluator).action_reset_draft()
        self.evaluation.with_user(self.evaluation_reviewer).action_reset_draft()
        self.assertEqual(self.evaluation.state, "draft")

    def test_state_and_metrics_not_writable(self):
        evaluation = self.evaluation.with_user(self.evaluation_reviewer)
        with self.assertRaisesRegex(UserError, "Use the Submit and Review buttons"):
            evaluation.write({"state": "reviewed"})
        with self.assertRaisesRegex(UserError, "filled by Refresh Metrics"):
            evaluation.write({"attended_count": 99})

    def test_event_users_cannot_evaluate(self):
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.event_user).read(["attended_count"])
        with self.assertRaisesRegex(AccessError, "Only members of Evaluator may submit"):
            self.evaluation.with_user(self.event_user).action_submit()

    def test_an_evaluator_does_not_review_what_he_submitted(self):
        """A reviewer who evaluated the event himself leaves the review to another."""
        self.evaluation.with_user(self.evaluation_reviewer).action_submit()
        self.assertEqual(self.evaluation.submitted_by_id, self.evaluation_reviewer)
        with self.assertRaisesRegex(AccessError, "You submitted the evaluation of .*another"):
            self.evaluation.with_user(self.evaluation_reviewer).action_review()
        other = new_test_user(self.env, "ev_reviewer_2", groups="event_evaluation.group_reviewer")
        self.evaluation.with_user(other).action_review()
        self.assertEqual(self.evaluation.state, "reviewed")
        # sent back, it is submitted afresh
        self.evaluation.with_user(other).action_reset_draft()
        self.assertFalse(self.evaluation.submitted_by_id)


@tagged("post_install", "-at_install")
class TestEvaluationDeletion(EventEvaluationCommon):
    """Submitted and reviewed evaluations are history: deleting them is refused."""

    def test_evaluations(self):
        evaluation = self.env["event.evaluation"].create({"event_id": self.event.id})
        evaluation.with_user(self.evaluator).action_submit()
        cases = [("submitted", evaluation)]
        reviewed_event = self._create_plain_event("Reviewed Day")
        reviewed = self.env["event.evaluation"].create({"event_id": reviewed_event.id})
        reviewed.with_user(self.evaluator).action_submit()
        reviewed.with_user(self.evaluation_reviewer).action_review()
        cases.append(("reviewed", reviewed))
        for state, record in cases:
            with self.subTest(state=state):
                with self.assertRaisesRegex(
                    UserError,
                    rf"The evaluation of .* is {state.capitalize()} and kept as history.*"
                    r"A reviewer can reset it to draft",
                ):
                    record.with_user(self.evaluation_reviewer).unlink()
                self.assertTrue(record.exists())
        draft = self.env["event.evaluation"].create(
            {"event_id": self._create_plain_event("Draft Day").id}
        )
        draft.with_user(self.evaluation_reviewer).unlink()
        self.assertFalse(draft.exists())

    def test_yearly_reports(self):
        report = self.env["event.evaluation.annual"].create({"year": 2026})
        report.with_user(self.evaluator).action_submit()
        with self.assertRaisesRegex(
            UserError, r"has been submitted and is kept as history.*send it back to draft"
        ):
            report.with_user(self.evaluation_reviewer).unlink()
        report.with_user(self.hq_user).action_reset_draft()
        report.with_user(self.evaluation_reviewer).unlink()
        self.assertFalse(report.exists())


@tagged("post_install", "-at_install")
class TestEvaluationDeadline(EventEvaluationCommon):
    """The Events settings say by when an evaluation is due; an evaluator gets a to-do."""

    def _due_todo(self, evaluation):
        due_type = self.env.ref("event_evaluation.mail_activity_type_evaluation_due")
        return evaluation.activity_ids.filtered(lambda a: a.activity_type_id == due_type)

    def test_due_date_and_todo_of_the_evaluator(self):
        self.env.company.evaluation_due_days = 5
        self.event.user_id = self.event_user  # the planner, who cannot submit
        evaluation = (
            self.env["event.evaluation"]
            .with_user(self.evaluator)
            .create({"event_id": self.event.id})
        )
        self.assertEqual(evaluation.date_due, date(2026, 5, 6), "ended May 1st, plus five days")
        todo = self._due_todo(evaluation)
        self.assertEqual(todo.user_id, self.evaluator, "its creator, an evaluator")
        self.assertEqual(todo.date_deadline, date(2026, 5, 6))

        self.env.company.evaluation_due_days = 10
        self.assertEqual(evaluation.date_due, date(2026, 5, 11), "follows the settings")
        evaluation.with_user(self.evaluator).action_submit()
        self.assertFalse(todo.exists(), "done at submission")
        due_type = self.env.ref("event_evaluation.mail_activity_type_evaluation_due")
        self.assertNotIn(due_type, evaluation.activity_ids.activity_type_id)

    def test_todo_of_an_evaluator_of_the_company_when_created_by_the_system(self):
        """The daily job creates evaluations as OdooBot: the company's first evaluator."""
        region = self.env["res.company"].create({"name": "Shenzhen Region"})
        users = {
            login: new_test_user(
                self.env,
                login=login,
                groups=groups,
                company_id=region.id,
                company_ids=[Command.set(region.ids)],
            )
            for login, groups in (
                ("sz_planner", "base.group_user,event.group_event_manager"),
                ("sz_first", "base.group_user,event_evaluation.group_evaluator"),
                ("sz_second", "base.group_user,event_evaluation.group_reviewer"),
            )
        }
        region_events = self.env["event.event"].create(
            [
                {
                    "name": f"Shenzhen client day {index}",
                    "company_id": region.id,
                    "user_id": users["sz_planner"].id,
                    "date_begin": datetime(2026, 5, day, 9),
                    "date_end": datetime(2026, 5, day, 18),
                }
                for index, day in enumerate((4, 5))
            ]
        )
        first = self.env["event.evaluation"].create({"event_id": region_events[0].id})
        self.assertEqual(self._due_todo(first).user_id, users["sz_first"])
        users["sz_first"].active = False
        second = self.env["event.evaluation"].create({"event_id": region_events[1].id})
        self.assertEqual(
            self._due_todo(second).user_id, users["sz_second"], "a reviewer is an evaluator too"
        )
        for todo in self._due_todo(first | second):
            with self.subTest(user=todo.user_id.login):
                self.assertTrue(todo.user_id.has_group("event_evaluation.group_evaluator"))
                self.assertNotEqual(todo.user_id, users["sz_planner"], "never the planner")
                self.assertNotIn(self.evaluator, todo.user_id, "another company's")

    def test_no_todo_without_an_evaluator_in_the_company(self):
        region = self.env["res.company"].create({"name": "Harbin Region"})
        planner = new_test_user(
            self.env,
            login="hb_planner",
            groups="base.group_user,event.group_event_manager",
            company_id=region.id,
            company_ids=[Command.set(region.ids)],
        )
        event = self.env["event.event"].create(
            {
                "name": "Harbin client day",
                "company_id": region.id,
                "user_id": planner.id,
                "date_begin": datetime(2026, 5, 4, 9),
                "date_end": datetime(2026, 5, 4, 18),
            }
        )
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        self.assertTrue(evaluation.date_due)
        self.assertFalse(self._due_todo(evaluation), "nobody there could submit it")

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
