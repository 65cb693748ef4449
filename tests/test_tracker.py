"""Storage of the follow-up timeline, against SQLite AND a real PostgreSQL server (./test.sh)."""
from __future__ import annotations

import datetime as dt
import threading
import uuid
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from followup import tracker
from scripts import seed
from followup.log import exports, imports

D = dt.date


@dataclass
class Step:
    kind: str
    date: dt.date
    why: str = ""
    refs: list = field(default_factory=list)


@dataclass
class Plan:
    steps: list
    deadline: dt.date | None = None
    understood: str = ""


def fake_plan(interview, said="", *, industry="general", country="US", subdivision=None,
              via_agency=False, today=None):
    """Stand-in with the planner's signature: thank-you +1, follow-up +7, last +14, move on +21."""
    return Plan([Step("thank_you", interview + dt.timedelta(days=1), "Within a day."),
                 Step("follow_up", interview + dt.timedelta(days=7), "A week after."),
                 Step("final_follow_up", interview + dt.timedelta(days=14), "Last nudge."),
                 Step("move_on", interview + dt.timedelta(days=21), "Move on."),
                 Step("holiday_card", interview + dt.timedelta(days=3), "Seasonal.")],
                deadline=interview + dt.timedelta(days=7))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = tracker.make_engine(f"sqlite:///{tmp_path / 'followup.sqlite3'}")
        yield eng
        eng.dispose()
        return
    pg_url = request.getfixturevalue("pg_url")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg_url)
    with admin.begin() as c:
        c.exec_driver_sql(f"CREATE SCHEMA {schema}")
    eng = tracker.make_engine(pg_url, connect_args={"options": f"-c search_path={schema}"})
    yield eng
    eng.dispose()
    with admin.begin() as c:
        c.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


def raw_engine(engine) -> sa.Engine:
    """A second, unprepared-for-migration engine on the same database (for v1 set-up)."""
    return engine


