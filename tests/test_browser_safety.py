"""What other visitors' data can do to a page (issue 10, point 5), in Chromium against `streamlit run`.

An XSS and autolink matrix: PAYLOADS (script tags, event handlers, javascript: and data: URLs, Markdown
links and images, HTML entities, bare URLs, www hosts, e-mail addresses, emoji shortcodes, LaTeX, Streamlit
directives, ...) go into every text field of an application and its event, by JSON import, by CSV import
and by the forms. Each page that shows them must end with no script run (payloads set ``window.__xss``,
call ``alert`` or log to the console), no request to anything but the app, no link but the app's own,
no payload turned into markup, and each payload's text shown literally.

Fast: the payloads are grouped into the company and role of six applications, so that one page view
shows all of them in the six "What's next" cards (Markdown), the chart and the tables.
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from followup.log import exports
from followup.markdown import WORD_JOINER
from followup.plan.calendar import GOOGLE_TEMPLATE
from tests.browser import wait_for_app

pytestmark = pytest.mark.browser

GOOGLE_CALENDAR = GOOGLE_TEMPLATE + "?"  # the planner cards' Markdown link to a new Google Calendar event
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "<svg onload=window.__xss=3>",
    "[p4](javascript:window.__xss=4)",
    "![p5](http://127.0.0.1:9/p5.png)",
    '<a href="javascript:window.__xss=6">p6</a>',
    "&lt;b&gt;p7&lt;/b&gt;",
    "&#60;script&#62;window.__xss=8&#60;/script&#62;",
    "https://evil.example/p9",
    "http://evil.example/p10?a=1&b=2",
    "www.evil.example/p11",
    "WWW.EVIL.EXAMPLE",
    "p13@evil.example",
    "mailto:p14@evil.example",
    "<https://evil.example/p15>",
    "[p16](https://evil.example)",
    ":smile: :material/home: p17",
    "$x^2$ p18 $$\\int_0^1$$",
    ":red[p19] :blue-background[bg]",
    "**p20** _it_ ~~s~~ `code`",
    "# p21 heading",
    "> p22 quote",
    "1. p23 list",
    "| p24 | b |",
    '<iframe srcdoc="<script>parent.__xss=25</script>"></iframe>',
    "<details open ontoggle=window.__xss=26>p26</details>",
    "javascript:window.__xss=27",
    "data:text/html,<script>window.__xss=28</script>",
    "<style>body{display:none}</style>p29",
    "[p30][r] [r]: https://evil.example",
    "{{7*7}} ${7*7} p31",
    "p32 \u202egnp.exe",
    "ftp://evil.example/p33",
    "xmpp:p34@evil.example",
    "<b onmouseover=alert(35)>p35</b>",
    "\\<script>alert(36)</script>",
    "%3Cscript%3Ealert(37)%3C/script%3E",
    "![p38](data:image/svg+xml,%3Csvg%20onload=alert(38)%3E)",
    "<!-- p39 --> <0x40>",
    "p40.ftp.evil.example, me.p40@evil.example.",
    "<object data=javascript:alert(41)>",
    "[p42]: https://evil.example",
]
FIELDS = 12  # six applications, company and role each: every payload in a card of "What's next"


def groups(payloads: list[str], n: int = FIELDS) -> list[str]:
    """The payloads joined into ``n`` field values of at most 200 characters."""
    out = [" ".join(payloads[i::n]) for i in range(n)]
    assert all(len(g) <= 200 for g in out), [len(g) for g in out]
    return out


def matrix_log(today: dt.date, tag: str) -> list[dict]:
    """Six active applications; every text field holds payloads; each interview was 3 days ago."""
    g = groups(PAYLOADS)
    apps = []
    for i in range(6):
        apps.append({
            "uid": f"{tag}a{i}", "company": g[2 * i], "role": g[2 * i + 1],
            "contact": " ".join(PAYLOADS[i::6])[:200], "via_agency": False, "status": "active",
            "said": " ".join(PAYLOADS[i::5])[:500], "industry": "general", "country": "US", "subdivision": "",
            "events": [{"uid": f"{tag}e{i}", "kind": "interview", "date": today - dt.timedelta(days=3), "done": True,
                        "note": "\n".join(PAYLOADS[i::3])[:2000]}]})
    return apps


def test_payloads_are_many_and_each_in_a_card_field():
    assert len(PAYLOADS) >= 30
    fields = groups(PAYLOADS)
    assert all(sum(p in g for g in fields) >= 1 for p in PAYLOADS)


# --- what a page must not do --------------------------------------------------------------------------
class Watch:
    """Everything a page does that a payload could have caused."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(m.text) if "xss" in m.text.lower() else None)
        page.context.on("request", self._request)

    def _request(self, request):
        url = request.url
        if not url.startswith((self.origin + "/", "data:", "blob:", "about:")):
            self.requests.append(url)

    def check(self, page, expected: list[str]) -> None:
        page.wait_for_timeout(300)  # let any onload/onerror fire
        assert page.evaluate("window.__xss") is None, "a payload ran"
        assert page.evaluate("parent.__xss") is None
        assert self.dialogs == [] and self.console == []
        assert self.requests == [], "a request to another host (or port)"
        # Every link but the app's own: a link button or page link the app made (the writer's mailto:, a
        # step's Google Calendar link) carries user text in its address, encoded, and is no payload's doing.
        # The planner's step cards' "📅 Add to Google Calendar" is a Markdown link the app writes (an external address).
        links = page.eval_on_selector_all("a[href]", """els => els.map(e => ({href: e.href, text: e.innerText,
            app: !!e.closest('[data-testid=stPageLink], [data-testid=stLinkButton]')
                 || (e.href.startsWith('""" + GOOGLE_CALENDAR + """')
                     && e.innerText.trim() === '📅 Add to Google Calendar')}))""")
        foreign = [a["href"] for a in links if not a["app"] and not a["href"].startswith(self.origin + "/")]
        assert foreign == [], "a payload became a link"
        assert not [a for a in links if a["app"] and ("evil" in a["text"] or "p1" in a["text"])], \
            "an app-made link's label is the app's own words"
        # no payload turned into markup in the Markdown that shows user text: the cards and the messages
        tags = page.eval_on_selector_all(
            "[class*='st-key-tl_next_'] [data-testid=stMarkdownContainer] *, "
            "[data-testid=stMain] [data-testid=stAlert] [data-testid=stMarkdownContainer] *",
            "els => els.map(e => e.tagName)")
        assert set(tags) <= {"P", "STRONG", "BR", "EM"}, sorted(set(tags))  # EM: the app's own *hints*
        for tag in ("script", "iframe", "object", "style", "img[src*='127.0.0.1:9']", "math", ".katex"):
            assert page.locator(f"[data-testid=stMain] {tag}").count() == 0, tag
        shown = page.locator("[data-testid=stMain]").inner_text().replace(WORD_JOINER, "")
        missing = [t for t in expected if t not in shown]
        assert missing == [], ("not shown literally", missing)


