from odoo import fields, models


class EventPlanningGroupMember(models.Model):
    _name = "event.planning.group.member"
    _description = "Event Planning Group Member"
    _order = "group_id, department, id"

    group_id = fields.Many2one(
        "event.planning.group", string="Planning Group", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, domain="[('share', '=', False)]"
    )
    department = fields.Selection(
        [
            ("marketing", "Marketing (市场部)"),
            ("customer_service", "Customer Service (客户服务部)"),
            ("finance", "Finance (财务部)"),
            ("other", "Other"),
        ],
        required=True,
        default="marketing",
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True)

    _sql_constraints = [
        (
            "user_group_uniq",
            "unique (group_id, user_id)",
            "A person is member of a planning group only once.",
        ),
    ]
