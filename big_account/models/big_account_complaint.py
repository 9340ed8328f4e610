from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

REPEAT_WINDOW_DAYS = 90
SLA_DEFAULT_DAYS = {"low": 10, "medium": 5, "high": 2, "critical": 1}


class BigAccountComplaint(models.Model):
    _name = "big.account.complaint"
    _description = "Key Account Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date_received desc, id desc"
    _transition_fields = frozenset({"state", "date_resolved"})  # written by the buttons only
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
            ("other", "Other"),
        ],
        required=True,
        default="phone",
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
    is_repeat = fields.Boolean(
        string="Repeat Complaint",
        compute="_compute_is_repeat",
        store=True,
        help="Another complaint of the same category was received from this account "
        "in the previous 90 days.",
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

    @api.depends("account_id", "category", "date_received")
    def _compute_is_repeat(self):
        complaints = self.filtered(lambda c: c.account_id and c.category and c.date_received)
        (self - complaints).is_repeat = False
        if not complaints:
            return
        earliest = min(complaints.mapped("date_received")) - timedelta(days=REPEAT_WINDOW_DAYS)
        others = self.sudo().search(
            [
                ("account_id", "in", complaints.account_id.ids),
                ("category", "in", complaints.mapped("category")),
                ("date_received", ">=", earliest),
            ]
        )
        for complaint in complaints:
            window_start = complaint.date_received - timedelta(days=REPEAT_WINDOW_DAYS)
            complaint.is_repeat = any(
                other.id != complaint.id
                and other.account_id == complaint.account_id
                and other.category == complaint.category
                and window_start <= other.date_received <= complaint.date_received
                and (other.date_received, other.id) < (complaint.date_received, complaint.id)
                for other in others
            )

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
            complaint._send_acknowledgement()
        return complaints

    def _send_acknowledgement(self):
        """Tell the client's contact the complaint is recorded, who handles it and by when."""
        self.ensure_one()
        template = self.env.ref(
            "big_account.mail_template_complaint_acknowledgement", raise_if_not_found=False
        )
        if template and self.partner_id.email:
            self.message_post_with_source(
                template,
                partner_ids=self.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )

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
            subtype_xmlid="mail.mt_comment",
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
