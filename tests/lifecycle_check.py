"""Checks run inside ``odoo shell`` by the lifecycle stage of ``run_tests.py``.

Uninstalls one addon, then proves Odoo's own apps are unharmed: nothing of the
addon is left behind, no menu points to a removed action, the main views of
Events, CRM and Contacts still render and their records can still be made.
Prints one ``LIFECYCLE-OK`` or ``LIFECYCLE-FAIL`` line per check.
"""

from datetime import datetime, timedelta

# Models of Odoo's apps the addons extend; their views must render without them.
UPSTREAM_VIEWS = {
    "event.event": ["form", "list", "kanban", "search"],
    "event.registration": ["form", "list", "search"],
    "event.type": ["form", "list"],
    "crm.lead": ["form", "list", "kanban", "search"],
    "res.partner": ["form", "list", "search"],
    "res.config.settings": ["form"],
}


def report(ok, what):
    print(f"{'LIFECYCLE-OK' if ok else 'LIFECYCLE-FAIL'} {what}", flush=True)
    return ok


def uninstall(env, name):
    module = env["ir.module.module"].search([("name", "=", name)])
    if module.state != "installed":
        return report(False, f"{name} is {module.state or 'unknown'}, not installed")
    module.button_immediate_uninstall()
    return report(True, f"{name}: uninstall ran")


def check_gone(env, name):
    module = env["ir.module.module"].search([("name", "=", name)])
    ok = report(module.state == "uninstalled", f"{name} uninstalled (state: {module.state})")
    leftovers = env["ir.model.data"].search_count([("module", "=", name)])
    ok &= report(not leftovers, f"{name}: {leftovers} ir.model.data record(s) left behind")
    orphan_menus = (
        env["ir.ui.menu"]
        .with_context(active_test=False)
        .search([("action", "!=", False)])
        .filtered(lambda menu: not menu.action.exists())
    )
    ok &= report(
        not orphan_menus,
        f"{name}: menus without their action: {orphan_menus.mapped('complete_name') or 'none'}",
    )
    return ok


def check_upstream(env):
    ok = True
    for model, view_types in UPSTREAM_VIEWS.items():
        if model not in env:
            continue
        try:
            env[model].get_views([(False, view_type) for view_type in view_types])
        except Exception as error:  # noqa: BLE001 - any failure is what we report
            ok &= report(False, f"views of {model} fail to render: {error}")
        else:
            ok &= report(True, f"views of {model} render")
    # The lifecycle database is dropped afterwards: these records may stay (and
    # must, as Odoo's event mailing commits on its own outside tests).
    try:
        begin = datetime.now() + timedelta(days=30)
        event = env["event.event"].create(
            {"name": "Lifecycle check", "date_begin": begin, "date_end": begin}
        )
        partner = env["res.partner"].create({"name": "Lifecycle guest"})
        env["event.registration"].create({"event_id": event.id, "partner_id": partner.id})
        if "crm.lead" in env:
            env["crm.lead"].create({"name": "Lifecycle lead", "partner_id": partner.id})
        env.flush_all()
    except Exception as error:  # noqa: BLE001 - any failure is what we report
        ok &= report(False, f"Odoo's apps refuse plain records: {error}")
    else:
        ok &= report(True, "an event, a registration and a lead can still be created")
    return ok
