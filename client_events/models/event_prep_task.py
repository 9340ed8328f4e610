from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EventPrepTask(models.Model):
    _name = "event.prep.task"
    _description = "Event Preparation Task"
    _order = "is_done, deadline, id"

    event_id = fields.Many2one(
        "event.event", string="Event", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Task", required=True)
    user_id = fields.Many2one("res.users", string="Responsible", domain="[('share', '=', False)]")
    deadline = fields.Date()
    is_done = fields.Boolean(string="Done")
    done_date = fields.Date(readonly=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)
    company_id = fields.Many2one(related="event_id.company_id", store=True)

    @api.depends("deadline", "is_done")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = bool(not task.is_done and task.deadline and task.deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search is not supported."))
        domain = [
            ("is_done", "=", False),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_done"):
                vals.setdefault("done_date", fields.Date.context_today(self))
        tasks = super().create(vals_list)
        tasks.filtered(lambda t: not t.is_done)._schedule_activity()
        return tasks

    def write(self, vals):
        if "is_done" in vals:
            vals["done_date"] = fields.Date.context_today(self) if vals["is_done"] else False
        result = super().write(vals)
        if vals.get("is_done"):
            self._close_activity()
        elif {"user_id", "deadline"} & set(vals) or vals.get("is_done") is False:
            self.filtered(lambda t: not t.is_done)._schedule_activity()
        return result

    def unlink(self):
        self.activity_id.sudo().unlink()
        return super().unlink()

    def _schedule_activity(self):
        for task in self.filtered("user_id"):
            task.activity_id.sudo().unlink()
            activity = task.event_id.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=task.deadline or fields.Date.context_today(task),
                summary=_("Preparation: %(task)s", task=task.name),
                user_id=task.user_id.id,
            )
            task.sudo().activity_id = activity

    def _close_activity(self):
        for task in self.filtered("activity_id"):
            task.activity_id.sudo().action_feedback(feedback=_("Done: %(task)s", task=task.name))
