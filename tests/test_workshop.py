"""Workshop engine (issue 13) against SQLite AND a real PostgreSQL server (./test.sh)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import uuid

import pytest
import sqlalchemy as sa

from followup import tracker, workspace
from followup.workshop import codes, counts, exercises, guard, people, rooms, schema

NOW = dt.datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = tracker.make_engine(f"sqlite:///{tmp_path / 'followup.sqlite3'}")
        yield eng
        eng.dispose()
        return
    pg_url = request.getfixturevalue("pg_url")
    name = "w_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg_url)
    with admin.begin() as c:
        c.exec_driver_sql(f"CREATE SCHEMA {name}")
    eng = tracker.make_engine(pg_url, connect_args={"options": f"-c search_path={name}"})
    yield eng
    eng.dispose()
    with admin.begin() as c:
        c.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
    admin.dispose()


def owner() -> str:
    return workspace.key_owner(workspace.new_key())


# --- exercises as data ------------------------------------------------------------------------------
def test_exercises_cover_the_articles_cases_and_every_ref_exists():
    exs = exercises.exercises()
    cases = {ref for e in exs.exercises for ref in e.case_refs}
    assert {"letter", "c5", "c9", "c10", "c11", "c13", "c20"} <= cases
    reveals = {ref for e in exs.exercises for ref in e.reveal_refs}
    assert {"c6", "c12", "c14", "c22"} <= reveals
    assert 3 <= len(exs.exit_questions) <= 5
    sam = exs.get("sam")
    assert sam.interview == dt.date(2013, 1, 22) and not sam.date_is_ours and sam.said == "by Feb end"
    # the planner's window for the first follow-up, from the planner itself
    assert sam.window() == (dt.date(2013, 3, 1), dt.date(2013, 3, 4))
    assert exs.get("ashok").agency and exs.get("ashok").planner_params()["agency"] == "1"


def _copy_content(tmp_path, mutate):
    from followup.advice.content import CONTENT_DIR

    for name in ("article.json", "passages.json", "workshop_exercises.json"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    path = tmp_path / "workshop_exercises.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["exercises"][0].update(case_refs=["c99"]), "c99"),
    (lambda d: d["exercises"][1].update(id=d["exercises"][0]["id"]), "used twice"),
    (lambda d: d["exercises"][0]["planner"].update(interview="10/12/2025"), "YYYY-MM-DD"),
    (lambda d: d["exercises"][0]["planner"].update(industry="mining"), "industry"),
    (lambda d: d["exercises"][0]["choice"].update(article=["nope"]), "'article'"),
    (lambda d: d["exit_check"]["questions"][0].update(answer=7), "answer"),
    (lambda d: d["exit_check"].update(questions=d["exit_check"]["questions"][:2]), "3 to 5"),
    (lambda d: d["exit_check"]["questions"][1].update(refs=["q9-nobody"]), "q9-nobody"),
])
def test_a_broken_exercises_file_fails_loudly_naming_the_field(tmp_path, mutate, message):
    folder = _copy_content(tmp_path, mutate)
    with pytest.raises(exercises.ExerciseError, match=message):
        exercises.load(folder)


def test_the_shipped_file_loads_from_a_copy(tmp_path):
    assert exercises.load(_copy_content(tmp_path, lambda d: None)).ids == exercises.exercises().ids


# --- codes and keys -------------------------------------------------------------------------------
def test_codes_are_unambiguous_and_have_enough_entropy():
    assert not set("0O1IL") & set(codes.ALPHABET)
    assert codes.CODE_BITS > 29
    many = {codes.new_code() for _ in range(2000)}
    assert len(many) > 1990
    c = codes.new_code()
    assert codes.normalise(codes.display(c).lower()) == c
    assert codes.normalise(" k7p - 2qx ") == "K7P2QX"
    assert codes.normalise("K7P-2QO") is None and codes.normalise("K7P2Q") is None
    assert codes.normalise(None) is None and codes.normalise("x" * 100) is None


def test_room_start_gives_a_code_and_a_hashed_host_key(engine):
    room, key = rooms.create(engine, ["letter", "sam"], NOW)
    assert len(key) >= 22 and len(room.code) == 6 and room.display_code[3] == "-"
    with engine.connect() as conn:
        stored = conn.execute(sa.select(schema.rooms)).one()._mapping
    assert key not in json.dumps({k: str(v) for k, v in stored.items()})
    assert stored["host_hash"] == codes.host_hash(key)
    assert rooms.by_host(engine, key).id == room.id
    assert rooms.by_host(engine, workspace.new_key()) is None and rooms.by_host(engine, "short") is None
    assert room.expires_at - room.created_at == dt.timedelta(days=14)
    assert room.stages == ("before", "letter", "sam", "after")
    with pytest.raises(rooms.RoomError):
        rooms.create(engine, [], NOW)
    with pytest.raises(rooms.RoomError):
        rooms.create(engine, ["letter", "nope"], NOW)
    with pytest.raises(rooms.RoomError):
        rooms.create(engine, ["letter", "letter"], NOW)


def test_schema_is_created_idempotently(engine):
    schema.prepare(engine)
    engine._workshop_ready = False
    schema.prepare(engine)  # again, on existing tables
    assert sa.inspect(engine).has_table("workshop_rooms")


def test_steps_reveal_and_version_only_by_the_host(engine):
    room, key = rooms.create(engine, ["letter", "sam"], NOW)
    v0 = rooms.poll(engine, room.id, NOW).version
    r = rooms.next_step(engine, key, NOW)
    assert r.stage == "letter" and r.exercise_id == "letter"
    r = rooms.reveal(engine, key, True, NOW)
    assert r.revealed
    r = rooms.next_step(engine, key, NOW)
    assert r.stage == "sam" and not r.revealed  # a new step hides the reveal again
    assert rooms.poll(engine, room.id, NOW).version == v0 + 3
    assert rooms.go_to(engine, key, 99, NOW).stage == "after"
    assert rooms.previous_step(engine, key, NOW).stage == "sam"
    assert rooms.next_step(engine, workspace.new_key(), NOW) is None
    assert rooms.by_id(engine, room.id).step == 2


def test_join_share_and_count_without_exposing_unshared_notes(engine):
    room, key = rooms.create(engine, ["letter", "sam"], NOW)
    room = rooms.next_step(engine, key, NOW)  # on "letter"
    ex = exercises.exercises().get("letter")
    lo, hi = ex.window()
    owners = [owner() for _ in range(4)]
    pids = [people.join(engine, room, o, f"P{i}", NOW) for i, o in enumerate(owners)]
    assert people.join(engine, room, owners[0], "again", NOW) == pids[0]
    assert people.count(engine, room.id) == 4
    dates = [lo, hi, lo - dt.timedelta(days=10), hi + dt.timedelta(days=3)]
    notes = ["Secret one", "=HYPERLINK(\"http://x\")", "Private three", ""]
    for o, pid, d, n in zip(owners, pids, dates, notes):
        a = people.save_answer(engine, o, room.id, "letter", follow_up=d, choice="interest_fit", note=n, now=NOW)
        if o != owners[2]:  # participant 2 never shares
            people.share(engine, room, pid, a, include_note_text=(o == owners[1]), note_check=lambda t: "one" in t,
                         now=NOW)
    c = counts.exercise_counts(engine, room.id, ex)
    assert c.shared == 3
    assert c.by_window == {"early": 0, "in": 2, "late": 1, "none": 0}
    assert [(oid, n) for oid, _l, n, _a in c.by_choice] == [("interest_fit", 3), ("salary", 0), ("troubles", 0)]
    assert c.notes_checked == 2 and c.notes_passed == 1
    assert c.shared_notes == ("=HYPERLINK(\"http://x\")",)
    data = counts.room_csv(engine, room, people.count(engine, room.id)).decode("utf-8-sig")
    assert "Secret one" not in data and "Private three" not in data
    assert "P0" not in data and "P1" not in data  # no nicknames
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == counts.CSV_COLUMNS
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(row[2] == "'=HYPERLINK(\"http://x\")" for row in rows)
    assert ["exercise", ex.title, "answers shared", "", "", "3"] in rows
    # private answers are only read back by their owner
    assert people.my_answers(engine, owners[2], room.id)["letter"].note == "Private three"
    assert people.my_answers(engine, owner(), room.id) == {}


def test_share_only_the_current_exercise_and_only_while_open(engine):
    room, key = rooms.create(engine, ["letter", "sam"], NOW)
    room = rooms.next_step(engine, key, NOW)
    o = owner()
    pid = people.join(engine, room, o, "", NOW)
    a = people.save_answer(engine, o, room.id, "sam", follow_up=None, choice="cues", now=NOW)
    with pytest.raises(rooms.RoomError, match="current exercise"):
        people.share(engine, room, pid, a, now=NOW)
    with pytest.raises(ValueError):
        people.save_answer(engine, o, room.id, "sam", choice="not-an-option", now=NOW)
    with pytest.raises(ValueError):
        people.save_answer(engine, o, room.id, "sam", note="x" * 2001, now=NOW)


def test_exit_check_totals(engine):
    room, key = rooms.create(engine, ["letter"], NOW)
    qs = exercises.exercises().exit_questions
    right = {q.id: q.answer for q in qs}
    wrong = {q.id: (q.answer + 1) % len(q.options) for q in qs}
    pids = [people.join(engine, room, owner(), "", NOW) for _ in range(3)]
    people.save_check(engine, room, pids[0], "before", wrong, 2, NOW)
    people.save_check(engine, room, pids[1], "before", right, 3, NOW)
    people.save_check(engine, room, pids[0], "after", right, 4, NOW)
    people.save_check(engine, room, pids[1], "after", right, 5, NOW)
    people.save_check(engine, room, pids[2], "after", {**right, qs[0].id: wrong[qs[0].id]}, 4, NOW)
    people.save_check(engine, room, pids[2], "after", right, 5, NOW)  # again: replaces
    t = counts.exit_totals(engine, room.id)
    assert t["before"].answered == 2 and t["after"].answered == 3
    assert t["before"].correct == {q.id: 1 for q in qs}
    assert t["after"].correct == {q.id: 3 for q in qs}
    assert t["before"].confidence == {1: 0, 2: 1, 3: 1, 4: 0, 5: 0}
    assert t["after"].mean_confidence == round(14 / 3, 2)
    for bad in ({}, {**right, qs[0].id: 9}, {**right, qs[0].id: True}):
        with pytest.raises(ValueError):
            people.save_check(engine, room, pids[0], "after", bad, 3, NOW)
    with pytest.raises(ValueError):
        people.save_check(engine, room, pids[0], "after", right, 6, NOW)
    with pytest.raises(ValueError):
        people.save_check(engine, room, pids[0], "during", right, 3, NOW)


def test_close_deletes_what_the_room_collected_but_not_private_answers(engine):
    room, key = rooms.create(engine, ["letter"], NOW)
    room = rooms.next_step(engine, key, NOW)
    o = owner()
    pid = people.join(engine, room, o, "Zoë", NOW)
    a = people.save_answer(engine, o, room.id, "letter", follow_up=dt.date(2026, 1, 6), note="mine", now=NOW)
    people.share(engine, room, pid, a, include_note_text=True, now=NOW)
    assert rooms.close(engine, key, NOW) and not rooms.close(engine, key, NOW)
    assert rooms.by_code(engine, room.code, NOW) is None
    assert not rooms.poll(engine, room.id, NOW).open
    with engine.connect() as conn:
        for table in (schema.shared, schema.participants, schema.checks):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    assert people.my_answers(engine, o, room.id)["letter"].note == "mine"
    with pytest.raises(rooms.RoomError):
        people.join(engine, rooms.by_id(engine, room.id), owner(), "", NOW)
    assert rooms.next_step(engine, key, NOW).step == 1  # a closed room no longer moves


def test_rooms_expire_after_14_days(engine):
    room, key = rooms.create(engine, ["letter"], NOW)
    assert rooms.by_code(engine, room.code, NOW + dt.timedelta(days=13, hours=23)) is not None
    later = NOW + dt.timedelta(days=14)
    assert rooms.purge_expired(engine, later) == 1
    assert rooms.by_code(engine, room.code, later) is None
    assert rooms.by_id(engine, room.id).closed_at == later


@pytest.mark.parametrize("look_up", ["by_host", "by_code", "by_id", "poll"])
def test_looking_up_an_expired_room_purges_what_it_collected(engine, look_up):
    """Expiry is not only checked: the first look-up of an expired room closes it and deletes what it
    collected (and every other expired room's), so a page that says "deleted" is right."""
    room, key = rooms.create(engine, ["letter"], NOW)
    room = rooms.next_step(engine, key, NOW)
    other, _ = rooms.create(engine, ["sam"], NOW)
    o = owner()
    pid = people.join(engine, room, o, "Zoë", NOW)
    a = people.save_answer(engine, o, room.id, "letter", follow_up=dt.date(2026, 1, 6), note="mine", now=NOW)
    people.share(engine, room, pid, a, include_note_text=True, now=NOW)
    people.join(engine, other, owner(), "", NOW)
    later = NOW + rooms.LIFETIME + dt.timedelta(minutes=1)
    {"by_host": lambda: rooms.by_host(engine, key, later), "by_code": lambda: rooms.by_code(engine, room.code, later),
     "by_id": lambda: rooms.by_id(engine, room.id, later), "poll": lambda: rooms.poll(engine, room.id, later)}[look_up]()
    with engine.connect() as conn:
        for table in (schema.shared, schema.participants, schema.checks):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0, table.name
    assert rooms.by_id(engine, room.id, later).closed_at == later
    assert rooms.by_id(engine, other.id, later).closed_at == later
    assert people.my_answers(engine, o, room.id)["letter"].note == "mine"
    assert rooms.purge_expired(engine, later) == 0


# --- wrong codes -----------------------------------------------------------------------------------
def test_the_code_of_an_ended_room_is_not_a_wrong_code(engine):
    closed, key = rooms.create(engine, ["letter"], NOW)
    rooms.close(engine, key, NOW)
    expired, _ = rooms.create(engine, ["sam"], NOW - rooms.LIFETIME - dt.timedelta(hours=1))
    session = "ended-session-" + uuid.uuid4().hex
    for i in range(guard.MAX_FAILURES * 2):
        for room in (closed, expired):
            at = guard.try_code(engine, session, room.display_code, NOW + dt.timedelta(seconds=i))
            assert at.ended and not at.joinable and at.room.id == room.id and at.message == guard.ENDED
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.max(schema.guard.c.failures))).scalar() is None
    assert guard.try_code(engine, session, "ZZZ-ZZZ", NOW).message.startswith("No open room")


