"""Quality of the note checker on a set of drafts with expected codes (tests/data/note_drafts*.json):
per code, how many planted problems it found (recall) and how often it fired where it should not
(false alarms); and the false alarms on good letters, which must be 0."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from followup.write.checker import check
from followup.write.rules import CODES


@dataclass
class Report:
    name: str
    drafts: int = 0
    good: int = 0
    good_with_findings: list[str] = field(default_factory=list)
    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)  # expected and raised
    false_alarms: Counter = field(default_factory=Counter)  # raised, not expected
    misses: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        out = []
        for code in CODES:
            if self.expected[code] or self.false_alarms[code]:
                rec = f"{self.found[code]}/{self.expected[code]}" if self.expected[code] else "–"
                out.append((code, rec, str(self.false_alarms[code])))
        return out

    def table(self) -> str:
        lines = [f"{self.name}: {self.drafts} drafts, {self.good} good letters, false alarms on good letters: "
                 f"{len(self.good_with_findings)}",
                 "", "| code | recall (found/planted) | false alarms |", "|---|---|---|"]
        lines += [f"| `{c}` | {r} | {f} |" for c, r, f in self.rows()]
        tot_e, tot_f = sum(self.expected.values()), sum(self.found.values())
        lines.append(f"| all | {tot_f}/{tot_e} ({tot_f / tot_e:.0%}) | {sum(self.false_alarms.values())} |"
                     if tot_e else "| all | – | 0 |")
        return "\n".join(lines)


def run(path: Path | str, name: str | None = None) -> Report:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rep = Report(name or Path(path).stem)
    for d in data["drafts"]:
        ctx = dict(d.get("context", {}))
        sent = ctx.pop("sent_on", None)
        got = {f.code for f in check(d["body"], kind=d["kind"], channel=d["channel"], subject=d.get("subject", ""),
                                     sent_on=dt.date.fromisoformat(sent) if sent else None, **ctx)}
        want = set(d["expected"])
        rep.drafts += 1
        if not want:
            rep.good += 1
            if got:
                rep.good_with_findings.append(d["id"])
        for c in want:
            rep.expected[c] += 1
            if c in got:
                rep.found[c] += 1
            else:
                rep.misses.append((d["id"], c))
        for c in got - want:
            rep.false_alarms[c] += 1
            rep.extra.append((d["id"], c))
    return rep
