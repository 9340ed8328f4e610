from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

RULE_FIELDS = (
    "rule_active_days",
    "rule_inactive_days",
    "rule_new_days",
    "rule_min_attended",
    "rule_min_revenue",
    "rule_min_complaints",
    "rule_satisfaction_below",
)


class ClientSegment(models.Model):
    """A class of clients (分类管理) that invitations, research, follow-up and care target.

    Clients are put in a segment by the scheduled segmentation from their recency,
    frequency and value; the administrator tunes the segments' rules.
    """

    _name = "client.segment"
    _description = "Client Segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Segments are tried in this order: a client joins the first that fits."
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    is_top = fields.Boolean(
        string="Top Segment",
        help="When a client of this segment checks in at an event, its owner is notified at "
        "once so that someone greets the client.",
    )
    follow_up = fields.Selection(
        [
            ("offer", "Personalised Offer"),
            ("call", "Call"),
            ("club", "Club Invitation"),
        ],
        string="Follow-up After an Event",
        help="What the policy asks of the client's owner after an event the client attended.",
    )
    partner_ids = fields.One2many("res.partner", "client_segment_id", string="Clients")
    partner_count = fields.Integer(string="Number of Clients", compute="_compute_partner_count")

    # The rules, measured over the segmentation period (Settings); a rule left at 0 is
    # not used, a segment without any rule takes every client that reaches it.
    rule_match = fields.Selection(
        [("all", "All Rules"), ("any", "Any Rule")],
        string="A Client Fits When It Meets",
        default="all",
        required=True,
        help="All rules: the client must meet every rule set on the segment. Any rule: "
        "one of them is enough (e.g. a complaint or a low satisfaction).",
    )
    rule_active_days = fields.Integer(
        string="Active Within (Days)",
        help="Recency: the client attended an event or bought within this many days.",
    )
    rule_inactive_days = fields.Integer(
        string="Inactive For (Days)",
        help="Recency: the client neither attended an event nor bought in this many days "
        "(or never did).",
    )
    rule_new_days = fields.Integer(
        string="Client For At Most (Days)",
        help="The client was recorded at most this many days ago.",
    )
    rule_min_attended = fields.Integer(
        string="Events Attended (Min)",
        help="Frequency: the client attended at least this many events over the period.",
    )
    rule_min_revenue = fields.Float(
        string="Won Revenue (Min)",
        help="Value: the client's won revenue over the period reaches this amount, in the "
        "company's currency.",
    )
    rule_min_complaints = fields.Integer(
        string="Complaints (Min)",
        help="The client made at least this many complaints over the period.",
    )
    rule_satisfaction_below = fields.Float(
        string="Satisfaction Below",
        help="The client answered satisfaction surveys over the period and their average "
        "(0-100) is below this score. Clients without any answer never meet this rule.",
    )

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A client segment with this name already exists."),
    ]

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("client_segment_id", "in", self.ids)], ["client_segment_id"], ["__count"]
            )
        )
        for segment in self:
            segment.partner_count = counts.get(segment, 0)

    @api.constrains(*RULE_FIELDS)
    def _check_rules(self):
        for segment in self:
            if any(segment[name] < 0 for name in RULE_FIELDS):
                raise ValidationError(
                    _(
                        "The rules of the segment %(segment)s cannot be negative: enter 0 "
                        "to leave a rule out.",
                        segment=segment.name,
                    )
                )
            if segment.rule_satisfaction_below > 100:
                raise ValidationError(
                    _(
                        "The satisfaction of the segment %(segment)s is a score from 0 to "
                        "100: enter a score up to 100.",
                        segment=segment.name,
                    )
                )

    # ------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------

    def _get_rule_checks(self, today):
        """The checks of the segment's rules set, each a function of a client's measures."""
        self.ensure_one()
        checks = []
        if self.rule_active_days:
            active_since = today - timedelta(days=self.rule_active_days)
            checks.append(lambda m: bool(m["last_active"]) and m["last_active"] >= active_since)
        if self.rule_inactive_days:
            inactive_since = today - timedelta(days=self.rule_inactive_days)
            checks.append(lambda m: not m["last_active"] or m["last_active"] < inactive_since)
        if self.rule_new_days:
            new_since = today - timedelta(days=self.rule_new_days)
            checks.append(lambda m: m["client_since"] >= new_since)
        # the rules' values are read once here, not for each of the clients
        min_attended = self.rule_min_attended
        if min_attended:
            checks.append(lambda m: m["attended"] >= min_attended)
        min_revenue = self.rule_min_revenue
        if min_revenue:
            checks.append(lambda m: m["revenue"] >= min_revenue)
        min_complaints = self.rule_min_complaints
        if min_complaints:
            checks.append(lambda m: m["complaints"] >= min_complaints)
        satisfaction_below = self.rule_satisfaction_below
        if satisfaction_below:
            checks.append(lambda m: m["responses"] > 0 and m["satisfaction"] < satisfaction_below)
        return checks

    def _get_matcher(self, today):
        """A function telling whether a client's measures fit the segment."""
        self.ensure_one()
        checks = self._get_rule_checks(today)
        if not checks:
            return lambda measures: True
        combine = all if self.rule_match == "all" else any
        return lambda measures: combine(check(measures) for check in checks)

    # ------------------------------------------------------------
    # The segmentation job
    # ------------------------------------------------------------

    def action_view_clients(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Clients: %(segment)s", segment=self.name),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": [("client_segment_id", "=", self.id)],
            "context": {"default_is_company": True},
        }

    def action_refresh_segments(self):
        """Measure every client and put it in its segment now (the events administrator)."""
        if not self.env.user.has_group("client_events.group_manager"):
            raise AccessError(
                _(
                    "Only the events administrator can refresh the client segments; they "
                    "are refreshed every night anyway."
                )
            )
        count = self.sudo()._segment_clients()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s clients measured and segmented.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_segment_clients(self):
        self.sudo()._segment_clients()

    @api.model
    def _segment_clients(self):
        """Measure every client over the period set in Settings, then segment them.

        The work of ``res.partner._client_segment_all``; returns the number of clients.
        """
        return self.env["res.partner"]._client_segment_all()
