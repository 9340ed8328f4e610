from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ClientEventsExecutionCommon


@tagged("post_install", "-at_install")
class TestEventFollowup(ClientEventsExecutionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            "ce_salesman",
            groups="sales_team.group_sale_salesman,event.group_event_user",
            context={"no_reset_password": True},
        )
        cls.team = cls.env["crm.team"].create({"name": "Key Accounts"})
        cls.event.user_id = cls.salesman
        Partner = cls.env["res.partner"]
        cls.p_li = Partner.create({"name": "Client Li", "email": "li@example.com"})
        cls.p_wang = Partner.create({"name": "Client Wang", "email": "wang@example.com"})
        cls.p_zhao = Partner.create({"name": "Client Zhao", "email": "zhao@example.com"})
        cls.p_absent = Partner.create({"name": "Client Absent", "email": "absent@example.com"})
        Registration = cls.env["event.registration"]
        cls.reg_li, cls.reg_wang, cls.reg_zhao, cls.reg_absent = Registration.create(
            [
                {"event_id": cls.event.id, "partner_id": partner.id}
                for partner in (cls.p_li, cls.p_wang, cls.p_zhao, cls.p_absent)
            ]
        )
        # Li and Wang told the desk of their interest before they attended: the
        # rule on interest shown at follow-up did not run, the organiser hands them
        # to sales with "Generate Opportunities"
        cls.reg_li.write(
            {"interest_level": "intention", "followup_note": "Wants a quote for 200 units"}
        )
        cls.reg_wang.interest_level = "interested"
        (cls.reg_li | cls.reg_wang | cls.reg_zhao).action_set_done()
        cls._move_to_past(cls.event)
        cls.rule = cls.env.ref("client_events.event_lead_rule_interested_attendee")

    def test_no_show_after_the_event(self):
        self.assertTrue(self.reg_absent.is_no_show)
        self.assertFalse(self.reg_li.is_no_show)
        no_shows = self.env["event.registration"].search(
            [("event_id", "=", self.event.id), ("is_no_show", "=", True)]
        )
        self.assertEqual(no_shows, self.reg_absent)

    def test_not_a_no_show_before_the_event(self):
        """A guest expected at an event still ahead is no no-show, whatever his state."""
        ahead = self.env["event.event"].create(
            {
                "name": "Event ahead",
                "date_begin": "2099-05-01 09:00:00",
                "date_end": "2099-05-01 18:00:00",
            }
        )
        expected = self.env["event.registration"].create(
            {"event_id": ahead.id, "partner_id": self.p_absent.id}
        )
        self.assertFalse(expected.is_no_show)
        shown = self.env["event.registration"].search(
            [("event_id", "in", (self.event | ahead).ids), ("is_no_show", "=", False)]
        )
        self.assertEqual(shown, self.reg_li | self.reg_wang | self.reg_zhao | expected)
        self.assertEqual(
            shown,
            self.env["event.registration"].search(
                [("event_id", "in", (self.event | ahead).ids), ("is_no_show", "!=", True)]
            ),
        )

    def test_thank_you_is_sent_once_per_attendee(self):
        mails_before = self.env["mail.mail"].search_count([])
        self.event.with_user(self.planner).action_send_thank_you()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 3)
        self.assertTrue(self.reg_li.thank_you_date)
        self.assertFalse(self.reg_absent.thank_you_date)
        mail = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertIn("Thank you for attending", mail.subject)
        self.assertNotIn("Give your feedback", mail.body_html)
        self.event.with_user(self.planner).action_send_thank_you()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 3)

    def test_thank_you_refused_before_the_end(self):
        event = self._create_event("Future Seminar")
        self._force_approved(event)
        with self.assertRaisesRegex(UserError, "Future Seminar has not ended yet"):
            event.with_user(self.planner).action_send_thank_you()

    def test_followup_activity_for_a_named_person(self):
        deadline = date(2030, 1, 15)
        activity = self.reg_li.with_user(self.planner).action_log_followup(self.salesman, deadline)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, deadline)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("client_events.mail_activity_type_event_followup"),
        )
        self.assertIn("Wants a quote for 200 units", str(activity.note))
        with self.assertRaisesRegex(UserError, "needs a person to do it and a deadline"):
            self.reg_wang.with_user(self.planner).action_log_followup(self.salesman, False)

    def _generate(self, **vals):
        wizard = (
            self.env["event.lead.generate"]
            .with_user(self.salesman)
            .with_context(default_event_id=self.event.id)
            .create(vals)
        )
        wizard.action_generate()
        return wizard

    def test_opportunities_generated_once_and_assigned(self):
        wizard = self._generate()
        self.assertEqual(wizard.registration_ids, self.reg_li | self.reg_wang)
        leads = self.env["crm.lead"].search([("event_id", "=", self.event.id)])
        self.assertEqual(leads.partner_id, self.p_li | self.p_wang)
        self.assertEqual(set(leads.mapped("type")), {"opportunity"})
        self.assertEqual(leads.user_id, self.salesman)
        lead_li = leads.filtered(lambda lead: lead.partner_id == self.p_li)
        self.assertEqual(lead_li.registration_ids, self.reg_li)
        self.assertEqual(lead_li.priority, "2")
        self.assertIn("Wants a quote", lead_li.description)
        # running it again creates nothing new
        wizard = self._generate()
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(wizard.linked_count, 2)
        self.assertEqual(self.env["crm.lead"].search([("event_id", "=", self.event.id)]), leads)
        self.assertEqual(self.event.opportunity_count, 2)

    def test_opportunities_for_a_chosen_team(self):
        self._generate(user_id=False, team_id=self.team.id)
        leads = self.env["crm.lead"].search([("event_id", "=", self.event.id)])
        self.assertEqual(leads.team_id, self.team)
        self.assertFalse(leads.user_id)

    def test_existing_open_opportunity_is_linked(self):
        existing = self.env["crm.lead"].create(
            {
                "name": "Li renewal",
                "type": "opportunity",
                "partner_id": self.p_li.id,
                "expected_revenue": 5000,
            }
        )
        wizard = self._generate(registration_ids=[Command.set(self.reg_li.ids)])
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(wizard.linked_count, 1)
        self.assertEqual(existing.event_id, self.event)
        self.assertEqual(existing.registration_ids, self.reg_li)
        self.assertEqual(self.event.opportunity_expected_revenue, 5000)
        self.assertEqual(self.event.opportunity_won_revenue, 0)
        existing.action_set_won()
        self.event.invalidate_recordset(["opportunity_won_revenue"])
        self.assertEqual(self.event.opportunity_won_revenue, 5000)

    def test_lead_from_event_crm_rule_is_reused(self):
        rule_lead = self.env["crm.lead"].create(
            {
                "name": "From registration rule",
                "type": "lead",
                "event_id": self.event.id,
                "registration_ids": [Command.set(self.reg_wang.ids)],
            }
        )
        wizard = self._generate(registration_ids=[Command.set(self.reg_wang.ids)])
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(rule_lead.type, "opportunity")

    def test_generate_refused_without_interest(self):
        with self.assertRaisesRegex(UserError, "No attendee of Client Seminar Hangzhou"):
            self._generate(registration_ids=[Command.set(self.reg_zhao.ids)])

    # ------------------------------------------------------------
    # The shipped lead generation rule, run on interest shown at follow-up
    # ------------------------------------------------------------

    def _leads_of(self, registrations):
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("registration_ids", "in", registrations.ids)])
        )

    def _follow_up(self, registration, level="intention", note=None):
        values = {"interest_level": level}
        if note:
            values["followup_note"] = note
        registration.with_user(self.planner).write(values)

    def test_rule_listed_with_the_lead_generation_rules(self):
        manager = new_test_user(
            self.env,
            "ce_event_manager",
            groups="event.group_event_manager",
            context={"no_reset_password": True},
        )
        action = self.env.ref("event_crm.event_lead_rule_action")
        rules = self.env[action.res_model].with_user(manager).search([])
        self.assertIn(self.rule, rules)
        self.assertEqual(self.rule.lead_type, "opportunity")
        trigger = self.env["event.lead.rule"].fields_get(["lead_creation_trigger"])[
            "lead_creation_trigger"
        ]
        self.assertEqual(dict(trigger["selection"])["interest"], "Interest shown at follow-up")
        self.assertEqual(self.rule.lead_creation_trigger, "interest")

    def test_interest_at_followup_creates_one_opportunity(self):
        self.rule.lead_user_id = self.salesman
        self._follow_up(self.reg_zhao, note="Asks for a visit of the plant\nBudget in Q3")
        lead = self._leads_of(self.reg_zhao)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.p_zhao)
        self.assertEqual(lead.user_id, self.salesman)
        self.assertEqual(lead.priority, "2")
        self.assertIn("Asks for a visit of the plant", lead.description)
        self.assertIn("Budget in Q3", lead.description)
        self.assertEqual(lead.event_id, self.event)
        self.assertEqual(lead.company_id, self.event.company_id)
        self.assertEqual(lead.event_lead_rule_id, self.rule)
        self.assertIn(lead, self.rule.lead_ids)
        self.assertEqual(self.event.opportunity_count, 1)
        # marked again, or generated again: the same opportunity
        self._follow_up(self.reg_zhao, level="interested")
        self._follow_up(self.reg_zhao)
        wizard = self._generate(registration_ids=[Command.set(self.reg_zhao.ids)])
        self.assertEqual((wizard.created_count, wizard.linked_count), (0, 1))
        self.env["event.registration"].search(
            [("event_id", "=", self.event.id)]
        )._apply_lead_generation_rules()
        self.assertEqual(self._leads_of(self.reg_zhao), lead)

    def test_interested_attendee_priority(self):
        self._follow_up(self.reg_zhao, level="interested")
        lead = self._leads_of(self.reg_zhao)
        self.assertEqual(lead.priority, "1")
        self.assertFalse(lead.user_id, "the shipped rule names no salesperson")

    def test_open_opportunity_of_the_customer_is_linked(self):
        existing = self.env["crm.lead"].create(
            {
                "name": "Zhao maintenance contract",
                "type": "opportunity",
                "partner_id": self.p_zhao.id,
            }
        )
        self._follow_up(self.reg_zhao)
        self.assertEqual(self._leads_of(self.reg_zhao), existing)
        self.assertEqual(existing.event_id, self.event)
        self.assertEqual(
            self.env["crm.lead"].search_count([("partner_id", "=", self.p_zhao.id)]), 1
        )

    def test_won_opportunity_is_not_linked(self):
        won = self.env["crm.lead"].create(
            {"name": "Zhao first order", "type": "opportunity", "partner_id": self.p_zhao.id}
        )
        won.action_set_won()
        self._follow_up(self.reg_zhao)
        lead = self._leads_of(self.reg_zhao)
        self.assertEqual(len(lead), 1)
        self.assertNotEqual(lead, won)

    def test_one_opportunity_per_customer_and_event(self):
        second = self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": self.p_zhao.id, "name": "Zhao's assistant"}
        )
        second.action_set_done()
        (self.reg_zhao | second).with_user(self.planner).write({"interest_level": "intention"})
        lead = self._leads_of(self.reg_zhao | second)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.registration_ids, self.reg_zhao | second)

    def test_not_attended_or_not_interested_get_nothing(self):
        self._follow_up(self.reg_absent)
        self._follow_up(self.reg_zhao, level="none", note="Not this year")
        self.assertFalse(self._leads_of(self.reg_absent | self.reg_zhao))
        self.assertEqual(self.event.opportunity_count, 0)

    def test_rules_skipped_on_demand(self):
        self.reg_zhao.with_context(event_lead_rule_skip=True).interest_level = "intention"
        self.assertFalse(self._leads_of(self.reg_zhao))

    def test_plain_event_untouched_by_the_rule(self):
        plain = self.env["event.event"].create(
            {
                "name": "Neighbourhood Open Day",
                "user_id": self.salesman.id,
                "date_begin": self.event.date_begin,
                "date_end": self.event.date_end,
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": plain.id, "partner_id": self.p_zhao.id}
        )
        registration.action_set_done()
        self._follow_up(registration)
        self.assertFalse(self._leads_of(registration))
        # the organiser may still hand them to sales, under the same rule
        wizard = (
            self.env["event.lead.generate"].with_user(self.salesman).create({"event_id": plain.id})
        )
        self.assertEqual(wizard.rule_id, self.rule)
        wizard.action_generate()
        lead = self._leads_of(registration)
        self.assertEqual(wizard.created_count, 1)
        self.assertEqual(lead.event_lead_rule_id, self.rule)

    def test_wizard_salesperson_and_team_win_over_the_rule(self):
        other_team = self.env["crm.team"].create({"name": "Retail"})
        self.rule.write({"lead_user_id": self.planner.id, "lead_sales_team_id": other_team.id})
        wizard = (
            self.env["event.lead.generate"]
            .with_user(self.salesman)
            .with_context(default_event_id=self.event.id)
            .create({})
        )
        self.assertEqual((wizard.user_id, wizard.team_id), (self.planner, other_team))
        wizard.write({"user_id": self.salesman.id, "team_id": self.team.id})
        wizard.action_generate()
        leads = self._leads_of(self.reg_li | self.reg_wang)
        self.assertEqual(len(leads), 2)
        self.assertEqual(leads.user_id, self.salesman)
        self.assertEqual(leads.team_id, self.team)
        self.assertEqual(leads.event_lead_rule_id, self.rule)
        self.assertEqual(leads.filtered(lambda lead: lead.partner_id == self.p_wang).priority, "1")

    def test_generate_refused_without_a_rule(self):
        self.rule.active = False
        with self.assertRaisesRegex(UserError, "No lead generation rule runs on the interest"):
            self._generate()
        self.assertFalse(self._leads_of(self.reg_li | self.reg_wang))
