from odoo import fields, models


class BigAccount(models.Model):
    _name = "big.account"
    _description = "Key Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client Company",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        check_company=True,
        tracking=True,
    )
    name = fields.Char(related="partner_id.name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Account Owner", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        [("candidate", "Candidate"), ("confirmed", "Confirmed"), ("inactive", "Inactive")],
        default="candidate",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "This company is already a key account: open the existing profile instead.",
        ),
    ]