# --- basics ---------------------------------------------------------------------------------------
def test_schema_is_current_and_wal_on_sqlite(engine):
    with engine.connect() as c:
        assert tracker.schema_version(c) == tracker.SCHEMA_VERSION
        if engine.dialect.name == "sqlite":
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_sqlite_write_transactions_begin_immediate(tmp_path):
    """While one write transaction is open, a second writer's BEGIN blocks (IMMEDIATE), instead of
    starting a deferred transaction that would fail later with 'database is locked'."""
    eng = tracker.make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    statements = []
    sa.event.listen(eng, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with eng.begin() as c1:
        c1.execute(sa.select(1))  # a read only: a deferred transaction would hold no lock yet
        with eng.connect() as c2:
            c2.connection.driver_connection.execute("PRAGMA busy_timeout = 100")
            with pytest.raises(sa.exc.OperationalError, match="locked"):
                c2.execute(sa.select(1))  # autobegin -> BEGIN IMMEDIATE -> waits, then fails
    assert "BEGIN IMMEDIATE" in statements
    eng.dispose()


def test_add_list_update_delete(engine):
    a = tracker.add_application(engine, "alice", company="Acme", role="Data analyst", contact="Pat",
                                via_agency=True, said="we decide Friday",
                                events_=[{"kind": "applied", "date": D(2026, 3, 1), "done": True, "note": ""}])
    e = tracker.add_event(engine, "alice", a, kind="interview", date=D(2026, 3, 10), done=True, note="Panel")
    log = tracker.load_log(engine, "alice")
    assert [x["company"] for x in log] == ["Acme"]
    assert log[0]["via_agency"] is True and log[0]["said"] == "we decide Friday"
    assert [(x["kind"], x["date"]) for x in log[0]["events"]] == [("applied", D(2026, 3, 1)),
                                                                   ("interview", D(2026, 3, 10))]
    assert tracker.update_event(engine, "alice", e, note="Panel of 3", done=False)
    assert tracker.list_events(engine, "alice", a)[1]["note"] == "Panel of 3"
    assert tracker.update_application(engine, "alice", a, status="offer")
    assert tracker.get_application(engine, "alice", a)["status"] == "offer"
    assert tracker.delete_event(engine, "alice", e)
    assert tracker.count_rows(engine, "alice") == (1, 1)
    assert tracker.delete_application(engine, "alice", a)
    assert tracker.count_rows(engine, "alice") == (0, 0)


@pytest.mark.parametrize("fields,field_name", [
    ({"company": "  "}, "company"),
    ({"company": "A" * 201}, "company"),
    ({"company": "Acme", "status": "ghosted"}, "status"),
    ({"company": "Acme", "country": "usa"}, "country"),
    ({"company": "Ac\x00me"}, "company"),
    ({"company": "Acme", "via_agency": "yes"}, "via_agency"),
])
def test_application_validation(engine, fields, field_name):
    with pytest.raises(tracker.ValidationError) as exc:
        tracker.add_application(engine, "alice", **fields)
    assert field_name in exc.value.errors
    assert tracker.count_rows(engine) == (0, 0)


def test_event_validation(engine):
    a = tracker.add_application(engine, "alice", company="Acme")
    for bad, name in [({"kind": "party"}, "kind"), ({"date": "2026-01-01"}, "date"),
                      ({"done": "yes"}, "done"), ({"note": "x" * 2001}, "note"),
                      ({"date": dt.datetime(2026, 1, 1)}, "date")]:
        fields = {"kind": "call", "date": D(2026, 1, 1), "done": True, "note": "", **bad}
        with pytest.raises(tracker.ValidationError) as exc:
            tracker.add_event(engine, "alice", a, **fields)
        assert name in exc.value.errors
    assert tracker.count_rows(engine) == (1, 0)


# --- isolation ----------------------------------------------------------------------------------
def test_owner_isolation(engine):
    marker = "MARKER-" + uuid.uuid4().hex
    a = tracker.add_application(engine, "owner-a", company=f"{marker} Corp", role=marker, contact=marker,
                                said=marker)
    e = tracker.add_event(engine, "owner-a", a, kind="interview", date=D(2026, 3, 10), done=True, note=marker)
    tracker.add_application(engine, "owner-b", company="Bee Ltd")
    before = tracker.load_log(engine, "owner-a")

    # B's reads and exports: no trace of A.
    b_log = tracker.load_log(engine, "owner-b")
    seen = (repr(b_log) + repr(tracker.list_applications(engine, "owner-b"))
            + repr(tracker.list_events(engine, "owner-b")) + repr(tracker.list_events(engine, "owner-b", a))
            + repr(tracker.get_application(engine, "owner-b", a)))
    for blob in (exports.to_csv(b_log), exports.to_json(b_log), exports.to_ics(b_log)):
        seen += blob.decode("utf-8")
    assert marker not in seen
    assert tracker.get_application(engine, "owner-b", a) is None

    # B changing or deleting A's rows by id: nothing changes.
    assert tracker.update_event(engine, "owner-b", e, note="hacked") is False
    assert tracker.delete_event(engine, "owner-b", e) is False
    assert tracker.update_application(engine, "owner-b", a, company="hacked") is False
    assert tracker.delete_application(engine, "owner-b", a) is False
    with pytest.raises(tracker.ValidationError):
        tracker.add_event(engine, "owner-b", a, kind="call", date=D(2026, 3, 11), done=True, note="")
    with pytest.raises(tracker.ValidationError):
        tracker.add_plan(engine, "owner-b", fake_plan(D(2026, 3, 10)), company="x", application_id=a)
    step = tracker.NextStep(a, "x", "", "move_on", "Move on", D(2026, 3, 1), "overdue", planned_event_id=e)
    tracker.complete_step(engine, "owner-b", step, D(2026, 4, 1))
    assert tracker.delete_workspace(engine, "owner-b") == (1, 0)
    assert tracker.load_log(engine, "owner-a") == before


def test_owner_is_required(engine):
    for owner in ("", None):
        with pytest.raises((ValueError, TypeError)):
            tracker.add_application(engine, owner, company="Acme")


# --- durability ------------------------------------------------------------------------------------
def test_16_threads_x_200_writes(engine):
    app = tracker.add_application(engine, "load", company="Load Inc")
    errors: list[BaseException] = []

    def work(t: int):
        try:
            for i in range(200):
                tracker.add_event(engine, "load", app, kind="call", date=D(2026, 1, 1), done=True,
                                  note=f"{t}-{i}")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert tracker.count_rows(engine, "load") == (1, 3200)


def test_data_survives_a_new_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'f.sqlite3'}"
    e1 = tracker.make_engine(url)
    tracker.add_application(engine=e1, owner="me", company="Durable")
    e1.dispose()
    e2 = tracker.make_engine(url)
    assert [a["company"] for a in tracker.load_log(e2, "me")] == ["Durable"]
    e2.dispose()


