"""Altair charts. User text enters a chart only as data (never in expr, filter or calculate);
Altair tooltips escape HTML."""
from __future__ import annotations

import altair as alt  # noqa: F401  (used by the chart builders below)


# --- the follow-up timeline (issue #4) ---------------------------------------------------------
TIMELINE_KIND_ORDER = ["Applied", "Interview", "Thank-you note", "Follow-up email", "Call",
                       "Reply from them", "Reference check", "Offer", "Rejection", "Other"]
TIMELINE_KIND_COLORS = ["#7f7f7f", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf",
                        "#8c564b", "#d4a017", "#d62728", "#e377c2"]


def timeline_chart(points, windows, today, *, row_height: int = 34):
    """One row per application, events as points coloured by kind (done filled, planned hollow),
    the planner's recommended window shaded, a dashed rule at the user's today.

    ``points``: rows with ``application`` (the row label), ``date`` (ISO text), ``kind`` (label),
    ``state`` ("done"/"planned"), ``when`` (formatted date), ``note``, ``company``, ``role``.
    ``windows``: rows with ``application``, ``start``, ``end`` (ISO text), ``label``.
    All user text arrives here as data only.
    """
    import pandas as pd

    pts = pd.DataFrame(list(points), columns=["application", "date", "kind", "state", "when", "note",
                                              "company", "role"])
    win = pd.DataFrame(list(windows), columns=["application", "start", "end", "label"])
    rows = list(dict.fromkeys(list(pts["application"]) + list(win["application"])))
    y = alt.Y("application:N", sort=rows, title=None,
              axis=alt.Axis(labelLimit=260, labelFontSize=12))
    x_scale = alt.Scale(type="utc", nice=False)
    x_axis = alt.Axis(format="%b %d", title=None, labelOverlap=True, grid=True)
    color = alt.Color("kind:N", title="What happened",
                      scale=alt.Scale(domain=TIMELINE_KIND_ORDER, range=TIMELINE_KIND_COLORS),
                      legend=alt.Legend(orient="top", columns=5, symbolType="circle"))
    tooltip = [alt.Tooltip("company:N", title="Company"), alt.Tooltip("role:N", title="Role"),
               alt.Tooltip("kind:N", title="What"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("state:N", title="Done or planned"), alt.Tooltip("note:N", title="Note")]
    window_layer = alt.Chart(win).mark_bar(color="#4c78a8", opacity=0.16, height=row_height * 0.7).encode(
        x=alt.X("start:T", scale=x_scale, axis=x_axis), x2="end:T", y=y,
        tooltip=[alt.Tooltip("label:N", title="Recommended window")])
    done_layer = alt.Chart(pts).transform_filter(alt.datum.state == "done").mark_point(
        filled=True, size=150, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    planned_layer = alt.Chart(pts).transform_filter(alt.datum.state == "planned").mark_point(
        filled=False, size=150, strokeWidth=2.5, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    today_df = pd.DataFrame({"today": [today.isoformat()], "label": [f"Today, {today:%b %d}"]})
    today_rule = alt.Chart(today_df).mark_rule(color="#d62728", strokeDash=[6, 4], strokeWidth=2).encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), tooltip=[alt.Tooltip("label:N", title="")])
    today_text = alt.Chart(today_df).mark_text(align="left", dx=4, dy=-6, color="#d62728", fontSize=12,
                                               fontWeight="bold").encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), y=alt.value(0), text="label:N")
    return (alt.layer(window_layer, planned_layer, done_layer, today_rule, today_text)
            .properties(height=alt.Step(row_height))
            .configure_view(strokeWidth=0))
