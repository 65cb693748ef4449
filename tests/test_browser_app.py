"""End-to-end: the app in a real headless Chromium against `streamlit run`."""
import http.server
import re
import threading

import pytest
from playwright.sync_api import expect

from tests.a11y import WIDTHS, check_page_state
from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser
REGISTERED = ["Advice explorer", "Wait-time planner", "Write a note", "Follow-up timeline", "Workshop"]


def test_first_visit_deep_link_runs_the_frame(streamlit_server_factory, page, outside_requests):
    server = streamlit_server_factory()  # freshly started: no session has run app.py yet
    page.goto(server.url + "/planner")
    wait_for_app(page)
    nav = page.locator("[data-testid=stSidebarNav] a")
    expect(nav).to_have_count(len(REGISTERED))
    for title in REGISTERED:
        expect(page.locator("[data-testid=stSidebarNav]")).to_contain_text(title)
    expect(page.locator("h1")).to_contain_text("Wait-time planner")
    # The frame's own sidebar text shows that app.py ran, not legacy auto-discovery.
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text("sends nothing to any other site")
    assert outside_requests == []


def test_search_shows_results(app_server, page, outside_requests):
    page.goto(app_server.url + "/")
    wait_for_app(page)
    box = page.locator(".st-key-q input")
    box.fill("they said after the holidays, how long do I wait before contacting them")
    box.press("Enter")
    wait_for_app(page)
    results = page.locator(".st-key-search-results")
    expect(results).to_be_visible()
    expect(results.locator("a", has_text="link to this passage").first).to_have_attribute("href", "?ref=c6")
    expect(results).to_contain_text("before Jan. 10th")
    screenshot(page, "explorer-search")
    # the search can be shared: its own link, and the link opens the same results
    link = page.get_by_role("link", name="Link to this search")
    expect(link).to_have_attribute("href", re.compile(r"^\?q=they\+said\+after\+the\+holidays"))
    page.goto(app_server.url + "/" + link.get_attribute("href"))
    wait_for_app(page)
    expect(page.locator(".st-key-search-results a", has_text="link to this passage").first).to_have_attribute(
        "href", "?ref=c6")
    assert outside_requests == []


def test_search_button_runs_the_search(app_server, page, outside_requests):
    """For someone who does not think of pressing Enter: the button beside the box searches too."""
    page.goto(app_server.url + "/")
    wait_for_app(page)
    page.locator(".st-key-q input").fill("should I mention salary")
    expect(page.locator(".st-key-search-results")).to_have_count(0)  # typing alone does not search
    page.get_by_role("button", name="🔎 Search").click()
    wait_for_app(page)
    first = page.locator(".st-key-search-results a", has_text="link to this passage").first
    expect(first).to_have_attribute("href", "?ref=q5-kevin")
    assert outside_requests == []


def test_shared_search_link_shows_its_results(app_server, page, outside_requests):
    page.goto(app_server.url + "/?q=should+I+mention+salary")
    wait_for_app(page)
    expect(page.locator(".st-key-q input")).to_have_value("should I mention salary")
    first = page.locator(".st-key-search-results a", has_text="link to this passage").first
    expect(first).to_have_attribute("href", "?ref=q5-kevin")
    assert outside_requests == []


def test_search_link_with_a_situation_opens_with_that_filter(app_server, page, browser, outside_requests):
    """The link a search offers keeps its situation filter in a fresh browser (Streamlit binds the
    filter to the address by its labels), and an older link with the topic's code still filters."""
    page.goto(app_server.url + "/")
    wait_for_app(page)
    page.get_by_text("Filter by situation").click()
    page.get_by_role("button", name="The thank-you note").click()
    wait_for_app(page)
    _ask(page, "when should i send it")
    link = page.get_by_role("link", name="🔗 Link to this search")
    href = link.get_attribute("href")
    assert href == "?q=when+should+i+send+it&situation=The+thank-you+note"
    refs = "els => els.map(a => a.getAttribute('href'))"
    filtered = page.locator(".st-key-article-comments a").evaluate_all(refs)
    assert 0 < len(filtered) < 10, filtered
    for address in (href, "?q=when+should+i+send+it&situation=thank-you"):
        fresh = browser.new_context().new_page()
        fresh.goto(app_server.url + "/" + address)
        wait_for_app(fresh)
        expect(fresh.locator(".st-key-q input")).to_have_value("when should i send it")
        expect(fresh.locator("[data-testid=stExpander] details").first).to_have_attribute("open", "")
        # the same filtered comments as where the link was made, not the whole article's
        expect(fresh.locator(".st-key-article-comments a")).to_have_count(len(filtered))
        assert fresh.locator(".st-key-article-comments a").evaluate_all(refs) == filtered
        fresh.context.close()
    assert outside_requests == []


