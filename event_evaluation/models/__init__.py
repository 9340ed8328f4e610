from . import event_evaluation
