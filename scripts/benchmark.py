"""Benchmarks (not tests): server CPU per click and what a user waits for, each against a trivial
Streamlit page measured in the same run, so the ratios hold on a slow or busy machine.

    .venv/bin/python scripts/benchmark.py            # everything (needs /usr/bin/chromium)
    .venv/bin/python scripts/benchmark.py --no-browser

Prints a Markdown table for the README.
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

TRIVIAL_PAGE = "import streamlit as st\nst.write('Hello')\n"
TRIVIAL_CLICK_APP = (
    "import streamlit as st\n"
    "if st.button('Go', key='go'):\n"
    "    st.write('Done')\n"
)
PAGES = {
    "Advice explorer (browse)": ("pages/advice/explorer.py", {}),
    "Advice explorer (search)": ("pages/advice/explorer.py", {"q": "they said after the holidays, when to follow up"}),
    "Wait-time planner": ("pages/plan/planner.py", {}),
    "Follow-up timeline": ("pages/log/timeline.py", {}),
}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_reruns(at, n: int) -> float:
    at.run()  # warm
    at.run()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - t0)
    return median_ms(samples)


def bench_reruns(n: int, seed_timeline) -> list[tuple[str, float, float]]:
    from streamlit.testing.v1 import AppTest

    rows = []
    for name, (page, params) in PAGES.items():
        trivial = time_reruns(AppTest.from_string(TRIVIAL_PAGE, default_timeout=60), n)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if page != "pages/advice/explorer.py":
            at.switch_page(page)
        if page == "pages/log/timeline.py" and seed_timeline:
            name = f"{name} ({seed_timeline(at)})"
        page_ms = time_reruns(at, n)
        if at.exception:
            raise SystemExit(f"{page} raised: {at.exception}")
        rows.append((name, page_ms, trivial))
    return rows


def seed_timeline_events():
    """Seed 1,000 events for the local owner, if the tracker offers a seeding function."""
    try:
        from followup import tracker
    except ImportError:
        return None
    seed = getattr(tracker, "seed_demo", None)
    if seed is None:
        return None

    def run(at) -> str:
        return seed(events=1000)

    return run


def bench_search(n: int) -> float:
    from followup.search import search

    queries = ["after the holidays", "what to write in the email", "should I mention salary",
               "ghosted after interview", "agency recruiter call", "second follow up"]
    search("warm up")
    samples = []
    for _ in range(n):
        for q in queries:
            t0 = time.perf_counter()
            search(q)
            samples.append(time.perf_counter() - t0)
    return median_ms(samples)


def bench_browser(n: int) -> tuple[float, float]:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import wait_for_app
    from tests.conftest import CHROMIUM, StreamlitServer

    tmp = Path(tempfile.mkdtemp())
    trivial_file = tmp / "trivial_app.py"
    trivial_file.write_text(TRIVIAL_CLICK_APP)
    os.environ["FOLLOWUP_DATA_DIR"] = str(tmp / "data")
    app = StreamlitServer()
    trivial = StreamlitServer(script=trivial_file)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.goto(trivial.url)
            wait_for_app(page)
            clicks = []
            for _ in range(n):
                page.reload()
                wait_for_app(page)
                t0 = time.perf_counter()
                page.locator(".st-key-go button").click()
                expect(page.get_by_text("Done")).to_be_visible()
                clicks.append(time.perf_counter() - t0)
            page.goto(app.url)
            wait_for_app(page)
            searches = []
            queries = ["after the holidays", "what to write", "salary", "agency", "second follow up"]
            for i in range(n):
                page.goto(app.url)
                wait_for_app(page)
                box = page.locator(".st-key-q input")
                box.fill(queries[i % len(queries)])
                t0 = time.perf_counter()
                box.press("Enter")
                expect(page.locator("[class*='st-key-card-search-']").first).to_be_visible()
                searches.append(time.perf_counter() - t0)
            browser.close()
    finally:
        app.stop()
        trivial.stop()
    return median_ms(searches), median_ms(clicks)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reruns", type=int, default=30)
    ap.add_argument("--clicks", type=int, default=10)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())

    print("| measure | this app | trivial page, same run | ratio | target |")
    print("|---|---|---|---|---|")
    for name, page_ms, trivial_ms in bench_reruns(args.reruns, seed_timeline_events()):
        print(f"| warm rerun: {name} | {page_ms:.1f} ms | {trivial_ms:.1f} ms | {page_ms / trivial_ms:.1f}x | ≤ 5x |")
    if not args.no_browser:
        typed, clicked = bench_browser(args.clicks)
        print(f"| Chromium: query typed to results visible vs. click to text | {typed:.0f} ms | {clicked:.0f} ms "
              f"| {typed / clicked:.2f}x | ≤ 1.2x |")
    print(f"| search latency (median, warm) | {bench_search(50):.2f} ms | | | |")


if __name__ == "__main__":
    main()
