"""Altair charts, authored once per process with named data sources; each rerun hands Streamlit only
the rows (``*_chart_data``), so building and validating a chart with Altair is never paid per click.

User text enters a chart only as data (never in expr, filter or calculate); Altair tooltips escape
HTML. No rows pass through Altair (the data sources are named and filled by the page), so Altair's
5,000-row limit (``MaxRowsError``) cannot stop a large log from drawing; the timeline instead thins
what it draws (``timeline_rows``: the most recently active applications, at most ``MAX_CHART_ROWS``
rows and ``MAX_CHART_POINTS`` points) and says so.
"""
from __future__ import annotations

import datetime as dt
import functools

import altair as alt

from followup.dates import axis_format, fmt_date, fmt_short
from followup.plan.status import step_status

MAX_CHART_ROWS = 25  # applications drawn at once (46 px each, a screen or two); the table has every event
MAX_CHART_POINTS = 5000


# Phone-first (issue 15): every chart fits a 390 px window. Row names are written above each row
# (on top of the other layers) across the whole width, not as axis labels that took half of a
# narrow chart; the legend sits below the chart in two columns; the first and last dates stay
# inside the axis and overlapping dates are dropped; today's label stays inside the chart (left of
# its line when today is near the right end). The numbers are also on the page as text (the
# planner's steps, the timeline's table).
ROW_LABEL = {"align": "left", "baseline": "bottom", "dy": -9, "fontSize": 12, "fontWeight": "bold",
             "color": "#333333"}


LONG_SPAN_DAYS = 300  # from about this span on, the date axis names months and years, not days


def axis_for(first: dt.date, last: dt.date) -> str:
    """The date axis's format for a chart from ``first`` to ``last`` (``followup.dates.axis_format``)."""
    return axis_format(long_span=(last - first).days >= LONG_SPAN_DAYS)


def _legend(**kwargs) -> alt.Legend:
    return alt.Legend(orient="bottom", direction="horizontal", columns=2, symbolType="circle", symbolOpacity=1,
                      labelFontSize=12, labelLimit=0, labelColor="#333333", titleColor="#333333", **kwargs)


def _x_axis(axis: str) -> alt.Axis:
    return alt.Axis(format=axis, title=None, labelOverlap="greedy", labelFlush=True, grid=True)


def _hidden_y(field: str, order: str) -> alt.Y:
    return alt.Y(field, sort=alt.EncodingSortField(order, op="min"), title=None,
                 axis=alt.Axis(labels=False, ticks=False, domain=False))


def today_layers(data_name: str, x_scale, x_axis) -> tuple[alt.Chart, alt.Chart, alt.Chart]:
    """A dashed red line at the user's today, and its label above the chart (rows ``today_rows``),
    right of the line, or left of it when the row says ``side: "right"`` (today near the right end)."""
    src = alt.Data(name=data_name)
    rule = alt.Chart(src).mark_rule(color="#d62728", strokeDash=[6, 4], strokeWidth=2).encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), tooltip=[alt.Tooltip("label:N", title="")])
    texts = [alt.Chart(src).transform_filter(alt.datum.side == side).mark_text(
        align=align, dx=dx, dy=-8, color="#c81e1e", fontSize=12, fontWeight="bold").encode(
        x=alt.X("today:T", scale=x_scale, axis=x_axis), y=alt.value(0), text="label:N")
        for side, align, dx in (("left", "left", 4), ("right", "right", -4))]
    return rule, *texts


def today_rows(today: dt.date, dates: list[dt.date] = ()) -> list[dict]:
    """The today layers' row; ``dates``: the chart's dates, to keep the label inside the chart."""
    lo, hi = min([*dates, today]), max([*dates, today])
    side = "right" if hi > lo and (today - lo).days / (hi - lo).days > 0.6 else "left"
    return [{"today": today.isoformat(), "label": f"Today, {fmt_short(today)}", "side": side}]


def with_data(spec: dict, datasets: dict) -> dict:
    """A chart to hand ``st.vega_lite_chart``: the shared spec (not copied deeply, not changed) and
    this rerun's rows by data-source name."""
    return {**spec, "datasets": datasets}


def as_arrow(datasets: dict[str, list[dict]]) -> dict:
    """The same rows as Arrow tables, which Streamlit sends as they are (a list of dicts goes through
    pandas first, about ten times the work)."""
    import pyarrow as pa

    return {name: pa.Table.from_pylist(rows) for name, rows in datasets.items()}


