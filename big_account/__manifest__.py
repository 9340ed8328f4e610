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
    "depends": ["event_evaluation", "crm", "portal", "sale_crm", "sale_margin"],
    "data": [
        "security/big_account_security.xml",
        "security/ir.model.access.csv",
        "data/big_account_data.xml",
        "data/big_account_mail_template_data.xml",
        "data/big_account_care_occasion_data.xml",
        "data/big_account_loyalty_action_type_data.xml",
        "data/big_account_complaint_cause_data.xml",
        "data/big_account_assessment_data.xml",
        "data/big_account_profile_review_data.xml",
        "views/big_account_views.xml",
        "views/big_account_communication_plan_views.xml",
        "views/big_account_complaint_views.xml",
        "views/big_account_project_views.xml",
        "views/big_account_project_version_views.xml",
        "views/big_account_project_review_views.xml",
        "views/big_account_project_task_views.xml",
        "views/big_account_project_progress_views.xml",
        "views/sale_order_views.xml",
        "views/big_account_complaint_cause_views.xml",
        "views/big_account_complaint_templates.xml",
        "views/big_account_assessment_views.xml",
        "views/big_account_assessment_kpi_views.xml",
        "views/big_account_care_occasion_views.xml",
        "views/big_account_care_action_views.xml",
        "views/big_account_loyalty_action_type_views.xml",
        "views/big_account_loyalty_action_views.xml",
        "views/big_account_assessment_outcome_views.xml",
        "views/big_account_evaluation_opinion_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/event_event_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/event_invite_views.xml",
        "wizard/big_account_spot_check_views.xml",
        "wizard/big_account_consent_record_views.xml",
        "views/big_account_menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml", "demo/big_account_demo.xml"],
    "assets": {
        "web.assets_tests": ["big_account/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
