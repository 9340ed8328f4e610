from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.client_events.tests.shared_checks import I18nChecks

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEventEvaluationI18n(I18nChecks, EventEvaluationCommon):
    module = "event_evaluation"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls._create_registrations(cls.event, ["open", "done", "done", "done"])
        cls.evaluation = cls.env["event.evaluation"].create({"event_id": cls.event.id})
        cls.evaluation.action_refresh_metrics()

    def test_every_term_is_translated_in_both_scripts(self):
        self.assert_every_term_translated()

    def test_evaluation_form_in_chinese(self):
        self.assert_terms_in_view(
            "event.evaluation",
            "form",
            {"zh_CN": ["刷新指标", "参与度"], "zh_TW": ["重新整理指標", "參與度"]},
        )

    def test_evaluation_report_in_chinese(self):
        report = self.env.ref("event_evaluation.event_evaluation_report")
        expected = {
            "zh_CN": ["效果评估：", "参与人数达成率", "投资回报率（ROI）"],
            "zh_TW": ["效果評估：", "參與人數達成率", "投資報酬率（ROI）"],
        }
        for lang, terms in expected.items():
            self.evaluator.lang = lang
            localized = report.with_user(self.evaluator).with_context(lang=lang)
            html = localized._render_qweb_html(report.report_name, self.evaluation.ids)[0]
            html = html.decode()
            self.assertIn("Client Day 客户答谢会", html)
            for term in terms:
                with self.subTest(lang=lang, term=term):
                    self.assertIn(term, html)
            self.assertNotIn("Target achievement", html)

    def test_state_named_in_the_readers_language(self):
        expected = {
            "zh_CN": "Client Day 客户答谢会 的评估处于草稿状态，现在不能审阅。",
            "zh_TW": "Client Day 客户答谢会 的評估處於草稿狀態，現在不能審閱。",
        }
        for lang, message in expected.items():
            evaluation = self.evaluation.with_user(self.evaluation_reviewer).with_context(
                lang=lang
            )
            with self.subTest(lang=lang), self.assertRaisesRegex(UserError, message):
                evaluation.action_review()
