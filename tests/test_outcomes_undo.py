"""Issue 15: outcomes close an application and "what's next" offers only what fits; a step done
on a chosen day; undo of "Done", of deleting an event and of deleting an application. On SQLite
and PostgreSQL (the engine fixture of tests/test_tracker.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from followup import tracker
from followup.advice.content import article
from followup.log import next_steps, undo
from followup.log.records import OUTCOME_STATUS
from tests.test_tracker import engine, fake_plan  # noqa: F401  (the fixture: SQLite and PostgreSQL)

D = dt.date
TODAY = D(2026, 3, 20)


def app_with_interview(engine, owner="me", company="Acme", interview=D(2026, 3, 2)):
    return tracker.add_application(engine, owner, company=company, role="Analyst", events_=[
        {"kind": "interview", "date": interview, "done": True, "note": ""}])


def app_of(engine, owner, app_id):
    return next(a for a in tracker.load_log(engine, owner) if a["id"] == app_id)


@pytest.mark.parametrize("kind", list(OUTCOME_STATUS))
def test_an_outcome_closes_the_application(engine, kind):
    app_id = app_with_interview(engine)
    assert next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)[0] is not None
    tracker.add_event(engine, "me", app_id, kind=kind, date=D(2026, 3, 18), done=True, note="")
    app = app_of(engine, "me", app_id)
    assert app["status"] == OUTCOME_STATUS[kind] != "active"
    step, _ = next_steps.next_step_for(app, TODAY, fake_plan)
    # no follow-up, no "log your interview": only what fits the outcome
    want = {"rejection": "after_rejection", "offer_declined": "keep_door_open", "withdrawn": "keep_door_open"}
    assert (step.step_kind if step else None) == want.get(kind)
    assert tracker.next_steps(tracker.load_log(engine, "me"), TODAY, fake_plan) == ([step] if step else [])


def test_a_planned_outcome_does_not_close_and_marking_it_done_does(engine):
    app_id = app_with_interview(engine)
    ev = tracker.add_event(engine, "me", app_id, kind="rejection", date=D(2026, 3, 25), done=False, note="")
    assert tracker.get_application(engine, "me", app_id)["status"] == "active"
    assert tracker.update_event(engine, "me", ev, done=True)
    assert tracker.get_application(engine, "me", app_id)["status"] == "rejected"


def test_a_rejection_without_an_interview_no_longer_asks_for_one(engine):
    app_id = tracker.add_application(engine, "me", company="NoInterview")
    tracker.add_event(engine, "me", app_id, kind="rejection", date=D(2026, 3, 10), done=True, note="")
    step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
    assert step.step_kind == "after_rejection" and step.step_kind != "log_interview"


def test_after_a_rejection_the_note_then_the_open_door_then_nothing(engine):
    app_id = app_with_interview(engine)
    tracker.add_event(engine, "me", app_id, kind="rejection", date=D(2026, 3, 18), done=True, note="")
    seen = []
    for _ in range(3):
        step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
        if step is None:
            break
        seen.append((step.step_kind, tuple(step.refs), step.due))
        tracker.complete_step(engine, "me", step, TODAY)
    assert seen == [("after_rejection", ("q2-chris",), "anytime"), ("keep_door_open", ("c1", "c2"), "anytime")]
    assert tracker.get_application(engine, "me", app_id)["status"] == "rejected"  # stays closed


def test_the_writers_log_as_sent_ticks_off_the_after_rejection_note(engine):
    from followup.write import store
    app_id = app_with_interview(engine)
    tracker.add_event(engine, "me", app_id, kind="rejection", date=D(2026, 3, 18), done=True, note="")
    store.log_sent(engine, "me", app_id, "after_rejection", TODAY)
    step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
    assert step.step_kind == "keep_door_open"


def test_legacy_active_application_with_a_rejection_counts_as_closed():
    app = {"id": 1, "company": "Old", "role": "", "status": "active", "said": "", "events": [
        {"id": 1, "kind": "interview", "date": D(2026, 3, 2), "done": True, "note": ""},
        {"id": 2, "kind": "rejection", "date": D(2026, 3, 9), "done": True, "note": ""}]}
    assert next_steps.effective_status(app) == "rejected"
    assert next_steps.next_step_for(app, TODAY, fake_plan)[0].step_kind == "after_rejection"
    assert next_steps.open_steps(app, TODAY, fake_plan) == (None, [])  # nothing in the calendar file


def test_closing_advice_quotes_the_article_word_for_word():
    art = article()
    for key, quotes in next_steps.CLOSING_QUOTES.items():
        for ref, words in quotes:
            assert words in art.get(ref).text, (key, ref, words)
        why = next_steps.CLOSING_WHY[key].format(*(w for _, w in quotes))
        assert all(w in why for _, w in quotes)


# --- a step done on a chosen day ---------------------------------------------------------------------
def test_done_on_a_chosen_day_and_never_after_today(engine):
    app_id = app_with_interview(engine)
    step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
    assert step.step_kind == "thank_you"
    tracker.complete_step(engine, "me", step, TODAY, on=D(2026, 3, 3))
    ty = [e for e in tracker.list_events(engine, "me", app_id) if e["kind"] == "thank_you"]
    assert [(e["date"], e["done"]) for e in ty] == [(D(2026, 3, 3), True)]
    step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
    with pytest.raises(tracker.ValidationError, match="later than today"):  # a future day: refused, said
        tracker.complete_step(engine, "me", step, TODAY, on=TODAY + dt.timedelta(days=5))
    assert [e["date"] for e in tracker.list_events(engine, "me", app_id) if e["kind"] == "follow_up_email"] == []


# --- undo ----------------------------------------------------------------------------------------------
def snapshot_of(engine, owner):
    return [(a["uid"], a["status"], a["company"], [(e["id"], e["uid"], e["kind"], e["date"], e["done"], e["note"])
                                                   for e in a["events"]]) for a in tracker.load_log(engine, owner)]


def test_undo_done_inserted_planned_and_move_on(engine):
    app_id = app_with_interview(engine)
    tracker.add_plan(engine, "me", fake_plan(D(2026, 3, 2)), company="Acme", application_id=app_id)
    before = snapshot_of(engine, "me")
    for _ in range(4):  # thank-you, follow-up, last follow-up (planned events), move on (sets the status)
        step, _ = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY, fake_plan)
        state = snapshot_of(engine, "me")
        change = tracker.complete_step(engine, "me", step, TODAY, on=D(2026, 3, 4))
        assert snapshot_of(engine, "me") != state
        assert not undo.undo_complete(engine, "other", change)  # another owner's undo changes nothing
        assert undo.undo_complete(engine, "me", change)
        assert snapshot_of(engine, "me") == state
        tracker.complete_step(engine, "me", step, TODAY)
    assert tracker.get_application(engine, "me", app_id)["status"] == "no_reply"
    assert before != snapshot_of(engine, "me")


def test_undo_delete_event_and_application_restores_exactly(engine):
    from followup.write import store
    keep = app_with_interview(engine, company="Keep")
    app_id = app_with_interview(engine)
    tracker.add_plan(engine, "me", fake_plan(D(2026, 3, 2)), company="Acme", application_id=app_id)
    store.save_draft(engine, "me", application_id=app_id, kind="thank_you", channel="email", subject="Thanks",
                     body="Dear Sam", fields={"company": "Acme"})
    other_app = app_with_interview(engine, owner="other")
    before, drafts = snapshot_of(engine, "me"), store.list_drafts(engine, "me")
    ev = tracker.list_events(engine, "me", app_id)[1]
    assert undo.delete_event(engine, "other", ev["id"]) is None  # not theirs: nothing deleted
    snap = undo.delete_event(engine, "me", ev["id"])
    assert snapshot_of(engine, "me") != before
    assert not undo.restore(engine, "other", snap)  # another owner cannot restore it (or see it)
    assert undo.restore(engine, "me", snap)
    assert snapshot_of(engine, "me") == before
    assert not undo.restore(engine, "me", snap)  # twice: the same id is there, nothing written
    snap = undo.delete_application(engine, "me", app_id)
    assert [a["id"] for a in tracker.load_log(engine, "me")] == [keep] and store.list_drafts(engine, "me") == []
    assert undo.restore(engine, "me", snap)
    assert snapshot_of(engine, "me") == before and store.list_drafts(engine, "me") == drafts
    assert [a["id"] for a in tracker.load_log(engine, "other")] == [other_app]
    # new rows after a restore get new ids (no clash with the restored ones)
    new = tracker.add_event(engine, "me", app_id, kind="call", date=TODAY, done=True, note="")
    assert new not in {e["id"] for a in tracker.load_log(engine, "me") for e in a["events"] if e["id"] != new}


def test_restoring_an_event_of_a_deleted_application_writes_nothing(engine):
    app_id = app_with_interview(engine)
    ev = tracker.list_events(engine, "me", app_id)[0]
    snap = undo.delete_event(engine, "me", ev["id"])
    tracker.delete_application(engine, "me", app_id)
    assert not undo.restore(engine, "me", snap)
    assert tracker.count_rows(engine, "me") == (0, 0)


@pytest.mark.parametrize("kind", list(OUTCOME_STATUS))
def test_deleting_an_outcome_reopens_the_application_and_undo_closes_it_again(engine, kind):
    app_id = app_with_interview(engine)
    ev = tracker.add_event(engine, "me", app_id, kind=kind, date=D(2026, 3, 10), done=True, note="")
    closed = snapshot_of(engine, "me")
    assert tracker.get_application(engine, "me", app_id)["status"] == OUTCOME_STATUS[kind]
    snap = undo.delete_event(engine, "me", ev)
    assert tracker.get_application(engine, "me", app_id)["status"] == "active"
    assert next_steps.next_step_for(app_of(engine, "me", app_id), TODAY)[0].step_kind != next_steps.AFTER_REJECTION
    assert undo.restore(engine, "me", snap)
    assert snapshot_of(engine, "me") == closed  # exactly: the event and the status


def test_deleting_an_outcome_keeps_what_the_other_events_say(engine):
    app_id = app_with_interview(engine)
    tracker.add_event(engine, "me", app_id, kind="offer", date=D(2026, 3, 5), done=True, note="")
    last = tracker.add_event(engine, "me", app_id, kind="offer_declined", date=D(2026, 3, 9), done=True, note="")
    assert tracker.delete_event(engine, "me", last)
    assert tracker.get_application(engine, "me", app_id)["status"] == "offer"  # the offer is still there
    moved = app_with_interview(engine, company="Moved")
    tracker.add_event(engine, "me", moved, kind="other", date=D(2026, 3, 6), done=True,
                      note="No answer yet? Move on, and keep the door open")
    rej = tracker.add_event(engine, "me", moved, kind="rejection", date=D(2026, 3, 9), done=True, note="")
    assert tracker.delete_event(engine, "me", rej)
    assert tracker.get_application(engine, "me", moved)["status"] == "no_reply"
    # a status set by hand since the outcome is the user's: deleting the outcome leaves it
    by_hand = app_with_interview(engine, company="Hand")
    ev = tracker.add_event(engine, "me", by_hand, kind="rejection", date=D(2026, 3, 9), done=True, note="")
    tracker.update_application(engine, "me", by_hand, status="withdrawn")
    snap = undo.delete_event(engine, "me", ev)
    assert tracker.get_application(engine, "me", by_hand)["status"] == "withdrawn" and "status_before" not in snap
    # a planned outcome never closed anything, so deleting it opens nothing
    planned = tracker.add_event(engine, "me", moved, kind="rejection", date=D(2026, 3, 12), done=False, note="")
    assert tracker.delete_event(engine, "me", planned)
    assert tracker.get_application(engine, "me", moved)["status"] == "no_reply"


def test_editing_an_outcome_into_something_else_reopens_the_application(engine):
    app_id = app_with_interview(engine)
    ev = tracker.add_event(engine, "me", app_id, kind="rejection", date=D(2026, 3, 10), done=True, note="")
    tracker.update_event(engine, "me", ev, done=False)  # it was only announced
    assert tracker.get_application(engine, "me", app_id)["status"] == "active"
    tracker.update_event(engine, "me", ev, done=True)
    assert tracker.get_application(engine, "me", app_id)["status"] == "rejected"
    tracker.update_event(engine, "me", ev, kind="reply")
    assert tracker.get_application(engine, "me", app_id)["status"] == "active"


def test_done_is_never_later_than_today_nor_a_thank_you_before_its_interview(engine):
    app_id = app_with_interview(engine)  # interviewed on 2 March
    before = snapshot_of(engine, "me")
    with pytest.raises(tracker.ValidationError) as exc:
        tracker.add_event(engine, "me", app_id, kind="rejection", date=TODAY + dt.timedelta(weeks=5), done=True,
                          note="", today=TODAY)
    assert "later than today" in exc.value.errors["date"]
    with pytest.raises(tracker.ValidationError) as exc:
        tracker.add_event(engine, "me", app_id, kind="thank_you", date=D(2026, 2, 1), done=True, note="", today=TODAY)
    assert exc.value.errors["date"].startswith("is before the interview of")
    assert snapshot_of(engine, "me") == before, "nothing saved: the application stays open"
    planned = tracker.add_event(engine, "me", app_id, kind="call", date=TODAY + dt.timedelta(weeks=5), done=False,
                                note="", today=TODAY)  # planned: the future is fine
    with pytest.raises(tracker.ValidationError):
        tracker.update_event(engine, "me", planned, done=True, today=TODAY)
    assert tracker.list_events(engine, "me", app_id)[-1]["done"] is False
    # the card's "Done another day": not before the interview its plan follows, not after today
    step = next_steps.next_step_for(app_of(engine, "me", app_id), TODAY)[0]
    assert (step.step_kind, step.interview) == ("thank_you", D(2026, 3, 2))
    for day in (D(2026, 2, 2), TODAY + dt.timedelta(days=1)):
        with pytest.raises(tracker.ValidationError):
            tracker.complete_step(engine, "me", step, TODAY, on=day)
    assert snapshot_of(engine, "me")[0][3][-1][4] is False  # still only the planned call after the interview
    assert tracker.complete_step(engine, "me", step, TODAY, on=D(2026, 3, 2))  # the interview's own day is fine
