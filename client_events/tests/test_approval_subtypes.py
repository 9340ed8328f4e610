from odoo import Command
from odoo.tests import tagged

from .common import ClientEventsCommon


@tagged("post_install", "-at_install")
class TestApprovalSubtypes(ClientEventsCommon):
    """Followers choose which approval decisions they hear of: each decision is the
    tracked status under its own subtype, not a second message written by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = (
            cls.env["event.annual.plan"]
            .with_user(cls.planner)
            .create(
                {
                    "name": "Group Plan",
                    "year": 2027,
                    "level": "group",
                    "target_budget": 100000,
                    "line_ids": [
                        Command.create(
                            {
                                "quarter": "q1",
                                "name": "Spring Seminar",
                                "event_type_id": cls.seminar_type.id,
                                "planned_budget": 50000,
                            }
                        )
                    ],
                }
            )
        )
        # created in an earlier request than the decisions (Odoo tracks no change of a
        # record in the request that creates it)
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _flush_tracking(self):
        """Tracked changes are posted when the request commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _status_messages(self):
        return self.plan.sudo().message_ids.filtered("tracking_value_ids").sorted("id")

    def test_each_decision_is_tracked_under_its_subtype(self):
        self.plan.with_user(self.planner).action_submit_for_approval()
        self._flush_tracking()
        self.plan.with_user(self.hq_user).action_reject("The budget is too high.")
        self._flush_tracking()
        self.plan.with_user(self.planner).action_reset_to_draft()
        self._flush_tracking()
        messages = self._status_messages()
        self.assertEqual(
            messages.mapped("subtype_id"),
            self.env.ref("client_events.mt_event_annual_plan_submitted")
            + self.env.ref("client_events.mt_event_annual_plan_rejected")
            + self.env.ref("mail.mt_note"),
        )
        self.assertEqual(messages.author_id, self.planner.partner_id + self.hq_user.partner_id)
        self.assertFalse(
            self.plan.message_ids.filtered(lambda m: "Back to draft" in (m.body or "")),
            "taking the plan back is said once, by its tracked status",
        )

    def test_followers_may_choose_approval_decisions(self):
        subtypes = self.env["mail.message.subtype"].search(
            [("res_model", "=", "event.event"), ("name", "ilike", "Proposal")]
        )
        self.assertEqual(
            sorted(subtypes.mapped("name")),
            ["Proposal Approved", "Proposal Rejected", "Proposal Submitted for Approval"],
        )
        self.assertEqual(
            sorted(subtypes.filtered("default").mapped("name")),
            ["Proposal Approved", "Proposal Rejected"],
            "followers hear of decisions by default, of submissions if they choose",
        )
