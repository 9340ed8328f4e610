from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

# Days before the event by which a large event's venue must have been inspected.
SAFETY_INSPECTION_DAYS = 3


class EventEvent(models.Model):
    _inherit = "event.event"

    risk_ids = fields.One2many(
        "event.risk",
        "event_id",
        string="Risk Register",
        compute="_compute_risk_ids",
        store=True,
        readonly=False,
    )
    risk_count = fields.Integer(compute="_compute_risk_counts")
    high_risk_count = fields.Integer(compute="_compute_risk_counts")
    incident_ids = fields.One2many("event.incident", "event_id", string="Incidents")
    incident_count = fields.Integer(compute="_compute_incident_count")
    daily_report_ids = fields.One2many("event.daily.report", "event_id", string="Daily Wrap-ups")

    @api.depends("event_type_id")
    def _compute_risk_ids(self):
        """Copy the type's typical risks, as Odoo copies its mail schedulers.

        Open risks that came from the previous type's template are replaced;
        risks written for this event, or already worked on, stay.
        """
        for event in self:
            stale = event.risk_ids.filtered(
                lambda r: r._origin.from_template and r._origin.state == "open"
            )
            commands = [Command.unlink(risk.id) for risk in stale if risk._origin]
            commands += [
                Command.create(template._prepare_event_risk_values())
                for template in event.event_type_id.risk_template_ids
            ]
            if commands:
                event.risk_ids = commands

    def _compute_risk_counts(self):
        groups = self.env["event.risk"]._read_group(
            [("event_id", "in", self.ids), ("state", "!=", "closed")],
            ["event_id", "level"],
            ["__count"],
        )
        counts = {}
        for event, level, count in groups:
            total, high = counts.get(event.id, (0, 0))
            counts[event.id] = (total + count, high + (count if level == "high" else 0))
        for event in self:
            event.risk_count, event.high_risk_count = counts.get(event.id, (0, 0))

    def _compute_incident_count(self):
        groups = self.env["event.incident"]._read_group(
            [("event_id", "in", self.ids)], ["event_id"], ["__count"]
        )
        counts = {event.id: count for event, count in groups}
        for event in self:
            event.incident_count = counts.get(event.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        without_tasks = self.browse(
            [
                event.id
                for event, vals in zip(events, vals_list, strict=True)
                if "prep_task_ids" not in vals
            ]
        )
        without_tasks.filtered("approval_required")._copy_prep_templates()
        self.env["event.daily.report"].sudo()._sync_events(events)
        return events

    def _copy_prep_templates(self):
        """Give new events the preparation checklist of their type."""
        self.env["event.prep.task"].create(
            [
                template._prepare_prep_task_values(event)
                for event in self
                for template in event.event_type_id.prep_template_ids
            ]
        )

    def _ensure_safety_inspection(self):
        """Large events get the venue safety inspection on their checklist."""
        to_add = self.filtered(
            lambda e: e.is_large_event and not e.prep_task_ids.filtered("is_safety_inspection")
        )
        for event in to_add:
            self.env["event.prep.task"].create(
                {
                    "event_id": event.id,
                    "name": _("Venue safety inspection (场地安全检查)"),
                    "user_id": event.user_id.id,
                    "is_safety_inspection": True,
                    "deadline": event.date_begin
                    and event.date_begin.date() - timedelta(days=SAFETY_INSPECTION_DAYS),
                }
            )
            event.message_post(
                body=_(
                    "%(event)s is a large event: a venue safety inspection was added to its "
                    "preparation checklist.",
                    event=event.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def write(self, vals):
        res = super().write(vals)
        if {"date_begin", "date_end", "date_tz", "event_type_id"}.intersection(vals):
            self.env["event.daily.report"].sudo()._sync_events(self)
        return res

    def action_submit_for_approval(self):
        events = self.filtered("approval_required")
        events._check_risk_register()
        events._ensure_safety_inspection()
        return super().action_submit_for_approval()

    def _check_risk_register(self):
        """Refuse to go forward while a high risk has no mitigation or no owner."""
        for event in self:
            unready = event.risk_ids.filtered(
                lambda r: (
                    r.level == "high"
                    and r.state != "closed"
                    and not ((r.mitigation or "").strip() and r.owner_id)
                )
            )
            if unready:
                raise UserError(
                    _(
                        "%(event)s cannot be submitted for approval: the high risk "
                        "“%(risk)s” needs a mitigation and an owner in the risk register.",
                        event=event.name,
                        risk=unready[0].name,
                    )
                )

    def action_view_risk_matrix(self):
        """The risk matrix: likelihood × impact, with the number of risks per cell."""
        action = self.env["ir.actions.act_window"]._for_xml_id("client_events.event_risk_action")
        action["domain"] = [("event_id", "in", self.ids)]
        action["context"] = {"default_event_id": self.id if len(self) == 1 else False}
        action["view_mode"] = "pivot,list,form"
        return action
