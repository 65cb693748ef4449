"""The timeline's chart: filters, the chart (a Vega-Lite spec authored once per process, fed this
log's rows), the table for screen readers."""
from __future__ import annotations

import streamlit as st

from followup import tracker
from followup.dates import current_style, input_format
from followup.charts import timeline_chart_data, timeline_chart_spec, timeline_default_range, timeline_rows
from followup.charts import as_arrow, axis_for, timeline_table, with_data

from pages.log.ui_common import Ctx


def _chart(ctx: Ctx, plans: dict, start, end, active_only: bool) -> tuple[dict | None, tuple[int, int]]:
    """The chart for these filters, made once per version of the log: the rows already as Arrow
    (Streamlit only writes them out), so a rerun that changes nothing builds nothing."""
    points, windows, counts = timeline_rows(ctx.log, plans, start, end, active_only=active_only,
                                            kinds=tracker.KINDS)
    if not (points or windows):
        return None, counts
    data = as_arrow(timeline_chart_data(points, windows, ctx.today))
    return with_data(timeline_chart_spec(tuple(sorted({p["kind"] for p in points})), axis_for(start, end)), data), counts


def timeline(ctx: Ctx, plans: dict) -> None:
    st.header("📈 Timeline")
    log, today, snap = ctx.log, ctx.today, ctx.snap
    if not log:
        st.caption("Your applications will appear here as rows, with each event as a point.")
        return
    f1, f2 = st.columns([1, 2])
    active_only = f1.toggle("Active applications only", value=len(log) > 20, key="tl_active_only")
    earliest, *default_range = snap.memo(("range", today), lambda: timeline_default_range(log, plans, today))
    picked = f2.date_input("Dates shown", value=tuple(default_range), min_value=earliest,
                           key="tl_range", format=input_format())
    start, end = (picked if isinstance(picked, (tuple, list)) and len(picked) == 2 else default_range)
    chart, (drawn, in_view) = snap.memo(("chart", today, current_style(), start, end, active_only),
                                        lambda: _chart(ctx, plans, start, end, active_only))
    if chart is not None:
        st.vega_lite_chart(chart, width="stretch", key="tl_chart")
        st.caption("● filled = done · ○ hollow = planned · shaded band = the planner's recommended "
                   "follow-up window · red dashed line = today. Hover a point for its note.")
        if drawn < in_view:
            st.caption(f"Showing the {drawn} most recently active of the {in_view:,} applications in these "
                       "dates. Narrow the dates or show active applications only to see others; the table "
                       "below has every event.")
    else:
        st.caption("No events in the chosen dates.")
    # Built only when asked for: with thousands of events the table is the costliest part of a rerun.
    if st.toggle("Show the timeline as a table (for screen readers)", key="tl_show_table"):
        st.dataframe(snap.memo(("table", active_only), lambda: timeline_table(
            log, active_only=active_only, kinds=tracker.KINDS, statuses=tracker.STATUSES)),
            hide_index=True, width="stretch", key="tl_table")
