"""End-to-end: the follow-up timeline in headless Chromium against `streamlit run`."""
from __future__ import annotations

import datetime as dt
import http.server
import threading
import uuid

import pytest
from playwright.sync_api import expect

from followup import tracker
from followup import workspace
from followup.log import keys
from scripts import seed
from followup.plan import timing
from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def timeline(page, url: str) -> None:
    page.goto(url.rstrip("/") + "/timeline" if "?" not in url else url)
    wait_for_app(page)
    # A first-visit deep link on a fresh server opens the page itself, with no "Page not found"
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0)


def add_application(page, company: str) -> None:
    page.locator(".st-key-tl_add_company input").fill(company)
    page.locator(".st-key-tl_add_submit button").click()
    wait_for_app(page)


def log_event(page, note: str) -> None:
    page.get_by_role("tab", name="📝 Log event").click()
    wait_for_app(page)  # the tabs are lazy: opening one reruns the page
    page.locator(".st-key-tl_ev_note textarea").fill(note)
    page.locator(".st-key-tl_ev_submit button").click()
    wait_for_app(page)


def chart_points(page):
    return page.locator("[data-testid='stVegaLiteChart'] svg.marks .mark-symbol.role-mark path")


def test_add_see_reload_restart(streamlit_server_factory, page, outside_requests, tmp_path):
    data = str(tmp_path / "kept")
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    timeline(page, server.url)
    expect(page.locator("h1")).to_contain_text("Follow-up timeline")
    add_application(page, "Northwind Traders")
    log_event(page, "Sent my CV")
    expect(chart_points(page)).to_have_count(1)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_contain_text("Northwind Traders")

    page.reload()
    wait_for_app(page)
    expect(chart_points(page)).to_have_count(1)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_contain_text("Northwind Traders")

    server.stop()
    server2 = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    timeline(page, server2.url)
    expect(chart_points(page)).to_have_count(1)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_contain_text("Northwind Traders")
    assert outside_requests == []


def test_shared_mode_second_browser_sees_nothing_of_the_first(streamlit_server_factory, browser, page):
    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})
    marker = "Marker" + uuid.uuid4().hex[:10]
    timeline(page, server.url)
    expect(page.get_by_text("This is your private workspace")).to_be_visible()
    add_application(page, marker)
    log_event(page, marker)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_contain_text(marker)
    assert "key=" in page.url
    link = page.url

    other = browser.new_context()
    try:
        p2 = other.new_page()
        timeline(p2, server.url)
        expect(p2.locator("h1")).to_contain_text("Follow-up timeline")
        expect(p2.get_by_text("Nothing logged yet")).to_be_visible()
        assert marker not in p2.content()
        assert p2.url != link
        # the private link brings the first visitor's log back, in any browser
        timeline(p2, link)
        expect(p2.locator("[data-testid='stVegaLiteChart']")).to_contain_text(marker)
    finally:
        other.close()


class _Listener:
    def __init__(self):
        hits = self.hits = []

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), H)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def test_html_payloads_do_nothing(streamlit_server_factory, page, outside_requests, tmp_path):
    listener = _Listener()
    try:
        px = f"http://127.0.0.1:{listener.port}/px"
        payloads = ['<img src=x onerror="alert(1)">', f'<img src="{px}">',
                    '<iframe srcdoc="<script>alert(2)</script>"></iframe>',
                    '<object data="data:text/html,<script>alert(3)</script>"></object>',
                    "[x](javascript:alert(4))", f"![p]({px})", ":red[boss]"]
        data = tmp_path / "xss"
        eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(data)}, {})["url"])
        today = dt.date.today()
        for i, p in enumerate(payloads):
            # another payload as the role: the three cards show six of the seven
            tracker.add_application(eng, "local", company=p, role=payloads[(i + 3) % len(payloads)], contact=p,
                                    said=p, events_=[
                {"kind": "interview", "date": today - dt.timedelta(days=i), "done": True, "note": p}])
        eng.dispose()
        server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": str(data)})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        timeline(page, server.url + "/timeline?x=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(9)%3E")
        expect(chart_points(page)).to_have_count(len(payloads))
        # the text shows literally (escaped Markdown in "What's next")
        cards = page.locator("[class*='st-key-tl_next_']")
        expect(cards).to_have_count(3)  # the most urgent three; the other four in the table below them
        shown = "\n".join(cards.all_inner_texts()).replace("\u2060", "")  # escape()'s invisible word joiner in "://"
        assert sum(p in shown for p in payloads) >= 5, shown
        # open the tabs that show user text
        for tab in ("✏️ Edit", "📝 Log event"):
            page.get_by_role("tab", name=tab).click()
            wait_for_app(page)
        page.get_by_text("Show the timeline as a table").click()
        wait_for_app(page)
        page.wait_for_timeout(500)
        assert dialogs == []
        assert listener.hits == []
        assert outside_requests == []
        assert page.locator("[data-testid=stMain] iframe, [data-testid=stMain] object").count() == 0
        assert page.locator(f"[data-testid=stMain] img[src*='127.0.0.1:{listener.port}']").count() == 0
    finally:
        listener.close()


