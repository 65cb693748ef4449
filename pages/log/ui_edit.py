"""The timeline's "✏️ Edit" tab: an application's fields, its events, deleting either."""
from __future__ import annotations

import streamlit as st

from followup import tracker
from followup.charts import app_label
from followup.dates import current_style, fmt_date, input_format, keep_style
from followup.log import undo
from followup.plan import timing

from pages.log import ui_print, ui_undo
from pages.log.ui_common import (KIND_KEYS, STATUS_KEYS, Ctx, check_region, field_error, other_errors,
                                  pick_application, save)

LIMIT = tracker.MAX_TEXT  # the same limits as the add form's boxes (the engine's own)


def edit_or_delete(ctx: Ctx) -> None:
    if not ctx.log:
        st.caption("Nothing to edit yet.")
    else:
        app_id = pick_application(ctx, "tl_edit_app")
        app = ctx.by_id[app_id]
        errors = st.session_state.get("tl_edit_errors", {})
        with st.form(f"tl_edit_app_{app_id}", enter_to_submit=False):
            st.text_input("Company *", value=app["company"], key=f"tl_edit_company_{app_id}",
                          max_chars=LIMIT["company"])
            field_error(errors, "company")
            st.text_input("Role", value=app["role"], key=f"tl_edit_role_{app_id}", max_chars=LIMIT["role"])
            field_error(errors, "role")
            st.text_input("Contact", value=app["contact"], key=f"tl_edit_contact_{app_id}", max_chars=LIMIT["contact"])
            field_error(errors, "contact")
            seen = f"tl_edit_status_seen_{app_id}"  # the box follows a status changed elsewhere (a deleted
            if st.session_state.get(seen, app["status"]) != app["status"]:  # outcome, Undo, Done...), so a
                st.session_state[f"tl_edit_status_{app_id}"] = app["status"]  # save cannot put the old one back
            st.session_state[seen] = app["status"]
            st.selectbox("Status", STATUS_KEYS, index=STATUS_KEYS.index(app["status"]),
                         format_func=tracker.STATUSES.get, key=f"tl_edit_status_{app_id}")
            st.toggle("Through a recruitment agency", value=app["via_agency"], key=f"tl_edit_via_{app_id}")
            st.text_input("What they said about timing", value=app["said"], key=f"tl_edit_said_{app_id}",
                          max_chars=LIMIT["said"])
            field_error(errors, "said")
            j1, j2, j3 = st.columns(3)
            inds, countries = timing.INDUSTRIES, timing.COUNTRIES
            ind_keys = list(inds) if app["industry"] in inds else [app["industry"], *inds]
            j1.selectbox("Industry", ind_keys, index=ind_keys.index(app["industry"]),
                         format_func=lambda k: inds.get(k, k), key=f"tl_edit_industry_{app_id}")
            c_keys = list(countries) if app["country"] in countries else [app["country"], *countries]
            j2.selectbox("Country", c_keys, index=c_keys.index(app["country"]),
                         format_func=timing.country_label, key=f"tl_edit_country_{app_id}")
            j3.text_input("State/region code", value=app["subdivision"], key=f"tl_edit_sub_{app_id}", max_chars=10)
            other_errors(errors, ("company", "role", "contact", "said"))  # every other the engine found
            st.form_submit_button("💾 Save application", key=f"tl_edit_save_{app_id}",
                                  on_click=keep_style(_save_application), args=(ctx, app_id))
        ui_print.print_button(st, ctx, app_id, key=f"tl_edit_pdf_{app_id}")
        with st.popover("🗑️ Delete this application…", key=f"tl_del_app_pop_{app_id}"):
            st.text(f"Delete {app_label(app)} and its {len(app['events'])} event(s)?")
            st.button("Yes, delete it", type="primary", key=f"tl_del_app_{app_id}",
                      on_click=keep_style(_delete_application), args=(ctx, app_id))

        st.subheader("Events of this application")
        ui_undo.show(ctx.engine, ctx.owner, near="edit_event")  # a deleted event's Undo, where it was deleted
        if not app["events"]:
            st.caption("No events yet.")
        else:
            evs = {e["id"]: e for e in app["events"]}
            ev_id = st.selectbox(
                "Event", list(evs), key=f"tl_edit_ev_{app_id}",
                format_func=lambda i, style=current_style(): f"{fmt_date(evs[i]['date'], style)} · {tracker.KINDS[evs[i]['kind']]} · "
                                      f"{'done' if evs[i]['done'] else 'planned'}")
            ev = evs[ev_id]
            with st.form(f"tl_edit_event_{ev_id}", enter_to_submit=False):
                st.selectbox("What", KIND_KEYS, index=KIND_KEYS.index(ev["kind"]),
                             format_func=tracker.KINDS.get, key=f"tl_edit_ev_kind_{ev_id}")
                st.date_input("Date", value=ev["date"], key=f"tl_edit_ev_date_{ev_id}", format=input_format())
                ev_errors = st.session_state.get("tl_edit_ev_errors", {})
                field_error(ev_errors, "date")
                st.toggle("Done", value=ev["done"], key=f"tl_edit_ev_done_{ev_id}")
                st.text_area("Note", value=ev["note"], key=f"tl_edit_ev_note_{ev_id}", height=80,
                             max_chars=LIMIT["note"])
                other_errors(ev_errors, ("date",))
                st.form_submit_button("💾 Save event", key=f"tl_edit_ev_save_{ev_id}",
                                      on_click=keep_style(_save_event), args=(ctx, ev_id))
            with st.popover("🗑️ Delete this event…", key=f"tl_del_ev_pop_{ev_id}"):  # asks first
                st.text(f"Delete the {tracker.KINDS[ev['kind']].lower()} of {fmt_date(ev['date'])} "
                        f"from {app_label(app)}?")
                st.button("Yes, delete it", type="primary", key=f"tl_del_ev_{ev_id}", on_click=keep_style(_delete_event),
                          args=(ctx, ev_id))


