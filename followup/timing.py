"""``followup.timing`` is ``followup.plan.timing`` (the public entry point keeps its old path)."""
import sys

from followup.plan import timing as _module

sys.modules[__name__] = _module
