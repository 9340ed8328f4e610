from odoo import fields, models


class EventEvaluation(models.Model):
    _name = "event.evaluation"
    _description = "Event Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _rec_name = "event_id"

    event_id = fields.Many2one("event.event", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    date_end = fields.Datetime(related="event_id.date_end", store=True, string="Event End")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )

    _sql_constraints = [
        (
            "event_uniq",
            "unique(event_id)",
            "An event has one evaluation only: open the existing one instead.",
        ),
    ]
