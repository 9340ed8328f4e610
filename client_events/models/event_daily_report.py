from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime


class EventDailyReport(models.Model):
    """The evening wrap-up of one day of a multi-day event (每日总结小会).

    The client's representative confirms the day (and signs the day's bill);
    a confirmed day is locked, its figures frozen.
    """

    _name = "event.daily.report"
    _description = "Event Daily Wrap-up"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "event_id, day"
    _rec_name = "day"
    _check_company_auto = True

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    day = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        [("draft", "Open"), ("confirmed", "Confirmed by the client")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    attendance_count = fields.Integer(
        string="Attendance",
        compute="_compute_attendance_count",
        help="Attendees checked in that day (frozen when the day is confirmed).",
    )
    confirmed_attendance_count = fields.Integer(readonly=True, copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost_ids = fields.Many2many("event.cost", compute="_compute_costs", string="Cost Lines")
    cost_amount = fields.Monetary(
        string="Costs of the Day",
        compute="_compute_costs",
        help="Costs recorded for that day (frozen when the day is confirmed).",
    )
    confirmed_cost_amount = fields.Monetary(readonly=True, copy=False)
    issues = fields.Html(string="Issues of the Day")
    next_day_plan = fields.Html(string="Plan for the Next Day")
    client_representative = fields.Char(
        tracking=True, help="Who confirmed the day for the client."
    )
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    signed_document = fields.Binary(attachment=True, copy=False)
    signed_document_name = fields.Char(copy=False)

    _sql_constraints = [
        (
            "event_day_uniq",
            "unique(event_id, day)",
            "An event has one wrap-up per day: open the existing one.",
        ),
    ]

    @api.depends("day", "state", "event_id.registration_ids.date_closed")
    def _compute_attendance_count(self):
        drafts = self.filtered(lambda r: r.state == "draft" and r.day)
        for report in self - drafts:
            report.attendance_count = report.confirmed_attendance_count
        counts = drafts._count_attendance()
        for report in drafts:
            report.attendance_count = counts.get((report.event_id.id, report.day), 0)

    @api.depends("day", "state", "event_id.cost_ids.amount", "event_id.cost_ids.date")
    def _compute_costs(self):
        costs = self.env["event.cost"].search(
            [("event_id", "in", self.event_id.ids), ("date", "in", self.mapped("day"))]
        )
        by_day = {}
        for cost in costs:
            key = (cost.event_id.id, cost.date)
            by_day[key] = by_day.get(key, self.env["event.cost"]) | cost
        for report in self:
            day_costs = by_day.get((report.event_id.id, report.day), self.env["event.cost"])
            report.cost_ids = day_costs
            report.cost_amount = (
                report.confirmed_cost_amount
                if report.state == "confirmed"
                else sum(day_costs.mapped("amount"))
            )

    def _count_attendance(self):
        """{(event id, day): attendees checked in that day, in the event's time zone}."""
        registrations = self.env["event.registration"].search_read(
            [
                ("event_id", "in", self.event_id.ids),
                ("state", "=", "done"),
                ("date_closed", "!=", False),
            ],
            ["event_id", "date_closed"],
        )
        timezones = {event.id: pytz.timezone(event.date_tz or "UTC") for event in self.event_id}
        counts = {}
        for registration in registrations:
            event_id = registration["event_id"][0]
            local = pytz.utc.localize(registration["date_closed"]).astimezone(timezones[event_id])
            key = (event_id, local.date())
            counts[key] = counts.get(key, 0) + 1
        return counts

    # Written by Confirm only.
    _transition_fields = frozenset(
        {"state", "confirmed_date", "confirmed_attendance_count", "confirmed_cost_amount"}
    )
    # What the client confirmed; the chatter stays open on a locked day.
    _LOCKED_FIELDS = frozenset(
        {
            "event_id",
            "day",
            "state",
            "issues",
            "next_day_plan",
            "client_representative",
            "confirmed_date",
            "confirmed_attendance_count",
            "confirmed_cost_amount",
            "signed_document",
            "signed_document_name",
        }
    )

    def write(self, vals):
        locked = self.filtered(lambda r: r.state == "confirmed")
        if locked and self._LOCKED_FIELDS.intersection(vals) and not self._in_transition():
            raise UserError(
                _(
                    "The wrap-up of %(event)s for %(day)s was confirmed by the client and is "
                    "locked: record anything new in the next day's wrap-up.",
                    event=locked[0].event_id.name,
                    day=format_date(self.env, locked[0].day),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(_("A wrap-up confirmed by the client cannot be deleted."))

    def action_confirm(self):
        """Record the client's confirmation of the day and lock it."""
        for report in self:
            if report.state == "confirmed":
                raise UserError(
                    _(
                        "The wrap-up of %(event)s for %(day)s was already confirmed by "
                        "%(who)s on %(when)s.",
                        event=report.event_id.name,
                        day=format_date(self.env, report.day),
                        who=report.client_representative,
                        when=format_datetime(
                            self.env, report.confirmed_date, tz=report.event_id.date_tz
                        ),
                    )
                )
            missing = [
                label
                for label, value in (
                    (_("the client representative's name"), report.client_representative),
                    (_("the signed document"), report.signed_document),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    _(
                        "To confirm the wrap-up of %(event)s for %(day)s, add %(missing)s.",
                        event=report.event_id.name,
                        day=format_date(self.env, report.day),
                        missing=_(" and ").join(missing),
                    )
                )
        for report in self:
            report._transition_write(
                {
                    "state": "confirmed",
                    "confirmed_date": fields.Datetime.now(),
                    "confirmed_attendance_count": report.attendance_count,
                    "confirmed_cost_amount": report.cost_amount,
                }
            )
        return True

    @api.model
    def _event_days(self, event):
        """The calendar days an event spans, in its own time zone."""
        timezone = pytz.timezone(event.date_tz or "UTC")
        first = pytz.utc.localize(event.date_begin).astimezone(timezone).date()
        last = pytz.utc.localize(event.date_end).astimezone(timezone).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    @api.model
    def _sync_events(self, events):
        """One open wrap-up per day of each multi-day event; none for one-day events.

        Days that left the event's dates lose their open wrap-up; confirmed
        ones are kept, as the client signed them.
        """
        existing = self.search([("event_id", "in", events.ids)])
        by_event = {}
        for report in existing:
            by_event.setdefault(report.event_id.id, self.browse())
            by_event[report.event_id.id] |= report
        to_create, to_remove = [], self.browse()
        for event in events:
            reports = by_event.get(event.id, self.browse())
            days = self._event_days(event) if event.date_begin and event.date_end else []
            if len(days) < 2 or not event.approval_required:
                days = []
            have = set(reports.mapped("day"))
            to_create += [{"event_id": event.id, "day": day} for day in days if day not in have]
            kept_days = set(days)
            to_remove |= reports.filtered(
                lambda r, kept_days=kept_days: r.day not in kept_days and r.state == "draft"
            )
        to_remove.unlink()
        return self.create(to_create)
