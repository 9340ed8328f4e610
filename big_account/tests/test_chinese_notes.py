from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestChineseNotes(BigAccountCommon):
    """Chatter notes and to-dos read in Chinese: translated labels, local dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["big_account"], ["zh_CN"], overwrite=True)
        (cls.pm_user | cls.ka_planner | cls.ka_manager).write({"lang": "zh_CN"})
        cls._set_params(sla_days_high=2, birthday_days_before=3)

    def assertReadsChinese(self, text, chinese, raw):
        for term in chinese:
            self.assertIn(term, text)
        for term in raw:
            self.assertNotIn(term, text)

    @freeze_time("2026-03-03")
    def test_complaint_note_to_project_manager(self):
        complaint = (
            self.env["big.account.complaint"]
            .with_user(self.ka_planner)
            .with_context(lang="zh_CN")
            .create(
                {
                    "account_id": self.account.id,
                    "category": "service",
                    "severity": "high",
                    "date_received": "2026-03-02",
                    "description": "<p>Registration desk understaffed</p>",
                }
            )
        )
        note = complaint.message_ids.filtered(lambda m: self.pm_user.partner_id in m.partner_ids)
        self.assertEqual(len(note), 1)
        self.assertReadsChinese(
            note.body, ["严重程度：高", "2026年03月04日"], ["High", "2026-03-04"]
        )

    def test_contact_reminder_and_done_note(self):
        plan = self.env["big.account.communication.plan"].create(
            {
                "account_id": self.account.id,
                "member_id": self.planner_membership.id,
                "channel": "visit",
                "frequency": "monthly",
                "next_date": "2026-03-20",
            }
        )
        with freeze_time("2026-03-14"):
            # the cron runs without a language: the to-do takes its assignee's
            self.env["big.account.communication.plan"]._cron_schedule_contacts()
        activity = plan.activity_ids
        self.assertEqual(activity.user_id, self.ka_planner)
        self.assertReadsChinese(activity.summary, ["拜访联系：Acme Expo Group"], ["Visit"])
        with freeze_time("2026-03-18"):
            activity.with_user(self.ka_planner).with_context(lang="zh_CN").action_feedback(
                feedback="Met CEO"
            )
        body = self.account.message_ids[0].body
        self.assertReadsChinese(
            body,
            ["于 2026年03月18日 完成联系", "拜访", "计划日期 2026年03月20日"],
            ["Visit", "2026-03-18", "2026-03-20"],
        )

    @freeze_time("2026-03-14")
    def test_birthday_greeting_todo(self):
        self.env["big.account.contact"].create(
            {
                "account_id": self.account.id,
                "partner_id": self.client_contact.id,
                "birthday": "1980-03-17",
            }
        )
        self.env["big.account"]._cron_birthday_greetings()
        activity = self.account.activity_ids
        self.assertEqual(activity.user_id, self.pm_user, "the care goes to the project manager")
        self.assertEqual(activity.summary, "生日祝福：Alice Acme")
        self.assertReadsChinese(activity.note, ["2026年03月17日"], ["2026-03-17"])

    @freeze_time("2026-03-14")
    def test_future_date_errors(self):
        with self.assertRaisesRegex(ValidationError, "（2026年03月20日）") as error:
            self.env["big.account.member"].with_user(self.ka_manager).with_context(
                lang="zh_CN"
            ).create(
                {
                    "account_id": self.account.id,
                    "user_id": self.outsider.id,
                    "role": "marketing",
                    "nda_signed_date": "2026-03-20",
                }
            )
        self.assertNotIn("2026-03-20", str(error.exception))
        with self.assertRaisesRegex(ValidationError, "2026年03月16日") as error:
            self.env["big.account.complaint"].with_user(self.ka_planner).with_context(
                lang="zh_CN"
            ).create(
                {
                    "account_id": self.account.id,
                    "category": "service",
                    "severity": "high",
                    "date_received": "2026-03-16",
                    "description": "<p>Badges misprinted</p>",
                }
            )
        self.assertNotIn("2026-03-16", str(error.exception))
