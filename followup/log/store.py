"""Owner-scoped storage of applications and their events (SQLAlchemy Core; SQLite or PostgreSQL).

- Every function takes ``owner`` as a required argument and every statement filters by it,
  including updates and deletes by id: an id from another owner changes nothing.
- Every write of a user action is one transaction (``engine.begin()``).
- No Streamlit import, no module-level state holding anyone's data.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from followup.log.records import (AFTER_INTERVIEW_KINDS, OUTCOME_STATUS, RowLimitError, ValidationError,
                                   before_interview_problem, clean_application, clean_event, done_date_problem,
                                   row_cap)
from followup.log import keys
from followup.log.schema import applications, events, log_versions, note_drafts
from followup.workshop import rooms as workshop_rooms
from followup.workshop import schema as workshop_schema


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _uid() -> str:
    return uuid.uuid4().hex


# --- reads ----------------------------------------------------------------------------------------
APP_FIELDS = ("id", "uid", "company", "role", "contact", "via_agency", "status", "said", "industry",
              "country", "subdivision")
EVENT_FIELDS = ("id", "uid", "application_id", "kind", "date", "done", "note")


def list_applications(engine: Engine, owner: str) -> list[dict]:
    q = (sa.select(*[applications.c[f] for f in APP_FIELDS])
         .where(applications.c.owner == owner).order_by(applications.c.id))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def get_application(engine: Engine, owner: str, app_id: int) -> dict | None:
    q = sa.select(*[applications.c[f] for f in APP_FIELDS]).where(
        applications.c.owner == owner, applications.c.id == app_id)
    with engine.connect() as conn:
        row = conn.execute(q).first()
    return dict(row._mapping) if row else None


def list_events(engine: Engine, owner: str, application_id: int | None = None) -> list[dict]:
    q = sa.select(*[events.c[f] for f in EVENT_FIELDS]).where(events.c.owner == owner)
    if application_id is not None:
        q = q.where(events.c.application_id == application_id)
    q = q.order_by(events.c.date, events.c.id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def load_log(engine: Engine, owner: str) -> list[dict]:
    """Everything an owner has: applications, each with its ``events`` (by date), in one read."""
    with engine.connect() as conn:
        apps = [dict(zip(APP_FIELDS, r)) for r in conn.execute(
            sa.select(*[applications.c[f] for f in APP_FIELDS])
            .where(applications.c.owner == owner).order_by(applications.c.id))]
        evs = [dict(zip(EVENT_FIELDS, r)) for r in conn.execute(
            sa.select(*[events.c[f] for f in EVENT_FIELDS])
            .where(events.c.owner == owner).order_by(events.c.date, events.c.id))]
    by_app: dict[int, list] = {a["id"]: [] for a in apps}
    for e in evs:
        by_app.setdefault(e["application_id"], []).append(e)
    for a in apps:
        a["events"] = by_app[a["id"]]
    return apps


def added_lately(engine: Engine, owner: str, company: str, role: str,
                 within: dt.timedelta = dt.timedelta(minutes=10)) -> bool:
    """Whether the owner added an application with this company and role (case and surrounding
    spaces ignored) in the last ``within``: the add form asks before adding the same one twice."""
    since = _now() - within
    q = sa.select(applications.c.company, applications.c.role).where(
        applications.c.owner == owner, applications.c.created_at >= since)
    want = (company.strip().casefold(), role.strip().casefold())
    with engine.connect() as conn:
        return any((c.strip().casefold(), r.strip().casefold()) == want for c, r in conn.execute(q))


def log_version(engine: Engine, owner: str) -> int:
    """The owner's log version: a counter the database raises on every change of their applications
    or events (triggers, see ``schema.log_versions``). One primary-key read: what caches key on."""
    q = sa.select(log_versions.c.version).where(log_versions.c.owner == owner)
    with engine.connect() as conn:
        return int(conn.execute(q).scalar() or 0)


def count_rows(engine: Engine, owner: str | None = None) -> tuple[int, int]:
    """(applications, events) of one owner, or of everyone when owner is None (tests, admin)."""
    qa = sa.select(sa.func.count()).select_from(applications)
    qe = sa.select(sa.func.count()).select_from(events)
    if owner is not None:
        qa = qa.where(applications.c.owner == owner)
        qe = qe.where(events.c.owner == owner)
    with engine.connect() as conn:
        return int(conn.execute(qa).scalar()), int(conn.execute(qe).scalar())


# --- writes (each one transaction) ---------------------------------------------------------------
def _require_owner(owner: str) -> None:
    if not isinstance(owner, str) or not owner:
        raise ValueError("owner is required")


def enforce_row_cap(conn: Connection, owner: str) -> None:
    """Inside a write's transaction, after its inserts: raise :class:`RowLimitError` (so the
    transaction rolls back and nothing is written) when the owner now holds more rows than their
    cap allows (see ``records.row_cap``; the local log has none and is not counted)."""
    keys.refuse_if_deleted(conn, owner)  # a tab still open on a deleted workspace
    cap = row_cap(owner)
    if cap is None:
        return
    rows = sum(int(conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.owner == owner)).scalar())
               for t in (applications, events))
    if rows > cap:
        raise RowLimitError(rows, cap)


def add_application(engine: Engine, owner: str, *, events_: Iterable[dict] = (), **fields) -> int:
    """Add an application (and optionally its first events) in one transaction."""
    _require_owner(owner)
    values = clean_application(fields)
    evs = [clean_event(e) for e in events_]
    now = _now()
    with engine.begin() as conn:
        app_id = conn.execute(applications.insert().values(
            owner=owner, uid=_uid(), created_at=now, **values)).inserted_primary_key[0]
        if evs:
            conn.execute(events.insert(), [{**e, "owner": owner, "uid": _uid(), "application_id": app_id,
                                            "created_at": now} for e in evs])
        enforce_row_cap(conn, owner)
        return app_id


def _update_owned(engine: Engine, owner: str, table: sa.Table, names: tuple[str, ...], clean,
                  row_id: int, fields: dict, after=None) -> bool:
    """Change one of the owner's rows: read it (by owner and id), validate it with ``fields``
    applied, write it back, in one transaction (with ``after(conn, row)`` if given). Another
    owner's id changes nothing."""
    _require_owner(owner)
    mine = (table.c.owner == owner, table.c.id == row_id)
    with engine.begin() as conn:
        current = conn.execute(sa.select(*[table.c[f] for f in names]).where(*mine)).first()
        if current is None:
            return False
        values = clean({**dict(current._mapping), **fields})
        changed = conn.execute(table.update().where(*mine).values(**values)).rowcount == 1
        if changed and after is not None:
            after(conn, dict(current._mapping), {**dict(current._mapping), **values})
        return changed


