"""The workshop tables (SQLAlchemy Core), created idempotently next to the tracker's.

- ``workshop_rooms``: one row per room. The facilitator key is stored as a hash; ``version`` goes
  up with every change of step, reveal or state, so polling screens compare one integer.
- ``workshop_participants``: who joined (the workspace owner id, which is already a hash, and an
  optional nickname). Shown to nobody: the facilitator sees counts.
- ``workshop_answers``: a participant's own answers, private to their workspace owner.
- ``workshop_shared``: what a participant chose to share with the room, one row per exercise.
- ``workshop_checks``: exit-check answers, before and after (counted, never listed).
- ``workshop_guard``: wrong room codes per session (a hash of the session's token).
"""
from __future__ import annotations

import threading

import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

rooms = sa.Table(
    "workshop_rooms", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(12), nullable=False, unique=True),
    sa.Column("host_hash", sa.String(80), nullable=False, unique=True),
    sa.Column("exercise_order", sa.Text, nullable=False),  # comma-separated exercise ids
    sa.Column("step", sa.Integer, nullable=False, server_default="0"),
    sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Column("closed_at", sa.DateTime, nullable=True),
)
participants = sa.Table(
    "workshop_participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("workshop_rooms.id", ondelete="CASCADE"), nullable=False),
    sa.Column("owner", sa.String(80), nullable=False),
    sa.Column("nickname", sa.String(40), nullable=False, server_default=""),
    sa.Column("joined_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("room_id", "owner", name="uq_workshop_participants_room_owner"),
)
answers = sa.Table(
    "workshop_answers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(80), nullable=False, index=True),
    sa.Column("room_id", sa.Integer, nullable=False),
    sa.Column("exercise_id", sa.String(40), nullable=False),
    sa.Column("follow_up", sa.Date, nullable=True),
    sa.Column("choice", sa.String(40), nullable=False, server_default=""),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner", "room_id", "exercise_id", name="uq_workshop_answers_owner_room_ex"),
)
shared = sa.Table(
    "workshop_shared", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("workshop_rooms.id", ondelete="CASCADE"), nullable=False),
    sa.Column("participant_id", sa.Integer, nullable=False),
    sa.Column("exercise_id", sa.String(40), nullable=False),
    sa.Column("follow_up", sa.Date, nullable=True),
    sa.Column("choice", sa.String(40), nullable=False, server_default=""),
    sa.Column("note_passed", sa.Boolean, nullable=True),  # None: no note, or no checker
    sa.Column("note_text", sa.Text, nullable=True),  # only when the participant shared the text too
    sa.Column("shared_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("room_id", "participant_id", "exercise_id", name="uq_workshop_shared_room_part_ex"),
)
checks = sa.Table(
    "workshop_checks", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("workshop_rooms.id", ondelete="CASCADE"), nullable=False),
    sa.Column("participant_id", sa.Integer, nullable=False),
    sa.Column("phase", sa.String(10), nullable=False),  # before | after
    sa.Column("answers", sa.String(200), nullable=False),  # "qid=option,qid=option"
    sa.Column("confidence", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("room_id", "participant_id", "phase", name="uq_workshop_checks_room_part_phase"),
)
guard = sa.Table(
    "workshop_guard", metadata,
    sa.Column("subject", sa.String(80), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("window_start", sa.DateTime, nullable=False),
    sa.Column("locked_until", sa.DateTime, nullable=True),
)
sa.Index("ix_workshop_shared_room_ex", shared.c.room_id, shared.c.exercise_id)
sa.Index("ix_workshop_checks_room", checks.c.room_id)

_lock = threading.Lock()


def prepare(engine: Engine) -> Engine:
    """Create the workshop tables when missing. Idempotent; safe with several processes (a
    PostgreSQL advisory lock serialises the first creation)."""
    if getattr(engine, "_workshop_ready", False):
        return engine
    with _lock:
        if getattr(engine, "_workshop_ready", False):
            return engine
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242013)")
            metadata.create_all(conn, checkfirst=True)
        engine._workshop_ready = True  # type: ignore[attr-defined]
    return engine
