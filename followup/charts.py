"""Altair charts. User text enters a chart only as data (never in expr, filter or calculate);
Altair tooltips escape HTML."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from followup.dates import axis_format, fmt_date, fmt_short
from followup.plan.status import step_status


def today_layers(today, x_scale, x_axis) -> tuple[alt.Chart, alt.Chart]:
    """A dashed red line at the user's today, and its label, for a chart with a date x axis."""
    today_df = pd.DataFrame({"today": [today.isoformat()], "label": [f"Today, {fmt_short(today)}"]})
    rule = alt.Chart(today_df).mark_rule(color="#d62728", strokeDash=[6, 4], strokeWidth=2).encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), tooltip=[alt.Tooltip("label:N", title="")])
    text = alt.Chart(today_df).mark_text(align="left", dx=4, dy=-6, color="#d62728", fontSize=12,
                                         fontWeight="bold").encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), y=alt.value(0), text="label:N")
    return rule, text


# --- the follow-up timeline (issue #4) ---------------------------------------------------------
TIMELINE_KIND_ORDER = ["Applied", "Interview", "Thank-you note", "Follow-up email", "Call",
                       "Reply from them", "Reference check", "Offer", "Rejection", "Other"]
TIMELINE_KIND_COLORS = ["#7f7f7f", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf",
                        "#8c564b", "#d4a017", "#d62728", "#e377c2"]


