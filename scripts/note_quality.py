"""Print the note checker's recall and false alarms per code on the tuned and held-out draft sets.

    python scripts/note_quality.py
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup.write import quality  # noqa: E402

for name, file in (("Tuned set", "note_drafts.json"), ("Held-out set 1 (since used for tuning)", "note_drafts_heldout1.json"), ("Held-out set 2 (since used for tuning)", "note_drafts_heldout2.json"),
                   ("Held-out set 3 (since used for tuning)", "note_drafts_heldout3.json"),
                   ("Held-out set 4 (since used for tuning)", "note_drafts_heldout4.json"),
                   ("Held-out set 5 (tuned on since round 6; first score 41/42, 1 false alarm, 1 good letter flagged)", "note_drafts_heldout5.json"),
                   ("Held-out set 6 (NEVER tuned on)", "note_drafts_heldout6.json")):
    rep = quality.run(ROOT / "tests" / "data" / file, name)
    print(rep.table())
    if rep.misses or rep.extra:
        print("\nmissed:", rep.misses, "\nextra:", rep.extra)
    print()
