from datetime import date, datetime

from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestAssessmentCycle(BigAccountCommon):
    """The scheduled job opens each period's assessments once; managers open spot
    checks whenever they want."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["big.account.assessment"]
        cls.account.with_user(cls.ka_manager).action_confirm()
        partner = cls.env["res.partner"].create({"name": "Beta Fairs", "is_company": True})
        cls.beta = cls.env["big.account"].create(
            {"partner_id": partner.id, "user_id": cls.ka_manager.id}
        )
        cls.env["big.account.member"].create(
            {
                "account_id": cls.beta.id,
                "user_id": cls.pm_user.id,
                "role": "project_manager",
                "nda_signed_date": "2026-01-05",
            }
        )
        cls._team_agrees(cls.beta)
        # the job has not run for any period yet
        cls.env["ir.config_parameter"].set_param("big_account.assessment_opened_period", False)

    def _ours(self, assessments):
        return assessments.filtered(lambda a: a.account_id in self.account | self.beta)

    def _regular(self):
        return self.Assessment.search(
            [("kind", "=", "regular"), ("account_id", "in", (self.account | self.beta).ids)]
        )

    def test_quarter_opened_once(self):
        # Monday 1 March 2027: the last quarter of 2026 has just ended
        created = self._ours(self.Assessment._cron_open_period_assessments())
        self.assertEqual(created.account_id, self.account, "only the confirmed account")
        self.assertEqual(
            (created.period_type, created.date_from, created.date_to),
            ("quarter", date(2026, 10, 1), date(2026, 12, 31)),
        )
        self.assertEqual(len(created.kpi_ids), 2, "computed: the KPIs of the team are there")
        todo = created.activity_ids
        self.assertEqual(todo.user_id, self.ka_manager, "the account owner reviews it")
        self.assertEqual(todo.summary, "Review the assessment of Acme Expo Group")

        self.assertFalse(self.Assessment._cron_open_period_assessments(), "twice: nothing new")
        # an account confirmed during the quarter was no key account in the last one
        self.beta.with_user(self.ka_manager).action_confirm()
        with freeze_time("2027-03-20 06:00:00"):
            self.assertFalse(self.Assessment._cron_open_period_assessments())
        self.assertEqual(self._regular(), created)
        self.assertEqual(len(created.activity_ids), 1, "one to-do, not one per run")

        with freeze_time("2027-04-01 06:00:00"):
            next_quarter = self._ours(self.Assessment._cron_open_period_assessments())
            self.assertFalse(self.Assessment._cron_open_period_assessments())
        self.assertEqual(next_quarter.account_id, self.account | self.beta)
        self.assertEqual(set(next_quarter.mapped("date_from")), {date(2027, 1, 1)})

    def test_half_year_in_settings(self):
        self.env["res.config.settings"].create({"big_account_assessment_period": "half"}).execute()
        created = self._ours(self.Assessment._cron_open_period_assessments())
        self.assertEqual(
            (created.period_type, created.date_from, created.date_to),
            ("half", date(2026, 7, 1), date(2026, 12, 31)),
        )
        with freeze_time("2027-06-30 06:00:00"):
            self.assertFalse(self.Assessment._cron_open_period_assessments())
        with freeze_time("2027-07-01 06:00:00"):
            first_half = self._ours(self.Assessment._cron_open_period_assessments())
        self.assertEqual(set(first_half.mapped("date_from")), {date(2027, 1, 1)})

    def test_existing_assessment_is_not_duplicated(self):
        """A manager who opened the quarter by hand keeps his assessment."""
        by_hand = self.Assessment.create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": "2026-10-01"}
        )
        self.assertFalse(self._ours(self.Assessment._cron_open_period_assessments()))
        self.assertEqual(self._regular(), by_hand)

    def test_spot_check_by_a_manager(self):
        won_stage = self.env["crm.stage"].create({"name": "Won (spot)", "is_won": True})
        for revenue, closed in ((5_000, datetime(2026, 12, 10)), (10_000, datetime(2027, 2, 1))):
            lead = self.env["crm.lead"].create(
                {
                    "name": f"Deal {revenue}",
                    "type": "opportunity",
                    "partner_id": self.client.id,
                    "expected_revenue": revenue,
                }
            )
            lead.write({"stage_id": won_stage.id})
            lead.date_closed = closed
        wizard = (
            self.env["big.account.spot.check"]
            .with_user(self.ka_manager)
            .create(
                {
                    "account_id": self.account.id,
                    "date_from": "2027-01-15",
                    "date_to": "2027-02-28",
                    "reason": "The client's new CFO complained about our follow-up",
                }
            )
        )
        action = wizard.action_open()
        spot = self.Assessment.browse(action["res_id"])
        self.assertEqual(
            (spot.kind, spot.date_from, spot.date_to),
            ("spot", date(2027, 1, 15), date(2027, 2, 28)),
        )
        # compared with the 45 days before it: 1 December to 14 January
        self.assertEqual((spot.revenue_current, spot.revenue_previous), (10_000, 5_000))
        self.assertEqual(spot.revenue_trend_score, 100)
        # the regular assessment of the same start is another record
        self.Assessment.create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": "2027-01-15"}
        )

    def test_spot_check_refused_to_a_team_member(self):
        with self.assertRaisesRegex(
            AccessError, "Only a key-account manager can open a spot check of Acme Expo Group"
        ):
            self.account.with_user(self.pm_user).action_open_spot_check()
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self.env["big.account.spot.check"].with_user(self.pm_user).create(
                {"account_id": self.account.id, "reason": "Curious"}
            )
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self.Assessment.with_user(self.pm_user).create(
                {
                    "account_id": self.account.id,
                    "kind": "spot",
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                    "spot_reason": "Curious",
                }
            )
        self.assertFalse(self.Assessment.search([("account_id", "=", self.account.id)]))

    def test_periods_that_make_no_sense(self):
        Assessment = self.Assessment.with_user(self.ka_manager)
        with self.assertRaisesRegex(ValidationError, "The spot check of Acme Expo Group needs a"):
            Assessment.create(
                {
                    "account_id": self.account.id,
                    "kind": "spot",
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                }
            )
        with self.assertRaisesRegex(ValidationError, "covers a whole quarter or half-year"):
            Assessment.create(
                {
                    "account_id": self.account.id,
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                }
            )
        with self.assertRaisesRegex(ValidationError, "ends .* before it starts"):
            self.env["big.account.spot.check"].with_user(self.ka_manager).create(
                {
                    "account_id": self.account.id,
                    "date_from": "2027-02-01",
                    "date_to": "2027-01-31",
                    "reason": "Backwards",
                }
            )


@tagged("post_install", "-at_install")
class TestAssessmentOutcome(BigAccountCommon):
    """A weak result leads somewhere: an outcome with an owner and a deadline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # nothing happened with the client: loyalty 50, each member's KPI 40
        cls.assessment = cls.env["big.account.assessment"].create(
            {"account_id": cls.account.id, "period_type": "quarter", "date_from": "2026-10-01"}
        )
        cls.assessment.action_compute()
        cls.Outcome = cls.env["big.account.assessment.outcome"].with_user(cls.ka_manager)

    def _record_outcome(self, kind, user=None, owner=None):
        return self.Outcome.create(
            {
                "assessment_id": self.assessment.id,
                "kind": kind,
                "user_id": user.id if user else False,
                "owner_id": (owner or self.ka_manager).id,
                "date_deadline": "2027-03-31",
            }
        )

    def _confirm(self):
        return self.assessment.with_user(self.ka_manager).action_confirm()

    def test_weak_result_needs_an_outcome(self):
        self.assertEqual(self.assessment.loyalty_score, 50)
        self.assertEqual(set(self.assessment.kpi_ids.mapped("kpi_score")), {40})
        with self.assertRaisesRegex(
            RedirectWarning,
            r"The assessment of Acme Expo Group cannot be confirmed yet: its loyalty score "
            r"\(50.0\) is below 60; the KPI of Paul Project, Pia Planner is below 60",
        ) as refusal:
            self._confirm()
        # the refusal proposes the outcome, filled in as a manager would start it
        proposal = refusal.exception.args[1]
        self.assertEqual(proposal["res_model"], "big.account.assessment.outcome")
        self.assertEqual(
            {key: proposal["context"][key] for key in ("default_user_id", "default_kind")},
            {"default_user_id": self.pm_user.id, "default_kind": "training"},
        )
        # a reward answers nothing
        self._record_outcome("reward")
        with self.assertRaisesRegex(RedirectWarning, "loyalty score"):
            self._confirm()
        self._record_outcome("warning", user=self.pm_user)
        with self.assertRaisesRegex(RedirectWarning, r"yet: the KPI of Pia Planner is below 60\."):
            self._confirm()
        self._record_outcome("training", user=self.ka_planner, owner=self.pm_user)
        self._confirm()
        self.assertEqual(self.assessment.state, "confirmed")

    def test_whole_team_outcome_answers_every_member(self):
        self._record_outcome("training")
        self._confirm()
        self.assertEqual(self.assessment.state, "confirmed")

    def test_thresholds_in_settings(self):
        # a lower bar: loyalty 50 and KPIs of 40 pass it
        self.env["res.config.settings"].create(
            {"big_account_outcome_loyalty_threshold": 50, "big_account_outcome_kpi_threshold": 40}
        ).execute()
        self._confirm()
        self.assertEqual(self.assessment.state, "confirmed")
        for threshold in (0, 101):
            with self.assertRaisesRegex(ValidationError, "outcomes go from 1 to 100"):
                self.env["res.config.settings"].create(
                    {"big_account_outcome_kpi_threshold": threshold}
                )

    def test_outcome_is_recorded_with_owner_and_deadline(self):
        outcome = self._record_outcome("training", user=self.ka_planner, owner=self.pm_user)
        self.assertEqual(outcome.display_name, "Training: Pia Planner")
        self.assertEqual(outcome.account_id, self.account)
        todo = outcome.activity_ids
        self.assertEqual((todo.user_id, todo.date_deadline), (self.pm_user, date(2027, 3, 31)))
        self.assertEqual(todo.summary, "Carry out: Training: Pia Planner")

    def test_who_is_concerned_and_who_owns(self):
        with self.assertRaisesRegex(
            ValidationError, "Otto Outsider has no KPI in the assessment of Acme Expo Group"
        ):
            self._record_outcome("warning", user=self.outsider)
        with self.assertRaisesRegex(
            ValidationError, "Otto Outsider cannot own an outcome of Acme Expo Group"
        ):
            self._record_outcome("training", owner=self.outsider)
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self.env["big.account.assessment.outcome"].with_user(self.pm_user).create(
                {
                    "assessment_id": self.assessment.id,
                    "kind": "reward",
                    "owner_id": self.pm_user.id,
                    "date_deadline": "2027-03-31",
                }
            )

    def test_state_moves_by_its_buttons(self):
        outcome = self._record_outcome("training", owner=self.ka_planner)
        with self.assertRaisesRegex(UserError, "with its buttons"):
            outcome.write({"state": "done"})
        # the whole team sees it, only its owner or a manager marks it done
        with self.assertRaisesRegex(
            AccessError, "Only Pia Planner, who owns Training: Whole Team, or a key-account"
        ):
            outcome.with_user(self.pm_user).action_done()
        outcome.with_user(self.ka_planner).action_done()
        self.assertEqual((outcome.state, outcome.date_done), ("done", date(2027, 3, 1)))
        self.assertFalse(outcome.activity_ids, "the owner's to-do is done with it")
        with self.assertRaisesRegex(UserError, "Training: Whole Team is already done"):
            outcome.with_user(self.ka_planner).action_done()
        with self.assertRaisesRegex(AccessError, "Only a key-account manager can reopen"):
            outcome.with_user(self.ka_planner).action_reopen()
        outcome.with_user(self.ka_manager).action_reopen()
        self.assertEqual((outcome.state, outcome.date_done), ("open", False))
        with self.assertRaisesRegex(UserError, "Training: Whole Team is still open"):
            outcome.with_user(self.ka_manager).action_reopen()

    def test_a_warning_is_seen_by_whom_it_concerns(self):
        warning = self._record_outcome("warning", user=self.ka_planner)
        team_training = self._record_outcome("training")
        Outcome = self.env["big.account.assessment.outcome"]
        domain = [("account_id", "=", self.account.id)]
        self.assertEqual(
            Outcome.with_user(self.ka_planner).search(domain), warning | team_training
        )
        self.assertEqual(Outcome.with_user(self.pm_user).search(domain), team_training)
        self.assertFalse(Outcome.with_user(self.outsider).search(domain))

    def test_confirmed_assessment_keeps_its_outcomes(self):
        outcome = self._record_outcome("training")
        self._confirm()
        with self.assertRaisesRegex(UserError, "belong to a confirmed assessment and stay"):
            outcome.unlink()
        # what follows is still recorded on the confirmed assessment, nothing else changes
        self.assessment.with_user(self.ka_manager).write(
            {
                "outcome_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "reward",
                            "owner_id": self.ka_manager.id,
                            "date_deadline": "2027-04-30",
                        },
                    )
                ]
            }
        )
        self.assertEqual(len(self.assessment.outcome_ids), 2)
        with self.assertRaisesRegex(UserError, "A confirmed assessment cannot be changed"):
            self.assessment.with_user(self.ka_manager).write({"manual_adjustment": 5})