def test_ten_thousand_wrong_codes_get_nowhere_and_do_not_touch_other_sessions(engine):
    room, _key = rooms.create(engine, ["letter"], NOW)
    other, _ = rooms.create(engine, ["sam"], NOW)
    attacker = "attacker-session-" + uuid.uuid4().hex
    found, looked_up = [], 0
    for i in range(10_000):
        guess = codes.new_code() if i != 9_000 else room.code  # the right code, late, counts for nothing
        at = guard.try_code(engine, attacker, guess, NOW + dt.timedelta(milliseconds=i))
        looked_up += at.looked_up
        if at.room is not None:
            found.append(at.room.code)
    assert found == []
    assert looked_up <= guard.MAX_FAILURES  # after that, no room is even looked up
    assert "Too many wrong room codes" in guard.try_code(engine, attacker, room.code, NOW).message
    # another session, at the same moment, joins its room at once; a typo costs it one try only
    visitor = "visitor-session-" + uuid.uuid4().hex
    assert guard.try_code(engine, visitor, "ZZZ-ZZZ", NOW).room is None
    assert guard.try_code(engine, visitor, other.display_code.lower(), NOW).room.id == other.id
    # the lockout ends; then the right code works again
    later = NOW + guard.LOCKOUT + dt.timedelta(seconds=11)
    assert guard.try_code(engine, attacker, room.code, later).room.id == room.id
    with engine.connect() as conn:
        subjects = [r.subject for r in conn.execute(sa.select(schema.guard.c.subject))]
    assert attacker not in " ".join(subjects)  # only hashes are stored


