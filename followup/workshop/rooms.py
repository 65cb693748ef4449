"""Rooms: start, find (by code or facilitator key), step through, reveal, close, expire.

A room's stages are: the "before" check, the exercises in the facilitator's order, the "after"
check. ``step`` indexes that list. Every change bumps ``version`` in the same statement, so a
participant's screen that polls compares one integer and follows within one poll.
Closing (or expiry after 14 days) deletes everything the room collected (who joined, shared
answers, check answers); participants' own answers stay in their private workspace. An expired
room is closed and purged as soon as anything looks it up (every expired room with it), so no page
shows an expired room whose collected data is still kept.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from followup.workshop import codes
from followup.workshop.exercises import exercises
from followup.workshop.schema import answers, checks, participants, prepare, rooms, shared

LIFETIME = dt.timedelta(days=14)
BEFORE, AFTER = "before", "after"


class RoomError(ValueError):
    """A room cannot be started or changed as asked."""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class Room:
    id: int
    code: str
    order: tuple[str, ...]
    step: int
    revealed: bool
    version: int
    created_at: dt.datetime
    expires_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def stages(self) -> tuple[str, ...]:
        return (BEFORE, *self.order, AFTER)

    @property
    def stage(self) -> str:
        return self.stages[min(max(self.step, 0), len(self.stages) - 1)]

    @property
    def exercise_id(self) -> str | None:
        return None if self.stage in (BEFORE, AFTER) else self.stage

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.closed_at is None and (now or now_utc()) < self.expires_at


_COLUMNS = (rooms.c.id, rooms.c.code, rooms.c.exercise_order, rooms.c.step, rooms.c.revealed, rooms.c.version,
            rooms.c.created_at, rooms.c.expires_at, rooms.c.closed_at)


def _room(row) -> Room:
    return Room(row.id, row.code, tuple(row.exercise_order.split(",")), row.step, bool(row.revealed),
                row.version, row.created_at, row.expires_at, row.closed_at)


def check_order(order) -> tuple[str, ...]:
    known = exercises().ids
    order = tuple(order or ())
    if not order:
        raise RoomError("Pick at least one exercise.")
    unknown = [x for x in order if x not in known]
    if unknown:
        raise RoomError(f"Unknown exercise: {', '.join(map(str, unknown))}.")
    if len(set(order)) != len(order):
        raise RoomError("Each exercise can appear once.")
    return order


def create(engine: Engine, order, now: dt.datetime | None = None) -> tuple[Room, str]:
    """Start a room. Returns the room and the facilitator's private key (never stored)."""
    prepare(engine)
    order = check_order(order)
    now = now or now_utc()
    purge_expired(engine, now)
    for _ in range(20):
        key = codes.new_host_key()
        values = dict(code=codes.new_code(), host_hash=codes.host_hash(key), exercise_order=",".join(order),
                      step=0, revealed=False, version=0, created_at=now, expires_at=now + LIFETIME)
        try:
            with engine.begin() as conn:
                room_id = conn.execute(rooms.insert().values(**values)).inserted_primary_key[0]
        except IntegrityError:  # a code already in use: draw again
            continue
        return Room(room_id, values["code"], order, 0, False, 0, now, values["expires_at"], None), key
    raise RoomError("Could not find a free room code; try again.")


def _fetch(engine: Engine, where, now: dt.datetime | None = None) -> Room | None:
    """The room matching ``where`` (open or not). Meeting an expired room that is not closed yet
    closes and purges every expired room first, so what the caller gets is already purged."""
    prepare(engine)
    now = now or now_utc()
    with engine.connect() as conn:
        row = conn.execute(sa.select(*_COLUMNS).where(where)).first()
    if row is not None and row.closed_at is None and row.expires_at <= now:
        purge_expired(engine, now)
        with engine.connect() as conn:
            row = conn.execute(sa.select(*_COLUMNS).where(where)).first()
    return _room(row) if row else None


def find_code(engine: Engine, code: str, now: dt.datetime | None = None) -> Room | None:
    """The room with this (normalised) code, open or ended, or None."""
    return _fetch(engine, rooms.c.code == code, now) if code else None


def by_code(engine: Engine, code: str, now: dt.datetime | None = None) -> Room | None:
    """The open room with this (normalised) code, or None."""
    room = find_code(engine, code, now)
    return room if room and room.is_open(now) else None


def by_host(engine: Engine, key: object, now: dt.datetime | None = None) -> Room | None:
    """The room this facilitator key opens (also when closed, so the page can say so), or None."""
    digest = codes.host_hash(key)
    if digest is None:
        return None
    return _fetch(engine, rooms.c.host_hash == digest, now)


def by_id(engine: Engine, room_id: int, now: dt.datetime | None = None) -> Room | None:
    return _fetch(engine, rooms.c.id == room_id, now)


