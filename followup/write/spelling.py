"""Offline spelling for notes: pyspellchecker's English list (shipped inside the package),
extended with workplace words and British/American variants from ``content/note_rules.json``.

What is never flagged: names, companies, places and other words capitalised mid-sentence;
words in capitals (acronyms); words with digits, ``@`` or ``/`` (codes, addresses, links);
the salutation and the sign-off in any language ("Tēnā koe Aroha,", "Diolch yn
fawr,") but for a slip in their English words ("Sincerly,", "Kind regads,"), and the signature
after the sign-off; words the caller names (company, contact, role); correct British or American spellings.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from followup import english
from followup.write.rules import rules

_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # letters of any script: "café" is one word
_CONTRACTION = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")
_PREFIXES = frozenset("mis non pre re co multi cross sub self well anti semi inter post over under ex mid "
                      "bi tri de un e micro macro meta mega hyper".split())
_JOINED_PREFIXES = ("re", "de", "co", "up", "pre", "post", "over", "under", "out", "sub", "super", "multi", "cross",
                    "micro", "tele", "geo", "inter", "e")
_RUN_TOGETHER = frozenset("alot abit aswell infact incase atleast eachother".split())  # "a lot" run together
_SENTENCE_END = re.compile(r"[.!?:]['\")\]]*$")


def _checker():
    return english.checker()  # one copy per process, shared with the timing reader


def warm() -> None:
    """Load the word list now (about 0.2 s), not on the first check."""
    _checker()


def _american_forms(w: str) -> list[str]:
    """Spellings this British word may have in American English (only tried for unknown words)."""
    table = rules().british_american
    out = []
    for suffix in ("", "s", "es", "d", "ed", "ing", "ly"):
        if suffix and not w.endswith(suffix):
            continue
        stem = w[: len(w) - len(suffix)] if suffix else w
        for cand in (stem, stem + "e"):
            if cand in table:
                out.append(table[cand] + suffix)
    subs = [(r"our(?=(s|ed|ing|ite|ites|able|ably|ful|less|ism|er|ers|y|hood|hoods|ist|ists|ably)?$)", "or"),
            (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
            (r"ys(e|es|ed|ing|er|ers)$", r"yz\1"), (r"tre(s|d)?$", r"ter\1"), (r"bre(s)?$", r"ber\1"),
            (r"ence(s)?$", r"ense\1"), (r"ll(ed|ing|er|ers|or|ors|ation|ous|ously)$", r"l\1"),
            (r"ogue(s)?$", r"og\1"), (r"ae", "e"), (r"oe", "e"), (r"mme(s)?$", r"m\1")]
    for pattern, repl in subs:
        cand = re.sub(pattern, repl, w)
        if cand != w:
            out.append(cand)
    # two changes at once: "organisations" -> "organizations", "colourised" -> "colorized"
    if "our" in w and re.search("is(e|ed|ing|ation)", w):
        out.append(re.sub("is(e|ed|ing|ation)", r"iz\1", w.replace("our", "or")))
    return out


def _fold(word: str) -> str:
    """"café" -> "cafe", "résumé" -> "resume": the word list has no accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def is_known(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a lower-case word (no digits) is a correct British or American spelling."""
    raw = word.lower().replace("’", "'")
    spell = _checker()
    if raw in spell.word_frequency:  # "café", "cliché" are listed with their accents
        return True
    w = _fold(raw)
    if not w.isascii():
        return True  # a word in another script or alphabet is not ours to check
    wf = spell.word_frequency
    workplace = rules().workplace_words
    if w in wf or w in workplace or w in extra:
        return True
    m = _CONTRACTION.match(w)
    if m:
        base = m.group(1)
        return (m.group(2) == "n't" and base + "n" in wf) or is_known(base, extra)
    if any(c in wf or c in workplace for c in _american_forms(w)):
        return True
    if _near_common(w):  # "occured", "begining", "truely": a common word is one letter away, so a typo
        return False
    for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly"):  # regular forms of a known word
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) >= 3 and (stem in wf or stem in workplace or stem + "e" in workplace):
            return True
    for prefix in _JOINED_PREFIXES:  # "reskilled", "upsold", "telehealth": a prefix joined to a known word
        rest = w[len(prefix):]
        if w.startswith(prefix) and len(rest) >= 4 and (wf[rest] >= 100 or rest in workplace):
            return True
    return False


def _near_common(word: str, min_freq: int = 20_000) -> bool:
    """Whether a word that is not itself in the list is one letter from a common word: then a form
    built from a known stem ("occur" + "ed") is the common word misspelt ("occurred"), not a new word."""
    spell = _checker()
    return any(spell.word_frequency[c] >= min_freq for c in spell.edit_distance_1(word) if c != word)


@dataclass(frozen=True)
class Misspelling:
    word: str
    start: int
    suggestion: str


def _short(line: str, words: int) -> bool:
    return 0 < len(_WORD.findall(line)) <= words and not re.search(r"[.!?;]\s*$", line.strip())


def _is_closing_block(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a sign-off in any language ("Diolch yn fawr,", "Ngā mihi,", "Mit freundlichen
    Grüßen,"): a short line ending in a comma, followed only by a short signature (one to three short
    lines without a sentence in them)."""
    if not lines[i].strip().endswith(",") or not _short(lines[i], 5):
        return False
    rest = [ln for ln in lines[i + 1:] if ln.strip()]
    return 1 <= len(rest) <= 3 and all(_short(ln, 5) for ln in rest)


def _is_greeting(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is the salutation, in any language ("Tēnā koe Aroha,", "Namaste Sanjay ji,"):
    a short line ending in a comma or colon among the first two lines, followed by more text."""
    return (i <= 1 and lines[i].strip().endswith((",", ":")) and _short(lines[i].strip()[:-1], 5)
            and any(ln.strip() for ln in lines[i + 1:]))


def _split_lines(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """(offset, line) of the lines to check word by word, and (offset, line, "greeting" or "closing") of the
    salutation and the sign-off, which are checked only for a slip in their own words ("Sincerly,",
    "Kind regads,", "Dera Priya,"), never for names or another language. The signature after the sign-off
    (a closing such as "Best regards," or any short comma-ended line before a short signature) is not checked."""
    closings = rules().closings
    lines = text.splitlines(keepends=True)
    out, formulas, offset = [], [], 0
    for i, line in enumerate(lines):
        stripped = line.strip().rstrip(",.!").strip().lower()
        if (stripped in closings and out) or (out and _is_closing_block(lines, i)):
            formulas.append((offset, line, "closing"))
            break
        if _is_greeting(lines, i):
            formulas.append((offset, line, "greeting"))
        else:
            out.append((offset, line))
        offset += len(line)
    return out, formulas


@lru_cache(maxsize=1)
def _formula_words() -> dict[str, frozenset[str]]:
    """The words of greetings (``salutation_words``, four letters or more) and of sign-offs
    (``signature_closings``, five or more: "Beste Grüße," and "Takk," are one letter from "best" and
    "take"): a word one slip from one of them is that word misspelt."""
    R = rules()
    words = lambda phrases, n: frozenset(w for p in phrases for w in p.split() if len(w) >= n)  # noqa: E731
    return {"greeting": words(R.salutations, 4), "closing": words(R.closings, 5)}


def _formula_slips(offset: int, line: str, which: str, extra: frozenset[str]) -> list[Misspelling]:
    """Slips in a salutation or sign-off: a word not in the word list that is one edit (a letter left out,
    added, changed, or two swapped) from a word of greetings or sign-offs. In the salutation only its first
    word and lower-case words are read, and only when a name may follow, so "Dera," or "Dear Dera," (a name)
    is not a slip; in the sign-off only the words of sign-offs count ("With love from Dera," is not "dear")."""
    spell, vocab = _checker(), _formula_words()[which]
    parts = list(_WORD.finditer(line))
    out = []
    for n, part in enumerate(parts):
        w = part.group()
        key = w.lower().replace("’", "'")
        if which == "greeting" and (len(parts) < 2 or (n > 0 and w[0].isupper())):
            continue
        if len(key) < 4 or key in vocab or key in extra or key in spell.word_frequency or not key.isascii():
            continue
        near = [c for c in spell.edit_distance_1(key) if c in vocab and c != key + "g"]  # "Good mornin'" is meant
        if near:
            out.append(Misspelling(w, offset + part.start(), max(sorted(near), key=len)))
    return out


def _suggest(word: str) -> str:
    spell = _checker()
    cands = spell.candidates(word.lower()) or set()
    cands = [c for c in cands if c != word.lower()]
    if not cands:
        return ""
    return max(cands, key=lambda c: spell.word_frequency[c])


def _common_neighbour(word: str) -> bool:
    """A capitalised word at the start of a sentence is checked only when it is two letters swapped
    from a common word ("Thnak", "Teh"), or, from five letters on, one letter away from one
    ("Thankz"); not when it is simply unknown (a name like "Priya", "Bea", "Hana")."""
    spell = _checker()
    w = word.lower()
    swapped = {w[:i] + w[i + 1] + w[i] + w[i + 2:] for i in range(len(w) - 1)} - {w}  # "Teh", "Thnak"
    if w in _RUN_TOGETHER or any(spell.word_frequency[c] >= 20_000 for c in swapped):
        return True
    if len(w) < 5:  # a short name ("Bea", "Hana", "Ilse") is one letter from many common words
        return False
    return any(spell.word_frequency[c] >= 100_000 for c in spell.edit_distance_1(w)
               if c != w and c in spell.word_frequency)


def misspellings(text: str, names: tuple[str, ...] = (), limit: int = 10) -> list[Misspelling]:
    extra = frozenset(w.lower() for n in names for w in _WORD.findall(n or ""))
    found: list[Misspelling] = []
    seen: set[str] = set()
    lines, formulas = _split_lines(text)
    for offset, line, which in formulas:  # "Sincerly,", "Kind regads,": the words of the formula only
        for miss in _formula_slips(offset, line, which, extra):
            if miss.word.lower() not in seen:
                seen.add(miss.word.lower())
                found.append(miss)
    for offset, line in lines:
        sentence_start = True
        for chunk in _CHUNK.finditer(line):
            raw = chunk.group()
            start_here = sentence_start
            sentence_start = bool(_SENTENCE_END.search(raw))
            if any(ch.isdigit() for ch in raw) or "@" in raw or "/" in raw or "www." in raw.lower() \
                    or re.search(r"[A-Za-z]\.[A-Za-z]", raw):
                continue
            for part in _WORD.finditer(raw):
                w = part.group()
                first = part.start() == 0 or not raw[: part.start()].strip("\"'(“‘[-").isalpha()
                if len(w) < 2 or (w.isupper() and len(w) > 1):
                    continue
                if raw[part.end():part.end() + 1] == "-" and w.lower() in _PREFIXES:
                    continue  # "mis-picks", "co-founded"
                if w[0].isupper():
                    if not (start_here and first and part.start() <= 2):
                        continue  # a name, place or other capitalised word mid-sentence
                    if w.lower() in extra or is_known(w, extra) or not _common_neighbour(w):
                        continue
                elif is_known(w, extra):
                    continue
                key = w.lower()
                if key in seen:
                    continue
                seen.add(key)
                found.append(Misspelling(w, offset + chunk.start() + part.start(), _suggest(w)))
                if len(found) >= limit:
                    return found
    return found
