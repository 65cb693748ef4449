"""Benchmarks (not tests): what a visitor waits for and what a click costs the server, each against
a trivial Streamlit app measured in the same run, so the ratios hold on a slow or busy machine.

    .venv/bin/python scripts/benchmark.py [--tries 20] [--reruns 20] [--cold 3] [--only planner,done]

Needs Debian's /usr/bin/chromium (./test.sh installs it). Prints Markdown tables for the README.

- What a visitor waits for (Chromium): from the key or mouse press to the first frame showing the
  result, timed inside the page, against a trivial app's button click to its text, in the same fresh
  browser, one try of each in turn: a search (Enter in the explorer's box), a planner input (Enter
  in "What did they tell you"), "Log event" and "Done today" on a timeline of 1,000 events (to the
  confirmation). The first visit: a server started afresh for each try (this app and a trivial
  one, in turn), from the browser's navigation to the page heading on screen. Medians, their ratio,
  and the spread (the middle half of the tries).
- Server CPU per click: a real `streamlit run` server per app; Chromium reruns the page N times
  (Streamlit's "R" shortcut) after three warm reruns (a server compiles a page once per process)
  and the server process's CPU time (user + system, from /proc) is divided by N: the script,
  Streamlit's after-run garbage collection, protobuf, websocket, for both sides.
- Search latency and the note check: in process, warm.
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
TRIVIAL_TITLE_PAGE = "import streamlit as st\nst.title('Hello')\n"  # the cold start's baseline
TRIVIAL_CLICK_APP = "import streamlit as st\nif st.button('Go', key='go'):\n    st.write('Done')\n"
PAGES = {
    "Advice explorer, whole article": "/",
    "Advice explorer, a search": "/?q=they+said+after+the+holidays+when+to+follow+up",
    "Wait-time planner": "/planner?said=2-3+weeks",
    "Follow-up timeline": "/timeline",
    "Write a note": "/write?kind=thank_you",
}
ROWS = ("search", "planner", "log", "done", "cold", "cpu")  # --only: what a visitor waits for, then server CPU
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


CHANGE_JS = """(sel) => {
    // Time from the user's key or mouse press to the first frame in which the text of `sel` differs
    // from what it was when this was called (the page's answer to the action has arrived).
    window.__t0 = undefined;
    const before = (document.querySelector(sel) || {}).innerText;
    const start = () => { if (window.__t0 === undefined) window.__t0 = performance.now(); };
    document.addEventListener("keydown", start, {capture: true, once: true});
    document.addEventListener("mousedown", start, {capture: true, once: true});
    window.__done = new Promise(resolve => {
        const tick = () => {
            const e = document.querySelector(sel);
            if (e && e.offsetParent !== null && e.innerText && e.innerText !== before && window.__t0 !== undefined) {
                resolve(performance.now() - window.__t0); return;
            }
            requestAnimationFrame(tick);
        };
        tick();
    });
}"""

SAID = ["in 10 days", "by March 3", "2-3 weeks", "next week", "after the holidays", "within 10 business days",
        "by the end of the month", "in a couple of weeks"]


def planner_input(page, url: str, said: str) -> float:
    """Seconds from Enter in the planner's "What did they tell you" box to the new reading on screen."""
    page.goto(url + "/planner?said=by+Friday")
    wait_for_app(page)
    box = page.locator(".st-key-said input")
    box.fill(said)
    page.wait_for_timeout(IDLE_MS)
    page.evaluate(CHANGE_JS, ".st-key-understood")
    box.press("Enter")
    return watched_seconds(page)


FLASH = "[data-testid=stAlert]"


def log_event(page, url: str, i: int) -> float:
    """Seconds from the click on "Log event" (timeline of 1,000 events) to its confirmation on screen."""
    page.goto(url + "/timeline")
    wait_for_app(page)
    page.get_by_role("tab", name="📝 Log event").click()
    wait_for_app(page)
    page.locator(".st-key-tl_ev_note textarea").fill(f"Benchmark note {i}")
    page.wait_for_timeout(IDLE_MS)
    watch(page, FLASH, "Logged")
    page.locator(".st-key-tl_ev_submit button").click()
    return watched_seconds(page)


