"""What the room sees: counts of shared answers and exit-check totals, and their CSV.

Counts only: no participant id, nickname or owner leaves this module. The text of a note appears
only when its author shared the text as well. The CSV neutralises spreadsheet formulas the way
the timeline's exports do (``followup.exports.neutralise``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log.exports import neutralise
from followup.workshop.exercises import Exercise, exercises
from followup.workshop.rooms import AFTER, BEFORE, Room
from followup.workshop.schema import checks, shared

WINDOW_LABELS = {"early": "before the planner's window", "in": "in the planner's window",
                 "late": "after the planner's window", "none": "no date given"}


@dataclass(frozen=True)
class ExerciseCounts:
    exercise_id: str
    shared: int
    window: tuple[dt.date, dt.date]
    by_window: dict[str, int]  # early | in | late | none
    by_date: tuple[tuple[dt.date, int], ...]
    by_choice: tuple[tuple[str, str, int, bool], ...]  # (option id, label, count, the article's answer)
    notes_checked: int
    notes_passed: int
    shared_notes: tuple[str, ...]


def bucket(d: dt.date | None, window: tuple[dt.date, dt.date]) -> str:
    if d is None:
        return "none"
    return "early" if d < window[0] else "late" if d > window[1] else "in"


def exercise_counts(engine: Engine, room_id: int, ex: Exercise) -> ExerciseCounts:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(shared.c.follow_up, shared.c.choice, shared.c.note_passed,
                                      shared.c.note_text).where(shared.c.room_id == room_id,
                                                                shared.c.exercise_id == ex.id)
                            .order_by(shared.c.shared_at, shared.c.id)).all()
    window = ex.window()
    windows = Counter(bucket(r.follow_up, window) for r in rows)
    dates = Counter(r.follow_up for r in rows if r.follow_up is not None)
    choices = Counter(r.choice for r in rows if r.choice)
    checked = [r.note_passed for r in rows if r.note_passed is not None]
    return ExerciseCounts(
        ex.id, len(rows), window, {k: windows.get(k, 0) for k in WINDOW_LABELS},
        tuple(sorted(dates.items())),
        tuple((o.id, o.label, choices.get(o.id, 0), o.id in ex.article_options) for o in ex.options),
        len(checked), sum(checked), tuple(r.note_text for r in rows if r.note_text))


@dataclass(frozen=True)
class PhaseTotals:
    phase: str
    answered: int
    correct: dict[str, int]  # question id -> how many chose the article's answer
    confidence: dict[int, int]  # 1..5 -> how many

    @property
    def mean_confidence(self) -> float | None:
        n = sum(self.confidence.values())
        return round(sum(k * v for k, v in self.confidence.items()) / n, 2) if n else None


def exit_totals(engine: Engine, room_id: int) -> dict[str, PhaseTotals]:
    qs = {q.id: q for q in exercises().exit_questions}
    with engine.connect() as conn:
        rows = conn.execute(sa.select(checks.c.phase, checks.c.answers, checks.c.confidence).where(
            checks.c.room_id == room_id)).all()
    out = {}
    for phase in (BEFORE, AFTER):
        mine = [r for r in rows if r.phase == phase]
        correct = dict.fromkeys(qs, 0)
        for r in mine:
            for part in r.answers.split(","):
                qid, _, value = part.partition("=")
                if qid in qs and value.isdigit() and int(value) == qs[qid].answer:
                    correct[qid] += 1
        conf = Counter(r.confidence for r in mine)
        out[phase] = PhaseTotals(phase, len(mine), correct, {k: conf.get(k, 0) for k in range(1, 6)})
    return out


CSV_COLUMNS = ["section", "exercise", "item", "before", "after", "count"]


def room_csv(engine: Engine, room: Room, participants_joined: int | None = None) -> bytes:
    """The room's counts as CSV (UTF-8 with BOM): one row per counted thing, no person in it."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)

    def row(*cells) -> None:
        w.writerow([neutralise("" if c is None else str(c)) for c in cells])

    row("room", "", "code", "", "", room.display_code)
    if participants_joined is not None:
        row("room", "", "participants joined", "", "", participants_joined)
    exs = exercises()
    for ex_id in room.order:
        ex = exs.get(ex_id)
        c = exercise_counts(engine, room.id, ex)
        row("exercise", ex.title, "answers shared", "", "", c.shared)
        for key, label in WINDOW_LABELS.items():
            row("follow-up date", ex.title,
                f"{label} ({c.window[0].isoformat()} to {c.window[1].isoformat()})" if key == "in" else label,
                "", "", c.by_window[key])
        for d, n in c.by_date:
            row("follow-up date", ex.title, d.isoformat(), "", "", n)
        for _oid, label, n, is_article in c.by_choice:
            row("choice", ex.title, label + (" (the article's answer)" if is_article else ""), "", "", n)
        row("notes", ex.title, "notes checked", "", "", c.notes_checked)
        row("notes", ex.title, "notes that passed the must-haves", "", "", c.notes_passed)
        for text in c.shared_notes:
            row("shared note", ex.title, text, "", "", 1)
    totals = exit_totals(engine, room.id)
    b, a = totals[BEFORE], totals[AFTER]
    row("exit check", "", "answered", b.answered, a.answered, "")
    for q in exs.exit_questions:
        row("exit check", "", f"right: {q.text}", b.correct[q.id], a.correct[q.id], "")
    for k in range(1, 6):
        row("confidence", "", f"rated {k}", b.confidence[k], a.confidence[k], "")
    row("confidence", "", "mean", b.mean_confidence, a.mean_confidence, "")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
