from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    big_account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        index="btree_not_null",
        groups="big_account.group_member",
        help="Key account this event is planned for (client care).",
    )
