"""Issue 10 in Chromium: first visits by deep link on a fresh server; who gets the local log and
who a private workspace; keys never in plan links; the workspace's QR code."""
from __future__ import annotations

import io
import re
import sys
import uuid

import pytest
from playwright.sync_api import expect

from followup import tracker, workspace
from followup.log import keys
from tests.browser import wait_for_app
from tests.conftest import ARTIFACTS, CHROMIUM, ROOT

pytestmark = pytest.mark.browser
REGISTERED = ["Advice explorer", "Wait-time planner", "Write a note", "Follow-up timeline", "Workshop"]

# --- 2. the very first visit by any link on a freshly started server ------------------------------
START = {
    # exactly as Community Cloud and Streamlit's docs start an app: no --server.address
    "streamlit run": [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", "{port}",
                      "--server.headless", "true", "--browser.gatherUsageStats", "false"],
    "./run.sh": [str(ROOT / "run.sh"), "--server.port", "{port}", "--browser.gatherUsageStats", "false"],
}
BOOKMARKED = workspace.new_key()
FIRST_VISITS = {
    "/planner?interview=2026-03-02&said=next%20week&industry=tech": "Wait-time planner",
    "/timeline": "Follow-up timeline",
    "/timeline?key=" + BOOKMARKED: "Follow-up timeline",
    "/?ref=c6": "Advice explorer",
}


@pytest.mark.parametrize("how", list(START))
@pytest.mark.parametrize("path", list(FIRST_VISITS), ids=["planner", "timeline", "timeline-key", "explorer-ref"])
def test_first_visit_on_a_fresh_server(streamlit_server_factory, page, how, path, tmp_path):
    env = {"FOLLOWUP_DATA_DIR": str(tmp_path / "woken")}
    if "key=" in path:  # a shared deployment woken by a visitor's bookmarked private link
        env["FOLLOWUP_SHARED"] = "1"
        eng = tracker.make_engine(workspace.connection_kwargs(env, {})["url"])
        keys.register(eng, workspace.key_owner(BOOKMARKED))
        tracker.add_application(eng, workspace.key_owner(BOOKMARKED), company="Bookmarked Co")
        eng.dispose()
    server = streamlit_server_factory(env, command=START[how])  # no session has run app.py yet
    page.goto(server.url + path)
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(FIRST_VISITS[path])
    if "key=" in path:
        expect(page.get_by_text("Bookmarked Co").first).to_be_visible()
        assert page.url.endswith("key=" + BOOKMARKED)
    nav = page.locator("[data-testid=stSidebarNav]")
    expect(nav.locator("a")).to_have_count(len(REGISTERED))
    for title in REGISTERED:
        expect(nav).to_contain_text(title)
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text("sends nothing to any other site")
    # The "Page not found" notice is a modal dialog; it comes before the script runs, so it
    # would be there by now.
    expect(page.locator("[role=dialog]")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_no_page_sends_a_referer(app_server, page):
    """The timeline's address holds the private key: no request to another site names it (the
    server says ``Referrer-Policy: no-referrer``; a browser's default would still send the origin)."""
    import http.server
    import threading
    import urllib.request

    with urllib.request.urlopen(app_server.url + "/timeline") as response:
        assert response.headers["Referrer-Policy"] == "no-referrer"
    seen: list[str | None] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("Referer"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    other = http.server.HTTPServer(("127.0.0.1", 0), Record)  # another origin: another port
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page.goto(app_server.url + "/timeline?key=" + "Zk3q" * 10 + "abc")
        wait_for_app(page)
        page.evaluate("url => fetch(url, {mode: 'no-cors'})", f"http://127.0.0.1:{other.server_port}/probe")
        page.evaluate(f"() => {{ const i = new Image(); i.src = 'http://127.0.0.1:{other.server_port}/img'; }}")
        page.wait_for_timeout(500)
    finally:
        other.shutdown()
    assert len(seen) == 2 and seen == [None, None]


# --- 1. who gets the local log: the raw connection and the name the browser used -----------------
def launch_as_network_visitor(browser_type, browser_type_launch_args):
    """A second Chromium that reaches this machine's server by a name that is not loopback (as a phone
    or a workshop participant on the room's network would): coach.example resolves to 127.0.0.1."""
    args = [a for a in browser_type_launch_args["args"] if not a.startswith("--host-resolver-rules")]
    rules = "MAP coach.example 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"
    return browser_type.launch(**{**browser_type_launch_args, "args": [*args, f"--host-resolver-rules={rules}"]})


def open_timeline(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("Follow-up timeline")


def add_application(page, company: str) -> None:
    page.locator(".st-key-tl_add_company input").fill(company)
    page.locator(".st-key-tl_add_submit button").click()
    wait_for_app(page)
    expect(page.get_by_text(company).first).to_be_visible()


def test_a_server_with_no_settings_keeps_the_local_log_from_network_visitors(
        streamlit_server_factory, page, browser_type, browser_type_launch_args):
    server = streamlit_server_factory()  # no FOLLOWUP_SHARED, no secrets
    local_marker, remote_marker = ("Local" + uuid.uuid4().hex[:10]), ("Remote" + uuid.uuid4().hex[:10])
    open_timeline(page, server.url + "/timeline")
    assert "key=" not in page.url, "the local user needs no link"
    add_application(page, local_marker)

    remote_browser = launch_as_network_visitor(browser_type, browser_type_launch_args)
    try:
        remote = remote_browser.new_page()
        open_timeline(remote, f"http://coach.example:{server.port}/timeline")
        assert remote.url.startswith(f"http://coach.example:{server.port}/timeline?key=")
        expect(remote.get_by_text("This is your private workspace")).to_be_visible()
        expect(remote.get_by_text("Nothing logged yet")).to_be_visible()
        assert local_marker not in remote.content()
        add_application(remote, remote_marker)
        assert local_marker not in remote.content()
        remote.reload()
        wait_for_app(remote)
        expect(remote.get_by_text(remote_marker).first).to_be_visible()
        assert local_marker not in remote.content()
    finally:
        remote_browser.close()

    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(local_marker).first).to_be_visible()
    assert remote_marker not in page.content() and "key=" not in page.url


def test_shared_mode_two_loopback_visitors_see_nothing_of_each_other(streamlit_server_factory, browser):
    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})
    pages, markers = [], []
    contexts = [browser.new_context() for _ in range(2)]
    try:
        for context in contexts:
            p = context.new_page()
            open_timeline(p, server.url + "/timeline")
            assert "key=" in p.url, "shared mode: private for loopback visitors too"
            markers.append("Mine" + uuid.uuid4().hex[:10])
            add_application(p, markers[-1])
            pages.append(p)
        for p, mine, theirs in zip(pages, markers, reversed(markers)):
            p.reload()
            wait_for_app(p)
            expect(p.get_by_text(mine).first).to_be_visible()
            assert theirs not in p.content()
    finally:
        for context in contexts:
            context.close()


