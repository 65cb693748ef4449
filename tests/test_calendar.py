"""The .ics export (followup.calendar.plan_to_ics): RFC 5545 shape, two parsers, injection."""
from __future__ import annotations

import datetime as dt

import ics
import pytest
from icalendar import Calendar

from followup.plan import timing as T
from followup.plan.calendar import plan_to_ics

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
INJECTION = ("by Friday\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nDTSTAMP:20260101T000000Z\r\n"
             "DTSTART;VALUE=DATE:20260101\r\nSUMMARY:INJECTED\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:x")


def plans():
    yield T.plan(dt.date(2026, 3, 2), "2-3 weeks")
    yield T.plan(dt.date(2025, 12, 10), "it would be a while due to the holidays", via_agency=True)
    yield T.plan(dt.date(2026, 3, 2), "Zoë said: a, b; c \\ d — “soon” 🎉" * 8, industry="academia", country="SE")
    yield T.plan(dt.date(2026, 3, 2), INJECTION)


def events(text):
    return [c for c in Calendar.from_ical(text).walk("VEVENT")]


@pytest.mark.parametrize("plan", list(plans()))
def test_shape_crlf_folding_uid_dtstamp(plan):
    text = plan_to_ics(plan, now=NOW)
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(plan.steps)
    evs = events(text)
    assert len(evs) == len(plan.steps)
    uids = [str(e["UID"]) for e in evs]
    assert len(set(uids)) == len(uids)
    for e, s in zip(evs, plan.steps):
        assert "UID" in e and "DTSTAMP" in e
        assert e["DTSTAMP"].dt == NOW
        assert e["DTSTART"].dt == s.date and type(e["DTSTART"].dt) is dt.date
        assert e["DTSTART"].params.get("VALUE") == "DATE"
        assert e["DTEND"].dt == s.date + dt.timedelta(days=1)  # exclusive end of an all-day event
        assert str(e["SUMMARY"]) == s.title
        assert s.why in str(e["DESCRIPTION"])
        alarms = e.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY" and "TRIGGER" in alarms[0]


@pytest.mark.parametrize("plan", list(plans()))
def test_second_parser_agrees(plan):
    cal = ics.Calendar(plan_to_ics(plan, now=NOW))
    got = sorted((e.begin.date(), e.name, e.uid) for e in cal.events)
    want = sorted((e["DTSTART"].dt, str(e["SUMMARY"]), str(e["UID"])) for e in events(plan_to_ics(plan, now=NOW)))
    assert got == want and len(got) == len(plan.steps)
    assert all(e.all_day for e in cal.events)


def test_a_note_with_end_vevent_cannot_add_an_event():
    plan = T.plan(dt.date(2026, 3, 2), INJECTION)
    text = plan_to_ics(plan, now=NOW)
    evs = events(text)
    assert len(evs) == len(plan.steps) == 4
    assert "INJECTED" not in [str(e["SUMMARY"]) for e in evs]
    assert "evil@x" not in [str(e["UID"]) for e in evs]
    assert not any(line.startswith(("SUMMARY:INJECTED", "UID:evil")) for line in text.split("\r\n"))
    assert len(ics.Calendar(text).events) == 4
    # the text survives, escaped, inside the description
    assert "SUMMARY:INJECTED" in str(evs[0]["DESCRIPTION"])


def test_special_characters_round_trip():
    said = "Zoë said: a, b; c \\ d"
    text = plan_to_ics(T.plan(dt.date(2026, 3, 2), said), now=NOW)
    assert "a\\, b\\; c \\\\ d" in text.replace("\r\n ", "")  # escaped on the wire
    assert said in str(events(text)[0]["DESCRIPTION"])  # and back


def test_uids_are_stable_across_exports_and_differ_between_plans():
    p = T.plan(dt.date(2026, 3, 2), "2-3 weeks")
    a = [str(e["UID"]) for e in events(plan_to_ics(p, now=NOW))]
    b = [str(e["UID"]) for e in events(plan_to_ics(T.plan(dt.date(2026, 3, 2), "2-3 weeks"),
                                                   now=NOW + dt.timedelta(days=3)))]
    assert a == b
    other = [str(e["UID"]) for e in events(plan_to_ics(T.plan(dt.date(2026, 3, 3), "2-3 weeks"), now=NOW))]
    assert not set(a) & set(other)


def test_dtstamp_defaults_to_now_in_utc():
    text = plan_to_ics(T.plan(dt.date(2026, 3, 2)))
    stamp = events(text)[0]["DTSTAMP"].dt
    assert stamp.tzinfo is not None and abs(dt.datetime.now(dt.timezone.utc) - stamp) < dt.timedelta(minutes=5)
