"""The follow-up timeline: your applications, what happened, and what to do next.

Thin page: widgets, calls into followup.tracker / exports / workspace, rendering. User text
(company, role, contact, note) is shown only through inert elements (st.text, st.dataframe,
st.code, Altair tooltips) or as escaped Markdown.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import streamlit as st

from followup import tracker, workspace
from followup.plan import timing
from followup.log import exports, imports
from followup.charts import app_label, timeline_chart, timeline_default_range, timeline_rows
from followup.clock import user_today
from followup.markdown import escape

KIND_KEYS = list(tracker.KINDS)
STATUS_KEYS = list(tracker.STATUSES)
DUE_BADGE = {"overdue": "🔴 Overdue", "today": "🟠 Do it today", "upcoming": "🟢 Coming up", "unknown": "⚪ Waiting"}


def _check_region(country: str, subdivision: str) -> str | None:
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


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_spec(owner_id: str, digest: str, today: dt.date, _points: list[dict], _windows: list[dict]) -> dict:
    """The Altair chart as a Vega-Lite spec (Altair's validation is the slow part of a rerun).
    Keyed by the owner and a digest of the data (hashing the rows with Streamlit's hasher would
    cost more than it saves), so one owner's chart never reaches another."""
    return timeline_chart(_points, _windows, today).to_dict()


def _chart_spec(owner_id: str, points: list[dict], windows: list[dict], today: dt.date) -> dict:
    digest = hashlib.sha256(json.dumps([points, windows], sort_keys=True, default=str).encode()).hexdigest()
    return _cached_spec(owner_id, digest, today, points, windows)


def _when(s) -> str:
    if s.date is None:
        return ""
    if s.due == "overdue":
        return f" · was due {(s.latest or s.date):%a %b %d}"
    if s.due == "today":
        return f" · by {s.latest:%a %b %d}" if s.latest and s.latest > today else ""
    return f" · {s.date:%a %b %d}"


FIELD_NAMES = {"company": "Company", "role": "Role", "contact": "Contact", "said": "What they said",
               "country": "Country", "subdivision": "Region code", "interview": "Interview date",
               "date": "Date", "note": "Note", "kind": "Kind", "industry": "Industry"}


def _save_and_rerun(save, errors_key: str, done_message: str, clear: tuple[str, ...] = ()) -> None:
    """Run a form's save; on invalid input keep the field errors for the form to show, otherwise
    clear them (and the ``clear`` widgets) and flash ``done_message``. Then redraw the page."""
    try:
        save()
    except tracker.ValidationError as exc:
        st.session_state[errors_key] = exc.errors
    else:
        st.session_state[errors_key] = {}
        for key in clear:
            st.session_state.pop(key, None)
        st.session_state["tl_flash"] = done_message
    st.rerun()


def _field_error(errors: dict, name: str) -> None:
    if name in errors:
        st.error(f"⚠️ {FIELD_NAMES.get(name, name)} {escape(errors[name])}.")


# --- who, where, when -------------------------------------------------------------------------
secrets = workspace.st_secrets(st)
shared = workspace.is_shared(secrets=secrets)
ws = workspace.st_workspace(st, secrets)
engine = workspace.st_engine(st, secrets)
owner = ws.owner
sqlite_store = engine.dialect.name == "sqlite"
today, tz_notice = user_today(st.context.timezone)

st.title("🗂️ Follow-up timeline")
st.caption(f"Your applications, what happened, and what to do next. Today is {today:%A, %B %d, %Y}.")
if tz_notice:
    st.caption(f"🕒 {tz_notice}")
storage_notice = workspace.storage_notice(secrets=secrets)
if storage_notice:
    st.info(f"💾 {escape(storage_notice)}")
if shared and "auth" in secrets and ws.mode != "login":
    st.button("🔐 Sign in to keep your log with your account", key="tl_login", on_click=st.login)

flash = st.session_state.pop("tl_flash", None)
if flash:
    st.success(escape(flash))

log = tracker.load_log(engine, owner)
by_id = {a["id"]: a for a in log}

if ws.mode == "key" and ws.new_key:
    st.info("🔑 This is your private workspace. **Bookmark this page now**: its link is the only "
            "way back to your log. You can copy it any time under *My workspace* below.")

# --- What's next -------------------------------------------------------------------------------
steps, plans = tracker.next_steps_and_plans(log, today)

st.header("👉 What's next")
if not log:
    st.info("Nothing logged yet. **Add your first application below** (with the interview date if "
            "you had one) and your next step appears here.")
elif not steps:
    st.success("Nothing to chase right now: no active application is waiting on a step from you.")
SHOW_FIRST = 6


def _step_card(s) -> None:
    with st.container(border=True, key=f"tl_next_{s.application_id}"):
        c1, c2, c3 = st.columns([1.3, 4, 1.4], vertical_alignment="center")
        c1.markdown(f"**{DUE_BADGE[s.due]}**{_when(s)}")
        c2.markdown(f"**{escape(s.label)}** — {escape(app_label(by_id[s.application_id]))}")
        if s.why:
            c2.caption(escape(s.why))
        if s.step_kind == "log_interview":
            c3.caption("Use *Log an event* below.")
        else:
            label = {"move_on": "✅ Moved on", "interview": "✅ It happened"}.get(s.step_kind, "✅ Done today")
            if c3.button(label, key=f"tl_done_{s.application_id}_{s.step_kind}", width="stretch"):
                tracker.complete_step(engine, owner, s, today)
                st.session_state["tl_flash"] = f"Logged: {s.label} ({app_label(by_id[s.application_id])})."
                st.rerun()


for s in steps[:SHOW_FIRST]:
    _step_card(s)
if len(steps) > SHOW_FIRST:
    rest = steps[SHOW_FIRST:]
    with st.expander(f"{len(rest)} more next step(s), less urgent", key="tl_more_steps"):
        st.dataframe([{"When": f"{DUE_BADGE[s.due]}{_when(s)}", "Step": s.label,
                       "Application": app_label(by_id[s.application_id])} for s in rest[:100]],
                     hide_index=True, width="stretch", key="tl_more_table")
        if len(rest) > 100:
            st.caption(f"…and {len(rest) - 100} more: filter the timeline below, or mark the urgent ones done first.")
        by_pos = dict(enumerate(rest[:100]))
        pick = st.selectbox("Log one of these as done", list(by_pos), key="tl_more_pick",
                            format_func=lambda i: f"{by_pos[i].label} — {app_label(by_id[by_pos[i].application_id])}")
        if st.button("✅ Done today", key="tl_more_done", disabled=by_pos[pick].step_kind == "log_interview"):
            chosen = by_pos[pick]
            tracker.complete_step(engine, owner, chosen, today)
            st.session_state["tl_flash"] = f"Logged: {chosen.label} ({app_label(by_id[chosen.application_id])})."
            st.rerun()

# --- The timeline ----------------------------------------------------------------------------------
st.header("📈 Timeline")
if log:
    f1, f2 = st.columns([1, 2])
    active_only = f1.toggle("Active applications only", value=len(log) > 20, key="tl_active_only")
    earliest, *default_range = timeline_default_range(log, plans, today)
    picked = f2.date_input("Dates shown", value=tuple(default_range), min_value=earliest,
                           key="tl_range", format="YYYY-MM-DD")
    start, end = (picked if isinstance(picked, (tuple, list)) and len(picked) == 2 else default_range)
    points, windows, table = timeline_rows(log, plans, start, end, active_only=active_only,
                                           kinds=tracker.KINDS, statuses=tracker.STATUSES)
    if points or windows:
        st.vega_lite_chart(_chart_spec(owner, points, windows, today), width="stretch", key="tl_chart")
        st.caption("● filled = done · ○ hollow = planned · shaded band = the planner's recommended "
                   "follow-up window · red dashed line = today. Hover a point for its note.")
    else:
        st.caption("No events in the chosen dates.")
    # Built only when asked for: with hundreds of events the table is the costliest part of a rerun.
    if st.toggle("Show the timeline as a table (for screen readers)", key="tl_show_table"):
        st.dataframe(table, hide_index=True, width="stretch", key="tl_table")
else:
    st.caption("Your applications will appear here as rows, with each event as a point.")

def pick_application(key: str) -> int:
    return st.selectbox("Application", list(by_id), format_func=lambda i: app_label(by_id[i]), key=key)


# --- Editing -----------------------------------------------------------------------------------
st.header("✍️ Your log")
TAB_LABELS = ["➕ Add application", "📝 Log an event", "✏️ Edit or delete", "💾 Export / import",
              "🔑 My workspace" if ws.mode != "local" else "🗑️ Delete my data"]
# on_change="rerun": only the open tab's content runs (a rerun with 1,000 events stays cheap)
tabs = st.tabs(TAB_LABELS, key="tl_tabs", on_change="rerun")

with tabs[0]:
    if tabs[0].open is not False:  # lazy tabs: only the open one runs
        errors = st.session_state.get("tl_add_errors", {})
        with st.form("tl_add_app", clear_on_submit=False, enter_to_submit=False):
            company = st.text_input("Company *", key="tl_add_company", max_chars=200)
            _field_error(errors, "company")
            role = st.text_input("Role", key="tl_add_role", max_chars=200)
            _field_error(errors, "role")
            contact = st.text_input("Contact (name or email of the person you talk to)", key="tl_add_contact",
                                    max_chars=200)
            _field_error(errors, "contact")
            via = st.toggle("Through a recruitment agency", key="tl_add_via")
            applied = st.date_input("Applied on (optional)", value=None, key="tl_add_applied", format="YYYY-MM-DD")
            interview = st.date_input("Interview date (leave empty if none yet)", value=None,
                                      key="tl_add_interview", format="YYYY-MM-DD")
            _field_error(errors, "interview")
            said = st.text_input("What they said about timing (e.g. “we'll decide by Friday”)",
                                 key="tl_add_said", max_chars=500)
            _field_error(errors, "said")
            i1, i2, i3 = st.columns(3)
            inds, countries = timing.INDUSTRIES, timing.COUNTRIES
            industry = i1.selectbox("Industry", list(inds), format_func=inds.get, key="tl_add_industry")
            country = i2.selectbox("Country (for public holidays)", list(countries),
                                   index=list(countries).index("US") if "US" in countries else 0,
                                   format_func=lambda c: f"{countries[c]} ({c})", key="tl_add_country")
            subdivision = i3.text_input("State/region code (optional, e.g. CA)", key="tl_add_subdivision",
                                        max_chars=10)
            _field_error(errors, "country")
            _field_error(errors, "subdivision")
            if st.form_submit_button("➕ Add application", type="primary", key="tl_add_submit"):
                fields = {"company": company.strip(), "role": role.strip(), "contact": contact.strip(),
                          "via_agency": via, "said": said.strip(), "industry": industry,
                          "country": country.strip().upper(), "subdivision": subdivision.strip().upper()}
                errs = {}
                try:
                    tracker.clean_application(fields)
                except tracker.ValidationError as exc:
                    errs.update(exc.errors)
                region_problem = _check_region(fields["country"], fields["subdivision"])
                if region_problem:
                    errs["subdivision"] = region_problem
                if interview is not None and applied is not None and interview < applied:
                    errs["interview"] = "is before the application date"
                if errs:
                    st.session_state["tl_add_errors"] = errs
                else:
                    st.session_state["tl_add_errors"] = {}
                    first = []
                    if applied is not None:
                        first.append({"kind": "applied", "date": applied, "done": applied <= today, "note": ""})
                    if interview is not None:
                        first.append({"kind": "interview", "date": interview, "done": interview <= today, "note": ""})
                    tracker.add_application(engine, owner, events_=first, **fields)
                    for k in ("tl_add_company", "tl_add_role", "tl_add_contact", "tl_add_said", "tl_add_interview"):
                        st.session_state.pop(k, None)
                    st.session_state["tl_flash"] = f"Added {fields['company']}."
                st.rerun()

with tabs[1]:
    if tabs[1].open is not False:  # lazy tabs: only the open one runs
        if not log:
            st.caption("Add an application first.")
        else:
            errors = st.session_state.get("tl_ev_errors", {})
            with st.form("tl_add_event", enter_to_submit=False):
                app_id = pick_application("tl_ev_app")
                kind = st.selectbox("What happened (or is planned)", KIND_KEYS, format_func=tracker.KINDS.get,
                                    key="tl_ev_kind")
                date = st.date_input("Date", value=today, key="tl_ev_date", format="YYYY-MM-DD")
                _field_error(errors, "date")
                state = st.radio("Done or planned?", ["done", "planned"], horizontal=True, key="tl_ev_state",
                                 format_func={"done": "✔️ Done", "planned": "🗓️ Planned"}.get)
                note = st.text_area("Note (optional)", key="tl_ev_note", max_chars=2000, height=80)
                _field_error(errors, "note")
                if st.form_submit_button("📝 Log event", type="primary", key="tl_ev_submit"):
                    _save_and_rerun(
                        lambda: tracker.add_event(engine, owner, app_id, kind=kind, date=date,
                                                  done=state == "done", note=note),
                        "tl_ev_errors", f"Logged {tracker.KINDS[kind].lower()} for {app_label(by_id[app_id])}.",
                        clear=("tl_ev_note",))

with tabs[2]:
    if tabs[2].open is not False:  # lazy tabs: only the open one runs
        if not log:
            st.caption("Nothing to edit yet.")
        else:
            app_id = pick_application("tl_edit_app")
            app = by_id[app_id]
            errors = st.session_state.get("tl_edit_errors", {})
            with st.form(f"tl_edit_app_{app_id}", enter_to_submit=False):
                e_company = st.text_input("Company *", value=app["company"], key=f"tl_edit_company_{app_id}")
                _field_error(errors, "company")
                e_role = st.text_input("Role", value=app["role"], key=f"tl_edit_role_{app_id}")
                e_contact = st.text_input("Contact", value=app["contact"], key=f"tl_edit_contact_{app_id}")
                e_status = st.selectbox("Status", STATUS_KEYS, index=STATUS_KEYS.index(app["status"]),
                                        format_func=tracker.STATUSES.get, key=f"tl_edit_status_{app_id}")
                e_via = st.toggle("Through a recruitment agency", value=app["via_agency"], key=f"tl_edit_via_{app_id}")
                e_said = st.text_input("What they said about timing", value=app["said"], key=f"tl_edit_said_{app_id}")
                _field_error(errors, "said")
                j1, j2, j3 = st.columns(3)
                inds, countries = timing.INDUSTRIES, timing.COUNTRIES
                ind_keys = list(inds) if app["industry"] in inds else [app["industry"], *inds]
                e_industry = j1.selectbox("Industry", ind_keys, index=ind_keys.index(app["industry"]),
                                          format_func=lambda k: inds.get(k, k), key=f"tl_edit_industry_{app_id}")
                c_keys = list(countries) if app["country"] in countries else [app["country"], *countries]
                e_country = j2.selectbox("Country", c_keys, index=c_keys.index(app["country"]),
                                         format_func=lambda c: f"{countries.get(c, c)} ({c})", key=f"tl_edit_country_{app_id}")
                e_sub = j3.text_input("State/region code", value=app["subdivision"], key=f"tl_edit_sub_{app_id}",
                                      max_chars=10)
                _field_error(errors, "subdivision")
                if st.form_submit_button("💾 Save application", key=f"tl_edit_save_{app_id}"):
                    def save_application() -> None:
                        region_problem = _check_region(e_country, e_sub.strip().upper())
                        if region_problem:
                            raise tracker.ValidationError({"subdivision": region_problem})
                        tracker.update_application(engine, owner, app_id, company=e_company.strip(),
                                                   role=e_role.strip(), contact=e_contact.strip(), status=e_status,
                                                   via_agency=e_via, said=e_said.strip(), industry=e_industry,
                                                   country=e_country, subdivision=e_sub.strip().upper())
                    _save_and_rerun(save_application, "tl_edit_errors", "Saved.")
            with st.popover("🗑️ Delete this application…", key=f"tl_del_app_pop_{app_id}"):
                st.text(f"Delete {app_label(app)} and its {len(app['events'])} event(s)?")
                if st.button("Yes, delete it", type="primary", key=f"tl_del_app_{app_id}"):
                    tracker.delete_application(engine, owner, app_id)
                    st.session_state["tl_flash"] = "Application deleted."
                    st.rerun()

            st.subheader("Events of this application")
            if not app["events"]:
                st.caption("No events yet.")
            else:
                evs = {e["id"]: e for e in app["events"]}
                ev_id = st.selectbox(
                    "Event", list(evs), key=f"tl_edit_ev_{app_id}",
                    format_func=lambda i: f"{evs[i]['date']:%Y-%m-%d} · {tracker.KINDS[evs[i]['kind']]} · "
                                          f"{'done' if evs[i]['done'] else 'planned'}")
                ev = evs[ev_id]
                with st.form(f"tl_edit_event_{ev_id}", enter_to_submit=False):
                    x_kind = st.selectbox("What", KIND_KEYS, index=KIND_KEYS.index(ev["kind"]),
                                          format_func=tracker.KINDS.get, key=f"tl_edit_ev_kind_{ev_id}")
                    x_date = st.date_input("Date", value=ev["date"], key=f"tl_edit_ev_date_{ev_id}", format="YYYY-MM-DD")
                    x_done = st.toggle("Done", value=ev["done"], key=f"tl_edit_ev_done_{ev_id}")
                    x_note = st.text_area("Note", value=ev["note"], key=f"tl_edit_ev_note_{ev_id}", height=80)
                    _field_error(st.session_state.get("tl_edit_ev_errors", {}), "note")
                    if st.form_submit_button("💾 Save event", key=f"tl_edit_ev_save_{ev_id}"):
                        _save_and_rerun(
                            lambda: tracker.update_event(engine, owner, ev_id, kind=x_kind, date=x_date,
                                                         done=x_done, note=x_note),
                            "tl_edit_ev_errors", "Event saved.")
                if st.button("🗑️ Delete this event", key=f"tl_del_ev_{ev_id}"):
                    tracker.delete_event(engine, owner, ev_id)
                    st.session_state["tl_flash"] = "Event deleted."
                    st.rerun()

with tabs[3]:
    if tabs[3].open is not False:  # lazy tabs: only the open one runs
        st.subheader("Export")
        if shared and sqlite_store:
            st.warning("⚠️ This shared server keeps your log in a local file that the host may erase at "
                       "any time (for example when the app restarts). Download a JSON backup regularly.")
        d1, d2, d3 = st.columns(3)
        # Deferred downloads: the file is built from this owner's log when the button is clicked.
        d1.download_button("⬇️ Spreadsheet (CSV)", lambda: exports.to_csv(tracker.load_log(engine, owner)),
                           "followup-timeline.csv", "text/csv", key="tl_export_csv", disabled=not log, width="stretch")
        d2.download_button("⬇️ Backup (JSON)", lambda: exports.to_json(tracker.load_log(engine, owner)),
                           "followup-timeline.json", "application/json", key="tl_export_json", disabled=not log,
                           width="stretch")
        d3.download_button("⬇️ Planned steps (.ics)", lambda: exports.to_ics(tracker.load_log(engine, owner)),
                           "followup-planned.ics", "text/calendar", key="tl_export_ics", disabled=not log,
                           width="stretch")
        st.caption("CSV opens in a spreadsheet (cells that would run as formulas get a leading ' and lose it "
                   "again on import). JSON is the complete backup. The calendar file has your planned steps.")
        st.subheader("Import")
        upload = st.file_uploader("A CSV or JSON file exported from this app (at most 2 MB, 10,000 rows)",
                                  type=["csv", "json"], key="tl_import_file")
        if upload is not None:
            result = imports.parse_upload(upload.name, upload.getvalue())
            if result.errors:
                st.error("Nothing was imported. Fix these and upload again:")
                st.code("\n".join(result.errors), language=None, wrap_lines=True)
            else:
                n_apps = len(result.log)
                n_events = sum(len(a["events"]) for a in result.log)
                st.text(f"Preview: {n_apps} application(s) and {n_events} event(s). "
                        "Rows already in your log will be skipped.")
                st.dataframe(imports.preview_rows(result.log), hide_index=True, width="stretch", key="tl_import_preview")
                if st.button("📥 Import all", type="primary", key="tl_import_go"):
                    try:
                        rep = tracker.import_log(engine, owner, result.log)
                    except Exception:
                        st.error("The import failed and nothing was stored. Please try again.")
                    else:
                        st.session_state["tl_flash"] = (
                            f"Imported {rep.applications_added} application(s) and {rep.events_added} event(s); "
                            f"skipped {rep.applications_skipped + rep.events_skipped} already there.")
                        st.rerun()

with tabs[4]:
    if tabs[4].open is not False:  # lazy tabs: only the open one runs
        if ws.mode == "key":
            st.markdown("**🔗 Your private link.** Anyone with it can see and change this log, so keep it "
                        "like a password. Bookmark it, or copy it with the button at the right of the box:")
            base = (st.context.url or "").split("?", 1)[0]
            st.code(f"{base}?key={ws.key}", language=None)
        elif ws.mode == "login":
            st.caption("Your log belongs to the account you are signed in with.")
        else:
            st.caption("This log is stored on this computer only.")
        with st.popover("🗑️ Delete my workspace and all its data…", key="tl_delete_ws_pop"):
            st.write(f"This deletes all {len(log)} application(s) and their events. It cannot be undone.")
            sure = st.checkbox("I understand, delete everything", key="tl_delete_ws_sure")
            if st.button("Delete everything", type="primary", disabled=not sure, key="tl_delete_ws"):
                tracker.delete_workspace(engine, owner)
                if ws.mode == "key":
                    workspace.st_forget_key(st)
                st.session_state["tl_flash"] = "Your workspace and all its data are deleted."
                st.rerun()
