from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    approval_required = fields.Boolean(
        related="event_type_id.approval_required", store=True, string="Requires Approval"
    )
    approval_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Approval Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    target_participant_count = fields.Integer(
        string="Target Participants", tracking=True, help="Expected number of participants."
    )
    is_brand_event = fields.Boolean(
        string="Brand Event",
        tracking=True,
        help="Directly tied to the company brand (和公司品牌直接相关): always a large event.",
    )
    company_currency_id = fields.Many2one(
        "res.currency", string="Company Currency", compute="_compute_company_currency_id"
    )
    budget_line_ids = fields.One2many("event.budget.line", "event_id", string="Budget Lines")
    budget_amount = fields.Monetary(
        string="Budget",
        compute="_compute_budget_amount",
        store=True,
        currency_field="company_currency_id",
        tracking=True,
    )
    is_large_event = fields.Boolean(
        string="Large Event",
        compute="_compute_is_large_event",
        store=True,
        help="More participants or a larger budget than the company's thresholds, "
        "or a brand event (大型活动).",
    )

    @api.depends("company_id")
    def _compute_company_currency_id(self):
        for event in self:
            event.company_currency_id = (event.company_id or self.env.company).currency_id

    @api.depends("budget_line_ids.planned_amount")
    def _compute_budget_amount(self):
        stored = self.filtered("id")
        amounts = {}
        if stored.ids:
            amounts = {
                event.id: amount
                for event, amount in self.env["event.budget.line"]._read_group(
                    [("event_id", "in", stored.ids)], ["event_id"], ["planned_amount:sum"]
                )
            }
        for event in self:
            if event.id:
                event.budget_amount = amounts.get(event.id, 0.0)
            else:
                event.budget_amount = sum(event.budget_line_ids.mapped("planned_amount"))

    @api.depends(
        "target_participant_count",
        "budget_amount",
        "is_brand_event",
        "company_id.large_event_participant_threshold",
        "company_id.large_event_budget_threshold",
    )
    def _compute_is_large_event(self):
        for event in self:
            company = event.company_id or self.env.company
            event.is_large_event = (
                event.is_brand_event
                or event.target_participant_count > company.large_event_participant_threshold
                or event.company_currency_id.compare_amounts(
                    event.budget_amount, company.large_event_budget_threshold
                )
                > 0
            )
