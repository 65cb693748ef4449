"""The checker's quality on the draft sets kept as data (tests/data/note_drafts*.json). The tuned
set must be clean (every planted problem found, no finding on a good letter); the five held-out sets,
tuned on since their first runs (both figures in the README), are held at what they reach now."""
from pathlib import Path

import pytest

from followup.write import quality
from followup.write.rules import CODES, KINDS

DATA = Path(__file__).resolve().parent / "data"


def test_tuned_set_finds_every_planted_problem_and_no_false_alarm():
    rep = quality.run(DATA / "note_drafts.json")
    assert rep.drafts >= 40 and rep.good >= 15
    assert rep.good_with_findings == []
    assert rep.misses == [] and rep.extra == []


def test_tuned_set_covers_every_code_and_kind():
    import json

    drafts = json.loads((DATA / "note_drafts.json").read_text())["drafts"]
    planted = {c for d in drafts for c in d["expected"]}
    assert planted == set(CODES)
    assert {d["kind"] for d in drafts} == set(KINDS)
    assert {d["channel"] for d in drafts} == {"email", "linkedin", "card"}


@pytest.mark.parametrize("name,min_recall,max_good_flagged,max_false_alarms", [
    # each measured once before tuning on it, then tuned on (first runs: 12/13 with 3 good letters flagged;
    # 5/8 with 1 good letter flagged and 4 false alarms); held at what they reach now so a regression fails
    ("note_drafts_heldout1.json", 1.0, 0, 1),  # the 1: too_short on a 38-word bad draft, by the rule
    ("note_drafts_heldout2.json", 1.0, 0, 0),
    # held-out 3, first score 29/31 (2 misses), 2 false alarms, 1 good letter flagged (README); tuned on since
    ("note_drafts_heldout3.json", 1.0, 0, 0),
    # held-out 4, first score 36/40, 6 false alarms, 4 of 22 good letters flagged (README; scored once with
    # 829624f's engine before any rule was changed in view of it); tuned on since
    ("note_drafts_heldout4.json", 1.0, 0, 0),
    # held-out 5, tuned on since round 6, first score 41/42, 1 false alarm, 1 of 22 good letters flagged
    # (README; scored once on bd83aac, never tuned on then); held at what it reaches now
    ("note_drafts_heldout5.json", 1.0, 0, 0),
    # held-out 6, NEVER tuned on (the honest estimate, README): 31/34, 0 false alarms, 0 of 30 good letters
    # flagged when scored; this bar only guards against getting worse. Do not tune on it.
    ("note_drafts_heldout6.json", 0.91, 0, 0),
])
def test_held_out_sets_do_not_get_worse(name, min_recall, max_good_flagged, max_false_alarms):
    rep = quality.run(DATA / name)
    planted = sum(rep.expected.values())
    assert sum(rep.found.values()) / planted >= min_recall, rep.misses
    assert len(rep.good_with_findings) <= max_good_flagged, rep.good_with_findings
    assert sum(rep.false_alarms.values()) <= max_false_alarms, rep.extra
