import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventRsvp(HttpCase, ClientEventsExecutionCommon):
    """The guest's personal link, opened without logging in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rep = new_test_user(
            cls.env,
            "rsvp_rep",
            groups="sales_team.group_sale_salesman",
            context={"no_reset_password": True},
        )
        cls.account = cls.env["res.partner"].create({"name": "Lotus Bank", "is_company": True})
        cls.guest = cls.env["res.partner"].create(
            {"name": "Banker Gao", "email": "gao@lotus.example", "parent_id": cls.account.id}
        )
        cls.nomination = (
            cls.env["event.nomination"]
            .with_user(rep)
            .create({"event_id": cls.event.id, "partner_id": cls.guest.id})
        )
        cls.nomination.with_user(cls.planner).action_approve()
        cls.nomination.with_user(cls.planner).action_invite()
        cls.path = cls.nomination._get_rsvp_path()

    def _open(self, path=None):
        response = self.url_open(path or self.path)
        self.assertEqual(response.status_code, 200)
        return response.text

    def _post(self, action, **data):
        page = self._open()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(f"{self.path}/{action}", data={"csrf_token": csrf, **data})
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_accept_registers_the_guest(self):
        page = self._open()
        self.assertIn("Client Seminar Hangzhou", page)
        self.assertIn("You are invited", page)
        page = self._post("answer", answer="accept")
        self.assertIn("You accepted the invitation: you are registered", page)
        self.assertEqual(self.nomination.state, "accepted")
        self.assertTrue(self.nomination.response_date)
        registration = self.nomination.registration_id
        self.assertEqual((registration.partner_id, registration.state), (self.guest, "open"))
        # answering again shows the answer and registers nobody twice
        page = self._post("answer", answer="accept")
        self.assertIn("You accepted the invitation", page)
        self.assertEqual(
            self.env["event.registration"].search_count(
                [("event_id", "=", self.event.id), ("partner_id", "=", self.guest.id)]
            ),
            1,
        )

    def test_decline_and_change_of_mind(self):
        page = self._post("answer", answer="decline")
        self.assertIn("You declined the invitation", page)
        self.assertEqual(self.nomination.state, "declined")
        self.assertFalse(self.nomination.registration_id)
        # until the deadline, the guest changes his mind
        page = self._post("answer", answer="accept")
        self.assertEqual(self.nomination.state, "accepted")
        self.assertEqual(self.nomination.registration_id.state, "open")
        self._post("answer", answer="decline")
        self.assertEqual(self.nomination.state, "declined")
        self.assertEqual(self.nomination.registration_id.state, "cancel")

    def test_substitute_gets_his_own_accepted_nomination(self):
        page = self._post(
            "substitute", name="Banker Qian", email="qian@lotus.example", phone="+86 21 5555"
        )
        self.assertIn("as your substitute", page)
        self.assertIn("Banker Qian", page)
        self.assertEqual(self.nomination.state, "substituted")
        substitute = self.nomination.substitute_id
        self.assertEqual(substitute.state, "accepted")
        self.assertEqual(substitute.substitute_of_id, self.nomination)
        self.assertEqual(substitute.nominated_by_id, self.nomination.nominated_by_id)
        self.assertEqual(substitute.partner_id.email, "qian@lotus.example")
        self.assertEqual(substitute.partner_id.phone, "+86 21 5555")
        self.assertEqual(substitute.commercial_partner_id, self.account)
        self.assertEqual(substitute.registration_id.partner_id, substitute.partner_id)
        self.assertEqual(substitute.registration_id.state, "open")
        # the substitute has his own link, the guest's answer is final
        self.assertTrue(substitute.sudo().access_token)
        self.assertNotIn('name="answer"', self._open())
        self.assertIn("You accepted", self._open(substitute._get_rsvp_path()))

    def test_substitute_without_e_mail_keeps_what_was_typed(self):
        page = self._post("substitute", name="Banker Qian", email="not an address", phone="42")
        self.assertIn("Give the name and a valid e-mail of your substitute", page)
        self.assertIn('value="Banker Qian"', page)
        self.assertIn('value="42"', page)
        self.assertEqual(self.nomination.state, "invited")
        self.assertFalse(self.nomination.substitute_id)

    def test_forged_token_is_not_found(self):
        token = self.nomination.sudo().access_token
        forged = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
        for path in (
            f"/event/rsvp/{self.nomination.id}/{forged}",
            f"/event/rsvp/{self.nomination.id + 1000}/{token}",
        ):
            self.assertEqual(self.url_open(path).status_code, 404, path)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self._open()).group(1)
        for action, data in (("answer", {"answer": "accept"}), ("substitute", {"name": "X"})):
            response = self.url_open(
                f"/event/rsvp/{self.nomination.id}/{forged}/{action}",
                data={"csrf_token": csrf, **data},
            )
            self.assertEqual(response.status_code, 404, action)
        # a nomination never invited has no link at all
        other = self.env["event.nomination"].create(
            {"event_id": self.event.id, "partner_id": self.account.id}
        )
        self.assertEqual(self.url_open(f"/event/rsvp/{other.id}/False").status_code, 404)
        self.assertEqual(self.nomination.state, "invited")

    def test_expired_after_the_deadline(self):
        self.event.rsvp_deadline = "2027-02-28 18:00:00"
        page = self._open()
        self.assertIn("This invitation has expired", page)
        self.assertNotIn('name="answer"', page)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self._open("/web/login"))
        response = self.url_open(
            f"{self.path}/answer", data={"csrf_token": csrf.group(1), "answer": "accept"}
        )
        self.assertIn("This invitation has expired", response.text)
        self.assertEqual(self.nomination.state, "invited")
        self.assertFalse(self.nomination.registration_id)
