from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ClientEventsExecutionCommon
from .shared_checks import I18nChecks


@tagged("post_install", "-at_install")
class TestClientEventsI18n(I18nChecks, ClientEventsExecutionCommon):
    module = "client_events"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls.guest = cls.env["res.partner"].create(
            {"name": "Client Chen", "email": "chen@example.com"}
        )
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.event.id, "partner_id": cls.guest.id}
        )

    def test_every_term_is_translated_in_both_scripts(self):
        self.assert_every_term_translated()

    def test_event_form_in_chinese(self):
        self.assert_terms_in_view(
            "event.event",
            "form",
            {
                "zh_CN": ["活动流程", "风险与应急预案", "关闭活动"],
                # Taiwan wording, not a character conversion of the mainland one
                "zh_TW": ["活動流程", "風險與緊急應變計畫", "關閉活動"],
            },
        )

    def test_invitation_mail_in_chinese(self):
        template = self.env.ref("client_events.mail_template_event_invitation")
        expected = {
            "zh_CN": ("邀请函：Client Seminar Hangzhou", "我们诚挚地邀请您"),
            "zh_TW": ("邀請函：Client Seminar Hangzhou", "我們誠摯地邀請您"),
        }
        for lang, (subject, body) in expected.items():
            with self.subTest(lang=lang):
                localized = template.with_context(lang=lang)
                rendered = localized._render_field("subject", self.registration.ids)
                self.assertEqual(rendered[self.registration.id], subject)
                rendered = localized._render_field("body_html", self.registration.ids)
                self.assertIn(body, rendered[self.registration.id])
                self.assertIn("Client Chen", rendered[self.registration.id])

    def test_error_message_in_chinese(self):
        expected = {
            "zh_CN": "Client Seminar Hangzhou 尚未结束：请在活动结束后再发送感谢信。",
            "zh_TW": "Client Seminar Hangzhou 尚未結束：請在活動結束後再發送感謝信。",
        }
        for lang, message in expected.items():
            event = self.event.with_user(self.planner).with_context(lang=lang)
            with self.subTest(lang=lang), self.assertRaisesRegex(UserError, message):
                event.action_send_thank_you()

    def test_state_refusal_over_rpc_speaks_the_users_language(self):
        """An XML-RPC call carries no language: the refusal, field and model names
        included, speaks the user's."""
        self.planner.lang = "zh_CN"
        risk = self.env["event.risk"].create(
            {
                "event_id": self.event.id,
                "name": "Crowd at the gate",
                "risk_type_id": self.env.ref("client_events.event_risk_type_safety").id,
            }
        )
        Risk = self.env["event.risk"].with_user(self.planner).with_context(lang=None)
        with self.assertRaisesRegex(
            UserError, "^Crowd at the gate：登记日期只能通过表单上的按钮更改。$"
        ):
            risk.with_env(Risk.env).write({"date_registered": "2027-01-01"})
        Opinion = self.env["event.opinion"].with_user(self.planner).with_context(lang=None)
        with self.assertRaisesRegex(UserError, "^舆情：.*只能通过表单上的按钮更改。$"):
            Opinion.create({"name": "Weibo post", "source": "social", "state": "closed"})

    def test_approval_request_in_each_approvers_language(self):
        """Each approver reads the request in his own language, one message per language."""
        self.approver.lang = "zh_TW"
        approver_cn = new_test_user(
            self.env,
            "ce_approver_cn",
            groups="client_events.group_approver",
            lang="zh_CN",
            context={"no_reset_password": True},
        )
        event = self._create_event("Client Seminar Ningbo")
        rule = self.env["event.approval.rule"].create(
            {
                "name": "Leadership",
                "res_model": "event.event",
                "group_id": self.env.ref("client_events.group_approver").id,
                "sequence": 1,
            }
        )
        self.env["event.approval.rule"].search([("id", "!=", rule.id)]).active = False
        event.with_user(self.planner).action_submit_for_approval()
        note = self.env.ref("mail.mt_note")
        requests = event.message_ids.filtered(lambda m: m.subtype_id == note)
        by_partner = {partner: message for message in requests for partner in message.partner_ids}
        in_taiwan = by_partner[self.approver.partner_id]
        self.assertIn("請您核准", in_taiwan.body)
        self.assertIn("待核准：Client Seminar Ningbo", in_taiwan.subject)
        self.assertIn("请您审批", by_partner[approver_cn.partner_id].body)

    def test_approval_steps_named_in_each_readers_language(self):
        """One queue, one language: a step reads as its rule in the reader's language,
        whatever the language of the planner who submitted."""
        self.planner.lang = "zh_TW"
        event = self._create_event("Client Seminar Suzhou")
        event.with_user(self.planner).action_submit_for_approval()
        step = event.approval_ids[0]
        for lang in ("en_US", "zh_CN", "zh_TW"):
            with self.subTest(lang=lang):
                self.assertEqual(
                    step.with_context(lang=lang).name,
                    step.rule_id.with_context(lang=lang).name,
                )
        self.assertNotEqual(step.with_context(lang="zh_CN").name, step.rule_id.name)

    def test_ribbons_and_buttons_in_chinese(self):
        self.assert_terms_in_view(
            "event.event",
            "form",
            {
                "zh_CN": ["计划外", "已关闭", "提交超支申请"],
                "zh_TW": ["計畫外", "已關閉", "提交超支申請"],
            },
        )
        self.assert_terms_in_view(
            "event.approval", "list", {"zh_CN": ["打开单据"], "zh_TW": ["開啟單據"]}
        )
