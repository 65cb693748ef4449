"""The planner's reading of what they said, in one line, and its correction ("Not what they said?").

Page-local UI code. The user's choice lives in two widgets: ``decision_date`` (the decision date
they pick) and ``decision_none`` ("They gave no date"); :func:`decision` turns them into the
``decision`` argument of ``followup.timing.plan`` and the ``decision`` parameter of the plan's link.
When the text is not understood the plan waits (``Plan.waiting``) and this part asks for the date
in the open, not behind the expander. Typing new text, a new interview date or an example clears
the choice, as it belonged to the old text.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from followup import markdown as md
from followup.dates import input_format, keep_style
from followup.plan import timing


def clear_decision() -> None:
    st.session_state.update(decision_date=None, decision_none=False)


def set_decision(decision: dt.date | str | None) -> None:
    """Fill the widgets from a link's ``decision`` (already validated by ``plan_link``)."""
    st.session_state.update(decision_date=decision if isinstance(decision, dt.date) else None,
                            decision_none=decision == "none")


def _picked_date() -> None:
    if st.session_state.get("decision_date") is not None:
        st.session_state["decision_none"] = False


def _picked_none() -> None:
    if st.session_state.get("decision_none"):
        st.session_state["decision_date"] = None


def decision(interview: dt.date) -> dt.date | str | None:
    """The user's choice, from the widgets' state: a date, "none", or None (use the reading).
    A date outside what ``plan`` accepts (before the interview, over a year after) is not used."""
    if st.session_state.get("decision_none"):
        return "none"
    d = st.session_state.get("decision_date")
    if isinstance(d, dt.date) and 0 <= (d - interview).days <= timing.MAX_WAIT_DAYS:
        return d
    return None


def reading(p, interview: dt.date, chosen: bool) -> None:
    """The one line ("I read this as: ..."), the typo corrections, and "Not what they said?";
    when the plan waits for a date, the question is asked in the open."""
    r = p.reading
    if st.session_state.get("decision_date") is not None and decision(interview) is None:
        st.session_state["decision_date"] = None  # out of range for this interview date
    with st.container(key="understood"):
        if p.waiting:
            st.warning(f"❓ {md.escape(p.line)}")
        else:
            st.info(f"🗣️ {md.escape(p.line)}")
        if r.corrections and "(read “" not in p.line:
            st.caption(md.escape("✏️ " + "; ".join(f"Read “{a}” as “{b}”" for a, b in r.corrections) + "."))
        if r.kind in ("holidays", "nothing") and not r.picked:
            st.caption(md.escape(p.understood))
    if p.waiting:
        holder = st.container(border=True, key="ask")
    else:
        # a popover: the browser draws its widgets only while it is open (each widget on the page is
        # redrawn on every change of the plan)
        holder = st.popover("✏️ Not what they said?", key="correct")
    with holder:
        if p.waiting:
            st.markdown("**When did they say they would decide?** Pick the date, or tell me they gave no date. "
                        "Until then the plan holds only the thank-you note.")
        else:
            st.caption("Pick the decision date they gave (for a window, its last day), or tell me they gave none; "
                       "the plan changes and the page address keeps your choice.")
        c1, c2 = st.columns([1, 1], vertical_alignment="bottom")
        c1.date_input("Their decision date", value=None, key="decision_date", min_value=interview,
                      max_value=interview + dt.timedelta(days=timing.MAX_WAIT_DAYS), format=input_format(),
                      on_change=keep_style(_picked_date), help="The day they said they would decide by.")
        c2.checkbox("They gave no date", key="decision_none", on_change=keep_style(_picked_none),
                    help="The plan then counts from the interview.")
        if chosen:
            st.button("↩️ Use what I typed instead", key="decision_clear", on_click=keep_style(clear_decision))
