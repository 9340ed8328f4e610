from . import event_invite
from . import big_account_project_acceptance_sign
