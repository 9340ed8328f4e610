from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EventArchiveHandoverLine(models.Model):
    """An event of the handed-over year, and what of its archive is there."""

    _name = "event.archive.handover.line"
    _description = "Archive Handover Event"
    _order = "handover_id, date_end, id"
    _check_company_auto = True

    handover_id = fields.Many2one(
        "event.archive.handover", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="handover_id.company_id", store=True, index=True)
    # no company check: the handover's own collection picks its region's events
    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    date_end = fields.Datetime(related="event_id.date_end", string="Event End")
    evaluation_id = fields.Many2one(
        "event.evaluation",
        string="Evaluation Report",
        compute="_compute_archive",
        groups="event_evaluation.group_evaluator,client_events.group_headquarters",
    )
    evaluation_state = fields.Selection(
        [
            ("none", "None"),
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("reviewed", "Reviewed"),
        ],
        string="Evaluation",
        compute="_compute_archive",
    )
    photo_count = fields.Integer(string="Photos", compute="_compute_archive")
    press_count = fields.Integer(string="Press", compute="_compute_archive")
    text_count = fields.Integer(string="Texts", compute="_compute_archive")
    video_count = fields.Integer(string="Videos", compute="_compute_archive")
    missing = fields.Char(
        compute="_compute_archive",
        help="What the event still lacks: its submitted evaluation, its photos.",
    )
    is_complete = fields.Boolean(string="Complete", compute="_compute_archive")

    _sql_constraints = [
        (
            "handover_event_uniq",
            "unique(handover_id, event_id)",
            "An event is listed once in a handover.",
        ),
    ]

    @api.depends("event_id")
    def _compute_archive(self):
        """Counts from one grouped query; the evaluation from one search for all lines.

        An evaluation counts once submitted: a draft is not a report yet.
        """
        events = self.event_id
        counts = events._get_archive_counts()
        # one evaluation per event (unique)
        evaluations = {
            evaluation.event_id.id: evaluation
            for evaluation in self.env["event.evaluation"]
            .sudo()
            .search([("event_id", "in", events.ids)])
        }
        for line in self:
            by_kind = counts.get(line.event_id.id, {})
            evaluation = evaluations.get(line.event_id.id)
            missing = []
            if not evaluation or evaluation.state == "draft":
                missing.append(_("evaluation"))
            if not by_kind.get("photo"):
                missing.append(_("photos"))
            line.update(
                {
                    "evaluation_id": evaluation.id if evaluation else False,
                    "evaluation_state": evaluation.state if evaluation else "none",
                    "photo_count": by_kind.get("photo", 0),
                    "press_count": by_kind.get("press", 0),
                    "text_count": by_kind.get("text", 0),
                    "video_count": by_kind.get("video", 0),
                    "missing": ", ".join(missing),
                    "is_complete": not missing,
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_handover_open()
        return lines

    def write(self, vals):
        self._check_handover_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self._check_handover_open()

    def _check_handover_open(self):
        for handover in self.handover_id.filtered(lambda h: h.state not in ("draft", "returned")):
            raise UserError(
                _(
                    "%(handover)s has been sent to headquarters: its events change only once "
                    "it is sent back.",
                    handover=handover.name,
                )
            )
