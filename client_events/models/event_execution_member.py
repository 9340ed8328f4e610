from odoo import fields, models


class EventExecutionMember(models.Model):
    _name = "event.execution.member"
    _description = "Event Execution Team Member"
    _order = "event_id, role, id"

    event_id = fields.Many2one(
        "event.event", string="Event", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, domain="[('share', '=', False)]"
    )
    role = fields.Selection(
        [
            ("host", "Host (主持人)"),
            ("technical", "Technical Support (技术支持)"),
            ("logistics", "Logistics (后勤保障)"),
            ("photography", "Photography / Video (摄影摄像)"),
            ("reception", "Reception (签到接待)"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    note = fields.Char()
    company_id = fields.Many2one(related="event_id.company_id", store=True)
