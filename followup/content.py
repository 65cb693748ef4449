"""``followup.content`` is ``followup.advice.content`` (the public entry point keeps its old path)."""
import sys

from followup.advice import content as _module

sys.modules[__name__] = _module
