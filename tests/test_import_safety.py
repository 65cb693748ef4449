"""Imports on a shared server (issue 10, point 6): values the planner does not know are refused (all or
nothing), CSV errors name the row, an upload is parsed once, failures are logged without the key."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from followup.log import exports, failures, imports
from tests.test_exports import HEADER, row


def csv_rows(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def app_row(company="Acme", industry="general", country="US", region="", note="n"):
    return f",{company},Dev,,no,active,,{industry},{country},{region},,interview,2026-03-10,done,{note}"


# --- the planner must know what is imported -------------------------------------------------------
@pytest.mark.parametrize("bad, field, words", [
    (dict(industry="tech"), "industry", "'tech' is not one the planner knows"),
    (dict(industry="Retail"), "industry", "'Retail' is not one the planner knows"),
    (dict(country="XX"), "country", "'XX' is not a country the planner knows"),
    (dict(region="ENG"), "subdivision", "'ENG' is not a region of US"),
    (dict(country="GB", region="CA"), "subdivision", "'CA' is not a region of GB"),
])
def test_csv_with_values_the_planner_does_not_know_imports_nothing(bad, field, words):
    data = csv_rows(app_row(note="a"), app_row(company="Beta", note="b", **bad), app_row(company="Gamma", note="c"))
    result = imports.parse_upload("x.csv", data)
    assert result.log == [] and not result.ok  # all or nothing: the two good rows are not imported either
    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"Row 3: {field} {words}"), result.errors


def test_json_with_an_unknown_region_imports_nothing():
    backup = json.loads(exports.to_json([
        {"uid": "a1", "company": "Acme", "role": "", "contact": "", "via_agency": False, "status": "active",
         "said": "", "industry": "general", "country": "DE", "subdivision": "XY", "events": []}]))
    result = imports.parse_upload("b.json", json.dumps(backup).encode())
    assert result.log == []
    assert result.errors == ["Application 1: subdivision 'XY' is not a region of DE the planner knows "
                             "(for example BB, BE, BW, BY, HB, HE, HH, MV)"]


@pytest.mark.parametrize("field, value", [("kind", ["applied"]), ("kind", {"a": 1}), ("status", ["active"]),
                                          ("status", {"x": 1})])
def test_json_with_a_list_or_object_for_a_code_names_its_row(field, value):
    """A list or an object where a code belongs raised TypeError (unhashable) inside the checks: the
    visitor got "The file could not be read" instead of the row and field to fix."""
    app = {"uid": "a1", "company": "Acme", "role": "", "contact": "", "via_agency": False, "status": "active",
           "said": "", "industry": "general", "country": "US", "subdivision": "",
           "events": [{"uid": "e1", "kind": "applied", "date": "2026-01-05", "done": True, "note": ""}]}
    if field == "kind":
        app["events"][0]["kind"] = value
    else:
        app[field] = value
    result = imports.parse_upload("b.json", json.dumps({"applications": [app]}).encode())
    assert result.log == [] and len(result.errors) == 1
    assert result.errors[0].startswith(f"Application 1, event 1: {field} must be one of"), result.errors


def test_known_values_in_any_case_import():
    result = imports.parse_upload("x.csv", csv_rows(app_row(country="US", region="ca"), app_row(company="B", country="GB", region="ENG")))
    assert result.errors == [] and [a["subdivision"] for a in result.log] == ["ca", "ENG"]


# --- CSV errors name the row ----------------------------------------------------------------------
def test_an_unclosed_quote_names_its_row():
    rows = [app_row(company=f"C{i}", note=str(i)) for i in range(20)]
    rows.append(app_row(company='"Unclosed, Inc', note="x"))  # row 22 (the header is row 1)
    rows.append(app_row(company="After", note="y"))
    result = imports.parse_upload("x.csv", csv_rows(*rows))
    assert result.log == []
    assert result.errors == ['Row 22: a quote is not closed (a cell that starts with " needs a closing ").']
    assert "unexpected end of data" not in result.errors[0]


def test_text_after_a_closing_quote_names_its_row():
    result = imports.parse_upload("x.csv", csv_rows(app_row(), app_row(company='"Acme" Ltd', note="2")))
    assert result.errors[0].startswith("Row 3: text follows a closing quote"), result.errors
    semi = (";".join(exports.CSV_COLUMNS) + "\n" + ';Acme;Dev;;no;active;;general;US;;;interview;2026-03-10;done;"a"b\n')
    assert imports.parse_upload("x.csv", semi.encode()).errors[0].startswith("Row 2: text follows a closing quote "
                                                                              "(after a cell's closing \" comes a semicolon")


def test_a_parser_bug_is_logged_not_shown(monkeypatch, caplog):
    def boom(text, today=None):
        raise RuntimeError("secret-key-ABCDEFGHIJKLMNOPQRSTUV and Acme's note")
    monkeypatch.setattr(imports, "parse_csv", boom)
    with caplog.at_level(logging.ERROR, logger="followup"):
        result = imports.parse_upload("x.csv", csv_rows(app_row()))
    assert result.errors == ["The file could not be read. Export it again from this app and retry."]
    assert "Failed parsing an uploaded file: RuntimeError at test_import_safety.py" in caplog.text
    assert "secret-key" not in caplog.text and "Acme" not in caplog.text


# --- an upload is parsed once -----------------------------------------------------------------------
def test_an_upload_is_parsed_once_while_it_sits_in_the_uploader(monkeypatch):
    calls = []
    real = imports.parse_upload
    monkeypatch.setattr(imports, "parse_upload", lambda name, data, today=None: calls.append(name) or real(name, data, today))
    reads = []
    data = csv_rows(app_row())

    def read():
        reads.append(1)
        return data

    session: dict = {}
    first = imports.parse_upload_once(session, "file-1", "x.csv", read)
    for _ in range(5):  # reruns while the file sits in the uploader
        assert imports.parse_upload_once(session, "file-1", "x.csv", read) is first
    assert calls == ["x.csv"] and len(reads) == 1
    imports.parse_upload_once(session, "file-2", "y.csv", read)  # another upload: parsed
    assert calls == ["x.csv", "y.csv"]


# --- what a failure log line holds ------------------------------------------------------------------
def test_failure_lines_hold_no_message_text(caplog):
    key = "k" * 43
    try:
        try:
            raise KeyError(key)
        except KeyError as inner:
            raise ValueError(f"owner key:{key} company Acme") from inner
    except ValueError:
        with caplog.at_level(logging.ERROR, logger="followup"):
            line = failures.log_failure(logging.getLogger("followup.test"), "saving")
    assert line.startswith("Failed saving: ValueError from KeyError at test_import_safety.py:")
    assert key not in caplog.text and "Acme" not in caplog.text
    assert line in caplog.text


def test_a_planner_failure_is_logged_once_and_the_timeline_goes_on(caplog):
    from followup.log import next_steps

    def broken(*a, **k):
        raise ValueError("Unknown subdivision 'QQ' for US")

    app = {"said": "", "industry": "general", "country": "US", "subdivision": "QQ-test", "via_agency": False}
    with caplog.at_level(logging.ERROR, logger="followup"):
        for _ in range(3):  # every rerun of the page asks again
            assert next_steps.plan_for(app, dt.date(2026, 3, 2), dt.date(2026, 3, 9), plan_fn=broken) is None
    lines = [r.getMessage() for r in caplog.records if "planning" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("Failed planning an application's next steps: ValueError at ")
    assert "QQ" not in caplog.text


# --- what is done has happened -----------------------------------------------------------------------
def test_a_done_event_after_today_is_refused_by_row_and_a_planned_one_is_not():
    today = dt.date(2026, 3, 20)
    done_later = app_row(company="B").replace("2026-03-10,done", "2099-01-01,done")
    planned_later = app_row(company="C").replace("2026-03-10,done", "2099-01-01,planned")
    result = imports.parse_upload("x.csv", csv_rows(app_row(), done_later, planned_later), today=today)
    assert result.log == [], "all or nothing"
    assert result.errors == ["Row 3: date 2099-01-01 is later than today (Fri 20 Mar 2026): what is done happened "
                             "today or before (choose 🗓️ Planned for a later date)"]
    assert imports.parse_upload("x.csv", csv_rows(app_row(), planned_later), today=today).ok
    backup = {"format": exports.FORMAT, "version": exports.FORMAT_VERSION, "applications": [
        {"company": "D", "events": [{"kind": "rejection", "date": "2026-03-21", "done": True, "note": ""}]}]}
    result = imports.parse_upload("b.json", json.dumps(backup).encode(), today=today)
    assert [e.split(":")[0] for e in result.errors] == ["Application 1, event 1"] and "later than today" in result.errors[0]
