import base64
import io
import json
from datetime import date

import openpyxl

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import BigAccountCommon


@tagged("post_install", "-at_install")
class TestProfileReview(BigAccountCommon):
    """The owner is reminded once when a profile gets older than the months set."""

    def _reminders(self):
        return self.account.activity_ids.filtered(
            lambda activity: activity.summary == "Review the profile of Acme Expo Group"
        )

    def _run_on(self, day):
        with freeze_time(f"{day} 06:00:00"):
            self.env["big.account"]._cron_profile_review_reminders()
        return self._reminders()

    def test_reminded_once_after_six_months(self):
        self.account.with_user(self.pm_user).action_mark_profile_reviewed()
        self.assertEqual(self.account.profile_reviewed_date, date(2027, 3, 1))
        self.assertFalse(self._run_on("2027-08-31"), "not before six months")
        reminder = self._run_on("2027-09-01")
        self.assertEqual(reminder.user_id, self.ka_manager, "the account owner")
        self.assertIn("last reviewed on 03/01/2027", str(reminder.note))
        self.assertEqual(self._run_on("2027-09-02"), reminder, "once per staleness")
        self.assertEqual(self._run_on("2027-12-01"), reminder)

        # reviewed again: the to-do is done, and the next one waits six months more
        with freeze_time("2027-09-10 06:00:00"):
            self.account.with_user(self.ka_planner).action_mark_profile_reviewed()
        self.assertFalse(self._reminders())
        self.assertFalse(self._run_on("2028-03-09"))
        self.assertEqual(len(self._run_on("2028-03-10")), 1)

    def test_never_reviewed_counts_from_creation(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE big_account SET create_date = '2027-01-15 08:00' WHERE id = %s",
            [self.account.id],
        )
        self.account.invalidate_recordset(["create_date"])
        self._set_params(profile_review_months=3)
        self.assertFalse(self._run_on("2027-04-14"))
        self.assertEqual(len(self._run_on("2027-04-15")), 1)

    def test_inactive_accounts_are_left_alone(self):
        self.account.with_user(self.ka_manager).action_set_inactive()
        self.assertFalse(self._run_on("2030-01-01"))

    def test_review_date_written_by_its_button_only(self):
        with self.assertRaisesRegex(UserError, "recorded with their buttons"):
            self.account.with_user(self.ka_manager).write({"profile_reviewed_date": "2027-02-01"})
        with self.assertRaisesRegex(ValidationError, "at least every month"):
            self.env["res.config.settings"].create({"big_account_profile_review_months": 0})


@tagged("post_install", "-at_install", "security")
class TestConsentAndExport(BigAccountCommon):
    """A profile leaves the database only with the client's consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["big.account.contact"].create(
            {"account_id": cls.account.id, "partner_id": cls.client_contact.id}
        )
        cls.account_pm = cls.account.with_user(cls.pm_user)

    def _record_consent(self, **values):
        wizard = (
            self.env["big.account.consent.record"]
            .with_user(self.pm_user)
            .create({"account_id": self.account.id, **values})
        )
        return wizard.action_record()

    def test_export_needs_consent(self):
        refusal = "The profile of Acme Expo Group cannot be exported: the client has not given"
        with self.assertRaisesRegex(UserError, refusal):
            self.account_pm.export_data(["name", "needs"])
        with self.assertRaisesRegex(UserError, refusal):
            self.contact.with_user(self.pm_user).export_data(["partner_id", "position"])
        self.assertEqual(self.account.consent_state, "none")

        self._record_consent(
            document=base64.b64encode(b"%PDF signed consent"),
            document_name="consent.pdf",
        )
        self.assertEqual(
            (self.account.consent_state, self.account.consent_date, self.account.consent_user_id),
            ("given", date(2027, 3, 1), self.pm_user),
        )
        self.assertEqual(self.account_pm.export_data(["name"])["datas"], [["Acme Expo Group"]])
        rows = self.contact.with_user(self.pm_user).export_data(["partner_id"])["datas"]
        self.assertEqual(rows, [["Acme Expo Group, Alice Acme"]])

        self.account_pm.action_withdraw_consent()
        self.assertEqual(self.account.consent_state, "withdrawn")
        with self.assertRaisesRegex(UserError, "or has withdrawn it"):
            self.account_pm.export_data(["name"])
        with self.assertRaisesRegex(UserError, "Acme Expo Group has no consent to withdraw"):
            self.account_pm.action_withdraw_consent()

    def test_export_names_only_the_accounts_without_consent(self):
        self._record_consent(note="The CEO agreed by e-mail on 28 February")
        partner = self.env["res.partner"].create({"name": "Beta Fairs", "is_company": True})
        beta = self.env["big.account"].create({"partner_id": partner.id})
        with self.assertRaisesRegex(UserError, r"The profile of Beta Fairs cannot be exported"):
            (self.account | beta).with_user(self.ka_manager).export_data(["name"])

    def test_profile_not_exported_through_another_record(self):
        complaint = self.env["big.account.complaint"].create(
            {"account_id": self.account.id, "category": "service", "description": "<p>Late</p>"}
        )
        complaint = complaint.with_user(self.pm_user)
        # which account a complaint is about may go out; its profile may not
        rows = complaint.export_data(["name", "account_id"])["datas"]
        self.assertEqual(rows[0][1], "Acme Expo Group")
        with self.assertRaisesRegex(UserError, "The profile of Acme Expo Group cannot be"):
            complaint.export_data(["name", "account_id/needs"])

    def test_consent_is_recorded_with_evidence(self):
        with self.assertRaisesRegex(ValidationError, "Attach the consent Acme Expo Group signed"):
            self._record_consent()
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._record_consent(consent_date="2027-03-02", note="Promised")
        with self.assertRaisesRegex(UserError, "recorded with their buttons"):
            self.account_pm.write({"consent_date": "2027-02-01"})
        self.assertEqual(self.account.consent_state, "none")


@tagged("post_install", "-at_install", "security")
class TestConsentXlsxExport(HttpCase, BigAccountCommon):
    """The web client's Export button (XLSX) goes through the same refusal."""

    def _export_xlsx(self, user, model, records, fields):
        self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))
        params = {
            "model": model,
            "fields": [{"name": name, "label": name} for name in fields],
            "ids": records.ids,
            "domain": [],
            "groupby": [],
            "import_compat": False,
        }
        return self.url_open(
            "/web/export/xlsx",
            data={"data": json.dumps(params), "csrf_token": http.Request.csrf_token(self)},
        )

    def test_xlsx_export_refused_then_allowed(self):
        with mute_logger("odoo.http", "odoo.addons.web.controllers.export"):
            response = self._export_xlsx(self.pm_user, "big.account", self.account, ["name"])
        self.assertEqual(response.status_code, 500)
        self.assertIn("The profile of Acme Expo Group cannot be exported", response.text)

        self.account.with_user(self.pm_user)._record_consent(date(2027, 2, 28), note="Signed")
        response = self._export_xlsx(self.pm_user, "big.account", self.account, ["name"])
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A2"].value, "Acme Expo Group")
