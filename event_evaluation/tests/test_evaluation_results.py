import io
from datetime import datetime

import openpyxl

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.event_evaluation.report.event_evaluation_xlsx import EvaluationXlsxWriter

from .common import EventEvaluationCommon


class EventEvaluationResultsCommon(EventEvaluationCommon):
    """Clients, events and what the clients did around them, for the results."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no opportunity created by event_crm's rules on registration: the tests count them
        cls.env["event.lead.rule"].search([]).active = False
        cls.open_stage = cls.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        cls.acme = cls.env["res.partner"].create({"name": "Acme", "is_company": True})
        cls.ann, cls.alan, cls.gus = cls.env["res.partner"].create(
            [{"name": name, "parent_id": cls.acme.id} for name in ("Ann", "Alan", "Gus")]
        )
        cls.bob, cls.carl, cls.dora, cls.eve, cls.fay = cls.env["res.partner"].create(
            [{"name": name} for name in ("Bob", "Carl", "Dora", "Eve", "Fay")]
        )
        cls.sales_installed = cls.env["event.evaluation"]._sales_installed()
        if cls.sales_installed:
            cls.product = cls.env["product.product"].create(
                {"name": "Consulting", "type": "service", "list_price": 1.0}
            )

    @classmethod
    def _event(cls, name, begin=datetime(2026, 5, 1, 9), end=datetime(2026, 5, 1, 18), **vals):
        return cls.env["event.event"].create(
            {"name": name, "date_tz": "UTC", "date_begin": begin, "date_end": end, **vals}
        )

    @classmethod
    def _register(cls, event, partners, state="done", **vals):
        return cls.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": p.id, "name": p.name, "state": state, **vals}
                for p in partners
            ]
        )

    @classmethod
    def _won(cls, partner, amount, closed):
        """An opportunity of ``partner`` won on ``closed`` at ``amount``."""
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "expected_revenue": amount,
            }
        )
        lead.stage_id = cls.won_stage
        lead.date_closed = closed
        return lead

    @classmethod
    def _open(cls, partner, amount, probability, **vals):
        return cls.env["crm.lead"].create(
            {
                "name": f"Open {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "expected_revenue": amount,
                "probability": probability,
                "stage_id": cls.open_stage.id,
                **vals,
            }
        )

    @classmethod
    def _order(cls, partner, amount, date, opportunity=None, confirm=True):
        """A sale order of ``partner`` of ``amount`` untaxed, confirmed on ``date``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "opportunity_id": opportunity and opportunity.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = date
        return order

    @classmethod
    def _evaluate(cls, event):
        evaluation = cls.env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        return evaluation

    def _stored(self, evaluation, field_names):
        """The values as the database holds them (None for an empty rate)."""
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT {', '.join(field_names)} FROM event_evaluation WHERE id = %s",  # noqa: S608
            [evaluation.id],
        )
        return self.env.cr.fetchone()


