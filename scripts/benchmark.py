"""Benchmarks (not tests): what a click costs the server and what a user waits for, each against
a trivial Streamlit page measured in the same run, so the ratios hold on a slow or busy machine.

    .venv/bin/python scripts/benchmark.py

Needs Debian's /usr/bin/chromium (./test.sh installs it). Prints a Markdown table for the README.

- Server CPU per click: a real `streamlit run` server per app; Chromium reruns the page N times
  (Streamlit's "R" shortcut) and the server process's CPU time (user + system, from /proc) is
  divided by N. This includes everything the server does per click: the script, protobuf, websocket.
- Typed query to results visible, against a trivial app's click to text, in the same (fresh)
  browser: from the key or mouse press to the first frame showing the result, timed inside the page;
  one try of each app in turn; median and trimmed mean.
- Search latency: `followup.search.search` in process, warm.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import wait_for_app  # noqa: E402
from tests.conftest import CHROMIUM, StreamlitServer  # noqa: E402

TRIVIAL_PAGE = "import streamlit as st\nst.write('Hello')\n"
TRIVIAL_CLICK_APP = "import streamlit as st\nif st.button('Go', key='go'):\n    st.write('Done')\n"
# The floor of this architecture: app.py's kind of frame (st.navigation, the heap frozen at start)
# around one search box (a text box in a form, as the explorer's) in a fragment, answering with one
# line. Shown for reference next to the search.
BARE_FRAME_APP = (
    "import streamlit as st\nfrom pathlib import Path\nfrom followup import startup\nstartup.load_and_freeze()\n"
    "page = Path(__file__).parent / 'bare' / 'box.py'\n"
    "st.navigation([st.Page(page, title='Box', default=True)]).run()\n"
)
# The search box of both reference pages: a text box in a form, as in the explorer.
SEARCH_FORM = (
    "    with st.form('f', border=False):\n        q = st.text_input('q', key='q')\n"
    "        st.form_submit_button('Search')\n"
)
BARE_FRAME_PAGE = (
    "import streamlit as st\n@st.fragment\ndef box():\n" + SEARCH_FORM +
    "    if q:\n        st.write('Done ' + q)\nbox()\n"
)
# The floor for showing results at all: the same frame and box, answering with the explorer's own
# results block (followup.markdown.search_results) and nothing else on the page: no title, no
# examples, no filter, no sidebar pages, no article. Shown for reference next to the search.
MINIMAL_SEARCH_PAGE = (
    "import streamlit as st\nfrom followup import markdown as md\nfrom followup.advice.content import article\n"
    "from followup.advice.search import search\nA = article()\n@st.fragment\ndef box():\n" + SEARCH_FORM +
    "    if q:\n        with st.container(key='search-results'):\n"
    "            st.markdown(md.search_results(search(q), A))\nbox()\n"
)
PAGES = {
    "Advice explorer, whole article": "/",
    "Advice explorer, a search": "/?q=they+said+after+the+holidays+when+to+follow+up",
    "Wait-time planner": "/planner?said=2-3+weeks",
    "Follow-up timeline": "/timeline",
    "Write a note": "/write?kind=thank_you",
}
IDLE_MS = 1000  # a person takes longer than this to type; the page has settled by then
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def trimmed_mean_ms(samples: list[float]) -> float:
    """Mean of the middle 60% of the samples. A browser time lands on a frame (every 16.7 ms), so
    the median of a few dozen samples jumps between frames; this evens that out, and still drops
    the outliers that a mean would keep."""
    xs = sorted(samples)
    cut = len(xs) // 5
    return statistics.mean(xs[cut:len(xs) - cut]) * 1000


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_rerun(page, server: StreamlitServer, path: str, n: int) -> float:
    page.goto(server.url + path)
    wait_for_app(page)
    for _ in range(3):  # warm
        rerun(page)
    before = process_cpu(server.proc.pid)
    for _ in range(n):
        rerun(page)
    return (process_cpu(server.proc.pid) - before) / n * 1000


def rerun(page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("r")
    wait_for_app(page)


WATCH_JS = """([sel, text]) => {
    // Time from the user's key press or mouse press to the first animation frame in which an
    // element matching `sel` that contains `text` is laid out on screen, measured in the page.
    window.__t0 = undefined;
    const start = () => { if (window.__t0 === undefined) window.__t0 = performance.now(); };
    document.addEventListener("keydown", start, {capture: true, once: true});
    document.addEventListener("mousedown", start, {capture: true, once: true});
    window.__done = new Promise(resolve => {
        const tick = () => {
            const shown = [...document.querySelectorAll(sel)].some(
                e => e.offsetParent !== null && e.innerText.includes(text));
            if (shown && window.__t0 !== undefined) { resolve(performance.now() - window.__t0); return; }
            requestAnimationFrame(tick);
        };
        tick();
    });
}"""


def watch(page, selector: str, text: str) -> None:
    """Start watching (before the action) for ``selector`` with ``text`` to appear."""
    page.evaluate(WATCH_JS, [selector, text])


def watched_seconds(page) -> float:
    """Seconds from the key or mouse press to the watched element on screen."""
    return page.evaluate("window.__done") / 1000


QUERIES = ["after the holidays", "what to write", "salary", "agency", "second follow up"]


def typed_to_visible(page, url: str, selector: str, text: str, query: str) -> float:
    """Seconds from pressing Enter in the search box (key ``q``) to ``selector`` holding ``text`` on
    screen, on a fresh page load, after the page has settled."""
    page.goto(url)
    wait_for_app(page)
    box = page.locator(".st-key-q input")
    box.fill(query)
    page.wait_for_timeout(IDLE_MS)
    watch(page, selector, text)
    box.press("Enter")
    return watched_seconds(page)


def clicked_to_visible(page, url: str) -> float:
    """Seconds from pressing the trivial app's button to its text on screen, on a fresh page load."""
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(IDLE_MS)
    watch(page, "[data-testid=stMarkdownContainer] p", "Done")
    page.locator(".st-key-go button").click()
    return watched_seconds(page)


