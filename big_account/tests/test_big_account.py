from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestBigAccountScoring(BigAccountCommon):
    def _account(self, **vals):
        partner = self.env["res.partner"].create(
            {"name": f"Client {len(vals)} {vals}", "is_company": True}
        )
        return self.env["big.account"].create({"partner_id": partner.id, **vals})

    def test_weighted_score_with_default_weights(self):
        # influence 5 -> 100, potential 0 -> 0, 500 employees -> 50,
        # revenue above the reference -> 100, budget 250k -> 25;
        # weights 30/30/10/15/15: (3000 + 0 + 500 + 1500 + 375) / 100 = 53.75
        account = self._account(
            influence=5,
            potential=0,
            employee_count=500,
            annual_revenue=200_000_000,
            annual_event_budget=250_000,
        )
        self.assertAlmostEqual(account.score, 53.8, places=1)
        self.assertEqual(account.tier, "b")

    def test_tiers_at_thresholds(self):
        self._set_params(
            weight_influence=1,
            weight_potential=0,
            weight_employees=0,
            weight_revenue=0,
            weight_budget=0,
            tier_a_threshold=80,
            tier_b_threshold=40,
        )
        expected = {
            5: ("a", 100),
            4: ("a", 80),
            3: ("b", 60),
            2: ("b", 40),
            1: ("c", 20),
        }
        for influence, (tier, score) in expected.items():
            account = self._account(influence=influence)
            self.assertEqual(account.score, score)
            self.assertEqual(account.tier, tier, f"influence {influence}")

    def test_settings_change_retiers_accounts(self):
        account = self._account(influence=5, potential=5)  # 60 -> B with defaults
        self.assertEqual(account.tier, "b")
        self.env["res.config.settings"].create(
            {"big_account_tier_a_threshold": 60, "big_account_tier_b_threshold": 30}
        ).execute()
        self.assertEqual(account.tier, "a")

    def test_settings_validation(self):
        Settings = self.env["res.config.settings"]
        with self.assertRaisesRegex(ValidationError, "Tier B threshold"):
            Settings.create(
                {"big_account_tier_a_threshold": 40, "big_account_tier_b_threshold": 50}
            )
        with self.assertRaisesRegex(ValidationError, "weights must be positive"):
            Settings.create(
                {
                    "big_account_weight_influence": 0,
                    "big_account_weight_potential": 0,
                    "big_account_weight_employees": 0,
                    "big_account_weight_revenue": 0,
                    "big_account_weight_budget": 0,
                }
            )
        with self.assertRaisesRegex(ValidationError, "SLA days cannot be negative"):
            Settings.create({"big_account_sla_days_high": -1})

    def test_influence_range(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(IntegrityError, "influence_range"),
            self.cr.savepoint(),
        ):
            self._account(influence=6)
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestBigAccountConfirmation(BigAccountCommon):
    def test_manager_confirms_with_project_manager(self):
        self.account.with_user(self.ka_manager).action_confirm()
        self.assertEqual(self.account.state, "confirmed")

    def test_member_cannot_confirm(self):
        with self.assertRaisesRegex(AccessError, "Only a key-account manager can confirm"):
            self.account.with_user(self.pm_user).action_confirm()
        self.assertEqual(self.account.state, "candidate")

    def test_confirm_requires_project_manager(self):
        self.pm_membership.unlink()
        with self.assertRaisesRegex(UserError, "has no project manager"):
            self.account.with_user(self.ka_manager).action_confirm()

    def test_confirm_only_candidates(self):
        self.account.with_user(self.ka_manager).action_confirm()
        with self.assertRaisesRegex(UserError, "is not a candidate"):
            self.account.with_user(self.ka_manager).action_confirm()

    def test_state_not_writable(self):
        with self.assertRaisesRegex(UserError, "with its buttons"):
            self.account.with_user(self.ka_manager).write({"state": "confirmed"})
        partner = self.env["res.partner"].create({"name": "Sneaky Ltd", "is_company": True})
        accounts = self.env["big.account"].with_user(self.ka_manager)
        with self.assertRaisesRegex(UserError, "with its buttons"):
            accounts.create({"partner_id": partner.id, "state": "confirmed"})
        self.assertEqual(accounts.create({"partner_id": partner.id}).state, "candidate")

    def test_confirmation_is_tracked(self):
        self.account.with_user(self.ka_manager).action_confirm()
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        tracked = self.account.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked.new_value_char, "Confirmed")

    def test_nda_required(self):
        with self.assertRaisesRegex(ValidationError, "has not signed the confidentiality"):
            self.env["big.account.member"].create(
                {
                    "account_id": self.account.id,
                    "user_id": self.outsider.id,
                    "role": "onsite",
                }
            )

    def test_nda_not_in_future(self):
        with self.assertRaisesRegex(ValidationError, "NDA signed in the future"):
            self.env["big.account.member"].create(
                {
                    "account_id": self.account.id,
                    "user_id": self.outsider.id,
                    "role": "onsite",
                    "nda_signed_date": "2999-01-01",
                }
            )

    def test_member_cannot_change_team(self):
        with self.assertRaises(AccessError):
            self.env["big.account.member"].with_user(self.pm_user).create(
                {
                    "account_id": self.account.id,
                    "user_id": self.outsider.id,
                    "role": "onsite",
                    "nda_signed_date": "2026-01-01",
                }
            )

    def test_contact_must_belong_to_company(self):
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with (
            self.assertRaisesRegex(ValidationError, "is not a person of Acme Expo Group"),
            self.cr.savepoint(),
        ):
            self.env["big.account.contact"].create(
                {"account_id": self.account.id, "partner_id": stranger.id}
            )
        contact = self.env["big.account.contact"].create(
            {
                "account_id": self.account.id,
                "partner_id": self.client_contact.id,
                "decision_role": "decision_maker",
            }
        )
        self.env.invalidate_all()
        self.assertEqual(self.account.contact_ids, contact)


