from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty


class BigAccountProjectProgress(models.Model):
    _name = "big.account.project.progress"
    _description = "Service Project Progress Report"
    _order = "date desc, id desc"
    _rec_name = "date"

    project_id = fields.Many2one(
        "big.account.project",
        string="Service Project",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    progress = fields.Float(
        string="Progress (%)", digits=(5, 1), help="How far the execution is, from 0 to 100."
    )
    summary = fields.Html(required=True, help="What was done since the last report.")
    issues = fields.Html(help="Problems met and what they need from the project manager.")

    _sql_constraints = [
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress goes from 0 to 100%.",
        ),
    ]

    @api.constrains("summary", "date")
    def _check_summary_and_date(self):
        today = fields.Date.context_today(self)
        for report in self:
            if is_html_empty(report.summary):
                raise ValidationError(
                    _(
                        "The progress report of %(project)s says nothing: summarise what was "
                        "done.",
                        project=report.project_id.name,
                    )
                )
            if report.date > today:
                raise ValidationError(
                    _(
                        "A progress report of %(project)s cannot be dated %(date)s, in the "
                        "future.",
                        project=report.project_id.name,
                        date=format_date(self.env, report.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        projects = self.env["big.account.project"].browse(
            [vals["project_id"] for vals in vals_list if vals.get("project_id")]
        )
        for project in projects:
            if project.state != "execution":
                raise UserError(
                    _(
                        "%(project)s is not in execution: progress is reported while the "
                        "project is executed.",
                        project=project.name,
                    )
                )
        reports = super().create(vals_list)
        for report in reports:
            report._notify_project_manager()
        return reports

    def _notify_project_manager(self):
        """Post the report on the project, to its manager."""
        self.ensure_one()
        project = self.project_id
        manager = project.user_id.partner_id
        env = self.with_context(lang=project.user_id.lang or self.env.lang).env
        progress = f"{self.progress:.0f}%"
        project.message_subscribe(partner_ids=manager.ids)
        project.message_post(
            body=Markup("<p>%s</p>%s%s")
            % (
                env._(
                    "Progress report of %(date)s by %(author)s: %(progress)s done.",
                    date=format_date(env, self.date),
                    author=self.author_id.name,
                    progress=progress,
                ),
                self.summary,
                self.issues if not is_html_empty(self.issues) else "",
            ),
            partner_ids=manager.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
