"""Storage of applications and their events (SQLAlchemy Core; SQLite or PostgreSQL).

Rules kept here, not in the page:
- Every function takes ``owner`` as a required argument and every statement filters by it,
  including updates and deletes by id: an id from another owner changes nothing.
- Every write of a user action is one transaction (``engine.begin()``). On SQLite the
  transaction starts with ``BEGIN IMMEDIATE`` (SQLAlchemy's pysqlite recipe), WAL is on and a
  busy timeout is set, so concurrent writers queue instead of failing.
- The schema is versioned (table ``followup_schema``); ``migrate`` applies the missing steps.
- No Streamlit import, no module-level state holding anyone's data.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from followup import timing

# --- vocabulary ---------------------------------------------------------------------------------
STATUSES = {
    "active": "Active – waiting or in process",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_reply": "No reply – moved on",
}
KINDS = {
    "applied": "Applied",
    "interview": "Interview",
    "thank_you": "Thank-you note",
    "follow_up_email": "Follow-up email",
    "call": "Call",
    "reply": "Reply from them",
    "reference_check": "Reference check",
    "offer": "Offer",
    "rejection": "Rejection",
    "other": "Other",
}
MAX_TEXT = {"company": 200, "role": 200, "contact": 200, "said": 500, "industry": 50,
            "country": 2, "subdivision": 10, "note": 2000}
SCHEMA_VERSION = 2


class ValidationError(ValueError):
    """Field-level validation errors: ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


# --- schema (current version) ---------------------------------------------------------------------
metadata = sa.MetaData()
schema_table = sa.Table("followup_schema", metadata, sa.Column("version", sa.Integer, nullable=False))
applications = sa.Table(
    "applications", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(80), nullable=False, index=True),
    sa.Column("uid", sa.String(64), nullable=False),
    sa.Column("company", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False, server_default=""),
    sa.Column("contact", sa.String(200), nullable=False, server_default=""),
    sa.Column("via_agency", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("status", sa.String(20), nullable=False, server_default="active"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    # v2: what the planner needs
    sa.Column("said", sa.Text, nullable=False, server_default=""),
    sa.Column("industry", sa.String(50), nullable=False, server_default="general"),
    sa.Column("country", sa.String(2), nullable=False, server_default="US"),
    sa.Column("subdivision", sa.String(10), nullable=False, server_default=""),
    sa.UniqueConstraint("owner", "uid", name="uq_applications_owner_uid"),
)
events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(80), nullable=False, index=True),
    sa.Column("uid", sa.String(64), nullable=False),
    sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("done", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner", "uid", name="uq_events_owner_uid"),
)
V2_COLUMNS = ("said", "industry", "country", "subdivision")


def _v1_metadata() -> sa.MetaData:
    """Version 1 of the schema, frozen: applications without the planner fields."""
    md = sa.MetaData()
    sa.Table("followup_schema", md, sa.Column("version", sa.Integer, nullable=False))
    sa.Table(
        "applications", md,
        *[c._copy() for c in applications.columns if c.name not in V2_COLUMNS],
        sa.UniqueConstraint("owner", "uid", name="uq_applications_owner_uid"),
    )
    sa.Table(
        "events", md,
        *[c._copy() for c in events.columns],
        sa.UniqueConstraint("owner", "uid", name="uq_events_owner_uid"),
    )
    return md


def _step1(conn: Connection) -> None:
    _v1_metadata().create_all(conn)


def _step2(conn: Connection) -> None:
    for ddl in ("ALTER TABLE applications ADD COLUMN said TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE applications ADD COLUMN industry VARCHAR(50) NOT NULL DEFAULT 'general'",
                "ALTER TABLE applications ADD COLUMN country VARCHAR(2) NOT NULL DEFAULT 'US'",
                "ALTER TABLE applications ADD COLUMN subdivision VARCHAR(10) NOT NULL DEFAULT ''"):
        conn.exec_driver_sql(ddl)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _step1, 2: _step2}


# --- engine set-up --------------------------------------------------------------------------------
_prepare_lock = threading.Lock()


