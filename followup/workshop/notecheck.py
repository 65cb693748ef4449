"""The room's note check: issue 12's checker (``followup.notes.check``) on a shared note.

The projector counts how many shared notes passed the checker's must-haves: what Kevin says a
note must carry, interest in the job and why the writer fits (``no_interest``, ``no_fit``,
q4-kevin), and nothing the checker says to *fix* (salary, personal issues, pushiness, template
gaps, another company's name, spelling...). Other "consider" findings (a long note, nothing
specific) do not fail it. The room's note box has no subject line, so ``no_subject`` is not held
against it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from followup import notes

KIND = "follow_up"  # every case asks for a follow-up note
NOT_IN_A_ROOM_NOTE = frozenset({"no_subject"})
MUST_CARRY = frozenset({"no_interest", "no_fit"})


def passed(findings: Iterable) -> bool:
    """True when no finding says "fix" (apart from those a room's note cannot meet) and the note
    carries interest and fit."""
    return not any((f.severity == "fix" and f.code not in NOT_IN_A_ROOM_NOTE) or f.code in MUST_CARRY
                   for f in findings)


def check(text: str) -> bool:
    return passed(notes.check(text, kind=KIND, channel="email"))


def checker() -> Callable[[str], bool]:
    """The callable ``people.share`` takes as ``note_check``."""
    return check
