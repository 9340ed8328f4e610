from odoo import api, models


class EventArchiveItem(models.Model):
    _inherit = "event.archive.item"

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.event_id._check_archive_not_handed_over()
        return items

    def write(self, vals):
        events = self.event_id
        result = super().write(vals)
        (events | self.event_id)._check_archive_not_handed_over()
        return result

    def unlink(self):
        self.event_id._check_archive_not_handed_over()
        return super().unlink()