def _sqlite_recipe(engine: Engine) -> None:
    """SQLAlchemy's documented pysqlite recipe: the driver does no transaction handling of its
    own and we emit ``BEGIN IMMEDIATE`` ourselves; WAL and a busy timeout on each connection."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # Python 3.11 sqlite3: autocommit, no implicit BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def prepare(engine: Engine) -> Engine:
    """Make an engine ready: SQLite recipe (once per engine) and schema migrated. Idempotent."""
    with _prepare_lock:
        if getattr(engine, "_followup_ready", False):
            return engine
        if engine.dialect.name == "sqlite":
            _sqlite_recipe(engine)
            engine.dispose()  # connections opened before the recipe would lack it
        migrate(engine)
        engine._followup_ready = True  # type: ignore[attr-defined]
    return engine


def make_engine(url: str, **kwargs) -> Engine:
    """An engine outside Streamlit (tests, scripts), prepared like the page's."""
    return prepare(sa.create_engine(url, **kwargs))


def schema_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("followup_schema"):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema_table.c.version))).scalar()
    return int(value or 0)


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Apply missing migration steps up to ``target`` in one transaction. Returns the version."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise RuntimeError(f"database schema v{current} is newer than this app (v{SCHEMA_VERSION})")
        for version in range(current + 1, target + 1):
            MIGRATIONS[version](conn)
            if version == 1:
                conn.execute(schema_table.insert().values(version=1))
            else:
                conn.execute(schema_table.update().values(version=version))
        return max(current, target)


# --- validation -------------------------------------------------------------------------------------
def _text(errors: dict, name: str, value: object, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[name] = "must be text"
        return ""
    if "\x00" in value:
        errors[name] = "contains a NUL character"
    elif required and not value.strip():
        errors[name] = "is required"
    elif len(value) > MAX_TEXT[name]:
        errors[name] = f"is too long (at most {MAX_TEXT[name]} characters)"
    return value


def clean_application(data: dict) -> dict:
    """Validate application fields; raise ValidationError with messages per field."""
    errors: dict[str, str] = {}
    out = {
        "company": _text(errors, "company", data.get("company"), required=True),
        "role": _text(errors, "role", data.get("role", "")),
        "contact": _text(errors, "contact", data.get("contact", "")),
        "said": _text(errors, "said", data.get("said", "")),
        "industry": _text(errors, "industry", data.get("industry", "general") or "general"),
        "country": _text(errors, "country", data.get("country", "US") or "US"),
        "subdivision": _text(errors, "subdivision", data.get("subdivision", "") or ""),
    }
    via = data.get("via_agency", False)
    if not isinstance(via, bool):
        errors["via_agency"] = "must be true or false"
    out["via_agency"] = bool(via) if isinstance(via, bool) else False
    status = data.get("status", "active")
    if status not in STATUSES:
        errors["status"] = f"must be one of: {', '.join(STATUSES)}"
    out["status"] = status
    if "country" not in errors and not (len(out["country"]) == 2 and out["country"].isascii()
                                        and out["country"].isalpha() and out["country"].isupper()):
        errors["country"] = "must be a two-letter country code such as US or GB"
    if errors:
        raise ValidationError(errors)
    return out


def clean_event(data: dict) -> dict:
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if kind not in KINDS:
        errors["kind"] = f"must be one of: {', '.join(KINDS)}"
    date = data.get("date")
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        errors["date"] = "must be a date"
    elif not dt.date(1990, 1, 1) <= date <= dt.date(2100, 12, 31):
        errors["date"] = "must be between 1990 and 2100"
    done = data.get("done")
    if not isinstance(done, bool):
        errors["done"] = "must be true (done) or false (planned)"
    note = _text(errors, "note", data.get("note", ""))
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "date": date, "done": done, "note": note}


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
        return app_id


def _update_owned(engine: Engine, owner: str, table: sa.Table, names: tuple[str, ...], clean,
                  row_id: int, fields: dict) -> bool:
    """Change one of the owner's rows: read it (by owner and id), validate it with ``fields``
    applied, write it back, in one transaction. Another owner's id changes nothing."""
    _require_owner(owner)
    mine = (table.c.owner == owner, table.c.id == row_id)
    with engine.begin() as conn:
        current = conn.execute(sa.select(*[table.c[f] for f in names]).where(*mine)).first()
        if current is None:
            return False
        values = clean({**dict(current._mapping), **fields})
        return conn.execute(table.update().where(*mine).values(**values)).rowcount == 1


def update_application(engine: Engine, owner: str, app_id: int, **fields) -> bool:
    """Update an owner's application. Returns False (and changes nothing) for anyone else's id."""
    return _update_owned(engine, owner, applications, APP_FIELDS, clean_application, app_id, fields)


