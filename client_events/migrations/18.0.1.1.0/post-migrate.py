"""Time zones of the shipped types, and approval step names in every language.

Created at install, the client-event types took the installer's time zone as
their default, so every event picked from one moved to that zone. A type whose
time zone is still the one of the user who created it loses it; one set on
purpose since (another zone) is kept.

Approval steps were named in their submitter's language; they now carry their
rule's name in every installed language. Approval rules filter their documents
with a domain instead of a fixed list of conditions; headquarters now also
reviews large events (集团审核), not only off-plan ones. Each step now knows who submitted its
document (he decides none of it), and the steps left pending after a rejection
are marked as not reached, so that no queue waits for them. Plan lines follow
the approval chain too (an approved plan is broken down with new lines): the
lines of plans already approved are approved.
"""

from odoo import SUPERUSER_ID, Command, api
from odoo.tools.sql import column_exists

# the approval rules' conditions, now filters on the documents
CONDITION_DOMAINS = {
    "always": "[]",
    "off_plan": '[("is_off_plan", "=", True)]',
    "large": '[("is_large_event", "=", True)]',
    "group_plan": '[("level", "=", "group")]',
    "regional_plan": '[("level", "=", "regional")]',
}
HEADQUARTERS_DOMAIN = '["|", ("is_off_plan", "=", True), ("is_large_event", "=", True)]'
LARGE_BUDGET_CHANGE = '[("makes_event_large", "=", True)]'

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
    if column_exists(cr, "event_approval_rule", "condition"):
        # the rules this version ships came with a domain of their own: no condition
        cr.execute(
            "SELECT id, res_model, condition FROM event_approval_rule WHERE condition IS NOT NULL"
        )
        for rule_id, res_model, condition in cr.fetchall():
            domain = CONDITION_DOMAINS.get(condition, "[]")
            if res_model == "event.budget.change" and condition == "large":
                domain = LARGE_BUDGET_CHANGE
            cr.execute(
                "UPDATE event_approval_rule SET domain = %s WHERE id = %s", [domain, rule_id]
            )
        cr.execute("ALTER TABLE event_approval_rule DROP COLUMN condition")
        # the shipped headquarters step reviews large events too (集团审核)
        headquarters = env.ref(
            "client_events.event_approval_rule_headquarters", raise_if_not_found=False
        )
        if headquarters:
            headquarters.domain = HEADQUARTERS_DOMAIN
    # the lines of approved plans were approved with them
    cr.execute(
        """
        UPDATE event_annual_plan_line line SET approval_state = 'approved'
          FROM event_annual_plan plan
         WHERE plan.id = line.plan_id AND plan.approval_state = 'approved'
        """
    )
    # proposals still being written get their type's targets (目标量化) to fill in
    proposals = env["event.event"].search(
        [
            ("approval_required", "=", True),
            ("approval_state", "in", ("draft", "rejected")),
            ("target_ids", "=", False),
        ]
    )
    for event in proposals:
        event.target_ids = [
            Command.create(template._prepare_target_values())
            for template in event.event_type_id.target_template_ids
        ]
    steps = env["event.approval"].search([])
    steps.filtered("rule_id")._copy_rule_name_translations()
    for step in steps:
        document = env[step.res_model].browse(step.res_id).exists()
        if not document:
            continue
        step.submitted_by_id = document.approval_submitted_by_id
        if step.state == "pending" and document.approval_state == "rejected":
            step.state = "cancelled"
