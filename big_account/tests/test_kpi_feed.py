from datetime import date, datetime

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_project_acceptance import AcceptanceCommon


@tagged("post_install", "-at_install")
class TestKpiFeed(AcceptanceCommon):
    """The team KPI of the first quarter of 2027: execution quality from the acceptances
    the client signed, revenue and profit from the orders the client confirmed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_params(
            kpi_weight_satisfaction=1,
            kpi_weight_revenue=1,
            kpi_weight_upkeep=1,
            kpi_weight_execution=1,
            kpi_weight_profit=1,
            kpi_target_margin=40,
        )

    def _pm_kpi(self):
        assessment = self.env["big.account.assessment"].create(
            {"account_id": self.account.id, "period_type": "quarter", "date_from": "2027-01-01"}
        )
        assessment.action_compute()
        return assessment.kpi_ids.filtered(lambda kpi: kpi.user_id == self.pm_user)

    def _sign(self, scores, signed_on):
        acceptance = self._acceptance(scores=scores)
        self._upload(acceptance, verdict="accepted", signed_on=signed_on)
        return acceptance

    def _order(self, partner, quantity, price, cost, confirmed_on=None):
        product = self.env["product.product"].create(
            {"name": f"Booth service {price}/{cost}", "list_price": price, "standard_price": cost}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirmed_on:
            order.action_confirm()
            order.date_order = confirmed_on
        return order

    def test_execution_quality_from_two_signed_acceptances(self):
        self._sign(("5", "4", "4", "3"), date(2027, 1, 20))  # 16 / 4 * 20 = 80
        self._sign(("3", "3", "4", "2"), date(2027, 2, 15))  # 12 / 4 * 20 = 60
        self._sign(("1", "1", "1", "1"), date(2026, 12, 20))  # the quarter before
        self._acceptance(scores=("5", "5", "5", "5")).with_user(self.pm_user).action_send()
        kpi = self._pm_kpi()
        self.assertRecordValues(
            kpi,
            [
                {
                    "acceptance_count": 2,
                    "acceptance_score": 70,
                    "execution_available": True,
                    "execution_score": 70,
                }
            ],
        )
        # satisfaction 50 (nothing measured), revenue 50 (no order either quarter),
        # upkeep 0 (no contact plan), execution 70; no order, so no profit factor
        self.assertAlmostEqual(kpi.kpi_score, (50 + 50 + 0 + 70) / 4, places=1)

    def test_acceptances_and_event_evaluations_weigh_one_half_each(self):
        self._sign(("5", "4", "4", "3"), date(2027, 1, 20))
        self._sign(("3", "3", "4", "2"), date(2027, 2, 15))
        event = self.env["event.event"].create(
            {
                "name": "Acme booth opening",
                "big_account_id": self.account.id,
                "date_begin": datetime(2027, 2, 5, 9),
                "date_end": datetime(2027, 2, 5, 18),
            }
        )
        evaluation = self.env["event.evaluation"].create({"event_id": event.id})
        evaluation.line_ids = [
            Command.create({"indicator": "custom", "target": 100, "actual": 90, "weight": 1})
        ]
        self.assertEqual(evaluation.overall_score, 90)
        kpi = self._pm_kpi()
        # acceptances (80 + 60) / 2 = 70 and the evaluated event 90: (70 + 90) / 2
        self.assertEqual((kpi.acceptance_score, kpi.execution_score), (70, 80))

    def test_revenue_and_margin_from_two_confirmed_orders(self):
        # 2 x 1 000, cost 800 each: margin 400; 3 x 1 000, cost 700 each: margin 900
        self._order(self.client_contact, 2, 1000, 800, confirmed_on=datetime(2027, 2, 10, 10))
        self._order(self.client, 3, 1000, 700, confirmed_on=datetime(2027, 1, 15, 10))
        # the previous quarter's order sets the trend; a quotation and another client's
        # order do not count
        self._order(self.client_contact_2, 4, 1000, 500, confirmed_on=datetime(2026, 11, 15))
        self._order(self.client_contact, 9, 1000, 100)
        globex = self.other_portal.partner_id
        self._order(globex, 7, 1000, 100, confirmed_on=datetime(2027, 2, 1, 10))
        kpi = self._pm_kpi()
        self.assertRecordValues(
            kpi,
            [
                {
                    "revenue": 5000,
                    "margin": 1300,
                    "margin_rate": 26,
                    "profit_available": True,
                    # 26 % against the 40 % target
                    "profit_score": 65,
                    # 5 000 against 4 000 the quarter before: 50 x 1.25
                    "revenue_score": 62.5,
                    "execution_available": False,
                }
            ],
        )
        # satisfaction 50, revenue 62.5, upkeep 0, profit 65
        self.assertAlmostEqual(kpi.kpi_score, (50 + 62.5 + 0 + 65) / 4, places=1)

    def test_nothing_signed_nothing_ordered(self):
        kpi = self._pm_kpi()
        self.assertRecordValues(
            kpi,
            [
                {
                    "acceptance_count": 0,
                    "execution_available": False,
                    "revenue": 0,
                    "revenue_score": 50,
                    "margin": 0,
                    "profit_available": False,
                    "profit_score": 0,
                }
            ],
        )
        # execution and profit are left out: satisfaction 50, revenue 50, upkeep 0
        self.assertAlmostEqual(kpi.kpi_score, (50 + 50 + 0) / 3, places=1)

    def test_target_margin_setting(self):
        with self.assertRaisesRegex(ValidationError, "target margin .* must be above 0"):
            self.env["res.config.settings"].create({"big_account_kpi_target_margin": 0})
