"""Who is to act on the date the employer gave, for followup/plan/reading.py: their promise ("she'll call
on Friday"), an instruction to you ("chase them in a week"), an invitation ("feel free to check in"), or
words that give no date at all ("soon", "didn't really say"). The word lists are data
(``content/timing_rules.json``, section ``reading``); the patterns here say who acts."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.plan.reading import ReadingRules


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return _pattern_of(words).search(text) is not None


@lru_cache(maxsize=64)  # a handful of word lists from the rule file, compiled once
def _pattern_of(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


RE_INVITED = re.compile(r"\b(?:feel\s+free\s+to|welcome\s+to|you\s+(?:can|may))\s+(?:\w+\s+)?\w+")
# A decision itself named ("hope to decide in 3 weeks, feel free to check in"): the date is theirs, the
# check-in an invitation. Narrower than RE_DECISION below, which finds the clause that speaks of it.
RE_DECIDES = re.compile(r"\b(?:decide|deciding|decision|decisions|hear\s+back|outcome|answer|offer)\b")
# Words that speak of their decision: "we'll decide", "you'll hear", "results", "get back to you"
RE_DECISION = re.compile(
    r"\b(?:decide|deciding|decision|decisions|hear|heard|let\s+(?:me|you|us|everyone|all|candidates)\s+know|outcome|"
    r"outcomes|results?|offers?|answer|revert|sign\s+off|get\s+back|come\s+back|be\s+in\s+touch|confirm|finali[sz]e|"
    r"inform|notify|update|reply|replies|respond|response|feedback|news)\b")


# Someone on their side saying they will act ("she'd follow up with me", "we'll reach out", "the hiring
# manager will check in with the team and get back to me"): a promise, whatever the verb
RE_THEY_WILL = re.compile(
    r"\b(?:they|she|he|we|hr|recruiter|manager|team|panel|company|someone|somebody)\s*"
    r"(?:'ll|'d|will|would|are\s+going\s+to|is\s+going\s+to|'re\s+going\s+to|'s\s+going\s+to|shall)\s+"
    r"(?:\w+\s+){0,2}?(?:follow\s+up|reach\s+out|touch\s+base|check\s+in|get\s+back|call|email|e-mail|contact|ring|"
    r"phone|text|write|be\s+in\s+touch|let)\b")


def promised_by_them(text: str, R: ReadingRules) -> bool:
    return has_any(text, R.promise) or RE_THEY_WILL.search(text) is not None


# "Follow-up" as a noun names the message, not a request: "Subject: Interview Follow-Up - Decision Next Week",
# "Follow-up from our call: decision in 2 weeks"
RE_FOLLOW_UP_NOUN = re.compile(r"\b(?:interview|subject|re|our|your|this)\s*:?\s*follow[\s-]?up\b|"
                               r"\bfollow[\s-]?up\s+(?:from|re|regarding|to\s+our|on\s+our)\b|\bfollow[\s-]?up\s*[:\-–—]")


def instructed(text: str, R: ReadingRules) -> bool:
    """Whether the date is when you were asked to follow up (not their decision, and no promise of
    theirs). "Hope to decide in 3 weeks, feel free to check in": the date is their decision, the check-in
    an invitation."""
    text = RE_FOLLOW_UP_NOUN.sub(" ", text)
    if not has_any(text, R.instruction) or promised_by_them(text, R):
        return False
    return not RE_DECIDES.search(text) or has_any(RE_INVITED.sub(" ", text), R.instruction)


# Words that hedge a "no date" without changing it: "didn't really say", "did not actually give one"
RE_FILLER = re.compile(r"\b(?:really|actually|exactly|even|specifically|clearly|properly|quite|honestly|tbh)\s+")


def gives_no_date(text: str, R: ReadingRules) -> bool:
    """Words that give no date ("soon", "didn't say"), with or without apostrophes and hedges."""
    plain = RE_FILLER.sub("", text.replace("'", "") + " ")
    return has_any(plain, tuple(w.replace("'", "") for w in R.vague))
