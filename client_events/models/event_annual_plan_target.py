from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .event_annual_plan_line import QUARTERS

# The club's targets of the group instruction (会员招募与管理), and how each is measured.
TARGET_KINDS = [
    ("members_recruited", "Members Recruited (会员招募指标)"),
    ("members_managed", "Members Managed (会员管理目标)"),
    ("publicity", "Publicity (宣传目标)"),
    ("merchants_managed", "Merchants Managed (商家管理目标)"),
    ("online_campaigns", "Online Campaigns (网络营销服务计划)"),
]

TARGET_KIND_HELP = (
    "How the actual is measured, in the plan's region (a regional plan: its company; the "
    "group plan: every company) and period (the quarter, or the whole year):\n"
    "- Members Recruited: club members whose first club membership in the region (a "
    "membership product with a club member kind, neither cancelled nor waiting for its "
    "invoice) starts in the period, by join date. A renewal is not a recruitment.\n"
    "- Members Managed: club members with a valid club membership on the last day of the "
    "period.\n"
    "- Publicity: promotion messages sent (e-mails and SMS of the announcement, countdown "
    "and last call lines of the region's events, their '# Sent' counter) whose line was "
    "scheduled in the period.\n"
    "- Merchants Managed: merchant members (商家) with a valid merchant membership on the "
    "last day of the period.\n"
    "- Online Campaigns: the region's events beginning in the period whose online promotion "
    "ran: at least one of their promotion lines by e-mail or SMS went out."
)


class EventAnnualPlanTarget(models.Model):
    _name = "event.annual.plan.target"
    _description = "Club Target of an Annual Plan"
    _order = "plan_id, kind, quarter, id"
    _check_company_auto = True

    plan_id = fields.Many2one("event.annual.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="plan_id.company_id", string="Region", store=True, index=True
    )
    year = fields.Integer(related="plan_id.year", store=True)
    plan_level = fields.Selection(related="plan_id.level", string="Plan Level", store=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    kind = fields.Selection(TARGET_KINDS, required=True, help=TARGET_KIND_HELP)
    quarter = fields.Selection(
        QUARTERS, help="The quarter the target is set for; empty for the whole year."
    )
    target_value = fields.Integer(
        string="Target", help="The number the plan sets for the period, in the unit of its kind."
    )
    actual_value = fields.Integer(
        string="Actual",
        compute="_compute_actual_value",
        help="Measured from the records, for the plan's region and period:\n" + TARGET_KIND_HELP,
    )
    completion = fields.Float(
        string="Completion (%)",
        compute="_compute_actual_value",
        help="Actual divided by target, in percent.",
    )
    previous_actual_value = fields.Integer(
        string="Actual of Previous Year",
        compute="_compute_actual_value",
        help="The same measure for the same region and period one year earlier: what this "
        "year's target is set against.",
    )

    @api.depends("plan_id", "kind", "quarter", "target_value")
    def _compute_actual_value(self):
        """Read from the plan-vs-actual report, where the actuals are measured in SQL for
        every target at once: one query, however many targets, plans and regions."""
        figures = {}
        saved = self._origin.filtered("id")
        if saved:
            Report = self.env["event.annual.plan.target.report"].sudo()
            figures = {
                target.id: (actual, previous)
                for target, actual, previous in Report._read_group(
                    [("target_id", "in", saved.ids)],
                    ["target_id"],
                    ["actual_value:sum", "previous_actual_value:sum"],
                )
            }
        for target in self:
            actual, previous = figures.get(target._origin.id, (0, 0))
            target.actual_value = actual
            target.previous_actual_value = previous
            target.completion = (
                100.0 * actual / target.target_value if target.target_value else 0.0
            )

    @api.depends("kind", "quarter", "plan_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for target in self:
            period = dict(QUARTERS).get(target.quarter) or _("Year")
            target.display_name = (
                f"{target.plan_id.display_name or ''} · {kinds.get(target.kind, '')} · {period}"
            )

    @api.constrains("target_value")
    def _check_target_value(self):
        for target in self.filtered(lambda target: target.target_value < 0):
            raise ValidationError(
                _(
                    "The target %(target)s cannot be negative: enter the number to reach, "
                    "or zero.",
                    target=target.display_name,
                )
            )

    @api.constrains("plan_id", "kind", "quarter")
    def _check_unique_period(self):
        # one grouped query for all the targets checked: a period counted twice
        counts = {
            (plan.id, kind, quarter): count
            for plan, kind, quarter, count in self._read_group(
                [("plan_id", "in", self.plan_id.ids)],
                ["plan_id", "kind", "quarter"],
                ["__count"],
            )
        }
        for target in self:
            if counts.get((target.plan_id.id, target.kind, target.quarter), 0) > 1:
                raise ValidationError(
                    _(
                        "Plan %(plan)s already has a target %(target)s: change its value "
                        "instead of adding a second one.",
                        plan=target.plan_id.name,
                        target=target.display_name,
                    )
                )

    # an approved plan keeps its targets (the actuals, computed, keep moving)

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["event.annual.plan"].browse({vals["plan_id"] for vals in vals_list})
        plans._approval_check_locked({"target_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._approval_check_locked({"target_ids"})
        if "plan_id" in vals:
            self.env["event.annual.plan"].browse(vals["plan_id"])._approval_check_locked(
                {"target_ids"}
            )
        return super().write(vals)

    def unlink(self):
        self.plan_id._approval_check_locked({"target_ids"})
        return super().unlink()