@tagged("post_install", "-at_install")
class TestSalesCompletion(EventEvaluationResultsCommon):
    """销售额完成率: what the attendees' clients bought in the window, against the target."""

    def test_sales_won_against_the_target(self):
        event = self._event("Sales Day")
        event.target_ids = [Command.create({"indicator": "sales", "target": 10000})]
        # Ann and Alan attend for Acme, Bob for himself; Eve registered but stayed away
        self._register(event, self.ann | self.alan | self.bob)
        self._register(event, self.eve, state="open")
        self._won(self.acme, 3000, datetime(2026, 6, 1, 10))  # Acme: counts once, not twice
        self._won(self.bob, 2000, datetime(2026, 7, 30, 12))  # day 90 after May 1st: counts
        self._won(self.bob, 5000, datetime(2026, 7, 31, 12))  # day 91: too late
        self._won(self.bob, 4000, datetime(2026, 4, 30, 12))  # before the event
        self._won(self.eve, 6000, datetime(2026, 6, 1, 12))  # not an attendee
        evaluation = self._evaluate(event)
        # 3,000 + 2,000 = 5,000 against 10,000: 50 %
        self.assertEqual(evaluation.sales_won_amount, 5000.0)
        self.assertEqual(evaluation.sales_target, 10000.0)
        self.assertAlmostEqual(evaluation.sales_completion_rate, 0.5)
        self.assertEqual(evaluation._format_rate("sales_completion_rate"), "50.0 %")

    def test_window_edges_in_the_events_time_zone(self):
        # ends on May 2nd at 02:00 in Shanghai (May 1st, 18:00 UTC): day 90 is July 31st
        # there, which ends at 16:00 UTC
        event = self._event("Shanghai Day", date_tz="Asia/Shanghai")
        self._register(event, self.bob)
        self._won(self.bob, 100, datetime(2026, 7, 31, 15, 59))  # July 31st 23:59: day 90
        self._won(self.bob, 1000, datetime(2026, 7, 31, 16, 0))  # August 1st 00:00: day 91
        self._won(self.bob, 10, datetime(2026, 5, 1, 9, 0))  # won as the event began
        evaluation = self._evaluate(event)
        self.assertEqual(evaluation.sales_won_amount, 110.0, "100 + 10")

    def test_the_window_is_the_administrators_setting(self):
        self.env.company.evaluation_sales_window_days = 30
        event = self._event("Short Window Day")
        self._register(event, self.bob)
        self._won(self.bob, 100, datetime(2026, 5, 31, 12))  # day 30
        self._won(self.bob, 1000, datetime(2026, 6, 1, 12))  # day 31
        self.assertEqual(self._evaluate(event).sales_won_amount, 100.0)
        with self.assertRaisesRegex(ValidationError, "give at least one day and one month"):
            self.env.company.evaluation_sales_window_days = 0

    def test_an_order_and_its_own_opportunity_count_once(self):
        if not self.sales_installed:
            self.skipTest("Sales is not installed: opportunities only")
        event = self._event("Order Day")
        event.target_ids = [Command.create({"indicator": "sales", "target": 4000})]
        self._register(event, self.ann | self.bob)
        deal = self._won(self.acme, 2000, datetime(2026, 6, 1, 10))
        self._order(self.ann, 1500, datetime(2026, 6, 2, 10), opportunity=deal)  # its order
        self._order(self.bob, 800, datetime(2026, 7, 30, 12))  # day 90, no opportunity
        self._order(self.bob, 700, datetime(2026, 7, 31, 12))  # day 91
        self._order(self.acme, 9999, datetime(2026, 6, 2, 10), confirm=False)  # a quotation
        evaluation = self._evaluate(event)
        # the order replaces its opportunity: 1,500 + 800 = 2,300 (not 2,000 + 1,500 + 800)
        self.assertEqual(evaluation.sales_won_amount, 2300.0)
        self.assertAlmostEqual(evaluation.sales_completion_rate, 2300 / 4000)

    def test_no_target_no_purchase_no_attendee(self):
        event = self._event("Quiet Day")
        self._register(event, self.bob)
        evaluation = self._evaluate(event)
        self.assertEqual(evaluation.sales_won_amount, 0.0, "no purchase: nothing won")
        self.assertEqual(evaluation.sales_target, 0.0)
        self.assertIs(evaluation._get_rate("sales_completion_rate"), False, "no target")
        self.assertEqual(evaluation._format_rate("sales_completion_rate"), "—")
        self.assertEqual(self._stored(evaluation, ["sales_completion_rate"]), (None,))

        empty = self._event("Empty Day")
        empty.target_ids = [Command.create({"indicator": "sales", "target": 500})]
        self._won(self.bob, 100, datetime(2026, 6, 1, 12))  # nobody attended
        evaluation = self._evaluate(empty)
        self.assertEqual(evaluation.sales_won_amount, 0.0)
        self.assertEqual(evaluation._get_rate("sales_completion_rate"), 0.0, "a real 0 %")


