"""Participants: join a room, keep private answers, share one answer with the room, answer the
exit check.

Privacy rules kept here:
- A participant's answers (date, choice, note) are stored under their workspace owner and read
  back only with that owner: nobody else, the facilitator included, has a function to read them.
- ``share`` copies one answer, for the exercise the room is on, into the room's shared rows: the
  date and the choice, whether the note passed the checker, and the note's text only when the
  participant ticked that they share it too.
- The room never stores nicknames with answers: counts cannot be traced back to a person.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from followup.dates import fmt_date
from followup.workshop.exercises import exercises
from followup.workshop.rooms import AFTER, BEFORE, Room, RoomError, now_utc
from followup.workshop.schema import answers, checks, participants, prepare, shared

MAX_NICKNAME = 40
MAX_NOTE = 2000
MAX_DAYS_AFTER = 120  # a follow-up date later than this after the case's interview is refused
PHASES = (BEFORE, AFTER)


def clean_nickname(text: object) -> str:
    """A nickname without control characters, at most 40 characters; '' when none."""
    if not isinstance(text, str):
        return ""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())[:MAX_NICKNAME]


def join(engine: Engine, room: Room, owner: str, nickname: object = "", now: dt.datetime | None = None) -> int:
    """Join (or re-join) an open room. Returns the participant id; joining twice is one participant."""
    prepare(engine)
    if not isinstance(owner, str) or not owner:
        raise ValueError("owner is required")
    now = now or now_utc()
    if not room.is_open(now):
        raise RoomError("This room has closed.")
    nick = clean_nickname(nickname)
    mine = (participants.c.room_id == room.id, participants.c.owner == owner)
    for _ in range(2):
        with engine.begin() as conn:
            row = conn.execute(sa.select(participants.c.id).where(*mine)).first()
            if row is not None:
                if nick:
                    conn.execute(participants.update().where(*mine).values(nickname=nick))
                return row.id
            try:
                return conn.execute(participants.insert().values(
                    room_id=room.id, owner=owner, nickname=nick, joined_at=now)).inserted_primary_key[0]
            except IntegrityError:  # the same owner joined in another tab at the same moment
                continue
    raise RoomError("Could not join; try again.")


def participant(engine: Engine, room_id: int, owner: str) -> tuple[int, str] | None:
    """(participant id, nickname) of this owner in the room, or None."""
    prepare(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(participants.c.id, participants.c.nickname).where(
            participants.c.room_id == room_id, participants.c.owner == owner)).first()
    return (row.id, row.nickname) if row else None


def count(engine: Engine, room_id: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(participants).where(
            participants.c.room_id == room_id)).scalar())


# --- private answers ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    exercise_id: str
    follow_up: dt.date | None
    choice: str
    note: str


def clean_answer(exercise_id: str, follow_up: object, choice: object, note: object) -> Answer:
    ex = exercises().get(exercise_id)
    if ex is None:
        raise ValueError("unknown exercise")
    if follow_up is not None and (isinstance(follow_up, dt.datetime) or not isinstance(follow_up, dt.date)):
        raise ValueError("the follow-up date must be a date")
    if follow_up is not None and follow_up < ex.interview:
        raise ValueError(f"The date is before the interview on {fmt_date(ex.interview)}. Pick that day or a "
                         "later one: nothing was saved, your answer stays as it was.")
    if follow_up is not None and follow_up > ex.interview + dt.timedelta(days=MAX_DAYS_AFTER):
        raise ValueError(f"The date is more than {MAX_DAYS_AFTER} days after the interview on "
                         f"{fmt_date(ex.interview)}. Pick an earlier one: nothing was saved, your answer "
                         "stays as it was.")
    choice = choice or ""
    if choice and ex.option(choice) is None:
        raise ValueError("that choice is not one of the exercise's options")
    note = note or ""
    if not isinstance(note, str) or "\x00" in note:
        raise ValueError("the note must be text")
    if len(note) > MAX_NOTE:
        raise ValueError(f"the note is too long (at most {MAX_NOTE} characters)")
    return Answer(exercise_id, follow_up, choice, note)


def save_answer(engine: Engine, owner: str, room_id: int, exercise_id: str, *, follow_up=None, choice="",
                note="", now: dt.datetime | None = None) -> Answer:
    """Save the owner's own answer to one exercise (replacing the previous one). Private."""
    prepare(engine)
    if not isinstance(owner, str) or not owner:
        raise ValueError("owner is required")
    a = clean_answer(exercise_id, follow_up, choice, note)
    values = dict(follow_up=a.follow_up, choice=a.choice, note=a.note, updated_at=now or now_utc())
    mine = (answers.c.owner == owner, answers.c.room_id == room_id, answers.c.exercise_id == exercise_id)
    for _ in range(2):
        with engine.begin() as conn:
            if conn.execute(answers.update().where(*mine).values(**values)).rowcount:
                return a
            try:
                conn.execute(answers.insert().values(owner=owner, room_id=room_id, exercise_id=exercise_id,
                                                     **values))
                return a
            except IntegrityError:
                continue
    raise RoomError("Could not save; try again.")


