from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_project import BigAccountProjectCommon
from .test_project_acceptance import signature_png


@tagged("post_install", "-at_install")
class TestProjectWalk(HttpCase, BigAccountProjectCommon):
    """One engagement from the client's needs to its archive, each stage moved on by
    the one whose turn it is: the project manager, the planning specialist who reviews,
    the on-site member who executes, and the client who signs on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_contact.email = "client@acme.example"
        cls.client_portal = new_test_user(
            cls.env,
            login="acme_client",
            password="acme_client",
            groups="base.group_portal",
            name=cls.client_contact.name,
            partner_id=cls.client_contact.id,
        )

    def test_project_from_needs_to_archive(self):
        project = self._walk_to_acceptance()
        as_pm = project.with_user(self.pm_user)

        # acceptance (验收): nothing signed yet, a team member cannot move it on either
        with self.assertRaisesRegex(UserError, "stays in its Acceptance stage"):
            as_pm.action_next_stage()
        with self.assertRaisesRegex(AccessError, "Only Paul Project"):
            project.with_user(self.ka_onsite).action_next_stage()
        acceptance = (
            self.env["big.account.project.acceptance"]
            .with_user(self.pm_user)
            .create({"project_id": project.id, "partner_id": self.client_contact.id})
        )
        acceptance.line_ids = [
            Command.update(line.id, {"score": score})
            for line, score in zip(acceptance.line_ids, ("5", "4", "4", "3"), strict=True)
        ]
        acceptance.verdict = "accepted"
        acceptance.action_send()
        self.assertEqual(acceptance.state, "sent")
        with self.assertRaisesRegex(UserError, "stays in its Acceptance stage"):
            as_pm.action_next_stage()

        # the client signs on its portal
        self.authenticate("acme_client", "acme_client")
        url = f"/my/acceptances/{acceptance.id}"
        self.assertIn(project.name, self.url_open(url).text)
        result = self.make_jsonrpc_request(
            f"{url}/accept", {"name": self.client_contact.name, "signature": signature_png()}
        )
        self.assertTrue(result["force_refresh"])
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "signed")
        self.assertEqual(acceptance.overall_score, 80.0)  # (5 + 4 + 4 + 3) / 4 × 20
        self.assertTrue(acceptance.signature)

        # wrap-up and archive (总结归档)
        as_pm.action_next_stage()
        self.assertEqual(project.state, "wrapup")
        with self.assertRaisesRegex(UserError, "cannot be archived without its wrap-up"):
            as_pm.action_next_stage()
        as_pm.write(
            {
                "lessons_learned": "<p>Book the power supply a month ahead</p>",
                "improvements": "<p>A site visit with the venue's electrician</p>",
            }
        )
        as_pm.action_next_stage()
        self.assertEqual(project.state, "done")
        # the signed report is among the documents found again from the account
        documents = self.account.with_user(self.pm_user).action_view_project_documents()
        attachments = self.env["ir.attachment"].search(documents["domain"])
        self.assertIn(acceptance.name, " ".join(attachments.mapped("name")))
