from odoo import fields, models


class EventPlanningGroup(models.Model):
    _name = "event.planning.group"
    _description = "Event Planning Group"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Leader",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Usually the head of marketing (组长).",
    )
    member_ids = fields.One2many("event.planning.group.member", "group_id", string="Members")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    event_ids = fields.One2many("event.event", "planning_group_id", string="Events")
