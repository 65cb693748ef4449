"""``followup.calendar`` is ``followup.plan.calendar`` (the public entry point keeps its old path)."""
import sys

from followup.plan import calendar as _module

sys.modules[__name__] = _module
