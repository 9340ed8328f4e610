from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    _inherit = "event.event"

    big_account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        index="btree_not_null",
        groups="big_account.group_member",
        help="Key account this event is planned for (client care).",
    )
    big_account_project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        index="btree_not_null",
        domain="[('account_id', '=', big_account_id)]",
        groups="big_account.group_member",
        help="The service project of the key account this event is part of.",
    )

    big_account_project_count = fields.Integer(
        related="big_account_id.project_count", groups="big_account.group_member"
    )

    @api.constrains("big_account_id", "big_account_project_id")
    def _check_big_account_project(self):
        for event in self.sudo().filtered("big_account_project_id"):
            if event.big_account_project_id.account_id != event.big_account_id:
                raise ValidationError(
                    _(
                        "%(event)s is not planned for %(account)s: it cannot be part of its "
                        "service project %(project)s.",
                        event=event.name,
                        account=event.big_account_project_id.account_id.display_name,
                        project=event.big_account_project_id.name,
                    )
                )
