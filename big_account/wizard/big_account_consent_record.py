from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class BigAccountConsentRecord(models.TransientModel):
    """Record that the client agreed to the use of its information: when, and the
    signed document or a note of how it was given."""

    _name = "big.account.consent.record"
    _description = "Record a Key Account Client's Consent"

    account_id = fields.Many2one("big.account", string="Key Account", required=True)
    consent_date = fields.Date(
        string="Consent Given On", required=True, default=fields.Date.context_today
    )
    document = fields.Binary(string="Signed Document")
    document_name = fields.Char()
    note = fields.Text(help="How the consent was given, when there is no document.")

    @api.constrains("consent_date", "document", "note")
    def _check_evidence(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.consent_date > today:
                raise ValidationError(
                    _(
                        "The consent of %(account)s cannot be given on %(date)s, in the "
                        "future: enter the day the client gave it.",
                        account=wizard.account_id.display_name,
                        date=format_date(self.env, wizard.consent_date),
                    )
                )
            if not wizard.document and not (wizard.note or "").strip():
                raise ValidationError(
                    _(
                        "Attach the consent %(account)s signed, or note how it was given "
                        "(who agreed, by which means).",
                        account=wizard.account_id.display_name,
                    )
                )

    def action_record(self):
        self.ensure_one()
        self.account_id._record_consent(
            self.consent_date,
            document=self.document,
            document_name=self.document_name,
            note=self.note,
        )
        return {"type": "ir.actions.act_window_close"}
