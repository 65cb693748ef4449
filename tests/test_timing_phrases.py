"""The timing reader on two phrase sets (every phrase is a test): tests/timing_phrases.json, the
set the rules were written against, and tests/timing_heldout_phrases.json, written before the
reader and never used to tune it. Expected readings were worked out by hand from a calendar.
Also: the article's reader cases (comments 9, 10, 13, 22; q6-chris's card), planned."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from followup.plan import quality
from followup.plan import timing as T
from followup.plan.reading import load_reading_rules, ReadingRulesError

HERE = Path(__file__).parent
D = dt.date


def _load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))["phrases"]


TUNED, HELDOUT = _load("timing_phrases.json"), _load("timing_heldout_phrases.json")
HELDOUT2 = _load("timing_heldout2_phrases.json")  # first run recorded, then one fix made from it
HELDOUT3 = _load("timing_heldout3_phrases.json")  # written from tests/timing_conventions.md; first run recorded, tuned on
# NEVER tuned on: written beside held-out 3 by a helper who never saw the reader; its misses are not to be
# read while changing the reader. It measures new wordings; the test below only keeps it from getting worse.
HELDOUT4 = _load("timing_heldout4_phrases.json")
HELDOUT5 = _load("timing_heldout5_phrases.json")  # NEVER tuned on either: written last, scored once
HELDOUT5_RIGHT = 62  # of 65 (57 on the reader before that day's work, 60 when first scored, 62 after the adversarial round)
HELDOUT6 = _load("timing_heldout6_phrases.json")  # NEVER tuned on: written last, everyday proportions
HELDOUT6_RIGHT = 59  # of 62 (52 on the reader before that day's work)
ADVERSARIAL = _load("timing_adversarial_phrases.json")  # a tester's attempts to break it; tuned on
ADVERSARIAL_RIGHT = 296  # of 301 (182 before); the rows still wrong are named in the README
ADVERSARIAL2 = _load("timing_adversarial2_phrases.json")  # a second tester, after the first round; tuned on
ADVERSARIAL2_RIGHT = 369  # of 418 (272 before this session's work)
ADVERSARIAL3 = _load("timing_adversarial3_phrases.json")  # a third tester, after round 2; tuned on
ADVERSARIAL3_RIGHT = 441  # of 482 (348 before this session's work, 401 after round 2)
HELDOUT4_RIGHT = 64  # of 66: first run 61 (on a25a97f), 62 after held-out 3's round, 64 after our own probes (README)


def outcome(row) -> str:
    """'right', 'wrong' or 'not understood' for one phrase."""
    interview = D.fromisoformat(row["interview"])
    r = T.read_said(row["said"], interview, T.business_calendar(row["country"], None, interview.year))
    return quality.score(row, r)


def test_sets_are_big_enough_and_cover_uk_and_us():
    assert len(TUNED) >= 100 and len(HELDOUT) >= 30
    for rows in (TUNED, HELDOUT):
        assert {"US", "GB"} <= {r["country"] for r in rows}
    tuned = {(r["said"].lower(), r["interview"]) for r in TUNED}
    assert not {(r["said"].lower(), r["interview"]) for r in HELDOUT} & tuned  # no case used for tuning


# The kinds of wording issue 11 (point 1) asks the reader to handle, each in the tuned set.
CATEGORIES = {
    "range": "ranges, counted from the far end", "part_of_period": "early/mid/late, beginning/end of a week or month",
    "weeks_ahead": "the week after next, a week from Friday, Friday week",
    "after_vs_by": "after X versus by X", "day_of_month": "a day of the month said on or after that day",
    "past_date": "a date already past: say so and ask", "before_holiday": "before a holiday",
    "named_holiday": "named public holidays of the user's country", "quarter": "quarters",
    "shorthand": "hours and days in shorthand", "misspelling": "common misspellings",
}


def test_every_category_of_the_issue_is_in_the_tuned_set_in_uk_and_us_styles():
    for row in TUNED:
        assert row.get("category"), row["said"]
    by_cat = {c: [r for r in TUNED if r["category"] == c] for c in CATEGORIES}
    for c, rows in by_cat.items():
        assert len(rows) >= 4, f"too few phrases for {CATEGORIES[c]}"
    assert len(TUNED) >= 100
    uk = [r for r in TUNED if r["country"] == "GB"]
    assert len(uk) >= 20 and len({r["category"] for r in uk}) >= 8  # UK wording across the categories
    # the issue's own examples are in the set, with the reading the issue asks for
    said = {(r["said"].lower(), r["interview"]): r for r in TUNED}
    assert said[("by march 3", "2026-03-10")]["kind"] == "ask"  # never 3 March next year
    assert said[("by the 15th", "2026-03-15")]["deadline"] == "2026-04-15"  # not the interview day
    assert said[("after the 15th", "2026-03-02")]["deadline"] > said[("by the 15th", "2026-03-02")]["deadline"]


@pytest.mark.parametrize("row", TUNED, ids=[f"{r['said']}@{r['interview']}" for r in TUNED])
def test_tuned_phrase(row):
    assert outcome(row) == "right"


@pytest.mark.parametrize("row", HELDOUT, ids=[f"{r['said']}@{r['interview']}" for r in HELDOUT])
def test_heldout_phrase(row):
    assert outcome(row) == "right"


@pytest.mark.parametrize("row", HELDOUT2, ids=[f"{r['said']}@{r['interview']}" for r in HELDOUT2])
def test_heldout2_phrase(row):
    assert outcome(row) == "right"


def test_heldout2_is_new_wording_on_new_dates():
    assert len(HELDOUT2) >= 50 and {"US", "GB", "CA", "AU"} <= {r["country"] for r in HELDOUT2}
    assert all(r["interview"].startswith("2027") for r in HELDOUT2)
    seen = {r["said"].lower() for r in TUNED + HELDOUT}
    assert sum(r["said"].lower() in seen for r in HELDOUT2) <= len(HELDOUT2) // 5  # mostly new wordings


@pytest.mark.parametrize("row", HELDOUT3, ids=[f"{r['said']}@{r['interview']}" for r in HELDOUT3])
def test_heldout3_phrase(row):
    assert outcome(row) == "right"


def test_heldout3_and_4_are_new_wording_on_new_dates_in_many_countries():
    seen = {r["said"].lower() for r in TUNED + HELDOUT + HELDOUT2}
    for rows, year in ((HELDOUT3, "2028"), (HELDOUT4, "2029")):
        assert len(rows) >= 60 and {"US", "GB", "CA", "AU", "IE", "NZ"} <= {r["country"] for r in rows}
        assert all(r["interview"].startswith(year) for r in rows)
        assert sum(r["said"].lower() in seen for r in rows) <= 4  # short ones ("EOW") coincide; on other dates
    assert len({r["said"].lower() for r in HELDOUT3} & {r["said"].lower() for r in HELDOUT4}) <= 2


@pytest.mark.parametrize("rows, right", [(HELDOUT4, HELDOUT4_RIGHT), (HELDOUT5, HELDOUT5_RIGHT),
                                         (HELDOUT6, HELDOUT6_RIGHT)], ids=["4", "5", "6"])
def test_the_never_tuned_sets_score_at_least_as_reported(rows, right):
    results = [outcome(r) for r in rows]
    assert results.count("right") >= right, "the reader got worse on wordings nobody tuned it on"


def test_heldout5_is_new_wording_on_new_dates():
    assert len(HELDOUT5) >= 60 and {"US", "GB", "CA", "AU", "IE", "NZ", "IN"} <= {r["country"] for r in HELDOUT5}
    assert all(r["interview"].startswith("2030") for r in HELDOUT5)


def test_rates_as_reported_in_the_readme():
    for rows in (TUNED, HELDOUT, HELDOUT2, HELDOUT3):
        results = [outcome(r) for r in rows]
        assert results.count("wrong") == 0
        assert results.count("not understood") <= 0.10 * len(rows)


def test_a_correction_is_shown():
    r = T.read_said("by firday", D(2026, 3, 2))
    assert r.corrections == (("firday", "friday"),)
    assert "(read “firday” as “friday”)" in r.line and r.line.startswith("I read this as: ")


def test_the_line_states_the_reading():
    assert T.plan(D(2025, 10, 20), "by Friday").line == "I read this as: a decision by Friday: Fri 24 Oct 2025."


def test_reading_rules_are_validated(tmp_path):
    data = json.loads(T.RULES_FILE.read_text(encoding="utf-8"))
    data["reading"]["month_parts"]["early"] = 40
    bad = tmp_path / "timing_rules.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReadingRulesError, match="month_parts"):
        load_reading_rules(bad)
    del data["reading"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReadingRulesError, match="section missing"):
        load_reading_rules(bad)


# --- the article's reader cases -----------------------------------------------------------------
def test_c9_follow_up_after_3_days_is_an_instruction():
    p = T.plan(D(2026, 3, 2), "someone from HR told me to follow up after 3 days")
    fu = p.step("follow_up")
    assert p.deadline is None and p.reading.kind == "nothing"
    assert fu.date == D(2026, 3, 5) and "c9" in fu.refs
    assert "expected to decide" not in fu.why and "not their decision date" in fu.why


def test_c10_sam_invited_gets_a_value_adding_touch_in_the_long_wait():
    said = "they will decide by Feb end; I asked if I can send follow-up emails and he agreed"
    p = T.plan(D(2013, 1, 22), said)
    touch = p.step("keep_in_touch")
    assert touch is not None and p.step("thank_you").latest < touch.date < p.step("follow_up").date
    assert {"c10", "q6-chris"} <= set(touch.refs) and "take cues from them" in touch.why
    gaps = sorted((b.date - a.date).days for a, b in zip(p.steps, p.steps[1:]))
    assert gaps[-1] < 30  # no 5.5 weeks of silence any more
    assert T.plan(D(2013, 1, 22), "by Feb end").step("keep_in_touch") is None  # not invited: no extra note


def test_c13_no_follow_up_on_the_day_they_promised_to_call():
    said = "she will get back to me next week; HR will contact him on Monday"
    p = T.plan(D(2013, 3, 15), said, country="SE")
    assert p.reading.promised == D(2013, 3, 18)
    assert all(s.date != D(2013, 3, 18) for s in p.steps)
    assert p.step("follow_up").date == D(2013, 3, 19)


def test_c22_agency_plans_quote_both_halves():
    p = T.plan(D(2026, 3, 2), "2-3 weeks", via_agency=True)
    text = " ".join(p.notes) + p.step("follow_up").why
    assert "donnt send another email nor call…they donnt like to be stalked" in text
    assert "IF you went through an agent…call even every day." in text


def test_card_quotes_what_chris_says_it_should_say():
    card = T.plan(D(2025, 12, 10), "after the holidays").step("holiday_card")
    assert ("wishing them a happy holiday, reiterating her interest in joining their team, and looking "
            "forward to hearing from them after the holidays") in card.why


def test_past_date_is_said_and_asked_never_a_year_later():
    p = T.plan(D(2026, 3, 10), "by March 3")
    assert p.waiting and "already past" in p.understood and p.deadline is None


def test_the_readme_reports_these_figures():
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    for label, rows in (("| Tuned (", TUNED), ("| Held out (", HELDOUT), ("| Held out 2, now (", HELDOUT2)):
        line = next(ln for ln in readme.splitlines() if ln.startswith(label))
        results = [outcome(r) for r in rows]
        figures = [len(rows), results.count("right"), results.count("wrong"), results.count("not understood")]
        assert line.endswith("| " + " | ".join(map(str, figures)) + " |"), line


@pytest.mark.parametrize("rows, right", [(ADVERSARIAL, ADVERSARIAL_RIGHT), (ADVERSARIAL2, ADVERSARIAL2_RIGHT),
                                         (ADVERSARIAL3, ADVERSARIAL3_RIGHT)], ids=["1", "2", "3"])
def test_the_adversarial_sets_score_at_least_as_reported(rows, right):
    results = [outcome(r) for r in rows]
    assert len(rows) >= 300 and results.count("right") >= right


KNOWN_MISSES = json.loads((HERE / "data" / "timing_adversarial_misses.json").read_text(encoding="utf-8"))["misses"]


@pytest.mark.parametrize("name", sorted(KNOWN_MISSES))
def test_no_adversarial_row_read_right_before_goes_wrong(name):
    """These sets are tuned on, so each row is held: a fix for one row may not break another (a count alone
    hid one such swap: "decision by Apr. 23rd" broke while another row was fixed)."""
    misses = {tuple(m) for m in KNOWN_MISSES[name]}
    broken = [r["said"] for r in _load(name) if (r["said"], r["interview"]) not in misses and outcome(r) != "right"]
    assert broken == []
