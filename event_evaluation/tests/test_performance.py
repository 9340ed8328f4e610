from odoo import Command
from odoo.tests import tagged, users, warmup

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationPerformance(EventEvaluationCommon):
    def _evaluations(self, count):
        """The evaluator's evaluations of ``count`` held events, each with one lead, an
        attendee client who won, bought and has an open opportunity, a referral and an
        invited client who stayed away."""
        events = (
            self.env["event.event"]
            .sudo()
            .create(
                [
                    {
                        "name": f"Event {index}",
                        "date_begin": self.event.date_begin,
                        "date_end": self.event.date_end,
                        "survey_id": self.survey.id,
                    }
                    for index in range(count)
                ]
            )
        )
        clients = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Client {index}"} for index in range(2 * count)])
        )
        self.env["event.registration"].sudo().create(
            [
                {
                    "event_id": event.id,
                    "name": "Guest",
                    "state": "done",
                    "partner_id": clients[2 * index].id,
                    "referred_by_partner_id": clients[2 * index + 1].id,
                }
                for index, event in enumerate(events)
            ]
            + [
                {
                    "event_id": event.id,
                    "name": "Invited",
                    "state": "open",
                    "partner_id": clients[2 * index + 1].id,
                    "invited_date": event.date_begin,
                }
                for index, event in enumerate(events)
            ]
        )
        self.env["crm.lead"].sudo().create(
            [{"name": "Lead", "event_id": event.id} for event in events]
        )
        attendees = clients[::2]
        won = (
            self.env["crm.lead"]
            .sudo()
            .create(
                [
                    {"name": "Won", "type": "opportunity", "partner_id": client.id}
                    | {"expected_revenue": 100.0}
                    for client in attendees
                ]
                + [
                    {"name": "Open", "type": "opportunity", "partner_id": client.id}
                    | {"expected_revenue": 100.0, "probability": 50.0}
                    for client in attendees
                ]
            )[:count]
        )
        won.stage_id = self.won_stage
        won.date_closed = self.event.date_end
        if self.env["event.evaluation"]._sales_installed():
            product = self.env["product.product"].sudo().create({"name": "Service"})
            orders = (
                self.env["sale.order"]
                .sudo()
                .create(
                    [
                        {
                            "partner_id": client.id,
                            "order_line": [
                                Command.create({"product_id": product.id, "price_unit": 10.0})
                            ],
                        }
                        for client in attendees
                    ]
                )
            )
            orders.action_confirm()
            orders.date_order = self.event.date_end
        return self.env["event.evaluation"].create([{"event_id": event.id} for event in events])

    @users("ev_evaluator")
    @warmup
    def test_batch_refresh_query_count_does_not_grow(self):
        """The metrics and results are read with grouped queries: refreshing forty
        evaluations takes the queries of four."""
        for count in (4, 40):
            evaluations = self._evaluations(count)
            self.env.invalidate_all()
            with self.subTest(evaluations=count), self.assertQueryCount(ev_evaluator=32):
                evaluations.action_refresh_metrics()
            self.assertEqual(evaluations.mapped("attended_count"), [1] * count)
            self.assertEqual(evaluations.mapped("lead_count"), [1] * count)
            self.assertEqual(evaluations.mapped("referral_count"), [1] * count)
            self.assertEqual(evaluations.mapped("loyalty_control_count"), [1] * count)
            self.assertEqual(evaluations.mapped("pipeline_amount"), [50.0] * count)
