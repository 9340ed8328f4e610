from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged, users, warmup

from .common import ClientEventsCommon


@tagged("post_install", "-at_install", "security")
class TestApprovalDuties(ClientEventsCommon):
    """Each level of a chain is a different person; queues show what one may decide.

    The marketing VP holds every group of the chain: he may decide any one step.
    """

    def _my_queue(self, user):
        return self.env["event.approval"].with_user(user).search([("is_my_step", "=", True)])

    def _large_off_plan_event(self):
        event = self._create_event(participants=500)
        event.action_submit_for_approval()
        self.assertEqual(
            event.approval_ids.mapped("rule_id"),
            self.rule_review | self.rule_leadership | self.rule_hq | self.rule_vp,
        )
        return event

    def test_distinct_people_decide_the_steps_in_order(self):
        event = self._large_off_plan_event()
        deciders = [self.reviewer, self.approver, self.hq_user, self.executive]
        for user in deciders:
            event.with_user(user).action_approve(comment=f"OK from {user.login}")
        self.assertEqual(event.approval_state, "approved")
        steps = event.approval_ids.sorted("sequence")
        self.assertEqual(steps.mapped("user_id"), self.env["res.users"].concat(*deciders))
        self.assertEqual(set(steps.mapped("state")), {"approved"})

    def test_one_person_with_every_group_decides_one_step(self):
        event = self._large_off_plan_event()
        vp = event.with_user(self.executive)
        vp.action_approve()
        self.assertEqual(event.approval_current_id.rule_id, self.rule_leadership)
        self.assertFalse(vp.approval_can_decide)
        with self.assertRaisesRegex(
            AccessError,
            r"You already decided step Internal Review \(内部评审\) of .*: step Leadership "
            r"Approval \(领导审批\) must be decided by another person",
        ):
            vp.action_approve()
        with self.assertRaisesRegex(AccessError, "You already decided step Internal Review"):
            vp.action_reject("Too expensive")
        self.assertEqual(event.approval_state, "submitted")
        # the next level is still someone else's to decide
        event.with_user(self.approver).action_approve()
        self.assertEqual(event.approval_current_id.rule_id, self.rule_hq)

    def test_a_rule_may_allow_the_same_person(self):
        (self.rule_review | self.rule_leadership).allow_same_approver = True
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        event.with_user(self.executive).action_approve()
        event.with_user(self.executive).action_approve()
        self.assertEqual(event.approval_state, "approved")

    def test_waiting_for_my_approval_shows_what_i_may_decide_now(self):
        event = self._large_off_plan_event()
        current = event.approval_current_id
        self.assertIn(current, self._my_queue(self.reviewer))
        self.assertIn(current, self._my_queue(self.executive))
        self.assertNotIn(current, self._my_queue(self.planner), "he submitted it")
        event.with_user(self.executive).action_approve()
        current = event.approval_current_id
        self.assertIn(current, self._my_queue(self.approver))
        self.assertNotIn(current, self._my_queue(self.executive), "he decided a step already")

    def test_submitter_with_approval_rights_decides_nothing(self):
        event = self._create_event(user=self.executive)
        event.with_user(self.executive).action_submit_for_approval()
        self.assertFalse(self._my_queue(self.executive) & event.approval_ids)
        with self.assertRaisesRegex(AccessError, "You submitted"):
            event.with_user(self.executive).action_approve()

    def test_rejection_closes_the_later_steps_and_every_queue(self):
        event = self._large_off_plan_event()
        event.with_user(self.reviewer).action_approve()
        event.with_user(self.approver).action_reject("Budget too high for a first edition")
        self.assertEqual(
            event.approval_ids.sorted("sequence").mapped("state"),
            ["approved", "rejected", "cancelled", "cancelled"],
        )
        self.assertFalse(event.approval_current_id)
        self.assertEqual(event.approval_rejection_reason, "Budget too high for a first edition")
        for user in (self.reviewer, self.approver, self.hq_user, self.executive):
            with self.subTest(user=user.login):
                self.assertFalse(self._my_queue(user) & event.approval_history_ids)
        todo = self.env.ref("client_events.mail_activity_type_approval")
        self.assertFalse(
            event.activity_ids.filtered(lambda a: a.activity_type_id == todo),
            "nobody is asked to decide any more",
        )

    def test_the_history_of_decisions_survives_a_revision(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        event.with_user(self.reviewer).action_reject("Add the agenda")
        first_submission = event.approval_ids
        event.action_reset_to_draft()
        event.action_submit_for_approval()
        self.assertFalse(event.approval_rejection_reason)
        self.assertEqual(event.approval_history_ids & first_submission, first_submission)
        self.assertEqual(
            first_submission.with_context(active_test=False).mapped("state"),
            ["rejected", "cancelled"],
        )
        self.assertEqual(event.approval_ids.mapped("state"), ["pending", "pending"])
        self.assertFalse(event.approval_ids & first_submission)
        # the new submission is decided afresh, by its own reviewer
        event.with_user(self.reviewer).action_approve()
        self.assertEqual(event.approval_current_id.rule_id, self.rule_leadership)

    def test_the_to_do_goes_to_the_people_of_the_step(self):
        event = self._large_off_plan_event()
        todo = self.env.ref("client_events.mail_activity_type_approval")
        asked = event.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id
        self.assertEqual(asked, self.reviewer, "not the approvers, headquarters or the VP")
        event.with_user(self.reviewer).action_approve()
        asked = event.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id
        self.assertEqual(asked, self.approver)

    def test_the_to_do_goes_up_when_the_level_has_nobody(self):
        self.reviewer.groups_id -= self.env.ref("client_events.group_reviewer")
        event = self._create_event()
        event.action_submit_for_approval()
        todo = self.env.ref("client_events.mail_activity_type_approval")
        asked = event.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id
        self.assertIn(self.approver, asked)
        self.assertNotIn(self.planner, asked)

    @users("ce_reviewer")
    @warmup
    def test_the_queue_costs_the_same_whatever_its_length(self):
        """The reviewer's queue, what it lists and what it says of each document: the
        same queries for three proposals waiting as for thirty."""
        submitted = self.env["event.event"]
        for count in (3, 30):
            events = self.env["event.event"].with_user(self.planner)
            for _index in range(count):
                events |= self._create_event()
            events.action_submit_for_approval()
            submitted |= events
            self.env.invalidate_all()
            with self.subTest(waiting=len(submitted)), self.assertQueryCount(ce_reviewer=9):
                steps = self.env["event.approval"].search([("is_my_step", "=", True)])
                steps.mapped("name")
                steps.mapped("res_name")
                steps.mapped("res_summary")
            self.assertEqual(steps, submitted.approval_current_id, "all of them, his only")


@tagged("post_install", "-at_install")
class TestApprovalRuleFilters(ClientEventsCommon):
    """Rules are data: an administrator filters the documents a step applies to."""

    def test_off_plan_and_large_get_one_headquarters_step(self):
        event = self._create_event(participants=500)
        self.assertTrue(event.is_off_plan and event.is_large_event)
        event.action_submit_for_approval()
        self.assertEqual(len(event.approval_ids.filtered(lambda s: s.rule_id == self.rule_hq)), 1)

    def test_a_rule_filters_with_any_field(self):
        rule = self.env["event.approval.rule"].create(
            {
                "name": "Brand Committee",
                "res_model": "event.event",
                "sequence": 35,
                "group_id": self.env.ref("client_events.group_headquarters").id,
                "domain": "[('is_brand_event', '=', True)]",
            }
        )
        brand = self._create_event(plan_line=self.plan_line_q2, brand=True)
        plain = self._create_event(plan_line=self.plan_line_q2)
        (brand | plain).action_submit_for_approval()
        self.assertIn(rule, brand.approval_ids.rule_id)
        self.assertNotIn(rule, plain.approval_ids.rule_id)

    def test_a_filter_that_cannot_work_is_refused(self):
        Rule = self.env["event.approval.rule"]
        group = self.env.ref("client_events.group_approver")
        for domain, message in (
            ("[('no_such_field', '=', 1)]", "names no_such_field"),
            ("[('is_off_plan', '=',", "not a valid filter"),
        ):
            with self.subTest(domain=domain), self.assertRaisesRegex(ValidationError, message):
                Rule.create(
                    {"name": "Broken", "res_model": "event.event", "group_id": group.id,
                     "domain": domain}
                )  # fmt: skip


@tagged("post_install", "-at_install")
class TestApprovalQueue(ClientEventsCommon):
    """What an approver reads in his queue, and what he can do from it."""

    def test_the_queue_says_what_is_decided(self):
        event = self._create_event(participants=500, amounts=(42000,))
        event.action_submit_for_approval()
        step = event.approval_current_id.with_user(self.reviewer)
        self.assertEqual(step.res_name, "Client Seminar")
        summary = ("Tax reform 2027", "05/10/2027", "42,000.00", "500 participants", "off-plan",
                   "large", self.planner.name)  # fmt: skip
        for text in summary:
            self.assertIn(text, step.res_summary)
        decision = (
            self.env["event.approval.decide"]
            .with_user(self.reviewer)
            .with_context(**event.action_open_approval_decision()["context"])
            .create({})
        )
        self.assertEqual(decision.summary, step.res_summary)

    def test_the_dialog_context_picks_a_default_not_a_right(self):
        """Any caller can send a context: the decision it names is only the dialog's
        default, and deciding is refused to whoever may not decide."""
        by_planner = self._create_event()
        by_planner.action_submit_for_approval()
        by_reviewer = self._create_event(user=self.reviewer)
        by_reviewer.with_user(self.reviewer).action_submit_for_approval()
        for event, user, message in (
            (by_planner, self.planner, "Only members of .* can decide on step"),
            (by_reviewer, self.reviewer, "You submitted .* so you cannot decide"),
        ):
            with self.subTest(user=user.login):
                context = event.with_context(decision="approve").action_open_approval_decision()
                decision = (
                    self.env["event.approval.decide"]
                    .with_user(user)
                    .with_context(**context["context"])
                    .create({"comment": "Fine by me."})
                )
                self.assertEqual(decision.decision, "approve")
                with self.assertRaisesRegex(AccessError, message):
                    decision.action_confirm()
                self.assertEqual(event.approval_state, "submitted")
                self.assertEqual(event.approval_current_id.state, "pending")

    def test_submitting_with_default_keys_creates_undecided_steps(self):
        event = self._create_event()
        event.with_context(
            default_state="approved", default_user_id=self.reviewer.id, default_active=False
        ).action_submit_for_approval()
        steps = event.approval_ids
        self.assertTrue(steps)
        self.assertEqual(set(steps.mapped("state")), {"pending"})
        self.assertFalse(steps.user_id, "nobody has decided yet")
        self.assertEqual(event.approval_current_id, steps.sorted("sequence")[0])

    def test_the_queue_hides_what_another_company_proposes(self):
        event = self._create_event(participants=500, amounts=(42000,))
        event.action_submit_for_approval()
        other = self.env["res.company"].create({"name": "North Region Co."})
        desk = new_test_user(
            self.env,
            "ce_north_desk",
            groups="event.group_event_registration_desk",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        step = event.approval_current_id.with_user(desk)
        self.assertEqual((step.res_name, step.res_summary), (False, False))
        self.assertIn("42,000.00", event.approval_current_id.with_user(self.reviewer).res_summary)

    def test_approve_several_from_the_queue(self):
        mine = self._create_event() | self._create_event()
        mine.action_submit_for_approval()
        own = self._create_event(user=self.reviewer)
        own.with_user(self.reviewer).action_submit_for_approval()
        steps = (mine | own).approval_current_id.with_user(self.reviewer)
        steps.action_approve_selected()
        self.assertEqual(mine.approval_current_id.rule_id, self.rule_leadership)
        self.assertEqual(own.approval_current_id.rule_id, self.rule_review, "his own waits")
        with self.assertRaisesRegex(UserError, "None of the selected steps waits for you"):
            own.approval_current_id.with_user(self.reviewer).action_approve_selected()

    def test_a_waiting_step_reminds_its_approvers(self):
        self.rule_review.reminder_days = 3
        event = self._create_event()
        event.action_submit_for_approval()  # today, 1 March at 9:00

        def reminders():
            return event.message_ids.filtered(lambda m: "Reminder: step" in (m.body or ""))

        Steps = self.env["event.approval"]
        with freeze_time("2027-03-03 09:00:00"):
            Steps._cron_remind_approvers()
        self.assertFalse(reminders(), "two days are not three")
        with freeze_time("2027-03-04 10:00:00"):
            Steps._cron_remind_approvers()
            Steps._cron_remind_approvers()
        self.assertEqual(len(reminders()), 1, "once a period")
        self.assertIn(self.reviewer.partner_id, reminders().partner_ids)
        with freeze_time("2027-03-07 11:00:00"):
            Steps._cron_remind_approvers()
        self.assertEqual(len(reminders()), 2)
        self.rule_review.reminder_days = 0
        with freeze_time("2027-03-20 11:00:00"):
            Steps._cron_remind_approvers()
        self.assertEqual(len(reminders()), 2, "0: never")

    def test_an_approved_plan_is_filed_with_headquarters(self):
        """报集团备案: headquarters is told of every approved execution plan."""
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        self.assertFalse(event.filed_date)
        self._approve_all(event)
        self.assertTrue(event.filed_date)
        filing = event.message_ids.filtered(lambda m: "报集团备案" in (m.body or ""))
        self.assertEqual(len(filing), 1)
        self.assertIn(self.hq_user.partner_id, filing.partner_ids)
        self.assertNotIn(self.executive.partner_id, filing.partner_ids, "the level, not above")
        self.assertIn("Client Seminar", filing.body)
        self.assertTrue(event.with_user(self.hq_user).read(["name", "filed_date"]))
