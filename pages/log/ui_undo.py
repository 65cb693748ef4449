"""The timeline's "Undo": after "Done", deleting an event or deleting an application, the message
at the top of the page has an Undo button that puts back exactly what changed (followup.log.undo).
Page-local UI code; the undo itself is owner-scoped in the engine."""
from __future__ import annotations

import streamlit as st

from followup.log import undo
from followup.markdown import escape
from followup.dates import keep_style

from pages.log.ui_common import Ctx


def offer(ctx: Ctx, message: str, kind: str, payload) -> None:
    """After an action: say what was done, with an Undo button until the next action or Undo."""
    st.session_state.pop("tl_flash", None)
    st.session_state["tl_undo"] = {"owner": ctx.owner, "message": message, "kind": kind, "payload": payload}


def show(engine, owner: str) -> None:
    """The message with Undo. It needs only the store and the owner, so the page shows it before it
    reads the changed log: the confirmation reaches the screen before the rest of the page is redrawn."""
    entry = st.session_state.get("tl_undo")
    if not entry or entry.get("owner") != owner:  # another workspace's undo is never offered here
        return
    with st.container(key="tl_undo_box"):
        c1, c2, c3 = st.columns([6, 1.2, 0.8], vertical_alignment="center")
        c1.success(escape(entry["message"]))
        c2.button("↩️ Undo", key="tl_undo_btn", on_click=keep_style(_undo), args=(engine, owner), width="stretch",
                  help="Put back exactly what this changed.")
        c3.button("✖", key="tl_undo_close", on_click=keep_style(lambda: st.session_state.pop("tl_undo", None)),
                  help="Hide this message (the change stays).")


def _undo(engine, owner: str) -> None:
    entry = st.session_state.pop("tl_undo", None)
    if not entry:
        return
    if entry["kind"] == "complete":
        ok = undo.undo_complete(engine, owner, entry["payload"])
    else:
        ok = undo.restore(engine, owner, entry["payload"])
    if ok:
        st.session_state["tl_flash"] = "Undone: " + entry["message"][0].lower() + entry["message"][1:]
    else:
        st.session_state["tl_flash_error"] = ("Could not undo: what it changed has changed again since "
                                              "(or was added back by an import).")
