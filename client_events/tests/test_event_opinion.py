from datetime import date, datetime
from re import escape

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientEventsCommon


class OpinionCase(ClientEventsCommon):
    """Two regions: the company of the suite (East) and North, each with its planner;
    headquarters belongs to both. As of Monday 1 March 2027, 9:00 UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.opinion_response_hours = 24
        cls.north = cls.env["res.company"].create({"name": "North Region Co."})
        cls.north_planner = new_test_user(
            cls.env,
            "ce_north_planner",
            groups="client_events.group_planner",
            company_id=cls.north.id,
            company_ids=[Command.set(cls.north.ids)],
            tz="UTC",
        )
        cls.hq_user.company_ids = [Command.link(cls.north.id)]
        (cls.planner | cls.planner_2).tz = "UTC"
        cls.event = cls._create_event("Spring Client Seminar", event_type_id=cls.plain_type.id)
        cls.public_opinion = cls.env.ref("client_events.event_risk_type_public_opinion")

    def _opinion(self, name="Weibo post: long queues", user=None, **values):
        return (
            self.env["event.opinion"]
            .with_user(user or self.planner)
            .create({"name": name, "source": "social", "reach": 12000, **values})
        )

    def _owner_choices(self, model):
        field = self.env[model]._fields["owner_id"]
        return self.env["res.users"].search(field.get_domain_list(self.env[model]))

    def _negative(self, name="Weibo post: long queues", **values):
        return self._opinion(name, sentiment="negative", event_id=self.event.id, **values)


@tagged("post_install", "-at_install")
class TestOpinionFlow(OpinionCase):
    def test_negative_mention_is_due_the_response_hours_of_the_settings(self):
        opinion = self._negative()
        self.assertEqual(opinion.date_deadline, datetime(2027, 3, 2, 9, 0))
        self.assertEqual(opinion.date, date(2027, 3, 1))
        self.assertEqual(opinion.company_id, self.company, "the event's region")
        self.company.opinion_response_hours = 4
        self.assertEqual(self._negative("Forum thread").date_deadline, datetime(2027, 3, 1, 13, 0))
        self.assertFalse(self._opinion(sentiment="positive").date_deadline)
        neutral = self._opinion("Press article")
        neutral.sentiment = "negative"
        self.assertEqual(neutral.date_deadline, datetime(2027, 3, 1, 13, 0))

    def test_settings_refuse_a_response_time_of_zero(self):
        with self.assertRaisesRegex(
            ValidationError,
            "The response time to negative opinion and the risk check-up cadence of "
            f"{self.company.name} must be positive",
        ):
            self.company.opinion_response_hours = 0

    def test_owner_answers_before_the_deadline_and_the_to_do_is_done(self):
        opinion = self._negative(owner_id=self.planner_2.id)
        opinion.action_assign()
        self.assertEqual(opinion.state, "assigned")
        todo = opinion.activity_ids
        self.assertEqual(todo.user_id, self.planner_2)
        self.assertEqual(
            todo.activity_type_id,
            self.env.ref("client_events.mail_activity_type_opinion_response"),
        )
        self.assertEqual(todo.date_deadline, date(2027, 3, 2))
        self.assertEqual(todo.summary, "Answer: Weibo post: long queues")

        opinion = opinion.with_user(self.planner_2)
        opinion.response = "Apologised on Weibo; a second check-in desk from 8:30."
        opinion.action_answer()
        self.assertEqual(opinion.state, "answered")
        self.assertFalse(opinion.activity_ids, "the to-do is done")
        opinion.action_close()
        self.assertEqual(opinion.state, "closed")
        # what was answered stays as answered, until the mention is reopened
        for vals in ({"sentiment": "neutral"}, {"response": "Nothing happened."}):
            with self.assertRaisesRegex(
                UserError,
                "Weibo post: long queues: answered mentions keep their sentiment and "
                "response as they were answered. Reopen the mention to change them.",
            ):
                opinion.sudo().write(vals)
        opinion.action_reopen()
        opinion.sentiment = "neutral"
        opinion.invalidate_recordset(["sentiment"])
        self.assertEqual(opinion.sentiment, "neutral", "written once reopened")

    def test_a_new_owner_gets_the_to_do(self):
        opinion = self._negative(owner_id=self.planner.id)
        opinion.action_assign()
        opinion.owner_id = self.planner_2
        self.assertEqual(opinion.activity_ids.user_id, self.planner_2)
        self.assertEqual(len(opinion.activity_ids), 1)

    def test_the_owner_is_a_planner_who_can_answer(self):
        """The to-do goes to someone who can answer: the picker offers planners, and
        nobody else is taken, whoever writes."""
        self.assertIn(self.planner_2, self._owner_choices("event.opinion"))
        self.assertNotIn(self.event_user, self._owner_choices("event.opinion"))
        opinion = self._negative()
        for record in (opinion, opinion.sudo()):
            with (
                self.subTest(su=record.env.su),
                self.assertRaisesRegex(
                    ValidationError,
                    escape(
                        f"{self.event_user.name} cannot own Weibo post: long queues: only "
                        "planners answer mentions. Choose a planner, or ask an administrator "
                        f"to give {self.event_user.name} the Planner role."
                    ),
                ),
                self.env.cr.savepoint(),
            ):
                record.owner_id = self.event_user
        opinion.invalidate_recordset()
        self.assertFalse(opinion.owner_id)

    def test_positive_mention_is_closed_without_an_answer(self):
        opinion = self._opinion(sentiment="positive")
        opinion.action_close()
        self.assertEqual(opinion.state, "closed")
        opinion.action_reopen()
        self.assertEqual(opinion.state, "new")

    def test_every_refusal_names_the_mention(self):
        opinion = self._negative()
        with self.assertRaisesRegex(
            UserError,
            "Choose the owner who answers the mention “Weibo post: long queues” before "
            "assigning it.",
        ):
            opinion.action_assign()
        opinion.write({"owner_id": self.planner_2.id, "date_deadline": False})
        with self.assertRaisesRegex(
            UserError,
            "The negative mention “Weibo post: long queues” needs a response deadline: set "
            "one before assigning it.",
        ):
            opinion.action_assign()
        with self.assertRaisesRegex(
            UserError,
            "The mention “Weibo post: long queues” is not assigned: assign it to an owner "
            "before answering it.",
        ):
            opinion.action_answer()
        with self.assertRaisesRegex(
            UserError,
            "The negative mention “Weibo post: long queues” has not been answered: answer it "
            "before closing it.",
        ):
            opinion.action_close()
        with self.assertRaisesRegex(
            UserError,
            "The mention “Weibo post: long queues” is still open: only answered or closed "
            "mentions can be reopened.",
        ):
            opinion.action_reopen()
        opinion.date_deadline = datetime(2027, 3, 2, 9, 0)
        opinion.action_assign()
        with self.assertRaisesRegex(
            UserError,
            "The mention “Weibo post: long queues” is assigned already: only new mentions "
            "can be assigned.",
        ):
            opinion.action_assign()
        opinion.response = "   "
        with self.assertRaisesRegex(
            UserError,
            "Write the response to the mention “Weibo post: long queues” before marking it "
            "answered.",
        ):
            opinion.action_answer()
        opinion.response = "Answered in the comments."
        opinion.action_answer()
        opinion.action_close()
        with self.assertRaisesRegex(
            UserError, "The mention “Weibo post: long queues” is closed already."
        ):
            opinion.action_close()
        with self.assertRaisesRegex(UserError, "This search is not supported."):
            self.env["event.opinion"].search([("is_overdue", ">", 1)])

    def test_state_is_written_by_the_buttons_only(self):
        opinion = self._negative()
        message = "Weibo post: long queues: State can be changed only with the buttons"
        with self.assertRaisesRegex(UserError, message):
            opinion.write({"state": "closed"})
        with self.assertRaisesRegex(UserError, message):
            opinion.sudo().write({"state": "answered"})
        with self.assertRaisesRegex(UserError, "State can be changed only with the buttons"):
            self._opinion("Forged", state="closed")
        with self.assertRaisesRegex(UserError, "State can be changed only with the buttons"):
            self.env["event.opinion"].sudo().with_context(default_state="assigned").create(
                {"name": "Forged too"}
            )
        self.assertEqual(opinion.state, "new")

    def test_overdue_mentions_show_until_they_are_answered(self):
        late = self._negative(owner_id=self.planner_2.id)
        late.action_assign()
        in_time = self._negative("Review site: cold coffee", owner_id=self.planner_2.id)
        in_time.action_assign()
        in_time.date_deadline = datetime(2027, 3, 5, 9, 0)
        without_deadline = self._opinion("Press article")
        Opinion = self.env["event.opinion"].with_user(self.hq_user)
        with freeze_time("2027-03-02 08:59:00"):
            self.assertFalse(Opinion.search([("is_overdue", "=", True)]))
        with freeze_time("2027-03-02 09:01:00"):
            self.assertEqual(Opinion.search([("is_overdue", "=", True)]), late)
            self.assertTrue(late.is_overdue)
            not_overdue = Opinion.search([("is_overdue", "=", False)])
            self.assertIn(in_time, not_overdue)
            self.assertIn(without_deadline, not_overdue)
            self.assertNotIn(late, not_overdue)
            late.response = "Called the guest."
            late.action_answer()
            self.assertFalse(Opinion.search([("is_overdue", "=", True)]))


@tagged("post_install", "-at_install")
class TestOpinionRisk(OpinionCase):
    def test_link_creates_the_public_opinion_risk_once(self):
        first = self._negative(owner_id=self.planner_2.id)
        first.action_link_risk()
        risk = first.risk_id
        self.assertEqual(risk.event_id, self.event)
        self.assertEqual(risk.risk_type_id, self.public_opinion)
        self.assertEqual(risk.name, "Negative opinion about Spring Client Seminar")
        self.assertEqual(risk.owner_id, self.planner_2)
        self.assertEqual(risk.level, "medium")
        second = self._negative("Forum thread: parking")
        second.action_link_risk()
        self.assertEqual(second.risk_id, risk, "the event's risk, not a second one")
        self.assertEqual(self.event.risk_ids, risk)

    def test_link_leaves_a_risk_without_an_owner_who_may_not_own_it(self):
        """A mention logged before owners had to be planners still links: its owner
        does not become the risk's."""
        legacy = self._negative()
        self.env.cr.execute(
            "UPDATE event_opinion SET owner_id = %s WHERE id = %s",
            [self.event_user.id, legacy.id],
        )
        legacy.invalidate_recordset(["owner_id"])
        legacy.action_link_risk()
        self.assertEqual(legacy.risk_id.risk_type_id, self.public_opinion)
        self.assertFalse(legacy.risk_id.owner_id)

    def test_link_refused_without_event_or_to_another_risk(self):
        about_company = self._opinion("WeChat article about the brand", sentiment="negative")
        with self.assertRaisesRegex(
            UserError,
            "The mention “WeChat article about the brand” is about no event: choose the event "
            "before linking it to the event's public-opinion risk.",
        ):
            about_company.action_link_risk()
        weather = self.env["event.risk"].create(
            {
                "event_id": self.event.id,
                "risk_type_id": self.env.ref("client_events.event_risk_type_weather").id,
                "name": "Storm",
            }
        )
        with self.assertRaisesRegex(
            ValidationError,
            "The mention “Weibo post: long queues” can only be linked to a public-opinion "
            "risk of its own event: “Storm” is not one.",
        ):
            self._negative(risk_id=weather.id)


