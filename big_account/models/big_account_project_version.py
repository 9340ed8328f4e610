from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty


class BigAccountProjectVersion(models.Model):
    _name = "big.account.project.version"
    _description = "Service Project Proposal Version"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "project_id, number desc, id desc"
    # written by the buttons only: the number by its compute, once
    _transition_fields = frozenset(
        {"state", "number", "date_sent", "accepted_by_id", "date_accepted", "accepted_user_id"}
    )
    _check_company_auto = True

    project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    account_id = fields.Many2one(related="project_id.account_id", string="Key Account")
    partner_id = fields.Many2one(related="project_id.partner_id", string="Client Company")
    number = fields.Integer(
        compute="_compute_number",
        store=True,
        readonly=True,
        copy=False,
        help="1 for the first proposal, then one more for each revision.",
    )
    summary = fields.Html(help="What the proposal offers: concept, layout, services.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "big_account_project_version_attachment_rel",
        "version_id",
        "attachment_id",
        string="Proposal Documents",
    )
    line_ids = fields.One2many(
        "big.account.project.cost.line", "version_id", string="Cost Lines", copy=True
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True, tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "In Review"),
            ("sent", "Sent to Client"),
            ("accepted", "Accepted"),
            ("revised", "Revised"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    review_ids = fields.One2many(
        "big.account.project.review", "version_id", string="Internal Reviews"
    )
    favourable_review_count = fields.Integer(
        string="Favourable Reviews", compute="_compute_favourable_review_count"
    )
    client_partner_id = fields.Many2one(
        "res.partner",
        string="Client Contact",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
        help="The person at the client who receives the proposal and answers for it.",
    )
    client_comments = fields.Html(
        copy=False, help="What the client asks to change in this version."
    )
    previous_version_id = fields.Many2one(
        "big.account.project.version", string="Revision Of", readonly=True, copy=False
    )
    date_sent = fields.Date(string="Sent On", readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.partner", readonly=True, copy=False, tracking=True)
    date_accepted = fields.Date(string="Accepted On", readonly=True, copy=False)
    accepted_user_id = fields.Many2one(
        "res.users",
        string="Acceptance Recorded By",
        readonly=True,
        copy=False,
    )

    @api.depends("project_id")
    def _compute_number(self):
        versions = self.filtered(lambda v: v.project_id and not v.number)
        if not versions:
            return
        last = dict(
            self.sudo()._read_group(
                [("project_id", "in", versions.project_id.ids), ("id", "not in", versions.ids)],
                ["project_id"],
                ["number:max"],
            )
        )
        for version in versions.sorted("id"):
            last[version.project_id] = last.get(version.project_id, 0) + 1
            version.number = last[version.project_id]

    @api.depends("project_id.name", "number")
    def _compute_display_name(self):
        for version in self:
            version.display_name = _(
                "%(project)s V%(number)s", project=version.project_id.name, number=version.number
            )

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for version in self:
            version.amount_total = sum(version.line_ids.mapped("price_subtotal"))

    @api.depends("review_ids.verdict")
    def _compute_favourable_review_count(self):
        for version in self:
            version.favourable_review_count = len(
                version.review_ids.filtered(lambda r: r.verdict == "favourable")
            )

    @api.constrains("client_partner_id")
    def _check_client_partner(self):
        for version in self.filtered("client_partner_id"):
            contact = version.client_partner_id
            if (
                contact.commercial_partner_id != version.partner_id
                or contact == version.partner_id
            ):
                raise ValidationError(
                    _(
                        "%(person)s is not a contact of %(client)s: a proposal goes to a "
                        "person of the client company.",
                        person=contact.display_name,
                        client=version.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        projects = self.env["big.account.project"].browse(
            [vals["project_id"] for vals in vals_list if vals.get("project_id")]
        )
        for project in projects:
            if project.state != "proposal":
                raise UserError(
                    _(
                        "%(project)s is not in its Proposal stage: proposal versions are "
                        "written there.",
                        project=project.name,
                    )
                )
        versions = super().create(vals_list)
        versions._attach_uploaded_documents()
        return versions

    def write(self, vals):
        if {"summary", "attachment_ids", "line_ids", "project_id"} & set(vals):
            self._check_draft(_("changed"))
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._attach_uploaded_documents()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        self._check_draft(_("deleted"))

    def _attach_uploaded_documents(self):
        """Documents uploaded before the version was saved belong to no record yet:
        give them to the version, so its team (and its key account) finds them."""
        for version in self:
            version.attachment_ids.filtered(
                lambda a, version=version: a.res_model == version._name and not a.res_id
            ).sudo().write({"res_id": version.id})

    def _check_draft(self, action_label):
        for version in self:
            if version.state != "draft":
                raise UserError(
                    _(
                        "%(version)s has been submitted: its content cannot be %(action)s. "
                        "Revise it to write the next version.",
                        version=version.display_name,
                        action=action_label,
                    )
                )

    def _check_proposal_stage(self):
        for version in self:
            if version.project_id.state != "proposal":
                raise UserError(
                    _(
                        "%(project)s has left its Proposal stage: %(version)s can no longer "
                        "change.",
                        project=version.project_id.name,
                        version=version.display_name,
                    )
                )

    def _transition_refusal(self, field_names):
        return UserError(
            _("Move a proposal version on with its buttons (submit, send, accept, revise).")
        )

    def action_open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # Workflow: draft → in review → sent → accepted / revised
    # ------------------------------------------------------------

    def action_submit_review(self):
        self._check_proposal_stage()
        for version in self:
            if version.state != "draft":
                raise UserError(
                    _(
                        "%(version)s is not a draft: it has already been submitted.",
                        version=version.display_name,
                    )
                )
            if is_html_empty(version.summary) or not version.line_ids:
                raise UserError(
                    _(
                        "Write the summary and the cost lines of %(version)s before the team "
                        "reviews it.",
                        version=version.display_name,
                    )
                )
        self._transition_write({"state": "review"})
        return True

    def action_send(self):
        self._check_proposal_stage()
        self.project_id._check_can_move(_("send its proposal to the client"))
        for version in self:
            if version.state != "review":
                raise UserError(
                    _(
                        "%(version)s is not in review: only a reviewed version goes to the "
                        "client.",
                        version=version.display_name,
                    )
                )
            if not version.favourable_review_count:
                raise UserError(
                    _(
                        "%(version)s has no favourable internal review: a reviewer of the "
                        "service team must find it favourable before it goes to the client.",
                        version=version.display_name,
                    )
                )
        self._transition_write({"state": "sent", "date_sent": fields.Date.context_today(self)})
        return True

    def action_accept(self):
        """Record the client's acceptance of this version, as the client told the team."""
        self._check_proposal_stage()
        self.project_id._check_can_move(_("record the client's acceptance of a proposal"))
        for version in self:
            if version.state != "sent":
                raise UserError(
                    _(
                        "%(version)s has not been sent to the client: the client accepts "
                        "only a version sent to it.",
                        version=version.display_name,
                    )
                )
            if version.project_id.accepted_version_id:
                raise UserError(
                    _(
                        "The client has already accepted %(accepted)s of %(project)s.",
                        accepted=version.project_id.accepted_version_id.display_name,
                        project=version.project_id.name,
                    )
                )
            if not version.client_partner_id:
                raise UserError(
                    _(
                        "Name the client contact who accepted %(version)s before recording "
                        "the acceptance.",
                        version=version.display_name,
                    )
                )
            version._transition_write(
                {
                    "state": "accepted",
                    "accepted_by_id": version.client_partner_id.id,
                    "date_accepted": fields.Date.context_today(self),
                    "accepted_user_id": self.env.user.id,
                }
            )
        return True

    def action_revise(self):
        """Keep this version as it is and write the next one from it: after the
        team's review, or with the client's comments on a version sent to it."""
        self.ensure_one()
        self._check_proposal_stage()
        self.project_id._check_can_move(_("revise its proposal"))
        if self.state not in ("review", "sent"):
            raise UserError(
                _(
                    "%(version)s is neither in review nor with the client: there is nothing "
                    "to revise.",
                    version=self.display_name,
                )
            )
        if self.state == "sent" and is_html_empty(self.client_comments):
            raise UserError(
                _(
                    "Record the client's comments on %(version)s before revising it: the "
                    "next version answers them.",
                    version=self.display_name,
                )
            )
        revision = self.copy({"previous_version_id": self.id})
        self._transition_write({"state": "revised"})
        return revision.action_open_form()
