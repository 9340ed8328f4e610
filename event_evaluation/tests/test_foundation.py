from odoo.tests import tagged

from odoo.addons.client_events.tests.shared_checks import FoundationChecks

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install", "security")
class TestEventEvaluationFoundation(FoundationChecks, EventEvaluationCommon):
    module = "event_evaluation"

    def test_groups_form_one_chain(self):
        self.assert_groups_chained(
            ["event_evaluation.group_evaluator", "event_evaluation.group_reviewer"]
        )

    def test_every_model_has_access_rules(self):
        self.assert_every_model_has_access_rules()

    def test_company_pickers_offer_records(self):
        self.assert_company_pickers_offer_records()

    def test_menus_for_evaluators_only(self):
        self.assert_menus_visible_only_to(
            [
                "event_evaluation.event_evaluation_menu_root",
                # the README sends evaluators to the planners' money and plan reports
                "client_events.client_events_menu_report_budget_cost",
                "client_events.client_events_menu_report_plan_realised",
            ],
            self.evaluator,
        )
