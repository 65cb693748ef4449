"""The timeline's "Edit or delete" tab: an application's fields, its events, deleting either."""
from __future__ import annotations

import streamlit as st

from followup import tracker
from followup.charts import app_label
from followup.plan import timing

from pages.log import ui_print
from pages.log.ui_common import KIND_KEYS, STATUS_KEYS, Ctx, check_region, field_error, pick_application, save_and_rerun


def edit_or_delete(ctx: Ctx) -> None:
    if not ctx.log:
        st.caption("Nothing to edit yet.")
    else:
        app_id = pick_application(ctx, "tl_edit_app")
        app = ctx.by_id[app_id]
        errors = st.session_state.get("tl_edit_errors", {})
        with st.form(f"tl_edit_app_{app_id}", enter_to_submit=False):
            e_company = st.text_input("Company *", value=app["company"], key=f"tl_edit_company_{app_id}")
            field_error(errors, "company")
            e_role = st.text_input("Role", value=app["role"], key=f"tl_edit_role_{app_id}")
            e_contact = st.text_input("Contact", value=app["contact"], key=f"tl_edit_contact_{app_id}")
            e_status = st.selectbox("Status", STATUS_KEYS, index=STATUS_KEYS.index(app["status"]),
                                    format_func=tracker.STATUSES.get, key=f"tl_edit_status_{app_id}")
            e_via = st.toggle("Through a recruitment agency", value=app["via_agency"], key=f"tl_edit_via_{app_id}")
            e_said = st.text_input("What they said about timing", value=app["said"], key=f"tl_edit_said_{app_id}")
            field_error(errors, "said")
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
            field_error(errors, "subdivision")
            if st.form_submit_button("💾 Save application", key=f"tl_edit_save_{app_id}"):
                def save_application() -> None:
                    region_problem = check_region(e_country, e_sub.strip().upper())
                    if region_problem:
                        raise tracker.ValidationError({"subdivision": region_problem})
                    tracker.update_application(ctx.engine, ctx.owner, app_id, company=e_company.strip(),
                                               role=e_role.strip(), contact=e_contact.strip(), status=e_status,
                                               via_agency=e_via, said=e_said.strip(), industry=e_industry,
                                               country=e_country, subdivision=e_sub.strip().upper())
                save_and_rerun(save_application, "tl_edit_errors", "Saved.")
        ui_print.print_button(st, ctx, app_id, key=f"tl_edit_pdf_{app_id}")
        with st.popover("🗑️ Delete this application…", key=f"tl_del_app_pop_{app_id}"):
            st.text(f"Delete {app_label(app)} and its {len(app['events'])} event(s)?")
            if st.button("Yes, delete it", type="primary", key=f"tl_del_app_{app_id}"):
                tracker.delete_application(ctx.engine, ctx.owner, app_id)
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
                field_error(st.session_state.get("tl_edit_ev_errors", {}), "note")
                if st.form_submit_button("💾 Save event", key=f"tl_edit_ev_save_{ev_id}"):
                    save_and_rerun(
                        lambda: tracker.update_event(ctx.engine, ctx.owner, ev_id, kind=x_kind, date=x_date,
                                                     done=x_done, note=x_note),
                        "tl_edit_ev_errors", "Event saved.")
            if st.button("🗑️ Delete this event", key=f"tl_del_ev_{ev_id}"):
                tracker.delete_event(ctx.engine, ctx.owner, ev_id)
                st.session_state["tl_flash"] = "Event deleted."
                st.rerun()