@tagged("post_install", "-at_install")
class TestBigAccountCare(BigAccountCommon):
    def test_care_events(self):
        self.env["big.account.contact"].create(
            {"account_id": self.account.id, "partner_id": self.client_contact.id}
        )
        Event = self.env["event.event"]
        dates = {"date_begin": "2026-06-01 09:00:00", "date_end": "2026-06-01 18:00:00"}
        planned = Event.create({"name": "Acme appreciation dinner", **dates})
        planned.big_account_id = self.account
        attended = Event.create({"name": "Open day", **dates})
        self.env["event.registration"].create(
            {"event_id": attended.id, "partner_id": self.client_contact.id}
        )
        unrelated = Event.create({"name": "Other fair", **dates})
        self.env["event.registration"].create(
            {"event_id": unrelated.id, "partner_id": self.client_contact_2.id}
        )
        self.assertEqual(self.account.care_event_count, 2)
        action = self.account.action_view_events()
        self.assertEqual(Event.search(action["domain"]), planned | attended)


class TestBigAccountOpportunities(BigAccountCommon):
    def test_opportunities_of_the_company_and_its_contacts(self):
        Lead = self.env["crm.lead"]
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        other = self.env["res.partner"].create({"name": "Other Corp", "is_company": True})
        Lead.create(
            [
                {"name": "Booth 2027", "type": "opportunity", "partner_id": self.client.id},
                {
                    "name": "Gala dinner",
                    "type": "opportunity",
                    "partner_id": self.client_contact.id,
                    "expected_revenue": 80000,
                    "stage_id": won_stage.id,
                },
                {"name": "Not yet qualified", "type": "lead", "partner_id": self.client.id},
                {"name": "Someone else's", "type": "opportunity", "partner_id": other.id},
            ]
        )
        account = self.account.with_user(self.pm_user)
        self.assertEqual(account.opportunity_count, 1)
        self.assertEqual(account.opportunity_won_count, 1)
        self.assertEqual(account.opportunity_won_revenue, 80000)
        action = account.action_view_opportunities()
        self.assertEqual(
            sorted(Lead.search(action["domain"]).mapped("name")), ["Booth 2027", "Gala dinner"]
        )

    def test_form_opens_for_the_service_team(self):
        """What the web client reads to open an account: every field of its form,
        for a team member without rights on Events (the event count is not shown)."""
        self.assertFalse(self.pm_user.has_group("event.group_event_user"))
        account = self.account.with_user(self.pm_user)
        views = account.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        names = {
            node.get("name")
            for node in arch.iter("field")
            # not the columns of the form's own lists (subviews)
            if not any(parent.tag in ("list", "kanban") for parent in node.iterancestors())
        }
        self.assertNotIn("care_event_count", names)
        values = account.web_read({name: {} for name in names})[0]
        self.assertEqual(values["opportunity_count"], 0)
        self.assertEqual(values["partner_id"], self.client.id)

        self.pm_user.groups_id += self.env.ref("event.group_event_user")
        arch = etree.fromstring(account.get_views([(False, "form")])["views"]["form"]["arch"])
        self.assertIn("care_event_count", {node.get("name") for node in arch.iter("field")})
        self.assertEqual(account.web_read({"care_event_count": {}})[0]["care_event_count"], 0)


