"""Named holidays in what the employer said, for followup/plan/reading.py: "after Thanksgiving",
"before the bank holiday", "after the holiday weekend", "after the holidays" (the year's end). Spoken
names map to the ``holidays`` library's names through ``content/timing_rules.json`` (``reading.holidays``);
dates come from the calendar passed in (its ``holiday_names``, business days) and Easter Sunday from
dateutil. Split from followup/plan/phrases.py by concept: that module reads dates, durations and parts
of weeks and months; this one reads holidays."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.easter import easter

from followup.plan.phrases import PAST_DAYS, Ask, Hit, _prep, fmt

if TYPE_CHECKING:
    from followup.plan.reading import ReadingRules

RE_YEAR_HOLIDAYS = re.compile(r"\bholidays\b|\bchristmas\b|\bnew\s+years?\b|\bfestive\b|\bthe\s+break\b|\bholiday\s+season\b"
                              r"|\bfirst\s+of\s+the\s+year\b|\b(?:holiday|winter|year[\s-]end|end[\s-]of[\s-]year)\s+"
                              r"(?:break|shutdown|closure|period)\b")
RE_NEXT_YEAR = re.compile(r"(?<!end of )\bnext\s+year\b")  # said in November or December: after the year-end holidays
RE_BY = re.compile(r"\b(?:by|until|till|til)\s+$")
RE_HOLIDAY_WEEKEND = re.compile(r"\b(?:holiday|long|bank\s+holiday)\s+weekend\b")


@lru_cache(maxsize=8192)  # the same few hundred names, for every phrase read
def name_words(name: str) -> str:
    """A holiday's name as it is compared with what was typed: lower case, without apostrophes, full
    stops and the library's notes ("King's Birthday (in most regions)" -> "kings birthday")."""
    name = re.sub(r"\s*\((?:observed|estimated|in most regions)\)", "", name.lower())
    return " ".join(re.sub(r"\bsaint\b", "st", re.sub(r"['’.]", "", name)).split())


@lru_cache(maxsize=4096)
def whole_word(words: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(words) + r"\b")


def holiday_date(name: str, frags: tuple[str, ...], interview: dt.date, cal) -> dt.date | None:
    """The next day on or after the interview whose holiday name contains a fragment."""
    if name == "easter":
        for year in (interview.year, interview.year + 1):
            if easter(year) >= interview:
                return easter(year)
    for f in frags:  # the first fragment that names a coming holiday wins ("midsummer day" before "midsummer")
        f = f if f == "*" else name_words(f)
        hits = sorted(d for d, n in cal.holiday_names.items()
                      if d >= interview and (f == "*" or name_words(n).startswith(f)))
        if hits:
            return hits[0]
    return None


def library_names(interview: dt.date, cal) -> dict[str, tuple[str, ...]]:
    """The country's own holiday names, as the holidays library gives them ("waitangi day", "kings
    birthday"), for holidays the spoken names in the rule file do not list; the year-end break's are left
    to the year-end reading."""
    out: dict[str, tuple[str, ...]] = {}
    for d, names in cal.holiday_names.items():
        if abs((d - interview).days) > 400 or (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 10):
            continue
        for n in names.split("; "):
            words = name_words(n)
            if len(words) >= 4:  # "holi"
                out[words] = (words,)
    return out


def holiday_past(name: str, frags: tuple[str, ...], interview: dt.date, cal) -> dt.date | None:
    """The last day before the interview whose holiday name contains a fragment, if it is at most
    PAST_DAYS before it ("after Labor Day" said a week after Labor Day); None for "any holiday"."""
    if "*" in frags:
        return None
    days = [easter(interview.year)] if name == "easter" else [
        d for d, n in cal.holiday_names.items() if any(name_words(n).startswith(name_words(f)) for f in frags)]
    past = [d for d in days if interview - dt.timedelta(days=PAST_DAYS) <= d < interview]
    return max(past, default=None)


def weekend_of(name: str) -> str:
    """ "Victoria Day weekend (in most regions)", not "Victoria Day (in most regions) weekend"."""
    base, note = (name[: -len(" (in most regions)")], " (in most regions)") if name.endswith(" (in most regions)") \
        else (name, "")
    return f"{base} weekend{note}"


def run_end(d: dt.date, cal) -> dt.date:
    """The last day of the run of non-business days that includes ``d`` (a holiday, its weekend)."""
    while not cal.is_business_day(d + dt.timedelta(days=1)):
        d += dt.timedelta(days=1)
    return d


