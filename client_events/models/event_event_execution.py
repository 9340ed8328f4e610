from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

from .client_events_approval_mixin import APPROVAL_PROTECTED_FIELDS

# Written by Close Event and Reopen only.
CLOSING_FIELDS = frozenset({"costs_closed", "closed_date"})
# Days before the event by which a large event's venue must have been inspected.
SAFETY_INSPECTION_DAYS = 3


class EventEvent(models.Model):
    _inherit = "event.event"
    _transition_fields = APPROVAL_PROTECTED_FIELDS | CLOSING_FIELDS | {"filed_date"}

    # cost control (成本控制)
    cost_ids = fields.One2many("event.cost", "event_id", string="Costs")
    cost_count = fields.Integer(compute="_compute_cost_count")
    budget_change_ids = fields.One2many("event.budget.change", "event_id", string="Budget Changes")
    budget_change_count = fields.Integer(compute="_compute_budget_change_count")
    cost_amount = fields.Monetary(
        string="Actual Cost",
        compute="_compute_cost_amount",
        store=True,
        currency_field="company_currency_id",
    )
    approved_budget_amount = fields.Monetary(
        string="Approved Budget",
        compute="_compute_cost_amount",
        store=True,
        currency_field="company_currency_id",
        help="Planned budget plus the approved budget changes.",
    )
    budget_remaining = fields.Monetary(
        compute="_compute_budget_remaining",
        store=True,
        currency_field="company_currency_id",
    )
    # stored: the Budget vs Cost pivot sums it
    budget_variance = fields.Monetary(
        compute="_compute_budget_remaining",
        store=True,
        currency_field="company_currency_id",
        help="Actual cost minus approved budget once costs are recorded: positive means "
        "over budget. Empty while nothing is spent.",
    )
    costs_closed = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="The event is closed: its costs are reconciled and locked.",
    )
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    # follow-up (后续跟进)
    thank_you_template_id = fields.Many2one(
        "mail.template",
        string="Thank-You Template",
        domain="[('model', '=', 'event.registration')]",
        default=lambda self: self.env.ref(
            "client_events.mail_template_event_thank_you", raise_if_not_found=False
        ),
    )
    invitation_count = fields.Integer(string="Invitations", compute="_compute_followup_stats")
    attended_count = fields.Integer(string="Attended", compute="_compute_followup_stats")
    opportunity_count = fields.Integer(string="Opportunities", compute="_compute_followup_stats")
    opportunity_expected_revenue = fields.Monetary(
        string="Expected Revenue",
        compute="_compute_followup_stats",
        currency_field="company_currency_id",
    )
    opportunity_won_revenue = fields.Monetary(
        string="Won Revenue",
        compute="_compute_followup_stats",
        currency_field="company_currency_id",
    )
    cost_analysis = fields.Html(help="A short analysis of the final costs (费用分析).")

    @api.depends("budget_line_ids.actual_amount", "budget_line_ids.approved_amount")
    def _compute_cost_amount(self):
        stored = self.filtered("id")
        totals = {}
        if stored.ids:
            totals = {
                event.id: (actual, approved)
                for event, actual, approved in self.env["event.budget.line"]._read_group(
                    [("event_id", "in", stored.ids)],
                    ["event_id"],
                    ["actual_amount:sum", "approved_amount:sum"],
                )
            }
        for event in self:
            if event.id:
                event.cost_amount, event.approved_budget_amount = totals.get(event.id, (0.0, 0.0))
            else:
                event.cost_amount = sum(event.budget_line_ids.mapped("actual_amount"))
                event.approved_budget_amount = sum(event.budget_line_ids.mapped("approved_amount"))

    @api.depends("cost_amount", "approved_budget_amount", "costs_closed")
    def _compute_budget_remaining(self):
        for event in self:
            event.budget_remaining = event.approved_budget_amount - event.cost_amount
            # nothing spent and not closed: no variance yet, not "the whole budget under"
            spent = event.cost_amount or event.costs_closed
            event.budget_variance = (
                event.cost_amount - event.approved_budget_amount if spent else 0.0
            )

    def _compute_cost_count(self):
        counts = {}
        if self.ids:
            counts = {
                event.id: count
                for event, count in self.env["event.cost"]._read_group(
                    [("event_id", "in", self.ids)], ["event_id"], ["__count"]
                )
            }
        for event in self:
            event.cost_count = counts.get(event.id, 0)

    def _transition_refusal(self, field_names):
        if field_names & CLOSING_FIELDS:
            return UserError(
                _(
                    "Use the Close Event and Reopen buttons to close or reopen %(events)s.",
                    events=", ".join(self.mapped("name")),
                )
            )
        return super()._transition_refusal(field_names)

    def write(self, vals):
        result = super().write(vals)
        if {"date_begin", "date_end", "date_tz", "event_type_id"}.intersection(vals):
            # one wrap-up per day of the event (每日总结)
            self.env["event.daily.report"].sudo()._sync_events(self)
        return result

    def _compute_budget_change_count(self):
        counts = {}
        if self.ids:
            counts = {
                event.id: count
                for event, count in self.env["event.budget.change"]._read_group(
                    [("event_id", "in", self.ids)], ["event_id"], ["__count"]
                )
            }
        for event in self:
            event.budget_change_count = counts.get(event.id, 0)

    def _check_costs_open(self):
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s is not approved yet: costs can be recorded only on "
                        "approved events. Send its proposal for approval first.",
                        event=event.name,
                    )
                )
            if event.costs_closed:
                raise UserError(
                    _(
                        "%(event)s is closed and its costs are locked. Ask an events "
                        "administrator to reopen it if a cost is missing.",
                        event=event.name,
                    )
                )

    # ------------------------------------------------------------
    # Closing (结项)
    # ------------------------------------------------------------

    def action_close(self):
        if not self.env.user.has_group("client_events.group_planner"):
            raise AccessError(_("Only event planners can close an event."))
        now = fields.Datetime.now()
        for event in self:
            if event.costs_closed:
                raise UserError(_("%(event)s is already closed.", event=event.name))
            if event.date_end and event.date_end > now:
                raise UserError(
                    _(
                        "%(event)s ends on %(date)s: close it after it has ended.",
                        event=event.name,
                        date=format_datetime(self.env, event.date_end, tz=event.date_tz),
                    )
                )
            open_changes = event._get_open_budget_changes()
            if open_changes:
                raise UserError(
                    _(
                        "%(event)s still has budget changes waiting for a decision "
                        "(%(changes)s): have them approved, rejected or cancelled "
                        "before closing it.",
                        event=event.name,
                        changes=", ".join(open_changes.mapped("display_name")),
                    )
                )
        self.sudo()._transition_write({"costs_closed": True, "closed_date": now})
        for event in self:
            reconciliation = event._cost_reconciliation_html()
            if not event.cost_analysis:
                # the analysis starts from the reconciliation; the planner writes on
                event.cost_analysis = reconciliation
            event.message_post(
                body=Markup("<p>%s</p>%s")
                % (
                    _(
                        "Event closed: final cost %(cost)s for an approved budget of "
                        "%(budget)s. Costs are now locked.",
                        cost=event._format_company_amount(event.cost_amount),
                        budget=event._format_company_amount(event.approved_budget_amount),
                    ),
                    reconciliation,
                )
            )
        return True

    def _cost_reconciliation_by_category(self):
        """[(category, approved, actual, variance)] of the event, largest approved first."""
        self.ensure_one()
        totals = {}
        for line in self.budget_line_ids:
            approved, actual = totals.get(line.category_id, (0.0, 0.0))
            totals[line.category_id] = (
                approved + line.approved_amount,
                actual + line.actual_amount,
            )
        return sorted(
            (
                (category, approved, actual, actual - approved)
                for category, (approved, actual) in totals.items()
            ),
            key=lambda row: (-row[1], row[0].name or ""),
        )

    def _cost_reconciliation_html(self):
        """Final cost against the approved budget, per category and per line (费用核算)."""
        self.ensure_one()
        amount = self._format_company_amount
        header = Markup(
            "<tr><th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr>"
        ) % (_("Category"), _("Approved"), _("Actual"), _("Variance"))
        row = Markup(
            "<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
            "<td class='text-end'>%s</td></tr>"
        )
        rows = [
            row % (category.name, amount(approved), amount(actual), amount(variance))
            for category, approved, actual, variance in self._cost_reconciliation_by_category()
        ]
        lines = [
            row
            % (
                line.display_name,
                amount(line.approved_amount),
                amount(line.actual_amount),
                amount(line.variance_amount),
            )
            for line in self.budget_line_ids
        ]
        total = Markup(
            "<tr class='fw-bold'><td>%s</td><td class='text-end'>%s</td>"
            "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
        ) % (
            _("Total"),
            amount(self.approved_budget_amount),
            amount(self.cost_amount),
            amount(self.cost_amount - self.approved_budget_amount),
        )
        table = Markup(
            "<table class='table table-sm'><thead>%s</thead><tbody>%s%s</tbody></table>"
        )
        return (
            Markup("<h4>%s</h4>") % _("Cost by category")
            + table % (header, Markup().join(rows), total)
            + Markup("<h4>%s</h4>") % _("Cost by budget line")
            + table % (header, Markup().join(lines), total)
        )

    def action_reopen(self):
        if not self.env.user.has_group("client_events.group_manager"):
            raise AccessError(
                _("Only an events administrator can reopen a closed event and its costs.")
            )
        for event in self:
            if not event.costs_closed:
                raise UserError(_("%(event)s is not closed.", event=event.name))
        self.sudo()._transition_write({"costs_closed": False, "closed_date": False})
        for event in self:
            event.message_post(
                body=_(
                    "Event reopened by %(user)s: costs can be recorded again.",
                    user=self.env.user.name,
                )
            )
        return True

    def _get_open_budget_changes(self):
        """Budget changes of the event still waiting for a decision."""
        self.ensure_one()
        return self.budget_change_ids.filtered(
            lambda c: c.approval_state in ("draft", "submitted")
        )

    def _check_budget_change_allowed(self):
        for event in self:
            if event._is_waiting_approval():
                raise UserError(
                    _(
                        "%(event)s is not approved yet: change its proposal instead of "
                        "requesting a budget change.",
                        event=event.name,
                    )
                )
            if event.costs_closed:
                raise UserError(
                    _(
                        "%(event)s is closed: ask an events administrator to reopen it "
                        "before requesting a budget change.",
                        event=event.name,
                    )
                )

    def _format_company_amount(self, amount):
        self.ensure_one()
        return self.company_currency_id.format(amount)

    def action_view_costs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Costs of %(event)s", event=self.name),
            "res_model": "event.cost",
            "view_mode": "list,form,pivot,graph",
            "domain": [("event_id", "=", self.id)],
            "context": {"default_event_id": self.id},
        }

    def action_request_budget_change(self):
        """Open a new budget change (超支申请) of this event, in a dialog."""
        self.ensure_one()
        return self._action_request_budget_change({})

    def _action_request_budget_change(self, context):
        return {
            "type": "ir.actions.act_window",
            "name": _("Request a Budget Change for %(event)s", event=self.name),
            "res_model": "event.budget.change",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_event_id": self.id, **context},
        }

    def action_view_budget_changes(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Budget Changes of %(event)s", event=self.name),
            "res_model": "event.budget.change",
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.id)],
            "context": {"default_event_id": self.id},
        }

    # ------------------------------------------------------------
    # Invitations, attendees, follow-up (邀请、签到、后续跟进)
    # ------------------------------------------------------------

    def action_open_invite(self):
        self.ensure_one()
        self._check_can_run(_("send invitations"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Invite to %(event)s", event=self.name),
            "res_model": "event.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_send_thank_you(self):
        """Thank every attendee once, even when pressed twice."""
        if not self.env.user.has_group("event.group_event_user"):
            raise AccessError(_("Only event officers can send the thank-you mails."))
        now = fields.Datetime.now()
        for event in self:
            if not event.date_end or event.date_end > now:
                raise UserError(
                    _(
                        "%(event)s has not ended yet: send the thank-you mails after it.",
                        event=event.name,
                    )
                )
            template = event.thank_you_template_id or self.env.ref(
                "client_events.mail_template_event_thank_you"
            )
            attendees = event.registration_ids.filtered(
                lambda r: r.state == "done" and not r.thank_you_date
            )
            if not attendees:
                continue
            template.send_mail_batch(attendees.ids)
            attendees.sudo().write({"thank_you_date": now})
            event.message_post(
                body=_("Thank-you mail sent to %(count)s attendees.", count=len(attendees)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_lead_generate(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Opportunities from %(event)s", event=self.name),
            "res_model": "event.lead.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def _compute_followup_stats(self):
        invited, attended = {}, {}
        revenue = {}
        if self.ids:
            registrations = self.env["event.registration"].sudo()
            invited = {
                event.id: count
                for event, count in registrations._read_group(
                    [("event_id", "in", self.ids), ("invited_date", "!=", False)],
                    ["event_id"],
                    ["__count"],
                )
            }
            attended = {
                event.id: count
                for event, count in registrations._read_group(
                    [("event_id", "in", self.ids), ("state", "=", "done")],
                    ["event_id"],
                    ["__count"],
                )
            }
            for event, stage, count, expected in (
                self.env["crm.lead"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [
                        ("event_id", "in", self.ids),
                        ("type", "=", "opportunity"),
                        "|",
                        ("active", "=", True),
                        ("probability", "=", 100),
                    ],
                    ["event_id", "stage_id"],
                    ["__count", "expected_revenue:sum"],
                )
            ):
                total = revenue.setdefault(event.id, [0, 0.0, 0.0])
                total[0] += count
                total[1] += expected
                if stage.is_won:
                    total[2] += expected
        for event in self:
            event.invitation_count = invited.get(event.id, 0)
            event.attended_count = attended.get(event.id, 0)
            count, expected, won = revenue.get(event.id, (0, 0.0, 0.0))
            event.opportunity_count = count
            event.opportunity_expected_revenue = expected
            event.opportunity_won_revenue = won

    def action_view_invitations(self):
        self.ensure_one()
        return self._action_registrations(
            _("Invitations of %(event)s", event=self.name), [("invited_date", "!=", False)]
        )

    def action_view_attended(self):
        self.ensure_one()
        return self._action_registrations(
            _("Attendees of %(event)s", event=self.name), [("state", "=", "done")]
        )

    def _action_registrations(self, name, domain):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "event.registration",
            "view_mode": "list,kanban,form",
            "domain": [("event_id", "=", self.id), *domain],
            "context": {"default_event_id": self.id},
        }

    def action_view_opportunities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Opportunities of %(event)s", event=self.name),
            "res_model": "crm.lead",
            "view_mode": "list,kanban,form,pivot",
            "domain": [("event_id", "=", self.id), ("type", "=", "opportunity")],
            "context": {"default_event_id": self.id, "default_type": "opportunity"},
        }

    # ------------------------------------------------------------
    # Risk register, incidents and daily wrap-ups (风险评估、突发情况、每日总结)
    # ------------------------------------------------------------

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