def delete_application(engine: Engine, owner: str, app_id: int) -> bool:
    _require_owner(owner)
    with engine.begin() as conn:
        conn.execute(events.delete().where(events.c.owner == owner, events.c.application_id == app_id))
        result = conn.execute(applications.delete().where(
            applications.c.owner == owner, applications.c.id == app_id))
        return result.rowcount == 1


def _owned_app(conn: Connection, owner: str, app_id: int) -> bool:
    return conn.execute(sa.select(applications.c.id).where(
        applications.c.owner == owner, applications.c.id == app_id)).first() is not None


def add_event(engine: Engine, owner: str, application_id: int, **fields) -> int:
    _require_owner(owner)
    values = clean_event(fields)
    with engine.begin() as conn:
        if not _owned_app(conn, owner, application_id):
            raise ValidationError({"application": "no such application"})
        return conn.execute(events.insert().values(
            owner=owner, uid=_uid(), application_id=application_id, created_at=_now(),
            **values)).inserted_primary_key[0]


def update_event(engine: Engine, owner: str, event_id: int, **fields) -> bool:
    """Update an owner's event. Returns False (and changes nothing) for anyone else's id."""
    return _update_owned(engine, owner, events, EVENT_FIELDS, clean_event, event_id, fields)


def delete_event(engine: Engine, owner: str, event_id: int) -> bool:
    _require_owner(owner)
    with engine.begin() as conn:
        result = conn.execute(events.delete().where(events.c.owner == owner, events.c.id == event_id))
        return result.rowcount == 1


def delete_workspace(engine: Engine, owner: str) -> tuple[int, int]:
    """Delete every row of one owner. Returns (applications, events) deleted."""
    _require_owner(owner)
    with engine.begin() as conn:
        ne = conn.execute(events.delete().where(events.c.owner == owner)).rowcount
        na = conn.execute(applications.delete().where(applications.c.owner == owner)).rowcount
    return na, ne


# --- planner glue -----------------------------------------------------------------------------------
PLAN_KIND_TO_EVENT = {"thank_you": "thank_you", "follow_up": "follow_up_email",
                      "final_follow_up": "follow_up_email", "move_on": "other",
                      "holiday_card": "other"}
PLAN_STEP_LABEL = {"thank_you": "Send a thank-you note", "follow_up": "Send a follow-up email",
                   "final_follow_up": "Send a last follow-up", "move_on": "Move on",
                   "holiday_card": "Send a holiday card"}


def plan_uid(app_uid: str, step_kind: str, index: int) -> str:
    return hashlib.sha256(f"{app_uid}|plan|{step_kind}|{index}".encode()).hexdigest()[:32]


def add_plan(engine: Engine, owner: str, plan, *, company: str, role: str = "", contact: str = "",
             via_agency: bool | None = None, interview: dt.date | None = None, said: str | None = None,
             industry: str | None = None, country: str | None = None, subdivision: str | None = None,
             application_id: int | None = None) -> int:
    """"Add this plan to my timeline": the application (unless ``application_id`` is given), its
    interview (done) and the plan's steps as planned events, all in one transaction.

    ``interview``, ``said``, ``industry``, ``country``, ``subdivision`` and ``via_agency`` default
    to the plan's own (``followup.timing.Plan`` has them), so the planner page only passes
    ``company`` (and ``role``/``contact`` if it asks for them).
    Idempotent: the steps get uids derived from the application, so adding the same plan to the
    same application again adds nothing twice. Returns the application id.
    """
    _require_owner(owner)

    def from_plan(value, name, default):
        if value is not None:
            return value
        got = getattr(plan, name, None)
        return default if got is None else got

    interview = from_plan(interview, "interview", None)
    said = from_plan(said, "said", "")
    industry = from_plan(industry, "industry", "general")
    country = from_plan(country, "country", "US")
    subdivision = from_plan(subdivision, "subdivision", "")
    via_agency = bool(from_plan(via_agency, "via_agency", False))
    values = clean_application({"company": company, "role": role, "contact": contact,
                                "via_agency": via_agency, "said": said, "industry": industry,
                                "country": country, "subdivision": subdivision or ""})
    steps = list(getattr(plan, "steps", []) or [])
    with engine.begin() as conn:
        if application_id is None:
            app_uid = _uid()
            app_id = conn.execute(applications.insert().values(
                owner=owner, uid=app_uid, created_at=_now(), **values)).inserted_primary_key[0]
        else:
            row = conn.execute(sa.select(applications.c.uid).where(
                applications.c.owner == owner, applications.c.id == application_id)).first()
            if row is None:
                raise ValidationError({"application": "no such application"})
            app_id, app_uid = application_id, row.uid
        existing = set(conn.execute(sa.select(events.c.uid).where(
            events.c.owner == owner, events.c.application_id == app_id)).scalars())
        rows = []
        if interview is not None:
            uid = plan_uid(app_uid, "interview", 0)
            if uid not in existing:
                rows.append({"uid": uid, **clean_event({"kind": "interview", "date": interview,
                                                        "done": True, "note": ""})})
        for i, step in enumerate(steps):
            uid = plan_uid(app_uid, step.kind, i)
            if uid in existing:
                continue
            note = PLAN_STEP_LABEL.get(step.kind, step.kind)
            why = getattr(step, "why", "") or ""
            if why:
                note = f"{note}. {why}"
            rows.append({"uid": uid, **clean_event({
                "kind": PLAN_KIND_TO_EVENT.get(step.kind, "other"), "date": step.date,
                "done": False, "note": note[:MAX_TEXT["note"]]})})
        if rows:
            now = _now()
            conn.execute(events.insert(), [{**r, "owner": owner, "application_id": app_id,
                                            "created_at": now} for r in rows])
    return app_id