def read_holidays(text: str, interview: dt.date, cal, R: ReadingRules):
    """Named holidays, holiday weekends and the year-end holidays."""
    # The rule file's spoken names first ("mlk day", "4th of july"), then the country's own names
    # from the library ("Waitangi Day", "St. Brigid's Day"); both matched without apostrophes or full
    # stops ("presidents' day", "st. patrick's day")
    plain = name_words(text)
    named = [(name_words(s), R.holidays[s]) for s in sorted(R.holidays, key=len, reverse=True)]
    named += sorted(library_names(interview, cal).items(), key=lambda kv: -len(kv[0]))
    one_named = any("*" not in frags and (whole_word(s).search(plain) or s.endswith(" day")
                                          and whole_word(s[:-4] + " weekend").search(plain)) for s, frags in named)
    m = RE_HOLIDAY_WEEKEND.search(text)
    if m and not one_named:  # "after the long weekend"; "the King's Birthday long weekend" is that holiday's
        days = sorted(d for d in cal.holiday_names if interview - dt.timedelta(days=3) <= d
                      <= interview + dt.timedelta(days=21))
        if not days:
            raise Ask("no public holiday falls in the three weeks after the interview")
        h = days[0]
        end = h + dt.timedelta(days=6 - h.weekday()) if h.weekday() >= 3 else h
        end = run_end(end, cal)
        if _prep(text, m.start()) == "before":
            return Hit(cal.last_on_or_before(h - dt.timedelta(days=1)), f"before the {weekend_of(cal.holiday_names[h])}")
        return Hit(cal.add(end, 1), f"after the {weekend_of(cal.holiday_names[h])}", "after", end)
    where = plain
    for spoken, frags in named:
        m, weekend = whole_word(spoken).search(where), False
        if not m and spoken.endswith(" day") and (m := whole_word(spoken[:-4] + " weekend").search(where)):
            weekend = True  # "after Labour weekend" (NZ): that holiday's weekend
        if not m or spoken in ("christmas", "new year", "new years") and interview.month in (11, 12, 1):
            continue
        h = holiday_date(spoken, frags, interview, cal)
        coming_soon = h is not None and (h - interview).days <= PAST_DAYS  # "after Eid": the next one, not the last
        if not coming_soon and (past := holiday_past(spoken, frags, interview, cal)) is not None:
            raise Ask(f"{cal.holiday_names.get(past) or spoken.title()} ({fmt(past)}) is already past on the "
                      f"interview date ({fmt(interview)}); it was not moved to next year")
        if h is None:
            raise Ask(f"{spoken.title()} was not found in this country's public holidays")
        name = cal.holiday_names.get(h) or spoken.title()
        if "*" in frags:
            name = f"the {spoken} ({name})"
        wk = re.search(r"\bweek\s+after\s+$", where[:m.start()].replace(" the ", " ").rstrip() + " ")
        if wk:
            monday = h + dt.timedelta(days=7 - h.weekday())
            return Hit(monday + dt.timedelta(days=4), f"in the week after {name}")
        prep = _prep(where, m.start())
        if prep == "before":
            return Hit(cal.last_on_or_before(h - dt.timedelta(days=1)), f"before {name}")
        if prep == "after":
            end = run_end(h, cal) if not cal.is_business_day(h) else h
            if weekend or re.match(r"\s*(?:long\s+|holiday\s+)?weekend\b", where[m.end():]):  # "after the Thanksgiving weekend"
                end = run_end(h + dt.timedelta(days=6 - h.weekday()) if h.weekday() >= 3 else h, cal)
                return Hit(cal.add(end, 1), f"after the {weekend_of(name)}", "after", end)
            return Hit(cal.add(end, 1), f"after {name}", "after", h)
        return Hit(h, f"by {name}")
    if RE_NEXT_YEAR.search(text) and interview.month >= 11 and not RE_YEAR_HOLIDAYS.search(text):
        return dt.date(interview.year + 1, 1, 1)  # "early next year", said near the year's end
    m = RE_YEAR_HOLIDAYS.search(text)
    if m and m[0] == "christmas" and RE_BY.search(text[:m.start()]) and interview < dt.date(interview.year, 12, 25):
        return Hit(dt.date(interview.year, 12, 25), "by Christmas")  # a decision date (the plan moves past the break)
    if m:
        if _prep(text, m.start()) == "before":
            start = dt.date(interview.year, 12, 24)
            if interview >= start:
                raise Ask("the year-end break has already begun")
            return Hit(cal.last_on_or_before(start - dt.timedelta(days=1)), "before the holidays")
        if interview.month >= 11:
            return dt.date(interview.year + 1, 1, 1)
        if interview.month == 1 and interview < cal.first_back(interview.year):
            return dt.date(interview.year, 1, 1)
        if interview.month == 1 and "new year" in text:
            raise Ask("New Year's Day has already passed")
        raise Ask("it mentions holidays, but the end-of-year holidays are not near the interview date")
    return None
