from . import test_foundation
from . import test_evaluation_metrics
from . import test_evaluation_workflow
from . import test_evaluation_reports
from . import test_performance
from . import test_evaluation_annual
from . import test_evaluation_sources
from . import test_i18n
