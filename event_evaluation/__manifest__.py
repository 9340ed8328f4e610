{
    "name": "Event Evaluation",
    "version": "18.0.1.1.0",
    "category": "Marketing/Events",
    "summary": "Measure every client event: participation, satisfaction, "
    "opportunities, revenue, cost per attendee and ROI; evaluation reports",
    "description": """
Event evaluation (活动效果评估)
===============================
One evaluation per event with participation, satisfaction from surveys,
opportunities and revenue won from the CRM, cost per attendee and ROI, an
indicator table against targets, an evaluation report in PDF and XLSX, and
a yearly client-activity evaluation report for headquarters.
""",
    "author": "Client Events Suite",
    "website": "https://github.com/client-events-suite/client-events",
    "license": "LGPL-3",
    "depends": ["client_events", "survey", "event_crm", "spreadsheet_dashboard"],
    "data": [
        "security/event_evaluation_security.xml",
        "security/ir.model.access.csv",
        "data/event_evaluation_data.xml",
        "data/survey_survey_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "data/event_archive_handover_data.xml",
        "data/event_evaluation_annual_data.xml",
        "views/event_evaluation_views.xml",
        "views/event_evaluation_templates.xml",
        "views/event_evaluation_annual_views.xml",
        "views/event_event_views.xml",
        "views/event_type_views.xml",
        "views/survey_question_views.xml",
        "views/survey_user_input_views.xml",
        "views/res_config_settings_views.xml",
        "views/event_research_campaign_views.xml",
        "views/event_research_answer_report_views.xml",
        "wizard/event_research_interview_views.xml",
        "views/event_archive_handover_views.xml",
        "wizard/event_archive_handover_return_views.xml",
        "views/event_registration_views.xml",
        "views/event_annual_plan_report_views.xml",
        "views/event_evaluation_report_views.xml",
        "report/event_evaluation_reports.xml",
        "report/event_evaluation_templates.xml",
        "report/event_research_campaign_reports.xml",
        "report/event_research_campaign_templates.xml",
        "views/event_evaluation_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/event_evaluation_demo.xml",
        "demo/event_research_campaign_demo.xml",
        "demo/region_year_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": ["event_evaluation/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
