from odoo.tests import tagged

from odoo.addons.client_events.tests.shared_checks import FoundationChecks

from .common import BigAccountCommon


@tagged("post_install", "-at_install", "security")
class TestBigAccountFoundation(FoundationChecks, BigAccountCommon):
    module = "big_account"

    def test_groups_form_one_chain(self):
        self.assert_groups_chained(["big_account.group_member", "big_account.group_manager"])

    def test_every_model_has_access_rules(self):
        self.assert_every_model_has_access_rules()

    def test_company_pickers_offer_records(self):
        self.assert_company_pickers_offer_records()

    def test_menus_for_team_members_only(self):
        self.assert_menus_visible_only_to(
            ["big_account.big_account_menu_root", "big_account.big_account_menu_accounts"],
            self.pm_user,
        )
