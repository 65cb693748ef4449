"""Exports of a timeline log: CSV (spreadsheet-safe), JSON (the lossless backup) and .ics.

A *log* is a list of applications (dicts with ``uid``, the application fields and ``events``,
a list of dicts with ``uid``, ``kind``, ``date``, ``done``, ``note``), as
``followup.log.store.load_log`` returns (database ids are dropped on export).

- CSV is spreadsheet-safe: a cell beginning with ``= + - @`` TAB, CR or LF (after any run of
  ``'``) gets one ``'`` in front; import strips exactly that one ``'``, so a round trip is lossless.
  The same holds after every ``,`` ``;`` TAB, CR and LF *inside* a cell: a spreadsheet that opens
  the file with ``;`` or TAB as its separator (Excel in German, French or Swedish locales) starts a
  cell there, so no such cell starts with a trigger either (``a;=1`` is written ``a;'=1``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

FORMAT = "followup-timeline"
FORMAT_VERSION = 1

APP_COLUMNS = ["application_id", "company", "role", "contact", "via_agency", "status", "said",
               "industry", "country", "subdivision"]
EVENT_COLUMNS = ["event_id", "kind", "date", "done", "note"]
CSV_COLUMNS = APP_COLUMNS + EVENT_COLUMNS
APP_KEYS = ["company", "role", "contact", "via_agency", "status", "said", "industry", "country",
            "subdivision"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
SEPARATORS = (",", ";", "\t", "\r", "\n")  # where a spreadsheet may start a cell (or a row)

# A cell starts at the start of the value and after each separator; a start followed by any run of
# ``'`` and then a trigger gets one more ``'``. Separators are never added or removed, so the starts
# are the same before and after, and each start's first character that is not ``'`` is the same too:
# restore is the exact inverse of neutralise.
_START = r"(?:\A|(?<=[,;\t\r\n]))"
_TRIGGER_AHEAD = r"[=+\-@\t\r\n]"
_NEEDS_QUOTE = re.compile(_START + r"(?='*" + _TRIGGER_AHEAD + ")")
_ADDED_QUOTE = re.compile(_START + r"'(?='*" + _TRIGGER_AHEAD + ")")


# --- spreadsheet-safe cells ---------------------------------------------------------------------
def neutralise(value: str) -> str:
    """One ``'`` before every start of a cell (the value's start, and after each ``,`` ``;`` TAB, CR,
    LF) that a spreadsheet would read as a formula (also before ``'``+trigger, so that
    :func:`restore` is its exact inverse)."""
    return _NEEDS_QUOTE.sub("'", value)


def restore(value: str) -> str:
    """Remove exactly the ``'`` that :func:`neutralise` added."""
    return _ADDED_QUOTE.sub("", value)


# --- exports ------------------------------------------------------------------------------------
def _plain(log: list[dict]) -> list[dict]:
    """The log without database ids, in export order."""
    return [{"uid": a["uid"], **{k: a[k] for k in APP_KEYS},
             "events": [{k: e[k] for k in ("uid", "kind", "date", "done", "note")}
                        for e in a.get("events", [])]} for a in log]


def to_csv(log: list[dict]) -> bytes:
    """One row per event (application fields repeated); an application without events gets one
    row with empty event cells. UTF-8 with BOM so that spreadsheets read accents right."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for a in _plain(log):
        app_cells = [a["uid"], a["company"], a["role"], a["contact"], "yes" if a["via_agency"] else "no",
                     a["status"], a["said"], a["industry"], a["country"], a["subdivision"]]
        evs = a["events"] or [None]
        for e in evs:
            ev_cells = ["", "", "", "", ""] if e is None else [
                e["uid"], e["kind"], e["date"].isoformat(), "done" if e["done"] else "planned", e["note"]]
            w.writerow([neutralise(str(c)) for c in app_cells + ev_cells])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(log: list[dict]) -> bytes:
    data = {"format": FORMAT, "version": FORMAT_VERSION,
            "applications": [{**{k: v for k, v in a.items() if k != "events"},
                              "events": [{**e, "date": e["date"].isoformat()} for e in a["events"]]}
                             for a in _plain(log)]}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def to_ics(log: list[dict], now: dt.datetime | None = None, *, today: dt.date | None = None,
           plan_fn=None) -> bytes:
    """What is still to do for each active application, as all-day events, written like the
    planner's file (``followup.plan.calendar``): the plan's open steps (what "What's next" works
    through) with the planner's UIDs and titles, so exporting from either page updates the same
    events; other planned events (an interview to come, a call) with their own stable UIDs.
    Reminders only on events after ``today`` (default: ``now``'s date)."""
    from followup.log.next_steps import open_steps
    from followup.log.records import KINDS as LABELS
    from followup.log.records import PLAN_STEP_LABEL
    from followup.plan import calendar as icals

    stamp = icals.stamp_of(now)
    today = today or stamp.date()
    cal = icals.new_calendar("Interview follow-ups", "-//Interview Follow-Up Coach//timeline//EN")
    from_plan = tuple(PLAN_STEP_LABEL.values())
    for a, plain in zip(log, _plain(log)):
        if a["status"] != "active":
            continue
        plan, steps = open_steps(a, today, plan_fn)
        for step in steps:
            cal.add_component(icals.all_day_event(
                uid=icals.step_uid(a["company"], plan.interview, step.kind), date=step.date,
                title=icals.step_title(step.kind, a["company"]), description=icals.step_description(plan, step),
                stamp=stamp, today=today))
        for e in plain["events"]:
            if e["done"]:
                continue
            if plan is not None and (e["kind"] in ("thank_you", "follow_up_email") or e["note"].startswith(from_plan)):
                continue  # a step of the plan, written above from the plan itself
            title = f"{LABELS.get(e['kind'], e['kind'])}: {a['company']}" + (f" ({a['role']})" if a["role"] else "")
            cal.add_component(icals.all_day_event(uid=f"{e['uid']}@followup-coach", date=e["date"], title=title,
                                                  description=e["note"], stamp=stamp, today=today))
    return cal.to_ical()
