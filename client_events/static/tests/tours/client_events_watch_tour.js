import { registry } from "@web/core/registry";
import { openClientEventsMenu, pickMany2one } from "./client_events_tour_steps";

const MENTION = "Weibo post: long queues at the check-in";

// A region's planner logs a negative mention (舆情) and assigns it to its owner.
registry.category("web_tour.tours").add("client_events_opinion_assign", {
    url: "/odoo",
    steps: () => [
        ...openClientEventsMenu("client_events.event_opinion_menu"),
        {
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            content: "Log a mention",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            content: "What was said",
            run: `edit ${MENTION}`,
        },
        {
            trigger: ".o_field_widget[name=sentiment] input[data-value=negative]",
            content: "It is negative",
            run: "click",
        },
        ...pickMany2one("owner_id", "ce_planner_2", "ce_planner_2"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: "button[name=action_assign]",
            content: "Assign it",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=assigned]",
        },
    ],
});

// Headquarters opens the overdue check-ups and records one from the risk's form.
registry.category("web_tour.tours").add("client_events_risk_checkup", {
    url: "/odoo",
    steps: () => [
        ...openClientEventsMenu("client_events.event_risk_menu_checkup_overdue"),
        {
            trigger: ".o_data_row:contains(Crowd at the gate) td[name=name]",
            content: "The overdue risk",
            run: "click",
        },
        {
            trigger: "button[name=action_record_checkup]",
            content: "Record a check-up",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=status] input[data-value=delayed]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Stewards hired, the second gate is late",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_field_widget[name=checkup_ids] .o_data_row:contains(Delayed)",
            content: "The check-up is listed on the risk",
        },
    ],
});
