"""Screenshots of the main screens, taken on a database holding the demo story.

Not part of the standard suite: the test command runs it (tag
``client_events_screens``) on its lifecycle database, right after installing
the three addons with demo data, so that every screen below must open in a
real browser without a console error. The PNGs go to the folder named by
``CLIENT_EVENTS_SCREENSHOTS``; those in ``docs/screenshots`` were taken so.
"""

import base64
import json
import os
from pathlib import Path
from unittest import SkipTest

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

# Ready when the screen's main element is there and nothing is loading.
READY = (
    "!!document.querySelector({selector}) && !document.querySelector('.o_loading_indicator')"
    " && document.fonts.status === 'loaded'"
)


@tagged("-standard", "-at_install", "post_install", "client_events_screens")
class TestScreens(HttpCase):
    browser_size = "1440x1000"

    def setUp(self):
        super().setUp()
        self.folder = os.environ.get("CLIENT_EVENTS_SCREENSHOTS")
        if not self.folder:
            raise SkipTest("CLIENT_EVENTS_SCREENSHOTS names no folder")
        if not self.env["res.users"].search([("login", "=", "planner")]):
            raise SkipTest("the demo story is not loaded")
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        self.demo = self.env["client_events.demo"]

    def _screenshot(self, name, login, url, selector):
        browser = ChromeBrowser(self)
        try:
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
        Plan = self.env["event.annual.plan"]
        autumn = self.demo._demo_event_by_key("autumn")
        group_plan = Plan.search([("level", "=", "group")], order="year desc", limit=1)
        evaluation = self.env["event.evaluation"].search([("state", "=", "reviewed")], limit=1)
        yearly = self.env["event.evaluation.annual"].search([], limit=1)
        account = self.env["big.account"].search(
            [("state", "=", "confirmed")], order="score desc", limit=1
        )
        form = ".o_form_view .o_form_sheet"
        screens = [
            ("client-events-kanban", "planner",
             "/odoo/action-client_events.event_event_action_client", ".o_kanban_record"),
            ("proposal-form", "planner",
             f"/odoo/action-client_events.event_event_action_client/{autumn.id}", form),
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
        ]  # fmt: skip
        only = os.environ.get("CLIENT_EVENTS_SCREENS")  # a comma-separated subset, to iterate
        for name, login, url, selector in screens:
            if only and name not in only.split(","):
                continue
            with self.subTest(screen=name):
                self._screenshot(name, login, url, selector)
