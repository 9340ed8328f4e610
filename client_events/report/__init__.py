from . import event_annual_plan_target_report
