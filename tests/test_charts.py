"""The charts: specs authored once per process with named data sources, and their rows, built in the
engine from an owner's log and plans."""
import datetime as dt

from followup import tracker
from followup.plan import timing
from followup import charts
from followup.charts import (plan_chart, plan_chart_spec, timeline_chart, timeline_chart_spec, timeline_default_range,
                             timeline_rows, timeline_table)

D = dt.date
TODAY = D(2026, 11, 25)


def app(id_, company, role="", status="active", events=()):
    return {"id": id_, "company": company, "role": role, "status": status,
            "events": [{"kind": k, "date": d, "done": done, "note": n} for k, d, done, n in events]}


def test_default_range_is_recent_months_and_everything_planned():
    log = [app(1, "A", events=[("applied", D(2026, 1, 5), True, ""), ("interview", D(2026, 11, 20), True, "")])]
    p = timing.plan(D(2026, 11, 20), "2-3 weeks")
    earliest, start, end = timeline_default_range(log, {1: p}, TODAY)
    assert earliest == D(2026, 1, 5)
    assert start == TODAY - dt.timedelta(days=120)
    assert end == max(s.date for s in p.steps) + dt.timedelta(days=3)


def test_default_range_of_an_old_log_still_shows_it():
    log = [app(1, "A", events=[("interview", D(2025, 3, 1), True, ""), ("call", D(2025, 3, 10), True, "")])]
    earliest, start, end = timeline_default_range(log, {}, TODAY)
    assert start == earliest == D(2025, 3, 1)  # not an empty chart of the last four months
    assert end == TODAY + dt.timedelta(days=3)


def test_rows_filter_label_and_clip():
    long_role = "R" * 60
    log = [
        app(1, "Acme", "PA", events=[("interview", D(2026, 11, 2), True, "<b>note</b>"),
                                     ("follow_up_email", D(2026, 12, 20), False, "")]),
        app(2, "Acme", "PA", events=[("applied", D(2026, 10, 1), True, "")]),
        app(3, "Gone", long_role, status="rejected", events=[("rejection", D(2026, 11, 10), True, "")]),
    ]
    p = timing.plan(D(2026, 11, 2), "")
    points, windows, counts = timeline_rows(log, {1: p}, D(2026, 10, 15), D(2026, 11, 30), active_only=False,
                                            kinds=tracker.KINDS)
    assert {pt["application"] for pt in points} == {"Acme – PA", f"Gone – {long_role}"[:44] + "…"}
    assert [pt["date"] for pt in points] == ["2026-11-02", "2026-11-10"]  # Oct 1 and Dec 20 are outside
    assert counts == (2, 2)
    table = timeline_table(log, active_only=False, kinds=tracker.KINDS, statuses=tracker.STATUSES)
    assert len(table) == 4  # the table has every event, whatever the dates shown
    assert points[0]["note"] == "<b>note</b>"  # user text travels as data only
    assert windows and windows[0]["end"] <= "2026-11-30" and windows[0]["application"] == "Acme – PA"
    points, _, _ = timeline_rows(log, {}, D(2026, 9, 1), D(2026, 12, 31), active_only=True, kinds=tracker.KINDS)
    assert {pt["application"] for pt in points} == {"Acme – PA", "Acme – PA (2)"}
    table = timeline_table(log, active_only=True, kinds=tracker.KINDS, statuses=tracker.STATUSES)
    assert all(r["Company"] == "Acme" for r in table)


def test_charts_carry_today_and_user_text_only_as_data():
    log = [app(1, "Acme", events=[("interview", D(2026, 11, 2), True, "\" + alert(1) + \"")])]
    points, windows, _ = timeline_rows(log, {}, D(2026, 10, 1), D(2026, 12, 1), active_only=False,
                                       kinds=tracker.KINDS)
    spec = timeline_chart(points, windows, TODAY)
    text = repr({k: v for k, v in spec.items() if k not in ("datasets", "data")})
    assert "alert(1)" not in text  # not in any expression, filter or encoding
    assert "alert(1)" in repr(spec.get("datasets"))
    plan_spec = plan_chart(timing.plan(D(2026, 11, 2), "", today=TODAY), TODAY)
    assert "Today, Wed 25 Nov" in repr(plan_spec["datasets"])  # followup.dates, day first by default


