"""The charts' data, built in the engine from an owner's log and plans."""
import datetime as dt

from followup import tracker
from followup.plan import timing
from followup.charts import plan_chart, timeline_chart, timeline_default_range, timeline_rows

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
    points, windows, table = timeline_rows(log, {1: p}, D(2026, 10, 15), D(2026, 11, 30), active_only=False,
                                           kinds=tracker.KINDS, statuses=tracker.STATUSES)
    assert {pt["application"] for pt in points} == {"Acme – PA", f"Gone – {long_role}"[:44] + "…"}
    assert [pt["date"] for pt in points] == ["2026-11-02", "2026-11-10"]  # Oct 1 and Dec 20 are outside
    assert len(table) == 4  # the table has every event, whatever the dates shown
    assert points[0]["note"] == "<b>note</b>"  # user text travels as data only
    assert windows and windows[0]["end"] <= "2026-11-30" and windows[0]["application"] == "Acme – PA"
    points, _, table = timeline_rows(log, {}, D(2026, 9, 1), D(2026, 12, 31), active_only=True,
                                     kinds=tracker.KINDS, statuses=tracker.STATUSES)
    assert {pt["application"] for pt in points} == {"Acme – PA", "Acme – PA (2)"}
    assert all(r["Company"] == "Acme" for r in table)


def test_charts_carry_today_and_user_text_only_as_data():
    log = [app(1, "Acme", events=[("interview", D(2026, 11, 2), True, "\" + alert(1) + \"")])]
    points, windows, _ = timeline_rows(log, {}, D(2026, 10, 1), D(2026, 12, 1), active_only=False,
                                       kinds=tracker.KINDS, statuses=tracker.STATUSES)
    spec = timeline_chart(points, windows, TODAY).to_dict()
    text = repr({k: v for k, v in spec.items() if k not in ("datasets", "data")})
    assert "alert(1)" not in text  # not in any expression, filter or encoding
    assert "alert(1)" in repr(spec.get("datasets"))
    plan_spec = plan_chart(timing.plan(D(2026, 11, 2), "", today=TODAY), TODAY).to_dict()
    assert "Today, Wed 25 Nov" in repr(plan_spec)  # followup.dates, day first by default


def test_timeline_legend_lists_only_kinds_present_with_fixed_colours():
    log = [app(1, "Acme", events=[("interview", D(2026, 11, 2), True, ""), ("call", D(2026, 11, 9), False, "")])]
    points, windows, _ = timeline_rows(log, {}, D(2026, 10, 1), D(2026, 12, 1), active_only=False,
                                       kinds=tracker.KINDS, statuses=tracker.STATUSES)
    spec = timeline_chart(points, windows, TODAY).to_dict()
    scales = [l["encoding"]["color"]["scale"] for l in spec["layer"] if "color" in l.get("encoding", {})]
    assert scales and all(sc["domain"] == ["Interview", "Call"] for sc in scales)
    assert all(sc["range"] == ["#1f77b4", "#9467bd"] for sc in scales)
