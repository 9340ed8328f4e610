from odoo import fields, models

CLUB_MEMBER_KINDS = [
    ("owner", "Owner (业主)"),
    ("prospect", "Prospective Owner (准业主)"),
    ("supplier", "Supplier (供应商)"),
    ("merchant", "Merchant (商家)"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    club_member_kind = fields.Selection(
        CLUB_MEMBER_KINDS,
        help="The kind of client-club member (某某会) this membership makes its buyer. "
        "Memberships of a kind count in the club targets of the annual plans: members "
        "recruited and managed, merchants managed. Leave empty for memberships outside "
        "the client club.",
    )
