from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from .common import proposal_targets


class ClientEventsExecutionCommon(TransactionCase):
    """Users per role and an approved seminar with two budget lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"large_event_participant_threshold": 300, "large_event_budget_threshold": 100000}
        )
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        cls.planner = new_test_user(
            cls.env, "cex_planner", groups="client_events.group_planner", context=ctx
        )
        cls.approver = new_test_user(
            cls.env, "cex_approver", groups="client_events.group_approver", context=ctx
        )
        cls.executive = new_test_user(
            cls.env, "cex_executive", groups="client_events.group_executive", context=ctx
        )
        cls.ce_manager = new_test_user(
            cls.env, "cex_manager", groups="client_events.group_manager", context=ctx
        )
        cls.desk_user = new_test_user(
            cls.env,
            "cex_desk",
            groups="event.group_event_registration_desk",
            context=ctx,
        )
        cls.venue = cls.env["res.partner"].create({"name": "Hangzhou Convention Center"})
        cls.vendor = cls.env["res.partner"].create({"name": "Lotus Catering"})
        cls.seminar_type = cls.env.ref("client_events.event_type_seminar")
        cls.cat_venue = cls.env.ref("client_events.event_budget_category_venue")
        cls.cat_catering = cls.env.ref("client_events.event_budget_category_catering")
        cls.event = cls._create_event("Client Seminar Hangzhou")
        cls.line_venue, cls.line_catering = cls.event.budget_line_ids
        cls._force_approved(cls.event)

    @classmethod
    def _create_event(cls, name, days=30, venue_amount=10000.0, catering_amount=5000.0):
        begin = fields.Datetime.now() + timedelta(days=days)
        return (
            cls.env["event.event"]
            .with_user(cls.planner)
            .create(
                {
                    "name": name,
                    "theme": name,
                    "event_type_id": cls.seminar_type.id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=6),
                    "address_id": cls.venue.id,
                    "target_participant_count": 80,
                    "target_ids": proposal_targets(80),
                    "budget_line_ids": [
                        Command.create(
                            {"category_id": cls.cat_venue.id, "planned_amount": venue_amount}
                        ),
                        Command.create(
                            {
                                "category_id": cls.cat_catering.id,
                                "planned_amount": catering_amount,
                            }
                        ),
                    ],
                }
            )
        )

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
        events.flush_recordset()
        cls.env.cr.execute(
            "UPDATE event_event SET date_begin = now() - interval '2 days', "
            "date_end = now() - interval '1 day' WHERE id IN %s",
            [tuple(events.ids)],
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