def test_nickname_is_cleaned():
    assert people.clean_nickname("  Zoë \x00\u202e Łukasiewicz  ") == "Zoë Łukasiewicz"
    assert people.clean_nickname("x" * 100) == "x" * 40
    assert people.clean_nickname(None) == ""


# --- the room's note check is issue 12's checker ------------------------------------------------------
GOOD_NOTE = ("Dear Ms Lee,\n\nThank you again for the interview on Tuesday for the office manager role. I remain "
             "very interested in joining your team, and our talk about the new booking system made me more sure "
             "that my five years running schedules for a busy clinic would help. Is there any news on the timing "
             "of your decision?\n\nBest regards,\nAnna")


@pytest.mark.parametrize("note, ok", [
    (GOOD_NOTE, True),  # no subject line in the room's note box: not held against it
    (GOOD_NOTE.replace("Is there any news", "Could you also say what the salary and benefits are? Is there any news"),
     False),  # salary: fix (q5-kevin)
    (GOOD_NOTE.replace("Dear Ms Lee", "Dear [Name]"), False),  # placeholder: fix
    (GOOD_NOTE.replace("Is there any news", "Why haven't I heard anything yet? Is there any news"), False),  # pushy
    ("Dear Ms Lee,\n\nThank you for your time on Tuesday. Is there any news on the timing of your decision?\n\n"
     "Best regards,\nAnna", False),  # neither interest nor fit: the must-haves of q4-kevin
])
def test_room_note_check_is_the_note_checker(note, ok):
    from followup import notes
    from followup.workshop import notecheck

    findings = notes.check(note, kind="follow_up", channel="email")
    assert notecheck.check(note) is ok
    assert notecheck.passed(findings) is ok
    assert notecheck.checker() is notecheck.check


