"""Undo: deleting keeps a snapshot of exactly what was removed, and "Done" says what it changed,
so the timeline can offer "Undo" (issue 15). Owner-scoped like everything in ``followup.log``:
a snapshot or change of one owner restores nothing for another. No Streamlit here.

A snapshot is plain data (rows as dicts, with their ids, uids and created_at), kept by the page in
the visitor's session; :func:`restore` puts the same rows back, ids included, so links and drafts
that point at them work again.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from followup.log import keys
from followup.log.schema import applications, events, note_drafts
from followup.log.store import _require_owner, reopen_on_removal

TABLES = {"applications": applications, "events": events, "note_drafts": note_drafts}


def _rows(conn, table: sa.Table, *where) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(sa.select(table).where(*where).order_by(table.c.id))]


def delete_event(engine: Engine, owner: str, event_id: int) -> dict | None:
    """Delete one of the owner's events; return its snapshot (None: not theirs, nothing deleted).
    A deleted outcome reopens its application (``store.reopen_on_removal``): the snapshot then holds
    the status it had (``status_before``) and the one it has now (``status_after``), for Undo."""
    _require_owner(owner)
    with engine.begin() as conn:
        rows = _rows(conn, events, events.c.owner == owner, events.c.id == event_id)
        if not rows:
            return None
        conn.execute(events.delete().where(events.c.owner == owner, events.c.id == event_id))
        (ev,) = rows
        status_before = reopen_on_removal(conn, owner, ev["application_id"], ev["kind"], ev["done"])
        status_after = conn.execute(sa.select(applications.c.status).where(
            applications.c.owner == owner, applications.c.id == ev["application_id"])).scalar()
    snap = {"owner": owner, "applications": [], "events": rows, "note_drafts": []}
    if status_before is not None:
        snap.update(status_before=status_before, status_after=status_after)
    return snap


def delete_application(engine: Engine, owner: str, app_id: int) -> dict | None:
    """Delete one of the owner's applications with its events and note drafts; return their
    snapshot (None: not theirs, nothing deleted). One transaction."""
    _require_owner(owner)
    with engine.begin() as conn:
        apps = _rows(conn, applications, applications.c.owner == owner, applications.c.id == app_id)
        if not apps:
            return None
        evs = _rows(conn, events, events.c.owner == owner, events.c.application_id == app_id)
        drafts = _rows(conn, note_drafts, note_drafts.c.owner == owner, note_drafts.c.application_id == app_id)
        conn.execute(events.delete().where(events.c.owner == owner, events.c.application_id == app_id))
        conn.execute(note_drafts.delete().where(note_drafts.c.owner == owner, note_drafts.c.application_id == app_id))
        conn.execute(applications.delete().where(applications.c.owner == owner, applications.c.id == app_id))
    return {"owner": owner, "applications": apps, "events": evs, "note_drafts": drafts}


def restore(engine: Engine, owner: str, snapshot: dict) -> bool:
    """Put back exactly what a delete removed (same ids, uids, dates, notes), in one transaction.
    False, and nothing written, if the snapshot is another owner's, its application is gone
    (for an event), or a row with the same id or uid came back meanwhile (an import)."""
    _require_owner(owner)
    if not isinstance(snapshot, dict) or snapshot.get("owner") != owner:
        return False
    try:
        with engine.begin() as conn:
            keys.refuse_if_deleted(conn, owner)  # an Undo left on a tab of a deleted workspace
            for name in ("applications", "events", "note_drafts"):  # parents first
                rows = [{**r, "owner": owner} for r in snapshot.get(name, [])]
                if name == "events" and not snapshot.get("applications"):
                    app_ids = {r["application_id"] for r in rows}
                    found = set(conn.execute(sa.select(applications.c.id).where(
                        applications.c.owner == owner, applications.c.id.in_(app_ids))).scalars())
                    if found != app_ids:
                        raise LookupError("the application is gone")
                if rows:
                    conn.execute(TABLES[name].insert(), rows)
            if snapshot.get("status_before"):  # the deleted outcome had closed its application
                (ev,) = snapshot["events"]
                conn.execute(applications.update().where(
                    applications.c.owner == owner, applications.c.id == ev["application_id"])
                    .values(status=snapshot["status_before"]))
    except (IntegrityError, LookupError, keys.WorkspaceDeletedError):
        return False
    # (the ids came from each table's sequence before, so the sequences are already past them)
    return True


def undo_complete(engine: Engine, owner: str, change: dict | None) -> bool:
    """Undo what ``next_steps.complete_step`` did (its returned ``change``): remove the event it
    added, or put the planned event's date and state back; the application's status too."""
    _require_owner(owner)
    if not change:
        return False
    app_id, ev_id = change["application_id"], change["event_id"]
    mine = (events.c.owner == owner, events.c.id == ev_id, events.c.application_id == app_id)
    with engine.begin() as conn:
        if change["inserted"]:
            done = conn.execute(events.delete().where(*mine)).rowcount
        else:
            done = conn.execute(events.update().where(*mine).values(**change["before"])).rowcount
        if done and change.get("status_before"):
            conn.execute(applications.update().where(
                applications.c.owner == owner, applications.c.id == app_id).values(status=change["status_before"]))
    return bool(done)
