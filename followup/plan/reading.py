"""Reading what the employer said about timing: text -> :class:`Reading` (a decision date or window,
the year-end holidays, nothing, or not understood).

The reader works on the interview date, never on today. Vocabulary, shorthand, parts of a week or
month, named holidays and the phrases that mark an instruction, a promise or an invitation are data
(``content/timing_rules.json``, section ``reading``, validated on load); the patterns below only
combine them. Dates are resolved with the ``holidays`` library's calendar passed in (duck-typed:
``holiday_names``, ``add``, ``on_or_after``, ``last_on_or_before``, ``is_business_day``,
``first_back``), so this module imports neither Streamlit nor the planner.

Readings pinned by tests (tests/timing_phrases.json; tests/timing_heldout_phrases.json is kept out
of all tuning):

* A range counts from its far end ("2-3 weeks", "10 days to 2 weeks", "Thursday or Friday",
  "between the 10th and the 20th").
* "by X" is a decision by X; "after X" is a decision after X, planned from the first business day
  after X (after a holiday weekend: after that weekend).
* A date without a year that has already passed (up to ~3 months before the interview) is not
  moved a year on: it is not understood, and the page asks. "The 15th" said on or after the 15th is
  next month's.
* "follow up after 3 days" is an instruction to the candidate (``Reading.follow_up``), not a
  decision date; "will call you on Monday" is a promise (``Reading.promised``); "feel free to keep
  in touch" is an invitation (``Reading.invited``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from followup import english
from followup.advice.content import CONTENT_DIR, read_json_object
from followup.plan.holiday_phrases import read_holidays, run_end
from followup.plan.cues import RE_DECISION, gives_no_date, has_any, instructed, promised_by_them
from followup.plan.date_phrases import _date_range, _dates, drop_interview_day, span_from_date
from followup.plan.phrases import (MONTHS, RE_TIME_WORD, RE_WEEK_OF, WEEKDAYS, Ask, Hit,  # noqa: F401
                                   _days, _durations, _months, _prep, _quarter, fmt, weekdays)
from followup.plan.text_prep import names, people, plain_timing, without_named_people
from followup.plan.week_phrases import RE_WEEK_FROM, _weeks

RULES_FILE = CONTENT_DIR / "timing_rules.json"
MAX_SAID_CHARS = 2000  # a pasted email fits (the planner's box takes 300; the engine reads more)
MAX_WAIT_DAYS = 366
KINDS = ("deadline", "holidays", "nothing", "not_understood")


class ReadingRulesError(ValueError):
    """The ``reading`` section of ``content/timing_rules.json`` is missing or malformed."""


@dataclass(frozen=True)
class Reading:
    """How ``said`` was read. kind: 'nothing', 'deadline', 'holidays' or 'not_understood'."""
    kind: str
    deadline: dt.date | None
    understood: str
    phrase: str | None = None  # our normalised wording, e.g. "within 2-3 weeks" (never the raw text)
    new_year: dt.date | None = None  # for 'holidays': New Year's Day the holidays end with
    line: str = ""  # one line for the page: "I read this as: a decision by Fri 24 Oct 2025"
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, read as), shown to the user
    asks: bool = False  # not understood: the page asks for the date and the plan waits
    follow_up: dt.date | None = None  # an instruction to the candidate: follow up on this day
    promised: dt.date | None = None  # the employer promised to call or write on this day
    invited: bool = False  # the employer invited follow-ups ("keep in touch")
    picked: bool = False  # the user picked the date on the page
    earliest: bool = False  # the deadline is the earliest they would decide ("at least 3 weeks"), not a "by"


# --------------------------------------------------------------------------------------------
# Rule data
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadingRules:
    shorthand: dict[str, str]
    vocabulary: tuple[str, ...]
    keep_words: frozenset[str]
    month_parts: dict[str, int]  # part -> day of month (0 = the last day)
    week_parts: dict[str, int]  # part -> weekday (0 = Monday)
    holidays: dict[str, tuple[str, ...]]  # spoken name -> library name fragments ("*" = any holiday)
    vague: tuple[str, ...]
    no_date_answers: frozenset[str]  # a whole answer that says no date was given ("-", "n/a")
    at_least: tuple[str, ...]  # before a time span: the earliest they would decide ("at least 3 weeks")
    instruction: tuple[str, ...]
    promise: tuple[str, ...]
    invitation: tuple[str, ...]


def _fail(msg: str) -> None:
    raise ReadingRulesError(f"{RULES_FILE.name}: reading: {msg}")


def _words(obj: object, key: str) -> tuple[str, ...]:
    val = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(val, list) or not val or not all(isinstance(w, str) and w.strip() == w and w for w in val):
        _fail(f"field '{key}' must be a non-empty list of trimmed strings")
    return tuple(w.lower() for w in val)


def load_reading_rules(path: Path | str = RULES_FILE) -> ReadingRules:
    data = read_json_object(Path(path), ReadingRulesError)
    r = data.get("reading")
    if not isinstance(r, dict):
        _fail("section missing or not an object")
    short = r.get("shorthand")
    if not isinstance(short, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                              for k, v in short.items()):
        _fail("field 'shorthand' must map words to words")
    parts = {}
    for key, top in (("month_parts", 31), ("week_parts", 4)):
        val = r.get(key)
        if not isinstance(val, dict) or not val or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= top for v in val.values()):
            _fail(f"field '{key}' must map parts to numbers from 0 to {top}")
        parts[key] = {k.lower(): v for k, v in val.items()}
    hol = r.get("holidays")
    if not isinstance(hol, dict) or not hol:
        _fail("field 'holidays' must map spoken names to lists of holiday names")
    holidays = {k.lower(): _words(hol, k) for k in hol}
    return ReadingRules(
        shorthand={k.lower(): v.lower() for k, v in short.items()}, vocabulary=_words(r, "vocabulary"),
        keep_words=frozenset(_words(r, "keep_words")), month_parts=parts["month_parts"],
        week_parts=parts["week_parts"], holidays=holidays, vague=_words(r, "vague"),
        no_date_answers=frozenset(_words(r, "no_date_answers")), at_least=_words(r, "at_least"),
        instruction=_words(r, "instruction"), promise=_words(r, "promise"), invitation=_words(r, "invitation"))


@lru_cache(maxsize=1)
def reading_rules() -> ReadingRules:
    return load_reading_rules()


# --------------------------------------------------------------------------------------------
# Normalising and correcting the text
# --------------------------------------------------------------------------------------------
def normalise(said: object, lower: bool = True) -> str:
    if said is None:
        return ""
    if not isinstance(said, str):
        said = str(said)
    said = unicodedata.normalize("NFKC", said[: MAX_SAID_CHARS * 2])[:MAX_SAID_CHARS]
    said = re.sub(r"[\u2010-\u2015\u2212]", "-", said).replace("\u2019", "'")
    said = "".join(ch if ch.isprintable() else " " for ch in said)
    said = re.sub(r"\s+", " ", said).strip()
    return said.lower() if lower else said


_TOKEN = re.compile(r"(?<![a-z]')[a-z]+|[0-9]+[a-z]+")  # never the "d" of "she'd" ("d" is shorthand for days)


def correct(text: str, R: ReadingRules, keep: frozenset[str] = frozenset(),
            people: frozenset[str] = frozenset()) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Shorthand expanded ("eow", "2-3wks") and misspelt timing words corrected against the
    vocabulary (Damerau-Levenshtein: 1 edit from 4 letters, 2 from 8; a 4-letter word only to a
    5-letter timing word that starts with the same letter). Returns the new text and
    the corrections a user should see (shorthand expansions are not shown)."""
    fixes: list[tuple[str, str]] = []
    vocab = R.vocabulary

    def fix(m: re.Match) -> str:
        tok = m.group(0)
        num = re.match(r"[0-9]+", tok)
        if num:  # "2wks", "48hrs", "3rd"
            rest = tok[num.end():]
            if rest in ("st", "nd", "rd", "th"):
                return tok
            return f"{num.group(0)} {R.shorthand.get(rest, rest)}"
        if tok in R.shorthand and tok not in people:  # "Jan said ...": a name, not January
            return R.shorthand[tok]
        if len(tok) < 4 or tok in R.keep_words or tok in vocab or tok in keep:
            return tok
        if english.frequency(tok) >= 100:  # a real word ("easier", "nearly", "marc") is not a misspelling
            return tok
        limit = 1 if len(tok) < 8 else 2
        # 4 letters: only a 5-letter timing word with one letter dropped and the same first letter
        # ("erly", "aftr", "mont"); other short words are too often real words to correct
        choices = [w for w in vocab if len(w) == 5 and w[0] == tok[0]] if len(tok) == 4 else vocab
        hit = process.extractOne(tok, choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
        if hit is None:
            return tok
        fixes.append((tok, hit[0]))
        return hit[0]

    out = _TOKEN.sub(fix, text)
    return re.sub(r"\s+", " ", out).strip(), tuple(fixes)


def find(text: str, interview: dt.date, cal, R: ReadingRules):
    """The first reader that recognises the text: a Hit, a New Year's Day (holidays) or None."""
    found = read_holidays(text, interview, cal, R)
    if isinstance(found, dt.date):  # the year-end holidays; a date said beside them is more precise
        said_date = (res[0].date if (res := _dates(text, interview, cal)) else None) \
            or getattr(_months(text, interview, R), "date", None)  # "by the 3rd", "mid January"
        if said_date is not None and said_date >= found - dt.timedelta(days=8):
            found = None  # "closing for Christmas, will email by the 3rd": read the date, not the holidays
    if found is not None:
        return found
    if (q := _quarter(text, interview)) is not None:
        return q
    if (s := span_from_date(text, interview, cal)) is not None:  # "a week after the closing date, 5 April"
        return s
    if (m := RE_WEEK_OF.search(text)) and (res := _dates(re.sub(r"^(?=[0-9]{1,2}(?:st|nd|rd|th)\b)", "the ",
                                                                 text[m.end():]), interview, cal)):  # "w/c 20th"
        monday = res[0].date - dt.timedelta(days=res[0].date.weekday())  # "w/c 19th Oct": that week's Friday
        return Hit(monday + dt.timedelta(days=R.week_parts["end"]), f"in the week of {fmt(monday)}")
    if (w := _weeks(text, interview, R)) is not None:
        # "they'll contact references this week and decide by the 23rd": this week is what they do first
        if w.phrase.endswith("this week") and (tail := text[text.rfind("this week") + 9:]).strip(" ,.;") \
                and (later := find(tail, interview, cal, R)) is not None and isinstance(later, Hit) \
                and later.date > w.date:
            return later
        return w
    if (hit := _date_range(text, interview, cal)) is not None:  # a range of dates: its far end
        return hit
    for reader in (_dates, weekdays):
        if (res := reader(text, interview)) if reader is weekdays else (res := reader(text, interview, cal)):
            hit, start = res
            # "after the 24th", and "the board meets on the 24th, decision after that"
            if _prep(text, start) == "after" or re.search(r"\bafter\s+(?:that|then|this|it)\b", text[start:]):
                end = run_end(hit.date, cal) if not cal.is_business_day(hit.date) else hit.date
                return Hit(cal.add(end, 1), f"after {hit.phrase}", "after", hit.date)
            return Hit(hit.date, hit.phrase if hit.phrase.startswith("by ") else f"by {hit.phrase}")
    for reader in (_durations, _months):
        if (hit := _durations(text, interview, cal, R) if reader is _durations else reader(text, interview, R)) \
                is not None:
            return hit
    return _days(text, interview)


_ABBR = "".join(f"(?<!\\b{m[:3].lower()})" for m in MONTHS + WEEKDAYS) + "(?<!sept)(?<!tues)(?<!thur)(?<!weds)"
RE_CLAUSE_END = re.compile(  # not inside a date ("Friday, 23 April", "April 23, 2029", "Apr. 23rd", "2.5")
    r"[;!?\n]+|" + _ABBR + r"\.+(?![0-9])|,\s*(?![0-9]|(?:" + "|".join(m[:3].lower() for m in MONTHS + WEEKDAYS) + r"))"
    r"|\s+(?:and|then|but|so|while|whereas|although|though)\s+")


def decision_clause(text: str, interview: dt.date, cal, R: ReadingRules) -> Hit | None:
    """The time in the first clause that speaks of their decision ("they'll decide by the 27th"), if any."""
    for clause in RE_CLAUSE_END.split(text):
        if RE_DECISION.search(clause):
            try:
                hit = find(clause, interview, cal, R)
            except Ask:
                continue
            if isinstance(hit, Hit):
                return hit
    return None


def _promise_day(text: str, interview: dt.date, R: ReadingRules, cal=None):
    """The weekday named after a promise to call or write ("will contact him on Monday"), if any;
    a weekday that is part of "a week on Monday" / "Friday week" gives that day, a week on."""
    for w in R.promise:
        m = re.search(r"\b" + re.escape(w) + r"\b", text) if w[0].isalpha() else re.search(re.escape(w), text)
        clause = text[m.end():] if m else ""
        if m and (found := weekdays(clause, interview)) is not None:
            hit, start = found
            if cal is not None and (dated := _dates(clause, interview, cal)) is not None \
                    and abs(dated[1] - start) <= 12:  # "call you on Friday 23 April": that Friday, not the next one
                return Hit(dated[0].date, dated[0].phrase if dated[0].phrase.startswith("by ")
                           else f"by {dated[0].phrase}")
            wk = RE_WEEK_FROM.search(clause)
            if wk and wk.start() <= start <= wk.end():
                return _weeks(clause[wk.start():], interview, R)
            return Hit(hit.date, f"by {hit.phrase}")
    return None


def read(said: object, interview: dt.date, cal) -> Reading:
    """Read ``said`` relative to the interview date with the calendar ``cal``. Never raises."""
    try:
        return _read(said, interview, cal)
    except Exception:  # noqa: BLE001 - no input may break the planner
        return not_understood("the text could not be read", asks=True)


def not_understood(reason: str = "", *, asks: bool = True, corrections=()) -> Reading:
    why = f"Not understood ({reason})" if reason else "Not understood"
    if asks:
        text = f"{why}: when did they say they would decide? Pick the date below; the plan waits for it."
    else:
        text = f"{why}, so the plan counts from the interview as if nothing was said."
    return Reading("not_understood", None, text, line=f"I could not read this as a date: {reason or 'pick the date'}.",
                   corrections=tuple(corrections), asks=asks)


def _read(said: object, interview: dt.date, cal) -> Reading:
    R = reading_rules()
    raw = normalise(said)
    if not raw:
        return Reading("nothing", None, "Nothing was said about timing, so the plan counts from the interview.",
                       line="I read this as: nothing said about timing.")
    if raw.strip(" .!") in R.no_date_answers:  # "-", "n/a": the form's way of saying they gave none
        return Reading("nothing", None, "No date was given, so the plan counts from the interview.",
                       line="I read this as: no date given.")
    cased = normalise(said, lower=False)
    surely_people = people(said[:MAX_SAID_CHARS] if isinstance(said, str) else cased)  # lines kept: "Feb\nDecision"
    text, fixes = correct(raw, R, names(cased), surely_people)  # names are not misspellings
    text = without_named_people(text, surely_people)
    text = drop_interview_day(plain_timing(text), interview, cal)
    shown = "".join(f" (read “{a}” as “{b}”)" for a, b in fixes)
    invited = has_any(text, R.invitation)
    try:
        try:
            found = find(text, interview, cal, R)
        except Ask:
            # a time in another clause may be what could not be read ("Room 2.14"): their decision's clause
            if (found := decision_clause(text, interview, cal, R)) is None:
                raise
        else:  # of two times, the later one when it is in the clause about their decision
            if isinstance(found, Hit) and (cue := decision_clause(text, interview, cal, R)) is not None \
                    and cue.date > found.date:
                found = cue  # "interviews finish Friday, decision Monday"; "on leave next week, decide by the 27th"
        promise = _promise_day(text, interview, R, cal)
        if promise is not None:  # "back next week; will contact him on Monday": the promised day counts
            found = promise
    except Ask as ask:
        return not_understood(str(ask), corrections=fixes)
    if found is None:
        if gives_no_date(text, R) or invited and not RE_TIME_WORD.search(text):
            return Reading("nothing", None, f"No date was given{shown}, so the plan counts from the interview.",
                           line=f"I read this as: no date given{shown}.", corrections=fixes, invited=invited)
        # said but not read: always ask (a plan counted from the interview can be the harmful one);
        # the words that give no date ("soon", "we'll be in touch") are the ``vague`` list above
        return not_understood("no date or time span found", corrections=fixes)
    if isinstance(found, dt.date):
        ny = found
        return Reading("holidays", None, f"A decision after the end-of-year holidays{shown}; New Year’s Day "
                       f"{ny.year} is a {WEEKDAYS[ny.weekday()]}.", phrase="after the holidays", new_year=ny,
                       line=f"I read this as: a decision after the end-of-year holidays{shown}.",
                       corrections=fixes, invited=invited)
    d = found.date
    if d < interview:
        return not_understood(f"“{found.phrase}” is before the interview", corrections=fixes)
    if (d - interview).days > MAX_WAIT_DAYS:
        return not_understood(f"“{found.phrase}” is more than a year after the interview", corrections=fixes)
    if instructed(text, R):
        day = cal.on_or_after(d)
        when = found.phrase if found.phrase.startswith("by the end") else found.phrase.removeprefix("by ")
        return Reading("nothing", None, f"They asked you to follow up {when}{shown}: "
                       f"on {fmt(day)}. That is your step, not their decision date.", phrase=found.phrase,
                       line=f"I read this as: you were asked to follow up {when}, "
                       f"on {fmt(day)}{shown}.", corrections=fixes, follow_up=day, invited=invited)
    promised = d if promised_by_them(text, R) else None
    if found.mode == "after":
        label = f"from {fmt(d)}"
        line = f"a decision {found.phrase} ({fmt(found.shown)}), so from {fmt(d)}"
    elif found.mode == "from":  # "at least 3 weeks": never "within", never "by"
        label = f"not before {fmt(d)}"
        line = f"a decision {found.phrase}: not before {fmt(d)}"
    else:
        label = fmt(d) if found.phrase.startswith("by ") else f"by {fmt(d)}"
        line = f"a decision {found.phrase}" + ("" if found.phrase == f"by {fmt(d)}" else f": {fmt(d)}")
        if found.phrase == f"by {fmt(d)}":
            label = fmt(d)
    return Reading("deadline", d, f"A decision {found.phrase}{shown}: {label}.", phrase=found.phrase,
                   line=f"I read this as: {line}{shown}.", corrections=fixes, promised=promised, invited=invited,
                   earliest=found.mode == "from")


def picked(d: dt.date) -> Reading:
    """The decision date the user picked on the page ("Not what they said?")."""
    return Reading("deadline", d, f"A decision by {fmt(d)}, the date you picked.", phrase=f"by {fmt(d)}",
                   line=f"I read this as: a decision by {fmt(d)} (the date you picked).", picked=True)
