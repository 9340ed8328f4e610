from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    approval_required = fields.Boolean(
        string="Requires Approval",
        help="Events of this type follow the client-event approval chain (评审与审批): "
        "they cannot be published, move beyond the first stage or confirm "
        "registrations before their proposal is approved.",
    )
