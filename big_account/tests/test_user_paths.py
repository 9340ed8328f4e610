"""The paths users walk, on the demo story, in Chinese, as each demo role.

Not part of the standard suite: the test command runs it (tag
``client_events_screens``) on its lifecycle database, right after installing
the three addons with demo data and Simplified Chinese. As each demo user:

- every menu of ours opens its views in zh_CN, and what they show a user
  (labels, buttons, tabs, filters, selection values) is in Chinese;
- every "New" form offers records in each Many2one picker it shows, picking
  as a user would, field after field (a picker that depends on an earlier
  field is tried once that field is picked);
- every report of ours prints for every demo record he can read, as a PDF in
  Chinese and in English, and every evaluation exports to XLSX.
"""

import io
import re
from unittest import SkipTest

import openpyxl
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.client_events.tests.shared_checks import (
    eval_expr,
    form_values,
    is_visible,
    picker_offers,
)

ADDONS = ("client_events", "event_evaluation", "big_account")
DEMO_LOGINS = (
    "planner", "reviewer", "approver", "headquarters", "vp", "evaluator", "kam", "team", "admin",
    "hk_planner", "hk_reviewer", "hk_manager",
)  # fmt: skip
LANG = "zh_CN"
# Latin words users read as they are, in Chinese screens too
LATIN_WORDS = {
    "ROI", "KPI", "NDA", "XLSX", "PDF", "CRM", "SMS", "SLA", "VIP", "Q1", "Q2", "Q3", "Q4",
    "ID", "URL", "Email", "E-mail", "CNY", "WeChat", "HQ",
}  # fmt: skip
LATIN = re.compile(r"[A-Za-z][A-Za-z-]+")
# Odoo's own texts in views we inherit that Odoo leaves in English: (model, text)
UPSTREAM_ENGLISH = {
    ("event.event", "Attendees"),  # the title of the kanban card's icon, in event
    # the activity exception decoration of mail.activity.mixin, untranslated by mail (also
    # one of our terms: an SMS status)
    ("event.event", "Error"),
}
# attributes of a view node that a user reads
SHOWN_ATTRIBUTES = ("string", "placeholder", "confirm", "title", "sum")


