from odoo.tests import tagged

from .common import ClientEventsCommon
from .shared_checks import FoundationChecks


@tagged("post_install", "-at_install", "security")
class TestClientEventsFoundation(FoundationChecks, ClientEventsCommon):
    module = "client_events"

    def test_every_model_has_access_rules(self):
        self.assert_every_model_has_access_rules()

    def test_company_pickers_offer_records(self):
        self.assert_company_pickers_offer_records()

    def test_groups_form_one_chain(self):
        self.assert_groups_chained(
            [
                "client_events.group_planner",
                "client_events.group_reviewer",
                "client_events.group_approver",
                "client_events.group_headquarters",
                "client_events.group_executive",
                "client_events.group_manager",
            ]
        )

    def test_planner_uses_the_events_app(self):
        planner_group = self.env.ref("client_events.group_planner")
        self.assertIn(self.env.ref("event.group_event_user"), planner_group.trans_implied_ids)

    def test_menus_for_planners_only(self):
        self.assert_menus_visible_only_to(
            ["client_events.client_events_menu_root", "client_events.client_events_menu_events"],
            self.planner,
        )
