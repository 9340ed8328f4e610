"""Checks every addon of the suite runs on its Chinese translations.

Shared by the three addons' ``test_i18n`` modules. The terms are those Odoo
itself would export for the addon now (``--i18n-export``), read from the
code, views and data of the installed addon: a string added later without a
zh_CN and a zh_TW translation fails the suite.
"""

import re
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

LANGS = ("zh_CN", "zh_TW")
ADDONS = ("client_events", "event_evaluation", "big_account")
# What a translation must keep exactly: Python placeholders, inline templates
# ({{ object.name }}) and the QWeb attributes of translated mail bodies.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\bt-[\w-]+=\"[^\"]*\"")


class I18nChecks:
    """Mixin for a ``TransactionCase``; the subclass sets ``module``."""

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
