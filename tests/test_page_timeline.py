"""AppTest of the timeline page: adding, what's next, chart data, privacy between sessions,
uploads (hostile and good), and user text rendered as text."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from followup import tracker, workspace
from followup.log import exports

PAGE = "pages/log/timeline.py"
PAYLOADS = ['<img src=x onerror="alert(1)">', '<iframe srcdoc="<script>alert(2)</script>"></iframe>',
            "[x](javascript:alert(3))", "![p](http://127.0.0.1:9/px)", ":red[boss]"]


def open_page(app_test, query: dict | None = None, tz: str = "UTC"):
    at = app_test().run()  # AppTest starts on the default page; the query is the timeline's own
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.session_state["app_page"] = None  # as if the browser opened this address (not a page switch)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


# Export, import, the private link and deleting everything share one tab ("My data"), so that the
# tab bar fits a phone's width.
TABS = {"add": "➕ Add", "event": "📝 Log event", "edit": "✏️ Edit",
        "data": "💾 My data", "workspace": "💾 My data", "delete": "💾 My data"}


def tab(at, name: str):
    """Open a tab (the page's tabs are lazy: only the open one runs)."""
    at.session_state["tl_tabs"] = TABS[name]
    at.run()
    assert not at.exception, at.exception
    return at


def every_tab_text(at) -> str:
    """The text of the page with each of its tabs open in turn."""
    labels = [TABS[n] for n in ("add", "event", "edit", "data")]
    parts = []
    for label in labels:
        at.session_state["tl_tabs"] = label
        at.run()
        assert not at.exception, at.exception
        parts.append(page_text(at))
    return "\n".join(parts)


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        yield from walk(child)


def page_text(at) -> str:
    """Everything the page sent: every element's proto as text (chart specs and table data too)."""
    parts = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
            spec = getattr(proto, "spec", None)
            if isinstance(spec, str):
                parts.append(spec)
            for ds in getattr(proto, "datasets", []) or []:
                import pyarrow as pa

                parts.append(str(pa.ipc.open_stream(ds.data.data).read_all().to_pylist()))
    return "\n".join(parts)


def add_application(at, company: str, interview: dt.date | None = None, **fields):
    at.text_input(key="tl_add_company").input(company)
    for k, v in fields.items():
        at.text_input(key=f"tl_add_{k}").input(v)
    if interview is not None:
        at.date_input(key="tl_add_interview").set_value(interview)
    at.button(key="tl_add_submit").click().run()
    assert not at.exception, at.exception
    return at


def chart_rows(at) -> list[dict]:
    """The rows of every dataset of the page's chart (Streamlit sends them as Arrow)."""
    import pyarrow as pa

    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert charts, "no chart on the page"
    rows = []
    for ds in charts[0].proto.datasets:
        rows.extend(pa.ipc.open_stream(ds.data.data).read_all().to_pylist())
    for data in json.loads(charts[0].proto.spec).get("datasets", {}).values():
        rows.extend(data)
    return rows


# --- a new user ------------------------------------------------------------------------------------
def test_empty_page_says_what_to_do(app_test, data_dir):
    at = open_page(app_test)
    assert at.title[0].value.startswith("🗂️")
    assert any("Add your first application" in i.value for i in at.info)


def test_add_application_then_see_next_step_chart_and_table(app_test, engine):
    today = dt.datetime.now(dt.timezone.utc).date()
    at = open_page(app_test)
    add_application(at, "Acme Analytics", interview=today - dt.timedelta(days=1), role="Data analyst")
    assert tracker.count_rows(engine, "local") == (1, 1)
    # What's next: the planner's first step (thank-you) with a one-click button
    done = [b for b in at.button if b.key and b.key.startswith("tl_done_")]
    assert done, "a next step with a done button"
    assert any("send a thank" in m.value.lower() for m in at.markdown)
    # the chart has the interview point, a window and today's rule
    rows = chart_rows(at)
    assert any(r.get("kind") == "Interview" and r.get("who") == "Acme Analytics – Data analyst" for r in rows)
    assert any("start" in r and "end" in r for r in rows), "the recommended window is shaded"
    assert any(r.get("today") == today.isoformat() for r in rows)
    # one click logs the step as done
    done[0].click().run()
    assert not at.exception
    evs = tracker.list_events(engine, "local")
    assert [(e["kind"], e["done"]) for e in evs][-1] == ("thank_you", True)
    assert any("Logged" in s.value for s in at.success)


def test_validation_message_next_to_the_field(app_test, engine):
    at = open_page(app_test)
    at.button(key="tl_add_submit").click().run()
    assert any("Company is required" in e.value for e in at.error)
    at.text_input(key="tl_add_company").input("Acme")
    at.text_input(key="tl_add_subdivision").input("ZZ")
    at.button(key="tl_add_submit").click().run()
    assert any("Region code is not a region of US" in e.value for e in at.error)
    assert tracker.count_rows(engine) == (0, 0)


def test_log_edit_and_delete_an_event(app_test, engine):
    app_id = tracker.add_application(engine, "local", company="Beta")
    at = tab(open_page(app_test), "event")
    at.selectbox(key="tl_ev_kind").set_value("call")
    at.text_area(key="tl_ev_note").input("Called Sam")
    at.button(key="tl_ev_submit").click().run()
    assert not at.exception
    (ev,) = tracker.list_events(engine, "local", app_id)
    assert (ev["kind"], ev["note"], ev["done"]) == ("call", "Called Sam", True)
    tab(at, "edit")
    at.text_area(key=f"tl_edit_ev_note_{ev['id']}").input("Called Sam again")
    at.button(key=f"tl_edit_ev_save_{ev['id']}").click().run()
    assert tracker.list_events(engine, "local", app_id)[0]["note"] == "Called Sam again"
    at.button(key=f"tl_del_ev_{ev['id']}").click().run()
    assert tracker.count_rows(engine, "local") == (1, 0)
    at.selectbox(key=f"tl_edit_status_{app_id}").set_value("rejected")
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert tracker.get_application(engine, "local", app_id)["status"] == "rejected"
    at.button(key=f"tl_del_app_{app_id}").click().run()
    assert tracker.count_rows(engine, "local") == (0, 0)


def test_data_is_there_in_a_new_session(app_test, engine):
    add_application(open_page(app_test), "Persistent Co")
    at2 = open_page(app_test)
    assert "Persistent Co" in page_text(tab(at2, "edit"))


# --- privacy ----------------------------------------------------------------------------------------
def test_two_shared_sessions_do_not_see_each_other(app_test, engine, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    marker = "MARK" + uuid.uuid4().hex
    a = open_page(app_test)
    key_a = a.query_params["key"]
    key_a = key_a[0] if isinstance(key_a, list) else key_a
    assert workspace.valid_key(key_a)
    add_application(a, f"{marker} Inc", interview=dt.date.today(), contact=marker)
    assert marker in every_tab_text(a)
    owner_a = workspace.key_owner(key_a)
    assert tracker.count_rows(engine, owner_a) == (1, 1)

    b = open_page(app_test)
    assert marker not in every_tab_text(b)
    key_b = b.query_params["key"]
    key_b = key_b[0] if isinstance(key_b, list) else key_b
    assert key_b != key_a
    # B's private link is shown; A's key is nowhere on B's page
    tab(b, "workspace")
    assert any(key_b in c.value for c in b.code)
    assert key_a not in every_tab_text(b)

    # coming back with A's link shows A's data
    a2 = open_page(app_test, {"key": key_a})
    assert marker in every_tab_text(a2)


def test_delete_my_workspace(app_test, engine, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    a = open_page(app_test)
    add_application(a, "Doomed Co")
    key = a.query_params["key"]
    key = key[0] if isinstance(key, list) else key
    other = tracker.add_application(engine, "someone-else", company="Safe Co")
    tab(a, "workspace")
    a.checkbox(key="tl_delete_ws_sure").check().run()
    a.button(key="tl_delete_ws").click().run()
    assert not a.exception
    assert tracker.count_rows(engine, workspace.key_owner(key)) == (0, 0)
    assert tracker.get_application(engine, "someone-else", other) is not None


def test_shared_sqlite_shows_the_erase_notice_next_to_exports(app_test, engine, monkeypatch):
    at = tab(open_page(app_test), "data")
    assert not any("host may erase" in w.value for w in at.warning)
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    at = tab(open_page(app_test), "data")
    assert any("host may erase" in w.value for w in at.warning)


# --- user text renders as text ------------------------------------------------------------------------
def only_the_static_style(at) -> bool:
    """The only raw HTML on the page is the frame's static style block (app.py), no user text in it."""
    bodies = [h.proto.body for h in at.get("html")]
    return len(bodies) <= 1 and all(b.startswith("<style>") and b.rstrip().endswith("</style>")
                                    and b.count("<") == 2 and not any(p in b for p in PAYLOADS) for b in bodies)


def test_payloads_render_as_text(app_test, engine):
    app_id = tracker.add_application(engine, "local", company=PAYLOADS[0], role=PAYLOADS[2],
                                      contact=PAYLOADS[3], events_=[{"kind": "interview", "date": dt.date.today(),
                                                                     "done": True, "note": PAYLOADS[1]}])
    tracker.add_application(engine, "local", company=PAYLOADS[4], role=PAYLOADS[1])
    at = open_page(app_test, {"x": PAYLOADS[0]})
    at.toggle(key="tl_show_table").set_value(True).run()
    checked = 0
    for name in ("add", "event", "edit", "data", "delete"):
        tab(at, name)
        for node in walk(at._tree):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            assert not getattr(proto, "allow_html", False), "no element may render raw HTML"
            body = getattr(proto, "body", None)
            # Markdown-rendering elements (st.text's Text proto is inert and may hold the raw text)
            if isinstance(body, str) and proto.DESCRIPTOR.name in ("Markdown", "Alert", "Heading", "Toast"):
                checked += 1
                for p in PAYLOADS:
                    assert p not in body, f"unescaped payload in Markdown: {body!r}"
        assert only_the_static_style(at) and not at.get("iframe")
    assert checked > 20
    assert any("\\<img" in m.value for m in at.markdown), "the company shows, escaped"
    assert only_the_static_style(at) and not at.get("iframe")
    assert tracker.get_application(engine, "local", app_id)["company"] == PAYLOADS[0]


def test_no_dataframe_download_and_safe_exports(app_test, engine):
    tracker.add_application(engine, "local", company="=HYPERLINK(\"http://x\")", events_=[
        {"kind": "call", "date": dt.date(2026, 1, 2), "done": False, "note": "+1 555"}])
    csv_bytes = exports.to_csv(tracker.load_log(engine, "local"))
    assert b"\"'=HYPERLINK" in csv_bytes and b",'+1 555" in csv_bytes
    at = tab(open_page(app_test), "data")
    assert [b.key for b in at.get("download_button")] == ["tl_export_csv", "tl_export_json", "tl_export_ics"]
    from pathlib import Path
    cfg = (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text()
    assert "disableDataExport = true" in cfg


# --- uploads -----------------------------------------------------------------------------------------
def upload(at, name: str, data: bytes, mime="text/csv"):
    at.file_uploader(key="tl_import_file").upload(name, data, mime)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("name", ["wrong columns", "cp1252", "utf16 no bom", "empty", "header only",
                                  "nul bytes", "too many rows", "deep json", "json wrong types",
                                  "feb 29 2025", "31/02/2025", "ambiguous", "duplicates"])
def test_hostile_upload_shows_a_message_and_stores_nothing(app_test, engine, name):
    from tests.test_exports import HOSTILE

    tracker.add_application(engine, "local", company="Keep")
    before = tracker.count_rows(engine)
    data, message = HOSTILE[name]
    at = tab(open_page(app_test), "data")
    upload(at, "up.json" if "json" in name else "up.csv", data,
           "application/json" if "json" in name else "text/csv")
    assert any("Nothing was imported" in e.value for e in at.error)
    assert any(message.lower() in c.value.lower() for c in at.code), [c.value for c in at.code]
    assert not [b for b in at.button if b.key == "tl_import_go"]
    assert tracker.count_rows(engine) == before


def test_good_upload_preview_then_import_once(app_test, engine):
    log = [{"uid": "imp1", "company": "Imported Co", "role": "", "contact": "", "via_agency": False,
            "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
            "events": [{"uid": "ie1", "kind": "applied", "date": dt.date(2026, 2, 1), "done": True, "note": "x"},
                       {"uid": "ie2", "kind": "call", "date": dt.date(2026, 2, 9), "done": False, "note": ""}]}]
    data = exports.to_csv(log)
    at = tab(open_page(app_test), "data")
    upload(at, "backup.csv", data)
    assert any("Preview: 1 application(s) and 2 event(s)" in t.value for t in at.text)
    assert tracker.count_rows(engine) == (0, 0), "nothing is written before the button"
    at.button(key="tl_import_go").click().run()
    assert tracker.count_rows(engine) == (1, 2)
    # the same file again adds nothing
    at = tab(open_page(app_test), "data")
    upload(at, "backup.csv", data)
    at.button(key="tl_import_go").click().run()
    assert tracker.count_rows(engine) == (1, 2)
    assert any("skipped 3 already there" in s.value for s in at.success)


def test_edit_application_fields_with_validation(app_test, engine):
    app_id = tracker.add_application(engine, "local", company="Gamma")
    at = tab(open_page(app_test), "edit")
    at.text_input(key=f"tl_edit_company_{app_id}").input(" ")
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert any("Company is required" in e.value for e in at.error)
    at.text_input(key=f"tl_edit_company_{app_id}").input("Gamma Plc")
    at.text_input(key=f"tl_edit_sub_{app_id}").input("ZZ")
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert any("Region code is not a region of US" in e.value for e in at.error)
    assert tracker.list_applications(engine, "local")[0]["company"] == "Gamma", "nothing saved on bad input"
    at.selectbox(key=f"tl_edit_country_{app_id}").set_value("GB")
    at.text_input(key=f"tl_edit_sub_{app_id}").input("eng")
    at.text_input(key=f"tl_edit_said_{app_id}").input("in two weeks")
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert not at.exception
    got = tracker.get_application(engine, "local", app_id)
    assert (got["company"], got["country"], got["subdivision"], got["said"]) == ("Gamma Plc", "GB", "ENG", "in two weeks")


def test_timeline_as_a_table(app_test, engine):
    tracker.add_application(engine, "local", company="Tabled", events_=[
        {"kind": "call", "date": dt.date(2026, 1, 2), "done": True, "note": "table note"}])
    at = open_page(app_test)
    assert not at.dataframe
    at.toggle(key="tl_show_table").set_value(True).run()
    df = at.dataframe[0].value
    assert list(df["Company"]) == ["Tabled"] and list(df["Note"]) == ["table note"]


# --- issue 15: one truth across pages --------------------------------------------------------------
def test_same_status_as_the_planner_for_the_same_step(app_test, engine):
    """The case of tests/test_page_planner.py: interviewed on the last business day, the thank-you
    is "Do it today" on both pages (one function: followup.plan.status.step_status)."""
    from followup.plan import timing
    from followup.plan.status import LABELS
    today = dt.datetime.now(dt.timezone.utc).date()
    interview = timing.business_calendar("US", None, today.year).sub(today, 1)
    planner_status = timing.plan(interview, "", today=today).step("thank_you").status
    assert planner_status == "today"
    at = add_application(open_page(app_test), "Acme", interview=interview)
    card = at.get_by_key(next(k for k in (f"tl_next_{a['id']}" for a in tracker.load_log(engine, "local"))))
    text = " ".join(m.value for m in card.markdown)
    assert LABELS[planner_status] in text and "thank-you" in text.replace("\\", "").lower()


def test_dates_and_country_from_the_browser_locale(app_test, engine):
    us = app_test()
    us.context["locale"] = "en-US"
    us.run()
    us.switch_page(PAGE).run()
    gb = app_test()
    gb.context["locale"] = "en-GB"
    gb.run()
    gb.switch_page(PAGE).run()
    today = dt.datetime.now(dt.timezone.utc).date()
    from followup.dates import MONTH_NAMES, WEEKDAY_NAMES
    wd, mon = WEEKDAY_NAMES[today.weekday()], MONTH_NAMES[today.month - 1]
    assert f"Today is {wd}, {mon} {today.day}, {today.year}." in us.caption[0].value
    assert f"Today is {wd} {today.day} {mon} {today.year}." in gb.caption[0].value
    # the add form starts on the browser's country, as the planner does
    assert us.selectbox(key="tl_add_country").value == "US"
    assert gb.selectbox(key="tl_add_country").value == "GB"
    # and its date boxes take dates in the order the page writes them
    assert us.date_input(key="tl_add_interview").proto.format == "MM/DD/YYYY"
    assert gb.date_input(key="tl_add_interview").proto.format == "DD/MM/YYYY"


# --- one click, one run -------------------------------------------------------------------------------
def test_saving_runs_the_page_once_per_click(app_test, engine, monkeypatch):
    """Log event, Done today, edit, delete and import save in the button's callback, before the page
    runs, instead of saving during a run and then calling st.rerun() (which ran the page twice)."""
    from pages.log import ui_next

    app_id = tracker.add_application(engine, "local", company="Once Co", events_=[
        {"kind": "interview", "date": dt.date.today() - dt.timedelta(days=1), "done": True, "note": ""}])
    at = tab(open_page(app_test), "event")
    runs = []
    real = ui_next.whats_next
    monkeypatch.setattr(ui_next, "whats_next", lambda ctx, steps: (runs.append(1), real(ctx, steps)))
    at.selectbox(key="tl_ev_kind").set_value("call")
    at.text_area(key="tl_ev_note").input("one run")
    at.button(key="tl_ev_submit").click().run()
    def flashed():  # the success messages, Markdown escapes removed
        return [s.value.replace("\\", "") for s in at.success]

    assert len(runs) == 1 and "Logged call for Once Co." in flashed()
    assert at.text_area(key="tl_ev_note").value == "", "the note box is cleared after logging"
    runs.clear()
    done = [b for b in at.button if b.key and b.key.startswith("tl_done_")]
    done[0].click().run()
    assert len(runs) == 1 and any(m.startswith("Logged: ") for m in flashed())
    assert tracker.count_rows(engine, "local") == (1, 3)
    tab(at, "edit")
    runs.clear()
    at.button(key=f"tl_del_app_{app_id}").click().run()
    assert len(runs) == 1 and "Deleted Once Co and its 3 event(s)." in flashed()  # with Undo (issue 15)
    assert tracker.count_rows(engine, "local") == (0, 0)


def test_no_save_then_rerun_in_the_timeline():
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "pages" / "log"
    # one rerun is not a save: the timer fragment that puts the private key in the timeline's
    # address once after a page switch reruns the app to stop its own timer
    allowed = "st.rerun()  # a full run without this fragment stops its timer"
    offenders = [p.name for p in folder.glob("*.py") if "st.rerun(" in p.read_text().replace(allowed, "")]
    assert not offenders, f"save in the widget's callback instead of st.rerun(): {offenders}"


# --- scale --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [10_000, 50_000])
def test_a_large_log_renders_thinned_with_every_event_in_the_table(app_test, engine, n):
    """10,000 and 50,000 events (Altair's row limit used to stop the page at about 5,000 in view):
    the page renders, the chart draws the most recently active applications and says so, and the
    table, built when asked for, has every event."""
    from followup import charts
    from scripts import seed

    today = dt.datetime.now(dt.timezone.utc).date()
    seed.seed_events(engine, "local", n, start=today - dt.timedelta(days=330))
    at = open_page(app_test)
    rows = chart_rows(at)
    drawn = {r["application"] for r in rows if "application" in r}
    assert 0 < len(drawn) <= charts.MAX_CHART_ROWS
    assert any("most recently active" in c.value for c in at.caption)
    tables = len(at.dataframe)  # "more next steps" has one
    at.toggle(key="tl_active_only").set_value(False).run()
    assert len(at.dataframe) == tables, "no table until it is asked for"
    at.toggle(key="tl_show_table").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe) == tables + 1 and len(at.dataframe[-1].value) == n


def test_rerun_cost_at_10000_events_is_within_3x_of_1000(app_test, engine):
    """CPU per rerun (this process: the script runs in a thread of it) with 1,000 and then 10,000
    events in the log; the log is read again only when it changes."""
    import time

    from scripts import seed

    def cpu_per_rerun(at) -> float:
        at.run()  # the log has changed: read once
        t0 = time.process_time()
        for _ in range(5):
            at.run()
        return (time.process_time() - t0) / 5

    seed.seed_events(engine, "local", 1000)
    at = open_page(app_test)
    small = cpu_per_rerun(at)
    seed.seed_events(engine, "local", 9000)
    big = cpu_per_rerun(at)
    assert big < 3 * small, f"{big * 1000:.0f} ms per rerun at 10,000 events, {small * 1000:.0f} ms at 1,000"


def test_an_import_of_50000_rows_is_refused_with_the_limit_named(app_test, engine):
    """A backup of a 50,000-event log (10,000 applications) is over the import's limits (2 MB and
    10,000 rows per file): refused as a whole, with the limit in the message, nothing stored. The
    Import box states the limit before anyone tries."""
    from followup import tracker as t
    from followup.log import imports

    log = [{"uid": f"a{i}", "company": f"Co {i}", "role": "", "contact": "", "via_agency": False,
            "status": "active", "said": "", "industry": "general", "country": "US", "subdivision": "",
            "events": [{"uid": f"e{i}-{k}", "kind": "applied", "date": dt.date(2026, 1, 1) + dt.timedelta(days=k),
                        "done": True, "note": ""} for k in range(5)]} for i in range(10_000)]
    data = exports.to_csv(log)
    assert len(data) > imports.MAX_BYTES
    at = tab(open_page(app_test), "data")
    assert "10,000 rows" in at.file_uploader(key="tl_import_file").proto.label
    upload(at, "big.csv", data)
    assert any("Nothing was imported" in e.value for e in at.error)
    assert any("the limit is 2 MB (and 10,000 rows)" in c.value for c in at.code), [c.value for c in at.code]
    assert t.count_rows(engine) == (0, 0)
    # the row limit on its own: 12,000 rows in under 2 MB
    rows = exports.to_csv(log[:2400])
    assert len(rows) < imports.MAX_BYTES
    upload(at, "rows.csv", rows)
    assert any("12,000 rows; the limit is 10,000" in c.value for c in at.code), [c.value for c in at.code]
    assert t.count_rows(engine) == (0, 0)


# --- issue 15: outcomes close, done on a chosen day, undo ----------------------------------------------
def events_of(engine):
    return [(e["id"], e["uid"], e["kind"], e["date"], e["done"], e["note"]) for e in tracker.list_events(engine, "local")]


def yesterday_app(at, engine, company="Acme"):
    today = dt.datetime.now(dt.timezone.utc).date()
    add_application(at, company, interview=today - dt.timedelta(days=1))
    app_id = tracker.load_log(engine, "local")[-1]["id"]
    return today, app_id


def test_done_today_then_undo_puts_it_back(app_test, engine):
    at = open_page(app_test)
    today, app_id = yesterday_app(at, engine)
    before = events_of(engine)
    at.button(key=f"tl_done_{app_id}_thank_you").click().run()
    assert not at.exception and len(events_of(engine)) == len(before) + 1
    assert "Logged: Send a thank" in at.get_by_key("tl_undo_box").success[0].value.replace("\\", "")
    at.button(key="tl_undo_btn").click().run()
    assert not at.exception and events_of(engine) == before
    assert any("Undone" in s.value for s in at.success)
    assert not any(b.key == "tl_undo_btn" for b in at.button)  # offered once
    # the step is back on the card
    assert any(b.key == f"tl_done_{app_id}_thank_you" for b in at.button)


def test_done_on_a_chosen_day(app_test, engine):
    at = open_page(app_test)
    today, app_id = yesterday_app(at, engine)
    day = today - dt.timedelta(days=1)
    at.date_input(key=f"tl_done_on_{app_id}_thank_you").set_value(day)
    at.button(key=f"tl_done_on_btn_{app_id}_thank_you").click().run()
    assert not at.exception
    (ty,) = [e for e in tracker.list_events(engine, "local") if e["kind"] == "thank_you"]
    assert (ty["date"], ty["done"]) == (day, True)
    assert "Logged on" in at.get_by_key("tl_undo_box").success[0].value.replace("\\", "")


def test_delete_event_and_application_then_undo(app_test, engine):
    at = open_page(app_test)
    _, app_id = yesterday_app(at, engine, "Gamma")
    tracker.add_event(engine, "local", app_id, kind="call", date=dt.date(2026, 1, 5), done=True, note="Sam, 10 min")
    before, log_before = events_of(engine), tracker.load_log(engine, "local")
    at.run()
    tab(at, "edit")
    ev_id = at.selectbox(key=f"tl_edit_ev_{app_id}").value
    at.button(key=f"tl_del_ev_{ev_id}").click().run()
    assert not at.exception and len(events_of(engine)) == len(before) - 1
    at.button(key="tl_undo_btn").click().run()
    assert events_of(engine) == before
    tab(at, "edit")
    at.button(key=f"tl_del_app_{app_id}").click().run()
    assert not at.exception and tracker.count_rows(engine, "local") == (0, 0)
    assert "Deleted Gamma and its 2 event(s)." in at.get_by_key("tl_undo_box").success[0].value.replace("\\", "")
    at.button(key="tl_undo_btn").click().run()
    assert not at.exception and tracker.load_log(engine, "local") == log_before  # exactly, ids and uids too


def test_undo_is_never_offered_to_another_workspace(app_test, engine, monkeypatch):
    from followup.log import undo
    app_id = tracker.add_application(engine, "local", company="Mine")
    snap = undo.delete_application(engine, "local", app_id)
    at = open_page(app_test)
    at.session_state["tl_undo"] = {"owner": "someone-else", "message": "Deleted Mine.", "kind": "restore",
                                   "payload": snap}
    at.run()
    assert not any(b.key == "tl_undo_btn" for b in at.button)
    assert not undo.restore(engine, "local", {**snap, "owner": "someone-else"})


def log_rejection(app_test, engine, company: str):
    """The timeline with ``company``'s application (interviewed yesterday) and a rejection logged as done."""
    at = open_page(app_test)
    today, app_id = yesterday_app(at, engine, company)
    tab(at, "event")
    at.selectbox(key="tl_ev_kind").set_value("rejection")
    at.button(key="tl_ev_submit").click().run()
    assert not at.exception
    return at, today, app_id


def test_a_rejection_closes_the_application_and_offers_only_what_fits(app_test, engine):
    at, today, app_id = log_rejection(app_test, engine, "Delta")
    assert tracker.get_application(engine, "local", app_id)["status"] == "rejected"
    assert any("It closes the application: rejected." in s.value.replace("\\", "") for s in at.success)
    card = at.get_by_key(f"tl_next_{app_id}")
    text = " ".join(m.value for m in card.markdown) + " ".join(c.value for c in card.caption)
    assert "Reply to the rejection" in text and "thank you for their time and consideration" in text
    assert "(/?ref=q2-chris)" in text
    assert not any(b.key == f"tl_done_{app_id}_thank_you" for b in at.button)  # no more chasing
    links = [p for p in card.get("page_link")]
    assert any("kind=after_rejection" in str(p.proto) or "after_rejection" in str(p.proto) for p in links)
    at.button(key=f"tl_done_{app_id}_after_rejection").click().run()
    card = at.get_by_key(f"tl_next_{app_id}")
    assert "Keep the door open" in " ".join(m.value for m in card.markdown)
    assert "don’t lose the connection" in " ".join(c.value for c in card.caption)


def test_activity_report_tab_lists_the_range_and_downloads(app_test, engine):
    app_id = tracker.add_application(engine, "local", company="Acme", role="Analyst", contact="Priya", events_=[
        {"kind": "applied", "date": dt.date(2026, 3, 2), "done": True, "note": "online"},
        {"kind": "interview", "date": dt.date(2026, 3, 9), "done": True, "note": ""},
        {"kind": "follow_up_email", "date": dt.date(2026, 3, 30), "done": True, "note": ""}])
    tracker.add_event(engine, "local", app_id, kind="call", date=dt.date(2026, 3, 12), done=False, note="planned")
    at = open_page(app_test)
    assert not any(d.key == "tl_act_from" for d in at.date_input)  # the section is lazy: closed, it does not run
    at.session_state["tl_report"] = True  # open the report's section
    at.run()
    at.date_input(key="tl_act_from").set_value(dt.date(2026, 3, 1))
    at.date_input(key="tl_act_to").set_value(dt.date(2026, 3, 15)).run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe]  # the report's table (the only one on this tab)
    assert list(table["Method"]) == ["Application", "Interview"]  # the planned call and the 30th are not in it
    assert list(table["Employer"]) == ["Acme", "Acme"] and list(table["Person contacted"]) == ["Priya", "Priya"]
    assert "2 activities with 1 employer, 1 application sent." in " ".join(m.value for m in at.markdown)
    assert {b.key for b in at.get("download_button")} >= {"tl_act_csv", "tl_act_pdf"}


# --- the add form after a save -----------------------------------------------------------------------
def test_add_clears_the_form_says_so_beside_it_and_asks_before_the_same_again(app_test, engine):
    """After an add the form's boxes are set empty (the browser is sent the empty values: see
    tests/test_browser_timeline.py), the confirmation is beside the form as well as at the top, and
    the same company and role again a moment later is refused until the user ticks the box."""
    at = open_page(app_test)
    add_application(at, "Initech", interview=dt.date(2026, 1, 5), role="Analyst", said="by Friday")
    for key in ("tl_add_company", "tl_add_role", "tl_add_said"):
        box = at.text_input(key=key)
        assert box.value == "" and box.proto.set_value, key  # sent to the browser, not only forgotten
    assert at.date_input(key="tl_add_interview").value is None
    assert "Added Initech." in at.get_by_key("tl_add_done").success[0].value.replace("\\", "")
    assert sum("Added Initech." in s.value.replace("\\", "") for s in at.success) == 2  # and at the top
    add_application(at, "initech ", role="Analyst")  # a double click that sent the old values again
    assert tracker.count_rows(engine, "local") == (1, 1)
    assert any("You added initech – Analyst a few minutes ago" in w.value.replace("\\", "") for w in at.warning)
    assert at.text_input(key="tl_add_company").value == "initech ", "what was typed stays for a second look"
    at.checkbox(key="tl_add_again").check()
    at.button(key="tl_add_submit").click().run()
    assert tracker.count_rows(engine, "local") == (2, 1)
    add_application(at, "Initech", role="Designer")  # another role is another application
    assert tracker.count_rows(engine, "local") == (3, 1)


def test_deleting_a_rejection_reopens_the_application_and_undo_closes_it(app_test, engine):
    at, today, app_id = log_rejection(app_test, engine, "Globex")
    assert tracker.get_application(engine, "local", app_id)["status"] == "rejected"
    before = tracker.load_log(engine, "local")
    tab(at, "edit")
    (rejection,) = [e for e in before[0]["events"] if e["kind"] == "rejection"]
    at.selectbox(key=f"tl_edit_ev_{app_id}").set_value(rejection["id"]).run()
    at.button(key=f"tl_del_ev_{rejection['id']}").click().run()
    assert not at.exception
    assert tracker.get_application(engine, "local", app_id)["status"] == "active"
    assert "open again" in at.get_by_key("tl_undo_box").success[0].value
    card = " ".join(m.value for m in at.get_by_key(f"tl_next_{app_id}").markdown)
    assert "Reply to the rejection" not in card and "thank" in card.lower()
    # the Edit form's status box follows (a reviewer saved a typo fix and closed the application again)
    assert at.selectbox(key=f"tl_edit_status_{app_id}").value == "active"
    at.button(key="tl_undo_btn").click().run()
    assert tracker.load_log(engine, "local") == before  # the event and the status, exactly
    assert "Reply to the rejection" in " ".join(m.value for m in at.get_by_key(f"tl_next_{app_id}").markdown)
    undone = " ".join(a.value for a in at.success).replace("\\", "")
    assert "Undone: deleted the event rejection" in undone and "closed again: rejected" in undone
    assert "open again" not in undone  # it says what Undo did, not what the deletion had done
    assert at.selectbox(key=f"tl_edit_status_{app_id}").value == "rejected"
    at.selectbox(key=f"tl_edit_ev_{app_id}").set_value(rejection["id"]).run()
    at.button(key=f"tl_del_ev_{rejection['id']}").click().run()  # deleted again, then the application saved
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert tracker.get_application(engine, "local", app_id)["status"] == "active"


def test_edit_has_the_add_forms_limits_and_says_every_error(app_test, engine, monkeypatch):
    from followup.log.records import MAX_TEXT

    app_id = tracker.add_application(engine, "local", company="Long Co", role="Analyst", contact="Sam")
    at = tab(open_page(app_test), "edit")
    for field in ("company", "role", "contact", "said"):
        assert at.text_input(key=f"tl_edit_{field}_{app_id}").proto.max_chars == MAX_TEXT[field]
        assert at.text_input(key=f"tl_edit_{field}_{app_id}").proto.max_chars == (
            tab(at, "add").text_input(key=f"tl_add_{field}").proto.max_chars)
        tab(at, "edit")
    # A browser takes no more than max_chars (a longer paste is cut there, as Streamlit cuts what
    # arrives): a long role saves as its first 200 characters instead of being silently refused.
    at.text_input(key=f"tl_edit_role_{app_id}").set_value("R" * 250)  # set_value: past max_chars
    at.text_input(key=f"tl_edit_contact_{app_id}").set_value("C" * 201)
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    assert any("Saved." in s.value.replace("\\", "") for s in at.success)
    got = tracker.get_application(engine, "local", app_id)
    assert (got["role"], got["contact"]) == ("R" * 200, "C" * 200)
    # and whatever the engine refuses is said, field by field, with nothing saved
    refusal = {"role": "is too long (at most 200 characters)", "contact": "contains a NUL character",
               "status": "must be one of: active", "industry": "is too long (at most 50 characters)"}

    def refuse(*a, **k):
        raise tracker.ValidationError(refusal)

    monkeypatch.setattr(tracker, "update_application", refuse)
    at.text_input(key=f"tl_edit_role_{app_id}").set_value("Lead")
    at.button(key=f"tl_edit_save_{app_id}").click().run()
    errors = " ".join(e.value for e in at.error)
    for shown in ("Role is too long", "Contact contains a NUL character", "Status must be one of",
                  "Industry is too long"):
        assert shown in errors
    assert not any("Saved." in s.value.replace("\\", "") for s in at.success)
    assert tracker.get_application(engine, "local", app_id)["role"] == "R" * 200


def test_impossible_done_dates_are_refused_with_a_message(app_test, engine):
    at = open_page(app_test)
    today, app_id = yesterday_app(at, engine, "Globex")
    before = events_of(engine)
    tab(at, "event")
    at.selectbox(key="tl_ev_kind").set_value("rejection")
    at.date_input(key="tl_ev_date").set_value(today + dt.timedelta(weeks=5))
    at.button(key="tl_ev_submit").click().run()
    assert any("Date is later than today" in e.value for e in at.error)
    assert events_of(engine) == before and tracker.get_application(engine, "local", app_id)["status"] == "active"
    at.radio(key="tl_ev_state").set_value("planned")
    at.button(key="tl_ev_submit").click().run()  # planned, it may be in the future
    assert len(events_of(engine)) == len(before) + 1 and not at.error
    # the card's "Done another day": a thank-you a month before its interview
    at.date_input(key=f"tl_done_on_{app_id}_thank_you").set_value(today - dt.timedelta(days=31))
    at.button(key=f"tl_done_on_btn_{app_id}_thank_you").click().run()
    assert not at.exception
    assert any("Not logged: the day is before the interview of" in e.value.replace("\\", "") for e in at.error)
    assert not any(e["kind"] == "thank_you" for e in tracker.list_events(engine, "local"))


def test_messages_made_in_callbacks_write_dates_as_the_browser_does(app_test, engine):
    """en-US: "Logged on Sun, Nov 1, 2026", as the cards write dates, not "Sun 1 Nov 2026" (the
    callbacks run before the page's run sets the date style)."""
    from followup.dates import fmt_date

    today = dt.datetime.now(dt.timezone.utc).date()
    app_id = tracker.add_application(engine, "local", company="Globex", events_=[
        {"kind": "interview", "date": today - dt.timedelta(days=3), "done": True, "note": ""}])
    ev = tracker.add_event(engine, "local", app_id, kind="call", date=today - dt.timedelta(days=1), done=True, note="")
    at = app_test()
    at.context["locale"] = "en-US"
    at.run()
    at.session_state["app_page"] = None
    at.switch_page(PAGE).run()
    day = today - dt.timedelta(days=2)
    us, gb = fmt_date(day, "month_first"), fmt_date(day, "day_first")
    at.date_input(key=f"tl_done_on_{app_id}_thank_you").set_value(day)
    at.button(key=f"tl_done_on_btn_{app_id}_thank_you").click().run()
    message = at.get_by_key("tl_undo_box").success[0].value.replace("\\", "")
    assert f"Logged on {us}:" in message and gb not in message
    at.button(key="tl_undo_btn").click().run()
    assert any(f"Undone: logged on {us}:" in s.value.replace("\\", "") for s in at.success)
    tab(at, "edit")
    at.selectbox(key=f"tl_edit_ev_{app_id}").set_value(ev).run()
    at.button(key=f"tl_del_ev_{ev}").click().run()
    one_day = fmt_date(today - dt.timedelta(days=1), "month_first")
    assert f"of {one_day} (Globex)" in at.get_by_key("tl_undo_box").success[0].value.replace("\\", "")


def test_a_deleted_events_undo_is_also_beside_the_edit_form(app_test, engine):
    at = open_page(app_test)
    _, app_id = yesterday_app(at, engine, "Gamma")
    tracker.add_event(engine, "local", app_id, kind="call", date=dt.date(2026, 1, 5), done=True, note="Sam")
    before = events_of(engine)
    tab(at, "edit")
    ev_id = at.selectbox(key=f"tl_edit_ev_{app_id}").value
    at.button(key=f"tl_del_ev_{ev_id}").click().run()
    here = at.get_by_key("tl_undo_box_edit_event")
    assert "Deleted the event" in here.success[0].value and at.get_by_key("tl_undo_box")  # and at the top
    at.button(key="tl_undo_btn_edit_event").click().run()
    assert not at.exception and events_of(engine) == before
    assert not any(b.key and b.key.startswith("tl_undo_btn") for b in at.button)  # offered once, both gone
    at.button(key=f"tl_del_app_{app_id}").click().run()  # an action elsewhere: its Undo only at the top
    assert at.get_by_key("tl_undo_box") and not any(b.key == "tl_undo_btn_edit_event" for b in at.button)
