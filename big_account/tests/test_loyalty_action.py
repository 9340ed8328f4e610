from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestLoyaltyActions(BigAccountCommon):
    """Weak factors of a confirmed assessment propose actions of the catalogue; chosen,
    owned, followed up and done, their effect shows at the next assessment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_params(loyalty_weak_threshold=60)
        # the catalogue the tests keep: the shipped one is left aside
        Type = cls.env["big.account.loyalty.action.type"]
        Type.search([]).action_archive()
        cls.offer = Type.create(
            {"name": "Exclusive offer", "factor": "revenue", "days_to_complete": 20}
        )
        cls.review = Type.create({"name": "Business review", "factor": "revenue"})
        cls.upgrade = Type.create({"name": "Service upgrade", "factor": "satisfaction"})
        cls.visit = Type.create({"name": "Executive visit", "factor": "complaint"})
        cls.invitation = Type.create({"name": "Priority invitation", "factor": "engagement"})

    def _assessment(self, date_from, revenue, satisfaction, complaint, engagement):
        """An assessment of the period measured at these factor scores."""
        assessment = self.env["big.account.assessment"].create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": date_from}
        )
        assessment._transition_write(
            {
                "revenue_trend_score": revenue,
                "satisfaction_score": satisfaction,
                "complaint_score": complaint,
                "engagement_score": engagement,
                "computed_score": (revenue + satisfaction + complaint + engagement) / 4,
            }
        )
        return assessment

    def test_weak_factors_propose_their_actions(self):
        assessment = self._assessment("2026-10-01", 40, 80, 100, 55)
        self.assertFalse(assessment.loyalty_action_ids, "nothing before confirmation")
        assessment.with_user(self.ka_manager).action_confirm()
        actions = assessment.loyalty_action_ids
        self.assertEqual(actions.type_id, self.offer | self.review | self.invitation)
        self.assertEqual(set(actions.mapped("state")), {"proposed"})
        self.assertEqual(actions.account_id, self.account)
        offer = actions.filtered(lambda a: a.type_id == self.offer)
        self.assertEqual((offer.factor, offer.score_before), ("revenue", 40))
        # a factor exactly at the threshold is not weak; a higher threshold makes it so
        self._set_params(loyalty_weak_threshold=85)
        second = self._assessment("2027-01-01", 90, 80, 100, 90)
        second.with_user(self.ka_manager).action_confirm()
        self.assertEqual(second.loyalty_action_ids.type_id, self.upgrade)

    def test_open_action_is_not_proposed_twice(self):
        first = self._assessment("2026-10-01", 40, 80, 100, 80)
        first.action_confirm()
        second = self._assessment("2027-01-01", 45, 80, 100, 80)
        second.action_confirm()
        self.assertFalse(second.loyalty_action_ids, "the first proposals are still open")
        first.loyalty_action_ids.action_drop()
        third = self._assessment("2027-04-01", 45, 80, 100, 80)
        third.action_confirm()
        self.assertEqual(third.loyalty_action_ids.type_id, self.offer | self.review)

    def test_choose_follow_up_and_done(self):
        assessment = self._assessment("2026-10-01", 40, 80, 100, 80)
        assessment.action_confirm()
        offer, review = assessment.loyalty_action_ids.sorted(lambda a: a.type_id != self.offer)
        offer = offer.with_user(self.pm_user)
        with self.assertRaisesRegex(
            UserError, "Exclusive offer for Acme Expo Group: name its owner"
        ):
            offer.action_choose()
        offer.user_id = self.outsider
        with self.assertRaisesRegex(UserError, "Otto Outsider does not serve Acme Expo Group"):
            offer.action_choose()
        with self.assertRaisesRegex(UserError, "with its buttons, not by editing it"):
            offer.write({"state": "chosen"})
        with self.assertRaisesRegex(UserError, "must be chosen, with an owner, before it is done"):
            offer.action_done()
        offer.user_id = self.ka_planner
        offer.action_choose()
        self.assertEqual(offer.state, "chosen")
        self.assertEqual(offer.date_deadline, date(2027, 3, 21), "20 days from the choice")
        follow_up = offer.activity_ids
        self.assertEqual(follow_up.user_id, self.ka_planner)
        self.assertEqual(follow_up.summary, "Loyalty action: Exclusive offer")
        self.assertEqual(follow_up.date_deadline, date(2027, 3, 21))
        with self.assertRaisesRegex(UserError, "is not a proposal"):
            offer.action_choose()
        # the follow-up goes with the owner and the deadline
        offer.write({"user_id": self.pm_user.id, "date_deadline": "2027-03-25"})
        self.assertEqual(follow_up.user_id, self.pm_user)
        self.assertEqual(follow_up.date_deadline, date(2027, 3, 25))
        with self.assertRaisesRegex(UserError, "Otto Outsider does not serve"):
            offer.user_id = self.outsider
        offer.user_id = self.ka_planner
        planner_offer = offer.with_user(self.ka_planner)
        with self.assertRaisesRegex(UserError, "describe its effect before marking it done"):
            planner_offer.action_done()
        planner_offer.effect_note = "Booked the spring fair at the offered rate"
        planner_offer.action_done()
        self.assertEqual(offer.state, "done")
        self.assertEqual(offer.date_done, date(2027, 3, 1))
        self.assertFalse(offer.activity_ids, "the follow-up is done with the action")
        with self.assertRaisesRegex(UserError, "already done or dropped"):
            planner_offer.action_drop()
        review.with_user(self.pm_user).action_drop()
        self.assertEqual(review.state, "dropped")

    def test_next_assessment_shows_the_effect(self):
        first = self._assessment("2026-07-01", 40, 80, 100, 50)
        first.action_confirm()
        offer = first.loyalty_action_ids.filtered(lambda a: a.type_id == self.offer)
        offer.write({"user_id": self.pm_user.id})
        offer.action_choose()
        offer.write({"effect_note": "Two more events booked"})
        offer.action_done()
        self.assertFalse(first.previous_loyalty_action_ids)
        self.assertFalse(offer.next_assessment_id)
        second = self._assessment("2026-10-01", 75, 80, 100, 45)
        self.assertEqual(second.previous_loyalty_action_ids, first.loyalty_action_ids)
        self.assertEqual(offer.next_assessment_id, second)
        self.assertEqual((offer.score_before, offer.score_after), (40, 75))
        self.assertEqual(offer.score_change, 35)
        invitation = first.loyalty_action_ids.filtered(lambda a: a.type_id == self.invitation)
        self.assertEqual((invitation.score_before, invitation.score_after), (50, 45))
        self.assertEqual(invitation.score_change, -5)

    def test_only_the_team_sees_and_the_manager_creates(self):
        assessment = self._assessment("2026-10-01", 40, 80, 100, 80)
        assessment.action_confirm()
        actions = assessment.loyalty_action_ids
        with self.assertRaises(AccessError):
            actions.with_user(self.outsider).read(["state"])
        self.assertFalse(
            self.env["big.account.loyalty.action"].with_user(self.outsider).search([])
        )
        self.assertEqual(
            self.env["big.account.loyalty.action"].with_user(self.pm_user).search([]), actions
        )
        with self.assertRaises(AccessError):
            self.env["big.account.loyalty.action"].with_user(self.pm_user).create(
                {"assessment_id": assessment.id, "type_id": self.upgrade.id}
            )
        with self.assertRaises(AccessError):
            self.upgrade.with_user(self.pm_user).name = "Free upgrade"

    def test_shipped_catalogue_covers_every_factor(self):
        shipped = self.env["ir.model.data"].search(
            [("module", "=", "big_account"), ("model", "=", "big.account.loyalty.action.type")]
        )
        catalogue = self.env["big.account.loyalty.action.type"].browse(shipped.mapped("res_id"))
        factors = set(catalogue.mapped("factor"))
        self.assertEqual(factors, {"revenue", "satisfaction", "complaint", "engagement"})
        self.assertEqual(
            self.env.ref("big_account.loyalty_action_type_priority_invitation").factor,
            "engagement",
        )
