"""A plan as an iCalendar (.ics) file, written with the ``icalendar`` library.

Every step becomes an all-day event (``DTSTART;VALUE=DATE``, exclusive ``DTEND``) with a
display reminder at 09:00 on the day. The library writes CRLF line ends, folds lines at
75 octets and escapes ``, ; \\`` and newlines, so user text (what the employer said) cannot
add events or properties. UIDs are derived from the plan's inputs and the step kind: the same
plan exported twice gives the same UIDs, so a calendar app updates the events rather than
duplicating them. No Streamlit here.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from followup.advice.content import article

PRODID = "-//Interview Follow-Up Coach//Wait-time planner//EN"
UID_DOMAIN = "interview-followup-coach.invalid"
REMINDER = dt.timedelta(hours=9)  # 09:00 on the day of an all-day event
MAX_SAID_IN_CALENDAR = 300


def _plan_key(plan) -> str:
    parts = [plan.interview.isoformat(), plan.said or "", plan.industry, plan.country,
             plan.subdivision or "", "agency" if plan.via_agency else "direct"]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:16]


def step_uid(plan, step) -> str:
    """Stable UID for one step of one plan."""
    return f"{plan.interview:%Y%m%d}-{step.kind}-{_plan_key(plan)}@{UID_DOMAIN}"


def _passages(refs) -> str:
    art = article()
    out = []
    for ref in refs:
        p = art.get(ref)
        out.append(f"{p.label} ({p.speaker.display_name})" if p else ref)
    return "; ".join(out)


def _description(plan, step) -> str:
    lines = [step.why, "", f"Rests on: {_passages(step.refs)}."]
    if step.latest and step.latest != step.date:
        lines.append(f"Window: until {step.latest:%a %d %b %Y}.")
    said = "".join(ch if ch.isprintable() or ch == "\n" else " "
                   for ch in (plan.said or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if said:
        if len(said) > MAX_SAID_IN_CALENDAR:
            said = said[:MAX_SAID_IN_CALENDAR] + "…"
        lines.append(f"What they told you about timing: {said}")
    lines.append(f"How it was read: {plan.understood}")
    lines.append(f"Interview: {plan.interview:%a %d %b %Y}. Business days of {plan.country_name or plan.country}"
                 + (f" ({plan.subdivision})" if plan.subdivision else "") + ".")
    return "\n".join(lines)


def plan_to_ics(plan, *, now: dt.datetime | None = None) -> str:
    """The plan's steps as an iCalendar text (CRLF line ends, folded, escaped)."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Interview follow-up plan")
    for step in plan.steps:
        ev = Event()
        ev.add("uid", step_uid(plan, step))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", step.date)  # a date -> VALUE=DATE
        ev.add("dtend", step.date + dt.timedelta(days=1))  # exclusive end of an all-day event
        ev.add("summary", step.title or step.kind.replace("_", " "))
        ev.add("description", _description(plan, step))
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", ["Job search"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", step.title or step.kind.replace("_", " "))
        alarm.add("trigger", REMINDER)
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")
