"""Scoring the timing reader against a hand-worked phrase set (tests and scripts/timing_quality.py).

One row holds what was said, the interview date, the country and the expected reading: `kind`
("deadline", "holidays", "nothing" or "ask") and its date (`deadline`, `new_year` or `follow_up`).
"""
from __future__ import annotations


def score(row: dict, reading) -> str:
    """'right', 'wrong' or 'not understood' for one row and the reader's `Reading` of it."""
    if row["kind"] == "ask":
        return "right" if reading.kind == "not_understood" and reading.asks else "wrong"
    if reading.kind == "not_understood":
        return "not understood"
    got = {"deadline": (reading.kind, str(reading.deadline)), "holidays": (reading.kind, str(reading.new_year)),
           "nothing": (reading.kind, str(reading.follow_up))}[row["kind"]]
    want = (row["kind"], str(row.get("deadline") or row.get("new_year") or row.get("follow_up")))
    return "right" if got == want else "wrong"
