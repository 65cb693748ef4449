"""The workshop lobby: join a room by its code, or start one (facilitators)."""
from __future__ import annotations

import streamlit as st

from followup.workshop import guard, people, rooms
from followup.workshop.exercises import exercises
from followup.dates import keep_style
from pages.workshop import common


def _start(eng) -> None:
    try:
        room, key = rooms.create(eng, st.session_state.get("ws_order") or [])
    except rooms.RoomError as err:
        st.session_state["ws_start_error"] = str(err)
        return
    st.session_state.pop("ws_start_error", None)
    st.query_params.from_dict({"host": key})


def render(eng, show_title: bool = True) -> None:
    if show_title:
        st.title("🎓 Workshop")
        st.markdown("Work through the article's real cases together: a room link and code for everyone, "
                    "no accounts, and a projector view that shows counts only.")
    left, right = st.columns(2, gap="large")
    with left.container(border=True, key="ws_join"):
        st.header("Join a room")
        with st.form("ws_join_form", border=False):
            typed = st.text_input("Room code", key="ws_code_typed", max_chars=12, placeholder="e.g. K7P-2QX")
            nick = st.text_input("Nickname (optional)", key="ws_nick_typed", max_chars=people.MAX_NICKNAME,
                                 help="Only you see it; the room sees counts, never names.")
            go = st.form_submit_button("Join", key="ws_join_go", type="primary")
        if go:
            attempt = guard.try_code(eng, common.session_token(), typed)
            if not attempt.joinable:
                st.error(attempt.message)
            else:
                st.session_state.setdefault("ws_tried", {})[attempt.room.code] = attempt.room.id
                st.session_state["ws_pending_nick"] = nick
                st.query_params.from_dict({"room": attempt.room.code})
                st.rerun()
    with right.container(border=True, key="ws_start"):
        st.header("Start a room (facilitators)")
        exs = exercises()
        titles = {e.id: e.title for e in exs.exercises}
        st.multiselect("Cases, in the order you will run them", list(titles), default=list(titles)[:2],
                       key="ws_order", format_func=titles.get,
                       help="Pick them in the order you want; remove one with its ×.")
        st.button("Start a room", key="ws_start_go", on_click=keep_style(_start), args=(eng,))
        if st.session_state.get("ws_start_error"):
            st.error(st.session_state["ws_start_error"])
        st.caption("You get a room link and code for the room, and a private facilitator link for yourself. "
                   "The room closes when you end it, or after 14 days.")
