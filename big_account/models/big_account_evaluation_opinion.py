from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class BigAccountEvaluationOpinion(models.Model):
    """One service-team member's opinion on making a candidate a key account
    (共同评估): the manager confirms once the whole team has spoken and nobody
    disagrees. Each member writes their own opinion, nobody else's."""

    _name = "big.account.evaluation.opinion"
    _description = "Key Account Team Evaluation Opinion"
    _order = "account_id, id"
    _rec_name = "user_id"

    account_id = fields.Many2one(
        "big.account", string="Key Account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Team Member",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    verdict = fields.Selection(
        [("agree", "Agree"), ("disagree", "Disagree"), ("abstain", "Abstain")],
        required=True,
        default="agree",
        help="Whether this member agrees to make the candidate a key account.",
    )
    comment = fields.Text(help="Why: required when you disagree.")

    _sql_constraints = [
        (
            "account_user_uniq",
            "unique(account_id, user_id)",
            "You have already given your opinion on this account: change it instead.",
        ),
    ]

    @api.constrains("verdict", "comment")
    def _check_disagreement_reason(self):
        for opinion in self:
            if opinion.verdict == "disagree" and not (opinion.comment or "").strip():
                raise ValidationError(
                    _(
                        "You disagree with making %(account)s a key account: say why in the "
                        "comment, so that the team can discuss it.",
                        account=opinion.account_id.display_name,
                    )
                )

    @api.constrains("user_id", "account_id")
    def _check_team_member(self):
        for opinion in self:
            if opinion.user_id not in opinion.account_id.sudo().member_ids.user_id:
                raise ValidationError(
                    _(
                        "%(user)s is not on the service team of %(account)s: only its members "
                        "evaluate it.",
                        user=opinion.user_id.name,
                        account=opinion.account_id.display_name,
                    )
                )

    def _check_own_and_open(self, users, accounts):
        """Each member writes their own opinion, while the account is a candidate."""
        others = users - self.env.user
        if others:
            raise AccessError(
                _(
                    "Only %(users)s can give or change their own opinion: each member of the "
                    "service team speaks for themself.",
                    users=", ".join(others.mapped("name")),
                )
            )
        decided = accounts.filtered(lambda account: account.state != "candidate")
        if decided:
            raise UserError(
                _(
                    "%(accounts)s is no longer a candidate: the team's evaluation is closed.",
                    accounts=", ".join(decided.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        users = self.env["res.users"].browse(
            [vals.get("user_id") or self.env.uid for vals in vals_list]
        )
        accounts = self.env["big.account"].browse([vals.get("account_id") for vals in vals_list])
        self._check_own_and_open(users, accounts.exists())
        opinions = super().create(vals_list)
        opinions._log_on_account()
        return opinions

    def write(self, vals):
        self._check_own_and_open(self.user_id, self.account_id)
        if "user_id" in vals or "account_id" in vals:
            moved = self.filtered(
                lambda o: (
                    o.user_id.id != vals.get("user_id", o.user_id.id)
                    or o.account_id.id != vals.get("account_id", o.account_id.id)
                )
            )
            if moved:
                raise UserError(
                    _("An opinion stays with its member and account: give a new one instead.")
                )
        result = super().write(vals)
        if {"verdict", "comment"} & set(vals):
            self._log_on_account()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_other_member(self):
        self._check_own_and_open(self.user_id, self.account_id)

    def _log_on_account(self):
        """The account's chatter keeps who said what, and when."""
        verdicts = dict(self._fields["verdict"]._description_selection(self.env))
        for opinion in self:
            opinion.account_id.sudo().message_post(
                body=_(
                    "Team evaluation: %(user)s — %(verdict)s. %(comment)s",
                    user=opinion.user_id.name,
                    verdict=verdicts[opinion.verdict],
                    comment=opinion.comment or "",
                ),
                author_id=opinion.user_id.partner_id.id,
            )