def _host_update(engine: Engine, key: object, now: dt.datetime | None, **values) -> Room | None:
    digest = codes.host_hash(key)
    if digest is None:
        return None
    now = now or now_utc()
    mine = (rooms.c.host_hash == digest, rooms.c.closed_at.is_(None), rooms.c.expires_at > now)
    with engine.begin() as conn:
        conn.execute(rooms.update().where(*mine).values(version=rooms.c.version + 1, **values))
        row = conn.execute(sa.select(*_COLUMNS).where(rooms.c.host_hash == digest)).first()
    return _room(row) if row else None


def go_to(engine: Engine, key: object, step: int, now: dt.datetime | None = None) -> Room | None:
    """Move the room to ``step`` (clamped to its stages); the reveal is switched off again."""
    room = by_host(engine, key, now)
    if room is None:
        return None
    step = min(max(int(step), 0), len(room.stages) - 1)
    return _host_update(engine, key, now, step=step, revealed=False)


def next_step(engine: Engine, key: object, now: dt.datetime | None = None) -> Room | None:
    room = by_host(engine, key, now)
    return None if room is None else go_to(engine, key, room.step + 1, now)


def previous_step(engine: Engine, key: object, now: dt.datetime | None = None) -> Room | None:
    room = by_host(engine, key, now)
    return None if room is None else go_to(engine, key, room.step - 1, now)


def reveal(engine: Engine, key: object, on: bool = True, now: dt.datetime | None = None) -> Room | None:
    return _host_update(engine, key, now, revealed=bool(on))


def _purge(conn, room_ids) -> None:
    ids = list(room_ids)
    if not ids:
        return
    for table in (shared, checks, participants):
        conn.execute(table.delete().where(table.c.room_id.in_(ids)))


def close(engine: Engine, key: object, now: dt.datetime | None = None) -> bool:
    """End the room: it takes no one new, and what it collected (who joined, shared answers, check
    answers) is deleted. Participants keep their own answers. Returns whether a room was closed."""
    digest = codes.host_hash(key)
    if digest is None:
        return False
    now = now or now_utc()
    with engine.begin() as conn:
        row = conn.execute(sa.select(rooms.c.id).where(rooms.c.host_hash == digest,
                                                       rooms.c.closed_at.is_(None))).first()
        if row is None:
            return False
        conn.execute(rooms.update().where(rooms.c.id == row.id).values(
            closed_at=now, version=rooms.c.version + 1))
        _purge(conn, [row.id])
    return True


def purge_expired(engine: Engine, now: dt.datetime | None = None) -> int:
    """Close rooms past their 14 days and delete what they collected. Returns how many closed."""
    prepare(engine)
    now = now or now_utc()
    with engine.begin() as conn:
        ids = [r.id for r in conn.execute(sa.select(rooms.c.id).where(
            rooms.c.closed_at.is_(None), rooms.c.expires_at <= now))]
        if ids:
            conn.execute(rooms.update().where(rooms.c.id.in_(ids)).values(
                closed_at=now, version=rooms.c.version + 1))
            _purge(conn, ids)
    return len(ids)


@dataclass(frozen=True)
class Poll:
    step: int
    revealed: bool
    version: int
    open: bool


def poll(engine: Engine, room_id: int, now: dt.datetime | None = None) -> Poll | None:
    """What a following screen needs to know, in one small read."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(rooms.c.step, rooms.c.revealed, rooms.c.version, rooms.c.closed_at,
                                     rooms.c.expires_at).where(rooms.c.id == room_id)).first()
    if row is None:
        return None
    now = now or now_utc()
    if row.closed_at is None and row.expires_at <= now:  # purged now; its screens rerun and show it closed
        purge_expired(engine, now)
        return poll(engine, room_id, now)
    return Poll(row.step, bool(row.revealed), row.version, row.closed_at is None and now < row.expires_at)


def delete_owner_rows(conn, owner: str) -> int:
    """Within the caller's transaction, delete everything the workshop holds of one workspace owner:
    their own answers, and in every room they joined their participant row (with its nickname),
    the answers they shared and their exit-check answers. A room's counts lose that person.
    Returns the number of rows deleted."""
    if not isinstance(owner, str) or not owner:
        raise ValueError("owner is required")
    n = conn.execute(answers.delete().where(answers.c.owner == owner)).rowcount
    joined = [(r.id, r.room_id) for r in conn.execute(
        sa.select(participants.c.id, participants.c.room_id).where(participants.c.owner == owner))]
    for pid, room_id in joined:
        for table in (shared, checks):
            n += conn.execute(table.delete().where(table.c.room_id == room_id,
                                                   table.c.participant_id == pid)).rowcount
    n += conn.execute(participants.delete().where(participants.c.owner == owner)).rowcount
    return n


def delete_owner_data(engine: Engine, owner: str) -> int:
    """Delete a workspace owner's workshop data (see ``delete_owner_rows``) in one transaction."""
    prepare(engine)
    with engine.begin() as conn:
        return delete_owner_rows(conn, owner)
