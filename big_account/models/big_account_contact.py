from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BigAccountContact(models.Model):
    _name = "big.account.contact"
    _description = "Key Account Contact"
    _order = "account_id, sequence, id"
    _rec_name = "partner_id"

    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        domain="[('is_company', '=', False), ('commercial_partner_id', '=', parent_partner_id)]",
        help="A person of the account's client company. Created from here, the person is "
        "filed under that company.",
    )
    parent_partner_id = fields.Many2one(related="account_id.partner_id")
    position = fields.Char(string="Job Position")
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    decision_role = fields.Selection(
        [
            ("decision_maker", "Decision Maker"),
            ("approver", "Approver"),
            ("influencer", "Influencer"),
            ("user", "User"),
            ("gatekeeper", "Gatekeeper"),
            ("champion", "Champion"),
        ],
        required=True,
        default="influencer",
    )
    influence_level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")], default="medium"
    )
    attitude = fields.Selection(
        [
            ("supporter", "Supporter"),
            ("neutral", "Neutral"),
            ("opponent", "Opponent"),
            ("unknown", "Unknown"),
        ],
        default="unknown",
    )
    birthday = fields.Date()
    last_greeting_year = fields.Integer(readonly=True, copy=False)
    notes = fields.Text()

    _sql_constraints = [
        (
            "account_partner_uniq",
            "unique(account_id, partner_id)",
            "This person is already in the decision chain of the account.",
        ),
    ]

    @api.constrains("partner_id", "account_id")
    def _check_partner_of_company(self):
        for contact in self:
            partner = contact.partner_id
            if (
                partner.is_company
                or partner.commercial_partner_id != contact.account_id.partner_id
            ):
                raise ValidationError(
                    _(
                        "%(contact)s is not a person of %(company)s: pick one of its contacts.",
                        contact=partner.display_name,
                        company=contact.account_id.partner_id.display_name,
                    )
                )

    def export_data(self, fields_to_export):
        # the decision chain is the client's personal data: its consent first
        self.account_id._check_export_consent()
        return super().export_data(fields_to_export)
