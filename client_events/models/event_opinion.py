from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

OPEN_STATES = ("new", "assigned")


class EventOpinion(models.Model):
    """A mention of an event or of the company in the press or online (舆情监测)."""

    _name = "event.opinion"
    _description = "Public Opinion"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _transition_fields = frozenset({"state"})  # Assign, Answer, Close and Reopen write it

    name = fields.Char(string="Summary", required=True, tracking=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="When the mention was published.",
    )
    source = fields.Selection(
        [
            ("news", "News"),
            ("social", "Social Media (WeChat/Weibo)"),
            ("forum", "Forum"),
            ("review", "Review Site"),
            ("other", "Other"),
        ],
        required=True,
        default="social",
        tracking=True,
    )
    url = fields.Char(string="Link")
    sentiment = fields.Selection(
        [("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative")],
        required=True,
        default="neutral",
        tracking=True,
        help="A negative mention needs an owner who answers it before its response deadline.",
    )
    reach = fields.Integer(help="How many people the mention reached: readers, followers, views.")
    event_id = fields.Many2one(
        "event.event",
        index=True,
        ondelete="set null",
        tracking=True,
        help="The event the mention is about; empty when it is about the company (the "
        "mention belongs to the event's company).",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    owner_id = fields.Many2one(
        "res.users",
        tracking=True,
        check_company=True,
        domain=lambda self: self.env["res.users"]._planner_domain(),
        help="The planner who answers the mention; a to-do reminds him of the response deadline.",
    )
    date_deadline = fields.Datetime(
        string="Response Deadline",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="A negative mention is due the response hours of the Settings after it is logged.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not answered and its response deadline has passed.",
    )
    risk_id = fields.Many2one(
        "event.risk",
        string="Public-Opinion Risk",
        ondelete="set null",
        check_company=True,
        domain="[('event_id', '=', event_id)]",
        help="The event's public-opinion risk (舆情风险) the mention feeds.",
        tracking=True,
    )
    response = fields.Text(help="What was answered, where and by whom.", tracking=True)
    state = fields.Selection(
        [("new", "New"), ("assigned", "Assigned"), ("answered", "Answered"), ("closed", "Closed")],
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )

    _sql_constraints = [
        ("reach_positive", "CHECK(reach >= 0)", "The reach of a mention cannot be negative."),
    ]

    @api.depends("event_id")
    def _compute_company_id(self):
        for opinion in self:
            opinion.company_id = (
                opinion.event_id.company_id or opinion.company_id or self.env.company
            )

    @api.depends("sentiment", "company_id")
    def _compute_date_deadline(self):
        """A negative mention is due the response hours of its company after now."""
        now = fields.Datetime.now()
        for opinion in self:
            if opinion.sentiment == "negative" and not opinion.date_deadline:
                company = opinion.company_id or self.env.company
                opinion.date_deadline = now + timedelta(hours=company.opinion_response_hours)
            else:
                opinion.date_deadline = opinion.date_deadline

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for opinion in self:
            opinion.is_overdue = bool(
                opinion.state in OPEN_STATES
                and opinion.date_deadline
                and opinion.date_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search is not supported."))
        now = fields.Datetime.now()
        if (operator == "=") == value:
            return [("state", "in", OPEN_STATES), ("date_deadline", "<", now)]
        return [
            "|",
            "|",
            ("state", "not in", OPEN_STATES),
            ("date_deadline", "=", False),
            ("date_deadline", ">=", now),
        ]

    @api.constrains("owner_id")
    def _check_owner_is_planner(self):
        for opinion in self.filtered("owner_id"):
            owner = opinion.owner_id
            if not owner._is_planner():
                raise ValidationError(
                    _(
                        "%(user)s cannot own %(opinion)s: only planners answer mentions. "
                        "Choose a planner, or ask an administrator to give %(user)s the "
                        "Planner role.",
                        user=owner.name,
                        opinion=opinion.name,
                    )
                )

    @api.constrains("risk_id", "event_id")
    def _check_risk(self):
        opinion_type = self.env.ref("client_events.event_risk_type_public_opinion")
        for opinion in self.filtered("risk_id"):
            risk = opinion.risk_id
            if risk.event_id != opinion.event_id or risk.risk_type_id != opinion_type:
                raise ValidationError(
                    _(
                        "The mention “%(opinion)s” can only be linked to a public-opinion "
                        "risk of its own event: “%(risk)s” is not one.",
                        opinion=opinion.name,
                        risk=risk.name,
                    )
                )

    def write(self, vals):
        answered = self.filtered(lambda o: o.state in ("answered", "closed"))
        if answered and {"sentiment", "response"} & set(vals) and not self._in_transition():
            raise UserError(
                _(
                    "%(mentions)s: answered mentions keep their sentiment and response as "
                    "they were answered. Reopen the mention to change them.",
                    mentions=", ".join(answered.mapped("name")),
                )
            )
        res = super().write(vals)
        if {"owner_id", "date_deadline"} & set(vals):
            self.filtered(lambda o: o.state == "assigned")._schedule_response()
        return res

    def _schedule_response(self):
        """The owner's to-do, due on the response deadline: one per mention."""
        xmlid = "client_events.mail_activity_type_opinion_response"
        self.activity_unlink([xmlid])
        for opinion in self.filtered("owner_id"):
            deadline = opinion.date_deadline and fields.Datetime.context_timestamp(
                opinion.with_context(tz=opinion.owner_id.tz), opinion.date_deadline
            )
            opinion.activity_schedule(
                xmlid,
                date_deadline=deadline.date() if deadline else None,
                summary=opinion.with_context(lang=opinion.owner_id.lang).env._(
                    "Answer: %(opinion)s", opinion=opinion.name
                ),
                user_id=opinion.owner_id.id,
            )

    def action_assign(self):
        for opinion in self:
            if opinion.state != "new":
                raise UserError(
                    _(
                        "The mention “%(opinion)s” is assigned already: only new mentions "
                        "can be assigned.",
                        opinion=opinion.name,
                    )
                )
            if not opinion.owner_id:
                raise UserError(
                    _(
                        "Choose the owner who answers the mention “%(opinion)s” before "
                        "assigning it.",
                        opinion=opinion.name,
                    )
                )
            if opinion.sentiment == "negative" and not opinion.date_deadline:
                raise UserError(
                    _(
                        "The negative mention “%(opinion)s” needs a response deadline: set "
                        "one before assigning it.",
                        opinion=opinion.name,
                    )
                )
        self._transition_write({"state": "assigned"})
        self._schedule_response()

    def action_answer(self):
        for opinion in self:
            if opinion.state != "assigned":
                raise UserError(
                    _(
                        "The mention “%(opinion)s” is not assigned: assign it to an owner "
                        "before answering it.",
                        opinion=opinion.name,
                    )
                )
            if not (opinion.response or "").strip():
                raise UserError(
                    _(
                        "Write the response to the mention “%(opinion)s” before marking it "
                        "answered.",
                        opinion=opinion.name,
                    )
                )
        self._transition_write({"state": "answered"})
        self.activity_feedback(["client_events.mail_activity_type_opinion_response"])

    def action_close(self):
        for opinion in self:
            if opinion.state == "closed":
                raise UserError(
                    _("The mention “%(opinion)s” is closed already.", opinion=opinion.name)
                )
            if opinion.sentiment == "negative" and opinion.state != "answered":
                raise UserError(
                    _(
                        "The negative mention “%(opinion)s” has not been answered: answer it "
                        "before closing it.",
                        opinion=opinion.name,
                    )
                )
        self._transition_write({"state": "closed"})
        self.activity_unlink(["client_events.mail_activity_type_opinion_response"])

    def action_reopen(self):
        for opinion in self:
            if opinion.state not in ("answered", "closed"):
                raise UserError(
                    _(
                        "The mention “%(opinion)s” is still open: only answered or closed "
                        "mentions can be reopened.",
                        opinion=opinion.name,
                    )
                )
        self._transition_write({"state": "new"})

    def action_link_risk(self):
        """Link the mention to its event's public-opinion risk, created if the register
        has none open."""
        opinion_type = self.env.ref("client_events.event_risk_type_public_opinion")
        for opinion in self:
            if not opinion.event_id:
                raise UserError(
                    _(
                        "The mention “%(opinion)s” is about no event: choose the event "
                        "before linking it to the event's public-opinion risk.",
                        opinion=opinion.name,
                    )
                )
        # the open public-opinion risk of each event, in one search
        risks = {}
        for risk in self.env["event.risk"].search(
            [
                ("event_id", "in", self.event_id.ids),
                ("risk_type_id", "=", opinion_type.id),
                ("state", "!=", "closed"),
            ]
        ):
            risks.setdefault(risk.event_id, risk)
        for opinion in self:
            risk = risks.get(opinion.event_id)
            if not risk:
                risk = risks[opinion.event_id] = self.env["event.risk"].create(
                    {
                        "event_id": opinion.event_id.id,
                        "risk_type_id": opinion_type.id,
                        "name": _("Negative opinion about %(event)s", event=opinion.event_id.name),
                        # an owner of a mention logged before owners had to be
                        # planners does not own the risk
                        "owner_id": opinion.owner_id._is_planner() and opinion.owner_id.id,
                        "likelihood": 3,
                        "impact": 3,
                    }
                )
            opinion.risk_id = risk
        return True
