from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class BigAccountCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="ba_manager",
            name="Mia Manager",
            groups="big_account.group_manager,sales_team.group_sale_salesman",
        )
        cls.pm_user = new_test_user(
            cls.env,
            login="ba_pm",
            name="Paul Project",
            groups="big_account.group_member,sales_team.group_sale_salesman_all_leads,base.group_allow_export",
        )
        cls.planner = new_test_user(
            cls.env,
            login="ba_planner",
            name="Pia Planner",
            groups="big_account.group_member,sales_team.group_sale_salesman_all_leads,base.group_allow_export",
        )
        cls.outsider = new_test_user(
            cls.env,
            login="ba_outsider",
            name="Otto Outsider",
            groups="big_account.group_member,sales_team.group_sale_salesman_all_leads,base.group_allow_export",
        )
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
                "user_id": cls.manager.id,
            }
        )
        cls.today = fields.Date.today()
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
                "user_id": cls.planner.id,
                "role": "planning",
                "nda_signed_date": "2026-01-05",
            }
        )
        # generate the pending tracking of the set-up now, as at a real commit
        cls.env.flush_all()
        cls.env.cr.flush()

    @classmethod
    def _set_params(cls, **params):
        icp = cls.env["ir.config_parameter"].sudo()
        for key, value in params.items():
            icp.set_param(f"big_account.{key}", value)
