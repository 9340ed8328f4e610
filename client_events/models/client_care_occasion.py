import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]


class ClientCareOccasion(models.Model):
    """The care calendar (客户关怀) of every client: festival greetings, birthday wishes
    and periodic return visits, each a to-do for the client's owner days ahead."""

    _name = "client.care.occasion"
    _description = "Client Care Occasion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [
            ("festival", "Festival"),
            ("birthday", "Birthday"),
            ("return_visit", "Return Visit"),
        ],
        required=True,
        default="festival",
        help="Festival: a greeting on a day of the calendar. Birthday: a greeting on each "
        "client's birthday. Return Visit: a call or visit every few months.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the occasion is kept for every company.",
    )
    segment_ids = fields.Many2many(
        "client.segment",
        string="Client Segments",
        help="The segments whose clients are cared for. Empty: every client the "
        "segmentation classified.",
    )
    recurrence = fields.Selection(
        [
            ("yearly", "Same Day Every Year"),
            ("dated", "Date Entered Each Year"),
            ("periodic", "Every Few Months"),
        ],
        required=True,
        default="yearly",
        help="Same Day Every Year: New Year's Day, National Day, an anniversary. Date "
        "Entered Each Year: festivals of the lunar calendar (Spring Festival, Mid-Autumn), "
        "whose date changes; once it has passed, enter next year's date. Every Few Months: "
        "return visits, from a first date. A birthday is each client's own day.",
    )
    month = fields.Selection(MONTHS)
    day = fields.Integer()
    date = fields.Date(
        help="The date of the festival this year, or next year once it has passed; the "
        "first return visit of a periodic occasion."
    )
    interval_months = fields.Integer(
        string="Every (months)", default=6, help="Months between two return visits."
    )
    days_before = fields.Integer(
        string="Days Ahead",
        required=True,
        default=lambda self: self._default_days_before(),
        help="Days before the occasion the client's owner gets the to-do.",
    )
    next_date = fields.Date(
        compute="_compute_next_date",
        help="The next day of the occasion; empty when the date of a lunar festival has "
        "passed and next year's date is still to enter, and for birthdays (each client's).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        help="Who gets the to-do of a client that has no salesperson (nor has its company).",
    )
    note = fields.Text(help="What to send or say: a card, a gift, a message.")
    log_count = fields.Integer(string="To-Dos Planned", compute="_compute_log_count")

    @api.model
    def _default_days_before(self):
        return 7

    @api.depends("kind", "recurrence", "month", "day", "date", "interval_months")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for occasion in self:
            occasion.next_date = occasion._occurrence_on_or_after(today)

    def _compute_log_count(self):
        counts = dict(
            self.env["client.care.log"]._read_group(
                [("occasion_id", "in", self.ids)], ["occasion_id"], ["__count"]
            )
        )
        for occasion in self:
            occasion.log_count = counts.get(occasion, 0)

    @api.constrains("kind", "recurrence", "month", "day", "date", "days_before", "interval_months")
    def _check_dates(self):
        for occasion in self:
            if occasion.days_before < 0:
                raise ValidationError(
                    _(
                        "%(occasion)s: the days ahead cannot be negative.",
                        occasion=occasion.name,
                    )
                )
            if occasion.kind == "birthday":
                continue
            if occasion.recurrence == "periodic":
                if not occasion.date or occasion.interval_months < 1:
                    raise ValidationError(
                        _(
                            "%(occasion)s comes back every few months: enter the first date "
                            "and at least one month between two visits.",
                            occasion=occasion.name,
                        )
                    )
                continue
            if occasion.recurrence == "dated":
                if not occasion.date:
                    raise ValidationError(
                        _(
                            "%(occasion)s changes its date every year: enter its date.",
                            occasion=occasion.name,
                        )
                    )
                continue
            if not occasion.month or not occasion.day:
                raise ValidationError(
                    _(
                        "%(occasion)s comes back every year: enter its month and day.",
                        occasion=occasion.name,
                    )
                )
            # 2000 is a leap year: 29 February is a day of the calendar
            if not 1 <= occasion.day <= calendar.monthrange(2000, int(occasion.month))[1]:
                raise ValidationError(
                    _(
                        "%(occasion)s: %(month)s has no day %(day)s.",
                        occasion=occasion.name,
                        month=dict(self._fields["month"]._description_selection(self.env))[
                            occasion.month
                        ],
                        day=occasion.day,
                    )
                )

    def _occurrence_in(self, year):
        """The day of the occasion in ``year`` (29 February is kept on the 28th in
        common years)."""
        self.ensure_one()
        if self.recurrence == "dated":
            return self.date if self.date and self.date.year == year else False
        if not self.month or not self.day:
            return False
        month = int(self.month)
        return date(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    def _occurrence_on_or_after(self, day):
        self.ensure_one()
        if self.kind == "birthday":
            return False
        if self.recurrence == "periodic":
            if not self.date or self.interval_months < 1:
                return False
            if self.date >= day:
                return self.date
            months = (day.year - self.date.year) * 12 + day.month - self.date.month
            periods = months // self.interval_months
            for period in (periods, periods + 1):
                occurrence = self.date + relativedelta(months=period * self.interval_months)
                if occurrence >= day:
                    return occurrence
            return False
        if self.recurrence == "dated":
            return self.date if self.date and self.date >= day else False
        for year in (day.year, day.year + 1):
            occurrence = self._occurrence_in(year)
            if occurrence and occurrence >= day:
                return occurrence
        return False

    @staticmethod
    def _birthday_on_or_after(birthday, day):
        """The client's next birthday from ``day`` (29 February on the 28th in common
        years)."""
        for year in (day.year, day.year + 1):
            last = calendar.monthrange(year, birthday.month)[1]
            occurrence = date(year, birthday.month, min(birthday.day, last))
            if occurrence >= day:
                return occurrence
        return False

    # ------------------------------------------------------------
    # To-dos for the clients' owners
    # ------------------------------------------------------------

    @api.model
    def _cron_schedule_greetings(self):
        """A to-do for the owner of each client of the occasion, from ``days_before``
        days ahead of each occurrence until its day: once per occasion, client and date,
        however often the job runs."""
        today = fields.Date.context_today(self)
        # the whole calendar: a few dozen occasions a year
        # pylint: disable-next=no-search-all
        for occasion in self.sudo().search([]):
            occasion._schedule_client_care(today)

    def _client_domain(self):
        """The clients the occasion cares for: those of its segments (every segmented
        client without any), of its company."""
        self.ensure_one()
        domain = [("client_segment_id", "!=", False)]
        if self.segment_ids:
            domain = [("client_segment_id", "in", self.segment_ids.ids)]
        if self.company_id:
            domain.append(("company_id", "in", [False, self.company_id.id]))
        if self.kind == "birthday":
            domain.append(("birthday", "!=", False))
        return domain

    def _clients_to_care(self):
        self.ensure_one()
        return self.env["res.partner"].sudo().search(self._client_domain())

    def _schedule_client_care(self, today):
        """The to-dos due today of this occasion; the logs of the new ones."""
        self.ensure_one()
        horizon = today + timedelta(days=self.days_before)
        clients = self._clients_to_care()
        if self.kind == "birthday":
            due = {}
            for client in clients:
                occurrence = self._birthday_on_or_after(client.birthday, today)
                if occurrence and occurrence <= horizon:
                    due.setdefault(occurrence, self.env["res.partner"])
                    due[occurrence] |= client
        else:
            occurrence = self._occurrence_on_or_after(today)
            due = {occurrence: clients} if occurrence and occurrence <= horizon else {}
        Log = self.env["client.care.log"].sudo()
        logs = Log
        for occurrence, partners in due.items():
            done = Log.search(
                [
                    ("occasion_id", "=", self.id),
                    ("occasion_date", "=", occurrence),
                    ("partner_id", "in", partners.ids),
                ]
            )
            for partner in partners - done.partner_id:
                logs |= self._schedule_client_to_do(partner, occurrence)
        return logs

    def _get_client_owner(self, partner):
        """Who cares for the client: its salesperson, else its company's, else the
        occasion's responsible, else whoever keeps the calendar."""
        return partner._get_client_salesperson() or self.user_id or self.create_uid

    def _schedule_client_to_do(self, partner, occurrence):
        self.ensure_one()
        owner = self._get_client_owner(partner)
        # the to-do speaks the language of the owner who sends the greetings
        env = self.with_context(lang=owner.lang or self.env.lang).env
        occasion_name = self.with_env(env).name
        when = format_date(env, occurrence)
        if self.kind == "return_visit":
            summary = env._("Return visit: %(occasion)s", occasion=occasion_name)
            note = env._(
                "Call or visit %(client)s by %(date)s (%(occasion)s): ask how our service "
                "does and what the client expects, then mark this to-do done with what was "
                "said.",
                client=partner.display_name,
                date=when,
                occasion=occasion_name,
            )
        elif self.kind == "birthday":
            summary = env._("Birthday greeting: %(client)s", client=partner.display_name)
            note = env._(
                "%(client)s's birthday is on %(date)s: send the wishes.",
                client=partner.display_name,
                date=when,
            )
        else:
            summary = env._("Festival greeting: %(occasion)s", occasion=occasion_name)
            note = env._(
                "%(occasion)s is on %(date)s: send %(client)s the greetings, then mark this "
                "to-do done with the client's feedback.",
                occasion=occasion_name,
                date=when,
                client=partner.display_name,
            )
        if self.note:
            note = f"{note}\n{self.with_env(env).note}"
        activity = partner.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=occurrence,
            summary=summary,
            note=note,
            user_id=owner.id,
        )
        return (
            self.env["client.care.log"]
            .sudo()
            .create(
                {
                    "occasion_id": self.id,
                    "partner_id": partner.id,
                    "occasion_date": occurrence,
                    "user_id": owner.id,
                    "activity_id": activity.id,
                }
            )
        )

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.client_care_log_action"
        )
        action["domain"] = [("occasion_id", "=", self.id)]
        return action
