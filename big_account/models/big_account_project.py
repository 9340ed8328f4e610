from odoo import _, fields, models
from odoo.exceptions import UserError

STAGES = [
    ("needs", "Needs Research"),
    ("proposal", "Proposal"),
    ("contract", "Quotation and Contract"),
    ("execution", "Execution"),
    ("acceptance", "Acceptance"),
    ("wrapup", "Wrap-up"),
    ("done", "Archived"),
]


class BigAccountProject(models.Model):
    _name = "big.account.project"
    _description = "Key Account Service Project"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date_start desc, id desc"
    _transition_fields = frozenset({"state"})  # written by the stage buttons only
    _check_company_auto = True

    name = fields.Char(string="Project", required=True, tracking=True)
    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(related="account_id.partner_id", string="Client Company")
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Project Manager",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    date_start = fields.Date(string="Start", default=fields.Date.context_today, required=True)
    state = fields.Selection(
        STAGES,
        string="Stage",
        default="needs",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    active = fields.Boolean(default=True)

    def _transition_refusal(self, field_names):
        return UserError(
            _("Move a service project from stage to stage with its buttons, not by editing it.")
        )

    def _check_stage_done(self):
        """Refuse to leave the current stage while its product is missing."""

    def action_next_stage(self):
        keys = [key for key, _label in STAGES]
        for project in self:
            if project.state == "done":
                raise UserError(
                    _("%(project)s is archived: it has no next stage.", project=project.name)
                )
            project._check_stage_done()
            project._transition_write({"state": keys[keys.index(project.state) + 1]})
        return True
