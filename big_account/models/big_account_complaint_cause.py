from odoo import fields, models


class BigAccountComplaintCause(models.Model):
    """Why a complaint happened (原因分析), as the investigation finds it.

    Two complaints of one account with the same cause within the months set in
    Settings make the later one a repeat: the corrective action of the first did
    not hold.
    """

    _name = "big.account.complaint.cause"
    _description = "Key Account Complaint Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A complaint cause with this name already exists."),
    ]
