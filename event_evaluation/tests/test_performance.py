from odoo.tests import tagged, users, warmup

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationPerformance(EventEvaluationCommon):
    def _evaluations(self, count):
        """The evaluator's evaluations of ``count`` held events, each with one attendee
        and one lead."""
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
        self.env["event.registration"].sudo().create(
            [{"event_id": event.id, "name": "Guest", "state": "done"} for event in events]
        )
        self.env["crm.lead"].sudo().create(
            [{"name": "Lead", "event_id": event.id} for event in events]
        )
        return self.env["event.evaluation"].create([{"event_id": event.id} for event in events])

    @users("ev_evaluator")
    @warmup
    def test_batch_refresh_query_count_does_not_grow(self):
        """The metrics are read with grouped queries: refreshing twenty evaluations
        takes the queries of four."""
        for count in (4, 20):
            evaluations = self._evaluations(count)
            self.env.invalidate_all()
            with self.subTest(evaluations=count), self.assertQueryCount(ev_evaluator=17):
                evaluations.action_refresh_metrics()
            self.assertEqual(evaluations.mapped("attended_count"), [1] * count)
            self.assertEqual(evaluations.mapped("lead_count"), [1] * count)