def open_timeline(page, url: str) -> None:
    page.goto(url + "/timeline")
    wait_for_app(page)


def import_file(page, path) -> None:
    page.get_by_role("tab", name="💾 My data").click()
    wait_for_app(page)
    page.locator(".st-key-tl_import_file input[type=file]").set_input_files(str(path))
    wait_for_app(page)
    expect(page.locator(".st-key-tl_import_go button")).to_be_visible()
    page.locator(".st-key-tl_import_go button").click()
    wait_for_app(page)
    expect(page.get_by_text("Imported 6 application(s) and 6 event(s)")).to_be_visible()


def card_texts(log: list[dict]) -> list[str]:
    return [f"{a['company']} – {a['role']}" for a in log]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_imported_payloads_stay_text(kind, streamlit_server_factory, page, tmp_path):
    server = streamlit_server_factory()
    watch = Watch(page, server.url)
    log = matrix_log(dt.date.today(), kind)
    path = tmp_path / f"matrix.{kind}"
    path.write_bytes(exports.to_json(log) if kind == "json" else exports.to_csv(log))
    open_timeline(page, server.url)
    import_file(page, path)
    cards = page.locator("[class*='st-key-tl_next_']")
    expect(cards).to_have_count(3)  # the three most urgent as cards; the rest in a table (a grid: text only)
    watch.check(page, [])
    shown = " ".join(cards.all_inner_texts()).replace(WORD_JOINER, "")
    assert sum(t in shown for t in card_texts(log)) == 3, shown
    # the chart's tooltip shows the application and its note: text too
    points = page.locator("[data-testid='stVegaLiteChart'] svg.marks .mark-symbol.role-mark path")
    expect(points).to_have_count(6)
    tips = []
    for i in range(6):
        points.nth(i).hover(force=True)
        tip = page.locator("#vg-tooltip-element")
        expect(tip).to_be_visible()
        assert tip.locator("img, script, iframe, a, svg, object, details, math").count() == 0
        tips.append(tip.inner_text())
    shown = "\n".join(tips)
    assert sum(p in shown for p in PAYLOADS) >= 10, shown  # the notes and names, as typed
    watch.check(page, [])
    # the flash after a one-click "done" names the application: literal too
    page.locator("[class*='st-key-tl_done_'] button").first.click()
    wait_for_app(page)
    flash = page.locator("[data-testid=stAlertContentSuccess]").first.inner_text().replace(WORD_JOINER, "")
    assert flash.startswith("Logged: ") and any(t in flash for t in card_texts(log)), flash
    # the tabs and the table that show the payloads as text
    for tab in ("✏️ Edit", "📝 Log event"):
        page.get_by_role("tab", name=tab).click()
        wait_for_app(page)
    page.get_by_text("Show the timeline as a table").click()
    wait_for_app(page)
    watch.check(page, [])  # (the application logged as done may have no card now)


