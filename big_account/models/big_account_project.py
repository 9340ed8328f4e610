from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty

STAGES = [
    ("needs", "Needs Research"),
    ("proposal", "Proposal"),
    ("contract", "Quotation and Contract"),
    ("execution", "Execution"),
    ("acceptance", "Acceptance"),
    ("wrapup", "Wrap-up"),
    ("done", "Archived"),
]


# the records of a project whose attachments are its documents
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
        tracking=True,
    )  # no company check: the project's company is its account's
    partner_id = fields.Many2one(related="account_id.partner_id", string="Client Company")
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Project Manager",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("groups_id", "in", self.env.ref("big_account.group_member").id)],
        tracking=True,
        help="Moves the project from stage to stage, with the key-account managers.",
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

    # Needs research (需求沟通与调研)
    needs_objectives = fields.Html(string="Objectives", copy=False)
    needs_positioning = fields.Html(string="Positioning", copy=False)
    needs_key_content = fields.Html(string="Key Content", copy=False)
    needs_agreed_by_id = fields.Many2one(
        "res.partner",
        string="Agreed By",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
        copy=False,
        tracking=True,
        help="The client's contact who agreed to the needs report.",
    )
    needs_agreed_date = fields.Date(string="Agreed On", copy=False, tracking=True)

    # Proposal (方案策划)
    version_ids = fields.One2many(
        "big.account.project.version", "project_id", string="Proposal Versions"
    )
    version_count = fields.Integer(compute="_compute_version_stats")
    accepted_version_id = fields.Many2one(
        "big.account.project.version",
        string="Accepted Proposal",
        compute="_compute_version_stats",
    )

    # Quotation and contract (报价与合同)
    opportunity_id = fields.Many2one(
        "crm.lead",
        domain="[('type', '=', 'opportunity'), ('partner_id', 'child_of', partner_id)]",
        copy=False,
        tracking=True,
        help="The opportunity of the key account the project's quotations belong to; "
        "created with the first quotation when empty.",
    )
    sale_order_ids = fields.One2many("sale.order", "big_account_project_id", string="Quotations")
    quotation_count = fields.Integer(compute="_compute_contract")
    contract_order_id = fields.Many2one(
        "sale.order",
        string="Contract",
        compute="_compute_contract",
        help="The confirmed quotation of the project: its signed contract.",
    )

    # Execution (执行与监控)
    task_ids = fields.One2many("big.account.project.task", "project_id", string="Execution Plan")
    task_count = fields.Integer(compute="_compute_task_counts")
    open_task_count = fields.Integer(string="Open Tasks", compute="_compute_task_counts")
    overdue_task_count = fields.Integer(
        string="Overdue Tasks",
        compute="_compute_task_counts",
        help="Open tasks of the execution plan past their deadline.",
    )
    progress_ids = fields.One2many(
        "big.account.project.progress", "project_id", string="Progress Reports"
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        digits=(5, 1),
        help="The progress given by the latest progress report.",
    )
    event_ids = fields.One2many("event.event", "big_account_project_id", string="Events")
    event_count = fields.Integer(compute="_compute_event_count")

    # Acceptance (验收)
    acceptance_ids = fields.One2many(
        "big.account.project.acceptance", "project_id", string="Acceptances"
    )
    acceptance_count = fields.Integer(compute="_compute_acceptance_count")

    # Wrap-up and archive (总结归档)
    lessons_learned = fields.Html(copy=False)
    improvements = fields.Html(copy=False)

    @api.depends("version_ids.state")
    def _compute_version_stats(self):
        for project in self:
            project.version_count = len(project.version_ids)
            project.accepted_version_id = project.version_ids.filtered(
                lambda v: v.state == "accepted"
            )[:1]

    @api.depends("sale_order_ids.state")
    def _compute_contract(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("big_account_project_id", "in", self.ids)],
                ["big_account_project_id"],
                ["__count"],
            )
        )
        contracts = {
            order.big_account_project_id: order
            for order in self.env["sale.order"].search(
                [("big_account_project_id", "in", self.ids), ("state", "=", "sale")],
                order="date_order desc, id desc",
            )
        }
        for project in self:
            project.quotation_count = counts.get(project, 0)
            project.contract_order_id = contracts.get(project, False)

    @api.depends("task_ids.state", "task_ids.date_deadline")
    def _compute_task_counts(self):
        Task = self.env["big.account.project.task"]
        domain = [("project_id", "in", self.ids)]
        totals, opens = {}, {}
        for project, state, count in Task._read_group(
            domain, ["project_id", "state"], ["__count"]
        ):
            totals[project] = totals.get(project, 0) + count
            if state == "todo":
                opens[project] = opens.get(project, 0) + count
        overdue = dict(
            Task._read_group([*domain, ("is_overdue", "=", True)], ["project_id"], ["__count"])
        )
        for project in self:
            project.task_count = totals.get(project, 0)
            project.open_task_count = opens.get(project, 0)
            project.overdue_task_count = overdue.get(project, 0)

    @api.depends("progress_ids.progress", "progress_ids.date")
    def _compute_progress(self):
        latest = {}
        for report in self.env["big.account.project.progress"].search(
            [("project_id", "in", self.ids)], order="date desc, id desc"
        ):
            latest.setdefault(report.project_id, report.progress)
        for project in self:
            project.progress = latest.get(project, 0.0)

    def _compute_acceptance_count(self):
        counts = dict(
            self.env["big.account.project.acceptance"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.acceptance_count = counts.get(project, 0)

    def _compute_event_count(self):
        counts = dict(
            self.env["event.event"]._read_group(
                [("big_account_project_id", "in", self.ids)],
                ["big_account_project_id"],
                ["__count"],
            )
        )
        for project in self:
            project.event_count = counts.get(project, 0)

    @api.constrains("user_id", "account_id")
    def _check_manager_serves(self):
        """The project manager must be able to open the project: the team rule hides it
        from anyone but the account's service team and the key-account managers."""
        for project in self:
            manager = project.user_id
            if manager in project.account_id.sudo().member_ids.user_id or manager.has_group(
                "big_account.group_manager"
            ):
                continue
            raise ValidationError(
                _(
                    "%(user)s cannot manage %(project)s without serving on the team of "
                    "%(account)s: add %(user)s to the account's service team or choose one "
                    "of its members as project manager.",
                    user=manager.name,
                    project=project.name,
                    account=project.account_id.display_name,
                )
            )

    @api.constrains("needs_agreed_by_id", "needs_agreed_date", "account_id")
    def _check_needs_agreement(self):
        today = fields.Date.context_today(self)
        for project in self:
            agreed_by = project.needs_agreed_by_id
            if agreed_by and (
                agreed_by.commercial_partner_id != project.partner_id
                or agreed_by == project.partner_id
            ):
                raise ValidationError(
                    _(
                        "%(person)s is not a contact of %(client)s: the needs report of "
                        "%(project)s is agreed by a person of the client company.",
                        person=agreed_by.display_name,
                        client=project.partner_id.display_name,
                        project=project.name,
                    )
                )
            if project.needs_agreed_date and project.needs_agreed_date > today:
                raise ValidationError(
                    _(
                        "The client cannot have agreed to the needs report of %(project)s in "
                        "the future: enter the day it was agreed.",
                        project=project.name,
                    )
                )

    def _transition_refusal(self, field_names):
        return UserError(
            _("Move a service project from stage to stage with its buttons, not by editing it.")
        )

    # ------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------

    def _check_can_move(self, action_label):
        """The project manager and the key-account managers move a project on."""
        user = self.env.user
        if user.has_group("big_account.group_manager"):
            return
        for project in self:
            if project.user_id != user:
                raise AccessError(
                    _(
                        "Only %(manager)s, the project manager of %(project)s, or a "
                        "key-account manager can %(action)s: ask one of them.",
                        manager=project.user_id.name,
                        project=project.name,
                        action=action_label,
                    )
                )

    def _check_stage_done(self):
        """Refuse to leave the current stage while its product is missing."""
        self.ensure_one()
        checks = {
            "needs": self._check_needs_done,
            "proposal": self._check_proposal_done,
            "contract": self._check_contract_done,
            "execution": self._check_execution_done,
            "acceptance": self._check_acceptance_done,
            "wrapup": self._check_wrapup_done,
        }
        if self.state in checks:
            checks[self.state]()

    def _check_needs_done(self):
        parts = [
            self._fields[name]._description_string(self.env)
            for name in ("needs_objectives", "needs_positioning", "needs_key_content")
            if is_html_empty(self[name])
        ]
        if parts:
            raise UserError(
                _(
                    "The needs report of %(project)s is not complete: write its %(parts)s "
                    "before moving on to the proposal.",
                    project=self.name,
                    parts=", ".join(parts),
                )
            )
        if not (self.needs_agreed_by_id and self.needs_agreed_date):
            raise UserError(
                _(
                    "The needs report of %(project)s is not agreed with the client yet: "
                    "record who at %(client)s agreed to it and when.",
                    project=self.name,
                    client=self.partner_id.display_name,
                )
            )

    def _check_proposal_done(self):
        # a version is sent to the client only after a favourable internal review
        if not self.accepted_version_id:
            raise UserError(
                _(
                    "The client has not accepted a proposal of %(project)s yet: send a "
                    "version reviewed by the team and record the client's acceptance "
                    "before moving on to the quotation.",
                    project=self.name,
                )
            )

    def _check_contract_done(self):
        confirmed = (
            self.env["sale.order"]
            .sudo()
            .search_count([("big_account_project_id", "=", self.id), ("state", "=", "sale")])
        )
        if not confirmed:
            raise UserError(
                _(
                    "%(project)s has no signed contract yet: the client signs its quotation "
                    "(or you confirm it) before execution starts.",
                    project=self.name,
                )
            )

    def _check_execution_done(self):
        open_tasks = self.sudo().task_ids.filtered(lambda t: t.state == "todo")
        if open_tasks:
            raise UserError(
                _(
                    "%(project)s still has open tasks in its execution plan: %(tasks)s. "
                    "Finish them before the client's acceptance.",
                    project=self.name,
                    tasks=", ".join(open_tasks.mapped("name")),
                )
            )
        if not self.sudo().progress_ids:
            raise UserError(
                _(
                    "%(project)s has no progress report: report the progress of its "
                    "execution to the project manager before the client's acceptance.",
                    project=self.name,
                )
            )

    def _check_acceptance_done(self):
        if not self.acceptance_ids.filtered(
            lambda a: a.state == "signed" and a.verdict in ("accepted", "reserved")
        ):
            raise UserError(
                _(
                    "%(project)s stays in its Acceptance stage until the client has signed an "
                    "acceptance that accepts the project, with or without reservations: send "
                    "the acceptance to the client or upload the report the client signed.",
                    project=self.name,
                )
            )

    def _check_wrapup_done(self):
        parts = [
            self._fields[name]._description_string(self.env)
            for name in ("lessons_learned", "improvements")
            if is_html_empty(self[name])
        ]
        if parts:
            raise UserError(
                _(
                    "%(project)s cannot be archived without its wrap-up: write its "
                    "%(parts)s first.",
                    project=self.name,
                    parts=", ".join(parts),
                )
            )

    def action_next_stage(self):
        keys = [key for key, _label in STAGES]
        self._check_can_move(_("move it to its next stage"))
        for project in self:
            if project.state == "done":
                raise UserError(
                    _("%(project)s is archived: it has no next stage.", project=project.name)
                )
            project._check_stage_done()
            project._transition_write({"state": keys[keys.index(project.state) + 1]})
        return True

    # ------------------------------------------------------------
    # Quotation and contract
    # ------------------------------------------------------------

    def action_create_quotation(self):
        """A sale quotation for the client company from the cost lines of the accepted
        proposal, on an opportunity of the account."""
        self.ensure_one()
        self._check_can_move(_("build its quotation"))
        if self.state != "contract":
            raise UserError(
                _(
                    "%(project)s is not in its Quotation and Contract stage: its quotation "
                    "is built from the proposal the client accepted, once there.",
                    project=self.name,
                )
            )
        version = self.accepted_version_id
        if not version.line_ids:
            raise UserError(
                _(
                    "The accepted proposal %(version)s of %(project)s has no cost lines: "
                    "there is nothing to quote.",
                    version=version.display_name,
                    project=self.name,
                )
            )
        if not self.opportunity_id:
            self.opportunity_id = self.env["crm.lead"].create(
                {
                    "name": self.name,
                    "type": "opportunity",
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "expected_revenue": version.amount_total,
                }
            )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "opportunity_id": self.opportunity_id.id,
                "big_account_project_id": self.id,
                "origin": self.name,
                "require_signature": True,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "product_uom_qty": line.quantity,
                            "price_unit": line.price_unit,
                        }
                    )
                    for line in version.line_ids
                ],
            }
        )
        self.message_post(
            body=_(
                "Quotation %(order)s built from the accepted proposal %(version)s.",
                order=order.name,
                version=version.display_name,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # Smart buttons and documents
    # ------------------------------------------------------------

    def action_new_version(self):
        """The first proposal of the project; the next ones are its revisions."""
        self.ensure_one()
        version = self.env["big.account.project.version"].create({"project_id": self.id})
        return version.action_open_form()

    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_project_version_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_view_quotations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_quotations")
        action["domain"] = [("big_account_project_id", "=", self.id)]
        # quotations are built from the accepted proposal, not from here
        action["context"] = {"create": False}
        return action

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "big_account.big_account_project_task_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event.action_event_view")
        action["domain"] = [("big_account_project_id", "=", self.id)]
        action["context"] = {
            "default_big_account_id": self.account_id.id,
            "default_big_account_project_id": self.id,
        }
        return action

    def _get_document_domain(self):
        """The attachments of the projects, of their proposal versions, tasks,
        quotations (the signed contract among them) and acceptances (the client's signed
        report), archived projects included."""
        projects = self.with_context(active_test=False)
        records = (
            projects,
            projects.version_ids,
            projects.task_ids,
            projects.sale_order_ids,
            projects.acceptance_ids,
        )
        return expression.OR(
            [("res_model", "=", record._name), ("res_id", "in", record.ids)] for record in records
        )

    def action_view_documents(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_attachment")
        action.update(
            {
                "name": _("Project Documents"),
                "domain": self._get_document_domain(),
                "context": {"create": False},
                "views": [(False, "list"), (False, "form")],
            }
        )
        return action