# --- the follow-up timeline (issue #4) ---------------------------------------------------------
TIMELINE_KIND_ORDER = ["Applied", "Interview", "Thank-you note", "Follow-up email", "Call",
                       "Reply from them", "Reference check", "Offer", "Rejection", "Other"]
TIMELINE_KIND_COLORS = ["#7f7f7f", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf",
                        "#8c564b", "#d4a017", "#d62728", "#e377c2"]
TIMELINE_POINTS, TIMELINE_WINDOWS, TIMELINE_TODAY = "tl_points", "tl_windows", "tl_today"
TIMELINE_ROWS = "tl_rows"


def timeline_chart_spec(kinds: tuple[str, ...] = (), axis: str | None = None) -> dict:
    """The timeline chart's Vega-Lite spec, built with Altair once per process for each set of kinds
    present (only those are in the legend, each with its own colour) and date style of the axis
    (``axis``: a d3 time format, by default the visitor's, ``followup.dates.axis_format``). One row
    per application (ordered by the rows' ``order``, its name written above it), events as points
    coloured by kind (done filled, planned hollow), the planner's recommended window shaded, a
    dashed rule at the user's today, the legend below.
    Data sources: ``tl_points`` (``timeline_rows``' points), ``tl_windows``, ``tl_rows``, ``tl_today``.
    Shared: never change the returned dict."""
    return _timeline_chart_spec(tuple(kinds), axis or axis_format())


@functools.lru_cache(maxsize=64)
def _timeline_chart_spec(kinds: tuple[str, ...], axis: str, row_height: int = 46) -> dict:
    kinds = [k for k in TIMELINE_KIND_ORDER if k in kinds] or TIMELINE_KIND_ORDER
    y = _hidden_y("application:N", "order")
    x_scale = alt.Scale(type="utc", nice=False)
    x_axis = _x_axis(axis)
    colours = [c for k, c in zip(TIMELINE_KIND_ORDER, TIMELINE_KIND_COLORS) if k in kinds]
    color = alt.Color("kind:N", title="What happened", scale=alt.Scale(domain=kinds, range=colours),
                      legend=_legend(titleFontSize=12))
    tooltip = [alt.Tooltip("who:N", title="Application"),
               alt.Tooltip("kind:N", title="What"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("state:N", title="Done or planned"), alt.Tooltip("note:N", title="Note")]
    points = alt.Data(name=TIMELINE_POINTS)
    names = alt.Chart(alt.Data(name=TIMELINE_ROWS)).mark_text(**ROW_LABEL).encode(
        x=alt.value(0), y=y, text="application:N")
    window_layer = alt.Chart(alt.Data(name=TIMELINE_WINDOWS)).mark_bar(
        color="#4c78a8", opacity=0.16, height=14).encode(
        x=alt.X("start:T", scale=x_scale, axis=x_axis), x2="end:T", y=y,
        tooltip=[alt.Tooltip("label:N", title="Recommended window")])
    done_layer = alt.Chart(points).transform_filter(alt.datum.state == "done").mark_point(
        filled=True, size=130, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    planned_layer = alt.Chart(points).transform_filter(alt.datum.state == "planned").mark_point(
        filled=False, size=130, strokeWidth=2.5, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    today_rule, *today_text = today_layers(TIMELINE_TODAY, x_scale, x_axis)
    return (alt.layer(window_layer, planned_layer, done_layer, today_rule, *today_text, names)
            .properties(height=alt.Step(row_height))
            .configure_view(strokeWidth=0)).to_dict()


def timeline_chart_data(points: list[dict], windows: list[dict], today: dt.date) -> dict[str, list[dict]]:
    rows = {r["application"]: r["order"] for r in [*points, *windows]}  # one name per row
    dates = [dt.date.fromisoformat(d) for d in [*(p["date"] for p in points), *(w["start"] for w in windows),
                                                *(w["end"] for w in windows)]]
    return {TIMELINE_POINTS: points, TIMELINE_WINDOWS: windows, TIMELINE_TODAY: today_rows(today, dates),
            TIMELINE_ROWS: [{"application": a, "order": o} for a, o in rows.items()]}


def timeline_chart(points: list[dict], windows: list[dict], today: dt.date) -> dict:
    """The whole timeline chart (spec and rows) as a dict for ``st.vega_lite_chart``.

    ``points``: rows with ``application`` (the row label), ``order`` (the row's place), ``date``
    (ISO text), ``kind`` (label), ``state`` ("done"/"planned"), ``when`` (formatted date),
    ``note``, ``who`` (company and role, in full, for the tooltip).
    ``windows``: rows with ``application``, ``order``, ``start``, ``end`` (ISO text), ``label``.
    All user text arrives here as data only."""
    spec = timeline_chart_spec(tuple(sorted({p["kind"] for p in points})))
    return with_data(spec, timeline_chart_data(points, windows, today))


# --- the wait-time planner (issue #3) ----------------------------------------------------------
PLAN_STATUS_ORDER = ["Done or missed", "Today", "Coming up"]
PLAN_STATUS_COLORS = ["#9e9e9e", "#d62728", "#1f77b4"]
TODAY_NEAR_DAYS = 120  # the planner chart draws today's line when today is this close to the plan
_PLAN_STATUS_LABELS = {"overdue": "Done or missed", "today": "Today", "upcoming": "Coming up"}
PLAN_STEPS, PLAN_BOUNDS, PLAN_TODAY = "plan_steps", "plan_bounds", "plan_today"


def plan_chart_spec(axis: str | None = None) -> dict:
    """The planner chart's Vega-Lite spec, built with Altair once per process: one row per step in
    date order (``i``), named above the row with its date, a point on the date, a light bar to the
    end of its window, a dashed rule at today, the statuses' legend below, and the x axis from
    ``plan_bounds`` (two invisible points).
    Data sources: ``plan_steps``, ``plan_bounds``, ``plan_today`` (see ``plan_chart_data``).
    Shared: never change the returned dict. ``axis``: as for ``timeline_chart_spec``."""
    return _plan_chart_spec(axis or axis_format())


@functools.lru_cache(maxsize=8)
def _plan_chart_spec(axis: str, row_height: int = 46) -> dict:
    x_scale = alt.Scale(type="utc", nice=False)
    x_axis = _x_axis(axis)
    y = _hidden_y("row:N", "i")
    color = alt.Color("status:N", title=None,
                      scale=alt.Scale(domain=PLAN_STATUS_ORDER, range=PLAN_STATUS_COLORS), legend=_legend())
    tooltip = [alt.Tooltip("row:N", title="Step"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("window:N", title="Window"), alt.Tooltip("status:N", title="Status")]
    steps = alt.Data(name=PLAN_STEPS)
    bounds = alt.Chart(alt.Data(name=PLAN_BOUNDS)).mark_point(opacity=0).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis))
    window = alt.Chart(steps).mark_bar(opacity=0.25, height=14, cornerRadius=3).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), x2="end:T", y=y, color=color, tooltip=tooltip)
    points = alt.Chart(steps).mark_point(filled=True, size=140, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, axis=x_axis), y=y, color=color, tooltip=tooltip)
    names = alt.Chart(steps).mark_text(**ROW_LABEL).encode(x=alt.value(0), y=y, text="name:N")
    today_rule, *today_text = today_layers(PLAN_TODAY, x_scale, x_axis)
    return (alt.layer(bounds, window, points, today_rule, *today_text, names)
            .properties(height=alt.Step(row_height))
            .configure_view(strokeWidth=0)).to_dict()


