{
    "name": "Key Accounts",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Key-account management: scoring, confidential profile, "
    "service team with NDAs, communication plans, complaints and assessments",
    "description": """
Key accounts (会展大客户管理)
=============================
Identify and score key accounts, keep a confidential profile with the
decision chain, staff a service team with roles and signed confidentiality
agreements, plan regular contact, handle complaints with owners and
deadlines, run care activities, and assess loyalty and the team's KPIs.
""",
    "author": "Client Events Suite",
    "website": "https://github.com/client-events-suite/client-events",
    "license": "LGPL-3",
    "depends": ["event_evaluation", "crm", "sale_crm", "sale_margin"],
    "data": [
        "security/big_account_security.xml",
        "security/ir.model.access.csv",
        "data/big_account_data.xml",
        "data/big_account_mail_template_data.xml",
        "data/big_account_project_acceptance_data.xml",
        "views/big_account_views.xml",
        "views/big_account_communication_plan_views.xml",
        "views/big_account_complaint_views.xml",
        "views/big_account_project_views.xml",
        "views/big_account_project_acceptance_views.xml",
        "views/big_account_project_acceptance_templates.xml",
        "views/big_account_assessment_views.xml",
        "views/big_account_assessment_kpi_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/event_event_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/event_invite_views.xml",
        "wizard/big_account_project_acceptance_sign_views.xml",
        "report/big_account_project_acceptance_reports.xml",
        "report/big_account_project_acceptance_templates.xml",
        "views/big_account_menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml", "demo/big_account_demo.xml"],
    "assets": {
        "web.assets_tests": ["big_account/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