def update_application(engine: Engine, owner: str, app_id: int, **fields) -> bool:
    """Update an owner's application. Returns False (and changes nothing) for anyone else's id."""
    return _update_owned(engine, owner, applications, APP_FIELDS, clean_application, app_id, fields)


def delete_application(engine: Engine, owner: str, app_id: int) -> bool:
    _require_owner(owner)
    with engine.begin() as conn:
        conn.execute(events.delete().where(events.c.owner == owner, events.c.application_id == app_id))
        conn.execute(note_drafts.delete().where(note_drafts.c.owner == owner, note_drafts.c.application_id == app_id))
        result = conn.execute(applications.delete().where(
            applications.c.owner == owner, applications.c.id == app_id))
        return result.rowcount == 1


def _owned_app(conn: Connection, owner: str, app_id: int) -> bool:
    return conn.execute(sa.select(applications.c.id).where(
        applications.c.owner == owner, applications.c.id == app_id)).first() is not None


def check_done_dates(conn: Connection, owner: str, app_id: int, ev: dict, today: dt.date | None,
                     event_id: int | None = None) -> None:
    """Raise ValidationError for a done event dated after the user's ``today``, or a thank-you done
    before the application's first interview (``event_id``: the event itself, not counted)."""
    problem = done_date_problem(ev["date"], ev["done"], today)
    if problem is None and ev["done"] and ev["kind"] in AFTER_INTERVIEW_KINDS:
        first = conn.execute(sa.select(sa.func.min(events.c.date)).where(
            events.c.owner == owner, events.c.application_id == app_id, events.c.kind == "interview",
            events.c.id != (event_id or -1))).scalar()
        problem = before_interview_problem(ev["kind"], ev["date"], ev["done"], first)
    if problem:
        raise ValidationError({"date": problem})


def add_event(engine: Engine, owner: str, application_id: int, *, today: dt.date | None = None, **fields) -> int:
    """Add an event. With the user's ``today``: a done event is not later than today, nor a done
    thank-you before the application's first interview (ValidationError, nothing written)."""
    _require_owner(owner)
    values = clean_event(fields)
    with engine.begin() as conn:
        if not _owned_app(conn, owner, application_id):
            raise ValidationError({"application": "no such application"})
        check_done_dates(conn, owner, application_id, values, today)
        event_id = conn.execute(events.insert().values(
            owner=owner, uid=_uid(), application_id=application_id, created_at=_now(),
            **values)).inserted_primary_key[0]
        enforce_row_cap(conn, owner)
        close_on_outcome(conn, owner, application_id, values["kind"], values["done"])
        return event_id


