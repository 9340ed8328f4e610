"""The care calendar of key accounts becomes the care calendar of every client.

``big.account.care.occasion`` (big_account) is now ``client.care.occasion``
(client_events), which big_account extends with its accounts' anniversaries. The
table, the model, its fields and the shipped records (festivals, the daily job)
are renamed in place, before client_events loads: the occasions, the key
accounts' care actions that point at them and the job are kept, and the shipped
festivals are client_events' records from now on (not created twice).

big_account's upgrade script runs this too, after it: whichever runs first does
it, the other finds nothing left to do.
"""

from odoo.tools.sql import table_exists

OLD_MODEL, NEW_MODEL = "big.account.care.occasion", "client.care.occasion"
OLD_TABLE, NEW_TABLE = "big_account_care_occasion", "client_care_occasion"
OLD_XMLID, NEW_XMLID = "big_account_care_occasion", "client_care_occasion"
# what big_account still adds to the shared model
KEY_ACCOUNT_FIELDS = ("account_id",)
KEY_ACCOUNT_SELECTIONS = ("kind__anniversary",)
# big_account's records that are client_events' now
MOVED_RECORDS = {
    "care_occasion_spring_festival": "client_care_occasion_spring_festival",
    "care_occasion_mid_autumn": "client_care_occasion_mid_autumn",
    "care_occasion_national_day": "client_care_occasion_national_day",
    "care_occasion_new_year": "client_care_occasion_new_year",
    "ir_cron_big_account_care_greetings": "ir_cron_client_care_greetings",
    "ir_cron_big_account_care_greetings_ir_actions_server": (
        "ir_cron_client_care_greetings_ir_actions_server"
    ),
    "big_account_care_occasion_rule_company": "client_care_occasion_rule_company",
}
# the columns naming a model, in the tables of the framework and of mail
MODEL_COLUMNS = (
    ("ir_model_data", "model"),
    ("ir_model_fields", "model"),
    ("ir_model_fields", "relation"),
    ("ir_ui_view", "model"),
    ("ir_act_window", "res_model"),
    ("ir_attachment", "res_model"),
    ("mail_message", "model"),
    ("mail_activity", "res_model"),
    ("mail_followers", "res_model"),
)


def migrate(cr, version):
    if not table_exists(cr, OLD_TABLE) or table_exists(cr, NEW_TABLE):
        return
    cr.execute(f'ALTER TABLE "{OLD_TABLE}" RENAME TO "{NEW_TABLE}"')
    cr.execute(f'ALTER SEQUENCE IF EXISTS "{OLD_TABLE}_id_seq" RENAME TO "{NEW_TABLE}_id_seq"')
    cr.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
        [NEW_TABLE, f"{OLD_TABLE}%"],
    )
    for (index,) in cr.fetchall():
        cr.execute(f'ALTER INDEX "{index}" RENAME TO "{NEW_TABLE}{index[len(OLD_TABLE) :]}"')
    cr.execute("UPDATE ir_model SET model = %s WHERE model = %s", [NEW_MODEL, OLD_MODEL])
    for table, column in MODEL_COLUMNS:
        if table_exists(cr, table):
            cr.execute(
                f'UPDATE "{table}" SET "{column}" = %s WHERE "{column}" = %s',
                [NEW_MODEL, OLD_MODEL],
            )
    # the model and its fields are client_events'; big_account keeps what it adds
    cr.execute(
        """UPDATE ir_model_data SET module = 'client_events', name = %s
            WHERE module = 'big_account' AND name = %s""",
        [f"model_{NEW_XMLID}", f"model_{OLD_XMLID}"],
    )
    for prefix, kept in (("field_", KEY_ACCOUNT_FIELDS), ("selection__", KEY_ACCOUNT_SELECTIONS)):
        old_prefix, new_prefix = f"{prefix}{OLD_XMLID}__", f"{prefix}{NEW_XMLID}__"
        cr.execute(
            """UPDATE ir_model_data
                  SET name = %(new)s || substr(name, %(start)s),
                      module = CASE WHEN substr(name, %(start)s) IN %(kept)s
                                    THEN 'big_account' ELSE 'client_events' END
                WHERE module = 'big_account' AND starts_with(name, %(old)s)""",
            {"new": new_prefix, "old": old_prefix, "start": len(old_prefix) + 1, "kept": kept},
        )
    for old_name, new_name in MOVED_RECORDS.items():
        cr.execute(
            """UPDATE ir_model_data SET module = 'client_events', name = %s
                WHERE module = 'big_account' AND name = %s""",
            [new_name, old_name],
        )
