"""Screenshots of the main screens, taken on a database holding the demo story.

Not part of the standard suite: the test command runs it (tag
``client_events_screens``) on its lifecycle database, right after installing
the three addons with demo data, so that every screen below must open in a
real browser without a console error. The PNGs go to the folder named by
``CLIENT_EVENTS_SCREENSHOTS``; those in ``docs/screenshots`` were taken so.
"""

import base64
import json
import logging
import os
import shutil
import signal
import subprocess
from pathlib import Path
from unittest import SkipTest

from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

ADDONS = ("client_events", "event_evaluation", "big_account")
DEMO_LOGINS = (
    "planner", "reviewer", "approver", "headquarters", "vp", "evaluator", "kam", "team", "admin",
)  # fmt: skip

# The demo story's firm works in Shanghai.
TIMEZONE = "Asia/Shanghai"
# Ready when the screen's main element is there and nothing is loading.
READY = (
    "!!document.querySelector({selector}) && !document.querySelector('.o_loading_indicator')"
    " && document.fonts.status === 'loaded'"
)


class ScreenBrowser(ChromeBrowser):
    """Odoo's headless Chromium, keeping its process at hand: when it does not
    answer in time, Odoo gives up on it without stopping it."""

    process = None

    def __init__(self, test_case):
        try:
            super().__init__(test_case)
        except SkipTest:
            self.discard()
            raise

    def _chrome_without_limit(self, cmd):
        self.process = super()._chrome_without_limit(cmd)
        return self.process

    def discard(self):
        """Leave nothing of a browser that did not start: its process, its profile,
        the CPU-limit handler it took over."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "user_data_dir", None):
            shutil.rmtree(self.user_data_dir, ignore_errors=True)
        if getattr(self, "sigxcpu_handler", None) is not None:
            signal.signal(signal.SIGXCPU, self.sigxcpu_handler)


@tagged("-standard", "-at_install", "post_install", "client_events_screens")
class TestScreens(HttpCase):
    browser_size = "1440x1000"

    def setUp(self):
        super().setUp()
        if not self.env.ref("client_events.demo_user_planner", raise_if_not_found=False):
            raise SkipTest("the demo story is not loaded")

    def _start_browser(self, attempts=3):
        """A new headless Chromium. Odoo skips the test when Chromium does not
        answer in time, as on a busy machine; a screen is worth a second try, once
        the browser that did not answer is gone."""
        for attempt in range(1, attempts + 1):
            try:
                return ScreenBrowser(self)
            except SkipTest as error:
                if attempt == attempts:
                    raise
                _logger.info("Chromium did not start (%s), starting it again", error)

    def _screenshot(self, name, login, url, selector):
        browser = self._start_browser()
        try:
            # the web client shows times in the browser's time zone: the users' own
            browser._websocket_request(
                "Emulation.setTimezoneOverride", params={"timezoneId": TIMEZONE}
            )
            if login:  # else a guest's page, as anybody opens it
                self.authenticate(login, login, browser=browser)
            browser.navigate_to(self.base_url() + url, wait_stop=True)
            ready = READY.format(selector=json.dumps(selector))
            self.assertTrue(browser._wait_ready(ready, timeout=30), f"{name}: {url} did not open")
            browser._wait_ready(
                "new Promise(resolve => setTimeout(() => resolve(true), 300))", timeout=5
            )
            png = browser._websocket_request("Page.captureScreenshot", timeout=20)["data"]
        finally:
            browser.stop()
            self._wait_remaining_requests()
        Path(self.folder, f"{name}.png").write_bytes(base64.b64decode(png))

    def test_main_screens(self):
        self.folder = os.environ.get("CLIENT_EVENTS_SCREENSHOTS")
        if not self.folder:
            raise SkipTest("CLIENT_EVENTS_SCREENSHOTS names no folder")
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        seminar = self.env.ref("client_events.demo_event_tax_seminar")
        group_plan = self.env.ref("client_events.demo_plan_group")
        evaluation = self.env.ref("event_evaluation.demo_evaluation_tax_seminar")
        yearly = self.env.ref("event_evaluation.demo_evaluation_annual")
        account = self.env.ref("big_account.demo_account_huadong")
        research = self.env.ref("event_evaluation.demo_research_campaign_tax")
        pending_guest = self.env.ref("client_events.demo_nomination_expo_yang")
        hk_tax_talk = self.env.ref("client_events.demo_event_hk_tax_talk")
        hk_evaluation = self.env.ref("event_evaluation.demo_evaluation_hk_tax_talk")
        dashboard = self.env.ref("event_evaluation.spreadsheet_dashboard_client_events")
        form = ".o_form_view .o_form_sheet"
        screens = [
            ("client-events-kanban", "planner",
             "/odoo/action-client_events.event_event_action_client", ".o_kanban_record"),
            ("proposal-form", "planner",
             f"/odoo/action-client_events.event_event_action_client/{seminar.id}", form),
            ("waiting-for-my-approval", "vp",
             "/odoo/action-client_events.event_approval_action_my", ".o_data_row"),
            ("group-plan", "headquarters",
             f"/odoo/action-client_events.event_annual_plan_action/{group_plan.id}", form),
            ("budget-vs-cost", "planner",
             "/odoo/action-client_events.event_event_action_budget_cost", ".o_pivot table"),
            ("plan-vs-realised", "planner",
             "/odoo/action-client_events.event_annual_plan_line_action_realised", ".o_data_row"),
            ("evaluation-form", "evaluator",
             f"/odoo/action-event_evaluation.event_evaluation_action/{evaluation.id}", form),
            ("yearly-report", "evaluator",
             f"/odoo/action-event_evaluation.event_evaluation_annual_action/{yearly.id}", form),
            ("key-account-form", "kam",
             f"/odoo/action-big_account.big_account_action/{account.id}", form),
            ("account-health", "kam",
             "/odoo/action-big_account.big_account_action_health", ".o_data_row"),
            # the retention loop around every event
            ("client-segments", "admin",
             "/odoo/action-client_events.client_segment_action", ".o_data_row"),
            ("needs-research", "evaluator",
             f"/odoo/action-event_evaluation.event_research_campaign_action/{research.id}", form),
            ("nominations", "planner",
             "/odoo/action-client_events.event_nomination_action",
             ".o_data_row, .o_kanban_record"),
            ("rsvp-page", None, pending_guest._get_rsvp_path(), "form"),
            ("care-calendar", "admin",
             "/odoo/action-client_events.client_care_occasion_action", ".o_data_row"),
            # the Hong Kong office's year, as its people see it (zh_TW)
            ("hk-tax-talk", "hk_planner",
             f"/odoo/action-client_events.event_event_action_client/{hk_tax_talk.id}", form),
            ("hk-evaluation", "hk_manager",
             f"/odoo/action-event_evaluation.event_evaluation_action/{hk_evaluation.id}", form),
            # headquarters' Monday: the dashboard, its figures loaded
            ("client-events-dashboard", "headquarters",
             f"/odoo/dashboards?dashboard_id={dashboard.id}",
             ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell"),
            # "New" forms a user opens from the menus
            ("new-client-event", "planner",
             "/odoo/action-client_events.event_event_action_client/new", form),
            ("new-cost", "planner", "/odoo/action-client_events.event_cost_action/new", form),
            ("new-budget-change", "planner",
             "/odoo/action-client_events.event_budget_change_action/new", form),
            ("new-complaint", "kam",
             "/odoo/action-big_account.big_account_complaint_action/new", form),
        ]  # fmt: skip
        only = os.environ.get("CLIENT_EVENTS_SCREENS")  # a comma-separated subset, to iterate
        for name, login, url, selector in screens:
            if only and name not in only.split(","):
                continue
            with self.subTest(screen=name):
                self._screenshot(name, login, url, selector)

    def test_every_menu_opens_for_every_role(self):
        """Each demo user opens every menu of ours he can see, as the web client
        would: the views load, lists and kanbans read their first page, forms
        read their first record and a new one, pivots and graphs sum their
        measures."""
        menu_ids = (
            self.env["ir.model.data"]
            .search([("module", "in", ADDONS), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )
        opened = set()
        for login in DEMO_LOGINS:
            user = self.env["res.users"].search([("login", "=", login)])
            env = self.env(user=user)
            visible = env["ir.ui.menu"]._visible_menu_ids()
            for menu in env["ir.ui.menu"].browse(menu_ids):
                action = menu.sudo().action
                if menu.id not in visible or not action or action._name != "ir.actions.act_window":
                    continue
                with self.subTest(login=login, menu=menu.complete_name):
                    self._open_action(env, action.sudo())
                    opened.add(menu.id)
        window_menus = (
            self.env["ir.ui.menu"]
            .browse(menu_ids)
            .filtered(lambda menu: menu.action and menu.action._name == "ir.actions.act_window")
        )
        not_opened = window_menus.filtered(lambda menu: menu.id not in opened)
        self.assertEqual(
            sorted(not_opened.mapped("complete_name")),
            [],
            "every menu is opened by at least one demo role",
        )

    def _open_action(self, env, action):
        eval_context = env["ir.actions.actions"]._get_eval_context()
        domain = safe_eval(action.domain or "[]", eval_context)
        context = safe_eval(action.context or "{}", {**eval_context, "active_id": False})
        model = env[action.res_model].with_context(
            **{key: value for key, value in context.items() if not key.startswith("search_")}
        )
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        modes = [mode for _view_id, mode in views]
        views += [(False, mode) for mode in action.view_mode.split(",") if mode not in modes]
        for view_id, mode in views:
            arch = etree.fromstring(model.get_views([(view_id, mode)])["views"][mode]["arch"])
            # the view's own fields, not the columns of its x2many subviews
            fields = {
                node.get("name")
                for node in arch.iter("field")
                if not any(
                    parent is not arch and parent.tag in ("list", "kanban", "form")
                    for parent in node.iterancestors()
                )
            }
            fields = {name for name in fields if name in model._fields}
            spec = {name: {} for name in fields}
            if mode in ("list", "kanban"):
                model.web_search_read(domain, spec, limit=80)
            elif mode == "form":
                record = model.search(domain, limit=1)
                if record:
                    record.web_read(spec)
                if model.has_access("create"):
                    model.onchange({}, [], spec)
            elif mode in ("pivot", "graph"):
                measures = [
                    name
                    for name in fields
                    if model._fields[name].type in ("integer", "float", "monetary")
                ]
                rows = [
                    node.get("name") for node in arch.iter("field") if node.get("type") == "row"
                ]
                model.read_group(
                    domain, [f"{name}:sum" for name in measures], rows[:1], lazy=False
                )
