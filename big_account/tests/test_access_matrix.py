from odoo.tests import new_test_user, tagged

from .access_matrix import MATRIX, OPERATIONS, ROLES, expected_rights
from .common import BigAccountCommon

SUITE = ("client_events", "event_evaluation", "big_account")


@tagged("post_install", "-at_install", "security")
class TestAccessMatrix(BigAccountCommon):
    """Every model of the suite x every role x every operation, against one table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the users per role of the suite's commons, and two who hold none of our groups
        cls.users = {
            "employee": new_test_user(cls.env, login="matrix_employee", groups="base.group_user"),
            "portal": new_test_user(cls.env, login="matrix_portal", groups="base.group_portal"),
            "planner": cls.planner,
            "reviewer": cls.reviewer,
            "approver": cls.approver,
            "headquarters": cls.hq_user,
            "executive": cls.executive,
            "ce_admin": cls.ce_manager,
            "evaluator": cls.evaluator,
            "eval_reviewer": cls.evaluation_reviewer,
            "ka_member": cls.pm_user,
            "ka_manager": cls.ka_manager,
        }

    def _suite_models(self):
        """Concrete models created by the three addons."""
        data = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "=", "ir.model")]
        )
        creators = {}
        for xmlid in self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("res_id", "in", data.mapped("res_id"))], order="id"
        ):
            creators.setdefault(xmlid.res_id, xmlid.module)
        models = self.env["ir.model"].browse(
            [res_id for res_id, module in creators.items() if module in SUITE]
        )
        return {model.model for model in models if not self.env[model.model]._abstract}

    def test_the_table_covers_every_model(self):
        self.assertEqual(
            self._suite_models(),
            set(MATRIX),
            "a model was added or removed: state its rights in big_account/tests/access_matrix.py",
        )

    def test_each_role_is_played_by_a_user_of_its_groups(self):
        for role, (_label, groups) in ROLES.items():
            with self.subTest(role=role):
                self.assertTrue(self.users[role].has_group(groups))

    def test_every_role_gets_exactly_the_rights_of_the_table(self):
        Access = self.env["ir.model.access"]
        for model in MATRIX:
            for role, allowed in expected_rights(model).items():
                user = self.users[role]
                for operation in OPERATIONS.values():
                    granted = Access.with_user(user).check(model, operation, raise_exception=False)
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            granted,
                            operation in allowed,
                            f"{role} {'may' if granted else 'may not'} {operation} {model}",
                        )
