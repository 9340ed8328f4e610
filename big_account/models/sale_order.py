from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    big_account_project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        index="btree_not_null",
        readonly=True,
        copy=False,
        groups="big_account.group_member",
        help="The key-account service project whose accepted proposal this quotation "
        "was built from.",
    )

    @api.constrains("big_account_project_id", "partner_id")
    def _check_big_account_project_client(self):
        for order in self.sudo().filtered("big_account_project_id"):
            client = order.big_account_project_id.partner_id
            if order.partner_id.commercial_partner_id != client:
                raise ValidationError(
                    _(
                        "%(order)s is for %(customer)s, not for %(client)s, the client of "
                        "the service project %(project)s.",
                        order=order.name,
                        customer=order.partner_id.display_name,
                        client=client.display_name,
                        project=order.big_account_project_id.name,
                    )
                )

    def action_view_big_account_project(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "big.account.project",
            "res_id": self.big_account_project_id.id,
            "views": [(False, "form")],
        }