@tagged("post_install", "-at_install")
class TestInfluencedPipeline(EventEvaluationResultsCommon):
    def test_open_opportunities_weighted_by_probability(self):
        event = self._event("Pipeline Day")
        self._register(event, self.ann | self.alan | self.bob)
        self._register(event, self.eve, state="open")
        self._open(self.acme, 10000, 30)  # 3,000, once for Ann and Alan
        self._open(self.bob, 4000, 50)  # 2,000
        self._open(self.eve, 9000, 50)  # not an attendee
        self._open(self.bob, 7000, 20, type="lead")  # a lead, not an opportunity
        self._open(self.bob, 8000, 40).action_set_lost()  # lost
        self._won(self.bob, 6000, datetime(2026, 6, 1, 12))  # won: a sale, not pipeline
        evaluation = self._evaluate(event)
        # 10,000 x 30 % + 4,000 x 50 % = 5,000 in 2 opportunities
        self.assertEqual(evaluation.pipeline_count, 2)
        self.assertEqual(evaluation.pipeline_amount, 5000.0)

    def test_no_attendee_no_pipeline(self):
        event = self._event("Nobody Day")
        self._register(event, self.bob, state="open")
        self._open(self.bob, 4000, 50)
        evaluation = self._evaluate(event)
        self.assertEqual((evaluation.pipeline_count, evaluation.pipeline_amount), (0, 0.0))


