import csv
import io
import zipfile
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

# the folder of each kind of archive in the downloaded file
ZIP_FOLDERS = {"text": "texts", "photo": "photos", "video": "videos", "press": "press"}


def _zip_safe(name):
    """A name usable as a file or folder name inside the zip file."""
    return "".join("-" if char in '/\\:*?"<>|' else char for char in name).strip() or "-"


def _csv_text(value):
    """User text for a spreadsheet cell: never a formula (a leading =, +, - or @ is
    quoted away, as a spreadsheet would need it typed)."""
    value = value or ""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


class EventArchiveHandover(models.Model):
    """A region's year handed over to headquarters (年末存档归档): its events with their
    evaluation reports, photos and press coverage."""

    _name = "event.archive.handover"
    _description = "Year-End Archive Handover"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "year desc, company_id"
    _check_company_auto = True
    # written by Send, Acknowledge and Send Back only
    _transition_fields = frozenset(
        {
            "state",
            "sent_by_id",
            "date_sent",
            "acknowledged_by_id",
            "date_acknowledged",
            "return_reason",
        }
    )

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: self._default_year(),
        help="The year handed over: the events of the region that end in it.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Region",
        required=True,
        tracking=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("returned", "Sent Back"),
            ("acknowledged", "Acknowledged"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        "event.archive.handover.line", "handover_id", string="Events Handed Over", copy=False
    )
    sent_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    date_acknowledged = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    return_reason = fields.Text(
        string="Reason Sent Back",
        readonly=True,
        copy=False,
        help="What headquarters said was missing when it last sent the handover back.",
    )
    event_count = fields.Integer(string="Events", compute="_compute_line_stats")
    missing_count = fields.Integer(string="Events Incomplete", compute="_compute_line_stats")
    photo_count = fields.Integer(string="Photos", compute="_compute_line_stats")
    press_count = fields.Integer(string="Press Articles", compute="_compute_line_stats")

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "A region hands its year over once: open the existing handover instead.",
        ),
    ]

    @api.model
    def _default_year(self):
        """The year that ends now (December) or has just ended."""
        today = fields.Date.context_today(self)
        return today.year if today.month == 12 else today.year - 1

    @api.depends("year", "company_id")
    def _compute_name(self):
        for handover in self:
            handover.name = _(
                "%(year)s archive handover - %(region)s",
                year=handover.year,
                region=handover.company_id.name,
            )

    @api.depends("line_ids")
    def _compute_line_stats(self):
        for handover in self:
            lines = handover.line_ids
            handover.event_count = len(lines)
            handover.missing_count = len(lines.filtered(lambda line: not line.is_complete))
            handover.photo_count = sum(lines.mapped("photo_count"))
            handover.press_count = sum(lines.mapped("press_count"))

    @api.model_create_multi
    def create(self, vals_list):
        handovers = super().create(vals_list)
        handovers._collect_events()
        return handovers

    def write(self, vals):
        if {"year", "company_id"} & set(vals):
            for handover in self.filtered(lambda h: h.state not in ("draft", "returned")):
                raise UserError(
                    _(
                        "%(handover)s has been sent to headquarters: its year and region "
                        "cannot change.",
                        handover=handover.name,
                    )
                )
        result = super().write(vals)
        if {"year", "company_id"} & set(vals):
            self._collect_events()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        for handover in self.filtered(lambda h: h.state != "draft"):
            raise UserError(
                _(
                    "%(handover)s has been sent to headquarters and is kept as history: it "
                    "cannot be deleted.",
                    handover=handover.name,
                )
            )

    def _transition_refusal(self, field_names):
        return UserError(
            _(
                "%(handover)s: use the Send, Acknowledge and Send Back buttons to change "
                "the handover's status.",
                handover=self._transition_records_label(),
            )
        )

    # ------------------------------------------------------------
    # Events of the year
    # ------------------------------------------------------------

    def _get_year_events(self):
        """The region's events that end in the year, by date of end."""
        self.ensure_one()
        return self.env["event.event"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_end", ">=", datetime(self.year, 1, 1)),
                ("date_end", "<", datetime(self.year + 1, 1, 1)),
            ],
            order="date_end, id",
        )

    def _collect_events(self):
        """One line per event of the year: the new ones added, those gone removed."""
        Line = self.env["event.archive.handover.line"]
        for handover in self:
            events = handover._get_year_events()
            handover.line_ids.filtered(
                lambda line, events=events: line.event_id not in events
            ).unlink()
            Line.create(
                [
                    {"handover_id": handover.id, "event_id": event.id}
                    for event in events - handover.line_ids.event_id
                ]
            )

    def action_collect_events(self):
        for handover in self.filtered(lambda h: h.state not in ("draft", "returned")):
            raise UserError(
                _(
                    "%(handover)s has been sent to headquarters: its events are collected "
                    "again only once it is sent back.",
                    handover=handover.name,
                )
            )
        self._collect_events()
        return True

    def _get_missing_summary(self):
        """What is missing, one line per incomplete event: "Forum: evaluation, photos"."""
        self.ensure_one()
        return "\n".join(
            f"{line.event_id.name}: {line.missing}"
            for line in self.line_ids.filtered(lambda line: not line.is_complete)
        )

    # ------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------

    def _check_may_send(self):
        user = self.env.user
        if not (
            user.has_group("client_events.group_planner")
            or user.has_group("event_evaluation.group_evaluator")
        ):
            raise AccessError(
                _(
                    "Only the region's planners and evaluators can send %(handover)s to "
                    "headquarters.",
                    handover=", ".join(self.sudo().mapped("name")),
                )
            )

    def _check_headquarters(self, action):
        """Headquarters decides on a handover, and never on one it sent itself."""
        for handover in self:
            if not self.env.user.has_group("client_events.group_headquarters"):
                raise AccessError(
                    _(
                        "Only headquarters can %(action)s %(handover)s: the region sends it "
                        "to them.",
                        action=action,
                        handover=handover.name,
                    )
                )
            if handover.sent_by_id == self.env.user:
                raise AccessError(
                    _(
                        "You sent %(handover)s yourself: another person of headquarters must "
                        "%(action)s it.",
                        action=action,
                        handover=handover.name,
                    )
                )
            if handover.state != "sent":
                raise UserError(
                    _(
                        "%(handover)s is not waiting for headquarters: only a sent handover "
                        "can be acknowledged or sent back.",
                        handover=handover.name,
                    )
                )

    def action_send(self):
        self._check_may_send()
        for handover in self:
            if handover.state not in ("draft", "returned"):
                raise UserError(
                    _(
                        "%(handover)s has already been sent to headquarters.",
                        handover=handover.name,
                    )
                )
            if not handover.line_ids:
                raise UserError(
                    _(
                        "%(handover)s lists no event: no event of %(region)s ends in "
                        "%(year)s. Click Collect Events once the year's events are recorded.",
                        handover=handover.name,
                        region=handover.company_id.name,
                        year=handover.year,
                    )
                )
            uncollected = handover._get_year_events() - handover.line_ids.event_id
            if uncollected:
                raise UserError(
                    _(
                        "%(events)s end in %(year)s but are not in %(handover)s: click "
                        "Collect Events before sending.",
                        events=", ".join(uncollected.mapped("name")),
                        year=handover.year,
                        handover=handover.name,
                    )
                )
        self._transition_write(
            {"state": "sent", "sent_by_id": self.env.user.id, "date_sent": fields.Datetime.now()}
        )
        for handover in self:
            handover.activity_feedback(["event_evaluation.mail_activity_type_handover_returned"])
            missing = handover._get_missing_summary()
            body = _("Sent to headquarters with %(count)s events.", count=handover.event_count)
            if missing:
                body += "\n" + _("Still incomplete:\n%(missing)s", missing=missing)
            handover.message_post(body=plaintext2html(body), subtype_xmlid="mail.mt_comment")
            for user in handover._get_headquarters_users():
                handover.activity_schedule(
                    "event_evaluation.mail_activity_type_handover_review",
                    user_id=user.id,
                    note=handover.with_context(lang=user.lang).env._(
                        "Check the archive of %(region)s's year %(year)s: acknowledge it, or "
                        "send it back saying what is missing.",
                        region=handover.company_id.name,
                        year=handover.year,
                    ),
                )
        return True

    def _get_headquarters_users(self):
        """Who at headquarters (集团客服中心) checks the handover: the users of the
        Headquarters group of its region, the marketing VP only when nobody else is;
        never the one who sent it."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()
        domain = [
            ("groups_id", "in", self.env.ref("client_events.group_headquarters").id),
            ("share", "=", False),
            ("company_ids", "in", self.company_id.id),
            ("id", "!=", self.sent_by_id.id),
        ]
        executive = self.env.ref("client_events.group_executive")
        return Users.search(domain + [("groups_id", "not in", executive.id)]) or Users.search(
            domain
        )

    def action_acknowledge(self):
        self._check_headquarters(_("acknowledge"))
        for handover in self:
            missing = handover._get_missing_summary()
            if missing:
                raise UserError(
                    _(
                        "%(handover)s is incomplete and cannot be acknowledged:\n%(missing)s\n"
                        "Send it back to the region saying what is missing.",
                        handover=handover.name,
                        missing=missing,
                    )
                )
        self._transition_write(
            {
                "state": "acknowledged",
                "acknowledged_by_id": self.env.user.id,
                "date_acknowledged": fields.Datetime.now(),
            }
        )
        for handover in self:
            handover.activity_feedback(["event_evaluation.mail_activity_type_handover_review"])
            handover.message_post(
                body=_("Acknowledged by headquarters."), subtype_xmlid="mail.mt_comment"
            )
        return True

    def action_open_return(self):
        """Send Back: headquarters says what is missing, in a small dialog."""
        self.ensure_one()
        self._check_headquarters(_("send back"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Back"),
            "res_model": "event.archive.handover.return",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_handover_id": self.id,
                "default_reason": self._get_missing_summary(),
            },
        }

    def action_return(self, reason):
        """Send the handover back to the region, the reason kept and posted."""
        self._check_headquarters(_("send back"))
        if not (reason or "").strip():
            raise UserError(
                _(
                    "Say what is missing from %(handover)s: the region needs the reason to "
                    "complete it.",
                    handover=", ".join(self.mapped("name")),
                )
            )
        self._transition_write({"state": "returned", "return_reason": reason.strip()})
        for handover in self:
            handover.activity_feedback(["event_evaluation.mail_activity_type_handover_review"])
            handover.message_post(
                body=plaintext2html(
                    _("Sent back by headquarters:\n%(reason)s", reason=handover.return_reason)
                ),
                subtype_xmlid="mail.mt_comment",
            )
            handover.activity_schedule(
                "event_evaluation.mail_activity_type_handover_returned",
                user_id=handover.sent_by_id.id,
                note=handover.return_reason,
            )
        return True

    # ------------------------------------------------------------
    # Download
    # ------------------------------------------------------------

    def action_download_archive(self):
        self.ensure_one()
        self._check_may_download()
        return {
            "type": "ir.actions.act_url",
            "url": f"/event_evaluation/handover/{self.id}/zip",
            "target": "self",
        }

    def _check_may_download(self):
        self.check_access("read")
        if not self.env["event.evaluation"].has_access("read"):
            raise AccessError(
                _(
                    "The archive of %(handover)s holds the events' evaluation reports: only "
                    "evaluators and headquarters can download it.",
                    handover=", ".join(self.mapped("name")),
                )
            )

    def _get_archive_zip(self):
        """(file name, content) of the year's archive as one zip file: per event, its
        evaluation report, its archive files by kind and the list of its press coverage."""
        self.ensure_one()
        self._check_may_download()
        report = self.env.ref("event_evaluation.event_evaluation_report")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for line in self.line_ids:
                event = line.event_id
                date = fields.Datetime.context_timestamp(self, event.date_begin).date()
                folder = _zip_safe(f"{date} {event.name}")
                if line.evaluation_id:
                    content, _report_type = report._render_qweb_pdf(
                        report.report_name, line.evaluation_id.ids
                    )
                    name = _zip_safe(_("Evaluation - %(event)s", event=event.name))
                    archive.writestr(f"{folder}/{name}.pdf", content)
                used = set()
                for item in event.archive_item_ids:
                    file_name, content = item._get_archive_file()
                    if not content:
                        continue
                    path = self._unique_path(f"{folder}/{ZIP_FOLDERS[item.kind]}", file_name, used)
                    archive.writestr(path, content)
                press = event.archive_item_ids.filtered(lambda item: item.kind == "press")
                if press:
                    archive.writestr(f"{folder}/press_coverage.csv", self._press_csv(press))
        return f"{_zip_safe(self.name)}.zip", buffer.getvalue()

    @staticmethod
    def _unique_path(folder, file_name, used):
        stem, dot, extension = _zip_safe(file_name).rpartition(".")
        if not dot:
            stem, extension = extension, ""
        path, number = f"{folder}/{stem}{dot}{extension}", 1
        while path in used:
            number += 1
            path = f"{folder}/{stem} ({number}){dot}{extension}"
        used.add(path)
        return path

    def _press_csv(self, press):
        """The press coverage as CSV text (UTF-8 with BOM, so that Excel reads Chinese)."""
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow([_("Title"), _("Media Outlet"), _("Published On"), _("Reach"), _("Link")])
        for item in press:
            writer.writerow(
                [
                    _csv_text(item.name),
                    _csv_text(item.media_outlet),
                    item.date_published or "",
                    item.reach,
                    _csv_text(item.url),
                ]
            )
        return "\ufeff" + output.getvalue()
