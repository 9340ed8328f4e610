from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _client_get_measures(self, clients, date_from):
        """The satisfaction of the clients: their contacts' completed answers to the
        surveys of events held over the period, scored as the evaluation scores them."""
        measures = super()._client_get_measures(clients, date_from)
        cr = self.env.cr
        cr.execute(
            """
            SELECT ui.id, c.commercial_partner_id, COALESCE(ui.scoring_percentage, 0)
              FROM survey_user_input ui
              JOIN event_registration r ON r.id = ui.registration_id
              JOIN event_event e ON e.id = r.event_id
              JOIN res_partner c ON c.id = COALESCE(r.partner_id, ui.partner_id)
             WHERE ui.state = 'done' AND ui.test_entry IS NOT TRUE AND e.date_begin >= %s
            """,
            [date_from],
        )
        responses = [row for row in cr.fetchall() if row[1] in measures]
        ratings = self._client_rating_scores([response_id for response_id, *_rest in responses])
        totals = {}
        for response_id, client_id, scoring in responses:
            total, count = totals.get(client_id, (0.0, 0))
            totals[client_id] = (total + ratings.get(response_id, scoring), count + 1)
        for client_id, (total, count) in totals.items():
            measures[client_id].update(responses=count, satisfaction=total / count)
        return measures

    def _client_rating_scores(self, response_ids):
        """{response id: average 0-100 of its answers to rating questions}, as the event
        evaluation scores them (``survey.question._rating_percentage``); responses of a
        survey without rating questions keep their scoring percentage."""
        if not response_ids:
            return {}
        self.env.cr.execute(
            """
            SELECT l.user_input_id, l.question_id, l.value_scale, l.answer_score, count(*)
              FROM survey_user_input_line l
              JOIN survey_question q ON q.id = l.question_id AND q.is_rating_question
             WHERE l.user_input_id = ANY(%s) AND l.skipped IS NOT TRUE
             GROUP BY 1, 2, 3, 4
            """,
            [response_ids],
        )
        rows = self.env.cr.fetchall()
        questions = self.env["survey.question"].sudo().browse({row[1] for row in rows})
        percentages = {}
        totals = {}
        for response_id, question_id, value_scale, answer_score, count in rows:
            key = (question_id, value_scale, answer_score)
            if key not in percentages:
                question = questions.browse(question_id)
                percentages[key] = question._rating_percentage(value_scale or 0, answer_score or 0)
            total, weight = totals.get(response_id, (0.0, 0))
            totals[response_id] = (total + percentages[key] * count, weight + count)
        return {response_id: total / weight for response_id, (total, weight) in totals.items()}
