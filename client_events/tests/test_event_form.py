from datetime import datetime

from odoo import Command
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import ClientEventsCommon, proposal_targets
from .shared_checks import form_arch, form_values, is_visible, picker_offers

# every model whose records belong to an event, created from its own menu
EVENT_CHILD_MODELS = (
    "event.cost",
    "event.budget.change",
    "event.incident",
    "event.risk",
    "event.daily.report",
)


@tagged("post_install", "-at_install")
class TestEventForm(ClientEventsCommon):
    """What the planner meets on the forms: pickers, status bars, buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event = cls._create_event(plan_line=cls.plan_line_q2, amounts=(5000, 3000))
        cls.event.action_submit_for_approval()

    def _approved_event(self):
        self._approve_all(self.event)
        return self.event

    def test_new_records_pick_their_event(self):
        """A new cost, budget change, incident, risk or wrap-up offers the event."""
        event = self._approved_event()
        for model_name in EVENT_CHILD_MODELS:
            with self.subTest(model=model_name):
                model = self.env[model_name].with_user(self.planner)
                values = form_values(model, ["event_id", "company_id"])
                self.assertIn(event, picker_offers(model, "event_id", values))

    def test_costs_offer_only_approved_open_events(self):
        draft = self._create_event(name="Draft Tea Party")
        event = self._approved_event()
        model = self.env["event.cost"].with_user(self.planner)
        offered = picker_offers(model, "event_id", form_values(model, ["event_id"]))
        self.assertIn(event, offered)
        self.assertNotIn(draft, offered)

    def test_plan_line_picker_offers_the_quarter_of_the_event(self):
        plan_2026 = (
            self.env["event.annual.plan"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Group Plan 2026",
                    "year": 2026,
                    "level": "group",
                    "line_ids": [Command.create({"quarter": "q2", "name": "Old Seminar"})],
                }
            )
        )
        plan_2026.action_submit_for_approval()
        plan_2026.with_user(self.hq_user).action_approve()
        plan_2026.with_user(self.executive).action_approve()
        event = self._create_event(name="Spring Seminar")
        model = event.with_user(self.planner)
        values = form_values(
            model, ["annual_plan_line_id", "plan_year", "plan_quarter", "company_id"]
        )
        offered = picker_offers(model.browse(), "annual_plan_line_id", values)
        self.assertEqual(offered, self.plan_line_q2)

    def test_client_event_types_keep_the_organiser_time_zone(self):
        self.assertFalse(self.seminar_type.default_timezone)
        self.planner.tz = "Asia/Shanghai"
        event = (
            self.env["event.event"]
            .with_user(self.planner)
            .create(
                {
                    "name": "Shanghai Seminar",
                    "event_type_id": self.seminar_type.id,
                    "date_begin": datetime(2027, 5, 10, 1, 0),
                    "date_end": datetime(2027, 5, 10, 9, 0),
                }
            )
        )
        self.assertEqual(event.date_tz, "Asia/Shanghai")

    def test_client_event_form_starts_with_the_type_and_the_proposal(self):
        model = self.env["event.event"].with_user(self.planner).with_context(client_events=True)
        arch = form_arch(model)
        values = form_values(model, ["approval_required", "approval_state"])
        shown = [
            f for f in arch.xpath("//sheet//group//field") if is_visible(f, values, model.env)
        ]
        first_field = shown[0]
        self.assertEqual(first_field.get("name"), "event_type_id")
        types = picker_offers(model, "event_type_id", {}, first_field, limit=None)
        self.assertIn(self.seminar_type, types)
        self.assertNotIn(self.plain_type, types, "Odoo's own types are not client-event types")
        proposal = arch.xpath("//page[@name='client_events_proposal']")[0]
        self.assertEqual(proposal.get("autofocus"), "autofocus")
        self.assertTrue(is_visible(proposal, values, model.env), "the new form opens on it")
        # outside the client events, the event app's types and form stay as they were
        plain = self.env["event.event"].with_user(self.planner)
        types = picker_offers(plain, "event_type_id", {}, form_arch(plain).xpath(
            "//field[@name='event_type_id']")[0], limit=None)  # fmt: skip
        self.assertIn(self.plain_type, types)

    def test_approval_books_the_event_and_leaves_one_status_bar(self):
        self.assertEqual(self.event.stage_id, self.env.ref("event.event_stage_new"))
        event = self._approved_event()
        self.assertEqual(event.stage_id, self.env.ref("event.event_stage_booked"))
        arch = form_arch(event.with_user(self.planner))
        bars = arch.xpath("//header/field[@widget='statusbar']")
        values = form_values(event, ["approval_state", "approval_required", "stage_id"])
        shown = [bar.get("name") for bar in bars if is_visible(bar, values, event.env)]
        self.assertEqual(shown, ["stage_id"])

    def test_close_is_offered_once_the_event_has_ended(self):
        event = self._approved_event().with_user(self.planner)
        close = form_arch(event).xpath("//button[@name='action_close']")[0]
        fields = ["costs_closed", "is_finished", "approval_required", "approval_state"]
        with freeze_time("2027-05-10 12:00:00"):
            event.invalidate_recordset(["is_finished"])
            self.assertFalse(is_visible(close, form_values(event, fields), event.env))
        with freeze_time("2027-05-11 09:00:00"):
            event.invalidate_recordset(["is_finished"])
            self.assertTrue(is_visible(close, form_values(event, fields), event.env))

    def test_no_variance_before_anything_is_spent(self):
        event = self._approved_event()
        self.assertEqual(event.budget_variance, 0.0)
        self.assertEqual(event.budget_remaining, 8000.0)
        line = event.budget_line_ids[0]
        self.env["event.cost"].with_user(self.planner).create(
            {
                "event_id": event.id,
                "budget_line_id": line.id,
                "amount": 1500,
                "description": "Hall",
            }
        )
        self.assertEqual(event.budget_variance, -6500.0)
        self.assertEqual(self.plan_line_q2.cost_variance, 1500.0 - 200000.0)

    def test_plan_line_without_costs_has_no_variance(self):
        self._approved_event()
        self.assertEqual(self.plan_line_q2.actual_cost, 0.0)
        self.assertEqual(self.plan_line_q2.cost_variance, 0.0)

    def test_over_budget_refusal_opens_a_prefilled_budget_change(self):
        event = self._approved_event()
        line = event.budget_line_ids.filtered(lambda budget: budget.planned_amount == 5000)
        Cost = self.env["event.cost"].with_user(self.planner)
        with self.assertRaises(RedirectWarning) as refusal:
            Cost.create(
                {
                    "event_id": event.id,
                    "budget_line_id": line.id,
                    "amount": 6200,
                    "description": "X",
                }
            )
        message, action, button = refusal.exception.args[:3]
        self.assertIn("超支申请", message)
        self.assertEqual(button, "Request Budget Change")
        self.assertEqual(action["res_model"], "event.budget.change")
        self.assertEqual(action["target"], "new")
        changes = self.env["event.budget.change"].with_user(self.planner)
        change_form = Form(changes.with_context(**action["context"]))
        self.assertEqual(change_form.event_id, event)
        self.assertEqual(change_form.budget_line_id, line)
        self.assertEqual(change_form.amount, 1200.0, "what the refused cost lacks")
        change_form.reason = "More guests confirmed"
        change = change_form.save()
        self.assertEqual(change.approval_state, "draft")

    def test_budget_line_and_event_offer_a_budget_change(self):
        event = self._approved_event().with_user(self.planner)
        line = event.budget_line_ids[0]
        for action in (line.action_request_budget_change(), event.action_request_budget_change()):
            with self.subTest(action=action["name"]):
                changes = self.env["event.budget.change"].with_user(self.planner)
                change = Form(changes.with_context(**action["context"]))
                self.assertEqual(change.event_id, event)
        arch = form_arch(event)
        self.assertTrue(arch.xpath("//page[@name='client_events_costs']//button"
                                   "[@name='action_request_budget_change']"))  # fmt: skip

    def test_targets_come_from_the_type_and_are_required_before_submission(self):
        """目标量化: the type's targets are on the proposal; the required ones must be set."""
        event = self._create_event(name="Target Seminar", targets=False)
        self.assertEqual(
            event.target_ids.mapped("indicator"), ["leads", "sales", "satisfaction", "referrals"]
        )
        self.assertEqual(
            event.target_ids.filtered("required").mapped("indicator"), ["leads", "satisfaction"]
        )
        with self.assertRaisesRegex(
            UserError, "Please fill in: the Leads target, the Satisfaction Score"
        ):
            event.with_user(self.planner).action_submit_for_approval()
        # dropping the lines does not drop what the type requires
        event.with_user(self.planner).target_ids = [Command.clear()]
        with self.assertRaisesRegex(UserError, "the Leads target"):
            event.with_user(self.planner).action_submit_for_approval()
        event.with_user(self.planner).target_ids = proposal_targets(100)
        event.with_user(self.planner).action_submit_for_approval()
        self.assertEqual(event.approval_state, "submitted")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.target_ids[0].with_user(self.planner).target = 1
        self._approve_all(event)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            event.target_ids[0].with_user(self.planner).target = 1

    def test_a_target_is_a_positive_figure(self):
        event = self._create_event(name="Target Seminar")
        satisfaction = event.target_ids.filtered(lambda line: line.indicator == "satisfaction")
        for value in (-1, 101):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "0 to 100"):
                satisfaction.with_user(self.planner).target = value
