from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

TODO = "mail.mail_activity_data_todo"


class BigAccountProjectTask(models.Model):
    _name = "big.account.project.task"
    _description = "Service Project Task"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date_deadline, id"
    _transition_fields = frozenset({"state", "date_done"})  # written by the buttons only
    _check_company_auto = True

    name = fields.Char(string="Task", required=True, tracking=True)
    project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    account_id = fields.Many2one(related="project_id.account_id", string="Key Account")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("groups_id", "in", self.env.ref("big_account.group_member").id)],
        tracking=True,
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    event_id = fields.Many2one(
        "event.event",
        domain="[('big_account_id', '=', account_id)]",
        help="The key account's event this task prepares or runs.",
    )
    description = fields.Html()
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")],
        default="todo",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = task.state == "todo" and task.date_deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Filter on overdue with = or != and True or False."))
        domain = [("state", "=", "todo"), ("date_deadline", "<", fields.Date.context_today(self))]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    @api.constrains("user_id", "project_id")
    def _check_owner_serves(self):
        for task in self:
            owner = task.user_id
            if owner in task.project_id.account_id.sudo().member_ids.user_id or owner.has_group(
                "big_account.group_manager"
            ):
                continue
            raise ValidationError(
                _(
                    "%(user)s cannot own the task %(task)s: only members of the service team "
                    "of %(account)s and key-account managers can open %(project)s.",
                    user=owner.name,
                    task=task.name,
                    account=task.account_id.display_name,
                    project=task.project_id.name,
                )
            )

    @api.constrains("event_id", "project_id")
    def _check_event_account(self):
        for task in self.filtered("event_id"):
            if task.event_id.sudo().big_account_id != task.account_id:
                raise ValidationError(
                    _(
                        "%(event)s is not an event of %(account)s: link the task %(task)s to "
                        "one of the account's events.",
                        event=task.event_id.name,
                        account=task.account_id.display_name,
                        task=task.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        for task in tasks:
            task._schedule_owner_activity()
        return tasks

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "date_deadline"} & set(vals):
            for task in self.filtered(lambda t: t.state == "todo"):
                task.activity_reschedule(
                    [TODO], date_deadline=task.date_deadline, new_user_id=task.user_id.id
                )
        return result

    def _schedule_owner_activity(self):
        self.ensure_one()
        self.activity_schedule(
            TODO,
            date_deadline=self.date_deadline,
            summary=_("%(project)s: %(task)s", project=self.project_id.name, task=self.name),
            user_id=self.user_id.id,
        )

    def _transition_refusal(self, field_names):
        return UserError(_("Mark a task done or reopen it with its buttons, not by editing it."))

    def _check_can_close(self):
        """The owner, the project manager and the key-account managers close a task."""
        user = self.env.user
        if user.has_group("big_account.group_manager"):
            return
        for task in self:
            if user not in (task.user_id | task.project_id.user_id):
                raise AccessError(
                    _(
                        "Only %(owner)s, who owns %(task)s, its project manager or a "
                        "key-account manager can change whether it is done.",
                        owner=task.user_id.name,
                        task=task.name,
                    )
                )

    def action_done(self):
        self._check_can_close()
        for task in self:
            if task.state != "todo":
                raise UserError(_("%(task)s is already done.", task=task.name))
        self._transition_write({"state": "done", "date_done": fields.Date.context_today(self)})
        self.activity_feedback([TODO])
        return True

    def action_reopen(self):
        self._check_can_close()
        for task in self:
            if task.state != "done":
                raise UserError(
                    _("%(task)s is not done: there is nothing to reopen.", task=task.name)
                )
        self._transition_write({"state": "todo", "date_done": False})
        for task in self:
            task._schedule_owner_activity()
        return True
