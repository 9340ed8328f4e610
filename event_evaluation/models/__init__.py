from . import event_evaluation
from . import event_evaluation_line
from . import event_event
from . import event_registration
from . import survey_user_input
from . import event_evaluation_annual
from . import event_type
