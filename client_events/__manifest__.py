{
    "name": "Client Events",
    "version": "18.0.1.1.0",
    "category": "Marketing/Events",
    "summary": "Plan, approve and run client events: proposals, budgets, "
    "approval chain, annual plans, cost control and CRM follow-up",
    "description": """
Client events (客户活动策划)
============================
Plan client events the way a company's written policy demands: a planning
group and an execution team, a proposal with theme, objectives, agenda,
promotion and a budget by category, internal review and leadership approval
(plus headquarters for off-plan events and the marketing VP for large ones),
group, regional and quarterly plans, cost control against the approved
budget, invitations, check-in and follow-up into CRM opportunities.
""",
    "author": "Client Events Suite",
    "website": "https://github.com/client-events-suite/client-events",
    "license": "LGPL-3",
    "depends": ["event", "event_crm", "crm", "mail"],
    "data": [
        "security/client_events_security.xml",
        "security/ir.model.access.csv",
        "security/client_events_rules.xml",
        "security/client_events_execution_rules.xml",
        "data/event_budget_category_data.xml",
        "data/event_type_data.xml",
        "data/event_promotion_channel_data.xml",
        "data/event_approval_data.xml",
        "data/event_budget_change_data.xml",
        "data/client_events_mail_template_data.xml",
        "data/event_risk_data.xml",
        "data/event_type_template_data.xml",
        "views/event_type_views.xml",
        "views/event_budget_category_views.xml",
        "views/event_approval_views.xml",
        "views/event_event_views.xml",
        "views/event_annual_plan_views.xml",
        "views/event_misc_views.xml",
        "views/res_config_settings_views.xml",
        "views/event_cost_views.xml",
        "views/event_budget_change_views.xml",
        "views/event_registration_views.xml",
        "views/event_risk_views.xml",
        "views/event_incident_views.xml",
        "views/event_daily_report_views.xml",
        "views/event_event_risk_views.xml",
        "wizard/event_approval_decide_views.xml",
        "wizard/event_invite_views.xml",
        "wizard/event_lead_generate_views.xml",
        "views/client_events_report_views.xml",
        "views/client_events_menus.xml",
    ],
    "demo": ["demo/client_events_demo.xml"],
    "assets": {
        "web.assets_tests": ["client_events/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": True,
}
