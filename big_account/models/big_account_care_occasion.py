import calendar
from datetime import date, timedelta

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


class BigAccountCareOccasion(models.Model):
    _name = "big.account.care.occasion"
    _description = "Key Account Care Occasion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("festival", "Festival"), ("anniversary", "Anniversary")],
        required=True,
        default="festival",
    )
    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        index="btree_not_null",
        ondelete="cascade",
        help="The client's own occasion (its founding day, the anniversary of the "
        "partnership): only this account is greeted. Empty: every confirmed key account.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="Empty: the occasion is kept for every company.",
    )
    recurrence = fields.Selection(
        [
            ("yearly", "Same Day Every Year"),
            ("dated", "Date Entered Each Year"),
        ],
        required=True,
        default="yearly",
        help="Same Day Every Year: New Year's Day, National Day, an anniversary. Date "
        "Entered Each Year: festivals of the lunar calendar (Spring Festival, Mid-Autumn), "
        "whose date changes; once it has passed, enter next year's date.",
    )
    month = fields.Selection(MONTHS)
    day = fields.Integer()
    date = fields.Date(help="The date of the festival this year, or next year once it has passed.")
    days_before = fields.Integer(
        string="Days Ahead",
        required=True,
        default=lambda self: self._default_days_before(),
        help="Days before the occasion the care person gets the greeting to-do.",
    )
    next_date = fields.Date(
        compute="_compute_next_date",
        help="The next day of the occasion; empty when the date of a lunar festival has "
        "passed and next year's date is still to enter.",
    )
    note = fields.Text(help="What to send or say: a card, a gift, a message.")

    @api.model
    def _default_days_before(self):
        icp = self.env["ir.config_parameter"].sudo()
        return int(icp.get_param("big_account.care_days_before", 7))

    @api.depends("account_id")
    def _compute_company_id(self):
        for occasion in self:
            if occasion.account_id:
                occasion.company_id = occasion.account_id.company_id

    @api.depends("recurrence", "month", "day", "date")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for occasion in self:
            occasion.next_date = occasion._occurrence_on_or_after(today)

    @api.constrains("recurrence", "month", "day", "date", "days_before")
    def _check_dates(self):
        for occasion in self:
            if occasion.days_before < 0:
                raise ValidationError(
                    _(
                        "%(occasion)s: the days ahead cannot be negative.",
                        occasion=occasion.name,
                    )
                )
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

    @api.constrains("account_id", "company_id")
    def _check_account_company(self):
        for occasion in self:
            account = occasion.account_id
            if account and occasion.company_id and occasion.company_id != account.company_id:
                raise ValidationError(
                    _(
                        "%(occasion)s is an occasion of %(account)s: it belongs to the "
                        "company of the account, %(company)s.",
                        occasion=occasion.name,
                        account=account.display_name,
                        company=account.company_id.name,
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
        if self.recurrence == "dated":
            return self.date if self.date and self.date >= day else False
        for year in (day.year, day.year + 1):
            occurrence = self._occurrence_in(year)
            if occurrence and occurrence >= day:
                return occurrence
        return False

    # ------------------------------------------------------------
    # Greetings
    # ------------------------------------------------------------

    @api.model
    def _cron_schedule_greetings(self):
        """A greeting to-do for the care person of each confirmed key account, from
        ``days_before`` days ahead of each occasion until its day: once per occasion
        and date for each account, however often the job runs."""
        today = fields.Date.context_today(self)
        CareAction = self.env["big.account.care.action"].sudo()
        # the whole calendar: a few dozen occasions a year
        # pylint: disable-next=no-search-all
        for occasion in self.sudo().search([]):
            occurrence = occasion._occurrence_on_or_after(today)
            if not occurrence or occurrence - timedelta(days=occasion.days_before) > today:
                continue
            accounts = occasion._accounts_to_greet()
            done = CareAction.search(
                [
                    ("occasion_id", "=", occasion.id),
                    ("occasion_date", "=", occurrence),
                    ("account_id", "in", accounts.ids),
                ]
            )
            for account in accounts - done.account_id:
                occasion._schedule_greeting(account, occurrence)

    def _accounts_to_greet(self):
        self.ensure_one()
        domain = [("state", "=", "confirmed")]
        if self.account_id:
            domain.append(("id", "=", self.account_id.id))
        elif self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return self.env["big.account"].sudo().search(domain)

    def _schedule_greeting(self, account, occurrence):
        self.ensure_one()
        responsible = account._get_care_user()
        # the to-do speaks the language of the member who sends the greetings
        env = self.with_context(lang=responsible.lang or self.env.lang).env
        occasion_name = self.with_env(env).name
        if self.kind == "anniversary":
            summary = env._("Anniversary greeting: %(occasion)s", occasion=occasion_name)
        else:
            summary = env._("Festival greeting: %(occasion)s", occasion=occasion_name)
        activity = account.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=occurrence,
            summary=summary,
            note=env._(
                "%(occasion)s is on %(date)s: send %(account)s the greetings, then mark this "
                "to-do done with the client's feedback.",
                occasion=occasion_name,
                date=format_date(env, occurrence),
                account=account.name,
            ),
            user_id=responsible.id,
        )
        CareAction = self.env["big.account.care.action"].sudo()
        return CareAction.create(
            {
                "account_id": account.id,
                "kind": self.kind,
                "occasion_id": self.id,
                "occasion_date": occurrence,
                "date": occurrence,
                "user_id": responsible.id,
                "activity_id": activity.id,
            }
        )