@tagged("post_install", "-at_install")
class TestLoyaltyLift(EventEvaluationResultsCommon):
    """客户忠诚度提升: attendees against invited clients who stayed away, 6 months around
    the event of May 1st 2026 (before: from November 1st 2025; after: to November 1st)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main = cls._event("Loyalty Day")
        cls._register(cls.main, cls.ann | cls.bob | cls.fay)
        invited = {"invited_date": datetime(2026, 4, 1, 9)}
        cls._register(cls.main, cls.carl, state="open", **invited)
        cls._register(cls.main, cls.dora, state="draft", **invited)
        cls._register(cls.main, cls.gus, state="open", **invited)  # Acme attended: no control
        february = cls._event("February Day", datetime(2026, 2, 1, 9), datetime(2026, 2, 1, 18))
        december = cls._event("December Day", datetime(2025, 12, 1, 9), datetime(2025, 12, 1, 18))
        june = cls._event("June Day", datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 18))
        september = cls._event("September Day", datetime(2026, 9, 1, 9), datetime(2026, 9, 1, 18))
        cls._register(february, cls.alan)  # Acme before (through another contact)
        cls._won(cls.acme, 100, datetime(2026, 8, 1, 12))  # Acme after: a purchase
        cls._register(september, cls.bob)  # Bob after: a repeat attendance
        cls._won(cls.fay, 100, datetime(2025, 1, 10, 12))  # Fay: too long before
        cls._register(december, cls.carl)  # Carl before
        cls._register(june, cls.carl)  # Carl after
        cls._register(september, cls.dora, state="open")  # registered, did not come
        cls.evaluation = cls._evaluate(cls.main)

    def test_lift_against_the_control_group(self):
        evaluation = self.evaluation
        # attendees: Acme, Bob, Fay; active before: Acme (1/3), after: Acme, Bob (2/3)
        self.assertEqual(evaluation.loyalty_attendee_count, 3)
        self.assertAlmostEqual(evaluation.loyalty_attendee_before_rate, 1 / 3)
        self.assertAlmostEqual(evaluation.loyalty_attendee_after_rate, 2 / 3)
        # control: Carl, Dora (Gus works for Acme, which attended); before and after:
        # Carl (1/2 and 1/2)
        self.assertTrue(evaluation.loyalty_has_control)
        self.assertEqual(evaluation.loyalty_control_count, 2)
        self.assertAlmostEqual(evaluation.loyalty_control_before_rate, 0.5)
        self.assertAlmostEqual(evaluation.loyalty_control_after_rate, 0.5)
        # (2/3 - 1/3) - (1/2 - 1/2) = 1/3: 33.3 percentage points
        self.assertAlmostEqual(evaluation.loyalty_lift, 100 / 3)
        self.assertEqual(evaluation._format_rate("loyalty_lift"), "33.3 pp")

    def test_purchases_count_as_loyalty(self):
        if not self.sales_installed:
            self.skipTest("Sales is not installed: opportunities only")
        self._order(self.dora, 50, datetime(2026, 10, 31, 12))  # Dora buys after
        self._order(self.fay, 50, datetime(2025, 11, 2, 12))  # Fay bought before
        self.evaluation.action_refresh_metrics()
        # attendees: before Acme, Fay (2/3), after Acme, Bob (2/3): 0
        # control: before Carl (1/2), after Carl, Dora (2/2): +1/2; lift -50 pp
        self.assertAlmostEqual(self.evaluation.loyalty_attendee_before_rate, 2 / 3)
        self.assertAlmostEqual(self.evaluation.loyalty_control_after_rate, 1.0)
        self.assertAlmostEqual(self.evaluation.loyalty_lift, -50.0)

    def test_no_control_group_no_lift(self):
        event = self._event("Everyone Came")
        self._register(event, self.bob, invited_date=datetime(2026, 4, 1, 9))
        evaluation = self._evaluate(event)
        self.assertEqual(evaluation.loyalty_attendee_count, 1)
        self.assertFalse(evaluation.loyalty_has_control)
        self.assertIs(evaluation._get_rate("loyalty_lift"), False, "not 0: not computed")
        self.assertEqual(evaluation._format_rate("loyalty_lift"), "—")
        self.assertIs(evaluation._get_rate("loyalty_control_after_rate"), False)
        self.assertEqual(self._stored(evaluation, ["loyalty_lift"]), (None,))

    def test_no_attendee_no_lift(self):
        event = self._event("Nobody Came")
        self._register(event, self.bob, state="open", invited_date=datetime(2026, 4, 1, 9))
        evaluation = self._evaluate(event)
        self.assertEqual(evaluation.loyalty_attendee_count, 0)
        self.assertEqual(evaluation.loyalty_control_count, 1)
        self.assertTrue(evaluation.loyalty_has_control)
        self.assertIs(evaluation._get_rate("loyalty_lift"), False)
        self.assertIs(evaluation._get_rate("loyalty_attendee_after_rate"), False)
        self.assertEqual(self._stored(evaluation, ["loyalty_lift"]), (None,))


@tagged("post_install", "-at_install")
class TestReferralsAndSatisfaction(EventEvaluationResultsCommon):
    def test_referral_rate(self):
        event = self._event("Referral Day")
        self._register(event, self.ann | self.bob, state="done")
        self._register(event, self.carl, state="open", referred_by_partner_id=self.bob.id)
        self._register(event, self.dora, state="draft")
        self._register(event, self.eve, state="cancel", referred_by_partner_id=self.bob.id)
        evaluation = self._evaluate(event)
        # 1 referral among 4 registrations (the cancelled one is neither)
        self.assertEqual(evaluation.referral_count, 1)
        self.assertAlmostEqual(evaluation.referral_rate, 0.25)
        empty = self._evaluate(self._event("No Registration Day"))
        self.assertEqual(empty.referral_count, 0)
        self.assertIs(empty._get_rate("referral_rate"), False, "no registration")

    def test_referrer_on_the_registration_screens(self):
        for view_type in ("form", "list"):
            arch = self.env["event.registration"].get_view(view_type=view_type)["arch"]
            self.assertIn('name="referred_by_partner_id"', arch, view_type)

    def _answer(self, registration, values, state="done"):
        """A response to the shipped survey: {question xml id suffix: scale value or None
        for a skipped question}."""
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": self.satisfaction.id,
                "registration_id": registration.id,
                "state": state,
            }
        )
        self.env["survey.user_input.line"].create(
            [
                {"user_input_id": answer.id, "question_id": self.questions[key].id}
                | (
                    {"skipped": True}
                    if value is None
                    else {"answer_type": "scale", "value_scale": value}
                )
                for key, value in values.items()
            ]
        )
        return answer

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.satisfaction = cls.env.ref("event_evaluation.survey_event_satisfaction")
        cls.questions = {
            key: cls.env.ref(f"event_evaluation.survey_event_satisfaction_{key}")
            for key in (
                "content_relevance",
                "content_speakers",
                "organisation_schedule",
                "organisation_venue",
                "service_reception",
                "service_staff",
            )
        }

    def test_the_shipped_survey_rates_each_dimension(self):
        questions = self.satisfaction.question_ids.filtered("is_rating_question")
        self.assertEqual(len(questions), 6)
        self.assertEqual(
            sorted(set(questions.mapped("evaluation_dimension"))),
            ["content", "organisation", "service"],
        )

    def test_satisfaction_per_dimension(self):
        event = self._event("Survey Day", survey_id=self.satisfaction.id)
        first, second, third = self._register(event, self.ann | self.bob | self.carl)
        # on a 1-5 scale: 5 is 100, 4 is 75, 3 is 50, 1 is 0
        self._answer(
            first,
            {
                "content_relevance": 5,
                "content_speakers": 4,
                "organisation_schedule": 3,
                "organisation_venue": 3,
                "service_reception": 5,
                "service_staff": 5,
            },
        )
        self._answer(
            second,
            {
                "content_relevance": 3,
                "content_speakers": 4,
                "organisation_schedule": None,
                "organisation_venue": None,
                "service_reception": 1,
                "service_staff": 1,
            },
        )
        self._answer(third, {"content_relevance": 1, "service_staff": 1}, state="in_progress")
        evaluation = self._evaluate(event)
        # content (100 + 75 + 50 + 75) / 4 = 75; organisation (50 + 50) / 2 = 50 (skipped
        # answers do not count); service (100 + 100 + 0 + 0) / 4 = 50; the unfinished
        # response counts nowhere
        self.assertEqual(evaluation.satisfaction_content_count, 4)
        self.assertAlmostEqual(evaluation.satisfaction_content_score, 75.0)
        self.assertEqual(evaluation.satisfaction_organisation_count, 2)
        self.assertAlmostEqual(evaluation.satisfaction_organisation_score, 50.0)
        self.assertAlmostEqual(evaluation.satisfaction_service_score, 50.0)
        # overall, as before: every rating answer, 600 / 10 = 60
        self.assertAlmostEqual(evaluation.satisfaction_score, 60.0)
        self.assertEqual(evaluation._format_rate("satisfaction_content_score"), "75.0")

    def test_no_survey_no_dimension(self):
        event = self._event("No Survey Day")
        self._register(event, self.bob)
        evaluation = self._evaluate(event)
        for dimension in ("content", "organisation", "service"):
            field_name = f"satisfaction_{dimension}_score"
            self.assertEqual(evaluation[f"satisfaction_{dimension}_count"], 0)
            self.assertIs(evaluation._get_rate(field_name), False, field_name)
            self.assertEqual(evaluation._format_rate(field_name), "—")
        self.assertEqual(self._stored(evaluation, ["satisfaction_content_score"]), (None,))


@tagged("post_install", "-at_install")
class TestResultsInReports(EventEvaluationResultsCommon):
    """The results in the form, the PDF, the XLSX and the yearly report, in 2025: a year
    of no other evaluation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.name = "Results Region"
        # A: target 10,000, Bob won 4,000 (40 %); 1 attendee client, Bob, active after (his
        # win), Carl invited and idle: (1 - 0) - (0 - 0) = +100 pp; 1 referral in 2
        # registrations
        cls.first = cls._event("Results Forum", datetime(2025, 5, 1, 9), datetime(2025, 5, 1, 18))
        cls.first.target_ids = [Command.create({"indicator": "sales", "target": 10000})]
        cls._register(cls.first, cls.bob)
        cls._register(
            cls.first,
            cls.carl,
            state="open",
            invited_date=datetime(2025, 4, 1, 9),
            referred_by_partner_id=cls.bob.id,
        )
        cls._won(cls.bob, 4000, datetime(2025, 6, 1, 12))
        cls._open(cls.bob, 1000, 50)  # 500 weighted
        # B: no target, Acme won 2,000; 3 attendee clients (Acme, Dora, Fay), Eve invited;
        # after the event Acme bought (the 2,000) and Eve attended June Day:
        # (1/3 - 0) - (1 - 0) = -2/3: -66.7 pp; 4 registrations, no referral
        cls.second = cls._event("Results Gala", datetime(2025, 5, 2, 9), datetime(2025, 5, 2, 18))
        cls._register(cls.second, cls.ann | cls.dora | cls.fay)
        cls._register(cls.second, cls.eve, state="open", invited_date=datetime(2025, 4, 1, 9))
        cls._won(cls.acme, 2000, datetime(2025, 6, 1, 12))
        june = cls._event("June Day", datetime(2025, 6, 1, 9), datetime(2025, 6, 1, 18))
        cls._register(june, cls.eve)
        # C: Gus attends for Acme, whose 2,000 counts here too (each event counts what its
        # attendees bought); no control group: its lift does not count in the year
        cls.third = cls._event("Results Walk", datetime(2025, 5, 3, 9), datetime(2025, 5, 3, 18))
        cls._register(cls.third, cls.gus)
        cls.evaluations = cls.env["event.evaluation"].create(
            [{"event_id": event.id} for event in cls.first | cls.second | cls.third]
        )
        cls.evaluations.action_refresh_metrics()
        cls.yearly = cls.env["event.evaluation.annual"].create({"year": 2025})

    def test_hand_computed_figures_of_the_two_events(self):
        first, second, third = self.evaluations
        self.assertEqual(first.sales_won_amount, 4000.0)
        self.assertAlmostEqual(first.sales_completion_rate, 0.4)
        self.assertEqual(first.pipeline_amount, 500.0)
        self.assertAlmostEqual(first.loyalty_lift, 100.0)
        self.assertAlmostEqual(first.referral_rate, 0.5)
        self.assertEqual(second.sales_won_amount, 2000.0)
        self.assertEqual(second.loyalty_attendee_count, 3)
        self.assertAlmostEqual(second.loyalty_lift, -200 / 3)
        self.assertEqual(third.sales_won_amount, 2000.0)
        self.assertFalse(third.loyalty_has_control)

    def test_evaluation_form_has_the_results_page(self):
        arch = self.env["event.evaluation"].get_view(view_type="form")["arch"]
        self.assertIn('name="results"', arch)
        for field_name in ("sales_completion_rate", "pipeline_amount", "loyalty_lift"):
            self.assertIn(f'name="{field_name}"', arch)
        self.assertIn("the loyalty lift is not computed", arch)

    def test_pdf_shows_the_results(self):
        report = self.env.ref("event_evaluation.event_evaluation_report").with_user(self.evaluator)
        html = report._render_qweb_html(report.report_name, self.evaluations[0].ids)[0].decode()
        for figure in (
            "Sales won",
            "4,000.00",
            "10,000.00",
            "40.0 %",  # sales completion
            "500.00",  # influenced pipeline
            "100.0 pp",  # loyalty lift
            "50.0 %",  # referral rate 1 / 2
        ):
            with self.subTest(figure=figure):
                self.assertIn(figure, html)
        html = report._render_qweb_html(report.report_name, self.evaluations[2].ids)[0].decode()
        self.assertIn("(no control group)", html)

    def test_xlsx_has_the_results(self):
        evaluations = self.evaluations.with_user(self.evaluator)
        _filename, content = EvaluationXlsxWriter(evaluations.env).list_export(evaluations)
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Evaluations"]
        headers = {sheet.cell(1, col).value: col for col in range(1, sheet.max_column + 1)}
        rows = {sheet.cell(row, 1).value: row for row in range(2, 5)}
        first, third = rows["Results Forum"], rows["Results Walk"]
        self.assertEqual(sheet.cell(first, headers["Sales Won"]).value, 4000)
        self.assertEqual(sheet.cell(first, headers["Sales Completion"]).value, 0.4)
        self.assertEqual(sheet.cell(first, headers["Influenced Pipeline"]).value, 500)
        self.assertEqual(sheet.cell(first, headers["Loyalty Lift (pp)"]).value, 100)
        self.assertEqual(sheet.cell(first, headers["Referral Rate"]).value, 0.5)
        self.assertEqual(sheet.cell(third, headers["Loyalty Lift (pp)"]).value, "—")
        self.assertEqual(sheet.cell(third, headers["Sales Completion"]).value, "—")
        self.assertEqual(sheet.cell(third, headers["Content Satisfaction"]).value, "—")
        total = sheet.cell(5, headers["Sales Won"]).value
        self.assertTrue(total.startswith("=SUM("), "sales won add up")

    def test_yearly_results(self):
        yearly = self.yearly
        # sums: 4,000 + 2,000 + 2,000 won; 10,000 target; 500 pipeline
        self.assertEqual(yearly.sales_won_amount, 8000.0)
        self.assertEqual(yearly.sales_target, 10000.0)
        # only the events with a target: 4,000 / 10,000 (B and C had none)
        self.assertAlmostEqual(yearly.sales_completion_rate, 0.4)
        self.assertEqual(yearly.pipeline_amount, 500.0)
        # weighted by attendee clients, events with a control group only (A, B):
        # (100 x 1 + (-66.7) x 3) / 4 = (100 - 200) / 4 = -25 pp
        self.assertEqual(yearly.loyalty_event_count, 2)
        self.assertAlmostEqual(yearly.loyalty_lift, -25.0)
        # 1 referral among 2 + 4 + 1 = 7 registrations
        self.assertEqual(yearly.referral_count, 1)
        self.assertAlmostEqual(yearly.referral_rate, 1 / 7)
        self.assertEqual(yearly._format_result("loyalty_lift"), "-25.0 pp")
        self.assertEqual(yearly._format_result("satisfaction_content_score"), "—")

        report = self.env.ref("event_evaluation.event_evaluation_annual_report")
        html = report._render_qweb_html(report.report_name, yearly.ids)[0].decode()
        for figure in ("8,000.00", "40.0 %", "-25.0 pp", "14.3 %"):
            with self.subTest(figure=figure):
                self.assertIn(figure, html)
        _filename, content = EvaluationXlsxWriter(self.env).annual_export(yearly)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        figures = {sheet.cell(row, 1).value: sheet.cell(row, 2).value for row in range(3, 23)}
        self.assertEqual(figures["Sales won"], 8000)
        self.assertEqual(figures["Sales completion"], 0.4)
        self.assertEqual(figures["Loyalty lift (pp)"], -25)
        self.assertEqual(figures["Content satisfaction"], "—")

    def test_empty_year(self):
        yearly = self.env["event.evaluation.annual"].create({"year": 2024})
        self.assertEqual(yearly.sales_won_amount, 0.0)
        for field_name in ("sales_completion_rate", "loyalty_lift", "referral_rate"):
            self.assertEqual(yearly._format_result(field_name), "—", field_name)
