"""Whom a note greets: the names in its greeting line, and whether they are the contact's (the
``wrong_name`` check of followup/write/checker.py). A greeting of any other shape than the plain one
says nothing, rather than guess."""
from __future__ import annotations

import re
import unicodedata

from followup.write.rules import rules

_NAME = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*"


_SPELLED_OUT = (("ae", "a"), ("oe", "o"), ("ue", "u"))  # Mueller is Müller written without the umlaut


def _fold_name(name: str) -> str:
    """A name as compared: no case, accents, apostrophes or hyphens (a phone types O’Brien with a curly
    apostrophe, the contact field may say O'Brien), and ae/oe/ue as the vowel they spell out. Both sides
    are folded alike, so the worst a fold can do is miss a wrong name, never flag a right one."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    folded = re.sub(r"['’‘`´-]", "", folded)
    for spelled, vowel in _SPELLED_OUT:
        folded = folded.replace(spelled, vowel)
    return folded


def greeting_names(body: str) -> tuple[str, list[str]] | None:
    """The greeting line and the names it greets, when it has the plain shape of a greeting to one
    person: a greeting word ("Dear", "Hi", "Good morning"), an optional title, one or two capitalised
    names, then a comma, colon, full stop, exclamation mark or the end of the line ("Dear Diana,",
    "Hi Mr. Ortiz!"). Any other shape ("Dear Janet and the team,", "Kia ora Aroha,", "Dear Sir/Madam,")
    gives None: the check then says nothing rather than guess."""
    R = rules()
    line = next((ln for ln in body.split("\n") if ln.strip()), "")
    words = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(R.salutations, key=len, reverse=True))
    titles = "|".join(re.escape(t) for t in sorted(R.name_titles, key=len, reverse=True))
    m = re.match(r"\s*(?i:" + words + r")\s+(?:(?:" + titles + r")\.?\s+)?(" + _NAME + r"(?:\s+" + _NAME
                 + r")?)\s*(?:[,:.!]|$)", line)
    if not m or not words or not all(n[0].isupper() for n in m.group(1).split()):
        return None
    return line.strip(), m.group(1).split()


def wrong_name(body: str, contact: str, company: str, role: str) -> tuple[str, list[str]] | None:
    """The greeting and its names when none of them is a name of the contact: neither their first nor
    their last name, nor part of one or containing one ("Becca" for Rebecca, "Sam" for Samantha)."""
    R = rules()
    found = greeting_names(body)
    if not found:
        return None
    skip = {_fold_name(w) for w in R.generic_capitalised | R.name_titles} | {
        _fold_name(w) for w in re.findall(r"[^\W\d_]+", f"{company} {role}")}
    names = [_fold_name(n) for n in found[1] if _fold_name(n) not in skip and not n.isupper()]
    theirs = [_fold_name(w) for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", contact or "")
              if w[0].isupper() and w not in R.name_titles and _fold_name(w) not in skip]
    if not names or not theirs:
        return None
    for n in names:
        for t in theirs:
            if n == t or (min(len(n), len(t)) >= 3 and (n in t or t in n)):
                return None
    return found
