from odoo.tests import TransactionCase, new_test_user, tagged

from .access_matrix import MATRIX, OPERATIONS, ROLES, expected_rights

SUITE = ("client_events", "event_evaluation", "big_account")


@tagged("post_install", "-at_install", "security")
class TestAccessMatrix(TransactionCase):
    """Every model of the suite x every role x every operation, against one table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(cls.env, login=f"matrix_{role}", groups=groups)
            for role, (_label, groups) in ROLES.items()
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

    def test_every_role_gets_exactly_the_rights_of_the_table(self):
        Access = self.env["ir.model.access"]
        cases = leaks = 0
        for model in MATRIX:
            for role, allowed in expected_rights(model).items():
                user = self.users[role]
                for operation in OPERATIONS.values():
                    cases += 1
                    granted = Access.with_user(user).check(model, operation, raise_exception=False)
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            granted,
                            operation in allowed,
                            f"{role} {'may' if granted else 'may not'} {operation} {model}",
                        )
                    leaks += granted and operation not in allowed
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * len(OPERATIONS))
        self.assertFalse(leaks)

    def test_portal_and_plain_employees_reach_nothing(self):
        for role in ("portal", "employee"):
            for model in MATRIX:
                with self.subTest(role=role, model=model):
                    self.assertFalse(expected_rights(model)[role])