def test_typed_payloads_stay_text(streamlit_server_factory, page):
    """By the forms: the add form (company, role, contact, what they said), the event note, then the
    planner (what they said, company and role of "Add to my timeline") and the writer (every debrief
    field, a composed and checked draft, then a draft saved with an application)."""
    server = streamlit_server_factory()
    watch = Watch(page, server.url)
    g = groups(PAYLOADS)
    open_timeline(page, server.url)
    for i in range(6):
        page.locator(".st-key-tl_add_company input").fill(g[2 * i])
        page.locator(".st-key-tl_add_role input").fill(g[2 * i + 1])
        page.locator(".st-key-tl_add_contact input").fill(g[2 * i][:200])
        page.locator(".st-key-tl_add_said input").fill(g[2 * i + 1])
        page.locator(".st-key-tl_add_interview input").fill((dt.date.today() - dt.timedelta(days=2)).isoformat())
        page.keyboard.press("Escape")
        page.locator(".st-key-tl_add_submit button").click()
        wait_for_app(page)
        watch.check(page, [f"Added {g[2 * i]}."])
    page.get_by_role("tab", name="📝 Log event").click()
    wait_for_app(page)
    page.locator(".st-key-tl_ev_note textarea").fill("\n".join(PAYLOADS))
    page.locator(".st-key-tl_ev_submit button").click()
    wait_for_app(page)
    cards = page.locator("[class*='st-key-tl_next_']")
    expect(cards).to_have_count(3)
    watch.check(page, [])
    shown = " ".join(cards.all_inner_texts()).replace(WORD_JOINER, "")
    assert sum(f"{g[2 * i]} – {g[2 * i + 1]}" in shown for i in range(6)) == 3, shown

    page.goto(server.url + "/planner")
    wait_for_app(page)
    page.locator(".st-key-said input").fill(" ".join(PAYLOADS[:8]))
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_text("Add this plan to my timeline").click()
    page.locator(".st-key-tl_company input").fill(g[0])
    page.locator(".st-key-tl_role input").fill(g[1])
    page.locator(".st-key-tl_add button").click()
    wait_for_app(page)
    watch.check(page, [])

    page.goto(server.url + "/write")
    wait_for_app(page)
    # the writer's debrief (no application chosen yet): every field typed, a draft composed and checked
    for i, name in enumerate(("company", "role", "contact", "met", "specific", "fit", "promised", "sender", "to")):
        page.locator(f".st-key-wr_{name} input").fill(g[i][:200])
    page.get_by_role("button", name="🪄 Write a draft from these").click()
    wait_for_app(page)
    page.locator(".st-key-wr_check button").click()
    wait_for_app(page)
    expect(page.locator(".st-key-wr_findings")).to_be_visible()
    watch.check(page, [])
    box = page.get_by_role("combobox", name="Application")
    box.scroll_into_view_if_needed()
    box.click()
    if not page.get_by_role("option").count():  # the click only focused it (the page had scrolled)
        box.press("ArrowDown")
    expect(page.get_by_role("option").nth(1)).to_be_visible()
    page.get_by_role("option").nth(1).click()
    wait_for_app(page)
    page.locator(".st-key-wr_save button").click()
    wait_for_app(page)
    watch.check(page, [f"Draft saved with {g[0]} – {g[1]}."])
