from odoo.tools import SQL

# Tables of this addon whose rows point to the data it ships (budget categories,
# risk types), children first.
ROWS_ON_SHIPPED_DATA = (
    "event_cost",
    "event_budget_change",
    "event_budget_line",
    "event_incident",
    "event_risk",
    "event_type_risk",
    # rows created by the guests' answers and the scheduler, which point to the demo
    # story's events, people and users
    "event_nomination",
    "event_mail_trace",
    "client_care_log",
)


def uninstall_hook(env):
    """Clear what would block Odoo from deleting the data this addon ships.

    Odoo deletes an addon's records (budget categories, risk types, activity
    types) before it drops the addon's tables, and those tables' rows still
    point to them. The rows go with their tables anyway; the activities of our
    types are Odoo's own rows, so they are removed through the ORM.
    """
    activity_types = [
        env.ref(xmlid, raise_if_not_found=False)
        for xmlid in (
            "client_events.mail_activity_type_approval",
            "client_events.mail_activity_type_event_followup",
        )
    ]
    env["mail.activity"].sudo().search(
        [("activity_type_id", "in", [t.id for t in activity_types if t])]
    ).unlink()
    # Odoo's registrations of the events this addon shipped that it did not create
    # itself (a guest accepting his invitation): the events cannot go while they point
    # to them
    data = env["ir.model.data"].sudo()
    events = data.search([("module", "=", "client_events"), ("model", "=", "event.event")])
    shipped = data.search([("module", "=", "client_events"), ("model", "=", "event.registration")])
    env["event.registration"].sudo().search(
        [("event_id", "in", events.mapped("res_id")), ("id", "not in", shipped.mapped("res_id"))]
    ).unlink()
    for table in ROWS_ON_SHIPPED_DATA:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    # their external ids (the demo story's costs and budget lines) go with them:
    # Odoo would otherwise try to delete the rows again, once their tables are gone
    env["ir.model.data"].search(
        [
            ("module", "=", "client_events"),
            ("model", "in", [table.replace("_", ".") for table in ROWS_ON_SHIPPED_DATA]),
        ]
    ).unlink()


def post_init_hook(env):
    """Approval steps created while installing (the demo story) were named before the
    addon's translations were loaded: name them in every language now."""
    env["event.approval"].with_context(active_test=False).search(
        [("rule_id", "!=", False)]
    )._copy_rule_name_translations()
