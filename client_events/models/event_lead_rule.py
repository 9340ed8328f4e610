from collections import defaultdict

from odoo import fields, models


class EventLeadRule(models.Model):
    _inherit = "event.lead.rule"

    lead_creation_trigger = fields.Selection(
        selection_add=[("interest", "Interest shown at follow-up")],
        ondelete={
            # the trigger is gone: the rule stops rather than firing at attendance
            "interest": lambda rules: rules.write(
                {"lead_creation_trigger": "done", "active": False}
            )
        },
    )

    def _run_on_registrations(self, registrations):
        """Rules on interest shown at follow-up hand customers to sales: one
        lead per customer and event, or the open opportunity they already have.
        The other rules run as event_crm runs them."""
        interest_rules = self.filtered(
            lambda rule: (
                rule.lead_creation_trigger == "interest" and rule.lead_creation_basis == "attendee"
            )
        )
        other_rules = self - interest_rules
        leads = self.env["crm.lead"]
        if other_rules:
            leads = super(EventLeadRule, other_rules)._run_on_registrations(registrations)
        if not interest_rules:
            return leads
        # as event_crm: a registration gives one lead per rule, lost ones included
        existing_leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(
                [
                    ("registration_ids", "in", registrations.ids),
                    ("event_lead_rule_id", "in", interest_rules.ids),
                ]
            )
        )
        done_by_rule = defaultdict(lambda: self.env["event.registration"])
        for lead in existing_leads:
            done_by_rule[lead.event_lead_rule_id] |= lead.registration_ids
        for rule in interest_rules:
            new_registrations = rule._filter_registrations(
                registrations.sorted("id") - done_by_rule[rule]
            )
            leads |= rule._create_or_link_leads(new_registrations)[0]
        return leads

    def _create_or_link_leads(self, registrations, lead_values=None):
        """Give the registrations one lead per customer and event: the one they
        can join (see ``_find_lead_to_link``) or a new one from this rule.

        :param registrations: registrations this rule runs on, its filters applied;
        :param dict lead_values: values written over the rule's on new leads;
        :return: a tuple (created leads, linked leads)
        """
        self.ensure_one()
        Lead = self.env["crm.lead"]
        linked = Lead.sudo()
        vals_list = []
        for customer_registrations in registrations._grouped_by_customer():
            lead = customer_registrations._find_lead_to_link()
            if lead:
                customer_registrations._link_to_lead(lead, self.lead_type)
                linked |= lead
            else:
                vals_list.append(
                    {**customer_registrations._get_lead_values(self), **(lead_values or {})}
                )
        return Lead.create(vals_list), linked