# --- 4. the key only on the timeline's own link ----------------------------------------------------
RECORD_URLS = """
(() => {
  const record = () => window.recordUrl && window.recordUrl(location.href, document.title);
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name];
    history[name] = function () { const r = original.apply(this, arguments); record(); return r; };
  }
  window.addEventListener("DOMContentLoaded", record);
  new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


def test_a_plan_added_in_shared_mode_never_puts_the_key_in_a_plan_address(streamlit_server_factory, page):
    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})
    seen: list[tuple[str, str]] = []
    page.expose_function("recordUrl", lambda url, title: seen.append((url, title)))
    page.add_init_script(RECORD_URLS)
    page.goto(server.url + "/planner?interview=2026-03-02&said=in%20two%20weeks")
    wait_for_app(page)
    page.get_by_text("Add this plan to my timeline").click()
    page.locator(".st-key-tl_company input").fill("Initech")
    page.locator(".st-key-tl_add button").click()
    wait_for_app(page)
    expect(page.get_by_text("Bookmark your private link")).to_be_visible()
    link = page.locator(".stCode").filter(has_text="/timeline?key=").first.inner_text().strip()
    key = link.split("key=", 1)[1]
    assert workspace.valid_key(key)
    assert "key" not in page.url, "the planner's address is a plan link: never the key"
    page.get_by_role("link", name=re.compile("Open my follow-up timeline")).click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("Follow-up timeline")
    assert page.url.endswith("/timeline?key=" + key)
    expect(page.get_by_text("Initech").first).to_be_visible()
    for title in ("Wait-time planner", "Advice explorer", "Write a note", "Follow-up timeline"):
        page.locator("[data-testid=stSidebarNav] a", has_text=title).click()
        wait_for_app(page)
        expect(page.locator("h1").first).to_contain_text(title)
    seen.append((page.url, page.title()))
    plan_pages = [(u, t) for u, t in seen if "/timeline" not in u]
    assert len(plan_pages) >= 3 and {u.split("?")[0].rsplit("/", 1)[1] for u, _ in plan_pages} >= {"planner", "", "write"}
    assert [u for u, _ in plan_pages if key in u or "key=" in u] == []
    assert any(key in u for u, _ in seen), "the timeline's address holds it (the test sees addresses)"
    assert [t for _, t in seen if key in t] == [], "never in a page title"
    log = (ARTIFACTS / f"server-{server.port}.log").read_text()
    assert key not in log and workspace.key_owner(key) not in log


# --- 3. the workspace to a phone ------------------------------------------------------------------
def test_the_qr_code_is_the_visitors_own_private_link(streamlit_server_factory, page):
    import zxingcpp
    from PIL import Image

    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})
    open_timeline(page, server.url + "/timeline")
    add_application(page, "Phone Co")
    link = page.url
    page.get_by_role("tab", name="💾 My data").click()
    wait_for_app(page)
    expect(page.get_by_text("The link is the key")).to_be_visible()
    expect(page.locator(".stCode").filter(has_text="key=")).to_contain_text(link)
    expect(page.locator("[data-testid=stImage] img")).to_have_count(0)
    page.get_by_text("Show it as a QR code").click()
    wait_for_app(page)
    img = page.locator("[data-testid=stImage] img")
    expect(img).to_have_count(1)
    png = page.request.get(img.get_attribute("src") if img.get_attribute("src").startswith("http")
                           else server.url + img.get_attribute("src")).body()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert decoded == [link]
    # and that link, opened in another browser, is this log
    other = page.context.browser.new_context()
    try:
        phone = other.new_page()
        open_timeline(phone, decoded[0])
        expect(phone.get_by_text("Phone Co").first).to_be_visible()
    finally:
        other.close()
