"""What the timeline's parts share: who and when (one ``Ctx`` per run), field errors, saving a form.

Page-local UI code (it uses Streamlit); the engine is in ``followup.log``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from followup import tracker
from followup.charts import app_label
from followup.markdown import escape
from followup.plan import timing

KIND_KEYS = list(tracker.KINDS)
STATUS_KEYS = list(tracker.STATUSES)
FIELD_NAMES = {"company": "Company", "role": "Role", "contact": "Contact", "said": "What they said",
               "country": "Country", "subdivision": "Region code", "interview": "Interview date",
               "date": "Date", "note": "Note", "kind": "Kind", "industry": "Industry", "log": "Your log",
               "status": "Status", "via_agency": "Through an agency", "done": "Done", "application": "Application"}


@dataclass
class Ctx:
    """One run of the timeline: the visitor's store and log, and their today."""
    engine: Any
    owner: str
    ws: Any
    secrets: dict
    shared: bool
    today: dt.date
    log: list[dict]
    by_id: dict[int, dict] = field(default_factory=dict)
    snap: Any = None  # followup.log.snapshot.Snapshot: the log at its version, shared, read-only

    @property
    def sqlite_store(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def check_region(country: str, subdivision: str) -> str | None:
    """An error message for a region code the planner does not know, else None."""
    if not subdivision:
        return None
    try:
        known = timing.subdivisions(country)
    except ValueError:
        return None
    if subdivision.upper() in {k.upper() for k in known}:
        return None
    sample = ", ".join(list(known)[:8])
    return f"is not a region of {country}" + (f" (for example {sample})" if sample else " (it has none)")


def save(save_fn, errors_key: str, done_message: str, clear: tuple[str, ...] = ()) -> None:
    """A form's save, run in its submit button's callback (before the page runs, so one click runs
    the page once). On invalid input keep the field errors for the form to show; otherwise clear
    them (and the ``clear`` widgets) and flash ``done_message`` at the top of the page."""
    try:
        save_fn()
    except tracker.ValidationError as exc:
        st.session_state[errors_key] = exc.errors
    else:
        st.session_state[errors_key] = {}
        for key in clear:
            st.session_state.pop(key, None)
        st.session_state["tl_flash"] = done_message


def flash(message: str) -> None:
    """Show ``message`` at the top of the page's next run (the callback's own run)."""
    st.session_state["tl_flash"] = message


def field_error(errors: dict, name: str) -> None:
    if name in errors:
        st.error(f"⚠️ {FIELD_NAMES.get(name, name)} {escape(errors[name])}.")


def other_errors(errors: dict, shown: tuple[str, ...]) -> None:
    """Every error of a form not already shown beside its own box (``shown``): none is ever silent."""
    for name in errors:
        if name not in shown:
            field_error(errors, name)


def room_left(ctx: Ctx) -> str | None:
    """The private workspace's row cap, said on the page (None for the local log, which has none)."""
    cap = tracker.row_cap(ctx.owner)
    if cap is None:
        return None
    used = len(ctx.log) + sum(len(a["events"]) for a in ctx.log)
    return (f"A private workspace on this shared server holds up to {cap:,} applications and events "
            f"together; yours has {used:,}.")


def pick_application(ctx: Ctx, key: str) -> int:
    return st.selectbox("Application", list(ctx.by_id), format_func=lambda i: app_label(ctx.by_id[i]), key=key)
