"""Weeks in what the employer said, for followup/plan/reading.py: "next week", "this week or early next",
"the week after next", "a week from Friday", "Friday week", "a week tomorrow", "by the weekend", "midweek".
Split from followup/plan/phrases.py by concept: that module holds the shared patterns and reads dates,
durations and parts of months; this one reads weeks."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from followup.plan.phrases import _NUM, _WD, _WEEKDAY, WEEKDAYS, Ask, Hit, _num, _week_monday, fmt

if TYPE_CHECKING:
    from followup.plan.reading import ReadingRules

RE_AFTER_NEXT = re.compile(r"\bweek\s+after\s+next\b")
RE_WEEK_FROM = re.compile(  # "a week (on/from) Friday", "2 weeks from Friday", "Friday week" (UK)
    r"\b(?:(?P<n>" + _NUM + r")\s+weeks?\s+(?:from|on|after)\s+|a\s+(?:week|(?P<fn>fortnight))\s+(?:(?:from|on|after)\s+)?"
    r"|week\s+(?:from|on|after)\s+)(?:this\s+|next\s+)?(?P<wd>" + _WEEKDAY + r")|\b(?P<wd2>" + _WEEKDAY + r")\s+week\b")
RE_THIS_AND_NEXT = re.compile(r"\bthis\s+week\s+(?:and|or|to)\s+(?:the\s+)?(?:(early|beginning\s+of|start\s+of|mid|middle\s+of|"
                              r"late|end\s+of)\s+)?next(?:\s+week)?\b")  # its far end ("this week or early next")
RE_NEXT_OR = re.compile(r"\b(?:next|coming)\s+(week|month)\s+or\s+(two|three|[23])\b")  # "the next week or two"
RE_THIS_TIME = re.compile(r"\bthis\s+time\s+next\s+week\b")
RE_WEEKEND = re.compile(r"\b(?:(by|before|over|after|at|on|during)\s+)?(?:the\s+)?(?:(this|next)\s+)?weekend\b")
RE_TOMORROW_WEEK = re.compile(  # "a week tomorrow", "tomorrow week" (UK): a week after tomorrow
    r"\b(?:(a|one|two|2)\s+weeks?|(a\s+fortnight))\s+(?:from\s+|on\s+)?tomorrow\b|\btomorrow\s+(week|fortnight)\b")
RE_WEEK_AFTER = re.compile(  # "next week or early the week after": the week after next, its part
    r"\b(?:(\w+)\s+(?:in\s+)?)?the\s+week\s+after\b(?!\s*(?:next|that|the|this|[a-z]+day)\b)")
RE_WEEK_PART = re.compile(r"\b(?:(\w+)\s+(?:of\s+)?)?(next|this|the)\s+week\b(?!\s+after\b)")
RE_MIDWEEK = re.compile(r"\bmid-?\s*week\b")


def _weeks(text: str, interview: dt.date, R: ReadingRules):
    mon = _week_monday(interview)
    if m := RE_NEXT_OR.search(text):  # a range: its far end
        n = _num(m[2])
        d = interview + (dt.timedelta(days=7 * n) if m[1] == "week" else relativedelta(months=n))
        return Hit(d, f"within 1-{n} {m[1]}s")
    if m := RE_THIS_AND_NEXT.search(text):
        base = mon + dt.timedelta(days=7) if interview.weekday() >= 5 else mon
        if re.search(r"\bthe\s+week\s+after\b", text[m.end():]):  # "this week and next, decision the week after"
            return Hit(base + dt.timedelta(days=14 + R.week_parts["end"]), "in the week after next")
        part = (m[1] or "end").split()[0]
        part = part if part in R.week_parts else "end"
        return Hit(base + dt.timedelta(days=7 + R.week_parts[part]),
                   "by the end of next week" if part == "end" else f"{part} next week")
    if RE_THIS_TIME.search(text):
        return Hit(interview + dt.timedelta(days=7), "this time next week")
    if RE_AFTER_NEXT.search(text):
        return Hit(mon + dt.timedelta(days=14 + 4), "in the week after next")
    if m := RE_WEEK_FROM.search(text):
        wd = _WD[(m["wd"] or m["wd2"]).rstrip("s")]
        n = min(_num(m["n"]), 52) if m["n"] else 2 if m["fn"] else 1
        first = interview + relativedelta(days=1, weekday=wd)
        return Hit(first + dt.timedelta(days=7 * n), f"{'a week' if n == 1 else f'{n} weeks'} from {WEEKDAYS[wd]}")
    if m := RE_TOMORROW_WEEK.search(text):
        weeks = 2 if (m[2] or m[3] == "fortnight") else _num(m[1]) if m[1] else 1
        return Hit(interview + dt.timedelta(days=1 + 7 * weeks), f"{'a fortnight' if weeks == 2 else 'a week'} tomorrow"
                   if weeks <= 2 else f"{weeks} weeks tomorrow")
    if m := RE_WEEKEND.search(text):  # the coming weekend (next weekend: the one after)
        sat = interview + relativedelta(weekday=5) + dt.timedelta(days=7 if m[2] == "next" else 0)
        sun, when = sat + dt.timedelta(days=1), "next weekend" if m[2] == "next" else "the weekend"
        if m[1] in ("by", "before"):
            return Hit(sat - dt.timedelta(days=1), f"by {when}")  # its Friday
        if m[1] == "after":
            return Hit(sun + dt.timedelta(days=1), f"after {when}", "after", sun)
        return Hit(sun, f"over {when}")
    if (m := RE_WEEK_AFTER.search(text)) and re.search(r"\bnext\s+week\b", text[:m.start()]):
        part = m[1] if m[1] in R.week_parts else "end"
        base = mon + dt.timedelta(days=14 if interview.weekday() < 5 else 21)
        label = "in the week after next" if part == "end" else f"{part} in the week after next"
        return Hit(base + dt.timedelta(days=R.week_parts[part]), label)
    if m := RE_WEEK_PART.search(text):
        part = m[1] if m[1] in R.week_parts else "end"
        if m[2] == "next" or interview.weekday() >= 5:
            base = mon + dt.timedelta(days=7)
        else:
            base = mon
        d = base + dt.timedelta(days=R.week_parts[part])
        when = "next week" if m[2] == "next" else "this week"
        label = when if part == "end" else f"{part} {when}"
        if m[1] and (wd := _WD.get(m[1].rstrip("s"))) is not None and m[2] in ("next", "this"):
            d, label, part = base + dt.timedelta(days=wd), f"by {WEEKDAYS[wd]} {when}", ""  # "Thursday next week"
            if d < interview:
                raise Ask(f"{WEEKDAYS[wd]} {when} ({fmt(d)}) is before the interview")
        if d < interview:
            d = interview
        return Hit(d, f"{'by the end of ' if part == 'end' else ''}{label}")
    if RE_MIDWEEK.search(text):
        d = mon + dt.timedelta(days=R.week_parts["mid"] + (7 if interview.weekday() >= R.week_parts["mid"] else 0))
        return Hit(d, "midweek")
    return None
