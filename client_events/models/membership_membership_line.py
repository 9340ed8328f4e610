from odoo import api, fields, models


class MembershipLine(models.Model):
    _inherit = "membership.membership_line"

    club_member_kind = fields.Selection(
        related="membership_id.product_tmpl_id.club_member_kind", store=True, index=True
    )
    club_company_id = fields.Many2one(
        "res.company",
        string="Region",
        compute="_compute_club_company_id",
        store=True,
        index=True,
        help="The region (company) whose club targets this membership counts in: the "
        "company of its invoice; for a membership without invoice (a free member), the "
        "company of the member; for a member shared by every company, the company of the "
        "user who recorded the membership.",
    )

    def _compute_state(self):
        """A membership recorded without invoice (a free member's) is in no invoice state;
        Odoo's own computation expects an invoice on each line."""
        free = self.filtered(lambda line: not line.account_invoice_id)
        free.state = "none"
        return super(MembershipLine, self - free)._compute_state()

    @api.depends("company_id", "partner.company_id")
    def _compute_club_company_id(self):
        for line in self:
            line.club_company_id = (
                line.company_id
                or line.partner.company_id
                or line.club_company_id
                or self.env.company
            )
