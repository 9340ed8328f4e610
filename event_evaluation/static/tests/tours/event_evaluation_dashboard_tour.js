import { registry } from "@web/core/registry";

// Headquarters (集团) or a region's manager opens the Client Events dashboard on a
// Monday: its figures render, and a figure's cell opens the records behind it.
registry.category("web_tour.tours").add("event_evaluation_dashboard", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            trigger: ".o_spreadsheet_dashboard_action li[data-name='Client Events']",
            content: "Open the Client Events dashboard",
            run: "click",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action li.active[data-name='Client Events']",
            content: "The dashboard is the open one",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
            content: "The charts below the first figure are drawn",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
            content: "The dashboard loaded without error",
        },
        {
            // a cell is clickable once its pivot value is loaded: the title links to the
            // statistics, each value to its records (the grid itself is a canvas)
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell:eq(2)",
            content: "The figures of plan vs realised are loaded",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell:last",
            content: "Open the records behind the last value: the total of realised events",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
            content: "The records behind the figure are listed",
        },
    ],
});