def plan_chart_data(plan, today: dt.date) -> dict[str, list[dict]]:
    """The planner chart's rows for ``plan`` (a ``followup.timing.Plan``): engine-made text only
    (titles, dates). The axis runs from a little before the interview (or today) to a little after
    the last step."""
    rows = []
    for i, s in enumerate(plan.steps, start=1):
        status = s.status or step_status(s.date, today, s.latest)
        end = s.latest if s.latest and s.latest > s.date else s.date
        rows.append({"i": i, "row": f"{i}. {s.title or s.kind}", "date": s.date.isoformat(),
                     "end": end.isoformat(), "when": fmt_short(s.date),
                     "name": f"{i}. {s.title or s.kind} · {fmt_short(s.date)}",
                     "window": (f"until {fmt_short(end)}" if end != s.date else ""),
                     "status": _PLAN_STATUS_LABELS[status]})
    first = min([plan.interview] + [s.date for s in plan.steps])
    last = max([plan.interview] + [s.latest or s.date for s in plan.steps])
    # Today's line is drawn when it is near the plan; a plan from years ago (Sam's example, 2013)
    # is drawn on its own dates rather than squeezed into the left edge of a chart that runs to today.
    near = first - dt.timedelta(days=TODAY_NEAR_DAYS) <= today <= last + dt.timedelta(days=TODAY_NEAR_DAYS)
    if near:
        first, last = min(first, today), max(last, today)
    pad = dt.timedelta(days=max(2, (last - first).days // 12))
    bounds = [{"date": (first - pad).isoformat()}, {"date": (last + pad).isoformat()}]
    return {PLAN_STEPS: rows, PLAN_BOUNDS: bounds,
            PLAN_TODAY: today_rows(today, [first - pad, last + pad]) if near else []}


def plan_axis(data: dict[str, list[dict]]) -> str:
    """The date axis's format for these ``plan_chart_data`` rows (their bounds' span)."""
    first, last = (dt.date.fromisoformat(b["date"]) for b in data[PLAN_BOUNDS])
    return axis_for(first, last)


def plan_chart(plan, today: dt.date) -> dict:
    """The whole planner chart (spec and rows) as a dict for ``st.vega_lite_chart``."""
    data = plan_chart_data(plan, today)
    return with_data(plan_chart_spec(plan_axis(data)), data)


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


def _row_labels(apps: list[dict]) -> dict[int, str]:
    """Unique row labels (a repeated company and role gets a number), at most 45 characters."""
    labels: dict[int, str] = {}
    seen: dict[str, int] = {}
    for a in apps:
        base = app_label(a)
        base = base if len(base) <= 45 else base[:44] + "…"
        seen[base] = seen.get(base, 0) + 1
        labels[a["id"]] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return labels


def _window(plan, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The span of a plan's steps (holiday card aside), if it meets ``start``..``end``."""
    if plan is None:
        return None
    ds = [d for s in plan.steps if s.kind != "holiday_card" for d in (s.date, s.latest) if isinstance(d, dt.date)]
    return (min(ds), max(ds)) if ds and min(ds) <= end and max(ds) >= start else None


def timeline_rows(log: list[dict], plans: dict, start: dt.date, end: dt.date, *, active_only: bool,
                  kinds: dict[str, str], max_rows: int = MAX_CHART_ROWS,
                  max_points: int = MAX_CHART_POINTS) -> tuple[list[dict], list[dict], tuple[int, int]]:
    """The timeline chart's points and shaded windows between ``start`` and ``end``, thinned, and
    (applications drawn, applications with something in those dates).

    Thinning: of the applications with an event or a recommended window in the dates, the
    ``max_rows`` most recently active are drawn (in the log's order), and of their points at most
    ``max_points``, the latest. The work is proportional to the log's events only for a date
    comparison; rows are built for what is drawn."""
    shown = [a for a in log if a["status"] == "active" or not active_only]
    labels = _row_labels(shown)
    candidates = []  # (latest date in view, position, app, its events in view, its window)
    for pos, a in enumerate(shown):
        evs = [e for e in a["events"] if start <= e["date"] <= end]
        win = _window(plans.get(a["id"]), start, end) if a["status"] == "active" else None
        if evs or win:
            latest = max([e["date"] for e in evs] + ([min(win[1], end)] if win else []))
            candidates.append((latest, pos, a, evs, win))
    in_view = len(candidates)
    if in_view > max_rows:
        candidates = sorted(sorted(candidates, key=lambda c: (c[0], c[1]))[-max_rows:], key=lambda c: c[1])
    points, windows = [], []
    for order, (_, _, a, evs, win) in enumerate(candidates):
        label, who = labels[a["id"]], app_label(a)
        for e in evs:
            points.append({"application": label, "order": order, "date": e["date"].isoformat(),
                           "kind": kinds[e["kind"]], "state": "done" if e["done"] else "planned",
                           "when": fmt_date(e["date"]), "note": e["note"], "who": who})
        if win:
            windows.append({"application": label, "order": order, "start": max(win[0], start).isoformat(),
                            "end": min(win[1], end).isoformat(),
                            "label": f"{fmt_short(win[0])} – {fmt_short(win[1])}"})
    if len(points) > max_points:
        points = sorted(points, key=lambda p: p["date"])[-max_points:]
    return points, windows, (len(candidates), in_view)


def timeline_table(log: list[dict], *, active_only: bool, kinds: dict[str, str],
                   statuses: dict[str, str]) -> list[dict]:
    """The same log as table rows, every event and every date, for screen readers (built only when
    the table is shown)."""
    table = []
    for a in log:
        if a["status"] != "active" and active_only:
            continue
        status = statuses[a["status"]].split(" –")[0]
        for e in a["events"]:
            table.append({"Company": a["company"], "Role": a["role"], "Status": status, "Date": e["date"],
                          "What": kinds[e["kind"]], "Done or planned": "done" if e["done"] else "planned",
                          "Note": e["note"]})
    return table
