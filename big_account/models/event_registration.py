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
