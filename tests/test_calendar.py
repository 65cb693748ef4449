"""The .ics export (followup.calendar.plan_to_ics): RFC 5545 shape, two parsers, injection."""
from __future__ import annotations

import datetime as dt

import ics
import pytest
from icalendar import Calendar

from followup.plan import timing as T
from followup.plan.calendar import plan_to_ics, step_title

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
        assert str(e["SUMMARY"]) == step_title(s.kind)  # no company given: the step alone
        assert s.why in str(e["DESCRIPTION"])
        alarms = e.walk("VALARM")
        if s.date > NOW.date():  # the plan has no today: NOW's date decides what is still to come
            assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY" and "TRIGGER" in alarms[0]
        else:
            assert alarms == []


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


# --- issue 15: both pages' files agree ---------------------------------------------------------
def test_titles_name_the_step_and_the_company_and_move_on_is_not_other():
    p = T.plan(dt.date(2026, 3, 2), "2-3 weeks", today=dt.date(2026, 3, 1))
    titles = [str(e["SUMMARY"]) for e in events(plan_to_ics(p, now=NOW, company="  Acme   Ltd "))]
    assert titles == ["Send a thank-you note: Acme Ltd", "Send a follow-up email: Acme Ltd",
                      "Send a last follow-up: Acme Ltd", "Move on: Acme Ltd"]


def test_reminders_only_on_steps_after_today():
    p = T.plan(dt.date(2026, 3, 2), "", today=dt.date(2026, 3, 9))  # follow-up due today
    evs = events(plan_to_ics(p, now=NOW, company="Acme"))
    has_alarm = {e["DTSTART"].dt: bool(e.walk("VALARM")) for e in evs}
    assert has_alarm == {s.date: s.date > dt.date(2026, 3, 9) for s in p.steps}
    assert set(has_alarm.values()) == {True, False}  # the case has both
    for e in evs:  # every alarm fires at 09:00 on a day after today
        for a in e.walk("VALARM"):
            assert a["TRIGGER"].dt == dt.timedelta(hours=9) and e["DTSTART"].dt > dt.date(2026, 3, 9)


def test_uid_is_per_company_interview_and_step():
    from followup.plan.calendar import step_uid
    d = dt.date(2026, 3, 2)
    assert step_uid("Acme Ltd", d, "thank_you") == step_uid(" acme  ltd", d, "thank_you")
    assert len({step_uid("Acme", d, "thank_you"), step_uid("Acme", d, "follow_up"),
                step_uid("Acme", d + dt.timedelta(days=1), "thank_you"), step_uid("Beta", d, "thank_you")}) == 4
    # a changed reading of what they said keeps the events (the dates move, the UIDs stay)
    a = [str(e["UID"]) for e in events(plan_to_ics(T.plan(d, "2-3 weeks"), now=NOW, company="Acme"))]
    b = [str(e["UID"]) for e in events(plan_to_ics(T.plan(d, "by Friday"), now=NOW, company="Acme"))]
    assert a == b


def test_google_calendar_link_is_a_plain_encoded_url():
    import urllib.parse

    from followup.plan.calendar import google_calendar_url
    url = google_calendar_url("Send a thank-you note: A&B=C #1", dt.date(2026, 12, 31), "why?&x=1 " + "w" * 900)
    parts = urllib.parse.urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "calendar.google.com", "/calendar/render")
    q = urllib.parse.parse_qs(parts.query)
    assert set(q) == {"action", "text", "dates", "details"}  # user text cannot add a parameter
    assert q["action"] == ["TEMPLATE"] and q["text"] == ["Send a thank-you note: A&B=C #1"]
    assert q["dates"] == ["20261231/20270101"]  # all-day: exclusive end, across the year
    assert q["details"][0].startswith("why?&x=1 ") and len(q["details"][0]) <= 600
    assert "#" not in url and " " not in url


def test_planner_and_timeline_files_share_uids_titles_dates_and_alarms(engine):
    """The same plan exported from the planner and, once added, from the timeline: the same events
    (UID, title, date), read by two parsers; reminders only on the steps after today in both."""
    from followup import tracker
    from followup.log import exports
    today = dt.date(2026, 3, 9)  # the interview was a week ago: the thank-you is past, the follow-up today
    p = T.plan(dt.date(2026, 3, 2), "2-3 weeks", country="GB", today=today)
    tracker.add_plan_to_log(engine, "me", p, company="Acme Ltd", role="Analyst")
    log = tracker.load_log(engine, "me")
    planner = plan_to_ics(p, now=NOW, company="Acme Ltd")
    timeline = exports.to_ics(log, now=NOW, today=today).decode("utf-8")

    def by_uid(text):
        return {str(e["UID"]): (e["DTSTART"].dt, str(e["SUMMARY"]), bool(e.walk("VALARM"))) for e in events(text)}

    a, b = by_uid(planner), by_uid(timeline)
    assert len(a) == len(p.steps) == 4
    assert a == b  # nothing is done yet, so the timeline has every step of the plan, as the same events
    assert {(d, alarm) for d, _, alarm in a.values()} == {(s.date, s.date > today) for s in p.steps}
    assert all(title.endswith(": Acme Ltd") for _, title, _ in b.values())
    for text in (planner, timeline):  # a second parser reads the same UIDs and dates
        assert sorted((e.uid, e.begin.date()) for e in ics.Calendar(text).events) == sorted(
            (uid, v[0]) for uid, v in a.items())
    # the thank-you logged as done: the timeline's file drops it, the others keep their UIDs
    ty = next(e for e in log[0]["events"] if e["kind"] == "thank_you")
    tracker.update_event(engine, "me", ty["id"], done=True)
    again = by_uid(exports.to_ics(tracker.load_log(engine, "me"), now=NOW, today=today).decode("utf-8"))
    assert set(again) == set(a) - {uid for uid, v in a.items() if v[1].startswith("Send a thank-you")}
    assert all(again[uid] == a[uid] for uid in again)
