from . import test_foundation
from . import test_approval_chain
from . import test_annual_plan
from . import test_event_budget
from . import test_event_gating
from . import test_event_proposal
from . import test_client_events_security
