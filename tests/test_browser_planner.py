"""The wait-time planner in headless Chromium against a real Streamlit server: fill the form,
see the plan and its chart, download the .ics and parse it."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from followup.plan import timing
from tests.a11y import SERIOUS, overflowing
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
    # one date format: an en-GB browser's box reads day/month/year, the order the page writes dates in
    expect(page.locator(".st-key-interview [data-type]")).to_have_text(["02", "/", "03", "/", "2026"])
    said = page.locator(".st-key-said input")
    said.fill("2-3 weeks")
    said.press("Enter")
    wait_for_app(page)
    # industry, country, region, company and agency sit behind one button that says what they are
    page.locator(".st-key-plan_details button:visible").click()
    country = page.locator("[data-testid=stPopoverBody] .st-key-country").get_by_role("combobox")
    expect(country).to_be_visible()
    country.click()
    page.keyboard.type("Germany")
    page.get_by_role("option", name="Germany (DE)").click()
    wait_for_app(page)
    page.keyboard.press("Escape")  # closes the popover
    expect(page.locator(".st-key-plan_details button:visible")).to_contain_text("Germany")

    expect(page.locator(".st-key-understood")).to_contain_text("I read this as: a decision within 2-3 weeks: Mon 23 Mar 2026.")
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


def test_a_date_typed_day_first_in_a_day_first_browser(page, app_server, outside_requests):
    # en-GB: 22/10/2026 typed into the box is 22 October 2026, not an error or the 10th of month 22
    open_planner(page, app_server)
    page.locator(".st-key-interview [data-type=day]").click()
    page.keyboard.type("22102026")
    page.get_by_role("heading", name="Wait-time planner").click()  # leaving the box commits the date
    wait_for_app(page)
    expect(page.locator(".st-key-step_0")).to_contain_text("Thursday 22 October 2026")
    assert "interview=2026-10-22" in page.url
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
    expect(page.locator(".st-key-understood")).to_contain_text("I could not read this as a date")
    expect(said).to_have_value(payload[:300])
    page.wait_for_timeout(500)
    assert dialogs == [] and outside_requests == []
    assert page.locator("[data-testid=stMain] iframe, [data-testid=stMain] img[src='x']").count() == 0


# --- the reading in one line, and "Not what they said?" (issue 11, point 2) ----------------------
def berlin_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Berlin")).date()


def pick_decision_date(page, d: dt.date, today: dt.date):
    """Open the decision date's calendar and click the day by its full accessible name, as a person
    would (en-GB names: "Monday, 14 December 2026"). The calendar opens on this month (the interview
    is today in these tests); a day in the next month is one "Next month" click away."""
    wait_for_app(page)  # a rerun still drawing the box can swallow the click that opens its calendar
    opener = page.locator(".st-key-decision_date").get_by_role("button", name="Choose date")
    opener.click()
    if not page.get_by_role("button", name="Next month").first.is_visible():
        page.wait_for_timeout(1000)
        if not page.get_by_role("button", name="Next month").first.is_visible():
            opener.click()  # on a loaded machine the first click can land mid-rerun; a person clicks again
    if (d.year, d.month) != (today.year, today.month):
        page.get_by_role("button", name="Next month").click()
    page.get_by_role("button", name=f"{d:%A}, {d.day} {d:%B} {d.year}", exact=True).click()
    wait_for_app(page)


READING_PARTS = (".st-key-understood", ".st-key-ask", ".st-key-correct", "[data-testid=stPopoverBody]")


def reading_problems(page, name: str) -> list[str]:
    """axe-core (serious, critical) and, at phone width, overflow findings inside the reading line
    and its correction; the rest of the page (step cards, chart) is checked by its own tests."""
    from axe_playwright_python.sync_playwright import Axe

    parts = [sel for sel in READING_PARTS if page.locator(sel).count()]
    assert parts, "the reading line is missing"
    results = Axe().run(page, context={"include": [[sel] for sel in parts]}, options={"resultTypes": ["violations"]})
    problems = [f"{name}: axe {v['id']} ({v['impact']}): {', '.join(map(str, n['target']))}"
                for v in results.response["violations"] if v.get("impact") in SERIOUS for n in v["nodes"]]
    if (page.viewport_size or {}).get("width", 1280) <= 480:
        problems += [f"{name}: overflow {line}" for line in overflowing(page)
                     if any(sel[1:] in line for sel in READING_PARTS)]
    return problems


def long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B} {d.year}"


def follow_up_card(page, plan):
    """The page's card of the plan's first follow-up (its place depends on a holiday card before it)."""
    return page.locator(f".st-key-step_{plan.steps.index(plan.step('follow_up'))}")


def test_a_phrase_not_understood_asks_for_the_date_then_plans_from_it(page, app_server, outside_requests):
    today = berlin_today()
    said = "once the merger closes"
    open_planner(page, app_server, f"interview={today.isoformat()}&said=once+the+merger+closes&country=US")
    expect(page.locator(".st-key-understood")).to_contain_text("I could not read this as a date")
    ask = page.locator(".st-key-ask")
    expect(ask).to_contain_text("When did they say they would decide?")
    expect(page.locator("[class*='st-key-step_']")).to_have_count(1)  # the plan waits: only the thank-you
    expect(page.locator(".st-key-step_0")).to_contain_text("Send a thank-you note")
    problems = reading_problems(page, "planner-asks-1280")

    target = today + dt.timedelta(days=7)
    pick_decision_date(page, target, today)
    want = timing.plan(today, said, country="US", today=today, decision=target)
    expect(page.locator(".st-key-ask")).to_have_count(0)
    expect(page.locator(".st-key-understood")).to_contain_text(
        f"I read this as: a decision by {timing.fmt(target)} (the date you picked).")
    expect(page.locator("[class*='st-key-step_']")).to_have_count(len(want.steps))
    fu = want.steps.index(want.step("follow_up"))
    expect(page.locator(f".st-key-step_{fu}")).to_contain_text(long_date(want.step("follow_up").date))
    assert f"decision={target.isoformat()}" in page.url
    problems += reading_problems(page, "planner-picked-1280")
    page.set_viewport_size({"width": 390, "height": 2400})
    wait_for_app(page)
    problems += reading_problems(page, "planner-picked-390")
    assert problems == [], "\n".join(problems)
    assert outside_requests == []


def test_not_what_they_said_changes_the_plan(page, app_server, outside_requests):
    today = berlin_today()
    open_planner(page, app_server, f"interview={today.isoformat()}&said=2-3+weeks&country=US")
    read = timing.plan(today, "2-3 weeks", country="US", today=today)
    expect(page.locator(".st-key-understood")).to_contain_text(read.line)
    expect(follow_up_card(page, read)).to_contain_text(long_date(read.step("follow_up").date))

    page.get_by_text("Not what they said?").click()
    target = today + dt.timedelta(days=7)
    pick_decision_date(page, target, today)
    picked = timing.plan(today, "2-3 weeks", country="US", today=today, decision=target)
    assert picked.step("follow_up").date != read.step("follow_up").date
    expect(page.locator(".st-key-understood")).to_contain_text("(the date you picked)")
    expect(follow_up_card(page, picked)).to_contain_text(long_date(picked.step("follow_up").date))
    assert f"decision={target.isoformat()}" in page.url
    problems = reading_problems(page, "planner-correct-1280")
    page.set_viewport_size({"width": 390, "height": 2400})
    wait_for_app(page)
    problems += reading_problems(page, "planner-correct-390")
    page.set_viewport_size({"width": 1280, "height": 3000})
    wait_for_app(page)

    page.get_by_text("They gave no date").click()
    wait_for_app(page)
    nothing = timing.plan(today, "", country="US", today=today)
    expect(page.locator(".st-key-understood")).to_contain_text("no date given (your choice)")
    expect(follow_up_card(page, nothing)).to_contain_text(long_date(nothing.step("follow_up").date))
    assert "decision=none" in page.url

    # the link keeps the choice: a fresh visit to it shows the same plan
    fresh = page.context.new_page()
    open_planner(fresh, app_server, page.url.split("?", 1)[1])
    expect(fresh.locator(".st-key-understood")).to_contain_text("no date given (your choice)")
    expect(follow_up_card(fresh, nothing)).to_contain_text(long_date(nothing.step("follow_up").date))
    fresh.close()

    page.get_by_role("button", name=re.compile("Use what I typed")).click()
    wait_for_app(page)
    expect(page.locator(".st-key-understood")).to_contain_text(read.line)
    assert "decision=" not in page.url
    assert problems == [], "\n".join(problems)
    assert outside_requests == []
