from . import event_research_interview
from . import survey_invite
