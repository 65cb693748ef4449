"""The planner's rule data: ``content/timing_rules.json`` loaded and validated (steps, sources,
industries, the agency note, the year-end break). Errors name the file and the field."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from followup.advice.content import CONTENT_DIR, article, read_json_object

RULES_FILE = CONTENT_DIR / "timing_rules.json"
BASES = ("article", "reader", "ours", "article+ours", "reader+ours")


class TimingRulesError(ValueError):
    """``content/timing_rules.json`` is missing, malformed or names something unknown."""



# --------------------------------------------------------------------------------------------
# Rule data
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Industry:
    key: str
    name: str
    label: str
    jan_after_first_back: int
    jan_extra_business_days: int
    jan_window_to: int | None
    jan_why: str | None
    typical_days: int
    typical_source: str
    evidence: tuple[dict, ...]
    aliases: tuple[str, ...] = ()  # other words for it that plan() accepts (ours, not the article's)


def industry_words(value: str) -> str:
    """How an industry's name is compared: case, spaces, hyphens and underscores do not matter."""
    return " ".join(re.sub(r"[-_]", " ", value).lower().split())


@dataclass(frozen=True)
class Rules:
    sources: dict[str, dict]
    steps: dict[str, dict]
    industries: dict[str, Industry]
    agency: dict
    break_starts: tuple[int, int]
    rule_table: tuple[tuple[str, str], ...] = ()
    moved: dict | None = None  # how a moved step's why says so: the "moved" section

    def industry_key(self, value: object) -> str | None:
        """The industry a caller named by its key, name, label or one of its aliases, in any case
        ("Academia", "higher education"); unknown or blank: None."""
        if not isinstance(value, str) or not value.strip():
            return None
        words = industry_words(value)
        for key, ind in self.industries.items():
            if words in {industry_words(key), industry_words(ind.name), industry_words(ind.label),
                         *ind.aliases}:
                return key
        return None

    def source_name(self, key: str | None) -> str | None:
        return None if key is None else self.sources[key]["name"]


def _rules_fail(where: str, msg: str) -> None:
    raise TimingRulesError(f"{RULES_FILE.name}: {where}: {msg}")


def _field(obj: object, key: str, typ, where: str, *, nullable: bool = False):
    if not isinstance(obj, dict):
        _rules_fail(where, "must be an object")
    if key not in obj:
        _rules_fail(where, f"missing field '{key}'")
    val = obj[key]
    if val is None and nullable:
        return None
    if not isinstance(val, typ) or isinstance(val, bool) and typ is not bool \
            or isinstance(val, str) and not val.strip():
        _rules_fail(where, f"field '{key}' must be a non-empty {getattr(typ, '__name__', typ)}")
    return val


STEP_KEYS = ("thank_you", "follow_up_nothing_said", "follow_up_after_deadline", "follow_up_as_asked",
             "follow_up_january", "keep_in_touch",
             "final_follow_up", "move_on", "holiday_card")