@tagged("-standard", "-at_install", "post_install", "client_events_screens")
class TestUserPaths(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("client_events.demo_user_planner", raise_if_not_found=False):
            raise SkipTest("the demo story is not loaded")
        if not cls.env["res.lang"]._lang_get(LANG):
            cls.env["res.lang"]._activate_lang(LANG)
            cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
                [LANG]
            )
        # what our addons give to read: Odoo's own strings are Odoo's to translate
        reader = TranslationModuleReader(cls.env.cr, modules=list(ADDONS))
        cls.our_terms = {source for _module, _kind, _name, _res_id, source, *_rest in reader}
        cls.menu_ids = (
            cls.env["ir.model.data"]
            .search([("module", "in", ADDONS), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )

    def _env(self, login, lang=LANG):
        user = self.env["res.users"].search([("login", "=", login)])
        return self.env(user=user, context={"lang": lang, "tz": "Asia/Shanghai"})

    def _window_actions(self, env):
        visible = env["ir.ui.menu"]._visible_menu_ids()
        for menu in env["ir.ui.menu"].browse(self.menu_ids):
            action = menu.sudo().action
            if menu.id in visible and action and action._name == "ir.actions.act_window":
                yield menu, action.sudo()

    def _action_model(self, env, action):
        eval_context = env["ir.actions.actions"]._get_eval_context()
        context = safe_eval(action.context or "{}", {**eval_context, "active_id": False})
        context = {key: value for key, value in context.items() if not key.startswith("search_")}
        return env[action.res_model].with_context(**context)

    # ------------------------------------------------------------
    # Screens in Chinese
    # ------------------------------------------------------------

    def test_menus_show_chinese(self):
        """What our views show a user in zh_CN is Chinese, but for words read as they
        are (ROI, KPI...)."""
        untranslated = set()
        read = set()
        for login in DEMO_LOGINS:
            env = self._env(login)
            for menu, action in self._window_actions(env):
                model = self._action_model(env, action)
                modes = [mode for mode in action.view_mode.split(",") if mode != "calendar"]
                views = model.get_views([(False, mode) for mode in modes] + [(False, "search")])
                for mode, view in views["views"].items():
                    arch = etree.fromstring(view["arch"])
                    for text in self._shown_texts(model, arch):
                        read.add(text)
                        if self._is_english(text) and (model._name, text) not in UPSTREAM_ENGLISH:
                            untranslated.add(f"{action.res_model} {mode}: {text!r}")
                untranslated.update(
                    f"{menu.complete_name} (menu)" for _n in [0] if self._is_english(menu.name)
                )
        self.assertFalse(
            untranslated,
            "English left on Chinese screens:\n" + "\n".join(sorted(untranslated)),
        )
        self.assertIn("活动方案", read, "the client-event form was read in Chinese")

    def _shown_texts(self, model, arch):
        fields = model.fields_get(attributes=["string", "selection", "type"])
        for node in arch.iter():
            if not isinstance(node.tag, str) or node.get("invisible") in ("1", "True"):
                continue
            if node is arch or node.tag == "sheet":  # titles not shown since Odoo 17
                continue
            for attribute in SHOWN_ATTRIBUTES:
                if node.get(attribute) and not (node.tag == "field" and attribute == "sum"):
                    yield node.get(attribute)
            if node.text and node.text.strip() and node.tag not in ("script", "style"):
                if not node.tag.startswith("t") or node.tag in ("td", "th", "tr"):
                    yield node.text.strip()
            if node.tail and node.tail.strip() and node.getparent() is not None:
                yield node.tail.strip()
            if node.tag == "field" and node.getparent().tag not in ("templates",):
                description = fields.get(node.get("name"))
                if description and not node.get("string") and node.get("nolabel") != "1":
                    yield description["string"]
                if description and description["type"] == "selection":
                    for _value, label in description.get("selection") or []:
                        yield label

    def _is_english(self, text):
        if "{" in text or text not in self.our_terms:  # an expression, or Odoo's own text
            return False
        words = [word for word in LATIN.findall(text) if word not in LATIN_WORDS]
        return bool(words) and not re.search(r"[\u4e00-\u9fff]", text)

    def test_approval_steps_read_in_chinese(self):
        """The demo's steps, created while installing, read in Chinese like their rules."""
        steps = self.env["event.approval"].with_context(lang=LANG, active_test=False).search([])
        self.assertTrue(steps)
        for step in steps.filtered("rule_id"):
            with self.subTest(step=step.id):
                self.assertEqual(step.name, step.rule_id.name)

    # ------------------------------------------------------------
    # "New" forms and their pickers
    # ------------------------------------------------------------

    def test_new_forms_offer_records_in_every_picker(self):
        empty = []
        checked = set()
        for login in DEMO_LOGINS:
            env = self._env(login)
            for menu, action in self._window_actions(env):
                if "form" not in action.view_mode.split(","):
                    continue
                model = self._action_model(env, action)
                form_view = action.view_ids.filtered(lambda v: v.view_mode == "form").view_id
                if not model.has_access("create") or not self._can_create(model, form_view):
                    continue
                checked.add(action.res_model)
                with self.subTest(login=login, menu=menu.complete_name):
                    empty += [
                        f"{login} · {menu.complete_name} · {fname}"
                        for fname in self._empty_pickers(model, form_view.id)
                    ]
        self.assertFalse(empty, "pickers that offer nothing on a new record:\n" + "\n".join(empty))
        # the new records of the planner's, the evaluator's and the key-account manager's days
        self.assertLessEqual(
            {"event.event", "event.cost", "event.budget.change", "big.account.complaint"}, checked
        )

    def _can_create(self, model, form_view):
        arch = etree.fromstring(model.get_views([(form_view.id, "form")])["views"]["form"]["arch"])
        return arch.get("create") not in ("0", "false", "False")

    def _empty_pickers(self, model, view_id):
        views = model.get_views([(view_id, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        top_fields = [
            node
            for node in arch.iter("field")
            if not any(parent.tag in ("list", "kanban", "form") for parent in node.iterancestors()
                       if parent is not arch)
        ]  # fmt: skip
        names = [node.get("name") for node in top_fields if node.get("name") in model._fields]
        values = form_values(model, names)
        empty = []
        for node in top_fields:
            fname = node.get("name")
            field = model._fields.get(fname)
            if field is None or field.type != "many2one":
                continue
            readonly = node.get("readonly")
            if not is_visible(node, values, model.env) or (
                readonly and eval_expr(readonly, values, model.env)
            ):
                continue
            if field.readonly and not readonly:
                continue
            try:
                offered = picker_offers(model, fname, values, node)
            except AccessError as error:
                empty.append(f"{fname} (refused: {error.args[0].splitlines()[0]})")
                continue
            if not offered:
                empty.append(fname)
            elif not values.get(fname):
                # the user picks the first record: later pickers may depend on it
                values[fname] = offered[0].id
                changed = model.onchange(
                    {**values, fname: offered[0].id}, [fname], {name: {} for name in names}
                )
                for name, value in changed.get("value", {}).items():
                    if model._fields[name].type == "many2one":
                        value = value["id"] if isinstance(value, dict) else value
                    if model._fields[name].type not in ("one2many", "many2many"):
                        values[name] = value
        return empty

    # ------------------------------------------------------------
    # Reports and exports
    # ------------------------------------------------------------

    def test_every_report_prints_for_every_demo_record(self):
        reports = self.env["ir.actions.report"].search(
            [("report_name", "=like", "event_evaluation.%")]
        )
        self.assertTrue(reports)
        printed = set()
        for login in DEMO_LOGINS:
            for report in reports:
                env = self._env(login)
                if not env[report.model].has_access("read"):
                    continue
                for record in env[report.model].search([]):
                    for lang in (LANG, "en_US"):
                        if (report.id, record.id, lang) in printed:
                            continue
                        with self.subTest(login=login, report=report.name, record=record.id):
                            pdf, kind = (
                                report.with_env(self._env(login, lang))
                                .with_context(lang=lang, force_report_rendering=True)
                                ._render_qweb_pdf(report.report_name, record.ids)
                            )
                            self.assertEqual(kind, "pdf")
                            self.assertTrue(pdf.startswith(b"%PDF"))
                            printed.add((report.id, record.id, lang))
        self.assertTrue(printed, "no demo record to print")

    def test_every_evaluation_exports_to_xlsx(self):
        self.authenticate("evaluator", "evaluator")
        env = self._env("evaluator")
        documents = [
            *env["event.evaluation"].search([]),
            *env["event.evaluation.annual"].search([]),
        ]
        self.assertTrue(documents, "the demo story has evaluations")
        for document in documents:
            with self.subTest(document=document.display_name):
                action = document.action_export_xlsx()
                response = self.url_open(action["url"])
                self.assertEqual(response.status_code, 200)
                workbook = openpyxl.load_workbook(io.BytesIO(response.content))
                self.assertTrue(workbook.active.max_row > 1, "the sheet has figures")
