from odoo import fields, models


class EventEvent(models.Model):
    """The event's archive (资料存档): texts, photos, videos and press coverage."""

    _inherit = "event.event"

    archive_item_ids = fields.One2many("event.archive.item", "event_id", string="Archive")
    archive_photo_ids = fields.One2many(
        "event.archive.item",
        "event_id",
        string="Photo Gallery",
        domain=[("kind", "=", "photo")],
    )
    archive_document_ids = fields.One2many(
        "event.archive.item",
        "event_id",
        string="Texts, Videos and Press",
        domain=[("kind", "!=", "photo")],
    )
    archive_item_count = fields.Integer(string="Archive Items", compute="_compute_archive_counts")
    archive_photo_count = fields.Integer(string="Photos", compute="_compute_archive_counts")

    def _compute_archive_counts(self):
        counts = self._get_archive_counts()
        for event in self:
            by_kind = counts.get(event.id, {})
            event.archive_item_count = sum(by_kind.values())
            event.archive_photo_count = by_kind.get("photo", 0)

    def _get_archive_counts(self):
        """{event id: {kind: number of items}} of these events, in one grouped query."""
        counts = {}
        for event, kind, count in self.env["event.archive.item"]._read_group(
            [("event_id", "in", self.ids)], ["event_id", "kind"], ["__count"]
        ):
            counts.setdefault(event.id, {})[kind] = count
        return counts

    def action_view_archive(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_events.event_archive_item_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
