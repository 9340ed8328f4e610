import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An evaluator (评估人) opens the evaluation of an ended event, refreshes its
// figures, submits it and downloads it as a workbook.
registry.category("web_tour.tours").add("event_evaluation_refresh_submit_export", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='event.event_main_menu']",
            content: "Open the Events app",
            run: "click",
        },
        {
            trigger: "button[data-menu-xmlid='event.menu_reporting_events']",
            content: "Open Reporting",
            run: "click",
        },
        {
            trigger: "a[data-menu-xmlid='event_evaluation.event_evaluation_menu_root']",
            content: "Open the evaluations",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Autumn Client Day) td[name=event_id]",
            content: "Open the evaluation of the ended event",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=attended_count]:contains(0)",
            content: "The figures are from before the check-in was finished",
        },
        {
            trigger: "button[name=action_refresh_metrics]",
            content: "Refresh the figures",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=attended_count]:contains(2)",
            content: "Everyone checked in is counted now",
        },
        {
            trigger: "button[name=action_submit]",
            content: "Submit the evaluation",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
            content: "The evaluation is submitted",
        },
        {
            trigger: ".o_control_panel .o_cp_action_menus button.dropdown-toggle",
            content: "Open the actions",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Export to Excel)",
            content: "Download the workbook",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
            content: "Still on the evaluation after the download",
        },
    ],
});
