from . import event_evaluation_xlsx
