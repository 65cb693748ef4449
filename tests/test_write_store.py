"""The writer's drafts: stored with the application, owner-scoped, replaced on save; "Log as sent"
adds the event and moves the application's next step on; mailto and .eml contents."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
from urllib.parse import parse_qs, urlsplit

import pytest

from followup import tracker
from followup.plan import timing
from followup.write import send, store

INTERVIEW = dt.date(2026, 12, 1)
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def app_id(engine):
    return tracker.add_plan(engine, "me", timing.plan(INTERVIEW, ""), company="Acme Health", role="Data Analyst")


def test_draft_saved_replaced_and_owner_scoped(engine, app_id):
    store.save_draft(engine, "me", application_id=app_id, kind="thank_you", channel="email", subject="s1",
                     body="b1", fields={"fit": "I ran payroll", "junk": "x"})
    store.save_draft(engine, "me", application_id=app_id, kind="thank_you", channel="card", subject="",
                     body="b2", fields={"fit": "I ran payroll"})
    store.save_draft(engine, "me", application_id=None, kind="agency", channel="email", subject="s", body="b3")
    mine = store.list_drafts(engine, "me")
    assert sorted(d["body"] for d in mine) == ["b2", "b3"]
    got = store.get_draft(engine, "me", app_id, "thank_you")
    assert got["channel"] == "card" and got["status"] == "draft" and got["fields"] == {"fit": "I ran payroll"}
    assert store.list_drafts(engine, "someone") == []
    assert store.get_draft(engine, "someone", app_id, "thank_you") is None
    with pytest.raises(tracker.ValidationError):
        store.save_draft(engine, "someone", application_id=app_id, kind="thank_you", channel="email",
                         subject="", body="x")
    with pytest.raises(tracker.ValidationError):
        store.save_draft(engine, "me", application_id=app_id, kind="nope", channel="email", subject="", body="x")
    # a draft is not an event
    assert all(e["kind"] != "thank_you" or not e["done"] for e in tracker.list_events(engine, "me", app_id))


def test_log_as_sent_moves_the_next_step_on(engine, app_id):
    log = tracker.load_log(engine, "me")
    assert tracker.next_steps(log, TODAY)[0].step_kind == "thank_you"
    store.save_draft(engine, "me", application_id=app_id, kind="thank_you", channel="email", subject="s", body="b")
    event_id = store.log_sent(engine, "me", app_id, "thank_you", TODAY)
    evs = {e["id"]: e for e in tracker.list_events(engine, "me", app_id)}
    assert evs[event_id]["kind"] == "thank_you" and evs[event_id]["done"] and evs[event_id]["date"] == TODAY
    assert tracker.next_steps(tracker.load_log(engine, "me"), TODAY)[0].step_kind == "follow_up"
    d = store.get_draft(engine, "me", app_id, "thank_you")
    assert (d["status"], d["sent_on"], d["event_id"]) == ("sent", TODAY, event_id)
    # a holiday card is logged as an event but does not count as the follow-up
    store.log_sent(engine, "me", app_id, "holiday_card", TODAY)
    assert tracker.next_steps(tracker.load_log(engine, "me"), TODAY)[0].step_kind == "follow_up"
    with pytest.raises(tracker.ValidationError):
        store.log_sent(engine, "other", app_id, "thank_you", TODAY)


def test_deleting_the_workspace_deletes_drafts(engine, app_id):
    store.save_draft(engine, "me", application_id=None, kind="agency", channel="email", subject="s", body="b")
    store.save_draft(engine, "me", application_id=app_id, kind="agency", channel="email", subject="s", body="b")
    tracker.delete_application(engine, "me", app_id)
    assert len(store.list_drafts(engine, "me")) == 1
    tracker.delete_workspace(engine, "me")
    assert store.list_drafts(engine, "me") == []


def test_mailto_round_trips():
    body = "Dear Priya,\n\nThanks & regards? 100% = yes #1 — café\n"
    url = send.mailto("Thank you: Data & AI interview", body, to="priya@acme.example")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "priya@acme.example"
    q = parse_qs(parts.query)
    assert q["subject"] == ["Thank you: Data & AI interview"]
    assert q["body"] == [body.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url
    assert send.mailto("s", "b", to="not an address").startswith("mailto:?")


def test_eml_is_an_unsent_draft():
    raw = send.eml("Thank you – Data Analyst", "Dear Priya,\n\nThé note.\n", to="priya@acme.example",
                   now=dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.timezone.utc))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Thank you – Data Analyst" and msg["To"] == "priya@acme.example"
    assert msg["X-Unsent"] == "1" and msg.get_content().replace("\r\n", "\n") == "Dear Priya,\n\nThé note.\n"
    assert send.filename("Acme Health / EU", "thank_you") == "acme-health---eu-thank-you.eml"
