from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCase

from .common import BigAccountCommon

MAIL_TEMPLATE = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Date: Mon, 01 Mar 2027 08:00:00 +0000
Message-ID: {msg_id}
{extra}

Our guests waited forty minutes at the registration desk this morning.
"""


@tagged("post_install", "-at_install")
class TestComplaintLoop(BigAccountCommon, MailCase):
    """The loop of a complaint with the client: filed by mail, told of its progress
    and result, and a repeat of its cause escalated to the key-account managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._init_mail_gateway()
        cls.client_contact.email = "alice@acme.example.com"
        cls.client_contact_2.email = "bob@acme.example.com"
        cls.other_client = cls.env["res.partner"].create(
            {"name": "Beta Fairs", "is_company": True}
        )
        cls.other_contact = cls.env["res.partner"].create(
            {
                "name": "Carl Beta",
                "parent_id": cls.other_client.id,
                "email": "carl@beta.example.com",
            }
        )
        cls.other_account = cls.env["big.account"].create(
            {"partner_id": cls.other_client.id, "user_id": cls.ka_manager.id}
        )
        cls.staffing = cls.env.ref("big_account.complaint_cause_staffing")
        cls.supplier = cls.env.ref("big_account.complaint_cause_supplier")
        cls.Complaint = cls.env["big.account.complaint"]

    def _receive(self, email_from, to, subject):
        """An e-mail arrives through the mail gateway; the complaints it filed."""
        mail = self.format(
            MAIL_TEMPLATE,
            email_from=email_from,
            return_path=email_from,
            to=to,
            subject=subject,
            msg_id=f"<{abs(hash(subject))}@client.example.com>",
        )
        self.env["mail.thread"].sudo().message_process(None, mail)
        return self.Complaint.search([("description", "ilike", subject)])

    def _mails_to(self, partner):
        return self._new_mails.filtered(lambda mail: partner in mail.recipient_ids)

    def _bounces_to(self, email):
        return self._new_mails.filtered(lambda mail: email in (mail.email_to or ""))

    def _complaint(self, **vals):
        values = {
            "account_id": self.account.id,
            "category": "service",
            "severity": "high",
            "date_received": "2026-03-02",
            "description": "<p>Registration desk understaffed</p>",
        }
        values.update(vals)
        return self.Complaint.with_user(self.ka_planner).create(values)

    # ------------------------------------------------------------
    # Filed by e-mail
    # ------------------------------------------------------------

    def test_account_alias_files_complaint_of_its_account(self):
        self.account.with_user(self.pm_user).alias_name = "acme-service"
        self.assertEqual(self.account.alias_email, "acme-service@test.mycompany.com")
        with self.mock_mail_gateway():
            complaint = self._receive(
                "Alice Acme <alice@acme.example.com>",
                "acme-service@test.mycompany.com",
                "Registration queue at the spring fair",
            )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.account_id, self.account)
        self.assertEqual(complaint.partner_id, self.client_contact, "the sender complains")
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.category, "other", "the team sorts it out")
        self.assertEqual(complaint.user_id, self.pm_user, "the project manager handles it")
        self.assertTrue(complaint.name.startswith("CMP/"), "a reference, not the subject")
        self.assertIn("forty minutes at the registration desk", complaint.description)
        self.assertIn(self.client_contact, complaint.message_partner_ids, "the client follows")
        received = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertIn("forty minutes", received.body, "the mail itself is on the chatter")
        acknowledgement = self._mails_to(self.client_contact)
        self.assertEqual(
            acknowledgement.subject, f"We have received your complaint {complaint.name}"
        )

    def test_account_alias_refuses_other_senders(self):
        self.account.alias_name = "acme-service"
        for sender, email in (
            ("Carl Beta <carl@beta.example.com>", "carl@beta.example.com"),
            ("Nobody <nobody@unknown.example.com>", "nobody@unknown.example.com"),
        ):
            with self.subTest(sender=sender), self.mock_mail_gateway():
                subject = f"Complaint from {email}"
                complaint = self._receive(sender, "acme-service@test.mycompany.com", subject)
                self.assertFalse(complaint, "no complaint for a stranger to the client")
                bounce = self._bounces_to(email)
                self.assertEqual(bounce.subject, f"Re: {subject}", "the sender is told")
        self.assertFalse(self.other_account.complaint_ids)

    def test_shared_alias_finds_the_sender_account(self):
        """One address for all clients: the sender's company names the account."""
        self.env["mail.alias"].create(
            {
                "alias_name": "complaints",
                "alias_model_id": self.env["ir.model"]._get_id("big.account.complaint"),
                "alias_domain_id": self.mail_alias_domain.id,
            }
        )
        with self.mock_mail_gateway():
            acme = self._receive(
                "bob@acme.example.com", "complaints@test.mycompany.com", "Badges misprinted"
            )
            beta = self._receive(
                "carl@beta.example.com", "complaints@test.mycompany.com", "Catering late"
            )
            stranger = self._receive(
                "eve@unknown.example.com", "complaints@test.mycompany.com", "Spam offer"
            )
        self.assertEqual(acme.account_id, self.account)
        self.assertEqual(acme.partner_id, self.client_contact_2)
        self.assertEqual(beta.account_id, self.other_account)
        self.assertEqual(beta.partner_id, self.other_contact)
        self.assertEqual(
            beta.user_id, self.ka_manager, "no project manager: the account owner handles it"
        )
        self.assertFalse(stranger)
        self.assertEqual(self._bounces_to("eve@unknown.example.com").subject, "Re: Spam offer")

    def test_mail_around_the_alias_refused(self):
        """A mail routed to complaints without the alias' check still names no account."""
        with self.assertRaisesRegex(ValueError, "No key account takes complaints from eve@"):
            self.Complaint.message_new(
                {
                    "email_from": "eve@unknown.example.com",
                    "subject": "Offer",
                    "body": "<p>Cheap badges</p>",
                }
            )
        with self.assertRaisesRegex(ValueError, "No key account takes complaints from carl@"):
            self.Complaint.message_new(
                {
                    "email_from": "carl@beta.example.com",
                    "author_id": self.other_contact.id,
                    "subject": "Late",
                    "body": "<p>Late</p>",
                },
                {"account_id": self.account.id},
            )

    # ------------------------------------------------------------
    # The client is told
    # ------------------------------------------------------------

    def test_client_told_of_progress_and_result(self):
        with self.mock_mail_gateway():
            complaint = self._complaint(partner_id=self.client_contact.id)
        self.assertIn(self.client_contact, complaint.message_partner_ids)
        self.assertEqual(
            self._mails_to(self.client_contact).mapped("subject"),
            [f"We have received your complaint {complaint.name}"],
            "the note to the project manager stays internal",
        )

        with self.mock_mail_gateway():
            complaint.with_user(self.ka_planner).action_investigate()
        mail = self._mails_to(self.client_contact)
        self.assertEqual(mail.subject, f"We are investigating your complaint {complaint.name}")
        self.assertIn("Pia Planner", mail.body_html, "who leads the investigation")

        complaint.with_user(self.ka_planner).write(
            {
                "cause_id": self.staffing.id,
                "cause_analysis": "<p>The temp agency sent two clerks instead of five</p>",
                "corrective_action": "<p>Clerks booked from the registration count</p>",
                "solution": "<p>Three more clerks from the second day</p>",
            }
        )
        with self.mock_mail_gateway():
            complaint.with_user(self.ka_planner).action_resolve()
        mail = self._mails_to(self.client_contact)
        self.assertEqual(mail.subject, f"Your complaint {complaint.name} is resolved")
        self.assertIn("Three more clerks from the second day", mail.body_html)
        self.assertIn("Clerks booked from the registration count", mail.body_html)
        self.assertNotIn("temp agency", mail.body_html, "the cause analysis is internal")
        self.assertEqual(mail.author_id, self.ka_planner.partner_id, "from the owner")

    def test_no_mail_without_complainant_address(self):
        complaint = self._complaint(partner_id=self.client_contact.id)
        self.client_contact.email = False
        with self.mock_mail_gateway():
            complaint.action_investigate()
        self.assertFalse(self._mails_to(self.client_contact))

    # ------------------------------------------------------------
    # Repeats escalated
    # ------------------------------------------------------------

    def _escalations(self, complaint):
        return complaint.message_ids.filtered(lambda m: "Repeat complaint" in str(m.body))

    def test_repeat_escalated_to_managers_once(self):
        first = self._complaint(date_received="2026-03-02", cause_id=self.staffing.id)
        self.assertFalse(self._escalations(first))
        self.assertFalse(first.date_escalated)

        repeat = self._complaint(
            date_received="2026-05-20", partner_id=self.client_contact.id, category="venue"
        )
        self.assertFalse(self._escalations(repeat), "no cause yet, no repeat")
        with self.mock_mail_gateway():
            repeat.with_user(self.ka_planner).cause_id = self.staffing
        escalation = self._escalations(repeat)
        self.assertEqual(len(escalation), 1)
        self.assertIn(first.name, escalation.body)
        self.assertEqual(escalation.subtype_id, self.env.ref("mail.mt_note"), "internal")
        self.assertIn(self.ka_manager.partner_id, escalation.notified_partner_ids)
        self.assertNotIn(self.client_contact, escalation.notified_partner_ids)
        self.assertIn(self.ka_manager.partner_id, repeat.message_partner_ids)
        self.assertNotIn(self.pm_user.partner_id, escalation.notified_partner_ids)
        self.assertEqual(str(repeat.date_escalated), "2027-03-01")
        self.assertFalse(self._mails_to(self.client_contact), "the client is not told")

        # the cause changed and set again, the complaint edited: still one escalation
        repeat.with_user(self.ka_planner).cause_id = self.supplier
        repeat.with_user(self.ka_planner).write({"cause_id": self.staffing.id, "severity": "low"})
        self.assertEqual(len(self._escalations(repeat)), 1)

        # another repeat has its own
        third = self._complaint(date_received="2026-06-01", cause_id=self.staffing.id)
        self.assertEqual(third.repeat_of_id, repeat)
        self.assertEqual(len(self._escalations(third)), 1)

    def test_escalation_date_written_by_escalation_only(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "with its buttons"):
            complaint.with_user(self.ka_planner).date_escalated = "2026-03-03"


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    """A client's portal users list, file and follow their complaints; another
    client's never see them, nor anybody the account's profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manager = new_test_user(
            cls.env, login="cp_manager", name="Mia Manager", groups="big_account.group_manager"
        )
        cls.pm_user = new_test_user(
            cls.env, login="cp_pm", name="Paul Project", groups="big_account.group_member"
        )
        cls.accounts = {}
        cls.portal_users = {}
        cls.complaints = {}
        for key, name in (("acme", "Acme Expo Group"), ("beta", "Beta Fairs")):
            company = cls.env["res.partner"].create({"name": name, "is_company": True})
            account = cls.env["big.account"].create(
                {"partner_id": company.id, "user_id": manager.id}
            )
            cls.env["big.account.member"].create(
                {
                    "account_id": account.id,
                    "user_id": cls.pm_user.id,
                    "role": "project_manager",
                    "nda_signed_date": "2026-01-05",
                }
            )
            user = new_test_user(
                cls.env,
                login=f"cp_{key}_portal",
                name=f"{name} Buyer",
                email=f"buyer@{key}.example.com",
                groups="base.group_portal",
            )
            user.partner_id.parent_id = company
            cls.accounts[key] = account
            cls.portal_users[key] = user
            cls.complaints[key] = cls.env["big.account.complaint"].create(
                {
                    "account_id": account.id,
                    "category": "service",
                    "description": f"<p>Booth of {name} built too late</p>",
                    "partner_id": user.partner_id.id,
                }
            )
        cls.stranger = new_test_user(cls.env, login="cp_stranger", groups="base.group_portal")

    def _post(self, url, data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}, allow_redirects=False
        )

    def test_client_lists_files_and_follows_its_complaints(self):
        acme, beta = self.complaints["acme"], self.complaints["beta"]
        self.authenticate("cp_acme_portal", "cp_acme_portal")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["complaint_count"]})
        self.assertEqual(counters["complaint_count"], 1)

        page = self.url_open("/my/complaints")
        self.assertEqual(page.status_code, 200)
        self.assertIn(acme.name, page.text)
        self.assertNotIn(beta.name, page.text)
        self.assertIn('href="/my/complaints/new"', page.text)

        detail = self.url_open(f"/my/complaints/{acme.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Booth of Acme Expo Group built too late", detail.text)

        # a refusal keeps what the client wrote
        response = self._post("/my/complaints/new", {"category": "venue", "description": "   "})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Describe what went wrong.", response.text)
        self.assertIn('value="venue" selected', response.text)
        response = self._post(
            "/my/complaints/new", {"category": "", "description": "Cold hall, second day"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose what the complaint is about.", response.text)
        self.assertIn("Cold hall, second day</textarea>", response.text)
        self.assertFalse(
            self.env["big.account.complaint"].search([("channel", "=", "portal")]),
            "nothing filed on a refusal",
        )

        response = self._post(
            "/my/complaints/new",
            {"category": "venue", "description": "The hall was cold all day"},
        )
        self.assertEqual(response.status_code, 303)
        filed = self.env["big.account.complaint"].search(
            [("account_id", "=", self.accounts["acme"].id), ("channel", "=", "portal")]
        )
        self.assertEqual(len(filed), 1)
        self.assertTrue(response.headers["Location"].endswith(f"/my/complaints/{filed.id}"))
        self.assertEqual(filed.partner_id, self.portal_users["acme"].partner_id)
        self.assertEqual(filed.category, "venue")
        self.assertEqual(filed.user_id, self.pm_user, "the project manager handles it")
        self.assertIn("The hall was cold all day", filed.description)
        self.assertIn(self.portal_users["acme"].partner_id, filed.message_partner_ids)
        self.assertEqual(
            filed.message_ids.filtered(lambda m: m.author_id == self.pm_user.partner_id).subject,
            f"We have received your complaint {filed.name}",
            "acknowledged from its owner",
        )

        # the client answers on the portal chatter; its owner hears it
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "big.account.complaint",
                "thread_id": filed.id,
                "post_data": {
                    "body": "Any news?",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "token": filed.access_token,
            },
        )
        answer = filed.message_ids.filtered(lambda m: "Any news?" in str(m.body))
        self.assertEqual(answer.author_id, self.portal_users["acme"].partner_id)
        self.assertIn(self.pm_user.partner_id, answer.notified_partner_ids)

    def test_other_client_and_stranger_refused(self):
        acme = self.complaints["acme"]
        self.authenticate("cp_beta_portal", "cp_beta_portal")
        self.assertEqual(self.url_open(f"/my/complaints/{acme.id}").status_code, 404)
        page = self.url_open("/my/complaints")
        self.assertNotIn(acme.name, page.text)
        self.assertIn(self.complaints["beta"].name, page.text)

        self.authenticate("cp_stranger", "cp_stranger")
        self.assertEqual(self.url_open("/my/complaints/new").status_code, 404)
        self.assertNotIn('href="/my/complaints/new"', self.url_open("/my/complaints").text)

    def test_portal_rights(self):
        beta_user = self.portal_users["beta"]
        acme_user = self.portal_users["acme"]
        Complaint = self.env["big.account.complaint"]
        self.assertEqual(Complaint.with_user(beta_user).search([]), self.complaints["beta"])
        with self.assertRaises(AccessError):
            self.complaints["acme"].with_user(beta_user).read(["description"])
        Access = self.env["ir.model.access"].with_user(acme_user)
        self.assertTrue(Access.check("big.account.complaint", "read", raise_exception=False))
        for operation in ("write", "create", "unlink"):
            with self.subTest(operation=operation):
                self.assertFalse(
                    Access.check("big.account.complaint", operation, raise_exception=False),
                    "a client files through the portal page, which checks its account",
                )
        with self.assertRaises(AccessError):
            self.complaints["acme"].with_user(acme_user).write({"severity": "low"})
        for model in ("big.account", "big.account.contact", "big.account.member"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(acme_user).search([])
        with self.assertRaises(AccessError):
            self.complaints["acme"].with_user(acme_user).read(["cause_analysis"])
