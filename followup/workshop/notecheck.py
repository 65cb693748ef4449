"""The note checker, when the app has one (issue 12's ``followup.notes.check``).

The room counts how many shared notes passed the checker's must-haves. Until the checker exists
this returns None and the room shows how many notes were shared instead.
"""
from __future__ import annotations

from collections.abc import Callable


def _passed(result: object) -> bool:
    if isinstance(result, bool):
        return result
    for name in ("passed", "ok", "passes", "must_haves_met"):
        value = getattr(result, name, None)
        if isinstance(value, bool):
            return value
    missing = getattr(result, "missing", None)
    if missing is not None:
        return not missing
    raise TypeError("the note checker's result says neither passed nor missing")


def checker() -> Callable[[str], bool] | None:
    try:
        from followup.notes import check  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run(text: str) -> bool:
        try:
            return _passed(check(text))
        except TypeError:
            return False

    return run
