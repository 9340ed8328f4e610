from . import event_approval_decide
