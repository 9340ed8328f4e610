from . import event_evaluation_xlsx
from . import event_research_answer_report
