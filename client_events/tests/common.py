"""Users per role, and the records the tests of the suite start from.

``event_evaluation`` and ``big_account`` build their own ``tests/common.py`` on
``ClientEventsCommon``, as Odoo's addons build on ``odoo.addons.event.tests.common``.
The checks the three addons share are in ``shared_checks``.
"""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, freeze_time, new_test_user


def proposal_targets(participants=100):
    """The measurable targets of a proposal (目标量化), as a planner fills them in."""
    participants = max(participants, 0)
    return [
        Command.create({"indicator": indicator, "target": target})
        for indicator, target in (
            ("leads", max(participants // 10, 1)),
            ("sales", participants * 1000),
            ("satisfaction", 85),
            ("referrals", max(participants // 20, 1)),
        )
    ]


@freeze_time("2027-03-01 09:00:00")
class ClientEventsCommon(TransactionCase):
    """Users per role, a venue, and the group plan of 2027, approved, with a seminar
    planned in Q2.

    The suite reads as of Monday 1 March 2027: the plan of the year is approved,
    its spring seminars (10 May by default) are ahead.
    """

    EVENT_BEGIN = datetime(2027, 5, 10, 9, 0)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"large_event_participant_threshold": 300, "large_event_budget_threshold": 100000}
        )
        # one user per role, each in the group of his role (a group implies the ones
        # below it: an approver is a reviewer and a planner too)
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        cls.planner = new_test_user(
            cls.env, "ce_planner", groups="client_events.group_planner", context=ctx
        )
        cls.planner_2 = new_test_user(
            cls.env, "ce_planner_2", groups="client_events.group_planner", context=ctx
        )
        cls.reviewer = new_test_user(
            cls.env, "ce_reviewer", groups="client_events.group_reviewer", context=ctx
        )
        cls.approver = new_test_user(
            cls.env, "ce_approver", groups="client_events.group_approver", context=ctx
        )
        cls.hq_user = new_test_user(
            cls.env, "ce_hq", groups="client_events.group_headquarters", context=ctx
        )
        cls.executive = new_test_user(
            cls.env, "ce_executive", groups="client_events.group_executive", context=ctx
        )
        cls.ce_manager = new_test_user(
            cls.env, "ce_manager", groups="client_events.group_manager", context=ctx
        )
        # Odoo's own event roles: an organiser of other events, the registration desk
        cls.event_user = new_test_user(
            cls.env, "ce_event_user", groups="event.group_event_user", context=ctx
        )
        cls.desk_user = new_test_user(
            cls.env, "ce_desk", groups="event.group_event_registration_desk", context=ctx
        )

        cls.venue = cls.env["res.partner"].create({"name": "Shanghai Expo Hall"})
        cls.vendor = cls.env["res.partner"].create({"name": "Lotus Catering"})
        cls.attendee = cls.env["res.partner"].create(
            {"name": "Client Zhang", "email": "zhang@example.com"}
        )
        cls.seminar_type = cls.env.ref("client_events.event_type_seminar")
        cls.plain_type = cls.env["event.type"].create({"name": "Internal Meetup"})
        cls.cat_venue = cls.env.ref("client_events.event_budget_category_venue")
        cls.cat_catering = cls.env.ref("client_events.event_budget_category_catering")

        cls.rule_review = cls.env.ref("client_events.event_approval_rule_internal_review")
        cls.rule_leadership = cls.env.ref("client_events.event_approval_rule_leadership")
        cls.rule_hq = cls.env.ref("client_events.event_approval_rule_headquarters")
        cls.rule_vp = cls.env.ref("client_events.event_approval_rule_executive")

        # an approved group plan of 2027 with a Q2 line
        cls.group_plan = (
            cls.env["event.annual.plan"]
            .with_user(cls.planner)
            .create(
                {
                    "name": "Group Plan 2027",
                    "year": 2027,
                    "level": "group",
                    "target_budget": 1000000,
                    "line_ids": [
                        Command.create(
                            {
                                "quarter": "q2",
                                "name": "Spring Client Seminar",
                                "event_type_id": cls.seminar_type.id,
                                "planned_budget": 200000,
                            }
                        )
                    ],
                }
            )
        )
        cls.group_plan.action_submit_for_approval()
        cls.group_plan.with_user(cls.hq_user).action_approve(comment="Reviewed")
        cls.group_plan.with_user(cls.executive).action_approve()
        cls.plan_line_q2 = cls.group_plan.line_ids

    @classmethod
    def _create_event(
        cls,
        name="Client Seminar",
        user=None,
        participants=100,
        amounts=(5000,),
        plan_line=None,
        brand=False,
        begin=EVENT_BEGIN,
        targets=True,
        **values,
    ):
        """A client seminar proposal in draft, complete enough to be submitted."""
        vals = {
            "name": name,
            "event_type_id": cls.seminar_type.id,
            "date_begin": begin,
            "date_end": begin.replace(hour=17),
            "date_tz": "UTC",
            "address_id": cls.venue.id,
            "theme": "Tax reform 2027",
            "target_participant_count": participants,
            "is_brand_event": brand,
            "annual_plan_line_id": plan_line.id if plan_line else False,
            "budget_line_ids": [
                Command.create({"category_id": cls.cat_venue.id, "planned_amount": amount})
                for amount in amounts
            ],
        }
        if targets:
            vals["target_ids"] = proposal_targets(participants)
        vals.update(values)
        return cls.env["event.event"].with_user(user or cls.planner).create(vals)

    def _approve_all(self, record):
        """Approve every pending step with the lowest user able to do it."""
        by_group = {
            self.env.ref("client_events.group_reviewer"): self.reviewer,
            self.env.ref("client_events.group_approver"): self.approver,
            self.env.ref("client_events.group_headquarters"): self.hq_user,
            self.env.ref("client_events.group_executive"): self.executive,
        }
        while record.approval_current_id:
            record.with_user(by_group[record.approval_current_id.group_id]).action_approve()

    @classmethod
    def _force_approved(cls, events):
        """Approval itself is tested with the approval chain; here it is a given."""
        events.flush_recordset()
        cls.env.cr.execute(
            "UPDATE event_event SET approval_state = 'approved' WHERE id IN %s",
            [tuple(events.ids)],
        )
        events.invalidate_recordset(["approval_state"])

    @classmethod
    def _move_to_past(cls, events):
        """The events took place the day before yesterday (approved dates are locked)."""
        now = fields.Datetime.now()
        events.flush_recordset()
        cls.env.cr.execute(
            "UPDATE event_event SET date_begin = %s, date_end = %s WHERE id IN %s",
            [now - timedelta(days=2), now - timedelta(days=1), tuple(events.ids)],
        )
        events.invalidate_recordset(["date_begin", "date_end"])

    def _cost(self, line, amount, user=None, description="Hall rent"):
        return (
            self.env["event.cost"]
            .with_user(user or self.planner)
            .create(
                {
                    "event_id": line.event_id.id,
                    "budget_line_id": line.id,
                    "amount": amount,
                    "partner_id": self.vendor.id,
                    "description": description,
                }
            )
        )


class ClientEventsExecutionCommon(ClientEventsCommon):
    """The above, and an approved seminar with two budget lines, to be run: costs,
    budget changes, invitations and follow-up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event = cls._create_event(
            "Client Seminar Hangzhou",
            participants=80,
            budget_line_ids=[
                Command.create({"category_id": cls.cat_venue.id, "planned_amount": 10000}),
                Command.create({"category_id": cls.cat_catering.id, "planned_amount": 5000}),
            ],
        )
        cls.line_venue, cls.line_catering = cls.event.budget_line_ids
        cls._force_approved(cls.event)
