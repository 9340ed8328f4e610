"""Regions read the group plan above them, with its lines and club targets.

The company rules of annual plans, their lines and targets are ``noupdate``: an
upgrade does not narrow them to writing by themselves, and beside them the new
read rules (own companies, and the group plans of the companies above them)
would change nothing. Narrow them here.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_rule
           SET perm_read = FALSE
         WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'client_events'
               AND name IN ('event_annual_plan_rule_company',
                            'event_annual_plan_line_rule_company',
                            'event_annual_plan_target_rule_company')
         )
        """
    )
