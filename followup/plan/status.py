"""A step's status, one function for every page (the planner's cards and chart, the timeline's
"What's next", the calendar files' reminders). No Streamlit here.

A step has a date and, often, a window that ends later (``latest``: the thank-you may go the next
business day). Inside the window, today included, the step is for **today**; before it, it is
**upcoming**; after the window it is **overdue** (the planner, which cannot know whether you did
it, asks "done or missed?"). A step without a date is **unknown**.
"""
from __future__ import annotations

import datetime as dt

STATUSES = ("overdue", "today", "upcoming", "anytime", "unknown")  # anytime: a step without a deadline
ORDER = {s: i for i, s in enumerate(STATUSES)}  # most urgent first
# How each page names them; the planner does not know whether a past step was done.
LABELS = {"overdue": "🔴 Overdue", "today": "🟠 Do it today", "upcoming": "🟢 Coming up",
          "anytime": "🔵 When you are ready", "unknown": "⚪ Waiting"}
PLANNER_LABELS = {**LABELS, "overdue": "✔️ Past: done or missed?"}


def window_end(date: dt.date, latest: object = None) -> dt.date:
    """The last day of a step's window (its date when it has no later end)."""
    return latest if isinstance(latest, dt.date) and latest >= date else date


def step_status(date: dt.date | None, today: dt.date, latest: object = None) -> str:
    """``upcoming`` before ``date``, ``today`` from ``date`` to the end of the window (``latest``),
    ``overdue`` after it, ``unknown`` without a date."""
    if date is None:
        return "unknown"
    if today < date:
        return "upcoming"
    return "today" if today <= window_end(date, latest) else "overdue"
