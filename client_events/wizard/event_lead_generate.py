from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.event_registration import INTEREST_PRIORITY


class EventLeadGenerate(models.TransientModel):
    """Run a lead generation rule on the interested attendees an organiser picks:
    those stand for the rule's conditions, the salesperson and team chosen here
    for the rule's."""

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
        f"('interest_level', 'in', {tuple(INTEREST_PRIORITY)})]",
    )
    rule_id = fields.Many2one(
        "event.lead.rule",
        string="Lead Generation Rule",
        compute="_compute_rule_id",
        store=True,
        readonly=False,
        domain="[('lead_creation_trigger', '=', 'interest')]",
        help="The rule whose lead type and tags the new opportunities get, and that "
        "counts them among its leads.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
    )
    created_count = fields.Integer(readonly=True)
    linked_count = fields.Integer(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.depends("event_id")
    def _compute_registration_ids(self):
        for wizard in self:
            wizard.registration_ids = wizard.event_id.registration_ids.filtered(
                lambda r: r.state == "done" and r.interest_level in INTEREST_PRIORITY
            )

    @api.depends("event_id")
    def _compute_rule_id(self):
        for wizard in self:
            wizard.rule_id = self.env["event.lead.rule"].search(
                [
                    ("lead_creation_trigger", "=", "interest"),
                    ("company_id", "in", [wizard.event_id.company_id.id, False]),
                ],
                limit=1,
            )

    @api.depends("event_id", "rule_id")
    def _compute_user_id(self):
        for wizard in self:
            wizard.user_id = wizard.rule_id.lead_user_id or wizard.event_id.user_id

    @api.depends("rule_id", "user_id")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = wizard.rule_id.lead_sales_team_id or wizard.user_id.sale_team_id

    def action_generate(self):
        self.ensure_one()
        registrations = self.registration_ids.filtered(
            lambda r: (
                r.event_id == self.event_id
                and r.state == "done"
                and r.interest_level in INTEREST_PRIORITY
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
        if not self.rule_id:
            raise UserError(
                _(
                    "No lead generation rule runs on the interest shown at follow-up: an "
                    "event manager adds one in Events > Configuration > Lead Generation."
                )
            )
        self._lock_registrations(registrations)
        created, linked = self.rule_id._create_or_link_leads(
            registrations, {"user_id": self.user_id.id, "team_id": self.team_id.id}
        )
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

        event_crm takes no lock: two runs at once would each create a lead.
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
