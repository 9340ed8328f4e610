from odoo.tests import new_test_user

from odoo.addons.event_evaluation.tests.common import EventEvaluationCommon


class BigAccountCommon(EventEvaluationCommon):
    """The users of client_events and event_evaluation, the key-account roles, and one
    key account (Acme Expo Group) served by a project manager and a planner, who both
    agreed to make it a key account.

    ``EventEvaluationCommon`` builds on ``client_events``' common: the suite keeps one
    login per role, and reads as of the day that common freezes.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        team_groups = (
            "big_account.group_member,sales_team.group_sale_salesman_all_leads,"
            "base.group_allow_export"
        )
        cls.ka_manager = new_test_user(
            cls.env, login="ba_manager", name="Mia Manager", groups="big_account.group_manager"
        )
        # three members of the key-account teams; the outsider serves another account
        cls.pm_user = new_test_user(
            cls.env, login="ba_pm", name="Paul Project", groups=team_groups
        )
        cls.ka_planner = new_test_user(
            cls.env, login="ba_planner", name="Pia Planner", groups=team_groups
        )
        cls.outsider = new_test_user(
            cls.env, login="ba_outsider", name="Otto Outsider", groups=team_groups
        )
        # a salesman outside the key-account groups
        cls.crm_user = new_test_user(
            cls.env,
            login="ba_crm",
            name="Carl Crm",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.client = cls.env["res.partner"].create({"name": "Acme Expo Group", "is_company": True})
        cls.client_contact = cls.env["res.partner"].create(
            {"name": "Alice Acme", "parent_id": cls.client.id}
        )
        cls.client_contact_2 = cls.env["res.partner"].create(
            {"name": "Bob Acme", "parent_id": cls.client.id}
        )
        cls.account = cls.env["big.account"].create(
            {
                "partner_id": cls.client.id,
                "influence": 4,
                "potential": 3,
                "user_id": cls.ka_manager.id,
            }
        )
        cls.pm_membership = cls.env["big.account.member"].create(
            {
                "account_id": cls.account.id,
                "user_id": cls.pm_user.id,
                "role": "project_manager",
                "nda_signed_date": "2026-01-05",
            }
        )
        cls.planner_membership = cls.env["big.account.member"].create(
            {
                "account_id": cls.account.id,
                "user_id": cls.ka_planner.id,
                "role": "planning",
                "nda_signed_date": "2026-01-05",
            }
        )
        # the team has evaluated the candidate together: the manager may confirm it
        cls._team_agrees(cls.account)
        # generate the pending tracking of the set-up now, as at a real commit
        cls.env.flush_all()
        cls.env.cr.flush()

    @classmethod
    def _team_agrees(cls, account):
        """Each member of the account's service team agrees, in their own name."""
        for user in account.member_ids.user_id:
            cls.env["big.account.evaluation.opinion"].with_user(user).create(
                {"account_id": account.id, "verdict": "agree"}
            )

    @classmethod
    def _set_params(cls, **params):
        icp = cls.env["ir.config_parameter"].sudo()
        for key, value in params.items():
            icp.set_param(f"big_account.{key}", value)
