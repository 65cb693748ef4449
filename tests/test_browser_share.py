"""Issue 10 in Chromium: first visits by deep link on a fresh server; who gets the local log and
who a private workspace; keys never in plan links; the workspace's QR code."""
from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from tests.browser import wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
REGISTERED = ["Advice explorer", "Wait-time planner", "Write a note", "Follow-up timeline", "Workshop"]

# --- 2. the very first visit by any link on a freshly started server ------------------------------
START = {
    # exactly as Community Cloud and Streamlit's docs start an app: no --server.address
    "streamlit run": [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", "{port}",
                      "--server.headless", "true", "--browser.gatherUsageStats", "false"],
    "./run.sh": [str(ROOT / "run.sh"), "--server.port", "{port}", "--browser.gatherUsageStats", "false"],
}
FIRST_VISITS = {
    "/planner?interview=2026-03-02&said=next%20week&industry=tech": "Wait-time planner",
    "/timeline": "Follow-up timeline",
    "/timeline?key=" + "Zk3q" * 10 + "abc": "Follow-up timeline",
    "/?ref=c6": "Advice explorer",
}


@pytest.mark.parametrize("how", list(START))
@pytest.mark.parametrize("path", list(FIRST_VISITS))
def test_first_visit_on_a_fresh_server(streamlit_server_factory, page, how, path):
    server = streamlit_server_factory(command=START[how])  # no session has run app.py yet
    page.goto(server.url + path)
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(FIRST_VISITS[path])
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