def add_plan_to_log(engine: Engine, owner: str, plan, *, company: str, role: str = "") -> tuple[int, bool]:
    """The planner's "add this plan to my timeline": the owner's application with the same company
    and role (compared case-insensitively) gets the plan's steps, else a new application is made.
    Pressing the button twice adds nothing twice. Returns (application id, whether it existed).
    Raises ValidationError (per field) for a missing or too long company or role."""
    _require_owner(owner)
    company, role = (company or "").strip(), (role or "").strip()
    clean_application({"company": company, "role": role})
    for app in list_applications(engine, owner):
        if app["company"].strip().casefold() == company.casefold() \
                and (app["role"] or "").strip().casefold() == role.casefold():
            return add_plan(engine, owner, plan, company=company, role=role, application_id=app["id"]), True
    return add_plan(engine, owner, plan, company=company, role=role), False


# --- import (validated elsewhere: followup.exports) ----------------------------------------------
@dataclass
class ImportReport:
    applications_added: int = 0
    events_added: int = 0
    applications_skipped: int = 0
    events_skipped: int = 0


def import_log(engine: Engine, owner: str, log: Iterable[dict],
               on_row: Callable[[int], None] | None = None) -> ImportReport:
    """Write a validated log (``followup.exports`` format) in ONE transaction, or nothing.

    Applications and events are matched by their ``uid`` within this owner: what is already
    there is skipped, so importing the same file twice adds nothing twice. ``on_row(n)`` is
    called before each row is written (tests inject a failure through it).
    """
    _require_owner(owner)
    report = ImportReport()
    log = list(log)
    n = 0
    with engine.begin() as conn:
        app_ids = {r.uid: r.id for r in conn.execute(sa.select(applications.c.uid, applications.c.id)
                                                     .where(applications.c.owner == owner))}
        event_uids = set(conn.execute(sa.select(events.c.uid).where(events.c.owner == owner)).scalars())
        now = _now()
        for app in log:
            values = clean_application(app)
            if on_row:
                on_row(n)
            n += 1
            if app["uid"] in app_ids:
                report.applications_skipped += 1
                app_id = app_ids[app["uid"]]
            else:
                app_id = conn.execute(applications.insert().values(
                    owner=owner, uid=app["uid"], created_at=now, **values)).inserted_primary_key[0]
                app_ids[app["uid"]] = app_id
                report.applications_added += 1
            batch = []
            for ev in app.get("events", []):
                if on_row:
                    on_row(n)
                n += 1
                if ev["uid"] in event_uids:
                    report.events_skipped += 1
                    continue
                event_uids.add(ev["uid"])
                batch.append({**clean_event(ev), "uid": ev["uid"], "owner": owner,
                              "application_id": app_id, "created_at": now})
            if batch:
                conn.execute(events.insert(), batch)
                report.events_added += len(batch)
    return report


