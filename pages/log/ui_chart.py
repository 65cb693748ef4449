"""The timeline's chart: filters, the Altair chart (as a cached Vega-Lite spec), the table for
screen readers."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import streamlit as st

from followup import tracker
from followup.charts import timeline_chart, timeline_default_range, timeline_rows

from pages.log.ui_common import Ctx


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_spec(owner_id: str, digest: str, today: dt.date, _points: list[dict], _windows: list[dict]) -> dict:
    """The Altair chart as a Vega-Lite spec (Altair's validation is the slow part of a rerun).
    Keyed by the owner and a digest of the data (hashing the rows with Streamlit's hasher would
    cost more than it saves), so one owner's chart never reaches another."""
    return timeline_chart(_points, _windows, today).to_dict()


def _chart_spec(owner_id: str, points: list[dict], windows: list[dict], today: dt.date) -> dict:
    digest = hashlib.sha256(json.dumps([points, windows], sort_keys=True, default=str).encode()).hexdigest()
    return _cached_spec(owner_id, digest, today, points, windows)


def timeline(ctx: Ctx, plans: dict) -> None:
    st.header("📈 Timeline")
    log, today = ctx.log, ctx.today
    if not log:
        st.caption("Your applications will appear here as rows, with each event as a point.")
        return
    f1, f2 = st.columns([1, 2])
    active_only = f1.toggle("Active applications only", value=len(log) > 20, key="tl_active_only")
    earliest, *default_range = timeline_default_range(log, plans, today)
    picked = f2.date_input("Dates shown", value=tuple(default_range), min_value=earliest,
                           key="tl_range", format="YYYY-MM-DD")
    start, end = (picked if isinstance(picked, (tuple, list)) and len(picked) == 2 else default_range)
    points, windows, table = timeline_rows(log, plans, start, end, active_only=active_only,
                                           kinds=tracker.KINDS, statuses=tracker.STATUSES)
    if points or windows:
        st.vega_lite_chart(_chart_spec(ctx.owner, points, windows, today), width="stretch", key="tl_chart")
        st.caption("● filled = done · ○ hollow = planned · shaded band = the planner's recommended "
                   "follow-up window · red dashed line = today. Hover a point for its note.")
    else:
        st.caption("No events in the chosen dates.")
    # Built only when asked for: with hundreds of events the table is the costliest part of a rerun.
    if st.toggle("Show the timeline as a table (for screen readers)", key="tl_show_table"):
        st.dataframe(table, hide_index=True, width="stretch", key="tl_table")
