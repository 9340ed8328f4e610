from . import event_research_interview
from . import survey_invite
from . import event_archive_handover_return