def seed_timeline(data_dir: Path, events: int) -> str:
    """Seed the local owner's log with ``events`` events in the app's own SQLite file."""
    import seed  # scripts/seed.py, beside this file

    os.environ["FOLLOWUP_DATA_DIR"] = str(data_dir)
    return seed.seed_benchmark(events=events)


def bench_search(n: int) -> float:
    from followup.advice.search import search

    queries = ["after the holidays", "what to write in the email", "should I mention salary",
               "ghosted after interview", "agency recruiter call", "second follow up"]
    search("warm up")
    samples = []
    for i in range(n):
        q = f"{queries[i % len(queries)]} {i}"  # a new query each time: no result cache helps
        t0 = time.perf_counter()
        search(q)
        samples.append(time.perf_counter() - t0)
    return median_ms(samples)


NOTE_200 = (
    "Dear Priya,\n\nThank you for talking with me on Tuesday about the Data Analyst role at Acme Health. I "
    "especially enjoyed hearing how your team rebuilt the claims dashboards in six weeks, and how the analysts now "
    "sit with the claims handlers every Thursday to agree what each chart should answer. That way of working is "
    "exactly what I enjoy. I am very interested in the role and would be glad to join the team. In four years at a "
    "regional insurer I built the reporting that cut month-end close from ten days to four, and I trained twelve "
    "colleagues to use the new dashboards without help from the analysts. I also wrote the data dictionary that "
    "our auditors now use. The plan you described for bringing billing and claims data into one model is the kind "
    "of project I have led before, and I would bring the same care to it: clear definitions first, then small "
    "releases that people can check against the numbers they already trust. As promised, I have attached my sample "
    "SQL report and a short note on how I would test the first release. I look forward to hearing about the next steps.\n\nBest regards,\nJordan Lee"
)


