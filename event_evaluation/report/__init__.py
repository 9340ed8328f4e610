from . import event_evaluation_xlsx
from . import event_research_answer_report
from . import event_annual_plan_report
from . import event_evaluation_report
