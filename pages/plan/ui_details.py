"""The planner's job details (industry, country and region, company, agency) in one popover.

Page-local UI code: widgets only; the page reads the values from session state.
"""
from __future__ import annotations

import streamlit as st

from followup import markdown as md
from followup.plan import timing
from followup.dates import keep_style

COUNTRIES = timing.COUNTRIES
INDUSTRIES = timing.INDUSTRIES


def clear_region() -> None:
    st.session_state["region"] = ""


DETAILS = {"industry": "general", "country": "US", "region": "", "agency": False, "company": ""}  # and defaults


def details() -> tuple[str, str, str, bool, str]:
    """The job's details behind one button whose label says what they are set to; returns (industry,
    country, region, agency, company). The browser draws a popover's widgets only while it is open, and
    on every change of the plan it redraws each widget on the page (see the README's Benchmarks)."""
    for name, default in DETAILS.items():
        st.session_state.setdefault(name, default)
    industry, country, region, agency, company = (st.session_state[name] for name in DETAILS)
    if region not in timing.subdivisions(country):
        region = ""  # a region of another country: the whole country
    how = "through an agency" if agency else "applied directly"
    label = f"⚙️ {INDUSTRIES.get(industry, 'General')} · {md.escape(COUNTRIES.get(country, country))}" \
            f"{', ' + region if region else ''} · {how}"
    # (no help tooltip: it covered the date box while the popover was open)
    with st.popover(label, key="plan_details", width="stretch"):
        _widgets()
    return industry, country, region, agency, company


def _widgets() -> None:
    st.selectbox("Industry", list(INDUSTRIES), key="industry", format_func=INDUSTRIES.get)
    country = st.selectbox("Country (for public holidays)", list(COUNTRIES), key="country",
                           format_func=timing.country_label, on_change=keep_style(clear_region))
    regions = timing.subdivisions(country)
    if regions:
        st.selectbox("Region (optional)", [""] + list(regions), key="region",
                     help="Without a region, a public holiday counts when most of the country's regions "
                          "have it; pick yours for its own holidays.",
                     format_func=lambda r: "Whole country (most regions' holidays)" if not r else f"{regions[r]} ({r})"
                     if regions[r] != r else r)
    st.text_input("Company (optional)", key="company", max_chars=200, placeholder="e.g. Acme Ltd",
                  help="Names your calendar events. It stays on this page: it is not put in the link.")
    st.checkbox("I applied through an agency or recruiter", key="agency")
