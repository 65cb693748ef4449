"""Compose a first draft of a note from the debrief, in our own words (``content/note_phrases.json``).

Gaps the user has not filled are left as bracketed placeholders, so the checker's
``placeholder`` finding tells them what is missing. Several openings and closings per kind:
``variant`` picks one of each, so a workshop of twenty does not send one sentence twenty times.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from followup.dates import fmt_long
from followup.write.rules import CHANNELS, CONTENT_DIR, KINDS, rules


@dataclass(frozen=True)
class Debrief:
    """What the draft is built from. Every field is optional."""
    company: str = ""
    role: str = ""
    contact: str = ""
    interview: dt.date | None = None
    met: str = ""  # who they met
    specific: str = ""  # one specific thing from the conversation
    fit: str = ""  # one line on why they fit
    promised: str = ""  # anything they promised to send
    sender: str = ""  # the user's name, for the signature


@dataclass(frozen=True)
class Draft:
    subject: str  # "" for LinkedIn and cards
    body: str


PHRASES_FILE = CONTENT_DIR / "note_phrases.json"


@lru_cache(maxsize=1)
def phrases() -> dict:
    """The shipped wording (read and validated once per process)."""
    return load(PHRASES_FILE)


def load(path) -> dict:
    """Read and validate a phrase file: a broken one fails loudly with the field named."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for part in ("openings", "specific", "interest", "fit", "closings", "subjects"):
        if set(data[part]) != set(KINDS):
            raise ValueError(f"note_phrases.json: {part} must cover every kind {KINDS}")
    for kind in KINDS:
        if not data["openings"][kind] or not data["closings"][kind]:
            raise ValueError(f"note_phrases.json: {kind} needs openings and closings")
    for kind in KINDS:
        if data["specific"][kind] and all("{met}" in s for s in data["specific"][kind]):
            raise ValueError(f"note_phrases.json: specific.{kind} needs a wording without {{met}} (who they met "
                             "may be left empty)")
    placeholder = rules().rules["placeholder"].pattern  # a gap left in a draft must be a "fix" of the check
    for name, gap in data["gaps"].items():
        m = placeholder.search(gap)
        if m is None or m.group() != gap:
            raise ValueError(f"note_phrases.json: gaps.{name} {gap!r} is not a gap the check's placeholder rule finds")
    return data


def openings(kind: str) -> list[str]:
    return list(phrases()["openings"][kind])


def closings(kind: str) -> list[str]:
    return list(phrases()["closings"][kind])


def default_variant(seed: str) -> int:
    """A stable per-person choice of wording (e.g. from the owner and application)."""
    return int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16)


def _sentence(text: str) -> str:
    text = " ".join((text or "").split()).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _clause(text: str) -> str:
    return " ".join((text or "").split()).strip().rstrip(".!?;,")


def compose(kind: str, channel: str = "email", debrief: Debrief = Debrief(), *,
            opening: int = 0, closing: int = 0) -> Draft:
    if kind not in KINDS or channel not in CHANNELS:
        raise ValueError("unknown kind or channel")
    P, gaps = phrases(), phrases()["gaps"]
    d = debrief
    on_date = f" on {fmt_long(d.interview, year=False)}" if d.interview else ""
    values = {
        "company": _clause(d.company) or gaps["company"], "role": _clause(d.role) or gaps["role"],
        "contact": _clause(d.contact) or gaps["contact"], "met": _clause(d.met),
        "specific": _clause(d.specific) or gaps["specific"], "fit": _clause(d.fit) or gaps["fit"],
        "promised": _clause(d.promised), "sender": _clause(d.sender) or gaps["sender"], "on_date": on_date,
    }
    if channel == "linkedin":
        values["on_date"] = ""

    def pick(options: list[str], i: int) -> str:
        return options[i % len(options)].format(**values) if options else ""

    greeting = pick(P["greetings"][channel] if d.contact.strip() else P["greetings_no_contact"][channel], 0)
    parts = [pick(P["openings"][kind], opening)]
    if kind != "holiday_card" or d.specific.strip():
        # whom they met only if they said: not the contact (an agency's recruiter was not at the interview)
        specific = [s for s in P["specific"][kind] if values["met"] or "{met}" not in s]
        parts.append(pick(specific, opening))
    interest = pick(P["interest"][kind], closing)
    fit = _sentence(pick(P["fit"][kind], 0)) if P["fit"][kind] else ""
    if channel == "linkedin":  # 300 characters: opening, interest and fit; a shorter opening if need be
        parts = [parts[0], interest, fit]
        if len(" ".join(parts)) > 220:
            parts[0] = P["linkedin_openings"][kind].format(**values)
    else:
        parts += [interest, fit]
        if d.promised.strip() and P["promised"][channel] and kind not in ("holiday_card", "after_rejection"):
            parts.append(P["promised"][channel].format(**values))
        parts.append(pick(P["closings"][kind], closing))
    paragraph = " ".join(p for p in parts if p)
    signoff = pick(P["signoffs"][channel], closing)
    body = f"{greeting}\n\n{paragraph}\n\n{signoff}\n{values['sender']}"
    subject = P["subjects"][kind].format(**values) if channel == "email" else ""
    return Draft(subject, body)


def preview(text: str, company: str = "", role: str = "") -> str:
    """An opening or closing as the user will see it, with their company and role filled in."""
    values = {"company": _clause(company) or "the company", "role": _clause(role) or "the", "on_date": "",
              "contact": "", "met": "", "specific": "…", "fit": "…", "promised": "…", "sender": ""}
    return text.format(**values).replace("the the ", "the ")