def _sample_log(n_apps=3, n_events=4, prefix="Co"):
    return [{"uid": f"app{i}", "company": f"{prefix} {i}", "role": "Dev", "contact": "", "via_agency": False,
             "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
             "events": [{"uid": f"ev{i}-{j}", "kind": "call", "date": D(2026, 1, 1 + j), "done": True,
                         "note": f"n{j}"} for j in range(n_events)]} for i in range(n_apps)]


@pytest.mark.parametrize("k", [0, 7, 14])
def test_failure_mid_import_leaves_nothing(engine, k):
    tracker.add_application(engine, "me", company="Existing")
    before = tracker.count_rows(engine)

    def boom(n):
        if n == k:
            raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError, match="injected"):
        tracker.import_log(engine, "me", _sample_log(), on_row=boom)
    assert tracker.count_rows(engine) == before
    if engine.dialect.name == "sqlite":
        with engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_import_twice_adds_nothing_twice(engine):
    rep = tracker.import_log(engine, "me", _sample_log())
    assert (rep.applications_added, rep.events_added) == (3, 12)
    rep2 = tracker.import_log(engine, "me", _sample_log())
    assert (rep2.applications_added, rep2.events_added) == (0, 0)
    assert (rep2.applications_skipped, rep2.events_skipped) == (3, 12)
    assert tracker.count_rows(engine, "me") == (3, 12)
    # the same file in another workspace is that owner's own copy
    tracker.import_log(engine, "other", _sample_log())
    assert tracker.count_rows(engine, "other") == (3, 12)
    assert tracker.count_rows(engine, "me") == (3, 12)


def test_export_import_through_storage_is_lossless(engine):
    tracker.import_log(engine, "me", _sample_log())
    a = tracker.add_application(engine, "me", company="=cmd|' /C calc'!A0", role="+1 (555)",
                                contact="@me", said="-2+3")
    tracker.add_event(engine, "me", a, kind="reply", date=D(2026, 2, 28), done=False, note="\t=1\r\nline2")
    log = tracker.load_log(engine, "me")
    for blob, name in ((exports.to_csv(log), "x.csv"), (exports.to_json(log), "x.json")):
        parsed = imports.parse_upload(name, blob)
        assert parsed.errors == []
        assert parsed.log == exports._plain(log)


