from odoo import _, api, fields, models
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
    step_id = fields.Many2one(
        "event.approval",
        readonly=True,
        help="The step being decided, as it was when the decision was opened.",
    )
    summary = fields.Char(
        related="step_id.res_summary", string="What You Decide On", readonly=True
    )
    risk_ids = fields.Many2many(
        "event.risk",
        compute="_compute_risk_ids",
        string="Risk Register",
        help="The event's risks still open or mitigated, highest first.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "step_id" in fields_list and values.get("res_model") and values.get("res_id"):
            document = self.env[values["res_model"]].browse(values["res_id"])
            if "approval_current_id" in document._fields:
                values["step_id"] = document.approval_current_id.id
        return values

    @api.depends("res_model", "res_id")
    def _compute_risk_ids(self):
        for wizard in self:
            if wizard.res_model and wizard.res_id:
                document = self.env[wizard.res_model].browse(wizard.res_id)
                wizard.risk_ids = document._approval_decision_risks()
            else:
                wizard.risk_ids = False

    def action_confirm(self):
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        if "approval_state" not in document._fields:
            raise UserError(_("This document does not follow an approval chain."))
        # two approvers (or two tabs) deciding at once: the second must not
        # decide the next step, which he has not read
        if self.step_id and self.step_id != document.approval_current_id:
            step = self.step_id.sudo()
            raise UserError(
                _(
                    "Step %(step)s of %(record)s has already been decided by %(user)s: "
                    "open %(record)s again to see where its approval stands.",
                    step=step.name,
                    record=document.display_name,
                    user=step.user_id.name or _("someone else"),
                )
            )
        if self.decision == "approve":
            document.action_approve(comment=self.comment)
        else:
            document.action_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
