from odoo import api, fields, models

ITEMS = [
    ("booth", "Booth and Layout"),
    ("effect", "Event Effect"),
    ("service", "Service Quality"),
    ("targets", "Targets Met"),
]
# the five levels a client can tell apart; x 20 gives the 0-100 scale of the overall score
SCORES = [
    ("1", "1 - Unacceptable"),
    ("2", "2 - Poor"),
    ("3", "3 - Acceptable"),
    ("4", "4 - Good"),
    ("5", "5 - Excellent"),
]


class BigAccountProjectAcceptanceLine(models.Model):
    _name = "big.account.project.acceptance.line"
    _description = "Service Project Acceptance Item"
    _order = "acceptance_id, sequence, id"

    acceptance_id = fields.Many2one(
        "big.account.project.acceptance", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="acceptance_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    item = fields.Selection(ITEMS, required=True)
    score = fields.Selection(SCORES)
    comment = fields.Text()

    _sql_constraints = [
        (
            "acceptance_item_uniq",
            "unique(acceptance_id, item)",
            "Each item is scored once per acceptance.",
        ),
    ]

    def _check_acceptance_draft(self, acceptances, operation):
        """Items are the team's while the acceptance is a draft; once sent, only the
        client's review (a transition of the acceptance) changes them."""
        if self.env["big.account.project.acceptance"]._in_transition():
            return
        self.check_access(operation)  # who may not change items hears so first
        for acceptance in acceptances:
            if acceptance.state != "draft":
                raise acceptance._locked_error()

    @api.model_create_multi
    def create(self, vals_list):
        acceptance_ids = {vals.get("acceptance_id") for vals in vals_list} - {None, False}
        self._check_acceptance_draft(
            self.env["big.account.project.acceptance"].browse(acceptance_ids), "create"
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_acceptance_draft(self.acceptance_id, "write")
        if vals.get("acceptance_id"):
            self._check_acceptance_draft(
                self.env["big.account.project.acceptance"].browse(vals["acceptance_id"]), "write"
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._check_acceptance_draft(self.acceptance_id, "unlink")
