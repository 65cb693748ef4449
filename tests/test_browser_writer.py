"""The note writer in headless Chromium against a real Streamlit server: from the planner's step
to a checked draft, Log as sent and the timeline's next step moving on; the mailto: link and the
.eml download; the copy button; a phone-width window; axe-core; no request to another host."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.a11y import check_page_state
from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 2400}, "timezone_id": "UTC",
            "locale": "en-US", "accept_downloads": True, "permissions": ["clipboard-read", "clipboard-write"]}


def goto(page, server, path: str):
    page.goto(server.url + "/")  # the first visit runs st.navigation, so deep links work from then on
    wait_for_app(page)
    page.goto(server.url + path)
    wait_for_app(page)


def fill(page, key: str, text: str):
    box = page.locator(f".st-key-{key} input")
    box.fill(text)
    box.press("Tab")
    wait_for_app(page)


def open_debrief(page):
    summary = page.locator(".st-key-wr_debrief summary")
    if page.locator(".st-key-wr_specific input").count() == 0 or not page.locator(".st-key-wr_specific input").is_visible():
        summary.click()
    expect(page.locator(".st-key-wr_specific input")).to_be_visible()


def test_planner_step_to_checked_draft_to_log_as_sent(streamlit_server_factory, page, outside_requests):
    server = streamlit_server_factory()
    interview = dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)
    goto(page, server, f"/planner?interview={interview.isoformat()}")
    page.get_by_text("Add this plan to my timeline").click()
    page.locator(".st-key-tl_company input").fill("Acme Health")
    page.locator(".st-key-tl_role input").fill("Data Analyst")
    page.locator(".st-key-tl_add button").click()
    wait_for_app(page)
    expect(page.get_by_text("Added: the application")).to_be_visible()

    page.locator(".st-key-step_0").get_by_role("link", name=re.compile("Write it")).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Write a note")).to_be_visible()
    assert "kind=thank_you" in page.url and re.search(r"app=\d+", page.url)
    expect(page.get_by_role("combobox", name="Application")).to_have_value(re.compile("Acme Health"))
    open_debrief(page)
    fill(page, "wr_contact", "Priya Shah")
    fill(page, "wr_specific", "how your team rebuilt the claims dashboards in six weeks")
    fill(page, "wr_fit", "In four years at an insurer I built the reporting that cut month-end close to four days")
    fill(page, "wr_sender", "Jordan Lee")
    page.get_by_role("button", name=re.compile("Write a draft from these")).click()
    wait_for_app(page)
    body = page.locator(".st-key-wr_body textarea")
    expect(body).to_have_value(re.compile("Dear Priya Shah,.*claims dashboards.*Jordan Lee", re.S))
    body.fill(body.input_value() + "\nWhat is the salary?")
    page.get_by_role("button", name=re.compile("Check my note")).click()
    wait_for_app(page)
    found = page.locator(".st-key-wr_findings")
    expect(found).to_contain_text("Fix · Mentions pay or benefits")
    expect(found.get_by_role("link", name=re.compile("Kevin"))).to_have_attribute("href", re.compile(r"/\?ref=q5-kevin"))
    body.fill(body.input_value().replace("\nWhat is the salary?", ""))
    page.get_by_role("button", name=re.compile("Check my note")).click()
    wait_for_app(page)
    expect(found).not_to_contain_text("Fix ·")

    page.get_by_role("button", name=re.compile("Log as sent")).click()
    wait_for_app(page)
    expect(page.get_by_text("Logged on Acme Health")).to_be_visible()
    page.get_by_role("link", name=re.compile("Open my follow-up timeline")).click()
    wait_for_app(page)
    nxt = page.locator("[class*='st-key-tl_next_']").first
    expect(nxt).to_contain_text(re.compile("follow", re.I))
    expect(nxt).not_to_contain_text(re.compile("thank-you", re.I))

    page.reload()  # the draft survives a reload, marked as sent
    wait_for_app(page)
    goto(page, server, page.url.split("/timeline")[0].replace(server.url, "") + "/write?kind=thank_you&app=1")
    expect(page.locator(".st-key-wr_body textarea")).to_have_value(re.compile("claims dashboards"))
    expect(page.get_by_text("was logged as sent")).to_be_visible()
    assert outside_requests == []


def test_mailto_eml_copy_phone_width_and_axe(streamlit_server_factory, page, outside_requests):
    server = streamlit_server_factory()
    goto(page, server, "/write?kind=follow_up")
    for key, text in (("wr_company", "Acme Health"), ("wr_role", "Data Analyst"), ("wr_contact", "Priya Shah"),
                      ("wr_specific", "the claims dashboards & the billing model"),
                      ("wr_fit", "I built claims reporting for four years"), ("wr_sender", "Jordan Lee"),
                      ("wr_to", "priya@acme.example")):
        fill(page, key, text)
    page.get_by_role("button", name=re.compile("Write a draft from these")).click()
    wait_for_app(page)
    page.get_by_role("button", name=re.compile("Check my note")).click()
    wait_for_app(page)
    subject = page.locator(".st-key-wr_subject input").input_value()
    body = page.locator(".st-key-wr_body textarea").input_value()
    assert "Acme Health" in body and "&" in body

    href = page.locator(".st-key-wr_mailto a").get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "priya@acme.example"
    q = parse_qs(parts.query)
    assert q["subject"] == [subject] and q["body"] == [body.replace("\n", "\r\n")]

    with page.expect_download() as info:
        page.locator(".st-key-wr_eml button").click()
    assert info.value.suggested_filename == "acme-health-follow-up.eml"
    msg = email.message_from_bytes(open(info.value.path(), "rb").read(), policy=email.policy.default)
    assert msg["Subject"] == subject and msg["To"] == "priya@acme.example" and msg["X-Unsent"] == "1"
    assert msg.get_content().replace("\r\n", "\n").strip() == body.strip()

    code = page.locator(".st-key-wr_copy [data-testid=stCode]")
    code.hover()
    code.get_by_role("button").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip().endswith(body.strip()) and copied.startswith(f"Subject: {subject}")

    problems = check_page_state(page, "writer-1280")
    screenshot(page, "writer-1280")
    page.set_viewport_size({"width": 390, "height": 2400})
    wait_for_app(page)
    problems += check_page_state(page, "writer-390")
    screenshot(page, "writer-390")
    assert problems == []
    assert outside_requests == []
