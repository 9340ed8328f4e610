from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# The activity is scheduled this many days before the planned contact.
REMINDER_DAYS = 7


class BigAccountCommunicationPlan(models.Model):
    _name = "big.account.communication.plan"
    _description = "Key Account Communication Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    # counted when a contact's to-do is marked done, never typed in: the team's KPI
    _transition_fields = frozenset({"last_done_date", "done_count", "done_on_time_count"})
    _order = "next_date, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    channel = fields.Selection(
        [
            ("call", "Call"),
            ("meeting", "Meeting"),
            ("email", "E-mail"),
            ("visit", "Visit"),
        ],
        required=True,
        default="call",
        tracking=True,
    )
    frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("days", "Every N Days")],
        required=True,
        default="monthly",
        tracking=True,
    )
    interval_days = fields.Integer(string="Every (days)", default=30)
    member_id = fields.Many2one(
        "big.account.member",
        string="Responsible",
        required=True,
        domain="[('account_id', '=', account_id)]",
        tracking=True,
    )
    user_id = fields.Many2one(related="member_id.user_id", store=True, string="Contact Owner")
    next_date = fields.Date(
        string="Next Contact",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    last_done_date = fields.Date(string="Last Contact", readonly=True, copy=False)
    done_count = fields.Integer(string="Contacts Done", readonly=True, copy=False)
    done_on_time_count = fields.Integer(string="Done on Time", readonly=True, copy=False)
    reminder_activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    active = fields.Boolean(default=True)

    @api.depends("account_id.name", "channel", "frequency")
    def _compute_name(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        frequencies = dict(self._fields["frequency"]._description_selection(self.env))
        for plan in self:
            plan.name = _(
                "%(account)s: %(channel)s, %(frequency)s",
                account=plan.account_id.name or "",
                channel=channels.get(plan.channel, ""),
                frequency=frequencies.get(plan.frequency, ""),
            )

    @api.constrains("frequency", "interval_days")
    def _check_interval_days(self):
        for plan in self:
            if plan.frequency == "days" and plan.interval_days < 1:
                raise ValidationError(
                    _(
                        "The plan %(plan)s repeats every N days: set N to at least 1.",
                        plan=plan.display_name,
                    )
                )

    @api.constrains("member_id", "account_id")
    def _check_member_account(self):
        for plan in self:
            if plan.member_id.account_id != plan.account_id:
                raise ValidationError(
                    _(
                        "%(user)s is not on the service team of %(account)s: pick a member "
                        "of that team as responsible.",
                        user=plan.member_id.user_id.name,
                        account=plan.account_id.display_name,
                    )
                )

    @api.depends("next_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_overdue = plan.active and plan.next_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Filter on overdue with = or != and True or False."))
        today = fields.Date.context_today(self)
        positive = (operator == "=") == value
        return [("next_date", "<" if positive else ">=", today)]

    def _get_next_date(self, from_date):
        self.ensure_one()
        if self.frequency == "monthly":
            return from_date + relativedelta(months=1)
        if self.frequency == "quarterly":
            return from_date + relativedelta(months=3)
        return from_date + timedelta(days=self.interval_days)

    def _get_channel_label(self, env):
        """The channel as the user reads it, in the language of ``env``."""
        self.ensure_one()
        return dict(self._fields["channel"]._description_selection(env))[self.channel]

    @api.model
    def _cron_schedule_contacts(self):
        today = fields.Date.context_today(self)
        plans = self.search(
            [
                ("next_date", "<=", today + timedelta(days=REMINDER_DAYS)),
                ("reminder_activity_id", "=", False),
                ("account_id.state", "!=", "inactive"),
            ]
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for plan in plans:
            # the to-do speaks the language of the member who makes the contact
            env = plan.with_context(lang=plan.user_id.lang or self.env.lang).env
            plan.reminder_activity_id = plan.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=plan.next_date,
                summary=env._(
                    "%(channel)s with %(account)s",
                    channel=plan._get_channel_label(env),
                    account=plan.account_id.name,
                ),
                user_id=plan.user_id.id,
            )

    def _transition_refusal(self, field_names):
        return UserError(
            _(
                "The contacts done are counted when a planned contact's to-do is marked "
                "done: mark the to-do done instead of editing the counts."
            )
        )

    def _log_contact_done(self, done_date):
        """Called when the reminder activity is marked as done."""
        # the note is written in the language of the person who made the contact
        env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        for plan in self:
            on_time = done_date <= plan.next_date
            planned = plan.next_date
            plan._transition_write(
                {
                    "last_done_date": done_date,
                    "done_count": plan.done_count + 1,
                    "done_on_time_count": plan.done_on_time_count + (1 if on_time else 0),
                    "next_date": plan._get_next_date(max(planned, done_date)),
                    "reminder_activity_id": False,
                }
            )
            plan.account_id.message_post(
                body=env._(
                    "Contact done by %(user)s on %(date)s (%(channel)s, planned for %(planned)s).",
                    user=self.env.user.name,
                    date=format_date(env, done_date),
                    channel=plan._get_channel_label(env),
                    planned=format_date(env, planned),
                ),
            )
