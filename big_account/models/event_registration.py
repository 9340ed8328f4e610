from odoo import models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    def _open_feedback_follow_up(self, answer, score):
        """A contact of a confirmed key account answered low: a complaint of the
        account, with its SLA, rather than a to-do."""
        account = self._get_feedback_key_account()
        if not account:
            return super()._open_feedback_follow_up(answer, score)
        Complaint = self.env["big.account.complaint"].sudo()
        return Complaint.create(
            Complaint._prepare_feedback_complaint_values(account, self, answer, score)
        )

    def _get_feedback_key_account(self):
        """The confirmed key account whose client this attendee is a contact of, the
        event's company's first. Sudo: the survey is answered by the client."""
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        if not commercial:
            return self.env["big.account"]
        accounts = (
            self.env["big.account"]
            .sudo()
            .search([("partner_id", "=", commercial.id), ("state", "=", "confirmed")], order="id")
            .sorted(lambda a: a.company_id != self.event_id.company_id)
        )
        return accounts[:1]

    def _get_checkin_owners(self):
        """A contact of a confirmed key account (its company, or a person of its decision
        chain) is greeted too: the account's owner and its project manager (the
        service-team lead) are told."""
        owners = super()._get_checkin_owners()
        partners = self.partner_id
        if not partners:
            return owners
        Account = self.env["big.account"].sudo()
        accounts = Account.search(
            [
                ("state", "=", "confirmed"),
                "|",
                ("partner_id", "in", partners.commercial_partner_id.ids),
                ("contact_ids.partner_id", "in", partners.ids),
            ]
        )
        by_partner = {}
        for account in accounts:
            team = (
                account.user_id
                | account.member_ids.filtered(
                    lambda member: member.role == "project_manager"
                ).user_id
            )
            for partner in account.partner_id | account.contact_ids.partner_id:
                by_partner[partner] = by_partner.get(partner, self.env["res.users"]) | team
        for registration in self:
            partner = registration.partner_id
            team = by_partner.get(partner) or by_partner.get(partner.commercial_partner_id)
            if team:
                owners[registration] = owners.get(registration, team.browse()) | team
        return owners
