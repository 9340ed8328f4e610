from . import event_invite
from . import big_account_spot_check
from . import big_account_consent_record
from . import big_account_project_acceptance_sign
