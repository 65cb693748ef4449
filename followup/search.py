"""``followup.search`` is ``followup.advice.search`` (the public entry point keeps its old path)."""
import sys

from followup.advice import search as _module

sys.modules[__name__] = _module
