"""``followup.notes`` is ``followup.write.checker`` (the public entry point ``followup.notes.check``)."""
import sys

from followup.write import checker as _module

sys.modules[__name__] = _module
