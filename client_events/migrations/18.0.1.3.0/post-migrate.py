"""Regions read the group plan above them.

The company rule of annual plans is ``noupdate``: an upgrade does not narrow it
to writing by itself, and beside it the new read rule (own companies, and the
group plans of the companies above them) would change nothing. Narrow it here.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_rule
           SET perm_read = FALSE
         WHERE id = (
            SELECT res_id FROM ir_model_data
             WHERE module = 'client_events' AND name = 'event_annual_plan_rule_company'
         )
        """
    )