def test_timeline_legend_lists_only_kinds_present_with_fixed_colours():
    log = [app(1, "Acme", events=[("interview", D(2026, 11, 2), True, ""), ("call", D(2026, 11, 9), False, "")])]
    points, windows, _ = timeline_rows(log, {}, D(2026, 10, 1), D(2026, 12, 1), active_only=False,
                                       kinds=tracker.KINDS)
    spec = timeline_chart(points, windows, TODAY)
    scales = [l["encoding"]["color"]["scale"] for l in spec["layer"] if "color" in l.get("encoding", {})]
    assert scales and all(sc["domain"] == ["Interview", "Call"] for sc in scales)
    assert all(sc["range"] == ["#1f77b4", "#9467bd"] for sc in scales)


# --- authored once, fed rows ---------------------------------------------------------------------------
def test_specs_are_built_once_per_process_and_name_their_data(monkeypatch):
    """A rerun costs no Altair work: the spec is the same object for any plan, and holds no rows,
    only the names of its data sources; the rows come from *_chart_data."""
    import altair as alt

    first = plan_chart_spec()
    built = []
    monkeypatch.setattr(alt.LayerChart, "to_dict", lambda self, *a, **k: built.append(1))
    for weeks in range(1, 6):
        p = timing.plan(D(2026, 11, 2), f"{weeks} weeks", today=TODAY)
        chart = plan_chart(p, TODAY)
        assert chart["layer"] is first["layer"]
        assert {"plan_steps", "plan_bounds", "plan_today"} == set(chart["datasets"])
        assert [r["row"].split(". ", 1)[0] for r in chart["datasets"]["plan_steps"]] == [
            str(i) for i in range(1, len(p.steps) + 1)]
    assert timeline_chart_spec(("Interview",)) is timeline_chart_spec(("Interview",))
    assert not built, "no Altair chart was built for a new plan"
    names = {l["data"]["name"] for l in first["layer"]}
    assert names == {"plan_steps", "plan_bounds", "plan_today"} and "datasets" not in first


def test_plan_axis_spans_the_plan_with_room_for_labels():
    p = timing.plan(D(2026, 11, 2), "2-3 weeks", today=TODAY)
    data = charts.plan_chart_data(p, TODAY)
    lo, hi = (r["date"] for r in data["plan_bounds"])
    dates = [r["date"] for r in data["plan_steps"]] + [r["end"] for r in data["plan_steps"]] + [TODAY.isoformat()]
    assert lo < min(dates) and hi > max(dates)


def big_log(n_apps: int, per_app: int = 5) -> list[dict]:
    start = D(2026, 1, 5)
    return [app(i, f"Company {i:05d}", events=[("applied", start + dt.timedelta(days=(i * 3) % 300 + 4 * k), True, "")
                                               for k in range(per_app)]) for i in range(1, n_apps + 1)]


def test_a_large_log_is_thinned_to_the_most_recent_applications():
    log = big_log(10_000)  # 50,000 events
    points, windows, (drawn, in_view) = timeline_rows(log, {}, D(2026, 1, 1), D(2026, 12, 31), active_only=False,
                                                      kinds=tracker.KINDS)
    assert drawn == charts.MAX_CHART_ROWS and in_view == 10_000
    assert len({p["application"] for p in points}) == charts.MAX_CHART_ROWS
    latest = max(e["date"] for a in log for e in a["events"]).isoformat()
    assert max(p["date"] for p in points) == latest, "the most recently active applications are drawn"
    # rows keep the log's order, numbered for the y axis
    orders = [p["order"] for p in points]
    assert orders == sorted(orders) and set(orders) == set(range(drawn))
    pts, _, (drawn, _) = timeline_rows(log, {}, D(2026, 1, 1), D(2026, 12, 31), active_only=False,
                                       kinds=tracker.KINDS, max_rows=20_000, max_points=1000)
    assert len(pts) == 1000 and drawn == 10_000


