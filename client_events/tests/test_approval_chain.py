from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestApprovalChain(ClientEventsCommon):
    def _chain(self, event):
        return event.approval_ids.sorted("sequence").rule_id

    def test_chain_in_plan_small(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        self.assertFalse(event.is_off_plan)
        self.assertFalse(event.is_large_event)
        event.action_submit_for_approval()
        self.assertEqual(event.approval_state, "submitted")
        self.assertEqual(self._chain(event), self.rule_review | self.rule_leadership)
        with self.assertRaisesRegex(UserError, "has already been sent for approval; only a draft"):
            event.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "The proposal of .* is .*: its theme, dates"):
            event.with_user(self.planner).write({"theme": "Another theme"})
        self._approve_all(event)
        self.assertEqual(event.approval_state, "approved")

    def test_chain_in_plan_large(self):
        """A large event in the plan: the group's review (集团审核), then the VP."""
        event = self._create_event(plan_line=self.plan_line_q2, participants=301)
        event.action_submit_for_approval()
        self.assertEqual(
            self._chain(event),
            self.rule_review | self.rule_leadership | self.rule_hq | self.rule_vp,
        )
        self._approve_all(event)
        self.assertEqual(
            event.approval_ids.sorted("sequence").user_id,
            self.reviewer | self.approver | self.hq_user | self.executive,
        )

    def test_chain_off_plan_small(self):
        event = self._create_event()
        self.assertTrue(event.is_off_plan)
        event.action_submit_for_approval()
        self.assertEqual(
            self._chain(event), self.rule_review | self.rule_leadership | self.rule_hq
        )

    def test_chain_off_plan_large(self):
        event = self._create_event(amounts=(60000, 40001))
        self.assertEqual(event.budget_amount, 100001)
        event.action_submit_for_approval()
        self.assertEqual(
            self._chain(event),
            self.rule_review | self.rule_leadership | self.rule_hq | self.rule_vp,
        )
        self._approve_all(event)
        self.assertEqual(event.approval_state, "approved")
        self.assertEqual(set(event.approval_ids.mapped("state")), {"approved"})
        self.assertEqual(
            event.approval_ids.user_id,
            self.reviewer | self.approver | self.hq_user | self.executive,
        )

    def test_large_thresholds(self):
        for participants, large in ((299, False), (300, False), (301, True)):
            event = self._create_event(participants=participants)
            self.assertEqual(event.is_large_event, large, f"{participants} participants")
        for amount, large in ((99999, False), (100000, False), (100000.01, True)):
            event = self._create_event(amounts=(amount,))
            self.assertEqual(event.is_large_event, large, f"budget {amount}")
        brand = self._create_event(brand=True)
        self.assertTrue(brand.is_large_event)
        brand.action_submit_for_approval()
        self.assertIn(self.rule_vp, brand.approval_ids.rule_id)

    def test_thresholds_from_settings(self):
        event = self._create_event(participants=150)
        self.assertFalse(event.is_large_event)
        self.company.large_event_participant_threshold = 100
        self.assertTrue(event.is_large_event)
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.company.large_event_budget_threshold = 0

    def test_decisions_tracked(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        activities = event.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("client_events.mail_activity_type_approval")
            )
        )
        self.assertIn(self.reviewer, activities.user_id)
        self.assertNotIn(self.planner, activities.user_id)
        event.with_user(self.reviewer).action_approve(comment="Budget looks fine")
        step = event.approval_ids.filtered(lambda s: s.rule_id == self.rule_review)
        self.assertEqual(step.state, "approved")
        self.assertEqual(step.user_id, self.reviewer)
        self.assertEqual(step.comment, "Budget looks fine")
        self.assertTrue(step.date)
        bodies = " ".join(event.message_ids.mapped("body"))
        self.assertIn("approved by ce_reviewer", bodies)
        self.assertIn("Budget looks fine", bodies)
        self.assertEqual(event.approval_current_id.rule_id, self.rule_leadership)

    def _notifications_of(self, user, record):
        return self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", user.partner_id.id),
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
            ]
        )

    def test_request_and_decision_notices(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        request = event.message_ids.filtered(lambda m: self.reviewer.partner_id in m.partner_ids)
        self.assertEqual(
            request.subject, "To approve: Client Seminar (Internal Review (内部评审))"
        )
        self.assertIn("asks for your approval of", request.body)
        self.assertIn(f"/odoo/event.event/{event.id}", request.body)
        self.assertNotIn(self.planner.partner_id, request.partner_ids, "not to the submitter")
        self.assertEqual(
            self._notifications_of(self.reviewer, event).mail_message_id,
            request,
            "one notice per step: the activity is assigned silently",
        )
        self.assertTrue(event.activity_ids.filtered(lambda a: a.user_id == self.reviewer))

        self._approve_all(event)
        notice = event.message_ids.filtered(lambda m: m.subject == "Decision on Client Seminar")
        self.assertEqual(len(notice), 1)
        self.assertIn("is approved", notice.body)
        self.assertIn(self.planner.partner_id, notice.partner_ids)

    def test_reject_and_revise(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "reason of the rejection"):
            event.with_user(self.reviewer).action_reject("  ")
        event.with_user(self.reviewer).action_reject("Agenda is missing")
        self.assertEqual(event.approval_state, "rejected")
        self.assertEqual(event.approval_ids[0].state, "rejected")
        self.assertFalse(event.approval_current_id, "a rejected proposal waits for nobody")
        self.assertFalse(event.with_user(self.approver).approval_can_decide)
        last = event.message_ids[0]
        self.assertEqual(last.subject, "Decision on Client Seminar")
        self.assertIn("is rejected at the step", last.body)
        self.assertIn("Agenda is missing", last.body)
        self.assertIn(self.planner.partner_id, last.partner_ids)
        event.action_reset_to_draft()
        self.assertEqual(event.approval_state, "draft")
        event.write({"target_participant_count": 120})
        event.action_submit_for_approval()
        self.assertEqual(event.approval_state, "submitted")
        self.assertEqual(set(event.approval_ids.mapped("state")), {"pending"})

    def test_refuse_approve_without_group(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        with self.assertRaisesRegex(AccessError, "Only members of .* can decide"):
            event.with_user(self.planner_2).action_approve()
        self.env["event.approval"].flush_model()
        event.with_user(self.reviewer).action_approve()
        with self.assertRaisesRegex(AccessError, "Only members of .* can decide"):
            event.with_user(self.reviewer).action_approve()

    def test_refuse_approve_own_event(self):
        event = self._create_event(user=self.approver, plan_line=self.plan_line_q2)
        event.with_user(self.approver).action_submit_for_approval()
        with self.assertRaisesRegex(AccessError, "You submitted .* another approver"):
            event.with_user(self.approver).action_approve()
        with self.assertRaisesRegex(AccessError, "You submitted"):
            event.with_user(self.approver).action_reject("no")

    def test_refuse_approve_out_of_order(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        leadership = event.approval_ids.filtered(lambda s: s.rule_id == self.rule_leadership)
        with self.assertRaisesRegex(UserError, "cannot be decided yet: Internal Review"):
            leadership.with_user(self.approver).action_approve()
        self.assertEqual(leadership.state, "pending")
        self.assertFalse(leadership.with_user(self.approver).is_my_step)
        review = event.approval_ids.filtered(lambda s: s.rule_id == self.rule_review)
        self.assertTrue(review.with_user(self.reviewer).is_my_step)
        self.assertIn(
            review,
            self.env["event.approval"]
            .with_user(self.reviewer)
            .search([("is_my_step", "=", True)]),
        )

    def test_refuse_incomplete_proposal(self):
        event = (
            self.env["event.event"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Empty proposal",
                    "event_type_id": self.seminar_type.id,
                    "date_begin": "2027-05-10 09:00:00",
                    "date_end": "2027-05-10 17:00:00",
                    "address_id": False,
                }
            )
        )
        with self.assertRaisesRegex(
            UserError,
            "cannot be sent for approval yet. Please fill in: theme, venue, target "
            "participants, at least one budget line",
        ):
            event.action_submit_for_approval()
        self.assertEqual(event.approval_state, "draft")

    def test_refuse_write_approval_state(self):
        event = self._create_event()
        with self.assertRaisesRegex(UserError, "cannot be written directly"):
            event.write({"approval_state": "approved"})
        with self.assertRaisesRegex(UserError, "cannot be written directly"):
            event.write({"approval_submitted_by_id": self.reviewer.id})
        with self.assertRaisesRegex(UserError, "always starts as a draft"):
            self._create_event(approval_state="approved")
        self.assertEqual(event.approval_state, "draft")

    def test_refuse_edit_submitted_budget(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.budget_line_ids.write({"planned_amount": 9000})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.write(
                {
                    "budget_line_ids": [
                        Command.create({"category_id": self.cat_catering.id, "planned_amount": 1})
                    ]
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.budget_line_ids.unlink()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.write({"theme": "Another theme"})
        # other fields of the event stay editable
        event.write({"objective": "<p>200 participants</p>"})
        self.assertEqual(event.budget_amount, 5000)

    def test_approved_event_becoming_large(self):
        event = self._create_event(plan_line=self.plan_line_q2, participants=200)
        event.action_submit_for_approval()
        self._approve_all(event)
        self.assertEqual(event.approval_state, "approved")
        event.with_user(self.ce_manager).write({"target_participant_count": 350})
        self.assertTrue(event.is_large_event)
        self.assertEqual(event.approval_state, "submitted")
        # a large event now needs the group's review, then the VP
        pending = event.approval_ids.filtered(lambda s: s.state == "pending")
        self.assertEqual(pending.rule_id, self.rule_hq | self.rule_vp)
        self.assertEqual(event.approval_current_id.rule_id, self.rule_hq)
        event.with_user(self.hq_user).action_approve()
        event.with_user(self.executive).action_approve()
        self.assertEqual(event.approval_state, "approved")

    def test_deactivated_rule(self):
        self.rule_review.with_user(self.ce_manager).active = False
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        self.assertEqual(self._chain(event), self.rule_leadership)
