from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class EventApprovalRule(models.Model):
    _name = "event.approval.rule"
    _description = "Approval Rule"
    _order = "res_model, sequence, id"

    name = fields.Char(string="Step", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    res_model = fields.Selection(
        selection="_selection_res_model",
        string="Applies To",
        required=True,
        help="The kind of document this step approves: any model that follows the approval chain.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Approver Group",
        required=True,
        ondelete="restrict",
        help="Members of this group (and of the groups above it) decide on this step.",
    )
    domain = fields.Char(
        string="Applies When",
        default="[]",
        required=True,
        help="The documents this step applies to, as a filter on them (empty: every "
        "document): off-plan events, large events, group plans, amounts above a limit...",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply the rule in every company."
    )
    reminder_days = fields.Integer(
        string="Remind After (days)",
        default=3,
        help="Remind the approvers of this step when it has waited this many days for a "
        "decision, and again every as many days (0: never).",
    )
    allow_same_approver = fields.Boolean(
        string="Same Approver Allowed",
        help="Let a user who decided another step of the same document decide this one "
        "too (a small company). Off by default: each level of a chain is decided by a "
        "different person.",
    )

    @api.model
    def _selection_res_model(self):
        """Every model that follows the approval chain, named in the user's language."""
        names = self.env.registry["client_events.approval.mixin"]._inherit_children
        return [
            (name, self.env["ir.model"]._get(name).name or self.env[name]._description)
            for name in sorted(names)
            if not self.env[name]._abstract
        ]

    @api.constrains("domain", "res_model")
    def _check_domain(self):
        for rule in self:
            try:
                domain = rule._get_domain()
            except (SyntaxError, ValueError, NameError) as error:
                raise ValidationError(
                    _(
                        "The filter of approval rule %(rule)s is not a valid filter: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error
            for leaf in domain:
                if isinstance(leaf, (list, tuple)) and not rule._field_path_exists(leaf[0]):
                    raise ValidationError(
                        _(
                            "The filter of approval rule %(rule)s names %(field)s, which "
                            "%(model)s does not have.",
                            rule=rule.name,
                            field=leaf[0],
                            model=rule.res_model,
                        )
                    )

    def _field_path_exists(self, path):
        model = self.env[self.res_model]
        for name in str(path).split("."):
            field = model._fields.get(name)
            if field is None:
                return False
            if field.relational:
                model = self.env[field.comodel_name]
        return True

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]")

    def _applies_to(self, record):
        """Whether this rule's filter holds for ``record`` (computed fields included)."""
        self.ensure_one()
        return bool(record.filtered_domain(self._get_domain()))
