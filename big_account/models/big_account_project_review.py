from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class BigAccountProjectReview(models.Model):
    _name = "big.account.project.review"
    _description = "Internal Review of a Proposal Version"
    _order = "version_id, id"
    _rec_name = "reviewer_id"

    version_id = fields.Many2one(
        "big.account.project.version",
        string="Proposal Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    project_id = fields.Many2one(
        related="version_id.project_id", string="Service Project", store=True, index=True
    )
    company_id = fields.Many2one(related="version_id.company_id", store=True, index=True)
    reviewer_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    feasibility_score = fields.Integer(
        string="Feasibility", help="From 1 (poor) to 5 (excellent)."
    )
    feasibility_comment = fields.Text()
    innovation_score = fields.Integer(string="Innovation", help="From 1 (poor) to 5 (excellent).")
    innovation_comment = fields.Text()
    cost_benefit_score = fields.Integer(
        string="Cost-Benefit", help="From 1 (poor) to 5 (excellent)."
    )
    cost_benefit_comment = fields.Text(string="Cost-Benefit Comment")
    verdict = fields.Selection(
        [
            ("favourable", "Favourable"),
            ("reservations", "Favourable with Reservations"),
            ("unfavourable", "Unfavourable"),
        ],
        required=True,
        help="Only a favourable opinion lets the version go to the client.",
    )

    _sql_constraints = [
        (
            "version_reviewer_uniq",
            "unique(version_id, reviewer_id)",
            "Each reviewer gives one opinion per proposal version: edit yours instead.",
        ),
        (
            "scores_range",
            "CHECK(feasibility_score BETWEEN 1 AND 5 AND innovation_score BETWEEN 1 AND 5 "
            "AND cost_benefit_score BETWEEN 1 AND 5)",
            "Score feasibility, innovation and cost-benefit from 1 to 5.",
        ),
    ]

    @api.constrains("reviewer_id", "version_id")
    def _check_reviewer(self):
        for review in self:
            project = review.version_id.project_id
            reviewer = review.reviewer_id
            if reviewer == project.user_id:
                raise ValidationError(
                    _(
                        "%(user)s manages %(project)s: the proposal is reviewed by the other "
                        "members of the service team.",
                        user=reviewer.name,
                        project=project.name,
                    )
                )
            if reviewer not in project.account_id.sudo().member_ids.user_id:
                raise ValidationError(
                    _(
                        "%(user)s is not on the service team of %(account)s: only its members "
                        "review the proposals of %(project)s.",
                        user=reviewer.name,
                        account=project.account_id.display_name,
                        project=project.name,
                    )
                )

    def _check_own_opinion(self, reviewers, versions):
        """Each reviewer writes their own opinion, while the version is in review."""
        if not self.env.su and reviewers - self.env.user:
            raise AccessError(
                _(
                    "You can only give your own opinion: %(users)s write theirs themselves.",
                    users=", ".join((reviewers - self.env.user).mapped("name")),
                )
            )
        for version in versions:
            if version.state != "review":
                raise UserError(
                    _(
                        "%(version)s is not in review: its internal opinions can no longer "
                        "change.",
                        version=version.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reviewers = self.env["res.users"].browse(
            [vals.get("reviewer_id") or self.env.uid for vals in vals_list]
        )
        versions = self.env["big.account.project.version"].browse(
            [vals["version_id"] for vals in vals_list if vals.get("version_id")]
        )
        self._check_own_opinion(reviewers, versions)
        return super().create(vals_list)

    def write(self, vals):
        self._check_own_opinion(self.reviewer_id, self.version_id)
        if "reviewer_id" in vals or "version_id" in vals:
            raise UserError(_("An opinion stays with its reviewer and its version."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_own_opinion(self):
        self._check_own_opinion(self.reviewer_id, self.version_id)
