from odoo import fields, models


class ClientCareLog(models.Model):
    """One to-do planned from the care calendar for one client: kept so that the job
    plans each occasion once per client and date, and as the history of the care."""

    _name = "client.care.log"
    _description = "Client Care To-Do"
    _order = "occasion_date desc, id desc"
    _rec_name = "occasion_id"

    occasion_id = fields.Many2one(
        "client.care.occasion", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(related="occasion_id.kind", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade", index=True
    )
    client_segment_id = fields.Many2one(related="partner_id.client_segment_id")
    occasion_date = fields.Date(string="Day of the Occasion", required=True)
    user_id = fields.Many2one("res.users", string="Owner", ondelete="set null")
    activity_id = fields.Many2one(
        "mail.activity", string="To-Do", ondelete="set null", index="btree_not_null"
    )
    company_id = fields.Many2one(related="occasion_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "occasion_once_uniq",
            "unique(occasion_id, partner_id, occasion_date)",
            "This client already has a to-do for this occasion on this day.",
        ),
    ]
