from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class ClientCareOccasion(models.Model):
    """The care calendar of every client, and the key accounts' part of it: each
    festival greets every confirmed key account through its service team (a care
    action per account), and an account has its own anniversaries."""

    _inherit = "client.care.occasion"

    kind = fields.Selection(
        selection_add=[("anniversary", "Anniversary")], ondelete={"anniversary": "cascade"}
    )
    account_id = fields.Many2one(
        "big.account",
        string="Key Account",
        index="btree_not_null",
        ondelete="cascade",
        help="The client's own occasion (its founding day, the anniversary of the "
        "partnership): only this account is greeted. Empty: every confirmed key account.",
    )
    company_id = fields.Many2one(
        compute="_compute_company_id", store=True, readonly=False, precompute=True
    )

    @api.model
    def _default_days_before(self):
        icp = self.env["ir.config_parameter"].sudo()
        return int(icp.get_param("big_account.care_days_before", super()._default_days_before()))

    @api.depends("account_id")
    def _compute_company_id(self):
        for occasion in self:
            if occasion.account_id:
                occasion.company_id = occasion.account_id.company_id

    @api.constrains("account_id", "company_id")
    def _check_account_company(self):
        for occasion in self:
            account = occasion.account_id
            if account and occasion.company_id and occasion.company_id != account.company_id:
                raise ValidationError(
                    _(
                        "%(occasion)s is an occasion of %(account)s: it belongs to the "
                        "company of the account, %(company)s.",
                        occasion=occasion.name,
                        account=account.display_name,
                        company=account.company_id.name,
                    )
                )

    # ------------------------------------------------------------
    # Clients: the key accounts are their service team's
    # ------------------------------------------------------------

    def _client_domain(self):
        """A key account's people are greeted by its service team, for the account."""
        domain = super()._client_domain()
        accounts = self.env["big.account"].sudo().search([("state", "=", "confirmed")])
        if accounts:
            domain.append(("commercial_partner_id", "not in", accounts.partner_id.ids))
        return domain

    def _clients_to_care(self):
        if self.account_id or self.kind == "anniversary":
            return self.env["res.partner"]
        return super()._clients_to_care()

    def _schedule_client_care(self, today):
        logs = super()._schedule_client_care(today)
        if self.kind in ("festival", "anniversary"):
            self._schedule_account_greetings(today)
        return logs

    def _schedule_account_greetings(self, today):
        """A greeting to-do for the care person of each confirmed key account, from
        ``days_before`` days ahead of the occasion until its day: once per occasion and
        date for each account, however often the job runs."""
        self.ensure_one()
        occurrence = self._occurrence_on_or_after(today)
        if not occurrence or (occurrence - today).days > self.days_before:
            return self.env["big.account.care.action"]
        CareAction = self.env["big.account.care.action"].sudo()
        accounts = self._accounts_to_greet()
        done = CareAction.search(
            [
                ("occasion_id", "=", self.id),
                ("occasion_date", "=", occurrence),
                ("account_id", "in", accounts.ids),
            ]
        )
        actions = CareAction
        for account in accounts - done.account_id:
            actions |= self._schedule_greeting(account, occurrence)
        return actions

    def _accounts_to_greet(self):
        self.ensure_one()
        domain = [("state", "=", "confirmed")]
        if self.account_id:
            domain.append(("id", "=", self.account_id.id))
        elif self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return self.env["big.account"].sudo().search(domain)

    def _schedule_greeting(self, account, occurrence):
        self.ensure_one()
        responsible = account._get_care_user()
        # the to-do speaks the language of the member who sends the greetings
        env = self.with_context(lang=responsible.lang or self.env.lang).env
        occasion_name = self.with_env(env).name
        if self.kind == "anniversary":
            summary = env._("Anniversary greeting: %(occasion)s", occasion=occasion_name)
        else:
            summary = env._("Festival greeting: %(occasion)s", occasion=occasion_name)
        activity = account.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=occurrence,
            summary=summary,
            note=env._(
                "%(occasion)s is on %(date)s: send %(account)s the greetings, then mark this "
                "to-do done with the client's feedback.",
                occasion=occasion_name,
                date=format_date(env, occurrence),
                account=account.name,
            ),
            user_id=responsible.id,
        )
        CareAction = self.env["big.account.care.action"].sudo()
        return CareAction.create(
            {
                "account_id": account.id,
                "kind": self.kind,
                "occasion_id": self.id,
                "occasion_date": occurrence,
                "date": occurrence,
                "user_id": responsible.id,
                "activity_id": activity.id,
            }
        )
