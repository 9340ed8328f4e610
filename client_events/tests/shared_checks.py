"""Checks the three addons of the suite share, imported by each addon's tests.

- ``FoundationChecks``: every model has access rules, groups form one chain,
  company pickers offer records, menus show to their group only;
- ``I18nChecks``: every term Odoo would export is translated in zh_CN and zh_TW;
- ``BadInputTable``: table-driven bad input, refused with the message users see;
- what a form shows a user, evaluated on the server as the web client would:
  ``form_values``, ``eval_expr``, ``picker_offers``, ``form_arch``, ``is_visible``.

Users per role and the records the tests start from are in ``common``.
"""

import re
from pathlib import Path

import polib
from lxml import etree
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.service.model import _as_validation_error
from odoo.tests import new_test_user
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import TranslationModuleReader

ADDONS = ("client_events", "event_evaluation", "big_account")

# ------------------------------------------------------------
# Foundation: access rules, groups and menus of an addon
# ------------------------------------------------------------


class FoundationChecks:
    """Mixin for a ``TransactionCase``; the subclass sets ``module``, the addon whose
    models, groups and menus it checks."""

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

    def assert_menus_visible_only_to(self, menu_xmlids, member):
        """The menus are shown to ``member``, a user of the addon's first group, and
        hidden from a plain employee."""
        employee = new_test_user(
            self.env, login=f"{self.module}_employee", groups="base.group_user"
        )
        member_menus = self.visible_menus(member)
        employee_menus = self.visible_menus(employee)
        for xmlid in menu_xmlids:
            menu = self.env.ref(xmlid)
            with self.subTest(menu=xmlid):
                self.assertIn(menu.id, member_menus, f"{member.login} must see {xmlid}")
                self.assertNotIn(menu.id, employee_menus, f"an employee must not see {xmlid}")


# ------------------------------------------------------------
# Translations: the terms Odoo would export for the addon now
# ------------------------------------------------------------

LANGS = ("zh_CN", "zh_TW")
# What a translation must keep exactly: Python placeholders, inline templates
# ({{ object.name }}) and the QWeb attributes of translated mail bodies.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\bt-[\w-]+=\"[^\"]*\"")


class I18nChecks:
    """Mixin for a ``TransactionCase``; the subclass sets ``module``.

    The terms are those Odoo itself would export for the addon now
    (``--i18n-export``), read from the code, views and data of the installed
    addon: a string added later without a zh_CN and a zh_TW translation fails.
    """

    module = None

    @classmethod
    def load_chinese(cls):
        """Activate zh_CN and zh_TW and load the .po files of our installed addons."""
        for lang in LANGS:
            cls.env["res.lang"]._activate_lang(lang)
        addons = cls.env["ir.module.module"].search(
            [("name", "in", ADDONS), ("state", "=", "installed")]
        )
        addons._update_translations(list(LANGS))

    def _current_terms(self):
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {
            source for module, *__, source, _value, _comments in reader if module == self.module
        }

    def _current_occurrences(self):
        """(source, where) of every term of a record: Odoo translates a field label,
        a view or a data record only where its .po entry names it."""
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {
            (source, f"{kind}:{name}:{res_id}")
            for module, kind, name, res_id, source, _value, _comments in reader
            if module == self.module and kind in ("model", "model_terms")
        }

    def _po_occurrences(self, lang):
        path = Path(get_module_path(self.module), "i18n", f"{lang}.po")
        return {
            (entry.msgid, where)
            for entry in polib.pofile(str(path))
            if entry.msgstr and not entry.obsolete
            for where, _line in entry.occurrences
        }

    def _po_translations(self, lang):
        path = Path(get_module_path(self.module), "i18n", f"{lang}.po")
        self.assertTrue(path.is_file(), f"{self.module} has no i18n/{lang}.po")
        return {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(str(path))
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }

    def assert_every_term_translated(self):
        terms = self._current_terms()
        self.assertTrue(terms, f"Odoo exports no term of {self.module}")
        for lang in LANGS:
            translations = self._po_translations(lang)
            missing = sorted(terms - translations.keys())
            self.assertFalse(
                missing,
                f"{self.module}: {len(missing)} term(s) without a {lang} translation; export "
                f"i18n/{self.module}.pot again and translate them in i18n/{lang}.po: {missing}",
            )
            unplaced = sorted(self._current_occurrences() - self._po_occurrences(lang))
            self.assertFalse(
                unplaced,
                f"{self.module}: {len(unplaced)} term(s) translated in i18n/{lang}.po but not "
                f"where they are used, so Odoo shows them in English; export i18n/"
                f"{self.module}.pot again and merge it into i18n/{lang}.po: {unplaced[:20]}",
            )
            for source in terms:
                with self.subTest(lang=lang, term=source[:60]):
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(translations[source])),
                        sorted(PLACEHOLDER.findall(source)),
                        "the translation must keep every placeholder of the term",
                    )

    def assert_terms_in_view(self, model, view_type, expected):
        """``expected`` maps a language to terms its translated view must show."""
        for lang, terms in expected.items():
            views = self.env[model].with_context(lang=lang).get_views([(False, view_type)])
            arch = views["views"][view_type]["arch"]
            for term in terms:
                with self.subTest(lang=lang, term=term):
                    self.assertIn(term, arch)


