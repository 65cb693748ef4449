"""Calendar files (.ics, written with the ``icalendar`` library) and Google Calendar links for
the steps of a plan; the timeline's ``.ics`` (``followup.log.exports.to_ics``) writes its steps
with the same functions, so both files agree.

- Every step is an all-day event (``DTSTART;VALUE=DATE``, exclusive ``DTEND``) titled with the
  step and the company ("Send a thank-you note: Acme").
- A display reminder at 09:00 on the day, **only for a step after today** (a reminder for a day
  already begun would fire at once, or never).
- **One UID per (application, step)**: derived from the company (case and spaces ignored), the
  interview date and the step kind, the key both pages know. Exporting the same plan again, from
  the planner or the timeline, updates the events in a calendar app instead of duplicating them.
- The library writes CRLF line ends, folds lines at 75 octets and escapes ``, ; \\`` and newlines,
  so user text (what the employer said, a company name) cannot add events or properties.
No Streamlit here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import urllib.parse

from icalendar import Alarm, Calendar, Event

from followup.advice.content import article
from followup.dates import fmt_date
from followup.log.records import KINDS, PLAN_STEP_LABEL

PRODID = "-//Interview Follow-Up Coach//Wait-time planner//EN"
UID_DOMAIN = "interview-followup-coach.invalid"
REMINDER = dt.timedelta(hours=9)  # 09:00 on the day of an all-day event
MAX_SAID_IN_CALENDAR = 300
GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
MAX_GOOGLE_DETAILS = 600  # characters: a link stays well under browsers' URL limits


def step_title(kind: str, company: str = "") -> str:
    """"Send a thank-you note: Acme": the step, and the company when known."""
    what = PLAN_STEP_LABEL.get(kind) or KINDS.get(kind) or kind.replace("_", " ").capitalize()
    company = " ".join((company or "").split())
    return f"{what}: {company}" if company else what


def step_uid(plan_or_company, step_or_interview, kind: str | None = None) -> str:
    """The UID of one step of one application: ``step_uid(company, interview, kind)``, or
    ``step_uid(plan, step)`` (no company: a plan not yet tied to one). Case and runs of spaces
    in the company do not matter."""
    if kind is None:  # (plan, step)
        company, interview, kind = "", plan_or_company.interview, step_or_interview.kind
    else:
        company, interview = plan_or_company, step_or_interview
    key = "\x1f".join([" ".join((company or "").split()).casefold(), interview.isoformat(), kind])
    return f"{hashlib.sha256(key.encode('utf-8', 'replace')).hexdigest()[:32]}@{UID_DOMAIN}"


def _passages(refs) -> str:
    art = article()
    out = []
    for ref in refs:
        p = art.get(ref)
        out.append(f"{p.label} ({p.speaker.display_name})" if p else ref)
    return "; ".join(out)


def step_description(plan, step) -> str:
    lines = [step.why, "", f"Rests on: {_passages(step.refs)}."]
    if step.latest and step.latest != step.date:
        lines.append(f"Window: until {fmt_date(step.latest)}.")
    said = "".join(ch if ch.isprintable() or ch == "\n" else " "
                   for ch in (plan.said or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if said:
        if len(said) > MAX_SAID_IN_CALENDAR:
            said = said[:MAX_SAID_IN_CALENDAR] + "…"
        lines.append(f"What they told you about timing: {said}")
    lines.append(f"How it was read: {plan.understood}")
    lines.append(f"Interview: {fmt_date(plan.interview)}. Business days of {plan.country_name or plan.country}"
                 + (f" ({plan.subdivision})" if plan.subdivision else "") + ".")
    return "\n".join(lines)


def new_calendar(name: str, prodid: str = PRODID) -> Calendar:
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def all_day_event(*, uid: str, date: dt.date, title: str, description: str, stamp: dt.datetime,
                  today: dt.date) -> Event:
    """One all-day event; a 09:00 reminder only when ``date`` is after ``today``."""
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", date)  # a date -> VALUE=DATE
    ev.add("dtend", date + dt.timedelta(days=1))  # exclusive end of an all-day event
    ev.add("summary", title)
    if description:
        ev.add("description", description)
    ev.add("transp", "TRANSPARENT")
    ev.add("categories", ["Job search"])
    if date > today:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title)
        alarm.add("trigger", REMINDER)
        ev.add_component(alarm)
    return ev


def stamp_of(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)


def plan_to_ics(plan, *, now: dt.datetime | None = None, company: str = "") -> str:
    """The plan's steps as an iCalendar text (CRLF line ends, folded, escaped). ``company`` (optional)
    names the events and keys their UIDs, as the timeline's export does for the same application.
    Reminders only for steps after the plan's today (or ``now``'s date when the plan has none)."""
    stamp = stamp_of(now)
    today = plan.today if isinstance(getattr(plan, "today", None), dt.date) else stamp.date()
    cal = new_calendar("Interview follow-up plan")
    for step in plan.steps:
        cal.add_component(all_day_event(
            uid=step_uid(company, plan.interview, step.kind), date=step.date,
            title=step_title(step.kind, company), description=step_description(plan, step),
            stamp=stamp, today=today))
    return cal.to_ical().decode("utf-8")


def google_calendar_url(title: str, date: dt.date, details: str = "") -> str:
    """A Google Calendar "add event" link for an all-day event (a plain URL: the app requests nothing;
    the user's browser opens it). Text is percent-encoded, so it cannot add parameters."""
    details = details if len(details) <= MAX_GOOGLE_DETAILS else details[:MAX_GOOGLE_DETAILS - 1] + "…"
    params = {"action": "TEMPLATE", "text": title,
              "dates": f"{date:%Y%m%d}/{date + dt.timedelta(days=1):%Y%m%d}", "details": details}
    return f"{GOOGLE_TEMPLATE}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe='')}"


def step_google_url(plan, step, company: str = "") -> str:
    return google_calendar_url(step_title(step.kind, company), step.date, step_description(plan, step))