def timeline_chart(points, windows, today, *, row_height: int = 34):
    """One row per application, events as points coloured by kind (done filled, planned hollow),
    the planner's recommended window shaded, a dashed rule at the user's today.

    ``points``: rows with ``application`` (the row label), ``date`` (ISO text), ``kind`` (label),
    ``state`` ("done"/"planned"), ``when`` (formatted date), ``note``, ``who`` (company and role,
    in full, for the tooltip).
    ``windows``: rows with ``application``, ``start``, ``end`` (ISO text), ``label``.
    All user text arrives here as data only.
    """

    pts = pd.DataFrame(list(points), columns=["application", "date", "kind", "state", "when", "note", "who"])
    win = pd.DataFrame(list(windows), columns=["application", "start", "end", "label"])
    rows = list(dict.fromkeys(list(pts["application"]) + list(win["application"])))
    y = alt.Y("application:N", sort=rows, title=None,
              axis=alt.Axis(labelLimit=260, labelFontSize=12))
    x_scale = alt.Scale(type="utc", nice=False)
    x_axis = alt.Axis(format=axis_format(), title=None, labelOverlap=True, grid=True)
    # Only the kinds present are in the legend (it stays narrow); each kind keeps its own colour.
    present = set(pts["kind"])
    kinds = [k for k in TIMELINE_KIND_ORDER if k in present] or TIMELINE_KIND_ORDER
    colours = [c for k, c in zip(TIMELINE_KIND_ORDER, TIMELINE_KIND_COLORS) if k in kinds]
    color = alt.Color("kind:N", title="What happened", scale=alt.Scale(domain=kinds, range=colours),
                      legend=alt.Legend(orient="top", columns=min(len(kinds), 4), symbolType="circle"))
    tooltip = [alt.Tooltip("who:N", title="Application"),
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
    today_rule, today_text = today_layers(today, x_scale, x_axis)
    return (alt.layer(window_layer, planned_layer, done_layer, today_rule, today_text)
            .properties(height=alt.Step(row_height))
            .configure_view(strokeWidth=0))


# --- the wait-time planner (issue #3) ----------------------------------------------------------
PLAN_STATUS_ORDER = ["Done or missed", "Today", "Coming up"]
PLAN_STATUS_COLORS = ["#9e9e9e", "#d62728", "#1f77b4"]
_PLAN_STATUS_LABELS = {"overdue": "Done or missed", "today": "Today", "upcoming": "Coming up"}


def plan_chart(plan, today, *, row_height: int = 36):
    """The planner's steps on a date axis: one row per step in date order, a point on the date,
    a light bar to the end of its window, the date as a label, and a dashed rule at ``today``.

    ``plan`` is a ``followup.timing.Plan``; only engine-made text (titles, dates) is charted.
    """

    rows = []
    for i, s in enumerate(plan.steps, start=1):
        status = s.status or step_status(s.date, today, s.latest)
        end = s.latest if s.latest and s.latest > s.date else s.date
        rows.append({"row": f"{i}. {s.title or s.kind}", "date": s.date.isoformat(), "end": end.isoformat(),
                     "when": fmt_short(s.date),
                     "window": (f"until {fmt_short(end)}" if end != s.date else ""),
                     "status": _PLAN_STATUS_LABELS[status]})
    df = pd.DataFrame(rows, columns=["row", "date", "end", "when", "window", "status"])
    order = list(df["row"])
    first = min([plan.interview, today] + [s.date for s in plan.steps])
    last = max([today] + [s.latest or s.date for s in plan.steps])
    pad = pd.Timedelta(days=max(2, (last - first).days // 12))
    domain = [(pd.Timestamp(first) - pad).date().isoformat(), (pd.Timestamp(last) + pad * 3).date().isoformat()]
    x_scale = alt.Scale(type="utc", domain=domain, nice=False)
    x_axis = alt.Axis(format=axis_format(), title=None, labelOverlap=True, grid=True)
    y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=12))
    color = alt.Color("status:N", title=None,
                      scale=alt.Scale(domain=PLAN_STATUS_ORDER, range=PLAN_STATUS_COLORS),
                      legend=alt.Legend(orient="top", symbolType="circle"))
    tooltip = [alt.Tooltip("row:N", title="Step"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("window:N", title="Window"), alt.Tooltip("status:N", title="Status")]
    window = alt.Chart(df).mark_bar(opacity=0.25, height=row_height * 0.45, cornerRadius=3).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), x2="end:T", y=y, color=color, tooltip=tooltip)
    points = alt.Chart(df).mark_point(filled=True, size=160, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    labels = alt.Chart(df).mark_text(align="left", dx=10, fontSize=12).encode(
        x=alt.X("end:T", scale=x_scale, axis=x_axis), y=y, text="when:N")
    today_rule, today_text = today_layers(today, x_scale, x_axis)
    return (alt.layer(window, points, labels, today_rule, today_text)
            .properties(height=alt.Step(row_height))
            .configure_view(strokeWidth=0))


# --- the timeline's data: what the page shows, built from the owner's log ---------------------
def timeline_default_range(log: list[dict], plans: dict, today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """(earliest selectable date, default start, default end) for the timeline's date filter.

    By default the last four months and everything planned: what a job seeker acts on; a log
    whose latest event is older than that shows the four months up to that event instead."""
    event_dates = [e["date"] for a in log for e in a["events"]]
    lo = min(event_dates + [today])
    hi = max(event_dates + [today] + [s.date for p in plans.values() for s in p.steps])
    four_months = dt.timedelta(days=120)
    latest = max(event_dates, default=today)
    anchor = today if latest >= today - four_months else latest
    start = max(lo, anchor - four_months)
    return min(lo, start), start, hi + dt.timedelta(days=3)


def app_label(app: dict) -> str:
    """How an application is named on the page: company, and role when there is one."""
    return f"{app['company']} – {app['role']}" if app["role"] else app["company"]


def timeline_rows(log: list[dict], plans: dict, start: dt.date, end: dt.date, *, active_only: bool,
                  kinds: dict[str, str], statuses: dict[str, str]) -> tuple[list[dict], list[dict], list[dict]]:
    """The timeline chart's points and shaded windows between ``start`` and ``end``, and the same
    log as table rows (every date) for screen readers.

    Row labels are unique (a repeated company and role gets a number) and at most 45 characters."""
    shown = [a for a in log if a["status"] == "active" or not active_only]
    labels: dict[int, str] = {}
    seen: dict[str, int] = {}
    for a in shown:
        base = app_label(a)
        base = base if len(base) <= 45 else base[:44] + "…"
        seen[base] = seen.get(base, 0) + 1
        labels[a["id"]] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    points, windows, table = [], [], []
    for a in shown:
        status = statuses[a["status"]].split(" –")[0]
        for e in a["events"]:
            row = {"application": labels[a["id"]], "date": e["date"].isoformat(),
                   "kind": kinds[e["kind"]], "state": "done" if e["done"] else "planned",
                   "when": fmt_date(e["date"]), "note": e["note"], "who": app_label(a)}
            table.append({"Company": a["company"], "Role": a["role"], "Status": status, "Date": e["date"],
                          "What": row["kind"], "Done or planned": row["state"], "Note": e["note"]})
            if start <= e["date"] <= end:
                points.append(row)
        p = plans.get(a["id"])
        if p is not None and a["status"] == "active":
            ds = [d for s in p.steps if s.kind != "holiday_card"
                  for d in (s.date, s.latest) if isinstance(d, dt.date)]
            if ds and min(ds) <= end and max(ds) >= start:
                windows.append({"application": labels[a["id"]], "start": max(min(ds), start).isoformat(),
                                "end": min(max(ds), end).isoformat(),
                                "label": f"{fmt_short(min(ds))} – {fmt_short(max(ds))}"})
    return points, windows, table
