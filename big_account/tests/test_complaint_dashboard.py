from odoo.tests import tagged

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestComplaintDashboard(BigAccountCommon):
    """Beside the "Client Events" dashboard, the key accounts' open complaints: what
    headquarters and the key-account manager read in the Dashboards app."""

    def _complaint(self, severity, **vals):
        return (
            self.env["big.account.complaint"]
            .with_user(self.ka_planner)
            .create(
                {
                    "account_id": self.account.id,
                    "category": "service",
                    "severity": severity,
                    "date_received": "2026-03-02",
                    "description": "<p>Registration desk understaffed</p>",
                    **vals,
                }
            )
        )

    def _open_complaints(self, user):
        dashboard = self.env.ref("big_account.spreadsheet_dashboard_key_account_complaints")
        snapshot = dashboard.with_user(user).get_readonly_dashboard()["snapshot"]
        pivot = next(
            pivot
            for pivot in snapshot["pivots"].values()
            if pivot["name"] == "Open Complaints per Region and Severity"
        )
        groups = (
            self.env[pivot["model"]]
            .with_user(user)
            .read_group(pivot["domain"], ["__count"], ["company_id", "severity"], lazy=False)
        )
        return {(g["company_id"][1], g["severity"]): g["__count"] for g in groups}

    def test_open_complaints_per_region_and_severity(self):
        self._complaint("high")
        self._complaint("high")
        self._complaint("low")
        resolved = self._complaint("low")
        resolved.sudo().with_context(tracking_disable=True)._transition_write(
            {"state": "resolved"}
        )
        dashboard = self.env.ref("big_account.spreadsheet_dashboard_key_account_complaints")
        self.assertEqual(
            dashboard.dashboard_group_id,
            self.env.ref("event_evaluation.spreadsheet_dashboard_group_client_events"),
        )
        expected = {(self.company.name, "high"): 2, (self.company.name, "low"): 1}
        for user in (self.hq_user, self.ka_manager):
            self.assertEqual(self._open_complaints(user), expected)
        # not for those who may not read the complaints: a service team member, a
        # region's leadership
        for user in (self.ka_planner, self.approver):
            self.assertNotIn(
                dashboard, self.env["spreadsheet.dashboard"].with_user(user).search([])
            )
