from . import event_approval_decide
from . import event_invite
from . import event_lead_generate
