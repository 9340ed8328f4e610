import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Steps the tours of Client Events share.
 */

/** Open a menu under Events > Client Events. */
export function openClientEventsMenu(menuXmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='event.event_main_menu']",
            content: "Open the Events app",
            run: "click",
        },
        {
            trigger: "button[data-menu-xmlid='client_events.client_events_menu_root']",
            content: "Open the Client Events menu",
            run: "click",
        },
        {
            trigger: `a[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/** Type into a many2one and pick the matching offer. */
export function pickMany2one(fieldName, search, choice, scope = "") {
    return [
        {
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            content: `Search ${search}`,
            run: `edit ${search}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains(${choice})`,
            content: `Choose ${choice}`,
            run: "click",
        },
    ];
}
