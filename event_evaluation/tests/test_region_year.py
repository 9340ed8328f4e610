from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import EventEvaluationCommon

PIXEL = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    b"awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestRegionYear(EventEvaluationCommon):
    """One region, the Hong Kong office (a branch of the firm), through its year 2026:
    its plan with the club's targets, an event realised, members recruited, the archive
    filled, the year handed over to headquarters (sent back once), the yearly report
    reviewed, and at the next year-end the plan of 2027 started from this one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.region = cls.env["res.company"].create(
            {"name": "Hong Kong Office", "parent_id": cls.company.id}
        )
        in_region = {"company_id": cls.region.id, "company_ids": [Command.set(cls.region.ids)]}
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        role_groups = {
            "planner": "client_events.group_planner",
            "reviewer": "client_events.group_reviewer",
            "manager": "client_events.group_approver",
            "evaluator": "event_evaluation.group_evaluator,client_events.group_planner",
        }
        for role, groups in role_groups.items():
            user = new_test_user(cls.env, f"hk_{role}", groups=groups, context=ctx)
            user.write(in_region)
            setattr(cls, f"hk_{role}", user)
        # headquarters works for the firm and its regions; a second person reviews
        cls.hq_user.company_ids |= cls.region
        cls.hq_user_2 = new_test_user(
            cls.env, "ce_hq_2", groups="client_events.group_headquarters", context=ctx
        )
        cls.hq_user_2.company_ids |= cls.region
        with freeze_time("2025-11-01"):
            cls.group_plan_2026 = (
                cls.env["event.annual.plan"]
                .with_user(cls.planner)
                .create(
                    {
                        "name": "Group Plan 2026",
                        "year": 2026,
                        "level": "group",
                        "line_ids": [Command.create({"quarter": "q2", "name": "Seminars"})],
                    }
                )
            )
            cls.group_plan_2026.action_submit_for_approval()
            cls.group_plan_2026.with_user(cls.hq_user).action_approve()
            cls.group_plan_2026.with_user(cls.executive).action_approve()
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")

    def _as(self, user, record):
        return record.with_user(user).with_company(self.region)

    def _member(self, name, joined):
        partner = self.env["res.partner"].create({"name": name, "company_id": self.region.id})
        product = self.env.ref("client_events.membership_product_owner")
        self.env["membership.membership_line"].sudo().create(
            {
                "partner": partner.id,
                "membership_id": product.id,
                "member_price": 0,
                "date": joined,
                "date_from": joined,
                "date_to": date(2026, 12, 31),
            }
        )
        return partner

    def test_a_region_through_its_year(self):
        Plan = self.env["event.annual.plan"]
        # --- December 2025: the region writes its plan of 2026 with the club's targets
        with freeze_time("2025-12-05"):
            plan = self._as(self.hk_planner, Plan).create(
                {
                    "name": "Hong Kong 2026",
                    "year": 2026,
                    "level": "regional",
                    "parent_id": self.group_plan_2026.id,
                    "line_ids": [
                        Command.create(
                            {
                                "quarter": "q2",
                                "name": "Cross-border tax talk",
                                "planned_budget": 8000,
                            }
                        )
                    ],
                    "target_ids": [
                        Command.create({"kind": "members_recruited", "target_value": 3}),
                        Command.create(
                            {"kind": "members_recruited", "quarter": "q2", "target_value": 2}
                        ),
                    ],
                }
            )
            self.assertEqual(plan.company_id, self.region)
            self.assertEqual(plan.target_member_count, 3)
            plan.action_submit_for_approval()
            # the region's leadership decides first, then headquarters; the firm's own
            # approver works for another company: the region's plan is not his to read
            self.assertEqual(plan.approval_current_id.group_id.name, "Leadership Approver")
            with (
                self.assertRaisesRegex(AccessError, "Access to unauthorized or invalid companies"),
                self.env.cr.savepoint(),
            ):
                plan.with_user(self.approver).action_approve()
            self._as(self.hk_manager, plan).action_approve()
            self._as(self.hq_user, plan).action_approve()
            self.assertEqual(plan.state, "approved")
            line = plan.line_ids

        # --- April: the tax talk realises the plan's Q2 line, approved in the region
        with freeze_time("2026-04-01"):
            event = self._create_event(
                "Cross-border tax talk",
                user=self.hk_planner,
                plan_line=line,
                begin=datetime(2026, 5, 20, 9),
                amounts=(8000,),
            )
            self.assertEqual((event.company_id, event.is_off_plan), (self.region, False))
            self._as(self.hk_planner, event).action_submit_for_approval()
            self._as(self.hk_reviewer, event).action_approve()
            self._as(self.hk_manager, event).action_approve()
            self.assertEqual(event.approval_state, "approved")

        # --- May: held; two people join the club that quarter, one more in autumn
        self._member("Client Chan", date(2026, 5, 20))
        self._member("Client Lee", date(2026, 5, 21))
        self._member("Client Ho", date(2026, 9, 2))
        self.assertEqual(
            {(t.quarter, t.target_value, t.actual_value) for t in plan.target_ids},
            {(False, 3, 3), ("q2", 2, 2)},
        )
        self.assertEqual(line.event_count, 1)
        # the archive: a photo and the press coverage of the talk
        Archive = self._as(self.hk_planner, self.env["event.archive.item"])
        Archive.create(
            {"event_id": event.id, "kind": "photo", "name": "Panel", "image_1920": PIXEL}
        )
        press = Archive.create(
            {
                "event_id": event.id,
                "kind": "press",
                "name": "Tax talk draws 80 clients",
                "media_outlet": "Hong Kong Economic Journal",
                "url": "https://news.example.com/hk-tax-talk",
                "date_published": "2026-05-22",
                "reach": 12000,
            }
        )
        self.assertEqual((event.archive_photo_count, event.archive_item_count), (1, 2))
        # a client complains online about the queue at the door: an owner answers it
        opinion = self._as(self.hk_planner, self.env["event.opinion"]).create(
            {
                "name": "Long queue at the door",
                "date": "2026-05-21",
                "source": "social",
                "sentiment": "negative",
                "reach": 800,
                "event_id": event.id,
                "owner_id": self.hk_planner.id,
            }
        )
        opinion.action_assign()
        self.assertEqual(opinion.company_id, self.region)

        # headquarters' dashboard: the region's manager sees his region's figures only
        members = "Club Members Recruited vs Target per Region and Quarter"
        negative = "Open Negative Opinion per Region and Source"
        for user in (self.hk_manager, self.hq_user):
            figures = self._dashboard_figures(user)
            self.assertEqual(figures[members][("regional", self.region.name, 2026, "q2")], (2, 2))
            self.assertEqual(figures[negative], {(self.region.name, "social"): (1, 800)})
        self.assertNotIn(
            self.company.name,
            {key[1] for key in self._dashboard_figures(self.hk_manager)[members]},
        )
        opinion.response = "We open a second desk next time and have apologised to the client."
        opinion.action_answer()
        self.assertFalse(self._dashboard_figures(self.hq_user)[negative])

        # --- December: the region hands its year over; the evaluation was forgotten
        with freeze_time("2026-12-10"):
            handover = self._as(self.hk_evaluator, self.env["event.archive.handover"]).create(
                {"year": 2026}
            )
            self.assertEqual(handover.company_id, self.region)
            self.assertEqual(handover.line_ids.event_id, event)
            self.assertEqual(handover.line_ids.missing, "evaluation")
            handover.action_send()
            # what headquarters is reviewing stays as it was sent
            frozen = (
                "The archive of Cross-border tax talk was handed over to headquarters with "
                ".*: it can no longer change. Ask headquarters to send the handover back"
            )
            with self.assertRaisesRegex(UserError, frozen):
                press.with_user(self.hk_planner).unlink()
            with self.assertRaisesRegex(UserError, frozen):
                Archive.create(
                    {"event_id": event.id, "kind": "photo", "name": "Q&A", "image_1920": PIXEL}
                )
            with self.assertRaisesRegex(UserError, "is incomplete and cannot be acknowledged"):
                self._as(self.hq_user, handover).action_acknowledge()
            action = self._as(self.hq_user, handover).action_open_return()
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.hq_user)
                .with_context(**action["context"])
            )
            wizard.reason = "Cross-border tax talk: its evaluation report is missing."
            wizard.save().action_confirm()
            self.assertEqual(handover.state, "returned")
            # sent back: the region may complete its archive again
            Archive.create(
                {"event_id": event.id, "kind": "photo", "name": "Q&A", "image_1920": PIXEL}
            )
            # the region evaluates the talk and sends the year again
            evaluation = self._as(self.hk_evaluator, self.env["event.evaluation"]).create(
                {"event_id": event.id}
            )
            evaluation.action_submit()
            handover.invalidate_recordset()
            self.assertTrue(handover.line_ids.is_complete)
            self._as(self.hk_evaluator, handover).action_send()
            self._as(self.hq_user, handover).action_acknowledge()
            self.assertEqual(
                (handover.state, handover.acknowledged_by_id), ("acknowledged", self.hq_user)
            )

            # the yearly report: due mid-January, with the press and the club's targets
            report = self._as(self.hk_evaluator, self.env["event.evaluation.annual"]).create(
                {"year": 2026}
            )
            self.assertEqual(report.company_id, self.region)
            self.assertEqual(report.date_due, date(2027, 1, 15))
            self.assertEqual(report.press_item_ids, press)
            self.assertEqual(report.club_target_ids, plan.target_ids)
            html = (
                self.env["ir.actions.report"]
                ._render_qweb_html("event_evaluation.event_evaluation_annual_report", report.ids)[
                    0
                ]
                .decode()
            )
            self.assertIn("Hong Kong Economic Journal", html)
            self.assertIn("100 %", html, "the club's recruitment target met")
            with self.assertRaisesRegex(
                UserError, "Only submitted yearly reports can be sent back"
            ):
                self._as(self.hq_user, report).action_reset_draft()
            report.action_submit()
            # a region cannot review its own report; headquarters does, another person
            # than the one who submitted it
            with self.assertRaisesRegex(AccessError, "Only headquarters can review"):
                self._as(self.hk_manager, report).action_review()
            self._as(self.hq_user, report).action_review()
            self.assertEqual(
                (report.state, report.submitted_by_id, report.reviewed_by_id),
                ("reviewed", self.hk_evaluator, self.hq_user),
            )

        # --- next year-end: the plan of 2027 starts as a copy, last year's actuals beside
        with freeze_time("2026-11-20"):
            Plan._cron_remind_next_year_plan()
        todo = plan.activity_ids.filtered(
            lambda activity: (
                activity.activity_type_id
                == self.env.ref("client_events.mail_activity_type_next_plan")
            )
        )
        self.assertIn(self.hk_planner, todo.user_id, "the region's planners write it")
        next_plan = Plan.browse(
            self._as(self.hk_planner, plan).action_copy_to_next_year()["res_id"]
        )
        self.assertEqual((next_plan.year, next_plan.state), (2027, "draft"))
        self.assertEqual(
            {(t.quarter, t.previous_actual_value) for t in next_plan.target_ids},
            {(False, 3), ("q2", 2)},
        )

    def _dashboard_figures(self, user):
        """{pivot title: {row and column values: measures}} of the "Client Events"
        dashboard, read as ``user`` through the RPC its pivots make."""
        dashboard = self.env.ref("event_evaluation.spreadsheet_dashboard_client_events")
        snapshot = dashboard.with_user(user).get_readonly_dashboard()["snapshot"]
        figures = {}
        for pivot in snapshot["pivots"].values():
            group_by = [
                f"{dim['fieldName']}:{dim['granularity']}"
                if "granularity" in dim
                else dim["fieldName"]
                for dim in pivot["rows"] + pivot["columns"]
            ]
            measures = [m["fieldName"] for m in pivot["measures"]]
            groups = (
                self.env[pivot["model"]]
                .with_user(user)
                .with_context(lang="en_US")
                .read_group(pivot["domain"], measures, group_by, lazy=False)
            )
            figures[pivot["name"]] = {
                tuple(
                    g[key][1] if isinstance(g[key], tuple) else g[key] for key in group_by
                ): tuple(g["__count"] if m == "__count" else g[m] for m in measures)
                for g in groups
            }
        return figures

    def test_a_report_is_reviewed_by_another_person_than_its_submitter(self):
        report = self.env["event.evaluation.annual"].create(
            {"year": 2026, "company_id": self.region.id}
        )
        self.hq_user.groups_id |= self.env.ref("event_evaluation.group_evaluator")
        self._as(self.hq_user, report).action_submit()
        with self.assertRaisesRegex(
            AccessError, "You wrote or submitted the yearly report .*, so you cannot review it"
        ):
            self._as(self.hq_user, report).action_review()
        with self.assertRaisesRegex(UserError, "Use the Submit and Review buttons"):
            report.sudo().write({"submitted_by_id": self.hq_user_2.id})
        self._as(self.hq_user_2, report).action_review()
        self.assertEqual(report.reviewed_by_id, self.hq_user_2)
