"""Checks every addon of the suite runs on itself: access rules and menus.

Shared by the three addons' ``test_foundation`` modules so that each addon
states only what is its own: its models, its groups and its menus.
"""

from odoo.tests import new_test_user


class FoundationChecks:
    """Mixin for a ``TransactionCase``; the subclass sets ``module``."""

    module = None

    def _module_models(self):
        """Concrete models created by ``self.module``, not those it only extends.

        Odoo gives a model an ``ir.model`` xmlid in every module that touches
        it; the first of them (lowest id) belongs to the module that created it.
        """
        data = self.env["ir.model.data"].search(
            [("module", "=", self.module), ("model", "=", "ir.model")]
        )
        all_xmlids = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("res_id", "in", data.mapped("res_id"))], order="id"
        )
        creator = {}
        for xmlid in all_xmlids:
            creator.setdefault(xmlid.res_id, xmlid.module)
        models = self.env["ir.model"].browse(
            [res_id for res_id, module in creator.items() if module == self.module]
        )
        # Abstract models (mixins) have no table and take no access rights.
        return models.filtered(lambda m: not self.env[m.model]._abstract)

    def assert_every_model_has_access_rules(self):
        models = self._module_models()
        self.assertTrue(models, f"{self.module} defines no model")
        for model in models:
            with self.subTest(model=model.model):
                access = self.env["ir.model.access"].search([("model_id", "=", model.id)])
                self.assertTrue(access, f"{model.model} has no row in ir.model.access.csv")
                self.assertFalse(
                    access.filtered(lambda a: not a.group_id),
                    f"{model.model} grants access to everybody: name a group",
                )

    def assert_groups_chained(self, xmlids):
        """Each group implies the one before it; the last one holds admin."""
        groups = [self.env.ref(xmlid) for xmlid in xmlids]
        for lower, higher in zip(groups, groups[1:], strict=False):
            self.assertIn(
                lower, higher.trans_implied_ids, f"{higher.name} must imply {lower.name}"
            )
        category = groups[0].category_id
        self.assertTrue(category, f"{groups[0].name} has no category")
        self.assertTrue(all(g.category_id == category for g in groups))
        self.assertIn(self.env.ref("base.user_admin"), groups[-1].users)

    def assert_company_pickers_offer_records(self):
        """A relation checked against the record's company must not be the field
        that company comes from: on a new record that company is empty, so the
        picker's domain (``company_id in [False]``) offers nothing."""
        for model in self._module_models():
            records = self.env[model.model]
            company = records._fields.get("company_id")
            source = company.related.split(".")[0] if company and company.related else None
            for name, field in records._fields.items():
                if field.type == "many2one" and field.check_company and name == source:
                    with self.subTest(model=model.model, field=name):
                        self.fail(
                            f"{model.model}.{name} is company-checked while company_id is "
                            f"related to it: its picker is empty on a new record"
                        )

    def visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def assert_menus_visible_only_to(self, menu_xmlids, group_xmlid):
        """The menus are shown to a user of the group, hidden from a plain employee."""
        member = new_test_user(self.env, login=f"{self.module}_member", groups=group_xmlid)
        employee = new_test_user(
            self.env, login=f"{self.module}_employee", groups="base.group_user"
        )
        member_menus = self.visible_menus(member)
        employee_menus = self.visible_menus(employee)
        for xmlid in menu_xmlids:
            menu = self.env.ref(xmlid)
            with self.subTest(menu=xmlid):
                self.assertIn(menu.id, member_menus, f"{group_xmlid} must see {xmlid}")
                self.assertNotIn(menu.id, employee_menus, f"an employee must not see {xmlid}")
