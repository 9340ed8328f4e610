from . import res_company
from . import res_config_settings
from . import client_events_transition_mixin
from . import client_events_approval_mixin
from . import event_approval_rule
from . import event_approval
from . import event_type
from . import event_budget_category
from . import event_budget_line
from . import event_promotion_channel
from . import event_planning_group
from . import event_planning_group_member
from . import event_annual_plan
from . import event_annual_plan_line
from . import event_event
from . import event_execution_member
from . import event_agenda_line
from . import event_prep_task
from . import event_registration
from . import event_lead_rule
from . import event_mail

# execution: costs, invitations, follow-up
from . import event_cost
from . import event_budget_change

# risk register, incidents and daily wrap-ups
from . import event_risk_type
from . import event_risk
from . import event_type_risk
from . import event_type_prep_task
from . import event_target
from . import event_type_target
from . import event_incident
from . import event_daily_report
