"""The patterns and date rules behind followup/plan/reading.py: each reader turns a normalised,
corrected phrase into a decision date (``Hit``), raises ``Ask`` when the text names a time that
cannot become a date (a past date, an ambiguous one), or returns None. Dates come from the
calendar passed in (business days) and from dateutil. Split by concept beside it: dates and date ranges
(date_phrases.py), weeks (week_phrases.py), named holidays (holiday_phrases.py), what of the text is read
(text_prep.py) and who is to act (cues.py); followup/plan/reading.py's ``find`` tries the readers in turn."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from followup.dates import fmt_date

if TYPE_CHECKING:
    from followup.plan.reading import ReadingRules

PAST_DAYS = 92  # a yearless date this many days or fewer before the interview is "already past"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def fmt(d: dt.date) -> str:
    """``Mon 23 Mar 2026``, or ``Mon, Mar 23, 2026`` in a run whose browser locale writes the month
    first (``followup.dates``: one formatter for every page)."""
    return fmt_date(d)

# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------
_NUM_WORDS = {"a couple of": 2, "couple of": 2, "a couple": 2, "couple": 2, "a few": 3, "few": 3, "one": 1, "two": 2,
              "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
              "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "an": 1, "a": 1}
_NUM = (r"(?:[0-9]{1,3}(?:\.[0-9])?(?![0-9])|"  # "1.5 weeks" too
        + "|".join(re.escape(w) for w in sorted(_NUM_WORDS, key=len, reverse=True)) + ")")
_UNIT = (r"(?:business\s+days?|working\s+days?|work\s+days?|business\s+weeks?|working\s+weeks?|days?|weeks?"
         r"|months?|hours?|fortnights?)")
_MONTH_NAMES = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NAMES.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NAMES["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
_WD = {w.lower(): i for i, w in enumerate(WEEKDAYS)}
_WEEKDAY = r"(?:" + "|".join(_WD) + r")s?\b"
_ORD_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

RE_ISO = re.compile(r"(?<![0-9])([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?![0-9])")  # "2030/03/29" too
RE_NUMERIC = re.compile(r"(?<![0-9/.])([0-9]{1,2})[/.]([0-9]{1,2})(?:[/.]([0-9]{2}|[0-9]{4}))?(?![0-9/]|\.[0-9])"
                        r"(?!\s*(?:business|working|work|days?|weeks?|wks?|months?|hours?|hrs?|am|pm|a\.m|p\.m)\b)")
RE_MONTH_DAY = re.compile(r"\b(" + _MONTH + r")[\s-]+(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?:,?[\s-]+([0-9]{4}))?")
RE_DAY_MONTH = re.compile(r"(?<![0-9])([0-9]{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(" + _MONTH + r")(?:,?[\s-]+([0-9]{4}))?")
RE_WD_NTH = re.compile(r"\b(" + _WEEKDAY + r")[,\s]*\(?\s*(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)\b")  # "Friday 16th", "Fri (16th)"
RE_THE_NTH = re.compile(  # "the 20th", and in British short form after a preposition: "by 20th", "w/c 20th";
    # not an ordinal of something else ("after the 2nd interview", "on 2nd thought", "3rd round")
    r"\b(?:the|by|on|before|after|until|till|til|from|commencing|beginning|starting|around|about)\s+"
    r"([0-9]{1,2})(?:st|nd|rd|th)\b(?!\s*(?:-\s*)?(?:interview|round|stage|week|meeting|call|thought|time|"
    r"candidate|choice|place|panel|part|phase|step|one|attempt|conversation|chat|screen|visit|half|quarter|shift|"
    r"person|reference|offer|try|day\s+of|working\s+day|business\s+day)s?\b)")
RE_QUARTER = re.compile(r"\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|(this|next|the)\s+quarter)\b")
RE_RANGE = re.compile(r"\b(" + _NUM + r")\s*(?:-|to|or|/)\s*(" + _NUM + r")\s+(" + _UNIT + r")\b")  # "2/3 weeks" too
RE_MIXED = re.compile(r"\b(" + _NUM + r")\s+(" + _UNIT + r")\s*(?:-|to|or)\s*(" + _NUM + r")\s+(" + _UNIT + r")\b")
RE_OR = re.compile(r"\b(" + _NUM + r")\s+(" + _UNIT + r")\s+or\s+(" + _NUM + r")\b")
RE_LOOSE = re.compile(  # a range said loosely, read from its far end: "2 weeks, maybe 3", "1 week, 2 max"
    r"\b(" + _NUM + r")\s+(" + _UNIT + r"),?\s+(?:(?:maybe|possibly|perhaps|up\s+to|or\s+(?:maybe|possibly))\s+(" + _NUM
    + r")|(" + _NUM + r")\s+(?:at\s+(?:the\s+)?(?:most|latest|outside)|max(?:imum)?|tops))(?![0-9])(?!\s*" + _UNIT + r")")
RE_HALF = re.compile(r"\b(" + _NUM + r")\s+(?:and\s+a\s+half\s+(" + _UNIT + r")|(" + _UNIT + r")\s+and\s+a\s+half)\b")
RE_SINGLE = re.compile(r"\b(" + _NUM + r")\s+(" + _UNIT + r")\b")
RE_BARE_UNIT = re.compile(r"\b(?:a\s+)?(fortnight)\b")
RE_WEEK_OF = re.compile(r"\b(?:(?:the\s+)?week\s+(?:commencing|beginning|starting|of)|w(?:eeks)?/c)\s+")
RE_MONTH_PART = re.compile(r"\b(?:(\w+(?:\s+week|\s+half)?)(?:\s+of\s+|\s*-\s*|\s+))?(next\s+month|this\s+month|the\s+month|(?<!next\s)(?<!this\s)(?<!the\s)month\b|"
                           r"(" + _MONTH + r"))(?!\s*[0-9])")
RE_MONTH_END = re.compile(r"\b(" + _MONTH + r")\s*(?:-|\s)\s*end\b")
RE_WEEKDAYS = re.compile(r"\b(?:(next|this|coming)\s+)?(" + _WEEKDAY + r")(?:\s*(?:or|-|/|to)\s*(" + _WEEKDAY + r"))?")
RE_YEAR_END = re.compile(r"\b(?:end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end)\b")
RE_TIME_WORD = re.compile(r"[0-9]|\b(?:day|days|week|weeks|fortnights?|month|months|year|quarter|hours?|holidays?|weekend|"
                          r"tomorrow|today|tonight|end|early|late|mid|" + "|".join(_WD) + "|"
                          + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")s?\b")  # (was sliced from
# _WEEKDAY and _MONTH, and the slice of _MONTH left a stray bracket: only digits matched)


def _num(word: str) -> float:
    word = re.sub(r"\s+", " ", word.strip())
    if re.fullmatch(r"[0-9]+\.[0-9]", word):
        return int(word.split(".")[0]) if word.endswith(".0") else float(word)
    return int(word) if word.isdigit() else _NUM_WORDS[word]


def _prep_word(text: str, start: int) -> str:
    """The word just before ``start`` ("" at the start of the text)."""
    words = re.findall(r"[a-z]+", text[max(0, start - 20):start])
    return words[-1] if words else ""


def _prep(text: str, start: int) -> str:
    """'after', 'before' or 'by': the preposition ruling the expression starting at ``start``."""
    words = re.findall(r"[a-z]+", text[max(0, start - 30):start])[-3:]
    for w in reversed(words):
        if w in ("after", "past", "following", "post"):
            return "after"
        if w in ("before", "ahead", "prior"):
            return "before"
        if w in ("by", "until", "till", "til", "on", "in", "within"):
            return "by"
    return "by"


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------------
class Ask(Exception):
    """The text names a time that cannot become a date: say why, and ask."""


@dataclass(frozen=True)
class Hit:
    date: dt.date
    phrase: str  # our wording, e.g. "within 2-3 weeks", "after Thanksgiving"
    mode: str = "by"  # "by", "after" (the date is then the first business day after) or "from" (no sooner than)
    shown: dt.date | None = None  # the date named, when mode is "after"


def _yearless(interview: dt.date, month: int, day: int, name: str) -> dt.date:
    """The month/day on or after the interview; a date up to ~3 months before it is past (ask)."""
    this = _date(interview.year, month, day)
    if this is None and _date(2000, month, day) is None:
        raise Ask(f"“{name}” is not a real date")
    if this is not None and this >= interview:
        return this
    if this is not None and (interview - this).days <= PAST_DAYS:
        raise Ask(f"{name} is already past on the interview date ({fmt(interview)}); it was not moved "
                   "to next year")
    for year in range(interview.year + 1, interview.year + 5):
        d = _date(year, month, day)
        if d is not None:
            return d
    raise Ask(f"“{name}” is not a real date")


def _week_monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _next_nth(interview: dt.date, day: int) -> dt.date | None:
    """The next ``day`` of a month after the interview (said on or after that day: next month's)."""
    cur = dt.date(interview.year, interview.month, 1)
    for _ in range(13):
        d = _date(cur.year, cur.month, day)
        if d is not None and d > interview:
            return d
        cur += relativedelta(months=1)
    return None


def _quarter(text: str, interview: dt.date):
    """A quarter ("by end of Q1", "early Q3"); of several ("end of Q2 or early Q3"), the latest."""
    hits = [_one_quarter(text, m, interview) for m in RE_QUARTER.finditer(text)]
    return max(hits, key=lambda h: h.date) if hits else None


def _one_quarter(text: str, m: re.Match, interview: dt.date) -> Hit:
    cur = (interview.month - 1) // 3 + 1
    if m[1] or m[2]:
        q = int(m[1]) if m[1] else _ORD_WORDS[m[2]]
    else:
        q = cur + 1 if m[3] == "next" else cur
    year = interview.year + (q - 1) // 4
    q = (q - 1) % 4 + 1
    if year == interview.year and q < cur:
        if cur - q == 1 and interview.month % 3 == 1:
            raise Ask(f"Q{q} ended before the interview")
        year += 1
    before = text[max(0, m.start() - 20):m.start()]
    first_month = 3 * (q - 1) + 1
    if re.search(r"\b(?:early|beginning|start)\b", before):
        d, what = dt.date(year, first_month, 1) + relativedelta(day=31), f"early in Q{q} {year}"
    elif re.search(r"\bmid(?:dle)?\b", before):
        d, what = dt.date(year, first_month + 1, 1) + relativedelta(day=31), f"in mid-Q{q} {year}"
    else:
        d, what = dt.date(year, first_month + 2, 1) + relativedelta(day=31), f"by the end of Q{q} {year}"
    return Hit(d, what)


RE_CHAIN = re.compile(r"[^.;?!]{0,50}?\b(?:then|and\s+then|after\s+that|plus|followed\s+by)\b")


def _durations(text: str, interview: dt.date, cal, R: ReadingRules | None = None):
    """A time span from the interview ("2-3 weeks", "in 10 business days"): a decision within it; after
    or before one of ``R.at_least`` ("at least 3 weeks", "3 weeks minimum"), a decision no sooner than its
    end (``mode`` "from"). A minus sign before the number ("-3 days") is not a wait: ask."""
    found = _duration_match(text, interview, cal)
    if found is None:
        return None
    hit, start, end = found
    if start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace()):
        raise Ask(f"“-{hit.phrase.removeprefix('within ')}” is a negative wait, not a time to wait")
    lead, rest = text[:start], text[end:]
    # a chain of two waits: "2 weeks to finish interviews, then a week to decide" is 3 weeks
    if (chain := RE_CHAIN.match(rest)) and (second := _duration_match(rest[chain.end():], hit.date, cal)) is not None:
        return Hit(second[0].date, f"{hit.phrase}, then {second[0].phrase.removeprefix('within ')}")
    if R is not None and any(re.search(r"\b" + re.escape(w) + r"\s+(?:(?:about|around|roughly)\s+)?$", lead)
                             or re.match(r"\s*,?\s*" + re.escape(w) + r"\b", rest) for w in R.at_least):
        return Hit(hit.date, "no sooner than " + hit.phrase.removeprefix("within "), "from")
    return hit