# --- the callbacks: each saves before the page runs, so one click runs the page once -------------
def _save_application(ctx: Ctx, app_id: int) -> None:
    ss = st.session_state
    country, sub = ss[f"tl_edit_country_{app_id}"], ss[f"tl_edit_sub_{app_id}"].strip().upper()

    def save_application() -> None:
        region_problem = check_region(country, sub)
        if region_problem:
            raise tracker.ValidationError({"subdivision": region_problem})
        tracker.update_application(
            ctx.engine, ctx.owner, app_id, company=ss[f"tl_edit_company_{app_id}"].strip(),
            role=ss[f"tl_edit_role_{app_id}"].strip(), contact=ss[f"tl_edit_contact_{app_id}"].strip(),
            status=ss[f"tl_edit_status_{app_id}"], via_agency=ss[f"tl_edit_via_{app_id}"],
            said=ss[f"tl_edit_said_{app_id}"].strip(), industry=ss[f"tl_edit_industry_{app_id}"],
            country=country, subdivision=sub)
    save(save_application, "tl_edit_errors", "Saved.")


def _delete_application(ctx: Ctx, app_id: int) -> None:
    app = ctx.by_id[app_id]
    snapshot = undo.delete_application(ctx.engine, ctx.owner, app_id)  # kept for Undo
    ui_undo.offer(ctx, f"Deleted {app_label(app)} and its {len(app['events'])} event(s).", "restore", snapshot)


def _save_event(ctx: Ctx, ev_id: int) -> None:
    ss = st.session_state
    save(lambda: tracker.update_event(ctx.engine, ctx.owner, ev_id, kind=ss[f"tl_edit_ev_kind_{ev_id}"],
                                      date=ss[f"tl_edit_ev_date_{ev_id}"], done=ss[f"tl_edit_ev_done_{ev_id}"],
                                      note=ss[f"tl_edit_ev_note_{ev_id}"], today=ctx.today),
         "tl_edit_ev_errors", "Event saved.")


def _delete_event(ctx: Ctx, ev_id: int) -> None:
    snapshot = undo.delete_event(ctx.engine, ctx.owner, ev_id)  # kept for Undo
    if snapshot:
        (ev,) = snapshot["events"]
        app = ctx.by_id.get(ev["application_id"], {"company": "", "role": ""})
        what = f"the event {tracker.KINDS[ev['kind']].lower()} of {fmt_date(ev['date'])} ({app_label(app)})."
        before, after = snapshot.get("status_before"), snapshot.get("status_after")  # set when it reopened
        status = tracker.STATUSES
        ui_undo.offer(ctx, f"Deleted {what}" + (f" The application is open again: {status[after].lower()}." if before else ""),
                      "restore", snapshot, near="edit_event",
                      undone=f"Undone: deleted {what}" + (f" The application is closed again: {status[before].lower()}."
                                                           if before else ""))
