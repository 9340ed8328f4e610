from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class EventIncident(models.Model):
    """Something that went wrong during an event (突发情况) and how it was handled."""

    _name = "event.incident"
    _description = "Event Incident"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _transition_fields = frozenset({"state", "date_resolved"})  # Resolve and Reopen write them

    name = fields.Char(string="Summary", required=True, tracking=True)
    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    date = fields.Datetime(
        string="Time", required=True, default=fields.Datetime.now, tracking=True
    )
    reported_by_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    category = fields.Selection(
        [
            ("safety", "Safety"),
            ("medical", "Medical"),
            ("equipment", "Equipment"),
            ("supplier", "Supplier"),
            ("guest_complaint", "Guest Complaint"),
            ("public_opinion", "Public Opinion"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("severe", "Severe")],
        required=True,
        default="minor",
        tracking=True,
        help="A severe incident notifies the planning group leader and the approver at once.",
    )
    description = fields.Text()
    action_taken = fields.Text(help="What was done on the spot.")
    owner_id = fields.Many2one("res.users", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    resolution = fields.Text(tracking=True)
    date_resolved = fields.Datetime(readonly=True, copy=False)
    risk_id = fields.Many2one(
        "event.risk",
        string="Realised Risk",
        domain="[('event_id', '=', event_id)]",
        help="The risk of the register that this incident realised, if any.",
    )

    @api.constrains("name")
    def _check_name(self):
        for incident in self.filtered(lambda incident: not incident.name.strip()):
            raise ValidationError(
                _(
                    "Say in a few words what happened at %(event)s: the summary of an "
                    "incident cannot be blank.",
                    event=incident.event_id.name,
                )
            )

    @api.constrains("risk_id", "event_id")
    def _check_risk_event(self):
        for incident in self:
            if incident.risk_id and incident.risk_id.event_id != incident.event_id:
                raise ValidationError(
                    _(
                        "The incident “%(incident)s” can only realise a risk of its own event "
                        "%(event)s.",
                        incident=incident.name,
                        event=incident.event_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents.filtered(lambda i: i.severity == "severe")._escalate()
        return incidents

    def write(self, vals):
        newly_severe = (
            self.filtered(lambda i: i.severity != "severe")
            if vals.get("severity") == "severe"
            else self.browse()
        )
        res = super().write(vals)
        newly_severe._escalate()
        return res

    def _escalation_users(self):
        """The planning group leader and whoever gave the leadership approval."""
        self.ensure_one()
        event = self.event_id.sudo()
        approver_group = self.env.ref("client_events.group_approver")
        approvers = event.approval_ids.filtered(
            lambda step: step.state == "approved" and step.group_id == approver_group
        ).user_id
        return (event.planning_group_id.user_id | approvers).filtered("active")

    def _escalate(self):
        """Tell the people who answer for the event, on the event and on the incident."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for incident in self:
            users = incident._escalation_users()
            body = _(
                "Severe incident at %(event)s: %(incident)s (%(category)s), reported by "
                "%(reporter)s.",
                event=incident.event_id.name,
                incident=incident.name,
                category=dict(self._fields["category"]._description_selection(self.env))[
                    incident.category
                ],
                reporter=incident.reported_by_id.name,
            )
            # The reporter may only read the event: post as him, with sudo.
            incident.event_id.sudo().message_post(
                body=body,
                author_id=self.env.user.partner_id.id,
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            for user in users:
                incident.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=_("Severe incident: %(incident)s", incident=incident.name),
                    note=body,
                    user_id=user.id,
                )

    def action_resolve(self):
        for incident in self:
            if incident.state != "open":
                raise UserError(
                    _("The incident “%(incident)s” is resolved already.", incident=incident.name)
                )
            if not (incident.resolution or "").strip():
                raise UserError(
                    _(
                        "Write how the incident “%(incident)s” was resolved before marking it "
                        "resolved.",
                        incident=incident.name,
                    )
                )
        self._transition_write({"state": "resolved", "date_resolved": fields.Datetime.now()})

    def action_reopen(self):
        self._transition_write({"state": "open", "date_resolved": False})
