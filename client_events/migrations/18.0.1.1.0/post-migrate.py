"""Time zones of the shipped types, and approval step names in every language.

Created at install, the client-event types took the installer's time zone as
their default, so every event picked from one moved to that zone. A type whose
time zone is still the one of the user who created it loses it; one set on
purpose since (another zone) is kept.

Approval steps were named in their submitter's language; they now carry their
rule's name in every installed language. Each step now knows who submitted its
document (he decides none of it), and the steps left pending after a rejection
are marked as not reached, so that no queue waits for them.
"""

from odoo import SUPERUSER_ID, api

TYPES = (
    "event_type_seminar",
    "event_type_appreciation",
    "event_type_festival",
    "event_type_outdoor",
    "event_type_product_launch",
    "event_type_exhibition",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in TYPES:
        event_type = env.ref(f"client_events.{xmlid}", raise_if_not_found=False)
        if event_type and event_type.default_timezone == (event_type.create_uid.tz or "UTC"):
            event_type.default_timezone = False
    steps = env["event.approval"].search([])
    steps.filtered("rule_id")._copy_rule_name_translations()
    for step in steps:
        document = env[step.res_model].browse(step.res_id).exists()
        if not document:
            continue
        step.submitted_by_id = document.approval_submitted_by_id
        if step.state == "pending" and document.approval_state == "rejected":
            step.state = "cancelled"
