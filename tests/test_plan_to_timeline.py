"""The planner's "add this plan to my timeline": engine and page."""
from __future__ import annotations

import datetime as dt

import pytest

from followup import tracker, workspace
from followup.plan import timing


def test_add_plan_to_log_twice_adds_nothing_twice(engine):
    p = timing.plan(dt.date(2026, 3, 2), "2-3 weeks")
    app_id, existed = tracker.add_plan_to_log(engine, "alice", p, company="Acme", role="PA")
    assert not existed
    events = tracker.list_events(engine, "alice", app_id)
    assert [e["kind"] for e in events][0] == "interview"
    assert len(events) == 1 + len(p.steps)
    assert sum(not e["done"] for e in events) == len(p.steps)
    again, existed = tracker.add_plan_to_log(engine, "alice", p, company=" acme ", role="pa")
    assert (again, existed) == (app_id, True)
    assert len(tracker.list_events(engine, "alice", app_id)) == len(events)
    assert tracker.list_applications(engine, "bob") == []


def test_add_plan_to_log_needs_a_company(engine):
    p = timing.plan(dt.date(2026, 3, 2))
    with pytest.raises(tracker.ValidationError) as err:
        tracker.add_plan_to_log(engine, "alice", p, company="  ")
    assert "company" in err.value.errors
    assert tracker.count_rows(engine, "alice") == (0, 0)


def open_planner(app_test, said="2-3 weeks"):
    at = app_test().run()
    at.query_params.update({"interview": "2026-03-02", "said": said})
    at.switch_page("pages/plan/planner.py").run()
    assert not at.exception
    # "Add this plan to my timeline" builds its form only while open: closed, there is none
    with pytest.raises(KeyError):
        at.text_input(key="tl_company")
    at.session_state["plan_add"] = True  # the visitor opens it
    at.run()
    assert not at.exception
    return at


def test_page_adds_plan_and_timeline_shows_it(app_test, data_dir, engine):
    at = open_planner(app_test)
    at.text_input(key="tl_company").input("Globex <b>Corp</b>")
    at.text_input(key="tl_role").input("Executive assistant")
    at.button(key="tl_add").click().run()
    assert not at.exception
    assert any("Added" in s.value for s in at.success)
    apps = tracker.list_applications(engine, workspace.LOCAL_OWNER)
    assert [a["company"] for a in apps] == ["Globex <b>Corp</b>"]
    assert apps[0]["said"] == "2-3 weeks"
    at.switch_page("pages/log/timeline.py").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.text)
    assert "Globex" in shown
    assert "<b>Corp</b>" not in " ".join(m.value for m in at.markdown)  # shown as text, not HTML


def test_page_asks_for_company_next_to_the_field(app_test, data_dir, engine):
    at = open_planner(app_test)
    at.button(key="tl_add").click().run()
    assert not at.exception
    assert any("Company is required" in e.value for e in at.error)
    assert tracker.count_rows(engine, workspace.LOCAL_OWNER) == (0, 0)


def test_shared_mode_shows_the_private_link_and_keeps_it(app_test, data_dir, engine, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    at = open_planner(app_test)
    at.text_input(key="tl_company").input("Initech")
    at.button(key="tl_add").click().run()
    assert not at.exception
    assert "key" not in at.query_params, "the planner's address (a plan link) never holds the key"
    links = [c.value for c in at.code if "?key=" in c.value]
    assert len(links) == 1 and links[0].split("?", 1)[0].endswith("/timeline")
    key = links[0].split("?key=", 1)[1]
    assert workspace.valid_key(key)
    # Only a hash of the key is stored, as the owner of the new application.
    owner = workspace.key_owner(key)
    assert [a["company"] for a in tracker.list_applications(engine, owner)] == ["Initech"]
    assert tracker.list_applications(engine, workspace.LOCAL_OWNER) == []
    assert key not in owner
    # The timeline in the same session opens that workspace.
    at.switch_page("pages/log/timeline.py").run()
    assert not at.exception
    # after a page switch the key goes into the address on the next run (in a browser, a moment
    # later by a timer fragment), once the browser shows the timeline's own path
    assert "key" not in at.query_params and at.session_state["tl_key_later"]
    at.run()
    assert at.query_params["key"] in (key, [key])


def test_an_interview_still_to_come_is_added_as_planned_not_done(engine):
    today = dt.date(2026, 12, 7)
    soon = timing.plan(dt.date(2026, 12, 10), "2-3 weeks", today=today)
    app_id, _ = tracker.add_plan_to_log(engine, "alice", soon, company="Acme")
    interview = [e for e in tracker.list_events(engine, "alice", app_id) if e["kind"] == "interview"]
    assert [(e["date"], e["done"]) for e in interview] == [(dt.date(2026, 12, 10), False)]
    past = timing.plan(dt.date(2026, 12, 1), "2-3 weeks", today=today)
    app_id, _ = tracker.add_plan_to_log(engine, "alice", past, company="Initech")
    assert [e["done"] for e in tracker.list_events(engine, "alice", app_id) if e["kind"] == "interview"] == [True]
