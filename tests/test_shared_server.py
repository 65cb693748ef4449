"""A shared server one visitor cannot wear out or read from disk (issue 10, point 6): the SQLite file
is the server user's alone, and a private workspace holds a limited number of rows."""
from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from followup import tracker, workspace
from followup.log import exports, imports, records, schema

D = dt.date


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- the SQLite file and its folder ------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_sqlite_file_and_folder_are_the_server_users_only(tmp_path):
    folder = tmp_path / "store"
    old_umask = os.umask(0o022)  # the usual umask: without the fix, files are 0644 and folders 0755
    try:
        url = workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(folder)}, {})["url"]
        eng = tracker.make_engine(url)
        tracker.add_application(eng, "local", company="Acme")
        db = folder / workspace.DB_FILENAME
        assert mode(folder) == 0o700
        assert mode(db) == 0o600
        wal = folder / (workspace.DB_FILENAME + "-wal")
        assert wal.exists() and mode(wal) == 0o600  # SQLite gives WAL the database file's permissions
        eng.dispose()
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_readable_file_is_made_private(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    db = folder / "followup.sqlite3"
    db.write_bytes(b"")
    db.chmod(0o644)
    (folder / "followup.sqlite3-wal").write_bytes(b"")
    (folder / "followup.sqlite3-wal").chmod(0o644)
    schema.private_sqlite_file(str(db))
    assert (mode(folder), mode(db), mode(folder / "followup.sqlite3-wal")) == (0o700, 0o600, 0o600)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_shared_sticky_folder_is_left_alone(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    schema.private_sqlite_file(str(folder / "x.sqlite3"))
    assert mode(folder) == 0o1777 and mode(folder / "x.sqlite3") == 0o600


# --- a private workspace holds at most PRIVATE_ROW_CAP rows --------------------------------------------
KEY_OWNER = workspace.key_owner(workspace.new_key())


def test_the_local_log_has_no_cap_and_private_ones_do():
    assert records.row_cap(workspace.LOCAL_OWNER) is None
    assert records.row_cap(KEY_OWNER) == records.PRIVATE_ROW_CAP == 5_000
    assert records.row_cap(workspace.login_owner("iss", "sub")) == 5_000


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(records, "PRIVATE_ROW_CAP", 6)
    return 6


def rows_of(engine, owner) -> int:
    return sum(tracker.count_rows(engine, owner))


def test_every_way_of_adding_rows_stops_at_the_cap(engine, small_cap):
    owner = KEY_OWNER
    app_id = tracker.add_application(engine, owner, company="Acme", events_=[
        {"kind": "interview", "date": D(2026, 3, 2), "done": True, "note": ""}])
    tracker.add_event(engine, owner, app_id, kind="call", date=D(2026, 3, 3), done=True, note="")
    tracker.add_application(engine, owner, company="Beta")
    assert rows_of(engine, owner) == 4
    with pytest.raises(tracker.RowLimitError) as full:  # 4 + 1 application + 2 events = 7 > 6
        tracker.add_application(engine, owner, company="Gamma", events_=[
            {"kind": "interview", "date": D(2026, 3, 2), "done": True, "note": ""},
            {"kind": "call", "date": D(2026, 3, 4), "done": True, "note": ""}])
    assert rows_of(engine, owner) == 4, "nothing of the refused write is stored"
    assert "at most 6 applications and events" in full.value.errors["log"]
    tracker.add_event(engine, owner, app_id, kind="call", date=D(2026, 3, 5), done=True, note="")
    tracker.add_event(engine, owner, app_id, kind="call", date=D(2026, 3, 6), done=True, note="")
    assert rows_of(engine, owner) == 6  # exactly the cap is allowed
    with pytest.raises(tracker.RowLimitError):
        tracker.add_event(engine, owner, app_id, kind="call", date=D(2026, 3, 7), done=True, note="")
    step = tracker.next_steps(tracker.load_log(engine, owner), D(2026, 3, 8))[0]
    with pytest.raises(tracker.RowLimitError):
        tracker.complete_step(engine, owner, step, D(2026, 3, 8))
    from followup.plan import timing
    with pytest.raises(tracker.RowLimitError):
        tracker.add_plan_to_log(engine, owner, timing.plan(D(2026, 3, 2), "", today=D(2026, 3, 2)), company="Delta")
    assert rows_of(engine, owner) == 6
    # deleting makes room again; the local log and other owners are not affected
    tracker.delete_application(engine, owner, app_id)
    tracker.add_application(engine, owner, company="Epsilon")
    for i in range(10):
        tracker.add_application(engine, workspace.LOCAL_OWNER, company=f"Local {i}")
    assert rows_of(engine, workspace.LOCAL_OWNER) == 10


def test_an_import_over_the_cap_stores_nothing(engine, small_cap):
    owner = KEY_OWNER
    tracker.add_application(engine, owner, company="Acme")
    log = [{"uid": f"a{i}", "company": f"C{i}", "role": "", "contact": "", "via_agency": False,
            "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
            "events": [{"uid": f"e{i}", "kind": "call", "date": D(2026, 1, 2), "done": True, "note": ""}]}
           for i in range(3)]  # 6 rows, 7 with Acme
    parsed = imports.parse_upload("b.json", exports.to_json(log))
    assert parsed.ok
    with pytest.raises(tracker.RowLimitError) as full:
        tracker.import_log(engine, owner, parsed.log)
    assert full.value.rows == 7 and rows_of(engine, owner) == 1
    assert tracker.import_log(engine, workspace.LOCAL_OWNER, parsed.log).events_added == 3


def test_the_cap_holds_on_postgresql(pg_url, small_cap):
    eng = tracker.make_engine(pg_url)
    owner = workspace.key_owner(workspace.new_key())
    try:
        for i in range(6):
            tracker.add_application(eng, owner, company=f"C{i}")
        with pytest.raises(tracker.RowLimitError):
            tracker.add_application(eng, owner, company="one too many")
        assert rows_of(eng, owner) == 6
    finally:
        tracker.delete_workspace(eng, owner)
        eng.dispose()


# --- a tab left open on a deleted workspace writes nothing (found by a security review, 8 Dec 2026) ----
def test_no_write_reaches_a_deleted_private_workspace(engine):
    from followup.log import keys, undo
    from followup.plan import timing
    from followup.write import store as drafts
    owner = workspace.key_owner(workspace.new_key())
    keys.register(engine, owner)
    app_id = tracker.add_application(engine, owner, company="Acme", events_=[
        {"kind": "interview", "date": D(2026, 3, 2), "done": True, "note": ""}])
    beta = tracker.add_application(engine, owner, company="Beta")
    step = tracker.next_steps(tracker.load_log(engine, owner), D(2026, 3, 8))[0]
    undo_beta = undo.delete_application(engine, owner, beta)  # its Undo is still on the other tab
    tracker.delete_workspace(engine, owner)
    parsed = imports.parse_upload("b.json", exports.to_json([{
        "uid": "a1", "company": "Zed", "role": "", "contact": "", "via_agency": False, "status": "active", "said": "",
        "industry": "general", "country": "US", "subdivision": "", "events": []}]))
    said_deleted = [
        lambda: tracker.add_application(engine, owner, company="Orphan Co"),
        lambda: tracker.import_log(engine, owner, parsed.log),
        lambda: tracker.add_plan_to_log(engine, owner, timing.plan(D(2026, 3, 2), "", today=D(2026, 3, 2)),
                                        company="Delta"),
        lambda: drafts.save_draft(engine, owner, application_id=None, kind="thank_you", channel="email",
                                  subject="Thanks", body="Thank you for your time."),
    ]
    for write in said_deleted:
        with pytest.raises(tracker.RowLimitError) as refused:  # every page already says why a write was refused
            write()
        assert "was deleted in another tab or window" in refused.value.errors["log"]
    with pytest.raises(tracker.ValidationError):  # its application is gone with the workspace
        tracker.add_event(engine, owner, app_id, kind="call", date=D(2026, 3, 3), done=True, note="")
    assert tracker.complete_step(engine, owner, step, D(2026, 3, 8)) is None  # nothing: not the owner's any more
    assert undo.restore(engine, owner, undo_beta) is False
    assert rows_of(engine, owner) == 0 and drafts.list_drafts(engine, owner) == []
    # the local log may be deleted and started again; so may a signed-in owner's
    for again in (workspace.LOCAL_OWNER, workspace.login_owner("iss", "sub")):
        tracker.add_application(engine, again, company="First")
        tracker.delete_workspace(engine, again)
        tracker.add_application(engine, again, company="Second")
        assert [a["company"] for a in tracker.load_log(engine, again)] == ["Second"]
