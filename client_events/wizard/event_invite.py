from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval


class EventInvite(models.TransientModel):
    _name = "event.invite"
    _description = "Invite Partners to an Event"

    event_id = fields.Many2one("event.event", required=True, readonly=True)
    partner_ids = fields.Many2many("res.partner", string="Partners")
    partner_category_ids = fields.Many2many(
        "res.partner.category", string="Partner Tags", help="Invite every partner with these tags."
    )
    segment_ids = fields.Many2many(
        "client.segment",
        string="Client Segments",
        help="Invite every client of these segments.",
    )
    lead_domain = fields.Char(
        string="CRM Filter",
        default="[]",  # the domain editor calls an empty value invalid
        help="Invite the customers of the CRM leads and opportunities matching this filter.",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Mail Template",
        required=True,
        domain="[('model', '=', 'event.registration')]",
        default=lambda self: self.env.ref(
            "client_events.mail_template_event_invitation", raise_if_not_found=False
        ),
    )
    recipient_ids = fields.Many2many(
        "res.partner",
        "event_invite_recipient_rel",
        string="Will Be Invited",
        compute="_compute_recipients",
    )
    skipped_no_email_ids = fields.Many2many(
        "res.partner",
        "event_invite_no_email_rel",
        string="Skipped: No E-mail",
        compute="_compute_recipients",
    )
    skipped_registered_ids = fields.Many2many(
        "res.partner",
        "event_invite_registered_rel",
        string="Skipped: Already Registered",
        compute="_compute_recipients",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Sent")], default="draft")
    sent_count = fields.Integer(string="Invitations Sent", readonly=True)

    def _get_candidate_partners(self):
        """Every partner picked by hand, by tag, by client segment, by CRM filter (hook for
        more sources)."""
        self.ensure_one()
        partners = self.partner_ids
        if self.partner_category_ids:
            partners |= self.env["res.partner"].search(
                [("category_id", "in", self.partner_category_ids.ids)]
            )
        if self.segment_ids:
            partners |= self.env["res.partner"].search(
                [("client_segment_id", "in", self.segment_ids.ids)]
            )
        if self.lead_domain and self.lead_domain != "[]":
            leads = self.env["crm.lead"].search(safe_eval(self.lead_domain))
            partners |= leads.partner_id
        return partners

    @api.depends("event_id", "partner_ids", "partner_category_ids", "segment_ids", "lead_domain")
    def _compute_recipients(self):
        for wizard in self:
            candidates = wizard._get_candidate_partners()
            registered = (
                wizard.event_id.registration_ids.filtered(lambda r: r.state != "cancel").partner_id
                & candidates
            )
            no_email = (candidates - registered).filtered(lambda p: not p.email)
            wizard.skipped_registered_ids = registered
            wizard.skipped_no_email_ids = no_email
            wizard.recipient_ids = candidates - registered - no_email

    def action_send(self):
        self.ensure_one()
        self.event_id._check_can_run(_("send invitations"))
        if self.event_id.costs_closed:
            raise UserError(
                _("%(event)s is closed: it cannot invite anyone.", event=self.event_id.name)
            )
        partners = self.recipient_ids
        if not partners:
            raise UserError(
                _(
                    "Nobody to invite to %(event)s: pick partners that have an e-mail and "
                    "are not registered yet.",
                    event=self.event_id.name,
                )
            )
        now = fields.Datetime.now()
        registrations = self.env["event.registration"].create(
            [
                {
                    "event_id": self.event_id.id,
                    "partner_id": partner.id,
                    "name": partner.name,
                    "email": partner.email,
                    "phone": partner.phone,
                    "state": "draft",
                    "invited_date": now,
                }
                for partner in partners
            ]
        )
        self.template_id.send_mail_batch(registrations.ids)
        self.event_id.message_post(
            body=_(
                "%(count)s invitations sent by %(user)s.%(skipped)s",
                count=len(registrations),
                user=self.env.user.name,
                skipped=_(
                    " Skipped for lack of an e-mail: %(names)s.",
                    names=", ".join(self.skipped_no_email_ids.mapped("name")),
                )
                if self.skipped_no_email_ids
                else "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.write({"state": "done", "sent_count": len(registrations)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