# --- migrations -----------------------------------------------------------------------------------
def test_migration_v1_to_v2_keeps_rows(engine):
    # Start from an empty database at version 1 (a fresh schema on the same server).
    with engine.begin() as c:
        # note_drafts (the writer's table) refers to applications, so it goes first
        for t in ("note_drafts", "events", "applications", "workspaces", "followup_schema"):
            c.exec_driver_sql(f"DROP TABLE IF EXISTS {t}")
    assert tracker.migrate(engine, target=1) == 1
    v1 = tracker._v1_metadata()
    now = dt.datetime(2026, 1, 1)
    with engine.begin() as c:
        assert "said" not in {col["name"] for col in sa.inspect(c).get_columns("applications")}
        app_id = c.execute(v1.tables["applications"].insert().values(
            owner="old", uid="u1", company="Old Co", role="Dev", contact="Sam", via_agency=True,
            status="active", created_at=now)).inserted_primary_key[0]
        c.execute(v1.tables["events"].insert().values(
            owner="old", uid="e1", application_id=app_id, kind="interview", date=D(2025, 12, 1),
            done=True, note="kept", created_at=now))
    assert tracker.migrate(engine) == tracker.SCHEMA_VERSION == 3
    assert tracker.migrate(engine) == 3  # idempotent
    log = tracker.load_log(engine, "old")
    assert log[0]["company"] == "Old Co" and log[0]["contact"] == "Sam" and log[0]["via_agency"] is True
    assert (log[0]["said"], log[0]["industry"], log[0]["country"], log[0]["subdivision"]) == ("", "general", "US", "")
    assert [(e["uid"], e["note"]) for e in log[0]["events"]] == [("e1", "kept")]
    tracker.add_application(engine, "old", company="New Co", said="by Friday")  # v2 columns usable


def test_migration_v2_to_v3_records_the_workspaces_that_have_data(engine):
    """v3 adds the table of app-made workspaces; private links handed out before it keep working, so
    every private-key owner with data (log, drafts, workshop) is recorded; other owners are not."""
    from followup.log import keys
    from followup.workshop import schema as workshop_schema

    with engine.begin() as c:
        for t in ("note_drafts", "events", "applications", "workspaces", "followup_schema"):
            c.exec_driver_sql(f"DROP TABLE IF EXISTS {t}")
    assert tracker.migrate(engine, target=2) == 2
    with engine.connect() as c:
        assert not sa.inspect(c).has_table("workspaces")
    with_app, with_event, with_draft, in_room = (f"key:{i:064x}" for i in range(1, 5))
    a = tracker.add_application(engine, with_app, company="Kept Co")
    tracker.add_application(engine, "local", company="Local Co")
    b = tracker.add_application(engine, with_event, company="Event Co")
    with engine.begin() as c:  # the same owner in two tables is recorded once
        c.execute(tracker.events.insert().values(owner=with_event, uid="e1", application_id=b, kind="interview",
                                                 date=D(2026, 1, 5), done=True, note="", created_at=dt.datetime(2026, 1, 5)))
    from followup.log.schema import note_drafts, workspaces as workspaces_table
    with engine.begin() as c:
        note_drafts.create(c, checkfirst=True)
        c.execute(note_drafts.insert().values(owner=with_draft, slot="none:thank_you", kind="thank_you",
                                              channel="email", updated_at=dt.datetime(2026, 1, 5)))
    workshop_schema.metadata.create_all(engine)
    with engine.begin() as c:
        room = c.execute(workshop_schema.rooms.insert().values(
            code="ABC-DEF", host_hash="h" * 64, exercise_order="a", created_at=dt.datetime(2026, 1, 5),
            expires_at=dt.datetime(2026, 1, 19))).inserted_primary_key[0]
        c.execute(workshop_schema.participants.insert().values(room_id=room, owner=in_room,
                                                               joined_at=dt.datetime(2026, 1, 5)))
    assert tracker.migrate(engine) == 3
    assert tracker.migrate(engine) == 3  # idempotent
    for owner in (with_app, with_event, with_draft, in_room):
        assert keys.known(engine, owner), owner
    assert not keys.known(engine, "local") and not keys.known(engine, f"key:{9:064x}")
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(workspaces_table)).scalar() == 4
    assert tracker.load_log(engine, with_app)[0]["id"] == a  # rows untouched


def test_newer_schema_is_refused(engine):
    with engine.begin() as c:
        c.execute(tracker.schema_table.update().values(version=99))
    with pytest.raises(RuntimeError, match="newer"):
        tracker.migrate(engine)


