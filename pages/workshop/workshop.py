"""Workshop mode (/workshop): start a room, join one, run it, follow it.

Router only: ``?host=<key>`` is the facilitator's projector view, ``?room=<code>`` the
participant's view, nothing the lobby (start or join). Logic is in ``followup.workshop``;
each view is a module beside this one.
"""
from __future__ import annotations

import streamlit as st

from followup import workspace
from followup.workshop import guard, people, rooms
from pages.workshop import common, host, lobby, room

eng = common.engine()
params = st.query_params

if params.get("host"):
    r = rooms.by_host(eng, params.get("host"))
    if r is None:
        st.title("🎓 Workshop")
        st.error("This facilitator link does not open a room. Check that it was copied whole, or start a new room.")
        st.page_link("pages/workshop/workshop.py", label="Start or join a room", icon="🎓")
    else:
        host.render(eng, r, params.get("host"))
    st.stop()

code = params.get("room")
if not code:
    rooms.purge_expired(eng)  # rooms nobody looks up any more are purged too
    lobby.render(eng)
    st.stop()

# A participant: a private workspace of their own (as on a shared server), kept in the URL.
ws = workspace.st_workspace(st, address=True, private=True)  # only keys this app made
if ws.notice:
    st.warning(f"🔑 {ws.notice}")

tried = st.session_state.setdefault("ws_tried", {})  # code -> room id: a rerun never counts twice
if code not in tried:
    attempt = guard.try_code(eng, common.session_token(), code)
    tried[code] = attempt.room.id if attempt.room else None
    st.session_state["ws_code_message"] = attempt.message
r = rooms.by_id(eng, tried[code]) if tried[code] else None
# A room that has ended shows only its own answers, to those who saved some (their private link).
mine = people.my_answers(eng, ws.owner, r.id) if r is not None and not r.is_open() else None

if r is None or (not r.is_open() and not mine):
    st.title("🎓 Workshop")
    st.error(guard.ENDED if r is not None
             else st.session_state.get("ws_code_message") or "No open room has this code.")
    lobby.render(eng, show_title=False)
    st.stop()

me = people.participant(eng, r.id, ws.owner)
if me is None and r.is_open():
    room.join_form(eng, r, ws.owner)
    st.stop()
room.render(eng, r, ws.owner, me)