def seed_job_search(data_dir: str, today: dt.date) -> None:
    """A realistic job search, as a new user would log it."""
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data_dir}, {})["url"])
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    tracker.add_application(eng, "local", company="Northwind Traders", role="Data Analyst", contact="Priya Shah",
                            said="We'll decide by the end of next week", events_=[
                                {"kind": "applied", "date": d(-21), "done": True, "note": "Applied online"},
                                {"kind": "interview", "date": d(-6), "done": True, "note": "Panel with Priya and 2 analysts"},
                                {"kind": "thank_you", "date": d(-5), "done": True, "note": "Emailed all three"}])
    tracker.add_application(eng, "local", company="Contoso Health", role="BI Developer", via_agency=True,
                            contact="Mark (agency)", events_=[
                                {"kind": "applied", "date": d(-14), "done": True, "note": ""},
                                {"kind": "interview", "date": d(-1), "done": True, "note": "Video call, went well"}])
    tracker.add_application(eng, "local", company="Fabrikam", role="Analytics Engineer", events_=[
        {"kind": "applied", "date": d(-10), "done": True, "note": ""},
        {"kind": "interview", "date": d(4), "done": False, "note": "On site, 10:00"}])
    tracker.add_application(eng, "local", company="Adventure Works", role="Data Analyst", status="rejected",
                            events_=[{"kind": "applied", "date": d(-30), "done": True, "note": ""},
                                     {"kind": "interview", "date": d(-20), "done": True, "note": ""},
                                     {"kind": "rejection", "date": d(-12), "done": True, "note": "Went with internal"}])
    eng.dispose()


def test_screenshot_a_real_looking_job_search(streamlit_server_factory, page, tmp_path):
    data = str(tmp_path / "demo")
    seed_job_search(data, dt.date.today())
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    page.set_viewport_size({"width": 1280, "height": 1600})
    timeline(page, server.url)
    expect(chart_points(page)).to_have_count(10)
    # four next steps (three active applications, the rejected one's after-rejection note, issue 15)
    expect(page.locator("[class*='st-key-tl_next_']")).to_have_count(3)  # the most urgent three as cards
    expect(page.locator(".st-key-tl_more_steps")).to_contain_text("1 more next step")
    screenshot(page, "timeline")


def test_readable_with_200_applications(streamlit_server_factory, page, tmp_path):
    data = str(tmp_path / "many")
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data}, {})["url"])
    seed.seed_events(eng, "local", 1000, start=dt.date.today() - dt.timedelta(days=300))
    eng.dispose()
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    page.set_viewport_size({"width": 1280, "height": 1400})
    timeline(page, server.url)
    # more than 20 applications: "active only" is on, the chart has a row per application
    expect(page.locator(".st-key-tl_active_only input")).to_be_checked()
    expect(page.locator("[data-testid='stVegaLiteChart'] svg.marks")).to_be_visible()
    expect(page.locator("[class*='st-key-tl_next_']").first).to_be_visible()
    screenshot(page, "timeline-200")


