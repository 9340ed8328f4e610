"""Bad input on client events, one table per subject: refused with the message
users see, or a safe result (see ``shared_checks.BadInputTable``)."""

from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from .common import ClientEventsCommon
from .shared_checks import EMOJI_CJK, LONG_TEXT, BadInputTable


@tagged("post_install", "-at_install")
class TestInputChecks(BadInputTable, ClientEventsCommon):
    def _delete_partner_of(self, record, partner):
        record.partner_id = partner
        partner.unlink()
        self.assertTrue(record.exists())
        return record

    def _line(self, amount):
        return [Command.create({"category_id": self.cat_venue.id, "planned_amount": amount})]

    def test_proposals(self):
        agenda = [Command.create({"name": "Keynote", "time_from": 14, "time_to": 9})]
        self.run_table(
            [
                (
                    "negative budget line",
                    lambda: self._create_event(budget_line_ids=self._line(-5)),
                    r"cannot be completed: The planned amount of a budget line cannot be "
                    r"negative",
                ),
                (
                    "zero budget line (still to be priced)",
                    lambda: self._create_event(budget_line_ids=self._line(0)),
                    lambda event: self.assertEqual(event.budget_amount, 0),
                ),
                (
                    # ten billion to the cent; beyond about 1e12, floats lose the cents
                    "huge amount",
                    lambda: self._create_event(budget_line_ids=self._line(9_999_999_999.99)),
                    lambda event: self.assertEqual(event.budget_amount, 9_999_999_999.99),
                ),
                (
                    "negative target participants",
                    lambda: self._create_event(participants=-10),
                    r"Client Seminar cannot target -10 participants",
                ),
                (
                    "submitted with no target participants",
                    lambda: self._create_event(participants=0).action_submit_for_approval(),
                    r"Please fill in: target participants",
                ),
                (
                    "submitted with a blank theme",
                    lambda: self._create_event(theme="   ").action_submit_for_approval(),
                    r"Please fill in: theme",
                ),
                (
                    "end before start",
                    lambda: self._create_event(date_end=datetime(2027, 5, 9, 9)),
                    r"The closing date cannot be earlier than the beginning date",
                ),
                (
                    "agenda item ending before it starts",
                    lambda: self._create_event(agenda_line_ids=agenda),
                    r"Agenda item Keynote ends before it starts",
                ),
                (
                    "10,000-character theme",
                    lambda: self._create_event(theme=LONG_TEXT),
                    lambda event: self.assertEqual(event.theme, LONG_TEXT),
                ),
                (
                    "emoji and CJK name",
                    lambda: self._create_event(name=EMOJI_CJK),
                    lambda event: self.assertEqual(event.display_name, EMOJI_CJK),
                ),
            ]
        )

    def test_plans_and_settings(self):
        Plan = self.env["event.annual.plan"]
        self.run_table(
            [
                (
                    "negative budget target",
                    lambda: Plan.create(
                        {"name": "North", "year": 2027, "level": "regional", "target_budget": -1}
                    ),
                    r"budget target of plan North cannot be negative",
                ),
                (
                    "year 0",
                    lambda: Plan.create({"name": "North", "year": 0, "level": "regional"}),
                    r"Enter a valid year for plan North",
                ),
                (
                    "negative plan line",
                    lambda: Plan.create(
                        {
                            "name": "North",
                            "year": 2027,
                            "level": "regional",
                            "line_ids": [
                                Command.create(
                                    {"quarter": "q1", "name": "Tea", "planned_budget": -5}
                                )
                            ],
                        }
                    ),
                    r"planned budget of a plan line cannot be negative",
                ),
                (
                    "large-event threshold of zero",
                    lambda: (
                        self.env["res.config.settings"]
                        .create({"large_event_participant_threshold": 0})
                        .execute()
                    ),
                    r"large-event thresholds of .* must be positive",
                ),
                (
                    "risk levels upside down",
                    lambda: (
                        self.env["res.config.settings"]
                        .create({"risk_medium_score": 20, "risk_high_score": 10})
                        .execute()
                    ),
                    r"the medium score must be above 1 and below the high score",
                ),
            ]
        )

    def test_execution(self):
        event = self._create_event(plan_line=self.plan_line_q2)
        event.action_submit_for_approval()
        self._approve_all(event)
        line = event.budget_line_ids
        risk_type = self.env["event.risk.type"].search([], limit=1)

        def change(amount):
            return self.env["event.budget.change"].create(
                {"event_id": event.id, "budget_line_id": line.id, "amount": amount, "reason": "x"}
            )

        def cost(amount):
            return self.env["event.cost"].create(
                {
                    "event_id": event.id,
                    "budget_line_id": line.id,
                    "amount": amount,
                    "description": "Hall",
                }
            )

        self.run_table(
            [
                ("negative cost", lambda: cost(-50), r"must be a positive amount"),
                ("zero cost", lambda: cost(0), r"must be a positive amount"),
                ("negative budget change", lambda: change(-50), r"must ask for a positive amount"),
                ("zero budget change", lambda: change(0), r"must ask for a positive amount"),
                (
                    "risk likelihood 9",
                    lambda: self.env["event.risk"].create(
                        {
                            "event_id": event.id,
                            "risk_type_id": risk_type.id,
                            "name": "Rain",
                            "likelihood": 9,
                        }
                    ),
                    r"Likelihood goes from 1 to 5",
                ),
                (
                    "deleted vendor of a cost",
                    lambda: self._delete_partner_of(
                        cost(300), self.env["res.partner"].create({"name": "Short-lived Co"})
                    ),
                    lambda kept: self.assertEqual((kept.amount, kept.partner_id.id), (300, False)),
                ),
                (
                    "deleted partner of an attendee",
                    lambda: self._delete_partner_of(
                        self.env["event.registration"].create({"event_id": event.id}),
                        self.env["res.partner"].create({"name": "Gone Client", "email": "g@x.cn"}),
                    ),
                    lambda kept: self.assertEqual(
                        (kept.name, kept.email), ("Gone Client", "g@x.cn"), "the guest stays"
                    ),
                ),
                (
                    "blank incident",
                    lambda: self.env["event.incident"].create({"event_id": event.id, "name": " "}),
                    r"the summary of an incident cannot be blank",
                ),
            ]
        )

    def test_targets_and_states(self):
        event = self._create_event()
        risk = self.env["event.risk"].create(
            {
                "event_id": event.id,
                "name": "Rain on the day",
                "risk_type_id": self.env["event.risk.type"].search([], limit=1).id,
            }
        )
        incident = self.env["event.incident"].create({"event_id": event.id, "name": "Late bus"})
        report = self.env["event.daily.report"].create(
            {"event_id": event.id, "day": datetime(2027, 5, 10).date()}
        )
        self.run_table(
            [
                (
                    "a second target of the same indicator",
                    lambda: event.write(
                        {"target_ids": [Command.create({"indicator": "leads", "target": 3})]}
                    ),
                    r"An event has one target per indicator",
                ),
                (
                    "a type listing an indicator twice",
                    lambda: self.seminar_type.write(
                        {"target_template_ids": [Command.create({"indicator": "leads"})]}
                    ),
                    r"An event type lists each target indicator once",
                ),
                (
                    "a risk marked mitigated by hand",
                    lambda: risk.write({"state": "mitigated"}),
                    r"Rain on the day: State can be changed only with the buttons of the form",
                ),
                (
                    "an incident marked resolved by hand",
                    lambda: incident.write({"state": "resolved"}),
                    r"Late bus: State can be changed only with the buttons of the form",
                ),
                (
                    "a wrap-up confirmed by hand",
                    lambda: report.write({"state": "confirmed"}),
                    r": State can be changed only with the buttons of the form",
                ),
            ]
        )