def _duration_match(text: str, interview: dt.date, cal):
    """The time span, where its number starts and where it ends: (Hit, start, end) or None."""
    def add(n: float, unit: str) -> dt.date:
        unit = re.sub(r"\s+", " ", unit).rstrip("s")
        if unit.endswith("business day") or unit.endswith("working day") or unit == "work day":
            if n > 260:
                raise Ask("that is more than a year after the interview")
            return cal.add(interview, max(1, int(n)))
        if unit.endswith(" week"):
            return cal.add(interview, min(int(n * 5), 260))
        days = {"day": 1, "week": 7, "fortnight": 14, "hour": 1 / 24}.get(unit)
        if days is None:  # months
            return interview + relativedelta(months=min(int(n), 240))
        return interview + dt.timedelta(days=min(-(-n * days // 1), 10_000))

    if (m := RE_LOOSE.search(text)) and _num(m[3] or m[4]) > _num(m[1]):
        far = _num(m[3] or m[4])
        return Hit(add(far, m[2]), f"within {_num(m[1]):g}-{far:g} {m[2].rstrip('s')}s"), m.start(), m.end()
    if m := RE_MIXED.search(text):
        a, b = add(_num(m[1]), m[2]), add(_num(m[3]), m[4])
        return Hit(max(a, b), f"within {m[1]} {m[2]} to {m[3]} {m[4]}"), m.start(), m.end()
    if m := RE_HALF.search(text):
        unit = m[2] or m[3]
        n = _num(m[1]) + 0.5
        return Hit(add(n, unit), f"within {m[1]} and a half {unit.rstrip('s')}s"), m.start(), m.end()
    if m := RE_RANGE.search(text):
        a, b = _num(m[1]), _num(m[2])
        if max(a, b) == 0:
            raise Ask("a wait of zero")
        return Hit(add(max(a, b), m[3]), f"within {min(a, b)}-{max(a, b)} {m[3].rstrip('s')}s"), m.start(), m.end()
    if m := RE_OR.search(text):
        a, b = _num(m[1]), _num(m[3])
        return Hit(add(max(a, b), m[2]), f"within {min(a, b)}-{max(a, b)} {m[2].rstrip('s')}s"), m.start(), m.end()
    if m := RE_SINGLE.search(text):
        n = _num(m[1])
        if n == 0:
            raise Ask("a wait of zero")
        unit = re.sub(r"\s+", " ", m[2])
        return Hit(add(n, unit), f"within {m[1]} {unit}"), m.start(), m.end()
    if m := RE_BARE_UNIT.search(text):
        return Hit(add(1, m[1]), "within a fortnight"), m.start(), m.end()
    return None


RE_MONTH_AFTER_NEXT = re.compile(r"\b(?:(\w+)\s+(?:of\s+)?)?the\s+month\s+after\s+next\b")


def _months(text: str, interview: dt.date, R: ReadingRules):
    if m := RE_MONTH_AFTER_NEXT.search(text):
        part = m[1] if m[1] in R.month_parts else "end"
        first = dt.date(interview.year, interview.month, 1) + relativedelta(months=2)
        day = R.month_parts[part]
        d = first + relativedelta(day=31) if day == 0 else first.replace(day=day)
        return Hit(d, f"by the end of {MONTHS[first.month - 1]}" if day == 0 else f"{part} {MONTHS[first.month - 1]}")
    if m := RE_MONTH_END.search(text):
        mo = _MONTH_NAMES[m[1].rstrip(".")]
        d = _yearless(interview, mo, 1, MONTHS[mo - 1]) if mo != interview.month else dt.date(interview.year, mo, 1)
        return Hit(d + relativedelta(day=31), f"by the end of {MONTHS[mo - 1]}")
    if re.search(r"\bmonth[\s-]end\b", text):
        return Hit(interview + relativedelta(day=31), "by the end of the month")
    hits, asked = [], None
    for m in RE_MONTH_PART.finditer(text):  # of several ("late June or early July"), the latest counts
        try:
            hit = _month_part(m, interview, R)
        except Ask as ask:
            asked = asked or ask
            continue
        if hit is not None:
            hits.append(hit)
    if hits:
        return max(hits, key=lambda h: h.date)
    if asked is not None:
        raise asked
    return None


def _month_part(m: re.Match, interview: dt.date, R: ReadingRules) -> Hit | None:
    """One part of a month ("early June", "the end of next month"); None for the verb "may"."""
    part = (m[1] or "").strip()
    if m[2] == "month" and part not in R.month_parts:
        return None  # "end of month" is this month's end; a bare "month" alone is no date
    if m[3] == "may" and part not in R.month_parts and part not in ("by", "in", "during", "until", "of"):
        return None  # "you may follow up": the verb, not the month
    if part not in R.month_parts:
        part = "end" if not part or part in ("by", "in", "during", "until", "the", "of") else None
    if part is None:
        part = "end"
    if m[3]:
        mo = _MONTH_NAMES[m[3].rstrip(".")]
        name = MONTHS[mo - 1]
        if mo == interview.month:
            first = dt.date(interview.year, mo, 1)
        else:
            first = _yearless(interview, mo, 1 if mo != interview.month else interview.day, name)
            first = first.replace(day=1)
            if first < dt.date(interview.year, interview.month, 1):
                raise Ask(f"{name} is already past")
    elif m[2].startswith("next"):
        first, name = dt.date(interview.year, interview.month, 1) + relativedelta(months=1), "next month"
    else:
        first, name = dt.date(interview.year, interview.month, 1), "this month"
    day = R.month_parts[part]
    d = first + relativedelta(day=31) if day == 0 else first.replace(day=day)
    if d < interview:
        if first.month == interview.month and (m[3] or not m[2].startswith("next")):
            raise Ask(f"{part} {name} is already past on the interview date")
    label = f"by the end of {name}" if day == 0 else f"in the {part} of {name}" if " " in part else f"{part} {name}"
    return Hit(d, label)


RE_WD_AFTER_NEXT = re.compile(r"\b(?:the\s+)?(" + _WEEKDAY + r")\s+after\s+next\b")  # "the Monday after next"
RE_HEDGE = re.compile(r"\b(?:maybe|or|worst\s+case|at\s+the\s+(?:latest|earliest)|could\s+(?:be|slip)|more\s+likely|"
                      r"possibly|perhaps|latest)\b")


def weekdays(text: str, interview: dt.date):
    if m := RE_WD_AFTER_NEXT.search(text):
        wd = _WD[m[1].rstrip("s")]
        return Hit(_week_monday(interview) + dt.timedelta(days=14 + wd), f"the {WEEKDAYS[wd]} after next"), m.start()
    found = list(RE_WEEKDAYS.finditer(text))
    if not found:
        return None
    # "off until Monday, so they'll decide by Wednesday": a day that only bounds something else gives way
    free = [f for f in found if _prep_word(text, f.start()) not in ("until", "till", "til", "from", "since")]
    m = (free or found)[0]
    if len(free) > 1 and RE_HEDGE.search(text[free[0].start():]):  # "Thursday, maybe Monday", "..., Monday at the latest"
        return max((_one_weekday(f, interview) for f in free), key=lambda h: h[0].date)
    return _one_weekday(m, interview)


def _one_weekday(m: re.Match, interview: dt.date):
    wds = [_WD[w.rstrip("s")] for w in (m[2], m[3]) if w]
    first = interview + relativedelta(days=1, weekday=wds[0])
    if m[1] == "next" and interview.weekday() < 5:
        first = _week_monday(interview) + dt.timedelta(days=7 + wds[0])
    d = first
    if len(wds) == 2:
        d = first + dt.timedelta(days=(wds[1] - wds[0]) % 7)
    name = " or ".join(WEEKDAYS[w] for w in wds)
    return Hit(d, f"{'next ' if m[1] == 'next' else ''}{name}"), m.start()


def _days(text: str, interview: dt.date):
    if re.search(r"\bday\s+after\s+tomorrow\b", text):
        return Hit(interview + dt.timedelta(days=2), "the day after tomorrow")
    if re.search(r"\btomorrow\b", text):
        return Hit(interview + dt.timedelta(days=1), "tomorrow")
    if re.search(r"\b(?:end\s+of\s+(?:the\s+)?(?:business\s+)?day|close\s+of\s+business|today|tonight)\b", text):
        return Hit(interview, "by the end of the day")
    if RE_YEAR_END.search(text):
        return Hit(dt.date(interview.year, 12, 31), "by the end of the year")
    return None


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