# ------------------------------------------------------------
# Bad input, table-driven
# ------------------------------------------------------------

LONG_TEXT = "客户" * 5000  # 10,000 characters
EMOJI_CJK = "🎉 上海會展 Expo 客户答谢会 ✨"


class BadInputTable:
    """Mixin for a ``TransactionCase``: rows of (label, action, expected).

    ``expected`` is a regex of the error the user is shown, or a callable that
    checks the safe result of ``action``. A database constraint is checked
    through the message the web client and XML-RPC show for it
    (``odoo.service.model``), not as a raw psycopg2 error.
    """

    def _check_row(self, action, expected):
        if callable(expected):
            expected(action())
            return
        with self.assertRaisesRegex((UserError, ValidationError), expected):
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    action()
                    self.env.flush_all()
            except IntegrityError as error:
                raise _as_validation_error(self.env, error) from error
        self.env.invalidate_all()

    def run_table(self, table):
        for label, action, expected in table:
            with self.subTest(label):
                self._check_row(action, expected)


# ------------------------------------------------------------
# What a form shows a user
# ------------------------------------------------------------

UNKNOWN_NAME = re.compile(r"name '(\w+)' is not defined")


def form_values(record_or_model, fields):
    """The values a form holds: a saved record's, or a new record's defaults.

    Relations are given as ids (a list of ids for x2many), as expressions use them.
    """
    model = record_or_model.browse()
    spec = {name: {} for name in fields if name in model._fields}
    if record_or_model:
        values = record_or_model.web_read(spec)[0]
    else:
        values = model.onchange({}, [], spec)["value"]
    for name, value in values.items():
        field = model._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            values[name] = value["id"] if isinstance(value, dict) else value or False
        elif field.type in ("one2many", "many2many"):
            values[name] = [v["id"] if isinstance(v, dict) else v for v in value or []]
    return values


def eval_expr(expression, values, env, parent=None):
    """Evaluate a view expression (a domain, a modifier) on a form's values.

    A name the form does not hold is False, as for the web client, which adds
    every field an expression names to the form it loads.
    """
    names = {
        "context": dict(env.context),
        "uid": env.uid,
        "allowed_company_ids": env.companies.ids,
        "current_company_id": env.company.id,
        "parent": _Namespace(parent or {}),
        # as the web client evaluates a domain: today in the user's time zone
        "context_today": lambda: fields.Date.context_today(env["res.users"]),
        **values,
    }
    for _attempt in range(20):
        try:
            return safe_eval(expression, names)
        except (NameError, ValueError) as error:  # safe_eval wraps the NameError
            missing = UNKNOWN_NAME.search(str(error))
            if not missing:
                raise
            names[missing.group(1)] = False
    raise AssertionError(f"cannot evaluate {expression!r}")


def picker_domain(model, fname, values, arch_node=None):
    """The domain a Many2one picker searches with on this form."""
    domain = arch_node.get("domain") if arch_node is not None else None
    if not domain:
        domain = model.fields_get([fname], ["domain"])[fname].get("domain") or []
    if isinstance(domain, str):
        domain = eval_expr(domain, values, model.env)
    return domain


def picker_offers(model, fname, values, arch_node=None, limit=8):
    """The records the picker of ``fname`` offers the form's user."""
    comodel = model.env[model._fields[fname].comodel_name]
    domain = picker_domain(model, fname, values, arch_node)
    return comodel.search(domain, limit=limit)


def form_arch(model, view_id=False):
    return etree.fromstring(model.get_views([(view_id, "form")])["views"]["form"]["arch"])


def is_visible(node, values, env):
    """Whether the node and all its ancestors show on a form with these values."""
    for element in [node, *node.iterancestors()]:
        invisible = element.get("invisible") or element.get("column_invisible")
        if invisible and invisible not in ("0", "False", "false"):
            if invisible in ("1", "True", "true") or eval_expr(invisible, values, env):
                return False
    return True


class _Namespace(dict):
    """``parent.field`` in a subview's expression."""

    def __getattr__(self, name):
        return self.get(name, False)