@tagged("post_install", "-at_install", "security")
class TestOpinionCompanies(OpinionCase):
    def test_a_region_sees_its_own_mentions_and_headquarters_all(self):
        east = self._negative()
        north = self._opinion("North forum thread", user=self.north_planner, sentiment="negative")
        self.assertEqual(north.company_id, self.north)
        Opinion = self.env["event.opinion"]
        self.assertEqual(Opinion.with_user(self.north_planner).search([]), north)
        self.assertEqual(Opinion.with_user(self.planner).search([]), east)
        with self.assertRaises(AccessError):
            east.with_user(self.north_planner).read(["name"])
        with self.assertRaises(AccessError):
            east.with_user(self.north_planner).write({"response": "Not mine"})
        counts = Opinion.with_user(self.north_planner).read_group([], ["reach:sum"], ["sentiment"])
        self.assertEqual([(c["sentiment"], c["reach"]) for c in counts], [("negative", 12000)])
        hq = Opinion.with_user(self.hq_user).with_context(
            allowed_company_ids=[self.company.id, self.north.id]
        )
        self.assertEqual(
            hq.search([("state", "in", ("new", "assigned")), ("sentiment", "=", "negative")]),
            east | north,
        )
        # headquarters, working in its own company, logs a mention of a region's event
        north_event = (
            self.env["event.event"]
            .with_user(self.north_planner)
            .create(
                {
                    "name": "North gala",
                    "date_begin": "2027-06-01 10:00:00",
                    "date_end": "2027-06-01 18:00:00",
                }
            )
        )
        logged = hq.create({"name": "Gala praised", "source": "news", "event_id": north_event.id})
        self.assertEqual(logged.company_id, self.north)

    def test_only_events_administrators_delete_mentions(self):
        opinion = self._opinion()
        with self.assertRaises(AccessError):
            opinion.with_user(self.hq_user).unlink()
        opinion.with_user(self.ce_manager).unlink()
        self.assertFalse(opinion.exists())
