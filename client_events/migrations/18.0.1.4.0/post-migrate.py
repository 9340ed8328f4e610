"""Regions read the lines and club targets of the group plan above them.

The company rules of plan lines and targets are ``noupdate``: an upgrade does not
narrow them to writing by themselves, and beside them the new read rules (own
companies, and the group plans of the companies above them) would change
nothing. Narrow them here.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_rule
           SET perm_read = FALSE
         WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'client_events'
               AND name IN ('event_annual_plan_line_rule_company',
                            'event_annual_plan_target_rule_company')
         )
        """
    )
