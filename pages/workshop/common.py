"""Shared pieces of the workshop pages (Streamlit). Logic lives in followup.workshop."""
from __future__ import annotations

import secrets
from urllib.parse import urlencode

import streamlit as st

from followup import markdown as md
from followup import qr, workspace
from followup.advice.content import article
from followup.plan import timing
from followup.workshop import counts, schema
from followup.workshop.counts import WINDOW_LABELS

SESSION_TOKEN = "ws_session_token"
SHORT_WINDOW = {"early": "Too early", "in": "In the window", "late": "Later", "none": "No date"}


def engine():
    return schema.prepare(workspace.st_engine(st))


def session_token() -> str:
    """A random token for this browser session (wrong codes are counted against its hash)."""
    return st.session_state.setdefault(SESSION_TOKEN, secrets.token_urlsafe(24))


def base_url() -> str:
    """This page's absolute address without its query, e.g. ``http://host:8501/workshop``."""
    url = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    return url if url.endswith("/workshop") else url.rstrip("/").rsplit("/", 1)[0] + "/workshop"


def app_url(path: str, params: dict | None = None) -> str:
    root = base_url().rsplit("/", 1)[0]
    return f"{root}/{path}" + (f"?{urlencode(params)}" if params else "")


def room_link(code: str) -> str:
    return f"{base_url()}?room={code}"


def qr_image(link: str, width: int, caption: str | None = None) -> None:
    st.image(qr.png(link, scale=10), width=width, caption=caption, output_format="PNG",
             alt=f"QR code of the room link {link}")


def passage(ref: str) -> None:
    art = article()
    p = art.get(ref)
    with st.container(border=True):
        st.markdown(md.passage(p, art))


def plan_steps(plan: timing.Plan) -> None:
    for s in plan.steps:
        window = f" – {timing.fmt(s.latest)}" if s.latest and s.latest > s.date else ""
        st.markdown(f"**{timing.fmt(s.date)}{window}** · {md.escape(s.title)}")


def exercise_counts(c: counts.ExerciseCounts, large: bool = False) -> None:
    lo, hi = c.window
    st.markdown(f"**{c.shared}** shared answer{'s' if c.shared != 1 else ''} · the planner's window for the "
                f"first follow-up: **{timing.fmt(lo)} – {timing.fmt(hi)}**")
    cols = st.columns(4)
    for col, key in zip(cols, ("early", "in", "late", "none")):
        col.metric(SHORT_WINDOW[key], c.by_window[key], help=WINDOW_LABELS[key].capitalize())
    st.table({"Choice": [label + (" ✔ the article" if art else "") for _i, label, _n, art in c.by_choice],
              "Shared answers": [n for *_x, n, _a in c.by_choice]})
    if c.by_date:
        st.table({"Follow-up date": [timing.fmt(d) for d, _n in c.by_date], "Answers": [n for _d, n in c.by_date]})
    if c.notes_checked:
        st.markdown(f"Notes that passed the checker's must-haves: **{c.notes_passed} of {c.notes_checked}**")
    if c.shared_notes:
        st.caption("Notes their authors chose to show the room:")
        for text in c.shared_notes:
            st.text(text)


def exit_totals(totals: dict) -> None:
    from followup.workshop.exercises import exercises

    b, a = totals["before"], totals["after"]
    st.markdown(f"Answered before: **{b.answered}** · after: **{a.answered}**")
    qs = exercises().exit_questions
    st.table({"Question": [q.text for q in qs], "Right before": [b.correct[q.id] for q in qs],
              "Right after": [a.correct[q.id] for q in qs]})
    st.table({"Confidence": [str(k) for k in range(1, 6)], "Before": [b.confidence[k] for k in range(1, 6)],
              "After": [a.confidence[k] for k in range(1, 6)]})
    st.markdown(f"Mean confidence: before **{b.mean_confidence or '–'}**, after **{a.mean_confidence or '–'}**")