# --- planner glue ------------------------------------------------------------------------------------
def test_add_plan_creates_application_and_planned_steps_once(engine):
    plan = fake_plan(D(2026, 3, 10))
    a = tracker.add_plan(engine, "me", plan, company="Plan Co", role="PM", interview=D(2026, 3, 10),
                         said="two weeks", country="GB")
    log = tracker.load_log(engine, "me")
    assert log[0]["said"] == "two weeks" and log[0]["country"] == "GB"
    evs = log[0]["events"]
    assert [(e["kind"], e["done"]) for e in evs] == [
        ("interview", True), ("thank_you", False), ("other", False), ("follow_up_email", False),
        ("follow_up_email", False), ("other", False)]
    # adding the same plan to the same application again adds nothing
    assert tracker.add_plan(engine, "me", plan, company="Plan Co", application_id=a,
                            interview=D(2026, 3, 10)) == a
    assert tracker.count_rows(engine, "me") == (1, 6)


def test_add_plan_is_one_transaction(engine):
    bad = Plan([Step("thank_you", D(2026, 3, 11)), Step("follow_up", "not a date")])
    with pytest.raises(tracker.ValidationError):
        tracker.add_plan(engine, "me", bad, company="Half Co")
    assert tracker.count_rows(engine) == (0, 0)


def test_next_step_follows_the_planner_and_one_click_logs_it(engine):
    a = tracker.add_application(engine, "me", company="Next Co", events_=[
        {"kind": "interview", "date": D(2026, 3, 10), "done": True, "note": ""}])
    today = D(2026, 3, 12)

    def step():
        log = tracker.load_log(engine, "me")
        return tracker.next_steps(log, today, plan_fn=fake_plan)

    s = step()
    assert [(x.step_kind, x.date, x.due) for x in s] == [("thank_you", D(2026, 3, 11), "overdue")]
    tracker.complete_step(engine, "me", s[0], today)
    s = step()
    assert [(x.step_kind, x.date, x.due) for x in s] == [("follow_up", D(2026, 3, 17), "upcoming")]
    tracker.complete_step(engine, "me", s[0], today)
    assert step()[0].step_kind == "final_follow_up"
    tracker.complete_step(engine, "me", step()[0], today)
    assert step()[0].step_kind == "move_on"
    tracker.complete_step(engine, "me", step()[0], today)
    assert step() == []
    assert tracker.get_application(engine, "me", a)["status"] == "no_reply"


def test_next_step_marks_a_planned_event_done(engine):
    tracker.add_plan(engine, "me", fake_plan(D(2026, 3, 10)), company="P", interview=D(2026, 3, 10))
    today = D(2026, 3, 11)
    s = tracker.next_steps(tracker.load_log(engine, "me"), today, plan_fn=fake_plan)[0]
    assert s.due == "today" and s.planned_event_id is not None
    tracker.complete_step(engine, "me", s, today)
    ev = [e for e in tracker.list_events(engine, "me") if e["id"] == s.planned_event_id][0]
    assert ev["done"] is True and ev["date"] == today
    assert tracker.count_rows(engine, "me") == (1, 6)  # marked, not duplicated


def test_next_step_without_interview_and_after_a_reply(engine):
    a = tracker.add_application(engine, "me", company="Wait Co", events_=[
        {"kind": "applied", "date": D(2026, 3, 1), "done": True, "note": ""}])
    s = tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 3, 5), plan_fn=fake_plan)
    assert [x.step_kind for x in s] == ["log_interview"]
    tracker.add_event(engine, "me", a, kind="interview", date=D(2026, 3, 9), done=False, note="")
    s = tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 3, 5), plan_fn=fake_plan)
    assert [(x.step_kind, x.due) for x in s] == [("interview", "upcoming")]
    tracker.complete_step(engine, "me", s[0], D(2026, 3, 9))
    tracker.add_event(engine, "me", a, kind="reply", date=D(2026, 3, 12), done=True, note="")
    assert tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 3, 14), plan_fn=fake_plan) == []


