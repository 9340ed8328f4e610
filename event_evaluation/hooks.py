def uninstall_hook(env):
    """Remove the activities of the activity type this addon ships.

    Odoo deletes an addon's records (here the "Submit Evaluation" activity
    type) before it drops the addon's tables, and activities, Odoo's own rows,
    still point to that type.
    """
    activity_type = env.ref(
        "event_evaluation.mail_activity_type_evaluation_due", raise_if_not_found=False
    )
    if activity_type:
        env["mail.activity"].sudo().search([("activity_type_id", "=", activity_type.id)]).unlink()
