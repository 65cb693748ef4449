"""The database schema of the log, its versions and migrations, and engine set-up.

- The schema is versioned (table ``followup_schema``); ``migrate`` applies the missing steps.
- On SQLite every transaction starts with ``BEGIN IMMEDIATE`` (SQLAlchemy's pysqlite recipe), WAL is
  on and a busy timeout is set, so concurrent writers queue instead of failing.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 3
_LOG = logging.getLogger(__name__)


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
# v3: the private workspaces this app made. Only an app-made key opens a workspace: a key is accepted
# when the hash of it (the owner id, ``key:<sha256>``) is here. Never the key itself.
workspaces = sa.Table(
    "workspaces", metadata,
    sa.Column("owner", sa.String(80), primary_key=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
# Tables that may hold a private-key owner before v3 (the workshop's are created by its own module).
KEY_OWNER_TABLES = ("applications", "events", "note_drafts", "workshop_participants", "workshop_answers")
# The note writer's drafts (issue 12). Not a numbered migration: created if missing by every
# ``migrate`` (CREATE TABLE IF NOT EXISTS), so it never competes for a schema version number.
note_drafts = sa.Table(
    "note_drafts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(80), nullable=False, index=True),
    sa.Column("slot", sa.String(80), nullable=False),  # "<application id or 'none'>:<kind>"
    sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE"),
              nullable=True, index=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("subject", sa.Text, nullable=False, server_default=""),
    sa.Column("body", sa.Text, nullable=False, server_default=""),
    sa.Column("fields", sa.Text, nullable=False, server_default="{}"),  # the debrief, as JSON
    sa.Column("status", sa.String(10), nullable=False, server_default="draft"),  # draft | sent
    sa.Column("sent_on", sa.Date, nullable=True),
    sa.Column("event_id", sa.Integer, nullable=True),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner", "slot", name="uq_note_drafts_owner_slot"),
)
# Private workspaces their owner deleted (the owner id, a hash; never the key): every write for one is
# refused, so a tab still open on a deleted workspace cannot put rows back where no key reaches them.
# Created like note_drafts (idempotent, no schema version).
deleted_workspaces = sa.Table(
    "deleted_workspaces", metadata,
    sa.Column("owner", sa.String(80), primary_key=True),
    sa.Column("deleted_at", sa.DateTime, nullable=False),
)
UNVERSIONED_TABLES = (note_drafts, deleted_workspaces)
# The log's version: one counter per owner, raised by triggers on every insert, update and delete of
# the tables below, whoever writes them (the app, an import, a script), so a page can key its caches on
# it with one cheap read. The row outlives "delete my workspace": a counter that restarted could meet a
# cache entry of the old log. Created like note_drafts (idempotent, no schema version).
log_versions = sa.Table(
    "log_versions", metadata,
    sa.Column("owner", sa.String(80), primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False, server_default="0"),
)
LOGGED_TABLES = ("applications", "events")  # a table the timeline shows must be listed here


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


def _step3(conn: Connection) -> None:
    """The workspaces table, filled with every private-key owner that already has data: links handed
    out before v3 keep working (a hash cannot tell an app-made key from a self-chosen one, and losing
    a visitor's log would be worse). From v3 on, only keys the app makes are added."""
    workspaces.create(conn, checkfirst=True)
    present = [t for t in KEY_OWNER_TABLES if sa.inspect(conn).has_table(t)]
    if not present:
        return
    owners = " UNION ".join(f"SELECT owner FROM {t} WHERE owner LIKE 'key:%'" for t in present)
    conn.execute(sa.text(f"INSERT INTO workspaces (owner, created_at) SELECT o.owner, :now FROM ({owners}) AS o "
                         "WHERE o.owner NOT IN (SELECT owner FROM workspaces)"),
                 {"now": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)})


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _step1, 2: _step2, 3: _step3}


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


def private_sqlite_file(database: str | None) -> None:
    """The SQLite file (and its WAL and shared-memory files) readable and writable by the server's
    user only (0600), and its folder only theirs to list and enter (0700). SQLite creates the WAL and
    -shm files with the database file's permissions. The folder is left as it is when it is shared by
    design (sticky, like /tmp) or belongs to another user. Nothing to do on Windows or in memory."""
    if os.name != "posix" or not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    folder = path.parent
    try:
        st = folder.stat()
        if st.st_uid == os.getuid() and not st.st_mode & stat.S_ISVTX and stat.S_IMODE(st.st_mode) != 0o700:
            folder.chmod(0o700)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # created private, if it is new
        for f in (path, Path(f"{database}-wal"), Path(f"{database}-shm"), Path(f"{database}-journal")):
            if f.exists() and stat.S_IMODE(f.stat().st_mode) != 0o600:
                f.chmod(0o600)
    except OSError:
        _LOG.warning("Could not make the SQLite file private (0600) and its folder (0700)")


def prepare(engine: Engine) -> Engine:
    """Make an engine ready: SQLite recipe (once per engine), a private file, and schema migrated.
    Idempotent."""
    with _prepare_lock:
        if getattr(engine, "_followup_ready", False):
            return engine
        if engine.dialect.name == "sqlite":
            private_sqlite_file(engine.url.database)
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
        for table in UNVERSIONED_TABLES:
            table.create(conn, checkfirst=True)
        log_versions.create(conn, checkfirst=True)
        _version_triggers(conn)
        return max(current, target)


_PG_BUMP = """CREATE OR REPLACE FUNCTION followup_log_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO log_versions (owner, version) SELECT DISTINCT owner, 1 FROM old_rows
      ON CONFLICT (owner) DO UPDATE SET version = log_versions.version + 1;
  ELSE
    INSERT INTO log_versions (owner, version) SELECT DISTINCT owner, 1 FROM new_rows
      ON CONFLICT (owner) DO UPDATE SET version = log_versions.version + 1;
  END IF;
  RETURN NULL;
END $$"""


def _version_triggers(conn: Connection) -> None:
    """The triggers that raise ``log_versions`` (created if missing). SQLite: per row, two plain
    statements. PostgreSQL: per statement, over the statement's rows (an import of 50,000 rows bumps
    once), so a large write does not rewrite the counter row for every row."""
    ops = (("insert", "NEW TABLE AS new_rows", "NEW"), ("update", "NEW TABLE AS new_rows", "NEW"),
           ("delete", "OLD TABLE AS old_rows", "OLD"))
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_PG_BUMP)
        have = {r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid IN (to_regclass('applications'), to_regclass('events'))")}
        for table in LOGGED_TABLES:
            for op, ref, _ in ops:
                name = f"{table}_log_{op}"
                if name not in have:
                    conn.exec_driver_sql(f"CREATE TRIGGER {name} AFTER {op.upper()} ON {table} REFERENCING {ref} "
                                         "FOR EACH STATEMENT EXECUTE FUNCTION followup_log_changed()")
        return
    for table in LOGGED_TABLES:
        for op, _, row in ops:
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_log_{op} AFTER {op.upper()} ON {table} FOR EACH ROW BEGIN "
                f"INSERT OR IGNORE INTO log_versions (owner, version) VALUES ({row}.owner, 0); "
                f"UPDATE log_versions SET version = version + 1 WHERE owner = {row}.owner; END")
