from odoo import _, fields, models
from odoo.exceptions import UserError


class EventApprovalDecide(models.TransientModel):
    _name = "event.approval.decide"
    _description = "Approve or Reject an Approval Step"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    comment = fields.Text(help="Required to reject: the planner reads it to revise.")

    def action_confirm(self):
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        if "approval_state" not in document._fields:
            raise UserError(_("This document does not follow an approval chain."))
        if self.decision == "approve":
            document.action_approve(comment=self.comment)
        else:
            document.action_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
