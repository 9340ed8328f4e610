from lxml import etree

from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestAccountHealth(BigAccountCommon):
    """The health list says in words why an account is red or orange."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_params(sla_days_high=2)
        beta = cls.env["res.partner"].create({"name": "Beta Fairs", "is_company": True})
        cls.other = cls.env["big.account"].create(
            {"partner_id": beta.id, "user_id": cls.ka_manager.id}
        )
        arch = cls.env["big.account"].get_views(
            [(cls.env.ref("big_account.big_account_view_list_health").id, "list")]
        )["views"]["list"]["arch"]
        cls.health_list = etree.fromstring(arch)

    def _complaint(self, account, received="2026-03-02"):
        return (
            self.env["big.account.complaint"]
            .with_user(self.ka_planner)
            .create(
                {
                    "account_id": account.id,
                    "category": "service",
                    "severity": "high",
                    "date_received": received,
                    "description": "<p>Registration desk understaffed</p>",
                }
            )
        )

    def _plan(self, next_date):
        return self.env["big.account.communication.plan"].create(
            {
                "account_id": self.account.id,
                "member_id": self.planner_membership.id,
                "next_date": next_date,
            }
        )

    def _row_colour(self, account):
        """The colour the health list gives the account's row (one at most)."""
        fields = ["contact_overdue", "open_complaint_count", "overdue_complaint_count", "health"]
        values = account.with_user(self.ka_manager).read(fields)[0]
        colours = [
            colour
            for colour in ("danger", "warning")
            if safe_eval(self.health_list.get(f"decoration-{colour}"), values)
        ]
        self.assertLessEqual(len(colours), 1, "a row is red or orange, not both")
        return colours[0] if colours else None

    def assertHealth(self, account, health, colour):
        self.env.invalidate_all()
        account = account.with_user(self.ka_manager)
        self.assertEqual(account.health, health)
        self.assertEqual(self._row_colour(account), colour)

    def test_health_column_is_a_badge_with_help(self):
        column = self.health_list.xpath("//field[@name='health']")
        self.assertEqual(column[0].get("widget"), "badge")
        for colour in ("danger", "warning"):
            self.assertEqual(
                column[0].get(f"decoration-{colour}"),
                self.health_list.get(f"decoration-{colour}"),
                "the badge has the colour of its row",
            )
        described = self.env["big.account"].fields_get(
            ["health", "contact_overdue", "open_complaint_count", "overdue_complaint_count"],
            ["help"],
        )
        for name, description in described.items():
            self.assertTrue(description.get("help"), f"{name} explains itself")

    @freeze_time("2026-03-03")
    def test_on_track_and_open_complaint(self):
        self._plan("2026-03-20")
        self.assertHealth(self.account, "on_track", None)
        self._complaint(self.account)
        self.assertHealth(self.account, "complaint_open", "warning")
        self.assertHealth(self.other, "on_track", None)

    def test_complaint_overdue(self):
        with freeze_time("2026-03-03"):
            self._complaint(self.account)
        with freeze_time("2026-03-10"):
            self.assertHealth(self.account, "complaint_overdue", "danger")

    def test_resolved_complaint_is_back_on_track(self):
        with freeze_time("2026-03-03"):
            complaint = self._complaint(self.account)
            complaint.write(
                {
                    "cause_id": self.env.ref("big_account.complaint_cause_staffing").id,
                    "cause_analysis": "<p>One hostess for three hundred guests</p>",
                    "corrective_action": "<p>Hostesses planned from the registrations</p>",
                    "solution": "<p>Two more hostesses</p>",
                }
            )
            complaint.with_user(self.ka_planner).action_resolve()
        with freeze_time("2026-03-10"):
            self.assertHealth(self.account, "on_track", None)

    def test_contact_overdue(self):
        self._plan("2026-03-20")
        with freeze_time("2026-03-25"):
            self.assertHealth(self.account, "contact_overdue", "danger")

    def test_contact_overdue_with_open_complaint(self):
        self._plan("2026-03-20")
        with freeze_time("2026-03-24"):
            self._complaint(self.account, received="2026-03-24")
        with freeze_time("2026-03-25"):
            self.assertHealth(self.account, "contact_overdue", "danger")

    def test_contact_and_complaint_overdue(self):
        self._plan("2026-03-20")
        with freeze_time("2026-03-03"):
            self._complaint(self.account)
        with freeze_time("2026-03-25"):
            self.assertHealth(self.account, "contact_complaint_overdue", "danger")
