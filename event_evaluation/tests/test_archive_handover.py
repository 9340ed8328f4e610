import base64
import csv
import io
import zipfile
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged, users, warmup
from odoo.tools import mute_logger

from .common import EventEvaluationCommon

PIXEL = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    b"awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestArchiveHandover(EventEvaluationCommon):
    """A region hands its year 2026 over to headquarters (年末存档归档)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Autumn Forum",
                "date_begin": datetime(2026, 10, 10, 9),
                "date_end": datetime(2026, 10, 10, 18),
            }
        )
        cls.env["event.event"].create(
            {
                "name": "Next Year Gala",
                "date_begin": datetime(2027, 1, 20, 9),
                "date_end": datetime(2027, 1, 20, 18),
            }
        )
        cls.hq_user_2 = new_test_user(
            cls.env,
            "ce_hq_2",
            groups="client_events.group_headquarters,event_evaluation.group_evaluator",
        )
        cls.Handover = cls.env["event.archive.handover"]
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")

    def _archive(self, event, kind="photo", **values):
        defaults = {
            "photo": {"name": "Opening", "image_1920": PIXEL},
            "press": {
                "name": "Clients meet in Hangzhou",
                "media_outlet": "Zhejiang Daily 浙江日报",
                "url": "https://news.example.com/forum",
                "date_published": "2026-05-03",
                "reach": 5000,
            },
            "text": {
                "name": "Summary",
                "file": base64.b64encode(b"Eighty clients came."),
                "file_name": "summary.txt",
            },
        }[kind]
        return (
            self.env["event.archive.item"]
            .with_user(self.planner)
            .create({"event_id": event.id, "kind": kind, **defaults, **values})
        )

    def _submitted_evaluation(self, event):
        evaluation = (
            self.env["event.evaluation"].with_user(self.evaluator).create({"event_id": event.id})
        )
        evaluation.action_submit()
        return evaluation

    def _review_activities(self, handover, xmlid):
        activity_type = self.env.ref(xmlid)
        return handover.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_year_sent_back_once_then_acknowledged(self):
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        self.assertEqual(handover.name, f"2026 archive handover - {self.company.name}")
        self.assertEqual(
            handover.line_ids.event_id, self.event | self.forum, "the year's events, not 2027's"
        )
        self.assertEqual(handover.line_ids.mapped("missing"), ["evaluation, photos"] * 2)
        # the region fills the archive; the forum's evaluation is forgotten
        self._archive(self.event)
        self._archive(self.event, "press")
        self._archive(self.forum)
        self._archive(self.forum, name="Panel")
        self._submitted_evaluation(self.event)
        handover.invalidate_recordset()
        day, forum = handover.line_ids
        self.assertTrue(day.is_complete)
        self.assertEqual(day.evaluation_state, "submitted")
        self.assertEqual((day.photo_count, day.press_count, day.text_count), (1, 1, 0))
        self.assertEqual((forum.photo_count, forum.missing), (2, "evaluation"))
        self.assertEqual((handover.event_count, handover.missing_count), (2, 1))
        self.assertEqual((handover.photo_count, handover.press_count), (3, 1))

        handover.with_user(self.evaluator).action_send()
        self.assertEqual((handover.state, handover.sent_by_id), ("sent", self.evaluator))
        review = self._review_activities(
            handover, "event_evaluation.mail_activity_type_handover_review"
        )
        self.assertEqual(
            review.user_id, self.hq_user | self.hq_user_2, "the headquarters staff, not the VP"
        )
        with self.assertRaisesRegex(
            UserError,
            "is incomplete and cannot be acknowledged:\nAutumn Forum: evaluation\n"
            "Send it back to the region saying what is missing.",
        ):
            handover.with_user(self.hq_user).action_acknowledge()

        # headquarters sends it back saying what is missing
        action = handover.with_user(self.hq_user).action_open_return()
        self.assertEqual(action["context"]["default_reason"], "Autumn Forum: evaluation")
        wizard = Form(
            self.env[action["res_model"]].with_user(self.hq_user).with_context(**action["context"])
        )
        wizard.reason = "Autumn Forum: the evaluation report is missing."
        wizard.save().action_confirm()
        self.assertEqual(handover.state, "returned")
        self.assertEqual(handover.return_reason, "Autumn Forum: the evaluation report is missing.")
        self.assertIn("the evaluation report is missing", handover.message_ids[0].body)
        self.assertFalse(
            self._review_activities(
                handover, "event_evaluation.mail_activity_type_handover_review"
            )
        )
        returned = self._review_activities(
            handover, "event_evaluation.mail_activity_type_handover_returned"
        )
        self.assertEqual(returned.user_id, self.evaluator, "the sender completes it")

        # the region completes it and sends it again; headquarters acknowledges
        self._submitted_evaluation(self.forum)
        handover.with_user(self.evaluator).action_send()
        self.assertFalse(
            self._review_activities(
                handover, "event_evaluation.mail_activity_type_handover_returned"
            )
        )
        handover.with_user(self.hq_user).action_acknowledge()
        self.assertEqual(handover.state, "acknowledged")
        self.assertEqual(handover.acknowledged_by_id, self.hq_user)
        self.assertEqual(handover.missing_count, 0)
        self.assertFalse(handover.activity_ids)

    def test_who_may_do_what(self):
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        with self.assertRaisesRegex(
            AccessError,
            "Only the region's planners and evaluators can send 2026 archive handover",
        ):
            handover.with_user(self.event_user).action_send()
        with self.assertRaisesRegex(
            UserError, "is not waiting for headquarters: only a sent handover"
        ):
            handover.with_user(self.hq_user).action_acknowledge()
        handover.with_user(self.planner).action_send()
        with self.assertRaisesRegex(UserError, "has already been sent to headquarters"):
            handover.with_user(self.planner).action_send()
        for user in (self.evaluator, self.planner, self.evaluation_reviewer):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "Only headquarters can acknowledge"),
            ):
                handover.with_user(user).action_acknowledge()
            with self.assertRaisesRegex(AccessError, "Only headquarters can send back"):
                handover.with_user(user).action_return("Photos missing")
        with self.assertRaisesRegex(UserError, "Say what is missing from 2026 archive handover"):
            handover.with_user(self.hq_user).action_return("  ")
        # headquarters sending its own handover does not decide on it
        handover.with_user(self.hq_user).action_return("Photos missing")
        handover.with_user(self.hq_user_2).action_send()
        self.assertNotIn(
            self.hq_user_2,
            self._review_activities(
                handover, "event_evaluation.mail_activity_type_handover_review"
            ).user_id,
        )
        with self.assertRaisesRegex(
            AccessError, "You sent 2026 archive handover .* yourself: another person"
        ):
            handover.with_user(self.hq_user_2).action_acknowledge()
        with self.assertRaisesRegex(AccessError, "You sent .* yourself"):
            handover.with_user(self.hq_user_2).action_open_return()
        # what a sent handover keeps
        with self.assertRaisesRegex(UserError, "its events are collected again only once"):
            handover.with_user(self.evaluator).action_collect_events()
        with self.assertRaisesRegex(UserError, "its events change only once it is sent back"):
            handover.line_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "its year and region cannot change"):
            handover.year = 2025
        with self.assertRaisesRegex(UserError, "is kept as history: it cannot be deleted"):
            handover.with_user(self.ce_manager).unlink()
        with self.assertRaisesRegex(
            AccessError, "only evaluators and headquarters can download it"
        ):
            handover.with_user(self.planner).action_download_archive()

    def test_evaluation_kept_while_headquarters_holds_it(self):
        """An evaluation handed over is not reset to draft behind headquarters' back."""
        self._archive(self.event)
        self._archive(self.forum)
        evaluation = self._submitted_evaluation(self.event)
        self._submitted_evaluation(self.forum)
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        refusal = (
            "The archive of Client Day 客户答谢会 was handed over to headquarters with "
            "2026 archive handover .*Ask headquarters to send the handover back"
        )
        handover.action_send()
        with self.assertRaisesRegex(UserError, refusal):
            evaluation.with_user(self.evaluation_reviewer).action_reset_draft()
        self.assertEqual(evaluation.state, "submitted")
        # sent back, the region may correct it, then hands it over again
        handover.with_user(self.hq_user).action_return("Client Day: figures to check")
        evaluation.with_user(self.evaluation_reviewer).action_reset_draft()
        self.assertEqual(evaluation.state, "draft")
        evaluation.with_user(self.evaluator).action_submit()
        handover.with_user(self.evaluator).action_send()
        handover.with_user(self.hq_user).action_acknowledge()
        with self.assertRaisesRegex(UserError, refusal):
            evaluation.with_user(self.evaluation_reviewer).action_reset_draft()
        self.assertEqual(evaluation.state, "submitted")

    def test_headquarters_reads_the_review_to_do_in_its_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.hq_user_2.lang = "zh_CN"
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        handover.action_send()
        notes = {
            activity.user_id: activity.note
            for activity in self._review_activities(
                handover, "event_evaluation.mail_activity_type_handover_review"
            )
        }
        self.assertIn(f"请审核 {self.company.name} 2026 年度的存档", notes[self.hq_user_2])
        self.assertIn(f"Check the archive of {self.company.name}'s year 2026", notes[self.hq_user])

    def test_send_refused_when_nothing_or_not_all_collected(self):
        empty = self.Handover.with_user(self.evaluator).create({"year": 2025})
        with self.assertRaisesRegex(
            UserError,
            f"2025 archive handover - {self.company.name} lists no event: no event of "
            f"{self.company.name} ends in 2025. Click Collect Events",
        ):
            empty.action_send()
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        late = self.env["event.event"].create(
            {
                "name": "Winter Tea",
                "date_begin": datetime(2026, 12, 5, 9),
                "date_end": datetime(2026, 12, 5, 18),
            }
        )
        with self.assertRaisesRegex(
            UserError, "Winter Tea end in 2026 but are not in 2026 archive handover"
        ):
            handover.action_send()
        handover.action_collect_events()
        self.assertIn(late, handover.line_ids.event_id)
        handover.action_send()
        self.assertEqual(handover.state, "sent")

    def test_state_written_by_the_buttons_only(self):
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        for env_handover in (handover, handover.sudo()):
            for values in (
                {"state": "acknowledged"},
                {"acknowledged_by_id": self.hq_user.id},
                {"return_reason": "none"},
            ):
                with (
                    self.subTest(values=values, su=env_handover.env.su),
                    self.assertRaisesRegex(
                        UserError, "use the Send, Acknowledge and Send Back buttons"
                    ),
                ):
                    env_handover.write(values)
        with self.assertRaisesRegex(UserError, "use the Send, Acknowledge and Send Back buttons"):
            self.Handover.sudo().create({"year": 2024, "state": "acknowledged"})
        with self.assertRaisesRegex(UserError, "use the Send, Acknowledge and Send Back buttons"):
            self.Handover.with_context(default_state="sent").create({"year": 2024})

    def test_download_archive_zip(self):
        self._archive(self.event)
        self._archive(self.event, name="Opening")  # same title: numbered, not overwritten
        self._archive(self.event, "text")
        self._archive(self.event, "press")
        self._archive(
            self.event,
            "press",
            # a title that a spreadsheet would run as a formula
            name='=HYPERLINK("https://evil.example","Video report")',
            url=False,
            file=base64.b64encode(b"%PDF-1.4"),
            file_name="tv.pdf",
        )
        self._submitted_evaluation(self.event)
        handover = self.Handover.with_user(self.evaluator).create({"year": 2026})
        action = handover.action_download_archive()
        self.assertEqual(action["url"], f"/event_evaluation/handover/{handover.id}/zip")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            filename, content = handover.with_user(self.hq_user)._get_archive_zip()
        self.assertEqual(filename, f"2026 archive handover - {self.company.name}.zip")
        archive = zipfile.ZipFile(io.BytesIO(content))
        day = "2026-05-01 Client Day 客户答谢会"
        self.assertEqual(
            sorted(archive.namelist()),
            sorted(
                [
                    f"{day}/Evaluation - Client Day 客户答谢会.pdf",
                    f"{day}/photos/Opening.png",
                    f"{day}/photos/Opening (2).png",
                    f"{day}/texts/summary.txt",
                    f"{day}/press/tv.pdf",
                    f"{day}/press_coverage.csv",
                ]
            ),
            "the forum has no evaluation nor files: no folder",
        )
        self.assertEqual(archive.read(f"{day}/texts/summary.txt"), b"Eighty clients came.")
        rows = list(
            csv.reader(io.StringIO(archive.read(f"{day}/press_coverage.csv").decode("utf-8-sig")))
        )
        self.assertEqual(rows[0], ["Title", "Media Outlet", "Published On", "Reach", "Link"])
        self.assertIn(
            [
                "Clients meet in Hangzhou",
                "Zhejiang Daily 浙江日报",
                "2026-05-03",
                "5000",
                "https://news.example.com/forum",
            ],
            rows,
        )
        self.assertIn(
            """'=HYPERLINK("https://evil.example","Video report")""", [row[0] for row in rows]
        )
        self.assertIn(b"Client Day", archive.read(f"{day}/Evaluation - Client Day 客户答谢会.pdf"))

    def test_company_isolation(self):
        region = self.env["res.company"].create({"name": "Shenzhen Region"})
        region_evaluator = new_test_user(
            self.env,
            login="sz_evaluator",
            groups="event_evaluation.group_evaluator",
            company_id=region.id,
            company_ids=[Command.set(region.ids)],
        )
        self.env["event.event"].create(
            {
                "name": "Shenzhen Client Day",
                "company_id": region.id,
                "date_begin": datetime(2026, 6, 1, 9),
                "date_end": datetime(2026, 6, 1, 18),
            }
        )
        theirs = self.Handover.with_user(region_evaluator).create({"year": 2026})
        self.assertEqual(theirs.company_id, region)
        self.assertEqual(theirs.line_ids.event_id.mapped("name"), ["Shenzhen Client Day"])
        ours = self.Handover.with_user(self.evaluator).create({"year": 2026})
        self.assertEqual(self.Handover.with_user(self.evaluator).search([]), ours)
        self.assertEqual(self.Handover.with_user(region_evaluator).search([]), theirs)
        self.assertEqual(
            self.env["event.archive.handover.line"].with_user(region_evaluator).search([]),
            theirs.line_ids,
        )
        with self.assertRaises(AccessError):
            ours.with_user(region_evaluator).read(["name"])
        self.hq_user.company_ids |= region
        self.assertEqual(self.Handover.with_user(self.hq_user).search([]), ours | theirs)

    @users("ev_evaluator")
    @warmup
    def test_line_figures_query_count_does_not_grow(self):
        """The evaluation, counts and what is missing of every line: grouped queries."""
        for year, count in ((2030, 1), (2031, 10)):
            events = (
                self.env["event.event"]
                .sudo()
                .create(
                    [
                        {
                            "name": f"Event {year} {index}",
                            "date_begin": datetime(year, 5, 1, 9),
                            "date_end": datetime(year, 5, 1, 18),
                        }
                        for index in range(count)
                    ]
                )
            )
            self.env["event.archive.item"].sudo().create(
                [
                    {"event_id": event.id, "kind": kind, "name": "Item", **values}
                    for event in events
                    for kind, values in (
                        ("photo", {"image_1920": PIXEL}),
                        ("press", {"media_outlet": "Daily", "url": "https://example.com"}),
                    )
                ]
            )
            handover = self.env["event.archive.handover"].create({"year": year})
            self.env.invalidate_all()
            with self.subTest(events=count), self.assertQueryCount(ev_evaluator=5):
                lines = handover.line_ids
                self.assertEqual(sum(lines.mapped("photo_count")), count)
                self.assertEqual(lines.mapped("missing"), ["evaluation"] * count)
                self.assertEqual(handover.missing_count, count)


@tagged("post_install", "-at_install")
class TestArchiveHandoverDownload(HttpCase):
    """The archive is served as one zip file, to those who may read the handover."""

    def test_zip_download(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        new_test_user(self.env, "hq_download", groups="client_events.group_headquarters")
        new_test_user(self.env, "planner_download", groups="client_events.group_planner")
        event = self.env["event.event"].create(
            {
                "name": "Spring Gala",
                "date_begin": datetime(2026, 4, 1, 9),
                "date_end": datetime(2026, 4, 1, 18),
            }
        )
        self.env["event.archive.item"].create(
            {"event_id": event.id, "kind": "photo", "name": "Stage", "image_1920": PIXEL}
        )
        handover = self.env["event.archive.handover"].create({"year": 2026})
        url = f"/event_evaluation/handover/{handover.id}/zip"
        self.authenticate("hq_download", "hq_download")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertIn(".zip", response.headers["Content-Disposition"])
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        self.assertIn("2026-04-01 Spring Gala/photos/Stage.png", names)
        self.authenticate("planner_download", "planner_download")
        with mute_logger("odoo.http"):
            refused = self.url_open(url)
        self.assertEqual(refused.status_code, 403, "the evaluation reports are not his")
