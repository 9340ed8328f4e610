import base64
import mimetypes

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

# the kinds of archive the group work instruction keeps per event (资料存档)
ARCHIVE_KINDS = [
    ("text", "Text (文字资料)"),
    ("photo", "Photo (图片)"),
    ("video", "Video (视频)"),
    ("press", "Press Coverage (媒体报道)"),
]


class EventArchiveItem(models.Model):
    """A piece of an event's archive: a text, a photo, a video or a press article."""

    _name = "event.archive.item"
    _description = "Event Archive Item"
    _inherit = ["image.mixin"]
    _order = "event_id, kind, date_published desc, id"
    _check_company_auto = True

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    kind = fields.Selection(ARCHIVE_KINDS, required=True, default="photo")
    name = fields.Char(string="Title", required=True)
    # a photo is an image (resized copies for the gallery); the other kinds keep a file
    image_1920 = fields.Image("Photo")
    file = fields.Binary(attachment=True, help="The text, the video file or the article.")
    file_name = fields.Char()
    url = fields.Char(string="Link", help="Where the video or the article can be seen online.")
    media_outlet = fields.Char(help="The newspaper, site or account that published the article.")
    date_published = fields.Date(string="Published On")
    reach = fields.Integer(help="Readers or views the outlet reports for the article.")
    description = fields.Text()
    uploaded_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    date_uploaded = fields.Datetime(
        string="Uploaded On", readonly=True, default=fields.Datetime.now
    )

    _sql_constraints = [
        ("reach_positive", "CHECK(reach >= 0)", "The reach of an article cannot be negative."),
    ]

    @api.constrains("kind", "image_1920", "file", "url", "media_outlet")
    def _check_kind_content(self):
        for item in self:
            if item.kind == "photo" and not item.image_1920:
                raise ValidationError(
                    _(
                        "The photo “%(item)s” of %(event)s has no picture: upload the image.",
                        item=item.name,
                        event=item.event_id.name,
                    )
                )
            if item.kind == "press" and not item.media_outlet:
                raise ValidationError(
                    _(
                        "Name the media outlet of the press article “%(item)s” of %(event)s.",
                        item=item.name,
                        event=item.event_id.name,
                    )
                )
            if item.kind in ("video", "press") and not (item.url or item.file):
                raise ValidationError(
                    _(
                        "“%(item)s” of %(event)s needs a link or a file: give where it can "
                        "be seen or upload it.",
                        item=item.name,
                        event=item.event_id.name,
                    )
                )
            if item.kind == "text" and not (item.file or item.description):
                raise ValidationError(
                    _(
                        "The text “%(item)s” of %(event)s is empty: upload the document or "
                        "write it in the description.",
                        item=item.name,
                        event=item.event_id.name,
                    )
                )

    @api.constrains("url")
    def _check_url(self):
        for item in self.filtered("url"):
            if not item.url.startswith(("http://", "https://")):
                raise ValidationError(
                    _(
                        "The link of “%(item)s” must be a web address starting with "
                        "http:// or https://, not %(url)s.",
                        item=item.name,
                        url=item.url,
                    )
                )

    def _get_archive_file(self):
        """(file name, content) of the item's photo or file; (False, False) without one."""
        self.ensure_one()
        field_name = "image_1920" if self.kind == "photo" else "file"
        content = self.with_context(bin_size=False)[field_name]
        if not content:
            return False, False
        data = base64.b64decode(content)
        if self.kind != "photo" and self.file_name:
            return self.file_name, data
        extension = mimetypes.guess_extension(guess_mimetype(data)) or ""
        return f"{self.name}{extension}", data
