"""The checker's vocabulary and thresholds, read from ``content/note_rules.json`` and validated
on load: a broken rule file fails loudly with the field named, never half-applies.

Every rule names the article passages it rests on (``refs``, checked against
``content/passages.json``) or a named published source (``source``, a key of ``sources``).
Patterns may use ``%fit_verbs%`` for every form of the verbs in ``verb_lists`` (see :func:`inflect`),
``%fit_verbs_past%`` for their past forms only, and ``%name%`` for a list of ``word_lists`` (alternatives
as written, such as the nouns of experience a claim of fit is made with);
rules with ``except_own_work`` are not raised in a clause that starts with the writer's own work
(``own_work``), which the checker applies; rules with ``except_unit`` are not raised where the words
name a team, job title, product or field (followed by one of ``unit_nouns``, "the benefits team", or
part of a capitalised title mid-sentence, "the Pensions Administrator role").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "content"
RULES_FILE = CONTENT_DIR / "note_rules.json"
CODES = ("salary", "personal_issues", "pushy", "checking_in", "apology", "no_interest", "no_fit",
         "no_specific", "placeholder", "other_company", "too_long", "too_short", "linkedin_length",
         "no_subject", "vague_subject", "exclamations", "emoji", "spelling", "wrong_name", "send_date")
KINDS = ("thank_you", "follow_up", "final_follow_up", "holiday_card", "after_rejection", "agency")
CHANNELS = ("email", "linkedin", "card")


class NoteRulesError(ValueError):
    """The rule file is malformed or inconsistent."""


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    refs: tuple[str, ...]
    source_key: str
    source: str  # the named source's description ("" when the rule rests on passages only)
    title: str
    why: str
    kinds: tuple[str, ...]
    pattern: re.Pattern | None  # words that raise it
    satisfied: re.Pattern | None  # words that satisfy a "must carry" rule
    except_own_work: bool = False  # not raised inside a sentence about the writer's own work ("I ran payroll")
    except_unit: bool = False  # not raised where the words name a unit, title or field ("the benefits team")
    # the same patterns for text already lower-cased, matched without IGNORECASE (about three times faster);
    # None where a pattern needs case. satisfied_cased: the alternatives of satisfied_by that need case
    pattern_lower: re.Pattern | None = field(default=None, compare=False, repr=False)
    satisfied_lower: re.Pattern | None = field(default=None, compare=False, repr=False)
    satisfied_cased: re.Pattern | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class NoteRules:
    rules: dict[str, Rule]
    kinds: dict[str, str]
    channels: dict[str, str]
    sources: dict[str, str]
    length_bands: dict[str, tuple[int, int]]
    length_sources: tuple[str, ...]
    linkedin_max_chars: int
    max_exclamations: int
    closings: frozenset[str]
    subject_words: tuple[str, ...]
    workplace_words: frozenset[str]
    british_american: dict[str, str]
    salutations: frozenset[str] = frozenset()  # "dear", "good morning": the words a greeting starts with
    name_titles: frozenset[str] = frozenset()  # "Dr", "Ms": a title before a name in a greeting or a contact
    generic_company_words: frozenset[str] = frozenset()
    generic_role_words: frozenset[str] = frozenset()  # words of a job title that name no particular job
    generic_capitalised: frozenset[str] = frozenset()  # capitalised words that name nothing specific
    own_work: re.Pattern | None = None  # the writer stating their own work: "I managed", "in my last role"
    softeners: re.Pattern | None = None  # "so no rush": after a pushy-sounding clause, it is not pressure
    pushy_framed: re.Pattern | None = None  # "if you need anything, ...", "you said the panel would ...": before it
    unit_nouns: frozenset[str] = frozenset()  # nouns after a pay or health word that make it a unit or title
    pay_work: re.Pattern | None = None  # a verb of work right before a pay word: "building pay bands" is the job
    pay_work_after: re.Pattern | None = None  # ... or right after it: "the bonus scheme you are designing"


def _fail(where: str, msg: str):
    raise NoteRulesError(f"{RULES_FILE.name}: {where}: {msg}")


def words_regex(patterns: list[str], where: str) -> re.Pattern:
    """One case-insensitive regex of alternatives, each matched as whole words only."""
    for i, p in enumerate(patterns):
        if not isinstance(p, str) or not p:
            _fail(f"{where}[{i}]", "must be a non-empty string")
        try:
            re.compile(p)
        except re.error as exc:
            _fail(f"{where}[{i}]", f"bad regular expression: {exc}")
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w’-]|'\w)",
                      re.IGNORECASE)


def _needs_case(pattern: str) -> bool:
    """Whether a pattern has an upper-case letter of its own (not an escape such as ``\\W``) or a
    case-sensitive group, so it cannot be matched against lower-cased text."""
    return "(?-i" in pattern or re.search(r"[A-Z]", re.sub(r"\\.", "", pattern)) is not None


def lowered(patterns: list[str]) -> re.Pattern | None:
    """:func:`words_regex` for text that is already lower-cased, without IGNORECASE (case-insensitive
    matching is about three times slower); None when a pattern needs case."""
    if not patterns or any(_needs_case(p) for p in patterns):
        return None
    return re.compile(words_regex(patterns, "lowered").pattern)


def inflect(entry: str) -> str:
    """A regex for a verb's forms. ``"manage"`` -> manage, manages, managed, managing;
    ``"lead:led"`` adds irregular forms after the colon; a lemma that is itself a regex
    (``"organi[sz]e"``) works too. The final consonant may double (shipped, audited)."""
    lemma, _, extra = entry.partition(":")
    if lemma.endswith("ee"):
        regular = lemma + "(?:s|d|ing)?"
    elif lemma.endswith("e"):
        regular = lemma[:-1] + "(?:e|es|ed|ing)"
    elif len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        regular = lemma[:-1] + "(?:y|ies|ied|ying)"
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        regular = lemma + "(?:es|ed|ing)?"
    else:
        regular = lemma + f"(?:{re.escape(lemma[-1])})?(?:s|ed|ing)?"
    return "|".join([regular] + [x for x in extra.split(",") if x])


def inflect_past(entry: str) -> str:
    """A regex for a verb's past forms only (``"manage"`` -> managed; ``"lead:led"`` -> led): the verb
    after a subject of the writer's ("my team's project halved the wait"), where a base form would be a
    noun ("my team lead")."""
    lemma, _, extra = entry.partition(":")
    irregular = [x for x in extra.split(",") if x and not x.endswith("ing")]
    if lemma.endswith("e"):
        regular = lemma + "d"
    elif len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        regular = lemma[:-1] + "ied"
    elif lemma.endswith("ed"):  # a list entry that is already a past form ("founded")
        return "|".join([lemma] + irregular)
    else:
        regular = lemma + f"(?:{re.escape(lemma[-1])})?ed"
    return "|".join([regular] + irregular)


def _expand(pattern: str, lists: dict[str, str]) -> str:
    """Put each ``%name%`` of a pattern in as the alternation of that verb list's forms."""
    return re.sub(r"%(\w+)%", lambda m: lists[m.group(1)] if m.group(1) in lists else _fail(
        "verb_lists", f"unknown list %{m.group(1)}%"), pattern)


