"""One turn of the retention loop (保客活动) with one client, from research to results.

Hengtong is a key client of sales rep Rita: researched before the forum, its
director Chen is nominated, accepts through his personal link, checks in (Rita is
told at once), answers the survey low (Rita gets a follow-up), and Hengtong buys
within the sales window: the forum's evaluation counts the purchase in its sales
completion and its loyalty lift against Li Trading, invited and absent.
"""

import json
from datetime import datetime

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from .common import EventEvaluationCommon


@tagged("post_install", "-at_install")
class TestRetentionLoop(EventEvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["event.lead.rule"].search([]).active = False  # the test counts opportunities
        cls.rep = new_test_user(
            cls.env,
            login="loop_rep",
            name="Rita Rep",
            groups="sales_team.group_sale_salesman",
            email="rita@example.com",
        )
        Partner = cls.env["res.partner"]
        cls.hengtong = Partner.create(
            {
                "name": "Hengtong Ltd",
                "is_company": True,
                "email": "office@hengtong.example",
                "user_id": cls.rep.id,
            }
        )
        cls.chen = Partner.create(
            {
                "name": "Chen Guoqiang",
                "parent_id": cls.hengtong.id,
                "email": "chen@hengtong.example",
            }
        )
        cls.li_trading = Partner.create({"name": "Li Trading", "is_company": True})
        cls.li = Partner.create(
            {"name": "Li Xiuying", "parent_id": cls.li_trading.id, "email": "li@li.example"}
        )
        # Hengtong bought 120,000 ten months before the forum: a key client, but not
        # active in the six months the loyalty lift looks back on
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls._won(cls.chen, 120000, datetime(2026, 5, 20, 12))
        cls.env["client.segment"].sudo()._segment_clients()
        cls.key_segment = cls.env.ref("client_events.client_segment_key")

        cls.feedback = cls.env["survey.survey"].create(
            {
                "title": "Forum feedback",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How was the content? (0-10)",
                            "question_type": "scale",
                            "scale_min": 0,
                            "scale_max": 10,
                            "is_rating_question": True,
                            "evaluation_dimension": "content",
                        }
                    )
                ],
            }
        )
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Spring Client Forum",
                "date_tz": "UTC",
                "date_begin": datetime(2027, 3, 20, 9),
                "date_end": datetime(2027, 3, 20, 18),
                "user_id": cls.planner.id,
                "survey_id": cls.feedback.id,
                "target_ids": [Command.create({"indicator": "sales", "target": 100000})],
            }
        )

    @classmethod
    def _won(cls, partner, amount, closed):
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

    def _bus_notifications(self, user):
        self.env.cr.precommit.run()  # the bus messages are written at commit
        channel = json.dumps(
            [self.env.cr.dbname, "res.partner", user.partner_id.id], separators=(",", ":")
        )
        messages = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        return [
            json.loads(message.message)["payload"]
            for message in messages
            if json.loads(message.message)["type"] == "simple_notification"
        ]

    def test_one_turn_of_the_loop(self):
        self.assertEqual(self.hengtong.client_segment_id, self.key_segment)
        self.assertTrue(self.key_segment.is_top)

        # 1. researched: the evaluator sends the needs survey to the key clients
        research_survey = self.env["survey.survey"].create(
            {
                "title": "What do you want to hear about?",
                "question_and_page_ids": [
                    Command.create({"title": "Your topic", "question_type": "char_box"})
                ],
            }
        )
        with freeze_time("2027-01-10 10:00:00"):
            campaign = (
                self.env["event.research.campaign"]
                .with_user(self.evaluator)
                .create(
                    {
                        "name": "Needs of our key clients",
                        "survey_id": research_survey.id,
                        "segment_ids": [Command.set(self.key_segment.ids)],
                    }
                )
            )
            campaign.action_send()
        self.assertIn(self.hengtong, campaign.partner_ids)
        # the client answers on the survey's public page
        answer = campaign.user_input_ids.filtered(lambda a: a.partner_id == self.hengtong).sudo()
        self.assertEqual(answer.client_segment_id, self.key_segment)
        answer.user_input_line_ids = [
            Command.create(
                {
                    "question_id": research_survey.question_ids.id,
                    "answer_type": "char_box",
                    "value_char_box": "VAT reform",
                }
            )
        ]
        answer._mark_done()
        campaign.with_user(self.evaluator).action_close()
        self.forum.research_campaign_ids = campaign
        self.assertEqual(campaign.event_ids, self.forum)

        # 2. nominated by his sales rep, approved and invited by the planner
        with freeze_time("2027-02-01 10:00:00"):
            Nomination = self.env["event.nomination"].with_user(self.rep)
            chen_nomination = Nomination.create(
                {"event_id": self.forum.id, "partner_id": self.chen.id}
            )
            li_nomination = Nomination.create(
                {"event_id": self.forum.id, "partner_id": self.li.id}
            )
            self.assertEqual(chen_nomination.segment_id, self.key_segment)
            nominations = (chen_nomination | li_nomination).with_user(self.planner)
            nominations.action_approve()
            nominations.action_invite()
        self.assertEqual(set(nominations.mapped("state")), {"invited"})
        invitation = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.chen.ids)], order="id desc", limit=1
        )
        self.assertIn(chen_nomination.sudo()._get_rsvp_path(), invitation.body_html)

        # 3. Chen accepts through his personal link (as the page does); Li declines
        with freeze_time("2027-02-03 10:00:00"):
            chen_nomination.sudo()._rsvp_accept()
            li_nomination.sudo()._rsvp_decline()
        registration = chen_nomination.registration_id
        self.assertEqual(chen_nomination.state, "accepted")
        self.assertEqual(registration.partner_id, self.chen)
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.invited_date, chen_nomination.invited_date)
        self.assertEqual(self.forum.nomination_accepted_count, 1)
        self.assertEqual(self.forum.nomination_declined_count, 1)

        # 4. checked in: Rita is told at once, with a to-do to greet him
        with freeze_time("2027-03-20 09:20:00"):
            registration.with_user(self.desk_user).action_set_done()
        [notification] = self._bus_notifications(self.rep)
        self.assertIn("Chen Guoqiang", notification["message"])
        self.assertIn("Spring Client Forum", notification["message"])
        greeting = registration.activity_ids.filtered(lambda a: a.user_id == self.rep)
        self.assertEqual(greeting.summary, "Greet Hengtong Ltd, Chen Guoqiang")

        # 5. answers the survey low: 2 out of 10 is 20 %, under the threshold of 60
        with freeze_time("2027-03-21 08:00:00"):
            survey_url = registration._get_feedback_survey_url()
            feedback = self.env["survey.user_input"].search(
                [("registration_id", "=", registration.id)]
            )
            self.assertIn(feedback.access_token, survey_url)
            feedback.user_input_line_ids = [
                Command.create(
                    {
                        "question_id": self.feedback.question_ids.id,
                        "answer_type": "scale",
                        "value_scale": 2,
                    }
                )
            ]
            feedback._mark_done()
        self.assertAlmostEqual(feedback.feedback_score, 20.0)
        self.assertTrue(feedback.feedback_follow_up)
        follow_up = registration.activity_ids.filtered(
            lambda a: a.user_id == self.rep and a != greeting
        )
        self.assertEqual(len(follow_up), 1, "one follow-up for the owner")

        # 6. buys within the 90-day window: 80,000 on 15 April
        self._won(self.chen, 80000, datetime(2027, 4, 15, 12))

        # 7. counted in sales completion and loyalty lift
        with freeze_time("2027-04-20 10:00:00"):
            evaluation = (
                self.env["event.evaluation"]
                .with_user(self.evaluator)
                .create({"event_id": self.forum.id})
            )
            evaluation.action_refresh_metrics()
        self.assertEqual(evaluation.attended_count, 1)
        self.assertAlmostEqual(evaluation.satisfaction_content_score, 20.0)
        # 80,000 won of a target of 100,000
        self.assertEqual(evaluation.sales_won_amount, 80000)
        self.assertEqual(evaluation.sales_target, 100000)
        self.assertAlmostEqual(evaluation.sales_completion_rate, 0.8)
        # attendees: Hengtong, inactive in the six months before, active after (1 - 0);
        # control: Li Trading, invited and absent, inactive before and after (0 - 0)
        self.assertEqual(evaluation.loyalty_attendee_count, 1)
        self.assertEqual(evaluation.loyalty_control_count, 1)
        self.assertAlmostEqual(evaluation.loyalty_attendee_before_rate, 0.0)
        self.assertAlmostEqual(evaluation.loyalty_attendee_after_rate, 1.0)
        self.assertAlmostEqual(evaluation.loyalty_control_after_rate, 0.0)
        self.assertAlmostEqual(evaluation.loyalty_lift, 100.0)