def test_next_step_passes_the_applications_fields_to_the_planner(engine):
    calls = []

    def spy(interview, said="", **kw):
        calls.append((interview, said, kw))
        return fake_plan(interview, said, **kw)

    tracker.add_application(engine, "me", company="Spy", said="by Friday", industry="general", country="GB",
                            subdivision="ENG", via_agency=True, events_=[
                                {"kind": "interview", "date": D(2026, 3, 10), "done": True, "note": ""}])
    tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 3, 11), plan_fn=spy)
    assert calls == [(D(2026, 3, 10), "by Friday", {"industry": "general", "country": "GB",
                                                    "subdivision": "ENG", "via_agency": True,
                                                    "today": D(2026, 3, 11)})]


def test_seed_events(engine):
    n_apps = seed.seed_events(engine, "bench", 1000)
    assert n_apps == 200
    assert tracker.count_rows(engine, "bench") == (200, 1000)


def test_next_step_uses_the_real_planner(engine):
    from followup import timing

    interview, today = D(2026, 11, 20), D(2026, 11, 25)
    tracker.add_application(engine, "me", company="Real", said="we will decide by Friday", events_=[
        {"kind": "interview", "date": interview, "done": True, "note": ""}])
    expected = timing.plan(interview, "we will decide by Friday", today=today)
    s = tracker.next_steps(tracker.load_log(engine, "me"), today)[0]
    thanks = expected.step("thank_you")
    assert (s.step_kind, s.date, s.latest) == ("thank_you", thanks.date, thanks.latest)
    assert s.due == ("overdue" if (thanks.latest or thanks.date) < today else "today")
    tracker.complete_step(engine, "me", s, today)
    s = tracker.next_steps(tracker.load_log(engine, "me"), today)[0]
    assert (s.step_kind, s.date) == ("follow_up", expected.step("follow_up").date)
    assert s.window[0] <= s.date <= s.window[1]


@pytest.mark.parametrize("today,due", [(D(2026, 3, 9), "upcoming"), (D(2026, 3, 10), "today"),
                                       (D(2026, 3, 12), "today"), (D(2026, 3, 13), "overdue")])
def test_due_uses_the_steps_window(today, due):
    assert tracker._due(D(2026, 3, 10), today, D(2026, 3, 12)) == due


def test_add_plan_with_a_real_plan_takes_its_fields(engine):
    from followup import timing

    plan = timing.plan(D(2026, 11, 20), "we'll let you know within two weeks", country="GB",
                       subdivision="ENG", via_agency=True, today=D(2026, 11, 25))
    a = tracker.add_plan(engine, "me", plan, company="From the planner", role="PM")
    app = tracker.load_log(engine, "me")[0]
    assert (app["id"], app["said"], app["country"], app["subdivision"], app["via_agency"]) == (
        a, "we'll let you know within two weeks", "GB", "ENG", True)
    planned = [(e["date"]) for e in app["events"] if not e["done"]]
    assert sorted(planned) == sorted(s.date for s in plan.steps)
    assert [e["kind"] for e in app["events"] if e["done"]] == ["interview"]
    # and "What's next" for it is the plan's first step
    s = tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 11, 20))[0]
    assert s.step_kind == plan.steps[0].kind and s.planned_event_id is not None


def test_seed_benchmark_uses_the_apps_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(tmp_path / "bench"))
    assert seed.seed_benchmark(events=1000) == "1,000 events in 200 applications"
    eng = tracker.make_engine(f"sqlite:///{tmp_path / 'bench' / 'followup.sqlite3'}")
    assert tracker.count_rows(eng, "local") == (200, 1000)
    eng.dispose()