def load_rules(path: Path | str = RULES_FILE) -> Rules:
    """Load and validate the rule file; errors name the file and the field."""
    path = Path(path)
    data = read_json_object(path, TimingRulesError)
    known_refs = set(article().by_ref)

    def check_refs(refs, where):
        if not isinstance(refs, list) or not refs:
            _rules_fail(where, "field 'refs' must be a non-empty list")
        for r in refs:
            if r not in known_refs:
                _rules_fail(where, f"field 'refs' names unknown passage '{r}'")

    sources = _field(data, "sources", dict, "top level")
    for key, s in sources.items():
        _field(s, "name", str, f"sources.{key}")
        _field(s, "figure", str, f"sources.{key}")

    def check_source(obj, key, where, nullable=True):
        val = _field(obj, key, str, where, nullable=nullable)
        if val is not None and val not in sources:
            _rules_fail(where, f"field '{key}' names unknown source '{val}'")
        return val

    steps = _field(data, "steps", dict, "top level")
    for key in STEP_KEYS:
        where = f"steps.{key}"
        step = _field(steps, key, dict, "steps")
        _field(step, "title", str, where)
        _field(step, "why", str, where)
        check_refs(step.get("refs"), where)
        basis = _field(step, "basis", str, where)
        if basis not in BASES:
            _rules_fail(where, f"field 'basis' must be one of {BASES}")
        check_source(step, "source", where)
        if "ours" in basis and step["source"] is None and key not in ("holiday_card", "keep_in_touch"):
            _rules_fail(where, "a rule labelled 'ours' must name its published source")
    for key in ("follow_up_nothing_said", "follow_up_after_deadline", "final_follow_up"):
        bd = _field(steps[key], "business_days", list, f"steps.{key}")
        if len(bd) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in bd) \
                or not 1 <= bd[0] <= bd[1] <= 30:
            _rules_fail(f"steps.{key}", "field 'business_days' must be [low, high] with 1 <= low <= high <= 30")
    if steps["final_follow_up"]["business_days"][0] < 5:
        _rules_fail("steps.final_follow_up", "field 'business_days' must start at 5 or more")
    mo = _field(steps["move_on"], "business_days", int, "steps.move_on")
    if not 1 <= mo <= 30:
        _rules_fail("steps.move_on", "field 'business_days' must be between 1 and 30")
    dbc = _field(steps["holiday_card"], "days_before_christmas", int, "steps.holiday_card")
    if not 0 <= dbc <= 20:
        _rules_fail("steps.holiday_card", "field 'days_before_christmas' must be between 0 and 20")
    mail = _field(steps["holiday_card"], "mail_business_days", int, "steps.holiday_card")
    if not 1 <= mail <= 10:
        _rules_fail("steps.holiday_card", "field 'mail_business_days' must be between 1 and 10")
    wait = _field(steps["keep_in_touch"], "min_wait_business_days", int, "steps.keep_in_touch")
    if not 5 <= wait <= 60:
        _rules_fail("steps.keep_in_touch", "field 'min_wait_business_days' must be between 5 and 60")

    agency = _field(data, "agency", dict, "top level")
    _field(agency, "why_suffix", str, "agency")
    _field(agency, "note", str, "agency")
    check_refs(agency.get("refs"), "agency")

    for key in ("final_follow_up", "move_on"):  # a moved step's why has no stale interval in it
        if "{moved}" not in _field(steps[key], "why_moved", str, f"steps.{key}"):
            _rules_fail(f"steps.{key}", "field 'why_moved' must hold the {moved} placeholder")
    moved = _field(data, "moved", dict, "top level")
    for key in ("break", "in_break", "first_back", "day_after", "before_january_date", "january",
                "added", "promised"):
        _field(moved, key, str, "moved")
    moved_refs = _field(moved, "refs", dict, "moved")
    for key in ("break", "promised"):
        check_refs(moved_refs.get(key), f"moved.refs.{key}")

    brk = _field(data, "break", dict, "top level")
    starts = _field(brk, "starts", str, "break")
    m = re.fullmatch(r"12-(\d\d)", starts)
    if not m or not 15 <= int(m.group(1)) <= 31:
        _rules_fail("break", "field 'starts' must be a December day like '12-24' (15 to 31)")

    industries: dict[str, Industry] = {}
    raw_ind = _field(data, "industries", dict, "top level")
    for key, ind in raw_ind.items():
        where = f"industries.{key}"
        if not re.fullmatch(r"[a-z][a-z_]*", key):
            _rules_fail(where, "industry keys must be lowercase words")
        jan = _field(ind, "january", dict, where)
        after = _field(jan, "after_first_back", int, f"{where}.january")
        if not 0 <= after <= 5:
            _rules_fail(f"{where}.january", "field 'after_first_back' must be between 0 and 5")
        extra = jan.get("extra_business_days", 0)
        if not isinstance(extra, int) or isinstance(extra, bool) or not 0 <= extra <= 20:
            _rules_fail(f"{where}.january", "field 'extra_business_days' must be between 0 and 20")
        window_to = _field(jan, "window_to", int, f"{where}.january", nullable=True)
        if window_to is not None and not 2 <= window_to <= 31:
            _rules_fail(f"{where}.january", "field 'window_to' must be a January day")
        jan_why = _field(jan, "why", str, f"{where}.january", nullable=True)
        if (after != 2 or extra) and jan_why is None:
            _rules_fail(f"{where}.january", "a January rule that differs from the general one needs its own 'why'")
        typical = _field(ind, "typical_days", int, where)
        if not 1 <= typical <= 200:
            _rules_fail(where, "field 'typical_days' must be between 1 and 200")
        tsrc = check_source(ind, "typical_source", where, nullable=False)
        evidence = _field(ind, "evidence", list, where)
        for i, ev in enumerate(evidence):
            _field(ev, "text", str, f"{where}.evidence[{i}]")
            if ev.get("ref") is not None and ev["ref"] not in known_refs:
                _rules_fail(f"{where}.evidence[{i}]", f"field 'ref' names unknown passage '{ev['ref']}'")
            if ev.get("source") is not None and ev["source"] not in sources:
                _rules_fail(f"{where}.evidence[{i}]", f"field 'source' names unknown source '{ev['source']}'")
        aliases = ind.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a == industry_words(a) and a
                                                    for a in aliases):
            _rules_fail(where, "field 'aliases' must be a list of lowercase words")
        taken = {a for other in industries.values() for a in other.aliases}
        if clash := sorted(taken & set(aliases)):
            _rules_fail(where, f"alias {clash[0]!r} already names another industry")
        industries[key] = Industry(
            key=key, name=_field(ind, "name", str, where), label=_field(ind, "label", str, where),
            jan_after_first_back=after, jan_extra_business_days=extra, jan_window_to=window_to,
            jan_why=jan_why, typical_days=typical, typical_source=tsrc, evidence=tuple(evidence),
            aliases=tuple(aliases))
    if "general" not in industries:
        _rules_fail("industries", "the 'general' industry is required")
    table = []
    for i, row in enumerate(_field(data, "rule_table", list, "top level")):
        table.append((_field(row, "rule", str, f"rule_table[{i}]"), _field(row, "source", str, f"rule_table[{i}]")))
    return Rules(sources=sources, steps=steps, industries=industries, agency=agency,
                 break_starts=(12, int(m.group(1))), rule_table=tuple(table), moved=moved)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rule file, loaded once per process (public data, the same for every visitor)."""
    return load_rules()

