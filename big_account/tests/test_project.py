import base64
from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import BigAccountCommon


class BigAccountProjectCommon(BigAccountCommon):
    """A key-account service project of Acme Expo Group, managed by Paul Project, with
    Pia Planner (planning specialist) and Olga Onsite (on-site execution) on the team;
    Mia Manager is the key-account manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ka_onsite = new_test_user(
            cls.env,
            login="ba_onsite",
            name="Olga Onsite",
            groups="big_account.group_member,sales_team.group_sale_salesman_all_leads",
        )
        cls.env["big.account.member"].create(
            {
                "account_id": cls.account.id,
                "user_id": cls.ka_onsite.id,
                "role": "onsite",
                "nda_signed_date": "2026-01-05",
            }
        )
        Product = cls.env["product.product"]
        cls.booth = Product.create(
            {"name": "Booth construction", "type": "service", "list_price": 50000.0}
        )
        cls.booth.taxes_id = [Command.clear()]
        cls.hostess = Product.create(
            {"name": "Hostess day", "type": "service", "list_price": 800.0}
        )
        cls.hostess.taxes_id = [Command.clear()]

    def _project(self, user=None, **vals):
        values = {"name": "Acme Spring Expo 2027", "account_id": self.account.id}
        values.update(vals)
        return self.env["big.account.project"].with_user(user or self.pm_user).create(values)

    def _write_needs(self, project):
        project.write(
            {
                "needs_objectives": "<p>3,000 visitors, 200 qualified leads</p>",
                "needs_positioning": "<p>Premium industrial brand</p>",
                "needs_key_content": "<p>Booth of 200 m², product launch, VIP lounge</p>",
                "needs_agreed_by_id": self.client_contact.id,
                "needs_agreed_date": "2027-02-20",
            }
        )

    def _draft_version(self, project, booth_qty=1, hostess_qty=10):
        version = project.version_ids.filtered(lambda v: v.state == "draft")
        if not version:
            action = project.with_user(self.pm_user).action_new_version()
            version = self.env["big.account.project.version"].browse(action["res_id"])
        version.with_user(self.ka_planner).write(
            {
                "summary": "<p>An open booth around the launch stage</p>",
                "line_ids": [
                    Command.create({"product_id": self.booth.id, "quantity": booth_qty}),
                    Command.create(
                        {
                            "product_id": self.hostess.id,
                            "name": "Hostesses, 5 days x 2",
                            "quantity": hostess_qty,
                            "price_unit": 750.0,
                        }
                    ),
                ],
            }
        )
        return version

    def _review(self, version, reviewer, verdict="favourable"):
        return (
            self.env["big.account.project.review"]
            .with_user(reviewer)
            .create(
                {
                    "version_id": version.id,
                    "feasibility_score": 4,
                    "feasibility_comment": "The venue allows it",
                    "innovation_score": 3,
                    "cost_benefit_score": 4,
                    "verdict": verdict,
                }
            )
        )

    def _accepted_version(self, project, version=None):
        version = version or self._draft_version(project)
        version.with_user(self.ka_planner).action_submit_review()
        self._review(version, self.ka_planner)
        version.with_user(self.pm_user).action_send()
        version.with_user(self.pm_user).client_partner_id = self.client_contact
        version.with_user(self.pm_user).action_accept()
        return version

    def _confirmed_quotation(self, project):
        action = project.with_user(self.pm_user).action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        order.with_user(self.pm_user).action_confirm()
        return order

    def _signed_on_paper(self, project, verdict="accepted"):
        """The client's acceptance, scored by the team, signed on paper and uploaded."""
        acceptance = (
            self.env["big.account.project.acceptance"]
            .with_user(self.pm_user)
            .create({"project_id": project.id, "partner_id": self.client_contact.id})
        )
        acceptance.line_ids = [
            Command.update(line.id, {"score": "4"}) for line in acceptance.line_ids
        ]
        self.env["big.account.project.acceptance.sign"].with_user(self.pm_user).create(
            {
                "acceptance_id": acceptance.id,
                "verdict": verdict,
                "signed_report": base64.b64encode(b"%PDF-1.4 signed scan"),
                "signed_report_filename": "signed.pdf",
            }
        ).action_confirm()
        return acceptance

    def _walk_to_acceptance(self):
        """A project through needs, proposal, contract and execution, by its manager."""
        project = self._project()
        as_pm = project.with_user(self.pm_user)
        self._write_needs(as_pm)
        as_pm.action_next_stage()
        self._accepted_version(project)
        as_pm.action_next_stage()
        self._confirmed_quotation(project)
        as_pm.action_next_stage()
        task = (
            self.env["big.account.project.task"]
            .with_user(self.pm_user)
            .create(
                {
                    "project_id": project.id,
                    "name": "Booth built",
                    "user_id": self.ka_onsite.id,
                    "date_deadline": "2027-03-05",
                }
            )
        )
        task.with_user(self.ka_onsite).action_done()
        self.env["big.account.project.progress"].with_user(self.ka_onsite).create(
            {"project_id": project.id, "progress": 100, "summary": "<p>All delivered</p>"}
        )
        as_pm.action_next_stage()
        self.assertEqual(project.state, "acceptance")
        return project