def my_answers(engine: Engine, owner: str, room_id: int) -> dict[str, Answer]:
    """The owner's own answers in a room, by exercise id (also after the room closed)."""
    prepare(engine)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(answers.c.exercise_id, answers.c.follow_up, answers.c.choice,
                                      answers.c.note).where(answers.c.owner == owner,
                                                            answers.c.room_id == room_id))
        return {r.exercise_id: Answer(r.exercise_id, r.follow_up, r.choice, r.note) for r in rows}


# --- sharing ------------------------------------------------------------------------------------
NoteCheck = Callable[[str], bool]


def share(engine: Engine, room: Room, participant_id: int, answer: Answer, *, include_note_text: bool = False,
          note_check: NoteCheck | None = None, now: dt.datetime | None = None) -> None:
    """Share one answer with the room: only for the exercise the room is on, while it is open.
    Sharing again replaces this participant's shared answer to that exercise."""
    now = now or now_utc()
    if not room.is_open(now):
        raise RoomError("This room has closed.")
    if answer.exercise_id != room.exercise_id:
        raise RoomError("The room has moved on: you can share an answer to the current exercise only.")
    note = answer.note.strip()
    passed = bool(note_check(note)) if (note and note_check is not None) else None
    values = dict(follow_up=answer.follow_up, choice=answer.choice, note_passed=passed,
                  note_text=note if (include_note_text and note) else None, shared_at=now)
    mine = (shared.c.room_id == room.id, shared.c.participant_id == participant_id,
            shared.c.exercise_id == answer.exercise_id)
    with engine.begin() as conn:
        if not conn.execute(shared.update().where(*mine).values(**values)).rowcount:
            conn.execute(shared.insert().values(room_id=room.id, participant_id=participant_id,
                                                exercise_id=answer.exercise_id, **values))


def has_shared(engine: Engine, room_id: int, participant_id: int, exercise_id: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(shared.c.id).where(
            shared.c.room_id == room_id, shared.c.participant_id == participant_id,
            shared.c.exercise_id == exercise_id)).first() is not None


# --- exit check ---------------------------------------------------------------------------------
def clean_check(phase: object, chosen: Mapping[str, object], confidence: object) -> tuple[str, str, int]:
    if phase not in PHASES:
        raise ValueError("phase must be 'before' or 'after'")
    qs = exercises().exit_questions
    if not isinstance(chosen, Mapping):
        raise ValueError("answers must be a mapping")
    parts = []
    for q in qs:
        value = chosen.get(q.id)
        if value is None:
            raise ValueError(f"Please answer every question before sending: “{q.text}” has no answer yet.")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(q.options):
            raise ValueError(f"question '{q.id}': not one of its options")
        parts.append(f"{q.id}={value}")
    if isinstance(confidence, bool) or not isinstance(confidence, int) or not 1 <= confidence <= 5:
        raise ValueError("confidence must be a whole number from 1 to 5")
    return phase, ",".join(parts), confidence


def save_check(engine: Engine, room: Room, participant_id: int, phase: str, chosen: Mapping[str, object],
               confidence: object, now: dt.datetime | None = None) -> None:
    """Record a participant's exit-check answers for one phase (again: replaces)."""
    now = now or now_utc()
    if not room.is_open(now):
        raise RoomError("This room has closed.")
    phase, text, conf = clean_check(phase, chosen, confidence)
    mine = (checks.c.room_id == room.id, checks.c.participant_id == participant_id, checks.c.phase == phase)
    with engine.begin() as conn:
        if not conn.execute(checks.update().where(*mine).values(answers=text, confidence=conf,
                                                                created_at=now)).rowcount:
            conn.execute(checks.insert().values(room_id=room.id, participant_id=participant_id, phase=phase,
                                                answers=text, confidence=conf, created_at=now))


def has_check(engine: Engine, room_id: int, participant_id: int, phase: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(checks.c.id).where(
            checks.c.room_id == room_id, checks.c.participant_id == participant_id,
            checks.c.phase == phase)).first() is not None
