from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.client_events.tests.shared_checks import I18nChecks

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestBigAccountI18n(I18nChecks, BigAccountCommon):
    module = "big_account"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()

    def test_every_term_is_translated_in_both_scripts(self):
        self.assert_every_term_translated()

    def test_key_account_form_in_chinese(self):
        self.assert_terms_in_view(
            "big.account",
            "form",
            {"zh_CN": ["客户档案", "决策链"], "zh_TW": ["客戶檔案", "決策鏈"]},
        )

    def test_error_message_in_chinese(self):
        self.pm_membership.unlink()
        expected = {
            "zh_CN": "Acme Expo Group 的服务团队中没有项目经理：确认前请先添加一名。",
            "zh_TW": "Acme Expo Group 的服務團隊中沒有專案經理：確認前請先新增一名。",
        }
        for lang, message in expected.items():
            account = self.account.with_user(self.ka_manager).with_context(lang=lang)
            with self.subTest(lang=lang), self.assertRaisesRegex(UserError, message):
                account.action_confirm()

    def test_communication_plan_named_in_the_writers_language(self):
        plan = (
            self.env["big.account.communication.plan"]
            .with_context(lang="zh_CN")
            .create(
                {
                    "account_id": self.account.id,
                    "member_id": self.pm_membership.id,
                    "channel": "visit",
                    "frequency": "monthly",
                    "next_date": "2026-03-20",
                }
            )
        )
        self.assertEqual(plan.name, "Acme Expo Group：拜访，每月")
