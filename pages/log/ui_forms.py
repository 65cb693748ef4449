"""The timeline's two adding forms: a new application, and an event of one."""
from __future__ import annotations

import streamlit as st

from followup import tracker
from followup.charts import app_label
from followup.dates import country_from_locale, input_format, keep_style
from followup.markdown import escape
from followup.plan import timing

from pages.log.ui_common import (KIND_KEYS, Ctx, check_region, field_error, flash, other_errors, pick_application,
                                  save)


def add_application(ctx: Ctx) -> None:
    errors = st.session_state.get("tl_add_errors", {})
    with st.form("tl_add_app", clear_on_submit=False, enter_to_submit=False):
        st.text_input("Company *", key="tl_add_company", max_chars=200)
        field_error(errors, "company")
        st.text_input("Role", key="tl_add_role", max_chars=200)
        field_error(errors, "role")
        st.text_input("Contact (name or email of the person you talk to)", key="tl_add_contact", max_chars=200)
        field_error(errors, "contact")
        st.date_input("Applied on (optional)", value=None, key="tl_add_applied", format=input_format())
        st.date_input("Interview date (leave empty if none yet)", value=None, key="tl_add_interview",
                      format=input_format())
        field_error(errors, "interview")
        st.text_input("What they said about timing (e.g. “we'll decide by Friday”)", key="tl_add_said",
                      max_chars=500)
        field_error(errors, "said")
        # In a popover: the browser draws its widgets only while it is open, and a country list of 250
        # names is a quarter of what it redraws on every click elsewhere on the page (README, Benchmarks)
        with st.popover("⚙️ Industry, country (for holidays) and agency", width="stretch"):
            inds, countries = timing.INDUSTRIES, timing.COUNTRIES
            st.selectbox("Industry", list(inds), format_func=inds.get, key="tl_add_industry")
            st.selectbox("Country (for public holidays)", list(countries),
                         index=list(countries).index(country_from_locale(st.context.locale)),
                         format_func=timing.country_label, key="tl_add_country")
            st.text_input("State/region code (optional, e.g. CA)", key="tl_add_subdivision", max_chars=10)
            st.toggle("Through a recruitment agency", key="tl_add_via")
        other_errors(errors, ("company", "role", "contact", "interview", "said", "twin"))  # none is silent
        if "twin" in errors:  # the same company and role was just added: a double click, or really a second?
            st.warning(f"⚠️ {escape(errors['twin'])}")
            st.checkbox("Yes, add a second one", key="tl_add_again")
        st.form_submit_button("➕ Add application", type="primary", key="tl_add_submit",
                              on_click=keep_style(_save_application), args=(ctx,))
    if done := st.session_state.pop("tl_add_done", None):  # where the user is (a phone shows only the form)
        st.container(key="tl_add_done").success(escape(done))


def _save_application(ctx: Ctx) -> None:
    """The add form's callback: validate, store, clear the form, flash (one run per click)."""
    ss = st.session_state
    applied, interview = ss["tl_add_applied"], ss["tl_add_interview"]
    fields = {"company": ss["tl_add_company"].strip(), "role": ss["tl_add_role"].strip(),
              "contact": ss["tl_add_contact"].strip(), "via_agency": ss["tl_add_via"],
              "said": ss["tl_add_said"].strip(), "industry": ss["tl_add_industry"],
              "country": ss["tl_add_country"].strip().upper(), "subdivision": ss["tl_add_subdivision"].strip().upper()}
    errs = {}
    try:
        tracker.clean_application(fields)
    except tracker.ValidationError as exc:
        errs.update(exc.errors)
    region_problem = check_region(fields["country"], fields["subdivision"])
    if region_problem:
        errs["subdivision"] = region_problem
    if interview is not None and applied is not None and interview < applied:
        errs["interview"] = "is before the application date"
    if not errs and not ss.get("tl_add_again") and tracker.added_lately(
            ctx.engine, ctx.owner, fields["company"], fields["role"]):
        who = fields["company"] + (f" – {fields['role']}" if fields["role"] else "")
        errs["twin"] = (f"You added {who} a few minutes ago. Nothing was added now. To add a second "
                        "application with the same company and role, tick the box and add it again.")
    ss["tl_add_errors"] = errs
    if errs:
        return
    first = []
    if applied is not None:
        first.append({"kind": "applied", "date": applied, "done": applied <= ctx.today, "note": ""})
    if interview is not None:
        first.append({"kind": "interview", "date": interview, "done": interview <= ctx.today, "note": ""})
    try:
        tracker.add_application(ctx.engine, ctx.owner, events_=first, **fields)
    except tracker.RowLimitError as exc:
        ss["tl_add_errors"] = exc.errors
        return
    # Set, not removed: a removed widget state is not sent to the browser, which kept showing the
    # old values (and sent them again with the next click: a duplicate). Country and industry stay.
    ss.update({"tl_add_company": "", "tl_add_role": "", "tl_add_contact": "", "tl_add_said": "",
               "tl_add_applied": None, "tl_add_interview": None, "tl_add_via": False, "tl_add_again": False})
    flash(f"Added {fields['company']}.")
    ss["tl_add_done"] = f"Added {fields['company']}. The form is empty for the next one."


def log_event(ctx: Ctx) -> None:
    if not ctx.log:
        st.caption("Add an application first.")
    else:
        errors = st.session_state.get("tl_ev_errors", {})
        with st.form("tl_add_event", enter_to_submit=False):
            pick_application(ctx, "tl_ev_app")
            st.selectbox("What happened (or is planned)", KIND_KEYS, format_func=tracker.KINDS.get, key="tl_ev_kind")
            st.date_input("Date", value=ctx.today, key="tl_ev_date", format=input_format())
            field_error(errors, "date")
            st.radio("Done or planned?", ["done", "planned"], horizontal=True, key="tl_ev_state",
                     format_func={"done": "✔️ Done", "planned": "🗓️ Planned"}.get)
            st.text_area("Note (optional)", key="tl_ev_note", max_chars=2000, height=80)
            field_error(errors, "note")
            other_errors(errors, ("date", "note"))
            st.form_submit_button("📝 Log event", type="primary", key="tl_ev_submit",
                                  on_click=keep_style(_save_event), args=(ctx,))


def _save_event(ctx: Ctx) -> None:
    """The log form's callback (one run per click)."""
    ss = st.session_state
    app_id, kind = ss["tl_ev_app"], ss["tl_ev_kind"]
    save(lambda: tracker.add_event(ctx.engine, ctx.owner, app_id, kind=kind, date=ss["tl_ev_date"],
                                   done=ss["tl_ev_state"] == "done", note=ss["tl_ev_note"], today=ctx.today),
         "tl_ev_errors", f"Logged {tracker.KINDS[kind].lower()} for {app_label(ctx.by_id[app_id])}."
         + (f" It closes the application: {tracker.STATUSES[tracker.OUTCOME_STATUS[kind]].lower()}."
            if ss["tl_ev_state"] == "done" and kind in tracker.OUTCOME_STATUS else ""),
         clear=("tl_ev_note",))
