from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .big_account_project_acceptance_line import ITEMS

VERDICTS = [
    ("accepted", "Accepted"),
    ("reserved", "Accepted with Reservations"),
    ("rejected", "Rejected"),
]


class BigAccountProjectAcceptance(models.Model):
    _name = "big.account.project.acceptance"
    _description = "Service Project Acceptance"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "client_events.transition.mixin",
    ]
    _order = "date desc, id desc"
    # written by the buttons, the client's portal signature and the signed-report upload only
    _transition_fields = frozenset(
        {
            "state",
            "sign_method",
            "signature",
            "signed_by",
            "signed_on",
            "signed_report",
            "signed_report_filename",
        }
    )
    # what the client reviews: the team changes it in draft only
    _locked_fields = frozenset(
        {"project_id", "partner_id", "date", "line_ids", "verdict", "client_comment"}
    )
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    # no company check: the acceptance's company is the project's
    project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    account_id = fields.Many2one(related="project_id.account_id", store=True, index=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    client_id = fields.Many2one(related="project_id.partner_id", string="Client Company")
    project_user_id = fields.Many2one(related="project_id.user_id", string="Project Manager")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client Signatory",
        tracking=True,
        domain="[('commercial_partner_id', '=', client_id)]",
        help="The client's contact who reviews and signs the acceptance: it is sent to this "
        "contact's e-mail address.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Prepared By",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Date(string="Acceptance Date", required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "big.account.project.acceptance.line",
        "acceptance_id",
        string="Items",
        copy=True,
        default=lambda self: [
            Command.create({"item": item, "sequence": sequence})
            for sequence, (item, _label) in enumerate(ITEMS, start=1)
        ],
    )
    overall_score = fields.Float(
        compute="_compute_overall_score",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="Average score of the scored items on a 0-100 scale: 1 to 5 times 20.",
    )
    verdict = fields.Selection(VERDICTS, tracking=True)
    client_comment = fields.Text(
        string="Client's Conclusion",
        help="The client's overall opinion: the reservations, or the reasons for a rejection.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("signed", "Signed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    sign_method = fields.Selection(
        [("portal", "Signed Online"), ("upload", "Signed Report Uploaded")],
        string="Signed How",
        readonly=True,
        copy=False,
    )
    signature = fields.Image(
        readonly=True, copy=False, attachment=True, max_width=1024, max_height=1024
    )
    signed_by = fields.Char(readonly=True, copy=False, tracking=True)
    signed_on = fields.Date(readonly=True, copy=False, tracking=True)
    signed_report = fields.Binary(readonly=True, copy=False, attachment=True)
    signed_report_filename = fields.Char(readonly=True, copy=False)

    @api.depends("line_ids.score")
    def _compute_overall_score(self):
        for acceptance in self:
            scores = [int(score) for score in acceptance.line_ids.mapped("score") if score]
            acceptance.overall_score = 20.0 * sum(scores) / len(scores) if scores else 0.0

    def _compute_access_url(self):
        for acceptance in self:
            acceptance.access_url = f"/my/acceptances/{acceptance.id}"

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Acceptance %(name)s", name=self.name)

    def _get_report_lang(self):
        """The acceptance report speaks the client's language."""
        self.ensure_one()
        return self.partner_id.lang or self.client_id.lang or self.env.lang

    @api.constrains("partner_id", "project_id")
    def _check_partner_is_client(self):
        for acceptance in self:
            client = acceptance.project_id.sudo().partner_id
            if acceptance.partner_id and acceptance.partner_id.commercial_partner_id != client:
                raise ValidationError(
                    _(
                        "Acceptance %(name)s: %(contact)s is not a contact of %(client)s; the "
                        "client's own contact signs the acceptance.",
                        name=acceptance.name,
                        contact=acceptance.partner_id.display_name,
                        client=client.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "big.account.project.acceptance"
                ) or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if self._locked_fields & set(vals) and not self._in_transition():
            self.check_access("write")  # who may not write hears so first
            for acceptance in self:
                if acceptance.state != "draft":
                    raise acceptance._locked_error()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        for acceptance in self:
            if acceptance.state == "signed":
                raise UserError(
                    _(
                        "Acceptance %(name)s is signed by the client: it stays on the project "
                        "and cannot be deleted.",
                        name=acceptance.name,
                    )
                )

    def _locked_error(self):
        self.ensure_one()
        if self.state == "signed":
            return UserError(
                _(
                    "Acceptance %(name)s is signed by the client: it can no longer be changed.",
                    name=self.name,
                )
            )
        if self.state == "cancel":
            return UserError(
                _(
                    "Acceptance %(name)s is cancelled: set it back to draft to change it.",
                    name=self.name,
                )
            )
        return UserError(
            _(
                "Acceptance %(name)s has been sent to the client: set it back to draft to "
                "change it, then send it again.",
                name=self.name,
            )
        )

    def _transition_refusal(self, field_names):
        return UserError(
            _(
                "Change the status of an acceptance with its buttons: the client signs it "
                "online, or the team uploads the report the client signed."
            )
        )

    def _check_project_in_acceptance(self):
        self.ensure_one()
        project = self.project_id.sudo()
        if project.state != "acceptance":
            stages = dict(project._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Project %(project)s is at its %(stage)s stage: the client accepts a project "
                    "in its Acceptance stage only. Move the project on before acceptance "
                    "%(name)s goes to the client.",
                    project=project.name,
                    stage=stages[project.state],
                    name=self.name,
                )
            )

    def _check_signable(self):
        """What a signature confirms: every item scored and the verdict given."""
        self.ensure_one()
        unscored = self.line_ids.filtered(lambda line: not line.score)
        if unscored:
            items = dict(unscored._fields["item"]._description_selection(self.env))
            raise UserError(
                _(
                    "Acceptance %(name)s: score every item before signing (%(items)s).",
                    name=self.name,
                    items=", ".join(items[line.item] for line in unscored),
                )
            )
        if not self.verdict:
            raise UserError(
                _(
                    "Acceptance %(name)s: give the verdict (accepted, accepted with "
                    "reservations or rejected) before signing.",
                    name=self.name,
                )
            )
        if self.verdict in ("reserved", "rejected") and not (self.client_comment or "").strip():
            raise UserError(
                _(
                    "Acceptance %(name)s: write down the client's reservations, or the reasons "
                    "for the rejection, in the client's conclusion before signing.",
                    name=self.name,
                )
            )

    def action_send(self):
        for acceptance in self:
            if acceptance.state != "draft":
                raise UserError(
                    _(
                        "Acceptance %(name)s is not a draft: only a draft is sent to the client.",
                        name=acceptance.name,
                    )
                )
            acceptance._check_project_in_acceptance()
            if not acceptance.partner_id.email:
                raise UserError(
                    _(
                        "Acceptance %(name)s: choose the client's contact who signs it, with "
                        "an e-mail address, before sending it.",
                        name=acceptance.name,
                    )
                )
        self.check_access("write")
        self._transition_write({"state": "sent"})
        template = self.env.ref(
            "big_account.mail_template_project_acceptance", raise_if_not_found=False
        )
        for acceptance in self:
            acceptance._portal_ensure_token()
            if template:
                acceptance.message_post_with_source(
                    template,
                    partner_ids=acceptance.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                    message_type="comment",
                )
        return True

    def action_draft(self):
        for acceptance in self:
            if acceptance.state not in ("sent", "cancel"):
                raise UserError(
                    _(
                        "Acceptance %(name)s is a draft or signed: only a sent or cancelled "
                        "acceptance goes back to draft.",
                        name=acceptance.name,
                    )
                )
        self.check_access("write")
        self._transition_write({"state": "draft"})
        return True

    def action_cancel(self):
        for acceptance in self:
            if acceptance.state not in ("draft", "sent"):
                raise UserError(
                    _(
                        "Acceptance %(name)s is signed or already cancelled: it cannot be "
                        "cancelled.",
                        name=acceptance.name,
                    )
                )
        self.check_access("write")
        self._transition_write({"state": "cancel"})
        return True

    def action_preview_acceptance(self):
        """The acceptance as the client sees it on the portal."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self", "url": self.get_portal_url()}

    def action_upload_signed(self):
        """Open the upload of the report the client signed on paper."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Upload the Signed Report"),
            "res_model": "big.account.project.acceptance.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_acceptance_id": self.id},
        }

    def _sign_uploaded(self, report, filename, signed_by, signed_on, verdict, client_comment):
        """The team records the report the client signed on paper."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "sent"):
            raise self._locked_error()
        self._check_project_in_acceptance()
        if not report:
            raise UserError(
                _(
                    "Acceptance %(name)s: attach the scan of the report the client signed.",
                    name=self.name,
                )
            )
        if not (signed_by or "").strip():
            raise UserError(
                _("Acceptance %(name)s: enter the name of the person who signed.", name=self.name)
            )
        if signed_on > fields.Date.context_today(self):
            raise UserError(
                _(
                    "Acceptance %(name)s cannot be signed on %(date)s, in the future: enter the "
                    "day the client signed.",
                    name=self.name,
                    date=format_date(self.env, signed_on),
                )
            )
        with self._transition():
            self.write({"verdict": verdict, "client_comment": client_comment})
            self._check_signable()
            self.write(
                {
                    "state": "signed",
                    "sign_method": "upload",
                    "signed_report": report,
                    "signed_report_filename": filename,
                    "signed_by": signed_by.strip(),
                    "signed_on": signed_on,
                }
            )
        return True

    def _portal_review(self, scores, comments, verdict, client_comment, author):
        """The client's review on the portal: its scores, comments and verdict, or the
        team's confirmed as they are. ``scores`` and ``comments`` map line ids to values."""
        self.ensure_one()
        if self.state != "sent":
            raise self._not_awaiting_signature_error()
        score_keys = dict(self.line_ids._fields["score"].selection)
        verdict_keys = dict(self._fields["verdict"].selection)
        if verdict and verdict not in verdict_keys:
            raise UserError(_("Choose one of the verdicts offered."))
        with self._transition():
            for line in self.line_ids:
                score = scores.get(line.id) or False
                if score and score not in score_keys:
                    raise UserError(_("Score each item from 1 to 5."))
                line.write({"score": score, "comment": comments.get(line.id) or False})
            self.write({"verdict": verdict or False, "client_comment": client_comment or False})
        self.message_post(
            body=_("%(client)s reviewed the acceptance.", client=author.name),
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _not_awaiting_signature_error(self):
        if self.state == "signed":
            return UserError(
                _("Acceptance %(name)s is already signed: thank you.", name=self.name)
            )
        return UserError(
            _(
                "Acceptance %(name)s is being revised by our team: you will receive it again "
                "to sign.",
                name=self.name,
            )
        )

    def _sign_portal(self, name, signature, author):
        """The client's contact signs on the portal with Odoo's signature widget."""
        self.ensure_one()
        if self.state != "sent":
            raise self._not_awaiting_signature_error()
        if not (name or "").strip():
            raise UserError(_("Enter the name of the person who signs."))
        if not signature:
            raise UserError(_("The signature is missing: sign in the box, then confirm."))
        self._check_signable()
        self._transition_write(
            {
                "state": "signed",
                "sign_method": "portal",
                "signature": signature,
                "signed_by": name.strip(),
                "signed_on": fields.Date.context_today(self),
            }
        )
        pdf = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("big_account.action_report_project_acceptance", self.ids)[0]
        )
        self.message_post(
            body=_("Acceptance signed by %(name)s.", name=self.signed_by),
            attachments=[(f"{self._get_report_base_filename()}.pdf", pdf)],
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True
