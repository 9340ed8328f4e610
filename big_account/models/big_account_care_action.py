from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class BigAccountCareAction(models.Model):
    _name = "big.account.care.action"
    _description = "Key Account Care Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date desc, id desc"
    _transition_fields = frozenset({"state", "date_done"})  # written by the buttons only
    _check_company_auto = True

    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("festival", "Festival Greeting"),
            ("anniversary", "Anniversary Greeting"),
            ("birthday", "Birthday Greeting"),
            ("event", "Appreciation Event"),
            ("other", "Other Care"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    occasion_id = fields.Many2one(
        "client.care.occasion",
        ondelete="restrict",
        index="btree_not_null",
        domain="['|', ('account_id', '=', False), ('account_id', '=', account_id)]",
    )
    occasion_date = fields.Date(help="The day of the occasion this greeting was for.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        domain="[('commercial_partner_id', '=', account_partner_id)]",
        help="The person of the client the care was for (a birthday greeting).",
    )
    account_partner_id = fields.Many2one(related="account_id.partner_id")
    event_id = fields.Many2one(
        "event.event",
        string="Appreciation Event",
        index="btree_not_null",
        domain="[('big_account_id', '=', account_id)]",
        help="An event planned for this key account (客户答谢会): its invitation and the "
        "client's feedback on it.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    activity_id = fields.Many2one(
        "mail.activity",
        string="To-Do",
        ondelete="set null",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    feedback = fields.Text(help="What the client said or did in return.")
    rating = fields.Selection(
        [
            ("1", "1 - Very Unsatisfied"),
            ("2", "2 - Unsatisfied"),
            ("3", "3 - Neutral"),
            ("4", "4 - Satisfied"),
            ("5", "5 - Very Satisfied"),
        ],
        string="Client's Rating",
        tracking=True,
    )

    _sql_constraints = [
        (
            "occasion_once_uniq",
            "unique(account_id, occasion_id, occasion_date)",
            "This account is already greeted for this occasion on this day.",
        ),
    ]

    @api.depends("kind", "occasion_id", "partner_id", "event_id", "account_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for action in self:
            about = action.occasion_id.name or action.partner_id.name or action.event_id.name
            label = kinds.get(action.kind, "")
            action.display_name = (
                f"{label}: {about}" if about else f"{label}: {action.account_id.name or ''}"
            )

    @api.constrains("kind", "event_id", "account_id")
    def _check_event(self):
        for action in self:
            if action.kind == "event" and not action.event_id:
                raise ValidationError(
                    _(
                        "Care of %(account)s: choose the appreciation event the client was "
                        "invited to.",
                        account=action.account_id.display_name,
                    )
                )
            event = action.event_id.sudo()
            if event and event.big_account_id != action.account_id:
                raise ValidationError(
                    _(
                        "%(event)s is not planned for %(account)s: choose an event of the "
                        "account, or link the event to it first.",
                        event=event.name,
                        account=action.account_id.display_name,
                    )
                )

    def _transition_refusal(self, field_names):
        return UserError(
            _("Mark a care action done with its button or its to-do, not by editing it.")
        )

    def _check_feedback(self):
        for action in self:
            if not (action.feedback or "").strip():
                raise UserError(
                    _(
                        "%(action)s for %(account)s: write the client's feedback before "
                        "marking it done (what the client said, or that it did not reply).",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )

    def action_done(self):
        for action in self:
            if action.state != "planned":
                raise UserError(
                    _(
                        "%(action)s for %(account)s is already done.",
                        action=action.display_name,
                        account=action.account_id.display_name,
                    )
                )
        self._check_feedback()
        self.check_access("write")
        self.sudo()._transition_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        # the greeting's to-do is done with it (the hook finds the action already done)
        for action in self.filtered("activity_id"):
            action.activity_id.action_feedback(feedback=action.feedback)
        return True

    def _done_from_activity(self, feedback):
        """The care person marked the greeting's to-do done: its feedback is the
        client's."""
        feedback = (feedback or "").strip()
        if feedback:
            self.sudo().feedback = feedback
        self._check_feedback()
        self.sudo()._transition_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
