import xmlrpc.client

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import BigAccountCommon


@tagged("post_install", "-at_install", "security")
class TestWorkflowBypassOverXmlRpc(HttpCase, BigAccountCommon):
    """Integrations call the ORM over XML-RPC: the workflow must hold there too.

    Each case is a real HTTP call to the test server; every one must be refused
    and leave the record as it was.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the proposal of a leadership approver, a planner too: he must not approve it
        cls.event = cls._create_event("RPC seminar", user=cls.approver, participants=50)
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.event.id})

    @staticmethod
    def _password(user):
        # new_test_user's: the login, padded to eight characters
        return user.login + "x" * (8 - len(user.login))

    def call(self, user, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, self._password(user), model, method, list(args)
        )

    def assert_refused(self, user, model, method, *args, message):
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refusal:
            self.call(user, model, method, *args)
        self.assertRegex(refusal.exception.faultString, message)

    def test_workflow_cannot_be_bypassed_over_xmlrpc(self):
        event, line = self.event, self.event.budget_line_ids
        cases = [
            (
                self.approver,
                "event.event",
                "write",
                [event.id],
                {"approval_state": "approved"},
                "cannot be written directly",
            ),
            (
                self.approver,
                "event.event",
                "_approval_write",
                [event.id],
                {"approval_state": "approved"},
                "Private methods",
            ),
            (
                self.evaluator,
                "event.evaluation",
                "write",
                [self.evaluation.id],
                {"state": "reviewed"},
                "Use the Submit and Review buttons",
            ),
            (
                self.evaluator,
                "event.evaluation",
                "write",
                [self.evaluation.id],
                {"won_revenue": 1e9},
                "Metrics are filled by Refresh Metrics",
            ),
        ]
        for user, model, method, ids, vals, message in cases:
            with self.subTest(model=model, method=method, vals=vals):
                self.assert_refused(user, model, method, ids, vals, message=message)
        # the planner submits, then tries to approve his own proposal at each step
        self.call(self.approver, "event.event", "action_submit_for_approval", [event.id])
        self.assert_refused(
            self.approver,
            "event.event",
            "action_approve",
            [event.id],
            message="own|submitted",
        )
        self.assert_refused(
            self.approver,
            "event.budget.line",
            "write",
            [line.id],
            {"planned_amount": 50000},
            message="cannot be changed|locked",
        )
        event.invalidate_recordset()
        line.invalidate_recordset()
        self.evaluation.invalidate_recordset()
        self.assertEqual(event.approval_state, "submitted")
        self.assertEqual(line.planned_amount, 5000)
        self.assertEqual(line.approved_amount, 5000)
        self.assertEqual(self.evaluation.state, "draft")
        self.assertEqual(self.evaluation.won_revenue, 0)

    def call_with_context(self, user, model, method, args, context):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            self._password(user),
            model,
            method,
            args,
            {"context": context},
        )

    def test_no_context_key_opens_a_state_field(self):
        """The keys the transitions once trusted, or a forged mark of the current one,
        sent over XML-RPC: every state field stays closed."""
        event = self.event
        report = self.env["event.daily.report"].search([("event_id", "=", event.id)], limit=1)
        if not report:
            report = self.env["event.daily.report"].create(
                {"event_id": event.id, "day": "2027-05-10"}
            )
        yearly = (
            self.env["event.evaluation.annual"].with_user(self.evaluator).create({"year": 2027})
        )
        forged = {
            "evaluation_transition": True,
            "daily_report_confirming": True,
            "client_events_closing": True,
            "client_events_approval_transition": True,
            "client_events_transition": [True, "event.event"],
        }
        risk = self.env["event.risk"].create(
            {
                "event_id": event.id,
                "name": "Rain on the day",
                "risk_type_id": self.env["event.risk.type"].search([], limit=1).id,
            }
        )
        incident = self.env["event.incident"].create({"event_id": event.id, "name": "Late bus"})
        cases = [
            (self.approver, "event.risk", risk, {"state": "mitigated"}),
            (self.approver, "event.incident", incident, {"state": "resolved"}),
            (self.evaluator, "event.evaluation", self.evaluation, {"state": "reviewed"}),
            (self.evaluator, "event.evaluation", self.evaluation, {"won_revenue": 1e9}),
            (self.evaluator, "event.evaluation.annual", yearly, {"state": "reviewed"}),
            (self.approver, "event.daily.report", report, {"state": "confirmed"}),
            (self.approver, "event.event", event, {"costs_closed": True}),
            (self.approver, "event.event", event, {"approval_state": "approved"}),
        ]
        for user, model, record, vals in cases:
            for key, value in forged.items():
                with self.subTest(model=model, vals=vals, key=key):
                    with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
                        self.call_with_context(
                            user, model, "write", [record.ids, vals], {key: value}
                        )
            record.invalidate_recordset()
            for field, value in vals.items():
                self.assertNotEqual(record[field], value, f"{model}.{field} was written")
        # and a new record cannot be born in a later state either
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self.call_with_context(
                self.evaluator,
                "event.evaluation.annual",
                "create",
                [{"year": 2028, "state": "reviewed"}],
                forged,
            )

    def test_no_default_key_creates_a_record_in_a_later_state(self):
        """A caller's ``default_*`` context keys (a kanban column, an integration) cannot
        give a new record a later state, a decision or a figure of its own."""
        partner = self.env["res.partner"].create({"name": "RPC Prospect", "is_company": True})
        other_event = self._create_event("RPC workshop", participants=20)
        complaint_vals = {
            "category": "service",
            "severity": "high",
            "date_received": "2027-02-20",
            "description": "<p>Late answer</p>",
        }
        account = self.env["big.account"].create(
            {"partner_id": partner.id, "user_id": self.ka_manager.id}
        )
        cases = [
            (
                self.evaluator,
                "event.evaluation.annual",
                {"year": 2029},
                {"default_state": "reviewed"},
                "Use the Submit and Review buttons",
            ),
            (
                self.evaluator,
                "event.evaluation",
                {"event_id": other_event.id},
                {"default_state": "submitted", "default_submitted_by_id": self.approver.id},
                "Use the Submit and Review buttons",
            ),
            (
                self.evaluator,
                "event.evaluation",
                {"event_id": other_event.id},
                {"default_won_revenue": 1e9},
                "Metrics are filled by Refresh Metrics",
            ),
            (
                self.evaluator,
                "event.evaluation",
                {"event_id": other_event.id, "won_revenue": 0},
                {},
                "Metrics are filled by Refresh Metrics",
            ),
            (
                self.ka_manager,
                "big.account.complaint",
                {"account_id": account.id, **complaint_vals},
                {"default_state": "closed"},
                "Change the status of a complaint with its buttons",
            ),
            (
                self.ka_manager,
                "big.account",
                {"partner_id": self.env["res.partner"].create({"name": "RPC Two"}).id},
                {"default_state": "confirmed"},
                "Change the status of a key account with its buttons",
            ),
            (
                self.planner,
                "event.event",
                {
                    "name": "RPC dinner",
                    "date_begin": "2027-06-01 10:00:00",
                    "date_end": "2027-06-01 14:00:00",
                },  # fmt: skip
                {"default_approval_state": "approved"},
                "A new record always starts as a draft",
            ),
        ]
        for user, model, vals, context, message in cases:
            with self.subTest(model=model, context=context):
                count = self.env[model].search_count([])
                with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refusal:
                    self.call_with_context(user, model, "create", [[vals]], context)
                self.assertRegex(refusal.exception.faultString, message)
                self.assertEqual(self.env[model].search_count([]), count, "nothing created")
        # the initial state as a default is the model's own: allowed
        report_id = self.call_with_context(
            self.evaluator,
            "event.evaluation.annual",
            "create",
            [[{"year": 2029}]],
            {"default_state": "draft"},
        )
        self.assertEqual(self.env["event.evaluation.annual"].browse(report_id).state, "draft")

    def test_measured_figures_stay_closed(self):
        """The team's KPI counts and an assessment's scores are measured, never typed in;
        a team member, who reads assessments only, cannot confirm one either."""
        plan = self.env["big.account.communication.plan"].create(
            {"account_id": self.account.id, "member_id": self.pm_membership.id, "channel": "visit"}
        )
        assessment = self.env["big.account.assessment"].create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": "2026-10-01"}
        )
        cases = [
            (self.pm_user, plan, "write", {"done_count": 12}, "contacts done are counted"),
            (
                self.pm_user,
                plan,
                "write",
                {"done_on_time_count": 12, "last_done_date": "2027-02-28"},
                "contacts done are counted",
            ),
            (
                self.ka_manager,
                assessment,
                "write",
                {"computed_score": 99.0},
                "measured by its Compute button",
            ),
        ]
        for user, record, method, vals, message in cases:
            with self.subTest(model=record._name, vals=vals):
                self.assert_refused(user, record._name, method, record.ids, vals, message=message)
        self.assert_refused(
            self.pm_user,
            "big.account.assessment",
            "action_confirm",
            assessment.ids,
            message="not allowed to modify",
        )
        plan.invalidate_recordset()
        assessment.invalidate_recordset()
        self.assertEqual((plan.done_count, plan.done_on_time_count), (0, 0))
        self.assertEqual((assessment.computed_score, assessment.state), (0.0, "draft"))

    def test_every_approval_and_key_account_state_stays_closed(self):
        """The other state fields of the suite, over XML-RPC, with and without the keys,
        each written by the administrator of its addon, who may write the record."""
        partner = self.env["res.partner"].create({"name": "RPC Client", "is_company": True})
        account = self.env["big.account"].create(
            {"partner_id": partner.id, "user_id": self.ka_manager.id}
        )
        complaint = self.env["big.account.complaint"].create(
            {
                "account_id": account.id,
                "category": "service",
                "severity": "high",
                "date_received": "2026-03-02",
                "description": "<p>Late answer</p>",
            }
        )
        assessment = self.env["big.account.assessment"].create(
            {"account_id": account.id, "period_type": "quarter", "date_from": "2026-04-01"}
        )
        outcome = self.env["big.account.assessment.outcome"].create(
            {
                "assessment_id": assessment.id,
                "kind": "training",
                "owner_id": self.ka_manager.id,
                "date_deadline": "2026-09-30",
            }
        )
        plan = self.env["event.annual.plan"].create(
            {
                "name": "RPC plan",
                "year": 2027,
                "level": "group",
                "line_ids": [Command.create({"quarter": "q2", "name": "RPC line"})],
            }
        )
        # a budget change needs an approved event: approval itself is tested elsewhere
        event = self.event
        self._force_approved(event)
        change = self.env["event.budget.change"].create(
            {
                "event_id": event.id,
                "budget_line_id": event.budget_line_ids.id,
                "amount": 100,
                "reason": "More guests",
            }
        )
        cases = [
            (self.ce_manager, change, {"approval_state": "approved"}),
            (self.ka_manager, account, {"state": "confirmed"}),
            (self.ka_manager, complaint, {"state": "closed"}),
            (self.ka_manager, assessment, {"state": "confirmed"}),
            (self.ka_manager, outcome, {"state": "done"}),
            (self.ce_manager, plan, {"approval_state": "approved"}),
            (self.ce_manager, plan.line_ids, {"approval_state": "approved"}),
        ]
        for user, record, vals in cases:
            for context in ({}, {"client_events_transition": [True, record._name]}):
                with self.subTest(model=record._name, context=context):
                    with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
                        self.call_with_context(
                            user, record._name, "write", [record.ids, vals], context
                        )
            record.invalidate_recordset()
            for field, value in vals.items():
                self.assertNotEqual(record[field], value, f"{record._name}.{field} was written")