def test_passage_link_opens_that_passage(app_server, page, outside_requests):
    page.goto(app_server.url + "/?ref=c6")
    wait_for_app(page)
    focus = page.locator(".st-key-reply-focus-c6")  # a reply: indented, in its own box
    expect(focus).to_be_visible()
    expect(focus).to_contain_text("Reader comment #6")
    expect(page.locator(".st-key-card-thread-c5")).to_contain_text("after the holidays")
    screenshot(page, "explorer-link")
    assert outside_requests == []


def test_browse_without_query(app_server, page):
    page.goto(app_server.url + "/")
    wait_for_app(page)
    expect(page.locator(".st-key-article-body")).to_contain_text("The reader's letter")
    comments = page.locator(".st-key-article-comments")
    expect(comments).to_contain_text("sam27")
    expect(comments.locator("a[href='?ref=c22']")).to_have_count(1)
    expect(comments.locator("a[href='?ref=c21']")).to_have_count(0)  # the repeat is shown once
    expect(comments.locator("blockquote")).to_have_count(0)  # no faded quotes
    reply = comments.locator(".st-key-reply-c6")  # a reply: its own box, labelled
    expect(reply).to_contain_text("Reply to reader comment #5 (jimmy)")
    expect(reply.locator("a[href='?ref=c6']")).to_have_count(1)
    screenshot(page, "explorer")


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_html_and_markdown_queries_render_as_text(app_server, page, outside_requests):
    listener = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    port = listener.server_address[1]
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payloads = [
        "<img src=x onerror=alert(1)> follow up",
        f"![p](http://127.0.0.1:{port}/px) email",
        "<iframe srcdoc=\"<script>alert(2)</script>\"></iframe> salary",
        "[x](javascript:alert(3)) :red[boss] holidays",
    ]
    try:
        page.goto(app_server.url + "/")
        wait_for_app(page)
        for payload in payloads:
            box = page.locator(".st-key-q input")
            box.fill(payload)
            box.press("Enter")
            wait_for_app(page)
            expect(page.locator(".st-key-search-results")).to_be_visible()
            assert page.locator("[data-testid=stMain] iframe").count() == 0
            assert page.locator("[data-testid=stMain] img[src='x']").count() == 0
        page.wait_for_timeout(500)
    finally:
        listener.shutdown()
    assert dialogs == []
    assert _Counter.hits == 0
    assert outside_requests == []


# --- first screen, honest answers, timing questions into the planner (issues 11 and 15) ---------
def _ask(page, query: str) -> None:
    box = page.locator(".st-key-q input")
    box.fill(query)
    box.press("Enter")
    wait_for_app(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_first_screen_links_every_page(app_server, page, outside_requests, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(app_server.url + "/")
    wait_for_app(page)
    expect(page.locator("[data-testid=stMain]")).to_contain_text("helps you follow up after a job interview")
    links = page.locator(".st-key-page-links")
    expect(links.locator("a")).to_have_count(len(REGISTERED))
    for title in REGISTERED:
        expect(links.get_by_role("link", name=title)).to_be_visible()
    assert check_page_state(page, f"explorer-first-screen-{width}") == []
    screenshot(page, f"explorer-first-screen-{width}")
    links.get_by_role("link", name="Wait-time planner").click()
    wait_for_app(page)
    expect(page.locator("h1")).to_contain_text("Wait-time planner")
    assert outside_requests == []


@pytest.mark.parametrize("width", WIDTHS)
def test_uncovered_question_shows_the_notice_first(app_server, page, outside_requests, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(app_server.url + "/")
    wait_for_app(page)
    _ask(page, "how long does a background check take")
    notice = page.locator("[data-testid=stAlert]", has_text="The article does not cover background checks.")
    expect(notice).to_be_visible()
    results = page.locator(".st-key-search-results")
    expect(results).to_be_visible()  # the nearest passages are still there, below the notice
    assert notice.bounding_box()["y"] < results.bounding_box()["y"]
    expect(page.get_by_text("Closest, but not an answer")).to_be_visible()
    expect(page.get_by_role("link", name="Plan my dates")).to_have_count(0)
    assert check_page_state(page, f"explorer-not-covered-{width}") == []
    screenshot(page, f"explorer-not-covered-{width}")
    _ask(page, "they rejected me, should I still send a thank you")  # covered: no notice
    expect(page.locator("[data-testid=stAlert]", has_text="does not cover")).to_have_count(0)
    assert outside_requests == []


def test_timing_question_opens_the_planner_with_the_users_words(app_server, page, outside_requests):
    page.goto(app_server.url + "/")
    wait_for_app(page)
    question = "They said 2-3 weeks. When should I follow up?"
    _ask(page, question)
    link = page.get_by_role("link", name="Plan my dates")
    expect(link).to_be_visible()
    assert check_page_state(page, "explorer-plan-my-dates") == []
    screenshot(page, "explorer-plan-my-dates")
    link.click()
    wait_for_app(page)
    expect(page.locator("h1")).to_contain_text("Wait-time planner")
    expect(page.locator(".st-key-said input")).to_have_value(question)
    assert "said=They" in page.url
    assert outside_requests == []
