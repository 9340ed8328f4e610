from odoo import fields, models


class EventApprovalRule(models.Model):
    _name = "event.approval.rule"
    _description = "Approval Rule"
    _order = "res_model, sequence, id"

    name = fields.Char(string="Step", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    res_model = fields.Selection(
        [("event.event", "Event"), ("event.annual.plan", "Annual Plan")],
        string="Applies To",
        required=True,
        default="event.event",
        ondelete={"event.event": "cascade", "event.annual.plan": "cascade"},
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Approver Group",
        required=True,
        ondelete="restrict",
        help="Members of this group (and of the groups above it) decide on this step.",
    )
    condition = fields.Selection(
        [
            ("always", "Always"),
            ("off_plan", "Off-plan events only"),
            ("large", "Large events only"),
            ("group_plan", "Group plans only"),
            ("regional_plan", "Regional plans only"),
        ],
        required=True,
        default="always",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply the rule in every company."
    )
    allow_same_approver = fields.Boolean(
        string="Same Approver Allowed",
        help="Let a user who decided another step of the same document decide this one "
        "too (a small company). Off by default: each level of a chain is decided by a "
        "different person.",
    )
