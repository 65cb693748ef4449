"""Wrong room codes, limited per session.

Each browser session carries a random token (made by the page); only its hash is stored. After
``MAX_FAILURES`` wrong codes within ``WINDOW`` the session is locked out for ``LOCKOUT``: every
further try is refused *before* any room is looked up, so even the right code gets nowhere
while locked. Nothing sleeps and nothing is shared between sessions: a guessing session never
slows another visitor's join or another room. The counts live in the database, so they hold
across the app's processes.

The code of a room that has ended (closed, or past its 14 days) is not a wrong code: the attempt
says the room has ended and carries the room, so a participant's own private link to it can still
show their answers; it does not count toward the lockout.

With 5 tries per 15 minutes, one session gets at most 480 tries a day, against 887 million codes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from followup.workshop import codes, rooms
from followup.workshop.schema import guard, prepare

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Attempt:
    room: rooms.Room | None
    message: str = ""
    locked_until: dt.datetime | None = None
    looked_up: bool = False  # whether the code reached the rooms table at all
    ended: bool = False  # the code is right but the room has ended: ``room`` is that closed room

    @property
    def joinable(self) -> bool:
        return self.room is not None and not self.ended


ENDED = ("This room has ended and takes no one new. If you took part, your own private link to the room "
         "(the address your phone showed, with its key) still shows your answers.")


def subject(session_token: str) -> str:
    if not isinstance(session_token, str) or len(session_token) < 16:
        raise ValueError("a session token of at least 16 characters is required")
    return "s:" + hashlib.sha256(session_token.encode("utf-8")).hexdigest()


def _locked_until(engine: Engine, subj: str, now: dt.datetime) -> dt.datetime | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(guard.c.locked_until).where(guard.c.subject == subj)).first()
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def _fail(engine: Engine, subj: str, now: dt.datetime) -> dt.datetime | None:
    for _ in range(2):
        with engine.begin() as conn:
            row = conn.execute(sa.select(guard.c.failures, guard.c.window_start).where(
                guard.c.subject == subj)).first()
            if row is None:
                try:
                    conn.execute(guard.insert().values(subject=subj, failures=1, window_start=now,
                                                       locked_until=None))
                except IntegrityError:
                    continue
                return None
            failures = 1 if row.window_start + WINDOW <= now else row.failures + 1
            start = now if failures == 1 else row.window_start
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            conn.execute(guard.update().where(guard.c.subject == subj).values(
                failures=0 if locked else failures, window_start=start, locked_until=locked))
            return locked
    return None


def _wait_text(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (f"Too many wrong room codes from this browser. Try again in {minutes} minute"
            f"{'s' if minutes != 1 else ''}, or open the link or QR code the facilitator shows.")


def try_code(engine: Engine, session_token: str, text: object, now: dt.datetime | None = None) -> Attempt:
    """Look up a typed or linked room code for one session, within its allowance of wrong codes."""
    prepare(engine)
    now = now or rooms.now_utc()
    subj = subject(session_token)
    until = _locked_until(engine, subj, now)
    if until is not None:
        return Attempt(None, _wait_text(until, now), until)
    code = codes.normalise(text)
    room = rooms.find_code(engine, code, now) if code else None
    if room is not None:
        if not room.is_open(now):
            return Attempt(room, ENDED, looked_up=True, ended=True)
        return Attempt(room, looked_up=True)
    until = _fail(engine, subj, now)
    if until is not None:
        return Attempt(None, _wait_text(until, now), until, looked_up=code is not None)
    hint = ("No open room has this code. Check it on the projector: codes have 6 letters and digits, "
            "without 0, O, 1, I or L.")
    return Attempt(None, hint, looked_up=code is not None)
