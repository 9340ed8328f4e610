"""The care calendar is client_events' ``client.care.occasion`` now.

client_events' upgrade script, which runs first (big_account depends on it),
renames the key accounts' calendar in place; this runs the same script, which
finds nothing left to do once the calendar is renamed.
"""

from odoo.modules.migration import load_script


def migrate(cr, version):
    script = load_script(
        "client_events/migrations/18.0.1.2.0/pre-migrate.py", "client_events_care_calendar"
    )
    script.migrate(cr, version)
