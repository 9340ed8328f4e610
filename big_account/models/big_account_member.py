from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class BigAccountMember(models.Model):
    _name = "big.account.member"
    _description = "Key Account Service Team Member"
    _order = "account_id, role, id"
    _rec_name = "user_id"

    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Team Member",
        required=True,
        index=True,
        ondelete="cascade",
        domain=lambda self: [("groups_id", "in", self.env.ref("big_account.group_member").id)],
    )
    role = fields.Selection(
        [
            ("project_manager", "Account Project Manager"),
            ("planning", "Planning Specialist"),
            ("marketing", "Marketing Specialist"),
            ("onsite", "On-site Execution Specialist"),
            ("relationship", "Relationship Specialist"),
        ],
        required=True,
    )
    nda_signed_date = fields.Date(
        string="NDA Signed On",
        required=True,
        help="Date the member signed the confidentiality agreement (保密协议).",
    )

    _sql_constraints = [
        (
            "account_user_role_uniq",
            "unique(account_id, user_id, role)",
            "This person already has this role on the account's service team.",
        ),
    ]

    @api.constrains("nda_signed_date")
    def _check_nda_signed_date(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.nda_signed_date > today:
                raise ValidationError(
                    _(
                        "%(user)s cannot join the team of %(account)s with an NDA signed in "
                        "the future (%(date)s): enter the date it was actually signed.",
                        user=member.user_id.name,
                        account=member.account_id.display_name,
                        date=format_date(self.env, member.nda_signed_date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("nda_signed_date"):
                user = self.env["res.users"].browse(vals.get("user_id"))
                raise ValidationError(
                    _(
                        "%(user)s has not signed the confidentiality agreement: enter the "
                        "NDA signature date before adding them to the service team.",
                        user=user.name or _("This person"),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        accounts = self.account_id
        result = super().write(vals)
        if {"user_id", "account_id"} & set(vals):
            accounts._check_owner_serves()
        return result

    def unlink(self):
        accounts = self.account_id
        result = super().unlink()
        accounts.exists()._check_owner_serves()
        return result
