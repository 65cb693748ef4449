"""The follow-up timeline: your applications, what happened, and what to do next.

Thin page: who and when, one read of the owner's log, then its parts (page-local modules beside
this file: ui_next, ui_chart, ui_forms, ui_edit, ui_backup). User text (company, role, contact,
note) is shown only through inert elements (st.text, st.dataframe, st.code, Altair tooltips) or
as escaped Markdown.
"""
from __future__ import annotations

import streamlit as st

from followup import tracker, workspace
from followup.clock import user_today
from followup.dates import current_style, fmt_long
from followup.log.snapshot import snapshot
from followup.markdown import escape

from pages import frame
from pages.log import ui_activity, ui_backup, ui_chart, ui_edit, ui_forms, ui_next, ui_undo
from pages.log.ui_common import Ctx

# --- who, where, when -------------------------------------------------------------------------
secrets = workspace.st_secrets(st)
# The only page whose address holds the key. After a switch from another page the browser briefly
# keeps that page's path, and a key written now would land on it (/write?key=...) in the history:
# then the key goes into the address a moment later, by a timer fragment, once the path is this page's.
switched = bool(st.session_state.get("app_switched"))
ws = workspace.st_workspace(st, secrets, address=True, write_address=not switched)


@frame.fragment(run_every=0.4)
def key_to_address(key: str) -> None:
    if st.session_state.get("tl_key_later") == "armed":  # its first run is part of this page's run
        st.session_state["tl_key_later"] = "waiting"
        return
    st.session_state.pop("tl_key_later", None)
    st.query_params["key"] = key
    st.rerun()  # a full run without this fragment stops its timer


if ws.mode == "key" and switched and st.query_params.get("key") != ws.key:
    st.session_state["tl_key_later"] = "armed"
    key_to_address(ws.key)
shared = ws.mode != "local"  # a server others reach (or shared mode): the local user is not here
engine = workspace.st_engine(st, secrets)
today, tz_notice = user_today(st.context.timezone)

st.title("🗂️ Follow-up timeline")
st.caption(f"Your applications, what happened, and what to do next. Today is {fmt_long(today)}.")
st.markdown("[➕ Add an application or log an event](#your-log)")  # skips the cards and the chart
if tz_notice:
    st.caption(f"🕒 {tz_notice}")
storage_notice = workspace.storage_notice(secrets=secrets)
if storage_notice:
    st.info(f"💾 {escape(storage_notice)}")
if shared and "auth" in secrets and ws.mode != "login":
    st.button("🔐 Sign in to keep your log with your account", key="tl_login", on_click=st.login)

flash = st.session_state.pop("tl_flash", None)
if flash:
    st.session_state.pop("tl_undo", None)  # another action since: its Undo is no longer offered
    st.success(escape(flash))
if flash_error := st.session_state.pop("tl_flash_error", None):
    st.error(f"⚠️ {escape(flash_error)}")
# "Undo" after Done, deleting an event or an application: before the log is read again, so that the
# confirmation is on screen while the rest of the page is still being redrawn
ui_undo.show(engine, ws.owner)

# One read of a number per rerun; the log itself only when it has changed (followup.log.snapshot)
snap = snapshot(engine, ws.owner)
log = snap.log
ctx = Ctx(engine=engine, owner=ws.owner, ws=ws, secrets=secrets, shared=shared, today=today, log=log,
          by_id=snap.by_id, snap=snap)

if ws.notice:
    st.warning(f"🔑 {ws.notice}")
if ws.mode == "key" and ws.new_key:
    st.info("🔑 This is your private workspace. **Bookmark this page now**: its link is the only "
            "way back to your log. You can copy it any time under *💾 My data* below.")

# memoised for this version of the log, day and date style (the steps' texts hold dates)
steps, plans = snap.memo(("next", today, current_style()),
                         lambda: tracker.next_steps_and_plans(log, today))
ui_next.whats_next(ctx, steps)
ui_chart.timeline(ctx, plans)

# --- Editing -----------------------------------------------------------------------------------
st.header("✍️ Your log", anchor="your-log")
# Four short labels: the tab bar fits a phone's width (390 px) without a scroll arrow.
TABS = {"➕ Add": ui_forms.add_application, "📝 Log event": ui_forms.log_event,
        "✏️ Edit": ui_edit.edit_or_delete, "💾 My data": ui_backup.my_data}
# on_change="rerun": only the open tab's content runs (a rerun with 1,000 events stays cheap)
tabs = st.tabs(list(TABS), key="tl_tabs", on_change="rerun")
for tab, draw in zip(tabs, TABS.values()):
    with tab:
        if tab.open is not False:  # lazy tabs: only the open one runs
            draw(ctx)

# --- The record a benefits office asks for (issue 15): its own section, so the tab bar stays short ---
report = st.expander("🧾 Job-search activity report (the record a benefits office asks for)", key="tl_report",
                     on_change="rerun")
with report:
    if report.open is not False:  # lazy: it runs only when open
        ui_activity.activity_report(ctx)