def test_shared_notes_are_counted_with_the_real_checker(engine):
    from followup.workshop import notecheck

    room, key = rooms.create(engine, ["letter"], NOW)
    room = rooms.next_step(engine, key, NOW)
    ex = exercises.exercises().get("letter")
    for note in (GOOD_NOTE, GOOD_NOTE.replace("Dear Ms Lee", "Dear [Name]"), ""):
        o = owner()
        pid = people.join(engine, room, o, "", NOW)
        a = people.save_answer(engine, o, room.id, "letter", follow_up=None, choice="interest_fit", note=note, now=NOW)
        people.share(engine, room, pid, a, note_check=notecheck.checker(), now=NOW)
    c = counts.exercise_counts(engine, room.id, ex)
    assert (c.shared, c.notes_checked, c.notes_passed) == (3, 2, 1)


# --- "Delete my data" takes the workshop's rows of that workspace too ------------------------------------
def test_deleting_a_workspace_deletes_its_workshop_data(engine):
    tracker.prepare(engine)
    room, key = rooms.create(engine, ["letter"], NOW)
    room = rooms.go_to(engine, key, 1, NOW)
    me, other = owner(), owner()
    tracker.add_application(engine, me, company="Mine")
    for o, nick in ((me, "Zoë"), (other, "Sam")):
        pid = people.join(engine, room, o, nick, NOW)
        a = people.save_answer(engine, o, room.id, "letter", follow_up=None, choice="interest_fit",
                               note=f"note of {nick}", now=NOW)
        people.share(engine, room, pid, a, include_note_text=True, now=NOW)
        people.save_check(engine, room, pid, rooms.BEFORE, {q.id: q.answer for q in exercises.exercises().exit_questions},
                          3, now=NOW)

    def rows(table, **where):
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table).where(
                *(table.c[k] == v for k, v in where.items()))).scalar_one()

    assert (rows(schema.participants), rows(schema.answers), rows(schema.shared), rows(schema.checks)) == (2, 2, 2, 2)
    assert tracker.delete_workspace(engine, me) == (1, 0)
    assert people.my_answers(engine, me, room.id) == {}
    assert people.participant(engine, room.id, me) is None
    assert (rows(schema.participants), rows(schema.answers), rows(schema.shared), rows(schema.checks)) == (1, 1, 1, 1)
    c = counts.exercise_counts(engine, room.id, exercises.exercises().get("letter"))
    assert c.shared == 1 and c.shared_notes == ("note of Sam",)
    assert people.my_answers(engine, other, room.id)["letter"].note == "note of Sam"
    assert rooms.delete_owner_data(engine, me) == 0  # nothing left of it
    with pytest.raises(ValueError):
        rooms.delete_owner_data(engine, "")


def test_deleting_a_workspace_works_before_any_workshop(tmp_path):
    eng = tracker.prepare(tracker.make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}"))
    o = owner()
    tracker.add_application(eng, o, company="Only")
    assert tracker.delete_workspace(eng, o) == (1, 0)
    eng.dispose()


def test_an_answer_dated_before_the_interview_or_too_late_is_refused(engine):
    jimmy = exercises.exercises().get("jimmy")
    o = owner()
    people.save_answer(engine, o, 1, "jimmy", follow_up=dt.date(2026, 1, 8), now=NOW)
    for bad, words in ((jimmy.interview - dt.timedelta(days=3), "before the interview on Mon 15 Dec 2025"),
                       (jimmy.interview + dt.timedelta(days=121), "more than 120 days after the interview")):
        with pytest.raises(ValueError, match=words):
            people.save_answer(engine, o, 1, "jimmy", follow_up=bad, now=NOW)
    assert people.my_answers(engine, o, 1)["jimmy"].follow_up == dt.date(2026, 1, 8)
    people.save_answer(engine, o, 1, "jimmy", follow_up=jimmy.interview, now=NOW)  # the day itself is fine
