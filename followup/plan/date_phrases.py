"""Dates named in what the employer said: a date ("by March 3", "3/4", "2026-11-20", "the 15th",
"Friday 16th", with its weekday checked) and a range of two dates read from its far end ("between the
10th and the 20th"). The patterns and shared date rules are in followup/plan/phrases.py;
followup/plan/reading.py's ``find`` tries these readers with the others."""
from __future__ import annotations

import datetime as dt
import re

from followup.plan.phrases import (MONTHS, RE_DAY_MONTH, RE_ISO, RE_MONTH_DAY, RE_NUMERIC, RE_THE_NTH, RE_TIME_WORD,
                                   RE_WD_NTH,
                                   WEEKDAYS, _MONTH_NAMES, _NUM, _UNIT, _WD, _WEEKDAY, Ask, Hit, _date,
                                   _duration_match, _next_nth,
                                   _ordinal, _yearless, fmt)


RE_WD_BEFORE = re.compile(r"\b(" + _WEEKDAY + r"),?\s+(?:the\s+)?$")  # "Tuesday 9th November": its weekday


def _same_weekday(text: str, start: int, d: dt.date) -> dt.date:
    """``d``, when the weekday named just before the date (if any) is its weekday; else ask."""
    if (w := RE_WD_BEFORE.search(text[:start])) and (wd := _WD[w[1].rstrip("s")]) != d.weekday():
        raise Ask(f"{d.day} {MONTHS[d.month - 1]} {d.year} is a {WEEKDAYS[d.weekday()]}, not a {WEEKDAYS[wd]}")
    return d


def _dates(text: str, interview: dt.date, cal):
    """The first date named in the text (by kind of pattern, not by position): (Hit, start) or None."""
    found = _date_span(text, interview, cal)
    return None if found is None else found[:2]


def _date_span(text: str, interview: dt.date, cal):
    """As ``_dates``, with the end of the words read: (Hit, start, end) or None."""
    if m := RE_ISO.search(text):
        d = _date(int(m[1]), int(m[2]), int(m[3]))
        if d is None:
            raise Ask(f"“{m[0]}” is not a real date")
        return Hit(_same_weekday(text, m.start(), d), f"by {fmt(d)}"), m.start(), m.end()
    for rx, order in ((RE_MONTH_DAY, "md"), (RE_DAY_MONTH, "dm")):
        if m := rx.search(text):
            mon, day = (m[1], m[2]) if order == "md" else (m[2], m[1])
            mo, day = _MONTH_NAMES[mon.rstrip(".")], int(day)
            name = f"{day} {MONTHS[mo - 1]}"
            if m[3]:
                d = _date(int(m[3]), mo, day)
                if d is None:
                    raise Ask(f"“{name} {m[3]}” is not a real date")
            else:
                d = _yearless(interview, mo, day, name)
            return Hit(_same_weekday(text, m.start(), d), f"{name}"), m.start(), m.end()
    if m := RE_NUMERIC.search(text):
        a, b = int(m[1]), int(m[2])
        if a > 12 and b > 12 or not a or not b:
            raise Ask(f"“{m[0]}” is not a real date")
        if a <= 12 and b <= 12 and a != b:
            raise Ask(f"“{m[0]}” could be {a} {MONTHS[b - 1]} or {b} {MONTHS[a - 1]}, so it was not guessed; "
                       "write the month as a word, like “by 3 April”")
        day, mo = (a, b) if a > 12 or a == b else (b, a)
        if m[3]:
            y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            d = _date(y, mo, day)
            if d is None:
                raise Ask(f"“{m[0]}” is not a real date")
        else:
            d = _yearless(interview, mo, day, f"{day} {MONTHS[mo - 1]}")
        return Hit(_same_weekday(text, m.start(), d), f"{day} {MONTHS[mo - 1]}"), m.start(), m.end()
    if m := RE_WD_NTH.search(text):  # the next such day of the month, which must fall on that weekday
        wd, day = _WD[m[1].rstrip("s")], int(m[2])
        hit = _next_nth(interview, day)
        if hit is None or hit.weekday() != wd:
            raise Ask(f"the {_ordinal(day)} is not a {WEEKDAYS[wd]}" if hit else f"“{m[0]}” is not a real date")
        return Hit(hit, f"{WEEKDAYS[wd]} the {_ordinal(day)}"), m.start(), m.end()
    if m := RE_THE_NTH.search(text):
        day = int(m[1])
        if not 1 <= day <= 31:
            raise Ask(f"“the {day}th” is not a day of the month")
        if (d := _next_nth(interview, day)) is not None:  # from the number: "after 20th" is after it
            return Hit(d, f"the {_ordinal(day)}"), m.start(1), m.end()
    return None


