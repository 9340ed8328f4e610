from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ClientEventsExecutionCommon

# a 1×1 PNG: the smallest picture the image fields accept
PIXEL = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    b"awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestEventArchive(ClientEventsExecutionCommon):
    """The event's archive (资料存档): the execution team and the planners keep it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.photographer = new_test_user(
            cls.env, "ce_photographer", groups="event.group_event_registration_desk"
        )
        cls.event.execution_member_ids = [
            Command.create({"user_id": cls.photographer.id, "role": "photography"})
        ]

    def _photo(self, name="Opening", user=None, event=None):
        return (
            self.env["event.archive.item"]
            .with_user(user or self.planner)
            .create(
                {
                    "event_id": (event or self.event).id,
                    "kind": "photo",
                    "name": name,
                    "image_1920": PIXEL,
                }
            )
        )

    def test_gallery_counts_by_kind(self):
        self._photo("Opening")
        self._photo("Gala dinner", user=self.photographer)
        Item = self.env["event.archive.item"].with_user(self.planner)
        Item.create(
            [
                {
                    "event_id": self.event.id,
                    "kind": "press",
                    "name": "Seminar draws 80 clients",
                    "media_outlet": "Hangzhou Daily",
                    "url": "https://news.example.com/seminar",
                    "reach": 12000,
                },
                {
                    "event_id": self.event.id,
                    "kind": "text",
                    "name": "Summary",
                    "description": "Eighty clients came.",
                },
            ]
        )
        event = self.event.with_user(self.planner)
        self.assertEqual(event.archive_item_count, 4)
        self.assertEqual(event.archive_photo_count, 2)
        self.assertEqual(len(event.archive_photo_ids), 2, "the gallery shows the photos only")
        self.assertEqual(
            sorted(event.archive_document_ids.mapped("kind")),
            ["press", "text"],
            "the list the rest",
        )
        self.assertTrue(event.archive_photo_ids[0].image_128, "a thumbnail for the gallery")
        action = event.action_view_archive()
        self.assertEqual(action["res_model"], "event.archive.item")
        self.assertEqual(action["domain"], [("event_id", "=", self.event.id)])

    def test_who_may_add(self):
        """The execution team adds to its event's archive; other desk users only read it."""
        photo = self._photo("By the team", user=self.photographer)
        self.assertEqual(photo.uploaded_by_id, self.photographer)
        self._photo("By a planner", user=self.planner_2)
        with self.assertRaises(AccessError):
            self._photo("By an outsider", user=self.desk_user)
        self.assertEqual(
            self.env["event.archive.item"]
            .with_user(self.desk_user)
            .search_count([("event_id", "=", self.event.id)]),
            2,
            "the desk reads the archive",
        )
        with self.assertRaises(AccessError):
            photo.with_user(self.desk_user).name = "Renamed"
        employee = new_test_user(self.env, "ce_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["event.archive.item"].with_user(employee).search([])

    def test_content_required_by_kind(self):
        Item = self.env["event.archive.item"].with_user(self.planner)
        cases = [
            ({"kind": "photo", "name": "Blank"}, "has no picture: upload the image"),
            (
                {"kind": "press", "name": "Article", "url": "https://example.com/a"},
                "Name the media outlet of the press article “Article”",
            ),
            (
                {"kind": "video", "name": "Highlights"},
                "“Highlights” of Client Seminar Hangzhou needs a link or a file",
            ),
            (
                {"kind": "text", "name": "Notes"},
                "The text “Notes” of Client Seminar Hangzhou is empty",
            ),
            (
                {"kind": "video", "name": "Clip", "url": "javascript:alert(1)"},
                "must be a web address starting with http:// or https://",
            ),
        ]
        for values, message in cases:
            with (
                self.subTest(kind=values["kind"]),
                self.assertRaisesRegex(ValidationError, message),
            ):
                Item.create({"event_id": self.event.id, **values})

    def test_company_isolation(self):
        other = self.env["res.company"].create({"name": "North Region Co."})
        other_event = self.env["event.event"].create(
            {
                "name": "North Client Day",
                "company_id": other.id,
                "date_begin": self.EVENT_BEGIN,
                "date_end": self.EVENT_BEGIN.replace(hour=17),
            }
        )
        self._photo("North photo", user=self.env.user, event=other_event)
        self._photo("Own photo")
        seen = self.env["event.archive.item"].with_user(self.planner).search([])
        self.assertEqual(
            seen.mapped("name"), ["Own photo"], "another region's archive is not seen"
        )
        self.assertEqual(other_event.archive_photo_count, 1)
