"""Measure the timing reader, and the `dateparser` library in its place, on both phrase sets.

    python scripts/timing_quality.py

For each set (tests/timing_phrases.json, tuned; tests/timing_heldout_phrases.json, never used for
tuning; tests/timing_heldout2_phrases.json, written after the reader, first run recorded; held-out 3 and 4, written on
8 December 2026 from tests/timing_conventions.md by helpers who never saw the reader, 3 tuned on after its
first run, 4 never) it prints right / wrong / not understood and the time per phrase for:

* the reader (``followup.timing.read_said``, the planner's own);
* ``dateparser.parse`` with the interview as RELATIVE_BASE, PREFER_DATES_FROM='future' and the
  country's DATE_ORDER (DMY for GB and the rest, MDY for the US and CA);
* ``dateparser.search.search_dates`` with the same settings (it finds a date inside a sentence;
  the last date found counts);
* the reader with dateparser as a fallback where the reader does not understand the text (what
  adopting it for "the parts it does well" would give).

Scoring is the tests' (tests/test_timing_phrases.py): a phrase whose right reading is to ask (a
past or ambiguous date) is right only when no date comes back; "nothing said" phrases are right
only with no date (or, for an instruction such as "follow up after 3 days", the day of the
follow-up); "after the holidays" is right only as the end-of-year holidays, which dateparser has
no notion of. dateparser is a development tool here (requirements-dev.txt); without it the script
says so and measures the reader alone.
"""
from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup.plan import quality  # noqa: E402
from followup.plan import timing as T  # noqa: E402

SETS = (("Tuned set", "timing_phrases.json"), ("Held-out set (never tuned on)", "timing_heldout_phrases.json"),
        ("Held-out set 2 (first run recorded, then one fix from it)", "timing_heldout2_phrases.json"),
        ("Held-out set 3 (first run recorded, then tuned on)", "timing_heldout3_phrases.json"),
        ("Held-out set 4 (NEVER tuned on)", "timing_heldout4_phrases.json"),
        ("Held-out set 5 (NEVER tuned on, written last)", "timing_heldout5_phrases.json"),
        ("Held-out set 6 (NEVER tuned on, written last, everyday proportions)", "timing_heldout6_phrases.json"),
        ("Adversarial set (a tester's attempts to break the reader; tuned on)", "timing_adversarial_phrases.json"),
        ("Adversarial set 2 (a second tester, after the first round; tuned on)", "timing_adversarial2_phrases.json"),
        ("Adversarial set 3 (a third tester, after the second round; tuned on)", "timing_adversarial3_phrases.json"))
MDY = {"US", "CA"}


def load(file: str) -> list[dict]:
    return json.loads((ROOT / "tests" / file).read_text(encoding="utf-8"))["phrases"]


def want(row) -> str | None:
    """The date a plain date parser should return for the phrase (None: no date)."""
    if row["kind"] in ("ask", "holidays"):
        return None
    if row["kind"] == "nothing":
        return row.get("follow_up")
    return row["deadline"]


score_reader = quality.score  # one scorer for the tests and this script


def score_date(row, d: dt.date | None) -> str:
    if row["kind"] == "ask" or (row["kind"] == "nothing" and not row.get("follow_up")):
        return "right" if d is None else "wrong"
    if d is None:
        return "not understood"
    return "right" if str(d) == want(row) else "wrong"


def settings(row) -> dict:
    interview = dt.date.fromisoformat(row["interview"])
    return {"RELATIVE_BASE": dt.datetime(interview.year, interview.month, interview.day, 9, 0),
            "PREFER_DATES_FROM": "future", "DATE_ORDER": "MDY" if row["country"] in MDY else "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False}


def run_set(rows, dateparser, search_dates) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {"reader": [], "dateparser.parse": [], "dateparser.search_dates": [],
                                                "reader, dateparser where not understood": []}
    for row in rows:
        interview = dt.date.fromisoformat(row["interview"])
        cal = T.business_calendar(row["country"], None, interview.year)
        t0 = time.perf_counter()
        r = T.read_said(row["said"], interview, cal)
        t_reader = time.perf_counter() - t0
        mine = score_reader(row, r)
        out["reader"].append((mine, t_reader))
        if dateparser is None:
            continue
        t0 = time.perf_counter()
        got = dateparser.parse(row["said"], languages=["en"], settings=settings(row))
        t_parse = time.perf_counter() - t0
        parsed = score_date(row, got.date() if got else None)
        out["dateparser.parse"].append((parsed, t_parse))
        t0 = time.perf_counter()
        found = search_dates(row["said"], languages=["en"], settings=settings(row))
        t_search = time.perf_counter() - t0
        out["dateparser.search_dates"].append((score_date(row, found[-1][1].date() if found else None), t_search))
        both = mine if mine != "not understood" else parsed
        out["reader, dateparser where not understood"].append((both, t_reader + (t_parse if mine == "not understood" else 0)))
    return out


def main() -> None:
    try:
        import dateparser
        from dateparser.search import search_dates
    except ImportError:
        dateparser = search_dates = None
        print("dateparser is not installed (pip install -r requirements-dev.txt): measuring the reader alone.\n")
    if dateparser is not None:
        t0 = time.perf_counter()
        dateparser.parse("in 2 weeks", languages=["en"])  # loads its language data once
        print(f"dateparser {dateparser.__version__}: first call (loading its data) {1000 * (time.perf_counter() - t0):.0f} ms\n")
    for name, file in SETS:
        rows = load(file)
        no_date = sum(want(r) is None for r in rows)
        print(f"{name}: {len(rows)} phrases ({no_date} with no date to return: asks, nothing said, the year-end holidays)")
        print(f"  {'':42} {'right':>6} {'wrong':>6} {'not underst.':>12} {'ms/phrase (median, max)':>26}")
        for who, results in run_set(rows, dateparser, search_dates).items():
            if not results:
                continue
            kinds = [k for k, _ in results]
            ms = [1000 * t for _, t in results]
            print(f"  {who:42} {kinds.count('right'):>6} {kinds.count('wrong'):>6} {kinds.count('not understood'):>12}"
                  f" {statistics.median(ms):>13.2f} {max(ms):>11.2f}")
        print()


if __name__ == "__main__":
    main()