def bench_check(n: int) -> tuple[float, int]:
    """Median ms of ``followup.notes.check`` on a 200-word draft, warm (rules and word list loaded)."""
    import datetime as dt

    from followup.notes import check, word_count

    kw = dict(kind="thank_you", subject="Thank you: Data Analyst interview", company="Acme Health",
              role="Data Analyst", contact="Priya Shah", specific="the claims dashboards",
              other_companies=("Zeta Insurance", "Northway Logistics"), sent_on=dt.date(2026, 12, 7))
    check(NOTE_200, **kw)
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        check(NOTE_200, **kw)
        samples.append(time.perf_counter() - t0)
    return median_ms(samples), word_count(NOTE_200)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reruns", type=int, default=20)
    ap.add_argument("--clicks", type=int, default=40)
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--notes-only", action="store_true", help="only the in-process note check (no browser)")
    args = ap.parse_args()
    if args.notes_only:
        ms, words = bench_check(200)
        print(f"| note check (followup.notes.check), a {words}-word draft, median of 200, warm | {ms:.2f} ms "
              f"| | | < 50 ms |")
        return

    tmp = Path(tempfile.mkdtemp())
    (tmp / "trivial_page.py").write_text(TRIVIAL_PAGE)
    (tmp / "trivial_click.py").write_text(TRIVIAL_CLICK_APP)
    (tmp / "bare").mkdir()
    (tmp / "bare" / "box.py").write_text(BARE_FRAME_PAGE)
    (tmp / "bare_frame.py").write_text(BARE_FRAME_APP)
    (tmp / "minimal").mkdir()
    (tmp / "minimal" / "box.py").write_text(MINIMAL_SEARCH_PAGE)
    (tmp / "minimal_search.py").write_text(BARE_FRAME_APP.replace("'bare'", "'minimal'"))
    seeded = seed_timeline(tmp / "data", args.events)
    env = {"FOLLOWUP_DATA_DIR": str(tmp / "data")}
    app = StreamlitServer(env)
    trivial = StreamlitServer(env, script=tmp / "trivial_page.py")
    click_app = StreamlitServer(env, script=tmp / "trivial_click.py")
    bare_app = StreamlitServer(env, script=tmp / "bare_frame.py")
    minimal_app = StreamlitServer(env, script=tmp / "minimal_search.py")
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items():
                base = cpu_per_rerun(page, trivial, "/", args.reruns)
                cost = cpu_per_rerun(page, app, path, args.reruns)
                if name == "Follow-up timeline":
                    name = f"{name}, {seeded}"
                rows.append(f"| server CPU per click: {name} | {cost:.1f} ms | {base:.1f} ms "
                            f"| {cost / base:.1f}x | ≤ 5x |")

            # A fresh browser for the typed queries: the reruns above loaded about ninety pages (the
            # timeline with its 1,000 events among them) into the same renderer.
            browser.close()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # One try of each in turn, so a slow spell of this shared machine hits all of them alike.
            results = ".st-key-search-results [data-testid=stMarkdownContainer]"
            clicks, bare, minimal, searches = [], [], [], []
            for i in range(args.clicks):
                query = QUERIES[i % len(QUERIES)]
                clicks.append(clicked_to_visible(page, click_app.url))
                bare.append(typed_to_visible(page, bare_app.url, "[data-testid=stMarkdownContainer] p", "Done",
                                             query))
                minimal.append(typed_to_visible(page, minimal_app.url, results, "", query))
                searches.append(typed_to_visible(page, app.url, results, "", query))
            browser.close()
    finally:
        for s in (app, trivial, click_app, bare_app, minimal_app):
            s.stop()
    typed, clicked, floor = median_ms(searches), median_ms(clicks), median_ms(bare)
    least = median_ms(minimal)
    print("| measure | this app | trivial page, same run | ratio | target |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"| Chromium: query typed to results visible (vs. a button click to its text), median | {typed:.0f} ms "
          f"| {clicked:.0f} ms | {typed / clicked:.2f}x | ≤ 1.2x |")
    typed_tm, clicked_tm = trimmed_mean_ms(searches), trimmed_mean_ms(clicks)
    print(f"| the same, trimmed mean (middle 60% of {args.clicks} tries each) | {typed_tm:.0f} ms "
          f"| {clicked_tm:.0f} ms | {typed_tm / clicked_tm:.2f}x | ≤ 1.2x |")
    print(f"| for reference: an st.navigation frame around one search box (a form), typed to text (vs. the click) "
          f"| {floor:.0f} ms | {clicked:.0f} ms | {floor / clicked:.2f}x | |")
    print(f"| for reference: the same frame and box answering with the explorer's results block, nothing "
          f"else on the page | {least:.0f} ms | {clicked:.0f} ms | {least / clicked:.2f}x | |")
    latency = bench_search(args.clicks * 10)
    print(f"| search latency, median of {args.clicks * 10} new queries, warm | {latency:.2f} ms | | | |")
    ms, words = bench_check(200)
    print(f"| note check (followup.notes.check), a {words}-word draft, median of 200, warm | {ms:.2f} ms | | | < 50 ms |")


if __name__ == "__main__":
    main()
