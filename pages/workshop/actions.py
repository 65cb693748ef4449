"""A participant's clicks in a room, saved in the widget's callback: before the page runs, so one
click is one run of the page (saving during a run and then calling ``st.rerun()`` ran it twice,
while 40 screens poll the same server). Each reads the room afresh: the facilitator may have moved
on since the page was drawn. A refusal is kept in the session and shown by the run that follows."""
from __future__ import annotations

import streamlit as st

from followup.workshop import notecheck, people, rooms
from followup.workshop.exercises import exercises

SAVED = "ws_saved"  # the exercise whose answer was just saved (a toast says so)


def error_key(what: str) -> str:
    return f"ws_error_{what}"


def show_error(what: str) -> None:
    message = st.session_state.pop(error_key(what), None)
    if message:
        st.error(message)


def drop_errors() -> None:
    """At the end of a run: a refusal not shown by now (the room moved to another step, so the
    control that was clicked is gone) is not shown later either."""
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith("ws_error_")]:
        del st.session_state[k]


def join(eng, room_id: int, owner: str) -> None:
    room = rooms.by_id(eng, room_id)
    try:
        if room is None:
            raise rooms.RoomError("This room has closed.")
        people.join(eng, room, owner, st.session_state.get("ws_nick_link", ""))
    except (ValueError, rooms.RoomError) as err:
        st.session_state[error_key("join")] = str(err)


def save_answer(eng, owner: str, room_id: int, ex_id: str) -> None:
    ss = st.session_state
    try:
        people.save_answer(eng, owner, room_id, ex_id, follow_up=ss.get(f"ws_date_{ex_id}"),
                           choice=ss.get(f"ws_choice_{ex_id}"), note=ss.get(f"ws_note_{ex_id}"))
    except (ValueError, rooms.RoomError) as err:
        ss[error_key(f"save_{ex_id}")] = str(err)
    else:
        ss[SAVED] = ex_id


def share(eng, owner: str, room_id: int, pid: int, ex_id: str) -> None:
    ss = st.session_state
    room = rooms.by_id(eng, room_id)
    mine = people.my_answers(eng, owner, room_id).get(ex_id)
    try:
        if room is None or pid is None:
            raise rooms.RoomError("This room has closed.")
        if mine is None:
            raise rooms.RoomError("Save your answer first.")
        people.share(eng, room, pid, mine, include_note_text=bool(ss.get(f"ws_with_text_{ex_id}")),
                     note_check=notecheck.checker())
    except rooms.RoomError as err:
        ss[error_key(f"share_{ex_id}")] = str(err)


def send_check(eng, room_id: int, pid: int, phase: str) -> None:
    ss = st.session_state
    chosen = {q.id: ss.get(f"ws_q_{phase}_{q.id}") for q in exercises().exit_questions}
    try:
        room = rooms.by_id(eng, room_id)
        if room is None or pid is None:
            raise rooms.RoomError("This room has closed.")
        people.save_check(eng, room, pid, phase, chosen, ss.get(f"ws_conf_{phase}"))
    except (ValueError, rooms.RoomError) as err:
        ss[error_key(f"check_{phase}")] = str(err)
