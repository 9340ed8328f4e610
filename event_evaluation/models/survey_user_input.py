from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    registration_id = fields.Many2one(
        "event.registration", string="Event Registration", index="btree_not_null"
    )
    event_id = fields.Many2one(
        related="registration_id.event_id", store=True, index="btree_not_null"
    )