def _passage_refs() -> set[str]:
    data = json.loads((CONTENT_DIR / "passages.json").read_text(encoding="utf-8"))
    return {p["ref"] for p in data["passages"]}


def load(path: Path | str = RULES_FILE) -> NoteRules:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NoteRulesError(f"{Path(path).name}: cannot read: {exc}") from exc
    sources = data.get("sources")
    if not isinstance(sources, dict) or not all(isinstance(v, str) and v for v in sources.values()):
        _fail("sources", "must map keys to source names")
    if tuple(data.get("kinds", {})) != KINDS:
        _fail("kinds", f"must list exactly {KINDS}")
    if tuple(data.get("channels", {})) != CHANNELS:
        _fail("channels", f"must list exactly {CHANNELS}")
    refs_known = _passage_refs()
    raw = data.get("rules")
    if not isinstance(raw, dict) or set(raw) != set(CODES):
        missing = set(CODES) - set(raw or {})
        _fail("rules", f"must define exactly the codes {CODES}; missing {sorted(missing)}")
    verb_lists = data.get("verb_lists", {})
    if not isinstance(verb_lists, dict) or not all(
            isinstance(v, list) and v and all(isinstance(w, str) and w for w in v) for v in verb_lists.values()):
        _fail("verb_lists", "must map names to lists of verbs")
    lists = {name: "(?:" + "|".join(inflect(w) for w in words) + ")" for name, words in verb_lists.items()}
    lists |= {name + "_past": "(?:" + "|".join(inflect_past(w) for w in words) + ")"
              for name, words in verb_lists.items()}
    word_lists = data.get("word_lists", {})  # plain alternatives, no inflection: %evidence_nouns%
    if not isinstance(word_lists, dict) or not all(
            isinstance(v, list) and v and all(isinstance(w, str) and w for w in v) for v in word_lists.values()):
        _fail("word_lists", "must map names to lists of words")
    for name, words in word_lists.items():
        if name in lists:
            _fail(f"word_lists.{name}", "has the name of a verb list")
        for i, w in enumerate(words):
            try:
                re.compile(w)
            except re.error as exc:
                _fail(f"word_lists.{name}[{i}]", f"bad regular expression: {exc}")
        lists[name] = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    rules: dict[str, Rule] = {}
    for code in CODES:
        r, where = raw[code], f"rules.{code}"
        if r.get("severity") not in ("fix", "consider"):
            _fail(where + ".severity", "must be fix or consider")
        refs = tuple(r.get("refs", []))
        for ref in refs:
            if ref not in refs_known:
                _fail(where + ".refs", f"unknown passage ref {ref!r}")
        source_key = r.get("source", "")
        if source_key and source_key not in sources:
            _fail(where + ".source", f"unknown source {source_key!r}")
        if not refs and not source_key:
            _fail(where, "needs passage refs or a named source")
        for name in ("title", "why"):
            if not isinstance(r.get(name), str) or not r[name].strip():
                _fail(f"{where}.{name}", "must be a non-empty string")
        kinds = tuple(r.get("kinds", KINDS))
        if not set(kinds) <= set(KINDS):
            _fail(where + ".kinds", f"unknown kinds {sorted(set(kinds) - set(KINDS))}")
        pattern = pattern_lower = satisfied = satisfied_lower = satisfied_cased = None
        if "patterns" in r:
            expanded = [_expand(p, lists) for p in r["patterns"]]
            pattern = words_regex(expanded, where + ".patterns")
            pattern_lower = lowered(expanded)
        elif "raw_patterns" in r:
            pattern = re.compile("|".join(f"(?:{p})" for p in r["raw_patterns"]))
        if "satisfied_by" in r:
            expanded = [_expand(p, lists) for p in r["satisfied_by"]]
            satisfied = words_regex(expanded, where + ".satisfied_by")
            satisfied_lower = lowered([p for p in expanded if not _needs_case(p)])
            cased = [p for p in expanded if _needs_case(p)]
            satisfied_cased = words_regex(cased, where + ".satisfied_by") if cased else None
        rules[code] = Rule(code, r["severity"], refs, source_key, sources.get(source_key, "") if source_key else "",
                           r["title"].strip(), r["why"].strip(), kinds, pattern, satisfied,
                           bool(r.get("except_own_work", False)), bool(r.get("except_unit", False)),
                           pattern_lower, satisfied_lower, satisfied_cased)
    bands = data.get("length_bands", {})
    if set(bands) != set(KINDS) or not all(
            isinstance(b, list) and len(b) == 2 and 0 < b[0] < b[1] for b in bands.values()):
        _fail("length_bands", "must give [min, max] words (min < max) for every kind")
    for key in data.get("length_sources", []):
        if key not in sources:
            _fail("length_sources", f"unknown source {key!r}")
    for name in ("linkedin_max_chars", "max_exclamations"):
        if not isinstance(data.get(name), int) or data[name] < 0:
            _fail(name, "must be a non-negative integer")
    for name in ("signature_closings", "salutation_words", "name_titles"):
        words = data.get(name, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            _fail(name, "must be a list of non-empty strings")
    pairs = data.get("british_american", [])
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in pairs):
        _fail("british_american", "must be a list of [british, american] pairs")
    return NoteRules(
        rules=rules, kinds=dict(data["kinds"]), channels=dict(data["channels"]), sources=dict(sources),
        length_bands={k: (int(v[0]), int(v[1])) for k, v in bands.items()},
        length_sources=tuple(data.get("length_sources", [])),
        linkedin_max_chars=data["linkedin_max_chars"], max_exclamations=data["max_exclamations"],
        closings=frozenset(s.lower() for s in data.get("signature_closings", [])),
        salutations=frozenset(s.lower() for s in data.get("salutation_words", [])),
        name_titles=frozenset(data.get("name_titles", [])),
        subject_words=tuple(s.lower() for s in data.get("subject_words", [])),
        workplace_words=frozenset(w.lower() for w in data.get("workplace_words", [])),
        british_american={b.lower(): a.lower() for b, a in pairs},
        generic_company_words=frozenset(w.lower() for w in data.get("generic_company_words", [])),
        generic_role_words=frozenset(w.lower() for w in data.get("generic_role_words", [])),
        generic_capitalised=frozenset(data.get("generic_capitalised", [])),
        unit_nouns=frozenset(w.lower() for w in data.get("unit_nouns", [])),
        softeners=words_regex(data["pushy_softeners"], "pushy_softeners") if data.get("pushy_softeners") else None,
        pushy_framed=words_regex(data["pushy_framed"], "pushy_framed") if data.get("pushy_framed") else None,
        pay_work=_pay_work(data.get("pay_work"), lists),
        pay_work_after=_pay_work(data.get("pay_work_after"), lists, after=True),
        own_work=words_regex([_expand(p, lists) for p in data["own_work"]], "own_work") if data.get("own_work") else None,
    )


def _pay_work(pattern, lists: dict[str, str], after: bool = False) -> re.Pattern | None:
    """``pay_work``: the words before a pay word that make it the object of work ("building pay bands",
    "we ran payroll for"), matched so that it ends where the pay word starts; ``pay_work_after``: the
    words right after it that do ("the bonus scheme you are designing"), matched from its end."""
    where = "pay_work_after" if after else "pay_work"
    if pattern is None:
        return None
    if not isinstance(pattern, str) or not pattern:
        _fail(where, "must be a non-empty string")
    try:
        if after:
            return re.compile(r"[ \t]+(?:" + _expand(pattern, lists) + r")(?![\w’-]|'\w)", re.IGNORECASE)
        return re.compile(r"(?<![\w'’-])(?:" + _expand(pattern, lists) + r")$", re.IGNORECASE)
    except re.error as exc:
        _fail(where, f"bad regular expression: {exc}")


@lru_cache(maxsize=1)
def rules() -> NoteRules:
    """The shipped rules (read once per process; they are the same for every visitor)."""
    return load()
