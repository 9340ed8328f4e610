from . import main
from . import handover