def close_on_outcome(conn: Connection, owner: str, app_id: int, kind: str, done: bool) -> str | None:
    """An outcome logged as done (a rejection, an offer accepted or declined, a withdrawal) closes
    the application: its status follows. Returns the status it had before, or None (unchanged)."""
    status = OUTCOME_STATUS.get(kind)
    if not done or status is None:
        return None
    before = conn.execute(sa.select(applications.c.status).where(
        applications.c.owner == owner, applications.c.id == app_id)).scalar()
    if before is None or before == status:
        return None
    conn.execute(applications.update().where(applications.c.owner == owner, applications.c.id == app_id)
                 .values(status=status))
    return before


# In the note of the event that "Move on" logs ("Move on. …" from a plan, or the planner's title,
# "No answer yet? Move on, and keep the door open", see next_steps.complete_step)
MOVED_ON_NOTE = "Move on"


def implied_status(conn: Connection, owner: str, app_id: int) -> str:
    """The status an application's events give it: that of its latest outcome done (or "no reply"
    after a logged "Move on"), else active."""
    rows = conn.execute(sa.select(events.c.kind, events.c.note).where(
        events.c.owner == owner, events.c.application_id == app_id, events.c.done.is_(True),
        sa.or_(events.c.kind.in_(list(OUTCOME_STATUS)), events.c.kind == "other"))
        .order_by(events.c.date, events.c.id)).all()
    closing = [OUTCOME_STATUS.get(k) or "no_reply" for k, note in rows
               if k in OUTCOME_STATUS or MOVED_ON_NOTE in note]
    return closing[-1] if closing else "active"


def reopen_on_removal(conn: Connection, owner: str, app_id: int, kind: str, done: bool) -> str | None:
    """After an outcome done was deleted (or changed into something else): if that outcome is what
    the application's status says, the status goes back to what the remaining events give (active,
    when nothing else closed it). A status the user set by hand since is left alone. Returns the
    status it had before, or None (unchanged)."""
    status = OUTCOME_STATUS.get(kind)
    if not done or status is None:
        return None
    before = conn.execute(sa.select(applications.c.status).where(
        applications.c.owner == owner, applications.c.id == app_id)).scalar()
    after = implied_status(conn, owner, app_id)
    if before != status or after == before:
        return None
    conn.execute(applications.update().where(applications.c.owner == owner, applications.c.id == app_id)
                 .values(status=after))
    return before


def _event_changed(conn: Connection, owner: str, old: dict, new: dict, today: dt.date | None) -> None:
    check_done_dates(conn, owner, new["application_id"], new, today, event_id=new["id"])  # raises: rolled back
    if (old["kind"], old["done"]) != (new["kind"], new["done"]):
        reopen_on_removal(conn, owner, old["application_id"], old["kind"], old["done"])
    close_on_outcome(conn, owner, new["application_id"], new["kind"], new["done"])


def update_event(engine: Engine, owner: str, event_id: int, *, today: dt.date | None = None, **fields) -> bool:
    """Update an owner's event (an outcome marked done closes its application, as when added; an
    outcome changed into something else reopens it, as when deleted; dates checked as ``add_event``
    does with ``today``). Returns False (and changes nothing) for anyone else's id."""
    return _update_owned(engine, owner, events, EVENT_FIELDS, clean_event, event_id, fields,
                         after=lambda conn, old, new: _event_changed(conn, owner, old, new, today))


def delete_event(engine: Engine, owner: str, event_id: int) -> bool:
    """Delete an owner's event; a deleted outcome reopens its application (``reopen_on_removal``)."""
    _require_owner(owner)
    mine = (events.c.owner == owner, events.c.id == event_id)
    with engine.begin() as conn:
        row = conn.execute(sa.select(events.c.application_id, events.c.kind, events.c.done).where(*mine)).first()
        result = conn.execute(events.delete().where(*mine))
        if row is not None:
            reopen_on_removal(conn, owner, row.application_id, row.kind, row.done)
        return result.rowcount == 1


def delete_workspace(engine: Engine, owner: str) -> tuple[int, int]:
    """Delete every row of one owner, in one transaction: applications, events, note drafts, and
    what the workshop holds of them (their answers, and in rooms they joined, their participant row,
    shared answers and exit checks). Returns (applications, events) deleted."""
    _require_owner(owner)
    workshop_schema.prepare(engine)
    with engine.begin() as conn:
        workshop_rooms.delete_owner_rows(conn, owner)
        conn.execute(note_drafts.delete().where(note_drafts.c.owner == owner))
        ne = conn.execute(events.delete().where(events.c.owner == owner)).rowcount
        na = conn.execute(applications.delete().where(applications.c.owner == owner)).rowcount
        keys.mark_deleted(conn, owner)  # its key opens nothing now, and no write reaches it again
    return na, ne
