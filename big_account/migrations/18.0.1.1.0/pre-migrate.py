"""The care calendar is client_events' ``client.care.occasion`` now.

client_events' upgrade script renames the key accounts' calendar in place; when
big_account is upgraded without client_events, this runs it (it does nothing
once done).
"""

from odoo.modules.migration import load_script


def migrate(cr, version):
    script = load_script(
        "client_events/migrations/18.0.1.2.0/pre-migrate.py", "client_events_care_calendar"
    )
    script.migrate(cr, version)
