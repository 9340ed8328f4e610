import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A key-account manager (大客户经理) opens an account, adds a person to its
// decision chain (决策链) and logs a complaint (客诉) the client phoned in.
registry.category("web_tour.tours").add("big_account_contact_and_complaint", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            content: "Open CRM",
            run: "click",
        },
        {
            trigger: "button[data-menu-xmlid='big_account.big_account_menu_root']",
            content: "Open the Key Accounts menu",
            run: "click",
        },
        {
            trigger: "a[data-menu-xmlid='big_account.big_account_menu_accounts']",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Acme Expo Group) td[name=name]",
            content: "Open the account",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name=decision_chain]",
            content: "Open the decision chain",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=contact_ids] .o_field_x2many_list_row_add a",
            content: "Add a contact",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=contact_ids] .o_selected_row .o_field_widget[name=partner_id] input",
            content: "Search the contact",
            run: "edit Bob",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Bob Acme)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=contact_ids] .o_selected_row .o_field_widget[name=position] input",
            content: "Job position",
            run: "edit Chief Financial Officer",
        },
        {
            trigger: ".o_field_widget[name=contact_ids] .o_selected_row .o_field_widget[name=decision_role] select",
            content: "Role in the decision",
            run: 'select "decision_maker"',
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the account",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_field_widget[name=contact_ids] .o_data_row:contains(Chief Financial Officer)",
        },
        {
            trigger: "button[name=action_view_complaints]",
            content: "Open the account's complaints",
            run: "click",
        },
        {
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            content: "Log a complaint",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=account_id] input:value(Acme Expo Group)",
            content: "The complaint belongs to the account",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            content: "Who complained",
            run: "edit Bob",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Bob Acme)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=category] select",
            content: "What it is about",
            run: 'select "venue"',
        },
        {
            trigger: ".o_field_widget[name=severity] select",
            run: 'select "high"',
        },
        {
            trigger: ".o_field_html[name=description] .odoo-editor-editable p",
            content: "What happened",
            run: "editor The shuttle bus to the venue never came.",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the complaint",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_field_widget[name=name]:not(:contains(New))",
            content: "The complaint got its number",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=new]",
        },
    ],
});
