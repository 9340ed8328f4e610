from . import test_foundation
from . import test_big_account
from . import test_confidentiality
from . import test_communication_plan
from . import test_complaint
from . import test_assessment
from . import test_event_invite