# --- the log's version and snapshots (what the timeline's caches key on) -----------------------------
def test_every_kind_of_write_moves_the_owners_log_version_and_no_one_elses(engine):
    from followup.log import snapshot, store

    versions = []

    def moved() -> bool:
        versions.append(store.log_version(engine, "me"))
        return len(versions) < 2 or versions[-1] > versions[-2]

    assert moved() and versions == [0]
    other = tracker.add_application(engine, "other", company="Theirs")
    assert store.log_version(engine, "me") == 0 and store.log_version(engine, "other") > 0
    a = tracker.add_application(engine, "me", company="Mine")
    assert moved()
    e = tracker.add_event(engine, "me", a, kind="interview", date=D(2026, 3, 10), done=True, note="")
    assert moved()
    tracker.update_event(engine, "me", e, note="changed")
    assert moved()
    tracker.update_application(engine, "me", a, role="Lead")
    assert moved()
    s = tracker.next_steps(tracker.load_log(engine, "me"), D(2026, 3, 11))[0]
    tracker.complete_step(engine, "me", s, D(2026, 3, 11))
    assert moved()
    tracker.add_plan(engine, "me", fake_plan(D(2026, 3, 10)), company="Plan Co")
    assert moved()
    log = exports._plain(tracker.load_log(engine, "me"))
    tracker.delete_event(engine, "me", e)
    assert moved()
    tracker.import_log(engine, "me", log)
    assert moved()
    with engine.begin() as c:  # a write the app does not know of (a script, another helper's code)
        c.execute(tracker.events.update().where(tracker.events.c.owner == "me").values(note="raw"))
    assert moved()
    tracker.delete_workspace(engine, "me")
    assert moved() and tracker.count_rows(engine, "me") == (0, 0)
    tracker.add_application(engine, "me", company="Again")
    assert moved(), "the counter never starts over: a cache of the deleted log cannot come back"
    assert tracker.get_application(engine, "other", other)["company"] == "Theirs"
    # a snapshot is the owner's log at its version, read again only after a change
    snap = snapshot.snapshot(engine, "me")
    assert snapshot.snapshot(engine, "me") is snap and [x["company"] for x in snap.log] == ["Again"]
    assert [x["company"] for x in snapshot.snapshot(engine, "other").log] == ["Theirs"]
    tracker.add_application(engine, "me", company="More")
    fresh = snapshot.snapshot(engine, "me")
    assert fresh is not snap and [x["company"] for x in fresh.log] == ["Again", "More"]
    assert fresh.memo("k", lambda: 1) == 1 and fresh.memo("k", lambda: 2) == 1


def test_a_large_import_moves_the_version_and_stays_quick(engine):
    import time

    from followup.log import store

    log = [{"uid": f"a{i}", "company": f"Co {i}", "role": "", "contact": "", "via_agency": False,
            "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
            "events": [{"uid": f"e{i}-{k}", "kind": "applied", "date": D(2026, 1, 1) + dt.timedelta(days=k),
                        "done": True, "note": ""} for k in range(5)]} for i in range(2000)]
    t0 = time.perf_counter()
    tracker.import_log(engine, "local", log)  # the local log: no cap
    took = time.perf_counter() - t0
    assert tracker.count_rows(engine, "local") == (2000, 10_000) and store.log_version(engine, "local") > 0
    assert took < 60, f"importing 10,000 events took {took:.1f} s"


def test_added_lately_finds_the_same_company_and_role_of_the_last_minutes(engine):
    from followup.log.schema import applications

    assert not tracker.added_lately(engine, "local", "Initech", "Analyst")
    app_id = tracker.add_application(engine, "local", company="Initech", role="Analyst")
    assert tracker.added_lately(engine, "local", " initech", "ANALYST ")
    assert not tracker.added_lately(engine, "local", "Initech", "")
    assert not tracker.added_lately(engine, "someone-else", "Initech", "Analyst")
    with engine.begin() as conn:  # added an hour ago: a second application is the user's business
        conn.execute(applications.update().where(applications.c.id == app_id).values(
            created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(hours=1)))
    assert not tracker.added_lately(engine, "local", "Initech", "Analyst")
