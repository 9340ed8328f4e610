import { registry } from "@web/core/registry";
import { openClientEventsMenu, pickMany2one } from "./client_events_tour_steps";

const EVENT_NAME = "Tax Reform Seminar for Clients";

// A planner writes a proposal (策划方案) with its agenda and a budget by
// category, then submits it for approval.
registry.category("web_tour.tours").add("client_events_proposal_submit", {
    url: "/odoo",
    steps: () => [
        ...openClientEventsMenu("client_events.client_events_menu_events"),
        {
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            content: "Create a client event",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            content: "Name the event",
            run: `edit ${EVENT_NAME}`,
        },
        ...pickMany2one("event_type_id", "Seminar", "Seminar / Lecture"),
        {
            trigger: "input[data-field=date_begin]",
            content: "Start of the event",
            run: "edit 06/10/2027 09:00:00",
        },
        {
            trigger: "input[data-field=date_end]",
            content: "End of the event",
            run: "edit 06/10/2027 17:00:00",
        },
        {
            trigger: ".o_form_sheet .oe_title",
            content: "Close the date picker",
            run: "click",
        },
        ...pickMany2one("address_id", "Shanghai Expo", "Shanghai Expo Hall"),
        ...pickMany2one("annual_plan_line_id", "Spring", "Spring Client Seminar"),
        {
            trigger: ".o_notebook_headers a[name=client_events_proposal]",
            content: "Open the proposal",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=theme] input",
            content: "Theme of the event",
            run: "edit What the 2027 tax reform changes for you",
        },
        {
            trigger: ".o_field_widget[name=target_participant_count] input",
            content: "Target participants",
            run: "edit 80",
        },
        // the type's targets (目标量化): leads and satisfaction are required
        {
            trigger: ".o_field_widget[name=target_ids] .o_data_row:contains(Leads) td[name=target]",
            content: "Set the leads target",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=target_ids] .o_selected_row .o_field_widget[name=target] input",
            content: "Leads target",
            run: "edit 8",
        },
        {
            trigger: ".o_field_widget[name=target_ids] .o_data_row:contains(Satisfaction) td[name=target]",
            content: "Set the satisfaction target",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=target_ids] .o_selected_row .o_field_widget[name=target] input",
            content: "Satisfaction target",
            run: "edit 85",
        },
        {
            trigger: ".o_field_widget[name=agenda_line_ids] .o_field_x2many_list_row_add a",
            content: "Add an agenda item",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=agenda_line_ids] .o_selected_row .o_field_widget[name=name] input",
            content: "Agenda item",
            run: "edit Keynote: the reform in one hour",
        },
        {
            trigger: ".o_notebook_headers a[name=client_events_budget]",
            content: "Open the budget",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=budget_line_ids] .o_field_x2many_list_row_add a",
            content: "Add a budget line",
            run: "click",
        },
        ...pickMany2one("category_id", "Venue", "Venue", ".o_field_widget[name=budget_line_ids] .o_selected_row"),
        {
            trigger: ".o_field_widget[name=budget_line_ids] .o_selected_row .o_field_widget[name=planned_amount] input",
            content: "Planned amount of the venue",
            run: "edit 30000",
        },
        {
            trigger: ".o_field_widget[name=budget_line_ids] .o_field_x2many_list_row_add a",
            content: "Add a second budget line",
            run: "click",
        },
        ...pickMany2one("category_id", "Catering", "Catering", ".o_field_widget[name=budget_line_ids] .o_selected_row"),
        {
            trigger: ".o_field_widget[name=budget_line_ids] .o_selected_row .o_field_widget[name=planned_amount] input",
            content: "Planned amount of the catering",
            run: "edit 12000",
        },
        {
            trigger: ".o_notebook_headers a[name=client_events_budget]",
            content: "Leave the line",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=budget_amount]:contains(42,000)",
            content: "The budget adds up",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the proposal",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: "button[name=action_submit_for_approval]",
            content: "Submit the proposal for approval",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
            content: "The proposal waits for approval",
        },
    ],
});

// A reviewer or an approver opens what waits for them and approves it.
registry.category("web_tour.tours").add("client_events_proposal_approve", {
    url: "/odoo",
    steps: () => [
        ...openClientEventsMenu("client_events.event_approval_menu_my"),
        {
            trigger: `.o_data_row:contains(${EVENT_NAME}) button[name=action_open_decision]:contains(Approve)`,
            content: "Approve the proposal",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            content: "Comment the decision",
            run: "edit Budget within the plan line.",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            content: "Confirm the decision",
            run: "click",
        },
        {
            trigger: `body:not(:has(.modal)) .o_list_renderer:not(:has(.o_data_row:contains(${EVENT_NAME}) button[name=action_open_decision]))`,
            content: "Nothing of this proposal waits for me any more",
        },
    ],
});

// The planner finds the event approved: it left the proposal's status bar for the
// event's stages, booked.
registry.category("web_tour.tours").add("client_events_proposal_approved", {
    url: "/odoo",
    steps: () => [
        ...openClientEventsMenu("client_events.client_events_menu_events"),
        {
            trigger: `.o_kanban_record:contains(${EVENT_NAME})`,
            content: "Open the event",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Booked)",
            content: "The approved proposal booked the event",
        },
        {
            trigger: ".o_form_view:not(:has(.o_statusbar_status button[data-value=approved]))",
            content: "One status bar: the event's stages only",
        },
        {
            trigger: ".o_notebook_headers a[name=client_events_approval]",
            content: "Read who approved it",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=approval_history_ids] .o_data_row:contains(Budget within the plan line.)",
        },
    ],
});
