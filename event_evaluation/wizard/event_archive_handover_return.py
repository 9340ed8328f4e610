from odoo import fields, models


class EventArchiveHandoverReturn(models.TransientModel):
    _name = "event.archive.handover.return"
    _description = "Send an Archive Handover Back"

    handover_id = fields.Many2one("event.archive.handover", required=True, readonly=True)
    reason = fields.Text(
        required=True,
        help="What the region must add: it is posted on the handover and given to the sender "
        "as a to-do.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.handover_id.action_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
