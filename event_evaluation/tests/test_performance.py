from odoo.tests import tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationPerformance(EventEvaluationCommon):
    def _evaluations(self, count):
        events = self.env["event.event"].create(
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
        self.env["event.registration"].create(
            [{"event_id": event.id, "name": "Guest", "state": "done"} for event in events]
        )
        self.env["crm.lead"].create([{"name": "Lead", "event_id": event.id} for event in events])
        return self.env["event.evaluation"].create([{"event_id": event.id} for event in events])

    def _count_refresh_queries(self, evaluations):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        evaluations.action_refresh_metrics()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_batch_refresh_query_count_does_not_grow(self):
        small = self._evaluations(20)
        large = self._evaluations(200)
        small_count = self._count_refresh_queries(small)
        large_count = self._count_refresh_queries(large)
        self.assertEqual(large.mapped("attended_count"), [1] * 200)
        # The reads are grouped queries, whatever the number of events. The only growth
        # is Odoo's flush, which writes at most 100 rows per UPDATE: 200 evaluations take
        # one more UPDATE than 20, and their 1000 indicator lines nine more than 100.
        flush_chunks = (2 - 1) + (10 - 1)
        self.assertEqual(large_count, small_count + flush_chunks)
