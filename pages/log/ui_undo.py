"""The timeline's "Undo": after "Done", deleting an event or deleting an application, the message
at the top of the page has an Undo button that puts back exactly what changed (followup.log.undo).
Page-local UI code; the undo itself is owner-scoped in the engine."""
from __future__ import annotations

import streamlit as st

from followup.log import undo
from followup.markdown import escape
from followup.dates import keep_style

from pages.log.ui_common import Ctx


def offer(ctx: Ctx, message: str, kind: str, payload, near: str | None = None, undone: str | None = None) -> None:
    """After an action: say what was done, with an Undo button until the next action or Undo (at the
    top of the page, and also where the action was, ``near``, if given: see :func:`show`)."""
    st.session_state.pop("tl_flash", None)
    st.session_state["tl_undo"] = {"owner": ctx.owner, "message": message, "kind": kind, "payload": payload,
                                   "near": near, "undone": undone}  # undone: the message after Undo, if not
    # "Undone: " + the message (which may say what the action did besides, e.g. reopened an application)


def show(engine, owner: str, near: str | None = None) -> None:
    """The message with Undo. It needs only the store and the owner, so the page shows it before it
    reads the changed log: the confirmation reaches the screen before the rest of the page is redrawn.
    With ``near``, the same message and Undo beside a form (the Edit tab, which a phone shows without the
    top of the page), only for an action made there."""
    entry = st.session_state.get("tl_undo")
    if not entry or entry.get("owner") != owner:  # another workspace's undo is never offered here
        return
    if near is not None and entry.get("near") != near:
        return
    end = f"_{near}" if near else ""
    with st.container(key=f"tl_undo_box{end}"):
        c1, c2, c3 = st.columns([6, 1.2, 0.8], vertical_alignment="center")
        c1.success(escape(entry["message"]))
        c2.button("↩️ Undo", key=f"tl_undo_btn{end}", on_click=keep_style(_undo), args=(engine, owner),
                  width="stretch", help="Put back exactly what this changed.")
        c3.button("✖", key=f"tl_undo_close{end}", on_click=keep_style(lambda: st.session_state.pop("tl_undo", None)),
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
        st.session_state["tl_flash"] = entry.get("undone") or "Undone: " + entry["message"][0].lower() + entry["message"][1:]
    else:
        st.session_state["tl_flash_error"] = ("Could not undo: what it changed has changed again since "
                                              "(or was added back by an import).")
