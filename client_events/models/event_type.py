from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    approval_required = fields.Boolean(
        string="Requires Approval",
        help="Events of this type follow the client-event approval chain (评审与审批): "
        "they cannot be published, move beyond the first stage or confirm "
        "registrations before their proposal is approved.",
    )
    risk_template_ids = fields.One2many(
        "event.type.risk",
        "event_type_id",
        string="Typical Risks",
        help="Copied onto the risk register of new events of this type.",
    )
    target_template_ids = fields.One2many(
        "event.type.target",
        "event_type_id",
        string="Targets",
        help="The measurable targets (目标量化) the proposals of this type set before "
        "submission, besides their target participants.",
    )
    prep_template_ids = fields.One2many(
        "event.type.prep.task",
        "event_type_id",
        string="Preparation Checklist",
        help="Copied onto the preparation tasks of new events of this type.",
    )
