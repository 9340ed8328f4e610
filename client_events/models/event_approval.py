from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# The step each document waits for: its first pending step of the current submission.
CURRENT_STEPS = SQL("""
    SELECT DISTINCT ON (res_model, res_id) id, res_model, res_id, rule_id, group_id,
           submitted_by_id
      FROM event_approval
     WHERE state = 'pending' AND active
  ORDER BY res_model, res_id, sequence, id
""")


class EventApproval(models.Model):
    _name = "event.approval"
    _description = "Approval Step"
    _order = "res_model, res_id, sequence, id"
    _rec_name = "name"

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True, readonly=True
    )
    res_name = fields.Char(string="Document Name", compute="_compute_res_document")
    res_summary = fields.Char(
        string="Summary",
        compute="_compute_res_document",
        help="What the approver decides on: dates, amounts, why the step applies.",
    )
    rule_id = fields.Many2one("event.approval.rule", ondelete="set null", readonly=True)
    # translated like its rule's name: one queue shows each step in its reader's language
    name = fields.Char(string="Step", required=True, readonly=True, translate=True)
    sequence = fields.Integer(readonly=True)
    group_id = fields.Many2one("res.groups", string="Approver Group", readonly=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Not Reached"),
        ],
        default="pending",
        required=True,
        readonly=True,
        help="Not Reached: an earlier step was rejected, so nobody decides this one.",
    )
    # the steps of earlier submissions stay as history, archived
    active = fields.Boolean(default=True, readonly=True)
    submitted_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="Who sent the document for approval: he decides none of its steps.",
    )
    user_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    waiting_since = fields.Datetime(
        readonly=True, help="When the step became the one to decide: its reminders count from it."
    )
    reminded_date = fields.Datetime(string="Last Reminder", readonly=True)
    date = fields.Datetime(string="Decided On", readonly=True)
    comment = fields.Text(readonly=True)
    is_my_step = fields.Boolean(
        string="Waiting for Me", compute="_compute_is_my_step", search="_search_is_my_step"
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_res_document(self):
        """Name and summary of each step's document, read model by model in batches;
        empty for a document the user may not read (another company's)."""
        by_model = defaultdict(list)
        for step in self:
            by_model[step.res_model].append(step.res_id)
        documents = {}
        for model, ids in by_model.items():
            readable = self.env[model].browse(ids).exists()._filtered_access("read")
            for document in readable.sudo():
                documents[model, document.id] = document
        for step in self:
            document = documents.get((step.res_model, step.res_id))
            step.res_name = document.display_name if document else False
            step.res_summary = document._approval_summary() if document else False

    def _copy_rule_name_translations(self):
        """Each step is named in every language as its rule is, in one UPDATE."""
        if not self:
            return
        self.flush_recordset(["rule_id", "name"])
        self.env["event.approval.rule"].flush_model(["name"])
        self.env.cr.execute(
            """
            UPDATE event_approval step SET name = rule.name
              FROM event_approval_rule rule
             WHERE rule.id = step.rule_id AND step.id = ANY(%s)
            """,
            [self.ids],
        )
        self.invalidate_recordset(["name"])

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _current_step_ids(self):
        """Ids of the pending steps that come first on their document, in one query."""
        self.env["event.approval"].flush_model()
        self.env.cr.execute(SQL("SELECT id FROM (%s) AS current", CURRENT_STEPS))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.depends_context("uid")
    def _compute_is_my_step(self):
        mine = set(self._my_step_ids())
        for step in self:
            step.is_my_step = step.id in mine

    def _search_is_my_step(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search is not supported."))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._my_step_ids())]

    def _my_step_ids(self):
        """The current steps this user may decide now, in one query: of a group of his,
        not of a document he submitted, nor of one where he decided another step
        (unless both steps' rules allow the same approver)."""
        user = self.env.user
        self.env["event.approval"].flush_model()
        self.env["event.approval.rule"].flush_model(["allow_same_approver"])
        self.env.cr.execute(
            SQL(
                """
            WITH current AS MATERIALIZED (%(current)s),
            -- the steps he approved: few, whatever the length of the queue
            decided AS MATERIALIZED (
                SELECT step.res_model, step.res_id,
                       COALESCE(rule.allow_same_approver, FALSE) AS allowed
                  FROM event_approval step
             LEFT JOIN event_approval_rule rule ON rule.id = step.rule_id
                 WHERE step.user_id = %(uid)s AND step.state = 'approved' AND step.active
            )
            SELECT current.id
              FROM current
         LEFT JOIN event_approval_rule rule ON rule.id = current.rule_id
             WHERE current.group_id = ANY(%(groups)s)
               AND current.submitted_by_id IS DISTINCT FROM %(uid)s
               AND NOT EXISTS (
                    SELECT 1
                      FROM decided
                     WHERE decided.res_model = current.res_model
                       AND decided.res_id = current.res_id
                       AND NOT (COALESCE(rule.allow_same_approver, FALSE) AND decided.allowed)
                   )
            """,
                current=CURRENT_STEPS,
                groups=user.groups_id.ids,
                uid=user.id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _same_approver_allowed(self, other):
        """Whether the user who decided ``other`` may decide this step too."""
        self.ensure_one()
        return self.rule_id.allow_same_approver and other.rule_id.allow_same_approver

    def action_approve_selected(self):
        """Approve, from the queue, every selected step this user may decide now."""
        mine = self.filtered("is_my_step")
        if not mine:
            raise UserError(
                _("None of the selected steps waits for your decision: nothing was approved.")
            )
        mine.action_approve()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s step(s) approved; %(left)s left for others to decide.",
                    count=len(mine),
                    left=len(self - mine),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_remind_approvers(self):
        """Remind the approvers of the steps that waited their rule's days for a decision."""
        now = fields.Datetime.now()
        steps = self.browse(self._current_step_ids()).filtered(
            lambda step: step.rule_id.reminder_days > 0 and step.waiting_since
        )
        for step in steps:
            delay = timedelta(days=step.rule_id.reminder_days)
            last = max(step.waiting_since, step.reminded_date or step.waiting_since)
            if now - last < delay:
                continue
            document = step._document()
            approvers = document._approval_step_approvers(step)
            document.message_post(
                body=_(
                    "Reminder: step %(step)s of %(record)s has waited %(days)s days for a "
                    "decision.",
                    step=step.name,
                    record=document.display_name,
                    days=(now - step.waiting_since).days,
                ),
                partner_ids=approvers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            step.reminded_date = now
        return True

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def action_open_decision(self):
        self.ensure_one()
        return self._document().action_open_approval_decision()

    def _current_document(self):
        """The document of this step, which must be the step it waits for."""
        self.ensure_one()
        document = self._document()
        if self != document.approval_current_id:
            raise UserError(
                _(
                    "Step %(step)s of %(record)s cannot be decided yet: %(current)s comes first.",
                    step=self.name,
                    record=document.display_name,
                    current=document.approval_current_id.name or _("no step"),
                )
            )
        return document

    def action_approve(self, comment=None):
        """Approve this step; it must be the current step of its document."""
        for step in self:
            step._current_document().action_approve(comment=comment)
        return True

    def action_reject(self, reason):
        for step in self:
            step._current_document().action_reject(reason)
        return True
