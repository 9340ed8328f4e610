from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestJointConfirmation(BigAccountCommon):
    """A candidate becomes a key account once its whole service team has evaluated it
    and nobody disagrees; each member speaks for themself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner = cls.env["res.partner"].create({"name": "Beta Fairs", "is_company": True})
        cls.candidate = cls.env["big.account"].create(
            {"partner_id": partner.id, "user_id": cls.ka_manager.id}
        )
        for user, role in ((cls.pm_user, "project_manager"), (cls.ka_planner, "planning")):
            cls.env["big.account.member"].create(
                {
                    "account_id": cls.candidate.id,
                    "user_id": user.id,
                    "role": role,
                    "nda_signed_date": "2026-01-05",
                }
            )
        cls.Opinion = cls.env["big.account.evaluation.opinion"]

    def _opinion(self, user, verdict, comment=False):
        return self.Opinion.with_user(user).create(
            {"account_id": self.candidate.id, "verdict": verdict, "comment": comment}
        )

    def _confirm(self):
        return self.candidate.with_user(self.ka_manager).action_confirm()

    def test_confirmed_once_the_team_agrees(self):
        with self.assertRaisesRegex(
            UserError,
            "Beta Fairs is confirmed once its whole service team has evaluated it: waiting for "
            "the opinion of Paul Project, Pia Planner.",
        ):
            self._confirm()
        self._opinion(self.pm_user, "agree")
        with self.assertRaisesRegex(UserError, "waiting for the opinion of Pia Planner\\."):
            self._confirm()
        with (
            self.assertRaisesRegex(ValidationError, "You disagree .* say why in the comment"),
            self.env.cr.savepoint(),
        ):
            self._opinion(self.ka_planner, "disagree")
        disagreement = self._opinion(self.ka_planner, "disagree", "Their budget is shrinking")
        with self.assertRaisesRegex(
            UserError,
            r"Beta Fairs cannot be confirmed while members of its team disagree \(Pia Planner\)",
        ):
            self._confirm()
        self.assertEqual(self.candidate.state, "candidate")
        # after talking it over, the planner abstains: the manager confirms
        disagreement.with_user(self.ka_planner).write(
            {"verdict": "abstain", "comment": "Not my call"}
        )
        self._confirm()
        self.assertEqual(self.candidate.state, "confirmed")
        with self.assertRaisesRegex(UserError, "Beta Fairs is no longer a candidate"):
            disagreement.with_user(self.ka_planner).write({"verdict": "agree"})

    def test_each_member_writes_only_their_own(self):
        planner_opinion = self._opinion(self.ka_planner, "agree", "Strong potential")
        for user in (self.pm_user, self.ka_manager):
            with (
                self.subTest(user=user.name),
                self.assertRaisesRegex(
                    AccessError, "Only Pia Planner can give or change their own opinion"
                ),
            ):
                planner_opinion.with_user(user).write({"verdict": "disagree", "comment": "No"})
        with self.assertRaisesRegex(AccessError, "Only Pia Planner can give"):
            self.Opinion.with_user(self.pm_user).create(
                {
                    "account_id": self.candidate.id,
                    "user_id": self.ka_planner.id,
                    "verdict": "disagree",
                    "comment": "On her behalf",
                }
            )
        with self.assertRaisesRegex(AccessError, "Only Pia Planner can give"):
            planner_opinion.with_user(self.ka_manager).unlink()
        with self.assertRaisesRegex(UserError, "An opinion stays with its member"):
            planner_opinion.with_user(self.ka_planner).write({"user_id": self.pm_user.id})
        self.assertEqual(planner_opinion.verdict, "agree")
        # the team reads each other's opinions; an outsider reads none
        self.assertEqual(
            self.Opinion.with_user(self.pm_user).search([("account_id", "=", self.candidate.id)]),
            planner_opinion,
        )
        self.assertFalse(
            self.Opinion.with_user(self.outsider).search([("account_id", "=", self.candidate.id)])
        )

    def test_only_the_team_evaluates(self):
        with (
            self.assertRaisesRegex(
                ValidationError, "Mia Manager is not on the service team of Beta Fairs"
            ),
            self.env.cr.savepoint(),
        ):
            self._opinion(self.ka_manager, "agree")
        self.assertFalse(self.candidate.opinion_ids)
        with self.assertRaisesRegex(UserError, "You are not on the service team of Beta Fairs"):
            self.candidate.with_user(self.ka_manager).action_open_my_opinion()

    def test_my_opinion_opens_from_the_account(self):
        candidate = self.candidate.with_user(self.ka_planner)
        action = candidate.action_open_my_opinion()
        self.assertEqual(
            (action["res_id"], action["context"]), (0, {"default_account_id": candidate.id})
        )
        opinion = self._opinion(self.ka_planner, "agree")
        self.assertEqual(candidate.action_open_my_opinion()["res_id"], opinion.id)
        candidate.invalidate_recordset()
        self.assertEqual(candidate.opinion_missing_user_ids, self.pm_user)
        self.assertIn("Team evaluation: Pia Planner — Agree", candidate.message_ids[0].body)

    def test_a_member_who_leaves_no_longer_counts(self):
        self._opinion(self.pm_user, "agree")
        self._opinion(self.ka_planner, "disagree", "Too small")
        self.candidate.member_ids.filtered(lambda m: m.user_id == self.ka_planner).unlink()
        self._confirm()
        self.assertEqual(self.candidate.state, "confirmed")