def done_today(page, url: str) -> float:
    """Seconds from the click on the first "✅ Done today" (timeline of 1,000 events) to its confirmation."""
    page.goto(url + "/timeline")
    wait_for_app(page)
    page.wait_for_timeout(IDLE_MS)
    watch(page, FLASH, "Logged")
    page.locator("[class*='st-key-tl_done_'] button").first.click()
    return watched_seconds(page)


HEADING_JS = """() => new Promise(resolve => {
    // ms from the navigation's start to the first frame with the page's heading on screen
    const tick = () => {
        const h = document.querySelector("h1");
        if (h && h.offsetParent !== null && h.innerText.trim()) { resolve(performance.now()); return; }
        requestAnimationFrame(tick);
    };
    tick();
})"""


def first_visit(browser, env: dict, script: Path | None) -> float:
    """Seconds from navigation to the heading on screen, for the first visitor of a server started
    afresh (as soon as it answers its health check), in a new browser context (nothing cached)."""
    # A trivial script runs from its own folder, so it gets Streamlit's defaults, not this app's
    # .streamlit/config.toml (which turns the after-run garbage collection off).
    server = StreamlitServer(env, script=script, cwd=script.parent if script else ROOT)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(server.url + "/", wait_until="commit")
        ms = page.evaluate(HEADING_JS)
        context.close()
        return ms / 1000
    finally:
        server.stop()


def spread(samples: list[float]) -> str:
    """The middle half of the tries (25th to 75th percentile), in ms."""
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return f"{q[0] * 1000:.0f}–{q[2] * 1000:.0f}"


def visitor_row(name: str, app: list[float], base: list[float], base_name: str, target: str) -> str:
    ratio = statistics.median(app) / statistics.median(base)
    return (f"| {name} | {median_ms(app):.0f} ms ({spread(app)}) | {base_name} {median_ms(base):.0f} ms "
            f"({spread(base)}) | {ratio:.2f}x | {target} |")


def seed_timeline(data_dir: Path, events: int) -> str:
    """Seed the local owner's log with ``events`` events in the app's own SQLite file."""
    import seed  # scripts/seed.py, beside this file

    os.environ["FOLLOWUP_DATA_DIR"] = str(data_dir)
    return seed.seed_benchmark(events=events)


