"""The timeline's backup and privacy tabs: export, import (all or nothing), the private link,
deleting the whole workspace."""
from __future__ import annotations

import logging

import streamlit as st

from followup import qr, tracker, workspace
from followup.log import exports, failures, imports
from followup.dates import keep_style

from pages.log.ui_common import Ctx, flash, room_left

LOG = logging.getLogger("followup.pages.timeline")


def export_import(ctx: Ctx) -> None:
    st.subheader("Export")
    if ctx.shared and ctx.sqlite_store:
        st.warning("⚠️ This shared server keeps your log in a local file that the host may erase at "
                   "any time (for example when the app restarts). Download a JSON backup regularly.")
    d1, d2, d3 = st.columns(3)
    # Deferred downloads: the file is built from this owner's log when the button is clicked.
    d1.download_button("⬇️ Spreadsheet (CSV)", keep_style(lambda: exports.to_csv(tracker.load_log(ctx.engine, ctx.owner))),
                       "followup-timeline.csv", "text/csv", key="tl_export_csv", disabled=not ctx.log, width="stretch")
    d2.download_button("⬇️ Backup (JSON)", keep_style(lambda: exports.to_json(tracker.load_log(ctx.engine, ctx.owner))),
                       "followup-timeline.json", "application/json", key="tl_export_json", disabled=not ctx.log,
                       width="stretch")
    d3.download_button("⬇️ Planned steps (.ics)",
                       keep_style(lambda: exports.to_ics(tracker.load_log(ctx.engine, ctx.owner), today=ctx.today)),
                       "followup-planned.ics", "text/calendar", key="tl_export_ics", disabled=not ctx.log,
                       width="stretch")
    st.caption("CSV opens in a spreadsheet (cells that would run as formulas get a leading ' and lose it "
               "again on import). JSON is the complete backup. The calendar file has what is still to do, "
               "with a reminder on each step to come; importing it again updates the same events.")
    if ctx.ws.mode == "local":
        st.markdown(MOVE_FROM_LOCAL)
    st.subheader("Import")
    if room := room_left(ctx):
        st.caption(room)
    upload = st.file_uploader("A CSV or JSON file exported from this app (at most 2 MB, 10,000 rows)",
                              type=["csv", "json"], key="tl_import_file")
    if upload is None:
        st.session_state.pop(imports.PARSED_KEY, None)
    else:  # parsed once per uploaded file, not again on every rerun while it sits here
        result = imports.parse_upload_once(st.session_state, upload.file_id, upload.name, upload.getvalue,
                                           today=ctx.today)
        if result.errors:
            st.error("Nothing was imported. Fix these and upload again:")
            st.code("\n".join(result.errors), language=None, wrap_lines=True)
        else:
            n_apps = len(result.log)
            n_events = sum(len(a["events"]) for a in result.log)
            st.text(f"Preview: {n_apps} application(s) and {n_events} event(s). "
                    "Rows already in your log will be skipped.")
            st.dataframe(imports.preview_rows(result.log), hide_index=True, width="stretch", key="tl_import_preview")
            st.button("📥 Import all", type="primary", key="tl_import_go", on_click=keep_style(_import), args=(ctx, result.log))
            if problem := st.session_state.pop("tl_import_error", None):
                st.error(problem)


def _import(ctx: Ctx, log: list[dict]) -> None:
    """The import button's callback: store, then flash (one run per click); a refusal or a failure
    is shown under the button."""
    try:
        rep = tracker.import_log(ctx.engine, ctx.owner, log)
    except tracker.RowLimitError as exc:
        st.session_state["tl_import_error"] = f"Nothing was imported: your log {exc.errors['log']}."
    except Exception:  # noqa: BLE001 - logged on the server; the visitor gets a plain sentence
        failures.log_failure(LOG, "importing a log")
        st.session_state["tl_import_error"] = "The import failed and nothing was stored. Please try again."
    else:
        flash(f"Imported {rep.applications_added} application(s) and {rep.events_added} event(s); "
              f"skipped {rep.applications_skipped + rep.events_skipped} already there.")


MOVE_FROM_LOCAL = (
    "**Taking this log to a shared deployment** (say, to use it on your phone): download the "
    "*Backup (JSON)* above, open the timeline of the shared deployment, import the file there under "
    "*💾 My data → Import*, and bookmark the private link it gives you. **Bringing it back**: download the "
    "JSON backup there and import it here; entries already here are skipped.")
MOVE_TO_LOCAL = ("To keep this log on your own computer instead, download the *Backup (JSON)* above and "
                 "import it into the app run there with `./run.sh`.")


def private_link(ctx: Ctx) -> str:
    """This workspace's own private link: the timeline's address with its key (never a plan link)."""
    base = (st.context.url or "").split("?", 1)[0]
    return f"{base}?key={ctx.ws.key}"


def my_data(ctx: Ctx) -> None:
    """The "My data" tab: export, import, where the log is kept, deleting all of it (one tab, so that
    the tab bar fits a phone's width)."""
    export_import(ctx)
    my_workspace(ctx)


def my_workspace(ctx: Ctx) -> None:
    st.subheader("Your workspace")
    if ctx.ws.mode == "key":
        st.markdown("**🔗 Your private link.** The link is the key: anyone who has it can see and change "
                    "this log, so keep it like a password. Bookmark it, or copy it with the button at the "
                    "right of the box:")
        link = private_link(ctx)
        st.code(link, language=None, wrap_lines=True)  # no sideways scroll box
        if st.toggle("📱 Show it as a QR code, to open this log on my phone", key="tl_ws_qr"):
            st.image(qr.png(link, scale=6), width=240, output_format="PNG",
                     caption="Your private link as a QR code: scan it with your phone's camera. "
                             "Anyone who scans it can open your log.")
        st.caption(MOVE_TO_LOCAL)
    elif ctx.ws.mode == "login":
        st.caption("Your log belongs to the account you are signed in with.")
    else:
        st.caption("This log is stored on this computer only: you are using the app on the machine it "
                   "runs on, so no link or sign-in is needed.")
    with st.popover("🗑️ Delete my workspace and all its data…", key="tl_delete_ws_pop"):
        st.write(f"This deletes all {len(ctx.log)} application(s), their events and note drafts, and your "
                 "workshop answers (and what you shared in a workshop room). It cannot be undone.")
        sure = st.checkbox("I understand, delete everything", key="tl_delete_ws_sure")
        st.button("Delete everything", type="primary", disabled=not sure, key="tl_delete_ws",
                  on_click=keep_style(_delete_workspace), args=(ctx,))


def _delete_workspace(ctx: Ctx) -> None:
    tracker.delete_workspace(ctx.engine, ctx.owner)
    if ctx.ws.mode == "key":
        workspace.st_forget_key(st)
    flash("Your workspace and all its data are deleted.")