# --- phone-first (issue 15) ------------------------------------------------------------------------------
def test_charts_are_phone_first():
    """At 390 px a chart keeps its plot: no axis of row names beside it (the names are written above
    each row, drawn last, one per row), the legend below in two columns, the edge dates inside the
    axis, the today label inside the chart (left of its line when today is near the right end)."""
    log = [app(1, "Acme", role="A very long role name for a narrow phone screen", events=[
        ("interview", D(2026, 11, 2), True, ""), ("call", D(2026, 11, 20), False, ""),
        ("applied", D(2026, 10, 20), True, "")])]
    points, windows, _ = timeline_rows(log, {}, D(2026, 10, 1), D(2026, 12, 1), active_only=False,
                                       kinds=tracker.KINDS)
    plan = timing.plan(D(2026, 11, 2), "2-3 weeks", today=TODAY)
    timeline, planner = timeline_chart(points, windows, TODAY), plan_chart(plan, TODAY)
    for spec, names_source, names_field in ((timeline, "tl_rows", "application"), (planner, "plan_steps", "name")):
        layers = spec["layer"]
        ys = [layer["encoding"]["y"] for layer in layers if "field" in layer["encoding"].get("y", {})]
        assert ys and all(y["axis"]["labels"] is False for y in ys)
        legends = [layer["encoding"]["color"]["legend"] for layer in layers if "color" in layer["encoding"]]
        assert legends and all(lg["orient"] == "bottom" and lg["columns"] == 2 for lg in legends)
        axes = [layer["encoding"]["x"]["axis"] for layer in layers if "axis" in layer["encoding"].get("x", {})]
        assert axes and all(ax["labelFlush"] is True and ax["labelOverlap"] for ax in axes)
        names = layers[-1]
        assert names["mark"]["type"] == "text" and names["encoding"]["x"] == {"value": 0}
        assert names["data"]["name"] == names_source and names["encoding"]["text"]["field"] == names_field
    assert timeline["datasets"]["tl_rows"] == [{"application": "Acme – A very long role name for a narrow ph…",
                                               "order": 0}]  # one name for the row's three points
    assert planner["datasets"]["plan_steps"][0]["name"].startswith("1. Send a thank-you note · ")

    def side(today):
        return timeline_chart(points, windows, today)["datasets"]["tl_today"][0]["side"]

    assert side(D(2026, 11, 19)) == "right" and side(D(2026, 10, 25)) == "left"
    labels = [layer for layer in timeline["layer"] if layer["data"]["name"] == "tl_today" and layer["mark"]["type"] == "text"]
    assert sorted(layer["mark"]["align"] for layer in labels) == ["left", "right"]  # one shows, by the row's side


def test_a_plan_from_years_ago_is_drawn_on_its_own_dates():
    # Sam's example (comment 10: interviewed 22 Jan 2013, "by Feb end"): not squeezed into the left
    # edge of an axis running to today, which labelled 13 years of ticks "Jan 01"
    today = dt.date(2026, 12, 7)
    data = charts.plan_chart_data(timing.plan(dt.date(2013, 1, 22), "by Feb end", today=today), today)
    first, last = (dt.date.fromisoformat(b["date"]) for b in data[charts.PLAN_BOUNDS])
    assert dt.date(2013, 1, 1) < first < last < dt.date(2013, 6, 1)
    assert data[charts.PLAN_TODAY] == []  # today's line only near the plan
    near = charts.plan_chart_data(timing.plan(dt.date(2026, 11, 20), "2-3 weeks", today=today), today)
    assert near[charts.PLAN_TODAY][0]["today"] == "2026-12-07"
    assert charts.plan_axis(near) in ("%d %b", "%b %d")


def test_a_chart_over_a_year_or_more_names_months_and_years():
    assert charts.axis_for(dt.date(2025, 1, 1), dt.date(2026, 12, 1)) == "%b %Y"
    assert charts.axis_for(dt.date(2026, 9, 1), dt.date(2026, 12, 1)) in ("%d %b", "%b %d")
    assert charts.plan_axis({charts.PLAN_BOUNDS: [{"date": "2025-01-01"}, {"date": "2026-01-15"}]}) == "%b %Y"
