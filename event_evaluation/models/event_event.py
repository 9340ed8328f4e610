from odoo import _, fields, models
from odoo.exceptions import UserError


class EventEvent(models.Model):
    _inherit = "event.event"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Feedback Survey",
        domain=[("survey_type", "in", ("survey", "custom"))],
        help="Satisfaction survey sent to attendees with the thank-you mail.",
    )
    evaluation_ids = fields.One2many("event.evaluation", "event_id", string="Evaluations")
    research_campaign_ids = fields.Many2many(
        "event.research.campaign",
        "event_event_research_campaign_rel",
        "event_id",
        "campaign_id",
        string="Needs Research",
        domain="[('state', 'in', ('running', 'closed'))]",
        help="The needs research (需求调研) the proposal builds on: its results per question "
        "and segment and its client-data summary can be attached to the event.",
    )

    def action_open_evaluation(self):
        """Open the event's evaluation, creating it (with fresh metrics) the first time."""
        self.ensure_one()
        evaluation = self.evaluation_ids[:1]
        if not evaluation:
            evaluation = self.env["event.evaluation"].create({"event_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Evaluation"),
            "res_model": "event.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
        }

    def _check_archive_not_handed_over(self):
        """An archive headquarters is reviewing, or has acknowledged, stays what it got:
        the region changes it only once the handover is sent back."""
        if not self:
            return
        lines = (
            self.env["event.archive.handover.line"]
            .sudo()
            .search(
                [
                    ("event_id", "in", self.ids),
                    ("handover_id.state", "in", ("sent", "acknowledged")),
                ],
                limit=1,
            )
        )
        if lines:
            raise UserError(
                _(
                    "The archive of %(event)s was handed over to headquarters with "
                    "%(handover)s: it can no longer change. Ask headquarters to send the "
                    "handover back if something must be corrected.",
                    event=lines.event_id.name,
                    handover=lines.handover_id.name,
                )
            )