def test_10000_events_render_in_the_browser(streamlit_server_factory, page, tmp_path):
    """A log of 10,000 events (a size the import accepts) draws: the chart shows the most recently
    active applications and says so, and no error is on the page."""
    from followup import charts

    data = str(tmp_path / "huge")
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data}, {})["url"])
    seed.seed_events(eng, "local", 10_000, start=dt.date.today() - dt.timedelta(days=330))
    eng.dispose()
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    page.set_viewport_size({"width": 1280, "height": 1400})
    timeline(page, server.url)
    expect(page.locator("[data-testid='stVegaLiteChart'] svg.marks")).to_be_visible()
    expect(page.get_by_text("most recently active", exact=False)).to_be_visible()
    assert 0 < chart_points(page).count() <= charts.MAX_CHART_ROWS * 5
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    screenshot(page, "timeline-10000")


def test_shared_mode_workspace_tab(streamlit_server_factory, page):
    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})
    timeline(page, server.url)
    add_application(page, "Litware")
    page.get_by_role("tab", name="💾 My data").click()
    wait_for_app(page)
    key = page.url.split("key=", 1)[1].split("&", 1)[0]
    expect(page.locator(".stCode").first).to_contain_text(f"?key={key}")
    expect(page.get_by_text("host may erase")).to_be_visible()  # in the same tab
    screenshot(page, "timeline-shared")


def test_new_user_logs_an_interview_closes_the_browser_and_comes_back(streamlit_server_factory, browser,
                                                                       page, outside_requests):
    server = streamlit_server_factory()
    timeline(page, server.url)
    expect(page.get_by_text("Nothing logged yet")).to_be_visible()
    page.locator(".st-key-tl_add_company input").fill("Tailspin Toys")
    page.locator(".st-key-tl_add_role input").fill("Product Analyst")
    page.locator(".st-key-tl_add_said input").fill("We'll get back to you by Friday")
    page.locator(".st-key-tl_add_interview").get_by_role("button").first.click()  # "Choose date"
    today = dt.date.today()
    page.get_by_role("button", name=f"{today:%A}, {today:%B} {today.day}, {today.year}").click()
    page.locator(".st-key-tl_add_submit button").click()
    wait_for_app(page)
    card = page.locator("[class*='st-key-tl_next_']")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Send a thank-you note")
    expect(card).to_contain_text("Tailspin Toys")
    # Today, if it is a business day in the US (the form's default country); on a public holiday
    # such as Thanksgiving, the next business day.
    thank_you = next(s for s in timing.plan(today, "We'll get back to you by Friday", country="US",
                                            today=today).steps if s.kind == "thank_you")
    expect(card).to_contain_text("Do it today" if thank_you.date == today else "Coming up")
    expect(chart_points(page)).to_have_count(1)
    page.context.close()  # the browser is closed

    back = browser.new_context().new_page()
    timeline(back, server.url)
    card = back.locator("[class*='st-key-tl_next_']")
    expect(card).to_contain_text("Send a thank-you note")
    back.locator(".st-key-tl_done_1_thank_you button").click()  # one click: sent
    wait_for_app(back)
    expect(back.locator("[class*='st-key-tl_next_']")).to_contain_text("follow-up")
    expect(chart_points(back)).to_have_count(2)
    back.context.close()
    assert outside_requests == []


def test_private_link_works_on_a_freshly_started_server(streamlit_server_factory, page, tmp_path):
    """Community Cloud wakes a fresh server: the bookmarked link is its first visitor."""
    data = str(tmp_path / "woken")
    key = workspace.new_key()
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data}, {})["url"])
    keys.register(eng, workspace.key_owner(key))  # as the app records every key it makes
    tracker.add_application(eng, workspace.key_owner(key), company="Bookmarked Co", events_=[
        {"kind": "applied", "date": dt.date.today(), "done": True, "note": ""}])
    eng.dispose()
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data, "FOLLOWUP_SHARED": "1"})
    timeline(page, f"{server.url}/timeline?key={key}")
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_contain_text("Bookmarked Co")
    assert page.url.endswith(f"key={key}")