class TestBigAccountDeletion(BigAccountCommon):
    def test_accounts_with_history_are_kept(self):
        confirmed = self.account
        confirmed.with_user(self.ka_manager).action_confirm()
        other = self.env["res.partner"].create({"name": "Beta Fairs", "is_company": True})
        with_complaint = self.env["big.account"].create({"partner_id": other.id})
        self.env["big.account.complaint"].create(
            {
                "account_id": with_complaint.id,
                "category": "billing",
                "description": "<p>Invoice twice.</p>",
            }
        )
        for account in (confirmed, with_complaint):
            with self.subTest(account=account.name):
                with self.assertRaisesRegex(
                    UserError,
                    rf"{account.name} has been a key account and keeps its history.*"
                    r"Set it inactive or archive it instead",
                ):
                    account.with_user(self.ka_manager).unlink()
                self.assertTrue(account.exists())
        confirmed.with_user(self.ka_manager).action_archive()
        self.assertFalse(confirmed.active)

        new = self.env["res.partner"].create({"name": "Gamma Expo", "is_company": True})
        candidate = self.env["big.account"].create({"partner_id": new.id})
        candidate.with_user(self.ka_manager).unlink()
        self.assertFalse(candidate.exists(), "a candidate without history can be dropped")


class TestBigAccountOwner(BigAccountCommon):
    """The owner of an account can open it: a manager, or someone on its team."""

    def test_owner_serves_on_the_team_or_manages(self):
        self.account.user_id = self.pm_user  # on the team
        self.assertEqual(self.account.with_user(self.pm_user).user_id, self.pm_user)
        with (
            self.assertRaisesRegex(
                ValidationError,
                r"Otto Outsider cannot own the key account Acme Expo Group without serving on "
                r"its team: add Otto Outsider to the service team",
            ),
            self.env.cr.savepoint(),
        ):
            self.account.user_id = self.outsider
        self.env.invalidate_all()
        self.assertEqual(self.account.user_id, self.pm_user, "the owner did not change")
        with (
            self.assertRaisesRegex(ValidationError, "Paul Project cannot own"),
            self.env.cr.savepoint(),
        ):
            self.pm_membership.unlink()
        self.env.invalidate_all()
        self.assertTrue(self.pm_membership.exists(), "the owner's membership stays")
        self.account.user_id = self.ka_manager
        self.pm_membership.unlink()
        self.assertFalse(self.pm_membership.exists(), "no longer the owner: may leave")