# --- benchmark / demo seeding ---------------------------------------------------------------------
def seed_events(engine: Engine, owner: str, n_events: int, *, per_application: int = 5,
                start: dt.date = dt.date(2026, 1, 5)) -> int:
    """Seed ``n_events`` events for ``owner`` (``per_application`` per application, realistic
    kinds and dates) in one transaction. Returns the number of applications created."""
    _require_owner(owner)
    kinds = ["applied", "interview", "thank_you", "follow_up_email", "reply", "interview",
             "thank_you", "reference_check", "offer", "call"]
    n_apps = max(1, -(-n_events // per_application))
    now = _now()
    with engine.begin() as conn:
        made = 0
        for a in range(n_apps):
            app_uid = _uid()
            app_id = conn.execute(applications.insert().values(
                owner=owner, uid=app_uid, created_at=now, company=f"Company {a + 1:04d}",
                role="Analyst", contact="", via_agency=a % 4 == 0,
                status="active" if a % 3 else "no_reply", said="", industry="general",
                country="US", subdivision="")).inserted_primary_key[0]
            base = start + dt.timedelta(days=(a * 3) % 300)
            rows = []
            for i in range(min(per_application, n_events - made)):
                rows.append({"owner": owner, "uid": _uid(), "application_id": app_id,
                             "kind": kinds[i % len(kinds)], "date": base + dt.timedelta(days=4 * i),
                             "done": i < per_application - 1, "note": f"Seeded event {i + 1}",
                             "created_at": now})
            made += len(rows)
            if rows:
                conn.execute(events.insert(), rows)
    return n_apps


def seed_benchmark(events: int = 1000, owner: str = "local", url: str | None = None) -> str:
    """For scripts/benchmark.py: seed ``events`` events for ``owner`` in the database the app
    would use (``FOLLOWUP_DATA_DIR``'s SQLite file unless ``url`` is given). Returns a label."""
    from followup import workspace

    engine = make_engine(url or workspace.connection_kwargs()["url"])
    try:
        n_apps = seed_events(engine, owner, events)
    finally:
        engine.dispose()
    return f"{events:,} events in {n_apps:,} applications"


# --- "What's next" ------------------------------------------------------------------------------
@dataclass
class NextStep:
    application_id: int
    company: str
    role: str
    step_kind: str  # planner kind (thank_you, follow_up, ...) or "log_interview"
    label: str
    date: dt.date | None
    due: str  # "overdue", "today", "upcoming", "unknown"
    why: str = ""
    planned_event_id: int | None = None
    latest: dt.date | None = None
    window: tuple[dt.date, dt.date] | None = None
    refs: list = field(default_factory=list)


def _due(date: dt.date | None, today: dt.date, latest: dt.date | None = None) -> str:
    """"upcoming" before the step's date, "today" from its date to the end of its window
    (``latest``, if the planner gives one), "overdue" after."""
    if date is None:
        return "unknown"
    end = latest if isinstance(latest, dt.date) and latest >= date else date
    return "upcoming" if today < date else "today" if today <= end else "overdue"


@functools.lru_cache(maxsize=4096)
def _cached_plan(interview, said, *, industry, country, subdivision, via_agency, today):
    """Memo of the planner (a pure function of its arguments: nobody gets a result without
    supplying the same inputs)."""
    return timing.plan(interview, said, industry=industry, country=country,
                       subdivision=subdivision, via_agency=via_agency, today=today)


def plan_for(app: dict, interview: dt.date, today: dt.date, plan_fn=None):
    """The planner's plan for one application (its own fields), or None if it cannot be made."""
    plan_fn = plan_fn or _cached_plan
    try:
        return plan_fn(interview, app.get("said", "") or "", industry=app.get("industry") or "general",
                       country=app.get("country") or "US", subdivision=app.get("subdivision") or None,
                       via_agency=bool(app.get("via_agency")), today=today)
    except Exception:  # a planner error must not break the timeline
        return None


def next_step_for(app: dict, today: dt.date, plan_fn=None) -> tuple[NextStep | None, object]:
    """The next recommended step of one application (with its ``events``), and the plan used."""
    if app["status"] != "active":
        return None, None
    evs = app.get("events", [])
    interviews = [e for e in evs if e["kind"] == "interview" and (e["done"] or e["date"] <= today)]
    base = dict(application_id=app["id"], company=app["company"], role=app["role"])
    if not interviews:
        planned = [e for e in evs if e["kind"] == "interview" and not e["done"]]
        if planned:
            e = min(planned, key=lambda e: e["date"])
            return NextStep(**base, step_kind="interview", label="Interview", date=e["date"],
                            due=_due(e["date"], today), planned_event_id=e["id"],
                            why="After it, log how it went: the follow-up plan starts from that date."), None
        return NextStep(**base, step_kind="log_interview", label="Log your interview when you have one",
                        date=None, due="unknown",
                        why="The follow-up plan starts from the interview date."), None
    interview = max(e["date"] for e in interviews)
    plan = plan_for(app, interview, today, plan_fn)
    if plan is None:
        return None, None
    after = [e for e in evs if e["date"] >= interview]
    done_after = [e for e in after if e["done"]]
    if any(e["kind"] in ("reply", "offer", "rejection") for e in done_after):
        return None, plan  # they answered: nothing to chase; the user updates the status
    thanks_done = sum(e["kind"] == "thank_you" for e in done_after)
    followups_done = sum(e["kind"] in ("follow_up_email", "call") for e in done_after)
    steps = sorted([s for s in plan.steps if s.kind != "holiday_card"], key=lambda s: s.date)
    dates = [s.date for s in steps] + [s.latest for s in steps if isinstance(getattr(s, "latest", None), dt.date)]
    window = (min(dates), max(dates)) if dates else None
    for s in steps:
        if s.kind == "thank_you":
            if thanks_done:
                thanks_done -= 1
                continue
        elif s.kind in ("follow_up", "final_follow_up"):
            if followups_done:
                followups_done -= 1
                continue
        event_kind = PLAN_KIND_TO_EVENT.get(s.kind, "other")
        planned = [e for e in evs if not e["done"] and e["kind"] == event_kind and e["date"] >= interview]
        latest = getattr(s, "latest", None)
        return NextStep(**base, step_kind=s.kind, label=getattr(s, "title", "") or PLAN_STEP_LABEL.get(s.kind, s.kind),
                        date=s.date, due=_due(s.date, today, latest), why=getattr(s, "why", "") or "",
                        latest=latest if isinstance(latest, dt.date) else None,
                        planned_event_id=min(planned, key=lambda e: e["date"])["id"] if planned else None,
                        window=window, refs=list(getattr(s, "refs", []) or [])), plan
    return None, plan


DUE_ORDER = {"overdue": 0, "today": 1, "upcoming": 2, "unknown": 3}


def next_steps_and_plans(log: list[dict], today: dt.date, plan_fn=None) -> tuple[list[NextStep], dict[int, object]]:
    """Next steps of every active application, most urgent first, and the plan of each
    application that has one (by application id)."""
    steps, plans = [], {}
    for app in log:
        step, plan = next_step_for(app, today, plan_fn)
        if plan is not None:
            plans[app["id"]] = plan
        if step is not None:
            steps.append(step)
    steps.sort(key=lambda s: (DUE_ORDER[s.due], s.date or dt.date.max, s.company.lower()))
    return steps, plans


def next_steps(log: list[dict], today: dt.date, plan_fn=None) -> list[NextStep]:
    """Next steps of every active application, most urgent first."""
    return next_steps_and_plans(log, today, plan_fn)[0]


def complete_step(engine: Engine, owner: str, step: NextStep, today: dt.date) -> None:
    """One click: log the step as done today (marking its planned event done if there is one).
    "Move on" also sets the application's status to no reply. One transaction."""
    _require_owner(owner)
    kind = PLAN_KIND_TO_EVENT.get(step.step_kind, "interview" if step.step_kind == "interview" else "other")
    with engine.begin() as conn:
        if not _owned_app(conn, owner, step.application_id):
            return
        updated = 0
        if step.planned_event_id is not None:
            updated = conn.execute(events.update().where(
                events.c.owner == owner, events.c.id == step.planned_event_id,
                events.c.application_id == step.application_id).values(
                done=True, date=min(today, step.date) if step.step_kind == "interview" and step.date else today
            )).rowcount
        if not updated:
            conn.execute(events.insert().values(
                owner=owner, uid=_uid(), application_id=step.application_id, kind=kind, date=today,
                done=True, note=step.label, created_at=_now()))
        if step.step_kind == "move_on":
            conn.execute(applications.update().where(
                applications.c.owner == owner, applications.c.id == step.application_id
            ).values(status="no_reply"))
