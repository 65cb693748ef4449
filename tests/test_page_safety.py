"""AppTest of the timeline on a shared server (issue 10, point 6): the private workspace's row cap is said
on the page and stops adding with a message; an upload is parsed once while it sits in the uploader;
imports with values the planner does not know are refused by row; a failed import is logged on the
server, with no key, and the visitor sees a plain sentence."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from followup import tracker
from followup.log import exports, imports, records
from tests.test_page_timeline import add_application, open_page, tab, upload

D = dt.date


def good_log(n: int = 1) -> list[dict]:
    return [{"uid": f"imp{i}", "company": f"Imported {i}", "role": "", "contact": "", "via_agency": False,
             "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
             "events": [{"uid": f"ie{i}", "kind": "applied", "date": D(2026, 2, 1), "done": True, "note": ""}]}
            for i in range(n)]


@pytest.fixture
def shared(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")


def test_the_cap_is_said_and_stops_adding_with_a_message(app_test, engine, shared, monkeypatch):
    monkeypatch.setattr(records, "PRIVATE_ROW_CAP", 2)
    at = open_page(app_test)
    add_application(at, "First Ltd")
    add_application(at, "Second Ltd")
    add_application(at, "Third Ltd")  # over the cap of 2
    assert sum(tracker.count_rows(engine)) == 2
    errors = [e.value.replace("\\", "") for e in at.error]  # as shown: without Markdown's escapes
    assert any(e.startswith("Your log is full: a private workspace on this shared server holds at most 2 "
                            "applications and events together, and this would make 3.") for e in errors), errors
    at = tab(at, "data")
    said = [c.value for c in at.caption if "holds up to" in c.value]
    assert said == ["A private workspace on this shared server holds up to 2 applications and events together; "
                    "yours has 2."]


def test_the_local_log_has_no_cap_statement(app_test, engine):
    at = tab(open_page(app_test), "data")
    assert not any("holds up to" in c.value for c in at.caption)


def test_an_import_over_the_cap_is_refused_whole(app_test, engine, shared, monkeypatch):
    monkeypatch.setattr(records, "PRIVATE_ROW_CAP", 3)
    at = tab(open_page(app_test), "data")
    upload(at, "backup.json", exports.to_json(good_log(2)), "application/json")
    at.button(key="tl_import_go").click().run()
    assert sum(tracker.count_rows(engine)) == 0
    assert any(e.value.startswith("Nothing was imported: your log is full") for e in at.error)


def test_an_upload_is_parsed_once_across_reruns(app_test, engine, monkeypatch):
    calls = []
    real = imports.parse_upload
    monkeypatch.setattr(imports, "parse_upload", lambda name, data, *more: calls.append(name) or real(name, data, *more))
    at = tab(open_page(app_test), "data")
    upload(at, "backup.csv", exports.to_csv(good_log(3)))
    for _ in range(4):  # reruns (any click on the page) while the file sits in the uploader
        at.run()
    assert any("Preview: 3 application(s)" in t.value for t in at.text)
    assert calls == ["backup.csv"]
    at.button(key="tl_import_go").click().run()
    assert tracker.count_rows(engine) == (3, 3) and calls == ["backup.csv"]


def test_unknown_region_import_names_the_row_and_stores_nothing(app_test, engine):
    log = good_log(3)
    log[1]["subdivision"] = "ZZ"
    at = tab(open_page(app_test), "data")
    upload(at, "backup.csv", exports.to_csv(log))
    assert any("Nothing was imported" in e.value for e in at.error)
    assert [c.value for c in at.code] == ["Row 3: subdivision 'ZZ' is not a region of US the planner knows "
                                          "(for example AK, AL, AR, AS, AZ, CA, CO, CT)"]
    assert not [b for b in at.button if b.key == "tl_import_go"]
    assert tracker.count_rows(engine) == (0, 0)


def test_a_failed_import_is_logged_without_the_key_and_not_shown(app_test, engine, shared, monkeypatch, caplog):
    def boom(engine, owner, log, on_row=None):
        raise RuntimeError(f"database said no for {owner} with Imported 0")
    monkeypatch.setattr(tracker, "import_log", boom)
    at = tab(open_page(app_test), "data")
    key = at.query_params["key"]
    key = key[0] if isinstance(key, list) else key
    upload(at, "backup.json", exports.to_json(good_log(1)), "application/json")
    with caplog.at_level(logging.ERROR, logger="followup"):
        at.button(key="tl_import_go").click().run()
    assert [e.value for e in at.error] == ["The import failed and nothing was stored. Please try again."]
    assert "Failed importing a log: RuntimeError at " in caplog.text
    assert key not in caplog.text and "key:" not in caplog.text and "Imported 0" not in caplog.text
    assert "RuntimeError" not in str(at._tree)  # no exception, no details on the page