def test_done_on_a_chosen_day_then_undo(streamlit_server_factory, page, tmp_path):
    """Issue 15 in Chromium: a step logged as done on another day (the card's popover), then Undo
    puts the log back as it was."""
    data = str(tmp_path / "undo")
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data}, {})["url"])
    today = dt.date.today()
    app_id = tracker.add_application(eng, "local", company="Undo Ltd", events_=[
        {"kind": "interview", "date": today - dt.timedelta(days=3), "done": True, "note": ""}])
    before = [(e["kind"], e["date"], e["done"]) for e in tracker.list_events(eng, "local")]
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    timeline(page, server.url)
    card = page.locator(f".st-key-tl_next_{app_id}")
    expect(card).to_contain_text("Send a thank-you note")
    card.get_by_role("button", name="📅 Done another day").click()
    day = today - dt.timedelta(days=2)
    date_box = page.locator(f".st-key-tl_done_on_{app_id}_thank_you input")
    date_box.fill(day.isoformat())
    date_box.press("Enter")
    page.locator(f".st-key-tl_done_on_btn_{app_id}_thank_you button").click()
    wait_for_app(page)
    expect(page.locator(".st-key-tl_undo_box")).to_contain_text("Logged on")
    after = [(e["kind"], e["date"], e["done"]) for e in tracker.list_events(eng, "local")]
    assert ("thank_you", day, True) in after and len(after) == len(before) + 1
    page.get_by_role("button", name="↩️ Undo").click()
    wait_for_app(page)
    expect(page.get_by_text("Undone:")).to_be_visible()
    assert [(e["kind"], e["date"], e["done"]) for e in tracker.list_events(eng, "local")] == before
    expect(page.locator(f".st-key-tl_next_{app_id}")).to_contain_text("Send a thank-you note")
    eng.dispose()


def test_add_form_details_in_their_popover(streamlit_server_factory, page):
    """The add form's industry, country, region and agency sit in a popover inside the form: the
    country list (250 names) is not drawn until it is opened (a quarter of what the browser redrew on
    every click elsewhere on the page), and what is picked there is saved with the application."""
    server = streamlit_server_factory()
    timeline(page, server.url)
    expect(page.locator(".st-key-tl_add_company input")).to_be_visible()
    expect(page.locator(".st-key-tl_add_country")).to_have_count(0)
    page.get_by_role("button", name="⚙️ Industry, country (for holidays) and agency").click()
    country = page.locator("[data-testid=stPopoverBody] .st-key-tl_add_country").get_by_role("combobox")
    expect(country).to_be_visible()
    country.click()
    page.keyboard.type("Germany")
    page.get_by_role("option", name="Germany (DE)").click()
    page.keyboard.press("Escape")  # closes the popover; nothing is sent until the form is
    expect(page.locator(".st-key-tl_add_country")).to_have_count(0)
    add_application(page, "Fabrikam Berlin")
    expect(page.locator("[data-testid=stAlert]", has_text="Added Fabrikam Berlin.").first).to_be_visible()
    page.get_by_role("tab", name="✏️ Edit").click()
    wait_for_app(page)
    expect(page.locator("[class*='st-key-tl_edit_country_']").get_by_role("combobox")).to_have_value("Germany (DE)")


def test_add_form_clears_after_a_save_and_a_second_click_adds_nothing(streamlit_server_factory, page, tmp_path):
    """After *➕ Add application* the form is empty again in the browser (the callback used to drop the
    widgets' state, which the browser kept showing, so a second click added a duplicate), and the
    confirmation is next to the form, where a phone's screen is."""
    data = str(tmp_path / "add")
    server = streamlit_server_factory({"FOLLOWUP_DATA_DIR": data})
    page.set_viewport_size({"width": 390, "height": 844})
    timeline(page, server.url)
    page.locator(".st-key-tl_add_role input").fill("Analyst")
    page.locator(".st-key-tl_add_said input").fill("by Friday")
    add_application(page, "Initech")
    expect(page.locator(".st-key-tl_add_done")).to_contain_text("Added Initech")
    expect(page.locator(".st-key-tl_add_done")).to_be_in_viewport()
    for field in ("company", "role", "said"):
        expect(page.locator(f".st-key-tl_add_{field} input")).to_have_value("")
    page.locator(".st-key-tl_add_submit button").click()  # the same button again
    wait_for_app(page)
    eng = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data}, {})["url"])
    assert [a["company"] for a in tracker.list_applications(eng, "local")] == ["Initech"]
    eng.dispose()