RE_DATE_JOIN = re.compile(  # between two dates of a range: "the 10th and the 20th", "Nov 10 - Nov 20"
    r"\s*(?:-|\b(?:to|and|or|through|thru|till|until)\b)\s*(?:(?:by|before)\s+)?")
RE_BARE_DAY = re.compile(  # the second day of a range with the first's month: "the 10th and 20th", "Nov 10-20"
    r"(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?!\s*(?:[/.:]\s*[0-9]|" + _UNIT + r"|am\b|pm\b|%))")


def _date_range(text: str, interview: dt.date, cal):
    """Two dates joined as a range ("between the 10th and the 20th", "from Nov 10 to Nov 20",
    "the 10th-20th"): a decision by its far end. The second date is read on or after the first
    ("the 25th to the 5th" ends next month). None when the text names no such range."""
    for j in RE_DATE_JOIN.finditer(text):
        left, right = text[:j.start()], text[j.end():]
        try:
            first = _date_span(left, interview, cal)
        except Ask:
            continue
        if first is None or first[2] != len(left):
            continue
        a = first[0]
        lead = re.match(r"(?:the\s+)?", right).end()
        try:
            second = _date_span(right, a.date, cal)
        except Ask:
            continue
        if second is not None and second[1] <= lead:
            b, b_name = second[0].date, second[0].phrase.removeprefix("by ")
        elif m := RE_BARE_DAY.match(right):
            b = _next_nth(a.date, int(m[1]))
            if b is None:
                continue
            b_name = f"the {_ordinal(b.day)}" if a.phrase.startswith("the ") else f"{b.day} {MONTHS[b.month - 1]}"
        else:
            continue
        a_name = a.phrase.removeprefix("by ")
        return Hit(max(a.date, b), f"by {b_name}, the far end of {a_name} to {b_name}")
    return None


RE_WD_LEAD = re.compile(r"\b(?:" + _WEEKDAY + r"),?\s*(?:the\s+)?$")  # "Wed 11 Oct": its weekday goes with it


def drop_interview_day(text: str, interview: dt.date, cal) -> str:
    """The text without dates that are the interview day itself ("Thanks for speaking with me on 25/5",
    "Re: our meeting on 16 April", "Sent: Monday, April 16, 2029"): when another time is left, that one
    is their decision, not the day of the interview. A date alone is kept (the page then says so)."""
    spans = []
    for rx in (RE_ISO, RE_MONTH_DAY, RE_DAY_MONTH, RE_NUMERIC, RE_WD_NTH):
        for m in rx.finditer(text):
            try:
                found = _date_span(m[0], interview, cal)
                same = found is not None and found[0].date == interview
            except Ask:  # "11/08", either way round: is one of them the interview day?
                same = rx is RE_NUMERIC and interview in {_date(interview.year, int(m[2]), int(m[1])),
                                                          _date(interview.year, int(m[1]), int(m[2]))}
            if same:
                lead = RE_WD_LEAD.search(text[:m.start()])
                spans.append((lead.start() if lead else m.start(), m.end()))
    if not spans:
        return text
    out = text
    for a, b in sorted(spans, reverse=True):
        out = out[:a] + " , " + out[b:]
    return out if RE_TIME_WORD.search(out) else text


RE_SPAN_FROM = re.compile(r"\b(" + _NUM + r")\s+(" + _UNIT + r")\s+(?:of|from|after)\s+")


def span_from_date(text: str, interview: dt.date, cal):
    """A wait counted from a date named after it ("10 days after the posting closes on 31 March", "within
    two weeks of the 12th", "a week after the closing date (5 April)"): that date plus the wait, or None."""
    if not (m := RE_SPAN_FROM.search(text)):
        return None
    try:
        found = _date_span(text[m.end():m.end() + 60], interview, cal)
    except Ask:
        return None
    if found is None or found[0].date < interview:
        return None
    base = found[0].date
    if (nth := re.match(r"\s*(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)\b", text[m.end():])) and int(nth[1]) == interview.day:
        base = interview  # "within two weeks of the 12th", said on the 12th: from that day, not next month's
    wait = _duration_match(f"{m[1]} {m[2]}", base, cal)
    if wait is None:
        return None
    return Hit(wait[0].date, f"{m[1]} {m[2]} after {fmt(base)}")
