from . import res_company
from . import res_config_settings
from . import event_type
from . import event_budget_category
from . import event_budget_line
from . import event_event