@tagged("post_install", "-at_install")
class TestProject(BigAccountProjectCommon):
    def test_walk_from_needs_to_acceptance(self):
        """Each stage refuses to be left until its product exists; the project manager
        moves it on, the other members of the team cannot."""
        project = self._project()
        as_pm = project.with_user(self.pm_user)
        self.assertEqual(project.state, "needs")

        # 1. Needs research: the report, then the client's agreement
        with self.assertRaisesRegex(AccessError, "Only Paul Project, the project manager of"):
            project.with_user(self.ka_onsite).action_next_stage()
        with self.assertRaisesRegex(
            UserError, "needs report of Acme Spring Expo 2027 is not complete: write its "
            "Objectives, Positioning, Key Content"
        ):  # fmt: skip
            as_pm.action_next_stage()
        as_pm.write(
            {
                "needs_objectives": "<p>3,000 visitors</p>",
                "needs_positioning": "<p>Premium brand</p>",
                "needs_key_content": "<p>Launch stage</p>",
            }
        )
        with self.assertRaisesRegex(UserError, "not agreed with the client yet: record who at"):
            as_pm.action_next_stage()
        as_pm.write(
            {"needs_agreed_by_id": self.client_contact.id, "needs_agreed_date": "2027-02-20"}
        )
        as_pm.action_next_stage()
        self.assertEqual(project.state, "proposal")

        # 2. Proposal: reviewed by the team, revised with the client, accepted
        with self.assertRaisesRegex(UserError, "The client has not accepted a proposal"):
            as_pm.action_next_stage()
        first = self._draft_version(project)
        self.assertEqual(first.number, 1)
        first.with_user(self.ka_planner).action_submit_review()
        self._review(first, self.ka_onsite, verdict="unfavourable")
        with self.assertRaisesRegex(UserError, "has no favourable internal review"):
            first.with_user(self.pm_user).action_send()
        self._review(first, self.ka_planner)
        with self.assertRaisesRegex(AccessError, "Only Paul Project"):
            first.with_user(self.ka_planner).action_send()
        first.with_user(self.pm_user).action_send()
        self.assertEqual(first.state, "sent")
        self.assertEqual(first.date_sent, date(2027, 3, 1))
        with self.assertRaisesRegex(UserError, "Record the client's comments on"):
            first.with_user(self.pm_user).action_revise()
        first.with_user(self.pm_user).client_comments = "<p>Fewer hostesses, please</p>"
        action = first.with_user(self.pm_user).action_revise()
        second = self.env["big.account.project.version"].browse(action["res_id"])
        self.assertEqual(first.state, "revised", "the client's revision is kept")
        self.assertEqual(
            (second.number, second.state, second.previous_version_id), (2, "draft", first)
        )
        self.assertEqual(second.amount_total, first.amount_total, "written from the previous one")
        self.assertEqual(first.client_comments, "<p>Fewer hostesses, please</p>")
        second.line_ids.filtered(lambda line: line.product_id == self.hostess).with_user(
            self.ka_planner
        ).quantity = 6
        self.assertEqual(second.amount_total, 50000 + 6 * 750)
        second.with_user(self.ka_planner).action_submit_review()
        self._review(second, self.ka_planner)
        second.with_user(self.pm_user).action_send()
        with self.assertRaisesRegex(UserError, "Name the client contact who accepted"):
            second.with_user(self.pm_user).action_accept()
        second.with_user(self.pm_user).client_partner_id = self.client_contact_2
        second.with_user(self.pm_user).action_accept()
        self.assertEqual(
            (second.accepted_by_id, second.date_accepted, second.accepted_user_id),
            (self.client_contact_2, date(2027, 3, 1), self.pm_user),
        )
        self.assertEqual(project.accepted_version_id, second)
        as_pm.action_next_stage()
        self.assertEqual(project.state, "contract")

        # 3. Quotation and contract: Odoo's quotation, confirmed (signed) by the client
        with self.assertRaisesRegex(UserError, "has no signed contract yet"):
            as_pm.action_next_stage()
        with self.assertRaisesRegex(AccessError, "Only Paul Project"):
            project.with_user(self.ka_planner).action_create_quotation()
        action = as_pm.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.client)
        self.assertEqual(order.big_account_project_id, project)
        self.assertTrue(order.require_signature, "the client signs it in the portal")
        self.assertEqual(
            [
                (line.product_id, line.product_uom_qty, line.price_unit)
                for line in order.order_line
            ],
            [(self.booth, 1, 50000), (self.hostess, 6, 750)],
        )
        self.assertEqual(order.amount_untaxed, 54500)
        self.assertEqual(order.amount_total, 54500)
        opportunity = project.opportunity_id
        self.assertEqual(order.opportunity_id, opportunity)
        self.assertEqual(
            (opportunity.type, opportunity.partner_id, opportunity.expected_revenue),
            ("opportunity", self.client, 54500),
        )
        self.assertEqual(project.quotation_count, 1)
        with self.assertRaisesRegex(UserError, "has no signed contract yet"):
            as_pm.action_next_stage()
        order.with_user(self.pm_user).action_confirm()
        self.assertEqual(project.contract_order_id, order)
        self.assertEqual(
            order.with_user(self.pm_user).action_view_big_account_project()["res_id"], project.id
        )
        as_pm.action_next_stage()
        self.assertEqual(project.state, "execution")

        # 4. Execution: tasks with owners and deadlines, progress reported
        Task = self.env["big.account.project.task"].with_user(self.pm_user)
        build = Task.create(
            {
                "project_id": project.id,
                "name": "Booth built",
                "user_id": self.ka_onsite.id,
                "date_deadline": "2027-02-25",
            }
        )
        brief = Task.create(
            {
                "project_id": project.id,
                "name": "Hostesses briefed",
                "user_id": self.ka_planner.id,
                "date_deadline": "2027-03-10",
            }
        )
        self.assertEqual(build.activity_ids.user_id, self.ka_onsite, "the owner has a to-do")
        self.assertTrue(build.is_overdue)
        self.assertFalse(brief.is_overdue)
        self.assertEqual((project.task_count, project.overdue_task_count), (2, 1))
        overdue = self.env["big.account.project"].with_user(self.pm_user)
        self.assertEqual(overdue.search([("task_ids.is_overdue", "=", True)]), project)
        with self.assertRaisesRegex(
            UserError, "still has open tasks in its execution plan: Booth built, Hostesses briefed"
        ):
            as_pm.action_next_stage()
        with self.assertRaisesRegex(AccessError, "Only Olga Onsite, who owns Booth built"):
            build.with_user(self.ka_planner).action_done()
        build.with_user(self.ka_onsite).action_done()
        self.assertFalse(build.activity_ids, "the to-do is done with the task")
        self.assertEqual(project.overdue_task_count, 0)
        brief.with_user(self.ka_planner).action_done()
        with self.assertRaisesRegex(UserError, "has no progress report"):
            as_pm.action_next_stage()
        report = (
            self.env["big.account.project.progress"]
            .with_user(self.ka_onsite)
            .create(
                {
                    "project_id": project.id,
                    "progress": 100,
                    "summary": "<p>Booth delivered</p>",
                    "issues": "<p>Late power supply</p>",
                }
            )
        )
        self.assertEqual(report.author_id, self.ka_onsite)
        self.assertEqual(project.progress, 100)
        notice = project.message_ids.filtered(lambda m: "Progress report" in (m.body or ""))
        self.assertIn(self.pm_user.partner_id, notice.notified_partner_ids)
        self.assertIn("Late power supply", notice.body)
        with self.assertRaisesRegex(AccessError, "Only Paul Project"):
            project.with_user(self.ka_onsite).action_next_stage()
        as_pm.action_next_stage()
        self.assertEqual(project.state, "acceptance")

    def test_key_account_manager_moves_any_project(self):
        project = self._project()
        self._write_needs(project)
        project.with_user(self.ka_manager).action_next_stage()
        self.assertEqual(project.state, "proposal")

    def test_wrapup_requires_lessons_and_improvements(self):
        project = self._walk_to_acceptance()
        as_pm = project.with_user(self.pm_user)
        self._signed_on_paper(project)
        as_pm.action_next_stage()
        self.assertEqual(project.state, "wrapup")
        with self.assertRaisesRegex(
            UserError, "cannot be archived without its wrap-up: write its Lessons Learned, "
            "Improvements first"
        ):  # fmt: skip
            as_pm.action_next_stage()
        as_pm.lessons_learned = "<p>Book the power supply a month ahead</p>"
        with self.assertRaisesRegex(UserError, "write its Improvements first"):
            as_pm.action_next_stage()
        as_pm.improvements = "<p>A site visit with the venue's electrician</p>"
        as_pm.action_next_stage()
        self.assertEqual(project.state, "done")
        with self.assertRaisesRegex(UserError, "is archived: it has no next stage"):
            as_pm.action_next_stage()

    def test_state_written_by_the_buttons_only(self):
        project = self._project()
        as_pm = project.with_user(self.pm_user)
        for user in (self.pm_user, self.ka_manager):
            with self.assertRaisesRegex(UserError, "Move a service project from stage to stage"):
                project.with_user(user).write({"state": "execution"})
            with self.assertRaisesRegex(UserError, "Move a service project from stage to stage"):
                project.with_user(user).sudo().write({"state": "execution"})
        with self.assertRaisesRegex(UserError, "Move a service project from stage to stage"):
            self._project(state="contract")
        self._write_needs(as_pm)
        as_pm.action_next_stage()
        version = self._draft_version(project)
        with self.assertRaisesRegex(UserError, "Move a proposal version on with its buttons"):
            version.with_user(self.pm_user).write({"state": "accepted"})
        with self.assertRaisesRegex(UserError, "Move a proposal version on with its buttons"):
            version.with_user(self.pm_user).write({"number": 7})
        task = (
            self.env["big.account.project.task"]
            .with_user(self.pm_user)
            .create(
                {"project_id": project.id, "name": "Venue visit", "date_deadline": "2027-03-05"}
            )
        )
        with self.assertRaisesRegex(UserError, "Mark a task done or reopen it with its buttons"):
            task.write({"state": "done"})
        self.assertEqual(
            (project.state, version.state, version.number, task.state),
            ("proposal", "draft", 1, "todo"),
        )


