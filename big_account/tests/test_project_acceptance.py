import base64
import io
import re
from datetime import date

from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import BigAccountCommon

REPORT = "big_account.action_report_project_acceptance"


def signature_png():
    """A signature as Odoo's signature widget sends it: a PNG, base64, without header."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class AcceptanceCommon(BigAccountCommon):
    """A service project of Acme at its Acceptance stage, another one still executing,
    and Acme's contact Alice, who signs, with a portal login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_contact.email = "alice@acme.example"
        cls.project = cls._project("2027 Spring Fair Booth", "acceptance")
        cls.executing_project = cls._project("2027 Summer Summit", "execution")
        cls.client_portal = new_test_user(
            cls.env,
            login="acme_alice",
            groups="base.group_portal",
            name="Alice Acme",
            partner_id=cls.client_contact.id,
        )
        other_client = cls.env["res.partner"].create({"name": "Globex", "is_company": True})
        cls.other_portal = new_test_user(
            cls.env,
            login="globex_gina",
            groups="base.group_portal",
            name="Gina Globex",
            partner_id=cls.env["res.partner"]
            .create({"name": "Gina Globex", "parent_id": other_client.id})
            .id,
        )
        cls.Acceptance = cls.env["big.account.project.acceptance"]

    @classmethod
    def _project(cls, name, stage):
        project = cls.env["big.account.project"].create(
            {"name": name, "account_id": cls.account.id, "user_id": cls.pm_user.id}
        )
        # the stages before acceptance are another part's: the set-up puts the project there
        with project._transition():
            project._transition_write({"state": stage})
        return project

    @classmethod
    def _acceptance(cls, scores=("5", "4", "3", "4"), project=None, **values):
        """An acceptance prepared by the project manager, the team's scores filled in."""
        acceptance = cls.Acceptance.with_user(cls.pm_user).create(
            {
                "project_id": (project or cls.project).id,
                "partner_id": cls.client_contact.id,
                **values,
            }
        )
        acceptance.line_ids = [
            Command.update(line.id, {"score": score, "comment": f"Team: {line.item}"})
            for line, score in zip(acceptance.line_ids, scores, strict=True)
        ]
        return acceptance

    def _upload(self, acceptance, **values):
        wizard = (
            self.env["big.account.project.acceptance.sign"]
            .with_user(self.pm_user)
            .create(
                {
                    "acceptance_id": acceptance.id,
                    "signed_report": base64.b64encode(b"%PDF-1.4 signed scan"),
                    "signed_report_filename": "signed.pdf",
                    **values,
                }
            )
        )
        return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestProjectAcceptance(AcceptanceCommon):
    def test_project_leaves_acceptance_only_once_accepted(self):
        project = self.project.with_user(self.pm_user)
        with self.assertRaisesRegex(UserError, "stays in its Acceptance stage"):
            project.action_next_stage()
        self._upload(self._acceptance(), verdict="rejected", client_comment="Booth too small")
        with self.assertRaisesRegex(UserError, "stays in its Acceptance stage"):
            project.action_next_stage()
        self._upload(self._acceptance(), verdict="reserved", client_comment="Signage")
        project.action_next_stage()
        self.assertEqual(self.project.state, "wrapup")

    def test_items_and_overall_score(self):
        acceptance = self._acceptance(scores=("5", "3", "3", False))
        self.assertEqual(
            acceptance.line_ids.mapped("item"), ["booth", "effect", "service", "targets"]
        )
        self.assertRegex(acceptance.name, r"^ACC/\d{4}/\d{4}$")
        # the unscored item is left out: (5 + 3 + 3) / 3 * 20
        self.assertAlmostEqual(acceptance.overall_score, 73.3, places=1)
        acceptance.line_ids[3].score = "4"
        # (5 + 3 + 3 + 4) / 4 * 20
        self.assertEqual(acceptance.overall_score, 75)

    def test_signatory_is_the_clients_contact(self):
        stranger = self.env["res.partner"].create({"name": "Sam Stranger"})
        with self.assertRaisesRegex(ValidationError, "is not a contact of Acme Expo Group"):
            self._acceptance(partner_id=stranger.id)

    def test_send_refused_outside_the_acceptance_stage(self):
        acceptance = self._acceptance(project=self.executing_project)
        with self.assertRaisesRegex(
            UserError, "2027 Summer Summit is at its Execution stage: the client accepts"
        ):
            acceptance.with_user(self.pm_user).action_send()
        self.assertEqual(acceptance.state, "draft")
        self.assertFalse(acceptance.access_token)

    def test_send_needs_the_signatorys_email(self):
        acceptance = self._acceptance()
        self.client_contact.email = False
        with self.assertRaisesRegex(UserError, "choose the client's contact who signs it"):
            acceptance.with_user(self.pm_user).action_send()
        self.assertEqual(acceptance.state, "draft")

    def test_send_mails_the_portal_link(self):
        acceptance = self._acceptance()
        acceptance.with_user(self.pm_user).action_send()
        self.assertEqual(acceptance.state, "sent")
        self.assertTrue(acceptance.access_token)
        message = acceptance.message_ids.filtered(lambda m: self.client_contact in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn(
            f"/my/acceptances/{acceptance.id}?access_token={acceptance.access_token}",
            message.body,
        )
        self.assertIn("2027 Spring Fair Booth", message.subject)
        with self.assertRaisesRegex(UserError, "only a draft is sent"):
            acceptance.with_user(self.pm_user).action_send()

    def test_items_editable_in_draft_only(self):
        acceptance = self._acceptance()
        acceptance.with_user(self.pm_user).action_send()
        as_pm = acceptance.with_user(self.pm_user)
        with self.assertRaisesRegex(UserError, "has been sent to the client: set it back"):
            as_pm.line_ids[0].score = "1"
        with self.assertRaisesRegex(UserError, "has been sent to the client: set it back"):
            as_pm.verdict = "accepted"
        self.assertEqual(acceptance.line_ids[0].score, "5")
        as_pm.action_draft()
        as_pm.line_ids[0].score = "1"
        self.assertEqual(acceptance.overall_score, 60)
        as_pm.action_cancel()
        with self.assertRaisesRegex(UserError, "is cancelled: set it back to draft"):
            as_pm.line_ids[0].comment = "Too late"

    def test_status_and_signature_only_through_transitions(self):
        acceptance = self._acceptance()
        for values in ({"state": "signed"}, {"signed_by": "Alice"}, {"signature": False}):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "with its buttons"),
            ):
                acceptance.with_user(self.ka_manager).write(values)
        with self.assertRaisesRegex(UserError, "with its buttons"):
            self.Acceptance.with_user(self.pm_user).create(
                {"project_id": self.project.id, "state": "signed"}
            )

    def test_signed_report_uploaded_by_the_team(self):
        acceptance = self._acceptance(scores=("4", "4", "3", False))
        with self.assertRaisesRegex(UserError, r"score every item before signing \(Targets Met\)"):
            self._upload(acceptance, verdict="accepted")
        acceptance.line_ids[3].score = "3"
        with self.assertRaisesRegex(UserError, "write down the client's reservations"):
            self._upload(acceptance, verdict="reserved")
        with self.assertRaisesRegex(UserError, "in the future: enter the day the client signed"):
            self._upload(acceptance, verdict="accepted", signed_on=date(2027, 3, 2))
        self.assertEqual(acceptance.state, "draft")
        self._upload(
            acceptance,
            verdict="reserved",
            client_comment="Signage to be reprinted",
            signed_by="Alice Acme",
            signed_on=date(2027, 2, 26),
        )
        self.assertRecordValues(
            acceptance,
            [
                {
                    "state": "signed",
                    "sign_method": "upload",
                    "signed_by": "Alice Acme",
                    "signed_on": date(2027, 2, 26),
                    "verdict": "reserved",
                    "client_comment": "Signage to be reprinted",
                    "signed_report_filename": "signed.pdf",
                    "overall_score": 70,
                }
            ],
        )
        self.assertEqual(base64.b64decode(acceptance.signed_report), b"%PDF-1.4 signed scan")

    def test_upload_refused_outside_the_acceptance_stage(self):
        acceptance = self._acceptance(project=self.executing_project)
        with self.assertRaisesRegex(UserError, "is at its Execution stage"):
            self._upload(acceptance, verdict="accepted")
        self.assertEqual(acceptance.state, "draft")

    def test_signed_acceptance_is_final(self):
        acceptance = self._acceptance()
        self._upload(acceptance, verdict="accepted")
        as_manager = acceptance.with_user(self.ka_manager)
        refusals = [
            (lambda: as_manager.write({"client_comment": "Changed"}), "can no longer be changed"),
            (lambda: as_manager.line_ids[0].write({"score": "1"}), "can no longer be changed"),
            (lambda: as_manager.action_draft(), "only a sent or cancelled acceptance"),
            (lambda: as_manager.action_cancel(), "is signed or already cancelled"),
            (lambda: self._upload(acceptance, verdict="rejected"), "can no longer be changed"),
            (lambda: as_manager.unlink(), "cannot be deleted"),
        ]
        for refused, message in refusals:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                refused()
        with self.assertRaisesRegex(UserError, "already signed"):
            acceptance.sudo()._sign_portal("Alice", signature_png(), self.client_contact)
        self.assertEqual((acceptance.verdict, acceptance.signed_by), ("accepted", "Alice Acme"))

    def test_who_sees_an_acceptance(self):
        draft = self._acceptance()
        sent = self._acceptance()
        sent.with_user(self.pm_user).action_send()
        visible = {
            self.pm_user: draft | sent,
            self.ka_planner: draft | sent,
            self.ka_manager: draft | sent,
            self.outsider: self.Acceptance,
            # the client's portal user sees what was sent to his company, never a draft
            self.client_portal: sent,
            self.other_portal: self.Acceptance,
        }
        ours = [("id", "in", (draft | sent).ids)]
        for user, expected in visible.items():
            with self.subTest(user=user.login):
                self.assertEqual(self.Acceptance.with_user(user).search(ours), expected)
        for user in (self.outsider, self.other_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                sent.with_user(user).read(["overall_score"])
        with self.assertRaises(AccessError):
            self.Acceptance.with_user(self.crm_user).search([])
        with self.assertRaises(AccessError):
            sent.with_user(self.client_portal).write({"client_comment": "Via RPC"})
        with self.assertRaises(AccessError):
            sent.line_ids.with_user(self.client_portal).write({"score": "1"})
        self.assertEqual(
            sent.line_ids.with_user(self.client_portal).mapped("score"), ["5", "4", "3", "4"]
        )

    def test_other_company_acceptances_are_invisible(self):
        company_b = self.env["res.company"].create({"name": "South Region Co."})
        env_b = self.env(context={"allowed_company_ids": [company_b.id]})
        client_b = env_b["res.partner"].create(
            {"name": "South Client Ltd", "is_company": True, "company_id": company_b.id}
        )
        account_b = env_b["big.account"].create(
            {"partner_id": client_b.id, "company_id": company_b.id}
        )
        project_b = env_b["big.account.project"].create(
            {"name": "South booth", "account_id": account_b.id}
        )
        acceptance_b = env_b["big.account.project.acceptance"].create({"project_id": project_b.id})
        self.assertEqual(acceptance_b.company_id, company_b)
        for model, records in (
            ("big.account.project.acceptance", acceptance_b),
            ("big.account.project.acceptance.line", acceptance_b.line_ids),
        ):
            with self.subTest(model=model):
                as_manager = self.env[model].with_user(self.ka_manager)
                self.assertFalse(as_manager.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    records.with_user(self.ka_manager).read(["company_id"])

    def test_print_menu_offers_the_report(self):
        views = self.Acceptance.with_user(self.pm_user).get_views(
            [(False, "form")], {"toolbar": True}
        )
        printed = [action["name"] for action in views["views"]["form"]["toolbar"]["print"]]
        self.assertIn("Acceptance Report", printed)

    def test_report_shows_the_signed_acceptance_in_the_clients_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.client_contact.lang = "fr_FR"
        acceptance = self._acceptance()
        acceptance.line_ids[1].comment = "Queues at the entrance"
        acceptance.with_user(self.pm_user).action_send()
        acceptance.sudo()._portal_review(
            {line.id: line.score for line in acceptance.line_ids},
            {line.id: line.comment for line in acceptance.line_ids},
            "reserved",
            "Signage to be reprinted",
            self.client_contact,
        )
        acceptance.sudo()._sign_portal(" Alice Acme ", signature_png(), self.client_contact)
        html = str(
            self.env["ir.actions.report"]
            .with_user(self.pm_user)
            ._render_qweb_html(REPORT, acceptance.ids)[0]
        )
        for text in (
            "2027 Spring Fair Booth",
            "Acme Expo Group",
            "Booth and Layout",
            "Event Effect",
            "Service Quality",
            "Targets Met",
            "5 - Excellent",
            "3 - Acceptable",
            "Queues at the entrance",
            "80,0",
            "Accepted with Reservations",
            "Signage to be reprinted",
            "Alice Acme",
            'alt="Signature"',
        ):
            with self.subTest(text=text):
                self.assertIn(text, html)
        # the score and the day of signing (1 March 2027) written the French way
        self.assertIn("01/03/2027", html)
        self.assertNotIn("03/01/2027", html)

    def test_report_of_a_draft_leaves_room_to_sign(self):
        acceptance = self._acceptance()
        html = str(
            self.env["ir.actions.report"]
            .with_user(self.pm_user)
            ._render_qweb_html(REPORT, acceptance.ids)[0]
        )
        self.assertIn("Name: ____", html)
        self.assertNotIn('alt="Signature"', html)

    def test_report_renders_as_pdf(self):
        acceptance = self._acceptance()
        self._upload(acceptance, verdict="accepted")
        # wkhtmltopdf would fetch the assets from this very server, blocked by the test
        # transaction: point it to a closed port so it renders with inline styles only.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores header switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, acceptance.ids)
            )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install", "security")
class TestAcceptancePortal(HttpCase, AcceptanceCommon):
    """The client reviews and signs over HTTP, with the link of the mail or as a portal
    user of the client; nobody else gets in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acceptance = cls._acceptance()
        cls.acceptance.with_user(cls.pm_user).action_send()
        cls.token = cls.acceptance.access_token
        cls.url = f"/my/acceptances/{cls.acceptance.id}"

    def _page(self, token=None, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self.url_open(f"{self.url}?access_token={token or ''}&{query}")

    def _accept(self, token, name="Alice Acme", signature=None):
        return self.make_jsonrpc_request(
            f"{self.url}/accept?access_token={token or ''}",
            {"name": name, "signature": signature_png() if signature is None else signature},
        )

    def test_page_needs_the_token(self):
        self.authenticate(None, None)
        response = self._page(self.token)
        self.assertEqual(response.status_code, 200)
        self.assertIn("2027 Spring Fair Booth", response.text)
        self.assertIn("Booth and Layout", response.text)
        with mute_logger("odoo.http"):
            for token in ("forged-token", None):
                with self.subTest(token=token):
                    self.assertEqual(self._page(token).status_code, 404)
            self.authenticate("ba_outsider", "ba_outsider")
            self.assertEqual(self._page(None).status_code, 404)
            self.assertEqual(
                self.url_open(f"/my/acceptances/{self.acceptance.id + 999}").status_code, 404
            )

    def test_forged_token_cannot_sign(self):
        self.authenticate(None, None)
        for token in ("forged-token", None):
            with self.subTest(token=token):
                self.assertEqual(self._accept(token), {"error": "Invalid acceptance."})
        self.acceptance.invalidate_recordset()
        self.assertEqual(self.acceptance.state, "sent")
        self.assertFalse(self.acceptance.signature)

    def test_client_reviews_and_signs_with_the_link(self):
        self.authenticate(None, None)
        page = self._page(self.token)
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        booth, effect, service, targets = self.acceptance.line_ids
        review = {
            "csrf_token": csrf_token,
            f"score_{booth.id}": "3",
            f"comment_{booth.id}": "Booth smaller than agreed",
            f"score_{effect.id}": "4",
            f"score_{service.id}": "3",
            f"score_{targets.id}": "4",
            "verdict": "reserved",
            "client_comment": "The booth is to be enlarged at the next fair",
        }
        response = self.url_open(f"{self.url}/review?access_token={self.token}", data=review)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your review is saved", response.text)
        self.acceptance.invalidate_recordset()
        self.assertEqual(self.acceptance.line_ids.mapped("score"), ["3", "4", "3", "4"])
        self.assertEqual(booth.comment, "Booth smaller than agreed")
        # (3 + 4 + 3 + 4) / 4 * 20
        self.assertEqual(self.acceptance.overall_score, 70)
        self.assertEqual(self.acceptance.verdict, "reserved")

        result = self._accept(self.token, name="Alice Acme")
        self.assertTrue(result["force_refresh"])
        self.assertIn("message=sign_ok", result["redirect_url"])
        self.acceptance.invalidate_recordset()
        self.assertRecordValues(
            self.acceptance,
            [
                {
                    "state": "signed",
                    "sign_method": "portal",
                    "signed_by": "Alice Acme",
                    "signed_on": date(2027, 3, 1),
                }
            ],
        )
        self.assertTrue(self.acceptance.signature)
        signed_message = self.acceptance.message_ids.filtered("attachment_ids")
        self.assertEqual(signed_message.author_id, self.client_contact)
        self.assertEqual(
            signed_message.attachment_ids.name, f"Acceptance {self.acceptance.name}.pdf"
        )

        # signed: neither signed again nor reviewed again
        self.assertIn("already signed", self._accept(self.token, name="Mallory")["error"])
        response = self.url_open(
            f"{self.url}/review?access_token={self.token}",
            data={**review, f"score_{booth.id}": "1", "verdict": "rejected"},
        )
        self.assertIn("already signed", response.text)
        self.acceptance.invalidate_recordset()
        self.assertEqual(
            (booth.score, self.acceptance.verdict, self.acceptance.signed_by),
            ("3", "reserved", "Alice Acme"),
        )

    def test_signing_needs_a_complete_review(self):
        self.acceptance.with_user(self.pm_user).action_draft()
        self.acceptance.with_user(self.pm_user).line_ids[3].score = False
        self.acceptance.with_user(self.pm_user).action_send()
        self.authenticate(None, None)
        self.assertIn("The signature is missing", self._accept(self.token, signature="")["error"])
        self.assertIn("Enter the name", self._accept(self.token, name=" ")["error"])
        result = self._accept(self.token)
        self.assertIn("score every item before signing (Targets Met)", result["error"])
        self.acceptance.invalidate_recordset()
        self.assertEqual(self.acceptance.state, "sent")

    def test_client_portal_user_signs_from_his_portal(self):
        self.acceptance.with_user(self.pm_user).action_draft()
        self.acceptance.with_user(self.pm_user).verdict = "accepted"
        self.acceptance.with_user(self.pm_user).action_send()
        self.authenticate("acme_alice", "acme_alice")
        listing = self.url_open("/my/acceptances")
        self.assertIn(self.acceptance.name, listing.text)
        self.assertEqual(self.url_open(self.url).status_code, 200)
        result = self.make_jsonrpc_request(
            f"{self.url}/accept", {"name": "Alice Acme", "signature": signature_png()}
        )
        self.assertTrue(result["force_refresh"])
        self.acceptance.invalidate_recordset()
        self.assertEqual((self.acceptance.state, self.acceptance.verdict), ("signed", "accepted"))
        # another client's portal user finds nothing of it
        self.authenticate("globex_gina", "globex_gina")
        self.assertNotIn(self.acceptance.name, self.url_open("/my/acceptances").text)
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(self.url).status_code, 404)

    def test_report_reachable_from_the_portal_page(self):
        self.authenticate(None, None)
        page = self._page(self.token)
        self.assertIn(
            f"{self.url}?access_token={self.token}&amp;report_type=pdf&amp;download=true",
            page.text,
        )
        pdf = self._page(self.token, report_type="pdf", download="true")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("attachment", pdf.headers["Content-Disposition"])
        html = self._page(self.token, report_type="html")
        self.assertIn("2027 Spring Fair Booth", html.text)
        with mute_logger("odoo.http"):
            self.assertEqual(self._page("forged", report_type="pdf").status_code, 404)
