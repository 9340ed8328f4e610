from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BigAccountCommon

ADDONS = ("client_events", "event_evaluation", "big_account")


@tagged("post_install", "-at_install", "security")
class TestMultiCompany(BigAccountCommon):
    """A company's client events, evaluations and key accounts stay in it: the highest
    role of each addon in the first company sees nothing of the second's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "South Region Co."})
        cls.records_b = cls._create_records_of(cls.company_b)

    def _manager_of(self, model_name):
        """The user of the first company with every right on the model's addon."""
        if model_name.startswith("big.account"):
            return self.ka_manager
        if model_name.startswith("event.evaluation"):
            return self.evaluation_reviewer
        return self.ce_manager

    @classmethod
    def _first(cls, model, field):
        return cls.env[model]._fields[field].get_values(cls.env)[0]

    @classmethod
    def _create_records_of(cls, company):
        """One record of each of our models with a company, in ``company``."""
        env = cls.env(context={"allowed_company_ids": [company.id], "tracking_disable": True})
        user_b = new_test_user(
            env,
            login="mc_user_b",
            groups="base.group_user,big_account.group_member",
            company_id=company.id,
            company_ids=[company.id],
        )
        group = env["event.planning.group"].create({"name": "South planning group"})
        group_member = env["event.planning.group.member"].create(
            {
                "group_id": group.id,
                "user_id": user_b.id,
                "department": cls._first("event.planning.group.member", "department"),
            }
        )
        plan = env["event.annual.plan"].create(
            {"name": "South 2027", "year": 2027, "level": "regional"}
        )
        plan_line = env["event.annual.plan.line"].create(
            {"plan_id": plan.id, "quarter": "q2", "name": "South seminar"}
        )
        event = env["event.event"].create(
            {
                "name": "South client seminar",
                "event_type_id": cls.env.ref("client_events.event_type_seminar").id,
                "date_begin": datetime(2026, 5, 10, 9),
                "date_end": datetime(2026, 5, 10, 17),
                "company_id": company.id,
                "budget_line_ids": [
                    (
                        0,
                        0,
                        {
                            "category_id": cls.env.ref(
                                "client_events.event_budget_category_venue"
                            ).id,
                            "planned_amount": 1000,
                        },
                    )
                ],
                "agenda_line_ids": [(0, 0, {"name": "Welcome"})],
                "prep_task_ids": [(0, 0, {"name": "Book the hall"})],
            }
        )
        execution_member = env["event.execution.member"].create(
            {
                "event_id": event.id,
                "user_id": user_b.id,
                "role": cls._first("event.execution.member", "role"),
            }
        )
        risk = env["event.risk"].create(
            {
                "event_id": event.id,
                "risk_type_id": env["event.risk.type"].search([], limit=1).id,
                "name": "Rain",
            }
        )
        approval_rule = env["event.approval.rule"].create(
            {
                "name": "South compliance check",
                "res_model": "event.event",
                "group_id": cls.env.ref("client_events.group_reviewer").id,
                "company_id": company.id,
            }
        )
        evaluation = env["event.evaluation"].create({"event_id": event.id})
        evaluation.action_refresh_metrics()
        annual = env["event.evaluation.annual"].create({"year": 2026, "company_id": company.id})
        client = env["res.partner"].create(
            {"name": "South Client Ltd", "is_company": True, "company_id": company.id}
        )
        contact = env["res.partner"].create({"name": "Sam South", "parent_id": client.id})
        account = env["big.account"].create({"partner_id": client.id, "company_id": company.id})
        member = env["big.account.member"].create(
            {
                "account_id": account.id,
                "user_id": user_b.id,
                "role": "project_manager",
                "nda_signed_date": "2026-01-05",
            }
        )
        assessment = env["big.account.assessment"].create(
            {"account_id": account.id, "period_type": "quarter", "date_from": "2026-04-01"}
        )
        loyalty_type = env["big.account.loyalty.action.type"].search([], limit=1)
        return {
            "big.account.assessment": assessment,
            "big.account.assessment.outcome": env["big.account.assessment.outcome"].create(
                {
                    "assessment_id": assessment.id,
                    "kind": "training",
                    "owner_id": user_b.id,
                    "date_deadline": "2026-09-30",
                }
            ),
            "big.account.evaluation.opinion": env["big.account.evaluation.opinion"]
            .with_user(user_b)
            .create({"account_id": account.id, "verdict": "agree"}),
            "event.event": event,
            "event.budget.line": event.budget_line_ids,
            "event.agenda.line": event.agenda_line_ids,
            "event.prep.task": event.prep_task_ids,
            "event.execution.member": execution_member,
            "event.risk": risk,
            "event.planning.group": group,
            "event.planning.group.member": group_member,
            "event.annual.plan": plan,
            "event.annual.plan.line": plan_line,
            "event.approval.rule": approval_rule,
            "event.evaluation": evaluation,
            "event.evaluation.line": evaluation.line_ids,
            "event.evaluation.annual": annual,
            "big.account": account,
            "big.account.member": member,
            "big.account.contact": env["big.account.contact"].create(
                {"account_id": account.id, "partner_id": contact.id}
            ),
            "big.account.complaint": env["big.account.complaint"].create(
                {
                    "account_id": account.id,
                    "category": "venue",
                    "description": "<p>No parking.</p>",
                }
            ),
            "big.account.communication.plan": env["big.account.communication.plan"].create(
                {
                    "account_id": account.id,
                    "member_id": member.id,
                    "frequency": cls._first("big.account.communication.plan", "frequency"),
                }
            ),
            "client.care.occasion": env["client.care.occasion"].create(
                {
                    "name": "South Client's founding day",
                    "account_id": account.id,
                    "month": "3",
                    "day": 8,
                }
            ),
            "big.account.care.action": env["big.account.care.action"].create(
                {"account_id": account.id, "feedback": "Thanked us for the card"}
            ),
            "big.account.loyalty.action": env["big.account.loyalty.action"].create(
                {"assessment_id": assessment.id, "type_id": loyalty_type.id}
            ),
        }

    def test_every_company_model_has_a_company_rule(self):
        """Each model of ours that stores a company has a global rule on it."""
        models = self.env["ir.model"].browse(
            self.env["ir.model.data"]
            .search([("module", "in", ADDONS), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        missing = []
        for name in models.mapped("model"):
            model = self.env.get(name)
            # the models our addons define; those they extend keep their own addon's rules
            if model is None or model._abstract or model._transient:
                continue
            if model._original_module not in ADDONS:
                continue
            field = model._fields.get("company_id")
            if not field or not field.store:
                continue
            rules = self.env["ir.rule"].search(
                [("model_id.model", "=", name), ("global", "=", True)]
            )
            if not rules.filtered(lambda rule: "company_ids" in (rule.domain_force or "")):
                missing.append(name)
        self.assertEqual(missing, [])

    def test_other_company_records_are_invisible(self):
        for model_name, records in self.records_b.items():
            manager = self._manager_of(model_name)
            with self.subTest(model=model_name, user=manager.login):
                self.assertTrue(records, "the set-up made one")
                Model = self.env[model_name].with_user(manager)
                domain = [("id", "in", records.ids)]
                self.assertFalse(Model.search(domain))
                self.assertEqual(Model.search_count(domain), 0)
                self.assertFalse(Model.read_group(domain, [], ["create_uid"]))
                with self.assertRaises(AccessError):
                    records.with_user(manager).read(["display_name"])

    def test_approval_rule_without_company_applies_everywhere(self):
        shared = self.env.ref("client_events.event_approval_rule_internal_review")
        self.assertFalse(shared.company_id)
        rules = self.env["event.approval.rule"].with_user(self.ce_manager).search([])
        self.assertIn(shared, rules)
        self.assertNotIn(self.records_b["event.approval.rule"], rules)
