import ast
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from odoo.addons.mail.tools.alias_error import AliasError

REPEAT_MONTHS_DEFAULT = 6
SLA_DEFAULT_DAYS = {"low": 10, "medium": 5, "high": 2, "critical": 1}


class BigAccountComplaint(models.Model):
    _name = "big.account.complaint"
    _description = "Key Account Complaint"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "client_events.transition.mixin",
    ]
    _order = "date_received desc, id desc"
    # written by the buttons, and by the escalation of a repeat, only
    _transition_fields = frozenset({"state", "date_resolved", "date_escalated"})
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        domain="[('commercial_partner_id', '=', account_partner_id)]",
    )
    account_partner_id = fields.Many2one(related="account_id.partner_id")
    date_received = fields.Date(
        string="Received On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("meeting", "Meeting"),
            ("letter", "Letter"),
            ("onsite", "On Site"),
            ("portal", "Customer Portal"),
            ("survey", "Feedback Survey"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    registration_id = fields.Many2one(
        "event.registration",
        string="Event Attendance",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The attendance whose feedback survey opened this complaint.",
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The feedback answered below the threshold set in Settings.",
    )
    category = fields.Selection(
        [
            ("service", "Service Quality"),
            ("organisation", "Event Organisation"),
            ("venue", "Venue and Logistics"),
            ("billing", "Billing"),
            ("staff", "Staff Attitude"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    severity = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        required=True,
        default="medium",
        tracking=True,
    )
    description = fields.Html(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        required=True,
        tracking=True,
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Received date plus the SLA days of the severity, set in Settings.",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("investigating", "Investigating"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
        ],
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    solution = fields.Html()
    date_resolved = fields.Date(string="Resolved On", readonly=True, copy=False)
    satisfaction = fields.Selection(
        [
            ("1", "1 - Very Unsatisfied"),
            ("2", "2 - Unsatisfied"),
            ("3", "3 - Neutral"),
            ("4", "4 - Satisfied"),
            ("5", "5 - Very Satisfied"),
        ],
        string="Client Satisfaction",
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    cause_id = fields.Many2one(
        "big.account.complaint.cause",
        tracking=True,
        help="Why it happened, as the investigation found it. A complaint of the same "
        "account with the same cause within the months set in Settings is a repeat.",
    )
    cause_analysis = fields.Html(
        groups="big_account.group_member",
        help="How the cause was found and what led to it; internal to the service team.",
    )
    corrective_action = fields.Html(
        help="What changes so that the cause does not come back; the client is told it "
        "with the solution.",
    )
    repeat_of_id = fields.Many2one(
        "big.account.complaint",
        compute="_compute_repeat",
        store=True,
        copy=False,
        help="The latest earlier complaint of this account with the same cause, within "
        "the months set in Settings.",
    )
    is_repeat = fields.Boolean(
        string="Repeat Complaint",
        compute="_compute_repeat",
        store=True,
        copy=False,
        help="The cause of this complaint was already the cause of another complaint of "
        "this account within the months set in Settings: the key-account managers are "
        "told.",
    )
    date_escalated = fields.Date(
        string="Escalated On",
        readonly=True,
        copy=False,
        help="Day the repeat was escalated to the key-account managers.",
    )

    @api.depends("date_received", "severity")
    def _compute_date_deadline(self):
        icp = self.env["ir.config_parameter"].sudo()
        for complaint in self:
            if not complaint.date_received or not complaint.severity:
                complaint.date_deadline = False
                continue
            days = int(
                icp.get_param(
                    f"big_account.sla_days_{complaint.severity}",
                    SLA_DEFAULT_DAYS[complaint.severity],
                )
            )
            complaint.date_deadline = complaint.date_received + timedelta(days=days)

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.state in ("new", "investigating")
                and complaint.date_deadline
                and complaint.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Filter on overdue with = or != and True or False."))
        domain = [
            ("state", "in", ("new", "investigating")),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.model
    def _get_repeat_months(self):
        icp = self.env["ir.config_parameter"].sudo()
        return int(icp.get_param("big_account.complaint_repeat_months", REPEAT_MONTHS_DEFAULT))

    @api.depends("account_id", "cause_id", "date_received")
    def _compute_repeat(self):
        """The same cause again, not the same category: the category says what the
        client complains about, the cause why it happened. A cause that comes back is
        a corrective action that did not hold, which the managers must know."""
        complaints = self.filtered(lambda c: c.account_id and c.cause_id and c.date_received)
        (self - complaints).update({"repeat_of_id": False, "is_repeat": False})
        if not complaints:
            return
        window = relativedelta(months=self._get_repeat_months())
        # sudo: a complaint of the account the user cannot read still makes a repeat
        earlier = self.sudo().search(
            [
                ("account_id", "in", complaints.account_id.ids),
                ("cause_id", "in", complaints.cause_id.ids),
                ("date_received", ">=", min(complaints.mapped("date_received")) - window),
                ("date_received", "<=", max(complaints.mapped("date_received"))),
            ],
            order="date_received desc, id desc",
        )
        for complaint in complaints:
            # a complaint not saved yet comes after those of its day
            rank = (complaint.date_received, complaint._origin.id or float("inf"))
            previous = next(
                (
                    other
                    for other in earlier
                    if other.account_id == complaint.account_id
                    and other.cause_id == complaint.cause_id
                    and other.date_received >= complaint.date_received - window
                    and (other.date_received, other.id) < rank
                ),
                None,
            )
            complaint.repeat_of_id = previous.id if previous else False
            complaint.is_repeat = bool(previous)

    def _recompute_later_repeats(self):
        """A cause recorded, changed or moved on these complaints can make a later
        complaint of their account a repeat, or no longer one."""
        if not self:
            return self
        later = self.sudo().search(
            [
                ("id", "not in", self.ids),
                "|",
                ("repeat_of_id", "in", self.ids),
                "&",
                "&",
                ("account_id", "in", self.account_id.ids),
                ("cause_id", "in", self.cause_id.ids),
                ("date_received", ">=", min(self.mapped("date_received"))),
            ]
        )
        self.env.add_to_compute(self._fields["repeat_of_id"], later)
        self.env.add_to_compute(self._fields["is_repeat"], later)
        return later

    def _escalate_repeats(self):
        """Tell the key-account managers of each repeat, once."""
        for complaint in self.filtered(lambda c: c.is_repeat and not c.date_escalated):
            complaint._escalate_repeat()

    def _get_escalation_managers(self):
        self.ensure_one()
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("big_account.group_manager").id),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                ]
            )
        )

    def _escalate_repeat(self):
        self.ensure_one()
        partners = self._get_escalation_managers().partner_id
        previous = self.sudo().repeat_of_id
        self.message_subscribe(partner_ids=partners.ids)
        env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        self.message_post(
            body=env._(
                "Repeat complaint: %(cause)s was already the cause of %(previous)s, received "
                "on %(date)s from %(account)s. Escalated to the key-account managers: check "
                "why its corrective action did not hold.",
                cause=self.cause_id.with_env(env).name,
                previous=previous._get_html_link(title=previous.name),
                date=format_date(env, previous.date_received),
                account=self.account_id.sudo().name,
            ),
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.sudo()._transition_write({"date_escalated": fields.Date.context_today(self)})

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("big.account.complaint") or _(
                    "New"
                )
        complaints = super().create(vals_list)
        for complaint in complaints:
            complaint._notify_project_managers()
            complaint._follow_complainant()
            complaint._send_acknowledgement()
        complaints.filtered("cause_id")._recompute_later_repeats()._escalate_repeats()
        complaints._escalate_repeats()
        return complaints

    def write(self, vals):
        res = super().write(vals)
        if "partner_id" in vals:
            for complaint in self:
                complaint._follow_complainant()
        if {"account_id", "cause_id", "date_received"} & set(vals):
            self._recompute_later_repeats()._escalate_repeats()
            self._escalate_repeats()
        return res

    def _follow_complainant(self):
        """The client who complained follows the complaint: told of its progress, able
        to answer on the portal."""
        self.ensure_one()
        if self.partner_id:
            self.message_subscribe(partner_ids=self.partner_id.ids)

    def _send_to_complainant(self, template_xmlid):
        """Post the mail template to the client who complained, from the owner."""
        self.ensure_one()
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template and self.partner_id.email:
            # sent as the owner: a client filing on the portal is not its own sender,
            # and would not be told
            self.with_user(self.user_id).sudo().message_post_with_source(
                template,
                partner_ids=self.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )

    def _send_acknowledgement(self):
        """Tell the client's contact the complaint is recorded, who handles it and by when."""
        self._send_to_complainant("big_account.mail_template_complaint_acknowledgement")

    @api.constrains("description", "date_received", "date_deadline")
    def _check_description_and_dates(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            if is_html_empty(complaint.description):
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s: describe what the client complains about.",
                        complaint=complaint.name,
                    )
                )
            if complaint.date_received > today:
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s cannot be received on %(date)s, in the future: "
                        "enter the day the client complained.",
                        complaint=complaint.name,
                        date=format_date(self.env, complaint.date_received),
                    )
                )
            if complaint.date_deadline and complaint.date_deadline < complaint.date_received:
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s: its deadline (%(deadline)s) comes before the "
                        "day it was received (%(received)s).",
                        complaint=complaint.name,
                        deadline=format_date(self.env, complaint.date_deadline),
                        received=format_date(self.env, complaint.date_received),
                    )
                )

    def _transition_refusal(self, field_names):
        return UserError(
            _("Change the status of a complaint with its buttons, not by editing it.")
        )

    def _notify_project_managers(self):
        self.ensure_one()
        managers = self.account_id.sudo().member_ids.filtered(
            lambda m: m.role == "project_manager"
        )
        partners = managers.user_id.partner_id
        if not partners:
            return
        self.message_subscribe(partner_ids=partners.ids)
        # the note is written in the language of the person who logs the complaint
        env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        self.message_post(
            body=env._(
                "New %(severity)s complaint from %(account)s, to be handled by %(deadline)s.",
                severity=dict(self._fields["severity"]._description_selection(env))[self.severity],
                account=self.account_id.name,
                deadline=format_date(env, self.date_deadline),
            ),
            partner_ids=partners.ids,
            message_type="comment",
            # a note: the client follows the complaint too
            subtype_xmlid="mail.mt_note",
        )

    def action_investigate(self):
        for complaint in self:
            if complaint.state != "new":
                raise UserError(
                    _(
                        "%(complaint)s is not new: only new complaints go under investigation.",
                        complaint=complaint.name,
                    )
                )
        self.sudo()._transition_write({"state": "investigating"})
        for complaint in self:
            complaint._send_to_complainant("big_account.mail_template_complaint_investigation")
        return True

    def action_resolve(self):
        for complaint in self:
            if complaint.state not in ("new", "investigating"):
                raise UserError(
                    _(
                        "%(complaint)s is already resolved or closed.",
                        complaint=complaint.name,
                    )
                )
            if not complaint.cause_id or is_html_empty(complaint.cause_analysis):
                raise UserError(
                    _(
                        "Record the cause of %(complaint)s (its category and the analysis of "
                        "what led to it) before marking it resolved.",
                        complaint=complaint.name,
                    )
                )
            if is_html_empty(complaint.corrective_action):
                raise UserError(
                    _(
                        "Describe the corrective action of %(complaint)s, what changes so that "
                        "its cause does not come back, before marking it resolved.",
                        complaint=complaint.name,
                    )
                )
            if is_html_empty(complaint.solution):
                raise UserError(
                    _(
                        "Describe the solution of %(complaint)s before marking it resolved.",
                        complaint=complaint.name,
                    )
                )
        self.sudo()._transition_write(
            {"state": "resolved", "date_resolved": fields.Date.context_today(self)}
        )
        for complaint in self:
            complaint._send_to_complainant("big_account.mail_template_complaint_resolution")
        return True

    def action_close(self):
        for complaint in self:
            if complaint.state != "resolved":
                raise UserError(
                    _(
                        "%(complaint)s must be resolved before it can be closed.",
                        complaint=complaint.name,
                    )
                )
            if not complaint.satisfaction:
                raise UserError(
                    _(
                        "Record the client's satisfaction (1 to 5) with the outcome of "
                        "%(complaint)s before closing it.",
                        complaint=complaint.name,
                    )
                )
        self.sudo()._transition_write({"state": "closed"})
        return True

    # ------------------------------------------------------------
    # Filed by the client: mail gateway and portal
    # ------------------------------------------------------------

    @api.model
    def _get_complainant_account(self, partner, account=None):
        """The key account ``partner`` may complain about: ``account`` if the partner
        is one of its client's contacts, else the active key account of the partner's
        company (the current company's first). Sudo: a client reads no profile."""
        if not partner:
            return self.env["big.account"]
        commercial = partner.commercial_partner_id
        if account:
            return account.sudo().filtered(lambda a: a.partner_id == commercial)
        accounts = (
            self.env["big.account"]
            .sudo()
            .search([("partner_id", "=", commercial.id)], order="id")
            .sorted(lambda a: a.company_id != self.env.company)
        )
        return accounts[:1]

    @api.model
    def _prepare_feedback_complaint_values(self, account, registration, answer, score):
        """A complaint opened by a key-account contact's low feedback: handled as the
        client's own complaints are, its deadline from the SLA of its severity."""
        return {
            "account_id": account.id,
            "partner_id": registration.partner_id.id,
            "channel": "survey",
            "category": "organisation",
            "description": Markup("<p>%s</p>")
            % _(
                "%(name)s rated %(event)s %(score)s%% in the feedback survey, below the "
                "threshold of %(threshold)s%%.",
                name=registration.name,
                event=registration.event_id.name,
                score=round(score),
                threshold=registration.event_id.company_id.feedback_follow_up_threshold,
            ),
            "user_id": account._get_complaint_user().id,
            "registration_id": registration.id,
            "survey_user_input_id": answer.id,
        }

    @api.model
    def _prepare_complaint_values(self, account, partner, channel, description, category):
        """What a complaint filed by the client itself starts with; the team sets the
        severity and the category when they differ."""
        return {
            "account_id": account.id,
            "partner_id": partner.id,
            "channel": channel,
            "category": category or "other",
            "description": description,
            "user_id": account._get_complaint_user().id,
        }

    def _alias_get_error(self, message, message_dict, alias):
        """An alias of complaints takes mail from the contacts of a key account only."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or self:
            return error
        author = self.env["res.partner"].browse(message_dict.get("author_id"))
        defaults = ast.literal_eval(alias.alias_defaults or "{}")
        account = self.env["big.account"].browse(defaults.get("account_id"))
        if not self._get_complainant_account(author, account or None):
            return AliasError(
                "error_not_key_account_contact",
                _("the sender is not a registered contact of a key account"),
            )
        return False

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a complaint alias files a complaint of the sender's key account:
        the account of the alias, or the one of the sender's company."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        given = self.env["big.account"].browse(values.get("account_id"))
        account = self._get_complainant_account(author, given or None)
        if not account:
            # the routing bounces unknown senders; this is a mail sent around it
            raise ValueError(
                f"No key account takes complaints from {msg_dict.get('email_from')}: "
                "only the registered contacts of a key account can file one by mail."
            )
        subject = msg_dict.get("subject") or ""
        body = msg_dict.get("body") or ""
        description = Markup("<p><strong>%s</strong></p>%s") % (subject, Markup(body))
        values.update(
            self._prepare_complaint_values(
                account, author, "email", description, values.get("category")
            )
        )
        # the reference comes from the sequence, not from the subject
        values["name"] = _("New")
        return super().message_new(msg_dict, custom_values=values)
