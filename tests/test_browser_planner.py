"""The wait-time planner in headless Chromium against a real Streamlit server: fill the form,
see the plan and its chart, download the .ics and parse it."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    # A tall window: Streamlit scrolls inside its own container, so a screenshot shows the viewport.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 3000},
            "timezone_id": "Europe/Berlin", "locale": "en-GB", "accept_downloads": True}


def open_planner(page, server, query: str = ""):
    page.goto(server.url + "/")  # the first visit runs st.navigation, so deep links work from then on
    wait_for_app(page)
    page.goto(server.url + "/planner" + (f"?{query}" if query else ""))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Wait-time planner")).to_be_visible()


def set_date(page, d: dt.date):
    for part, value in (("year", f"{d.year}"), ("month", f"{d.month:02d}"), ("day", f"{d.day:02d}")):
        seg = page.locator(f".st-key-interview [aria-label='{part}, Interview date']")
        seg.click()
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_fill_the_form_see_the_plan_download_the_ics(page, app_server, outside_requests):
    open_planner(page, app_server)
    set_date(page, dt.date(2026, 3, 2))
    said = page.locator(".st-key-said input")
    said.fill("2-3 weeks")
    said.press("Enter")
    wait_for_app(page)
    page.locator(".st-key-country").click()
    page.keyboard.type("Germany")
    page.keyboard.press("Enter")
    wait_for_app(page)

    expect(page.locator(".st-key-understood")).to_contain_text("A decision within 2-3 weeks: by Mon 23 Mar 2026.")
    expect(page.locator(".st-key-step_0")).to_contain_text("Send a thank-you note")
    expect(page.locator(".st-key-step_0")).to_contain_text("2 March 2026")
    expect(page.locator(".st-key-step_1")).to_contain_text("24 March 2026")
    expect(page.locator(".st-key-step_1")).to_contain_text("Tuesday")
    expect(page.locator(".st-key-step_3")).to_contain_text("keep the door open")
    link = page.locator(".st-key-step_1 a", has_text="Chris Havrilla").first
    expect(link).to_have_attribute("href", re.compile(r"/\?ref=q6-chris$"))
    expect(page.locator("[data-testid='stVegaLiteChart'] svg.marks, "
                        "[data-testid='stVegaLiteChart'] canvas").first).to_be_visible()
    assert re.search(r"interview=2026-03-02", page.url) and "country=DE" in page.url
    assert re.search(r"said=2-3(\+|%20)weeks", page.url)

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Add to calendar")).first.click()
    download = info.value
    assert download.suggested_filename == "follow-up-plan-2026-03-02.ics"
    text = open(download.path(), encoding="utf-8", newline="").read()
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = Calendar.from_ical(text).walk("VEVENT")
    starts = [e["DTSTART"].dt for e in events]
    assert starts[0] == dt.date(2026, 3, 2) and dt.date(2026, 3, 24) in starts and len(starts) == 4
    assert all("UID" in e and "DTSTAMP" in e for e in events)
    assert outside_requests == []


def test_screenshot_of_a_plan_in_progress(page, app_server, outside_requests):
    """The README's picture: an interview a few days ago, told "2-3 weeks" (Craig's words)."""
    interview = dt.datetime.now(ZoneInfo("Europe/Berlin")).date() - dt.timedelta(days=4)
    open_planner(page, app_server, f"interview={interview.isoformat()}&said=2-3+weeks&country=US")
    expect(page.locator(".st-key-next_step")).to_contain_text("Next:")
    expect(page.locator("[data-testid='stVegaLiteChart'] svg.marks, "
                        "[data-testid='stVegaLiteChart'] canvas").first).to_be_visible()
    page.wait_for_timeout(300)
    screenshot(page, "planner")
    assert outside_requests == []


def test_a_shared_link_reproduces_the_plan(page, app_server, outside_requests):
    open_planner(page, app_server, "interview=2025-12-10&said=it+would+be+a+while+due+to+the+holidays"
                                   "&country=US&industry=advertising")
    expect(page.locator(".st-key-understood")).to_contain_text("after the end-of-year holidays")
    expect(page.locator(".st-key-said input")).to_have_value("it would be a while due to the holidays")
    expect(page.locator("[data-testid=stMain]")).to_contain_text("Send a holiday card")
    expect(page.locator("[data-testid=stMain]")).to_contain_text("5 January 2026")  # advertising: Mon 5 Jan
    assert outside_requests == []


def test_hostile_text_shows_literally_and_runs_nothing(page, app_server, outside_requests):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_planner(page, app_server)
    payload = '<img src=x onerror=alert(1)><iframe srcdoc="<script>alert(2)</script>"> ![p](http://127.0.0.1:9/px)'
    said = page.locator(".st-key-said input")
    said.fill(payload)
    said.press("Enter")
    wait_for_app(page)
    expect(page.locator(".st-key-understood")).to_contain_text("Not understood")
    expect(said).to_have_value(payload[:300])
    page.wait_for_timeout(500)
    assert dialogs == [] and outside_requests == []
    assert page.locator("[data-testid=stMain] iframe, [data-testid=stMain] img[src='x']").count() == 0