def bench_search(n: int, scope: bool = False) -> float:
    """Median time of a search (or, with ``scope``, of the explorer's scope decision, ``covers`` and
    ``asks_when``) for a new query each time."""
    from followup.advice.search import asks_when, covers, search

    if scope:
        def search(q: str) -> None:  # noqa: F811 - what the explorer calls besides search
            covers(q)
            asks_when(q)

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
    ap.add_argument("--tries", type=int, default=20, help="tries of each interaction in Chromium")
    ap.add_argument("--cold", type=int, default=3, help="fresh servers of each app for the first visit")
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--notes-only", action="store_true", help="only the in-process note check (no browser)")
    ap.add_argument("--only", default=",".join(ROWS),
                    help=f"comma-separated rows to measure, of {','.join(ROWS)} (the trivial click is always measured "
                         "beside the interactions; the first visit has its own baseline)")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else set(ROWS)
    if only - set(ROWS):
        ap.error(f"unknown rows: {', '.join(sorted(only - set(ROWS)))}")
    if args.notes_only:
        ms, words = bench_check(200)
        print(f"| note check (followup.notes.check), a {words}-word draft, median of 200, warm | {ms:.2f} ms "
              f"| | | < 50 ms |")
        return

    tmp = Path(tempfile.mkdtemp())
    (tmp / "trivial_page.py").write_text(TRIVIAL_PAGE)
    (tmp / "trivial_title.py").write_text(TRIVIAL_TITLE_PAGE)
    (tmp / "trivial_click.py").write_text(TRIVIAL_CLICK_APP)
    seeded = seed_timeline(tmp / "data", args.events)
    env = {"FOLLOWUP_DATA_DIR": str(tmp / "data")}
    app = StreamlitServer(env)
    # The trivial apps as Streamlit serves them: started in their own folder, so with Streamlit's
    # default settings (its after-run gc.collect included), not this app's .streamlit/config.toml.
    trivial = StreamlitServer(env, script=tmp / "trivial_page.py", cwd=tmp)
    click_app = StreamlitServer(env, script=tmp / "trivial_click.py", cwd=tmp)
    cpu_rows = []
    t = {k: [] for k in ("click", "search", "planner", "log", "done", "cold_app", "cold_trivial")}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items() if "cpu" in only else ():
                base = cpu_per_rerun(page, trivial, "/", args.reruns)
                cost = cpu_per_rerun(page, app, path, args.reruns)
                if name == "Follow-up timeline":
                    name = f"{name}, {seeded}"
                cpu_rows.append(f"| {name} | {cost:.1f} ms | {base:.1f} ms | {cost / base:.1f}x | ≤ 5x |")
            browser.close()

            # A fresh browser for what a visitor waits for: the reruns above loaded many pages.
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            results = ".st-key-search-results [data-testid=stMarkdownContainer]"
            # One try of each in turn, so a slow spell of this shared machine hits all of them alike.
            for i in range(args.tries if only & {"search", "planner", "log", "done"} else 0):
                t["click"].append(clicked_to_visible(page, click_app.url))
                if "search" in only:
                    t["search"].append(typed_to_visible(page, app.url, results, "", QUERIES[i % len(QUERIES)]))
                if "planner" in only:
                    t["planner"].append(planner_input(page, app.url, SAID[i % len(SAID)]))
                if "log" in only:
                    t["log"].append(log_event(page, app.url, i))
                if "done" in only:
                    t["done"].append(done_today(page, app.url))
            for _ in range(args.cold if "cold" in only else 0):
                t["cold_trivial"].append(first_visit(browser, env, tmp / "trivial_title.py"))
                t["cold_app"].append(first_visit(browser, env, None))
            browser.close()
    finally:
        for srv in (app, trivial, click_app):
            srv.stop()
    click = "a button click to its text"
    print(f"What a visitor waits for, in Chromium: median of {args.tries} tries (middle half in brackets); "
          f"the first visit: {args.cold} fresh servers of each.\n")
    print("| interaction | this app | trivial app, same run | ratio of medians | target |")
    print("|---|---|---|---|---|")
    rows = [("search", "Enter → search results (explorer)", "≤ 2x, aim 1.2x"),
            ("planner", "Enter → new plan (planner input change)", "≤ 2x, aim 1.2x"),
            ("log", f"click \"Log event\" → confirmation, {seeded}", "≤ 2x, aim 1.2x"),
            ("done", f"click \"Done today\" → confirmation, {seeded}", "≤ 2x, aim 1.2x")]
    for key, name, target in rows:
        if key in only:
            print(visitor_row(name, t[key], t["click"], click, target))
    if "cold" in only:
        print(visitor_row("first visitor on a freshly started server, page heading on screen", t["cold_app"],
                          t["cold_trivial"], "a one-line st.title page", "≤ 1.5x"))
    if "cpu" in only:
        print(f"\nServer CPU per click (page rerun from Chromium, mean of {args.reruns}), against a one-line page:\n")
        print("| page | this app | trivial page, same run | ratio | target |")
        print("|---|---|---|---|---|")
        print("\n".join(cpu_rows))
    if only != set(ROWS):
        return
    latency = bench_search(400)
    scope_ms = bench_search(400, scope=True)
    ms, words = bench_check(200)
    print(f"\nIn process, warm: search latency {latency:.2f} ms (median of 400 new queries), its scope "
          f"decision {scope_ms:.2f} ms more; note check "
          f"(followup.notes.check) of a {words}-word draft {ms:.2f} ms (median of 200; target < 50 ms).")


if __name__ == "__main__":
    main()
