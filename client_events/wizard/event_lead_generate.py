from psycopg2 import errors

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

INTEREST_PRIORITY = {"interested": "1", "intention": "2"}


class EventLeadGenerate(models.TransientModel):
    _name = "event.lead.generate"
    _description = "Generate Opportunities from Event Attendees"

    event_id = fields.Many2one("event.event", required=True, readonly=True)
    registration_ids = fields.Many2many(
        "event.registration",
        string="Attendees",
        compute="_compute_registration_ids",
        store=True,
        readonly=False,
        domain="[('event_id', '=', event_id), ('state', '=', 'done'), "
        "('interest_level', 'in', ('interested', 'intention'))]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team")
    created_count = fields.Integer(readonly=True)
    linked_count = fields.Integer(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.depends("event_id")
    def _compute_registration_ids(self):
        for wizard in self:
            wizard.registration_ids = wizard.event_id.registration_ids.filtered(
                lambda r: r.state == "done" and r.interest_level in ("interested", "intention")
            )

    @api.depends("event_id")
    def _compute_user_id(self):
        for wizard in self:
            wizard.user_id = wizard.event_id.user_id

    def action_generate(self):
        self.ensure_one()
        registrations = self.registration_ids.filtered(
            lambda r: (
                r.event_id == self.event_id
                and r.state == "done"
                and r.interest_level in ("interested", "intention")
            )
        )
        if not registrations:
            raise UserError(
                _(
                    "No attendee of %(event)s has shown interest: set the interest level "
                    "of the attendees first.",
                    event=self.event_id.name,
                )
            )
        self._lock_registrations(registrations)
        created, linked = self._generate(registrations)
        self.write({"state": "done", "created_count": len(created), "linked_count": len(linked)})
        self.event_id.message_post(
            body=_(
                "%(created)s opportunities created and %(linked)s existing ones linked "
                "from the attendees.",
                created=len(created),
                linked=len(linked),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _lock_registrations(self, registrations):
        """One generation at a time per attendee, so none gets two opportunities.

        A generation running on the same attendees holds their rows: refused at
        once. One that committed meanwhile has touched them: this transaction
        then fails to lock them and Odoo retries it on fresh data, where it
        finds the opportunities and links them instead of creating others.
        """
        self.env.flush_all()
        ids = tuple(registrations.ids)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM event_registration WHERE id IN %s FOR UPDATE NOWAIT",
                        ids,
                    ),
                    log_exceptions=False,
                )
        except errors.LockNotAvailable:
            raise UserError(
                _(
                    "Opportunities are being generated from the attendees of %(event)s right "
                    "now. Wait a moment and try again: existing ones will be linked.",
                    event=self.event_id.name,
                )
            ) from None
        self.env.cr.execute(
            SQL(
                "UPDATE event_registration SET write_date = now() AT TIME ZONE 'UTC' "
                "WHERE id IN %s",
                ids,
            )
        )
        registrations.invalidate_recordset(["write_date"])

    def _generate(self, registrations):
        """One opportunity per partner and event: create it or link the existing one."""
        Lead = self.env["crm.lead"]
        created, linked = Lead, Lead.sudo()
        by_partner = {}
        for registration in registrations:
            key = registration.partner_id.id or (registration.email or registration.name)
            by_partner.setdefault(key, self.env["event.registration"])
            by_partner[key] |= registration
        for regs in by_partner.values():
            partner = regs.partner_id[:1]
            lead = self._find_existing_lead(partner, regs)
            if lead:
                vals = {"registration_ids": [Command.link(r.id) for r in regs]}
                if not lead.event_id:
                    vals["event_id"] = self.event_id.id
                if lead.type == "lead":
                    vals["type"] = "opportunity"
                lead.sudo().write(vals)
                linked |= lead
                continue
            created |= Lead.create(self._prepare_lead_values(partner, regs))
        return created, linked

    def _find_existing_lead(self, partner, registrations):
        """Search as superuser: a duplicate is a duplicate whoever owns the original."""
        Lead = self.env["crm.lead"].sudo()
        lead = Lead.search(
            [("event_id", "=", self.event_id.id), ("registration_ids", "in", registrations.ids)],
            limit=1,
        )
        if lead or not partner:
            return lead
        lead = Lead.search(
            [("event_id", "=", self.event_id.id), ("partner_id", "=", partner.id)], limit=1
        )
        if lead:
            return lead
        # an open opportunity of that customer, from elsewhere
        return Lead.search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("type", "=", "opportunity"),
                ("probability", "<", 100),
            ],
            order="create_date desc",
            limit=1,
        )

    def _prepare_lead_values(self, partner, registrations):
        registration = registrations[0]
        best = max(registrations.mapped("interest_level"), key=lambda level: level == "intention")
        notes = "\n".join(filter(None, registrations.mapped("followup_note")))
        vals = {
            "name": _(
                "%(event)s: %(customer)s",
                event=self.event_id.name,
                customer=partner.name or registration.name,
            ),
            "type": "opportunity",
            "partner_id": partner.id,
            "contact_name": registration.name if not partner else False,
            "email_from": registration.email or partner.email,
            "phone": registration.phone or partner.phone,
            "event_id": self.event_id.id,
            "registration_ids": [Command.set(registrations.ids)],
            "user_id": self.user_id.id,
            "priority": INTEREST_PRIORITY.get(best, "0"),
            "description": notes,
            "company_id": self.event_id.company_id.id,
        }
        if self.team_id:
            vals["team_id"] = self.team_id.id
        return vals