@tagged("post_install", "-at_install")
class TestProjectProposal(BigAccountProjectCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["big.account.project"].create(
            {"name": "Acme Autumn Forum", "account_id": cls.account.id, "user_id": cls.pm_user.id}
        )

    def _to_proposal(self):
        self._write_needs(self.project)
        self.project.with_user(self.pm_user).action_next_stage()

    def test_versions_only_at_the_proposal_stage(self):
        with self.assertRaisesRegex(UserError, "is not in its Proposal stage"):
            self.project.with_user(self.pm_user).action_new_version()

    def test_one_opinion_per_reviewer_of_the_team(self):
        self._to_proposal()
        version = self._draft_version(self.project)
        with self.assertRaisesRegex(UserError, "is not in review: its internal opinions"):
            self._review(version, self.ka_planner)
        with self.assertRaisesRegex(UserError, "Write the summary and the cost lines"):
            self.env["big.account.project.version"].with_user(self.pm_user).browse(
                self.project.with_user(self.pm_user).action_new_version()["res_id"]
            ).action_submit_review()
        version.with_user(self.ka_planner).action_submit_review()
        with self.assertRaisesRegex(ValidationError, "Paul Project manages Acme Autumn Forum"):
            self._review(version, self.pm_user)
        with self.assertRaisesRegex(ValidationError, "Otto Outsider is not on the service team"):
            self._review(version, self.outsider)
        opinion = self._review(version, self.ka_planner)
        self.assertEqual(opinion.reviewer_id, self.ka_planner)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self._review(version, self.ka_planner)
        # nobody writes the opinion of another, not even a key-account manager
        with self.assertRaisesRegex(AccessError, "You can only give your own opinion"):
            self.env["big.account.project.review"].with_user(self.ka_onsite).create(
                {
                    "version_id": version.id,
                    "reviewer_id": self.ka_planner.id,
                    "feasibility_score": 1,
                    "innovation_score": 1,
                    "cost_benefit_score": 1,
                    "verdict": "unfavourable",
                }
            )
        for user in (self.ka_onsite, self.ka_manager):
            with self.assertRaisesRegex(AccessError, "You can only give your own opinion"):
                opinion.with_user(user).verdict = "unfavourable"
        opinion.with_user(self.ka_planner).innovation_score = 5
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                opinion.with_user(self.ka_planner).innovation_score = 6
                opinion.flush_recordset()
        version.with_user(self.pm_user).action_send()
        with self.assertRaisesRegex(UserError, "is not in review: its internal opinions"):
            opinion.with_user(self.ka_planner).verdict = "unfavourable"
        self.assertEqual((opinion.verdict, opinion.innovation_score), ("favourable", 5))

    def test_submitted_version_is_locked(self):
        self._to_proposal()
        version = self._draft_version(self.project)
        version.with_user(self.ka_planner).action_submit_review()
        with self.assertRaisesRegex(
            UserError, "has been submitted: its content cannot be changed"
        ):
            version.line_ids[0].with_user(self.ka_planner).price_unit = 1
        with self.assertRaisesRegex(
            UserError, "has been submitted: its content cannot be changed"
        ):
            version.with_user(self.ka_planner).summary = "<p>Something else</p>"
        with self.assertRaisesRegex(
            UserError, "has been submitted: its content cannot be deleted"
        ):
            version.with_user(self.pm_user).unlink()
        self.assertEqual(version.amount_total, 50000 + 10 * 750)

    def test_revision_after_an_unfavourable_review(self):
        self._to_proposal()
        version = self._draft_version(self.project)
        version.with_user(self.ka_planner).action_submit_review()
        self._review(version, self.ka_onsite, verdict="unfavourable")
        next_version = self.env["big.account.project.version"].browse(
            version.with_user(self.pm_user).action_revise()["res_id"]
        )
        self.assertEqual((version.state, next_version.number), ("revised", 2))
        self.assertFalse(next_version.review_ids, "each version is reviewed anew")

    def test_the_client_accepts_one_version(self):
        self._to_proposal()
        accepted = self._accepted_version(self.project)
        other = self._draft_version(self.project)
        other.with_user(self.ka_planner).action_submit_review()
        self._review(other, self.ka_planner)
        other.with_user(self.pm_user).action_send()
        other.with_user(self.pm_user).client_partner_id = self.client_contact
        with self.assertRaisesRegex(UserError, "The client has already accepted"):
            other.with_user(self.pm_user).action_accept()
        self.assertEqual(self.project.accepted_version_id, accepted)

    def test_agreement_and_acceptance_by_a_person_of_the_client(self):
        stranger = self.env["res.partner"].create({"name": "Stan Stranger"})
        with self.assertRaisesRegex(ValidationError, "Stan Stranger is not a contact of Acme"):
            self.project.with_user(self.pm_user).needs_agreed_by_id = stranger
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._project(name="Acme Winter Fair").needs_agreed_date = "2027-03-02"
        self._to_proposal()
        version = self._draft_version(self.project)
        with self.assertRaisesRegex(ValidationError, "Stan Stranger is not a contact of Acme"):
            version.with_user(self.pm_user).client_partner_id = stranger

    def test_quotation_only_from_the_contract_stage(self):
        self._to_proposal()
        with self.assertRaisesRegex(UserError, "is not in its Quotation and Contract stage"):
            self.project.with_user(self.pm_user).action_create_quotation()


@tagged("post_install", "-at_install")
class TestProjectExecution(BigAccountProjectCommon):
    def test_progress_only_during_execution(self):
        project = self._project()
        with self.assertRaisesRegex(UserError, "is not in execution: progress is reported"):
            self.env["big.account.project.progress"].with_user(self.ka_onsite).create(
                {"project_id": project.id, "progress": 10, "summary": "<p>Started</p>"}
            )

    def test_task_owner_serves_the_account(self):
        project = self._project()
        with self.assertRaisesRegex(ValidationError, "Otto Outsider cannot own the task"):
            self.env["big.account.project.task"].with_user(self.pm_user).create(
                {
                    "project_id": project.id,
                    "name": "Badge printing",
                    "user_id": self.outsider.id,
                    "date_deadline": "2027-03-20",
                }
            )

    def test_account_events_link_to_its_projects(self):
        project = self._project()
        # planned by the events team; its administrator links it to the key account
        event = self._create_event("Acme launch evening").with_env(self.env)
        other_event = self._create_event("Another client's dinner").with_env(self.env)
        event.big_account_id = self.account
        event.big_account_project_id = project
        self.assertEqual(project.event_ids, event)
        self.assertEqual(project.event_count, 1)
        self.assertEqual(other_event.big_account_project_count, 0, "no project to offer")
        with self.assertRaisesRegex(ValidationError, "cannot be part of its service project"):
            other_event.big_account_project_id = project
        task = self.env["big.account.project.task"].create(
            {
                "project_id": project.id,
                "name": "Invite the VIPs",
                "user_id": self.ka_planner.id,
                "date_deadline": "2027-03-20",
                "event_id": event.id,
            }
        )
        self.assertEqual(task.event_id, event)
        with self.assertRaisesRegex(ValidationError, "is not an event of Acme Expo Group"):
            task.event_id = other_event

    def test_documents_found_from_the_account(self):
        project = self._project()
        self._write_needs(project)
        project.with_user(self.pm_user).action_next_stage()
        version = self._draft_version(project)
        Attachment = self.env["ir.attachment"]
        # uploaded on the version's form before it was saved: no record yet
        layout = Attachment.with_user(self.ka_planner).create(
            {"name": "layout.pdf", "res_model": version._name, "res_id": 0}
        )
        version.with_user(self.ka_planner).attachment_ids = layout
        self.assertEqual(layout.res_id, version.id, "given to the version")
        self._accepted_version(project, version)
        project.with_user(self.pm_user).action_next_stage()
        order = self._confirmed_quotation(project)
        minutes = Attachment.create(
            {"name": "minutes.pdf", "res_model": project._name, "res_id": project.id}
        )
        contract = Attachment.create(
            {"name": "contract-signed.pdf", "res_model": "sale.order", "res_id": order.id}
        )
        stray = Attachment.create(
            {"name": "elsewhere.pdf", "res_model": "res.partner", "res_id": self.client.id}
        )
        project.with_user(self.ka_manager).action_archive()
        self.assertEqual(self.account.project_count, 0, "archived")
        action = self.account.with_user(self.ka_onsite).action_view_project_documents()
        found = Attachment.with_user(self.ka_onsite).search(action["domain"])
        self.assertEqual(
            found & (layout | minutes | contract | stray), layout | minutes | contract
        )


@tagged("post_install", "-at_install", "security")
class TestProjectConfidentiality(BigAccountProjectCommon):
    def test_outsider_sees_no_project(self):
        project = self._walk_to_acceptance()
        for model in (
            "big.account.project",
            "big.account.project.version",
            "big.account.project.review",
            "big.account.project.cost.line",
            "big.account.project.task",
            "big.account.project.progress",
        ):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].with_user(self.ka_onsite).search([]))
                self.assertFalse(self.env[model].with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            project.with_user(self.outsider).read(["name"])
        # the team reads the project's quotation, whoever built it; a salesman who sees
        # only his own quotations sees no other project's
        team_only = "big_account.group_member"
        relationship = new_test_user(self.env, login="ba_care", name="Cora Care", groups=team_only)
        self.env["big.account.member"].create(
            {
                "account_id": self.account.id,
                "user_id": relationship.id,
                "role": "relationship",
                "nda_signed_date": "2026-01-05",
            }
        )
        stranger = new_test_user(
            self.env, login="ba_stranger", name="Sid Seller", groups=team_only
        )
        order = project.contract_order_id
        self.assertEqual(order.with_user(relationship).amount_untaxed, 57500)
        self.assertEqual(
            order.order_line.with_user(relationship).mapped("price_unit"), [50000, 750]
        )
        with self.assertRaises(AccessError):
            order.with_user(stranger).read(["amount_untaxed"])
        with self.assertRaises(AccessError):
            order.with_user(relationship).write({"note": "Changed"})
        self.assertEqual(self.account.with_user(self.ka_manager).project_count, 1)

    def test_other_company_projects_are_invisible(self):
        company_b = self.env["res.company"].create({"name": "South Region Co."})
        env = self.env(context={"allowed_company_ids": [company_b.id]})
        manager_b = new_test_user(
            env,
            login="ba_manager_b",
            groups="big_account.group_manager",
            company_id=company_b.id,
            company_ids=[company_b.id],
        )
        client = env["res.partner"].create(
            {"name": "South Client Ltd", "is_company": True, "company_id": company_b.id}
        )
        account = env["big.account"].create(
            {"partner_id": client.id, "company_id": company_b.id, "user_id": manager_b.id}
        )
        project = env["big.account.project"].create(
            {"name": "South Fair", "account_id": account.id, "user_id": manager_b.id}
        )
        task = env["big.account.project.task"].create(
            {
                "project_id": project.id,
                "name": "Venue booked",
                "user_id": manager_b.id,
                "date_deadline": "2027-03-20",
            }
        )
        self.assertEqual((project.company_id, task.company_id), (company_b, company_b))
        for records in (project, task):
            with self.subTest(model=records._name):
                Model = self.env[records._name].with_user(self.ka_manager)
                self.assertFalse(Model.search([("id", "=", records.id)]))
                with self.assertRaises(AccessError):
                    records.with_user(self.ka_manager).read(["name"])


@tagged("post_install", "-at_install")
class TestProjectSmartButtons(BigAccountProjectCommon):
    def test_smart_buttons_open_the_project_records(self):
        project = self._walk_to_acceptance()
        as_pm = project.with_user(self.pm_user)
        expected = {
            "action_view_versions": project.version_ids,
            "action_view_quotations": project.sale_order_ids,
            "action_view_tasks": project.task_ids,
        }
        for method, records in expected.items():
            with self.subTest(button=method):
                action = getattr(as_pm, method)()
                found = (
                    self.env[action["res_model"]].with_user(self.pm_user).search(action["domain"])
                )
                self.assertEqual(found, records)
                self.assertTrue(found)
        projects = self.account.with_user(self.ka_onsite).action_view_projects()
        self.assertEqual(self.env["big.account.project"].search(projects["domain"]), project)
        self.assertEqual(self.account.project_count, 1)
