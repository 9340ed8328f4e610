from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _planner_domain(self):
        """Who may own a risk or a mention: the planners, who can act on its to-dos."""
        return [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("client_events.group_planner").id),
        ]

    def _is_planner(self):
        self.ensure_one()
        return not self.share and self.has_group("client_events.group_planner")
