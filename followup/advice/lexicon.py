"""The search's words: the lexicon (``content/search_synonyms.json``: rewrites, synonyms, related
words, concepts, stop words, example questions) and how text is cut into normalised, stemmed
words. See :mod:`followup.advice.ranking` for how they are used. Does not import Streamlit."""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import snowballstemmer

from followup.advice.content import CONTENT_DIR, ContentError, read_json_object

SYNONYMS_FILE = "search_synonyms.json"

MAX_QUERY_CHARS = 2000  # longer queries are cut: latency stays bounded for any input
MAX_QUERY_WORDS = 60

_PARA_RE = re.compile(r"\n\s*\n")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\u2018`\-\u2010\u2011][^\W_]+)*")
_APOS_RE = re.compile(r"['\u2019\u2018`]")
_HYPHEN_RE = re.compile(r"[\-\u2010\u2011]")

# A snowballstemmer stemmer keeps state while it works: one per thread (Streamlit serves
# visitors from several threads; a shared one garbles stems or raises IndexError).
_stemmers = threading.local()

# Not the commenter's words, so not indexed: a blog's signature line under a comment
# ("Andy Phillips recently posted..How To Better Calculate Your Hourly Pay") and the
# marker left where content was redacted ("[email address removed]").
_NOT_CONTENT_RE = re.compile(r"^.*\brecently posted\.\..*$|\[[^\]\n]{1,60} removed\]", re.MULTILINE)


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


# --- data: synonyms, rewrites, stop words ------------------------------------------------------
@dataclass(frozen=True)
class Lexicon:
    stop_words: frozenset[str]
    not_typos: frozenset[str]  # real words typo correction must leave alone
    weak_words: frozenset[str]  # stems of verbs that frame a question (mention, ask, send...)
    weak_weight: float
    rewrites: dict[tuple[str, ...], tuple[str, ...]]  # word sequence -> replacement words
    synonyms: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], float], ...]]  # stems -> (words, weight)
    typo_weight: float
    max_key_len: int
    prefixes: frozenset[tuple[str, ...]]  # every prefix of a multi-word synonym key (stems)
    known_words: frozenset[str]  # every word in a key or value (typo correction targets)
    concepts: frozenset[tuple[str, ...]] = frozenset()  # phrases that count once: best word, not sum
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ref -> example questions
    unanswered: frozenset[str] = frozenset()  # refs of readers' comments that ask and are never answered


# A negative contraction reads as "not" inside a multi-word key, in keys and queries alike,
# so "not reply" also matches "hasn't replied" and "didnt get" also "did not get".
NEGATIONS = frozenset({"isnt", "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "doesnt", "dont",
                       "didnt", "wont", "wouldnt", "cant", "cannot", "couldnt", "shouldnt", "not"})


def _phrase_stems(words: tuple[str, ...], stems: tuple[str, ...]) -> tuple[str, ...]:
    if len(words) < 2:
        return stems
    return tuple("not" if w in NEGATIONS else s for w, s in zip(words, stems))


def _words_of(phrase: str) -> tuple[str, ...]:
    return tuple(normalise_word(m.group(0)) for m in _WORD_RE.finditer(_fold(phrase)))


def load_lexicon(content_dir: Path | str = CONTENT_DIR) -> Lexicon:
    """Load and validate ``search_synonyms.json``; a bad file raises ContentError naming the field."""
    path = Path(content_dir) / SYNONYMS_FILE
    f = SYNONYMS_FILE
    data = read_json_object(path)

    def weight(key: str) -> float:
        val = data.get(key)
        if isinstance(val, bool) or not isinstance(val, (int, float)) or not 0 < val <= 1:
            raise ContentError(f"{f}: field '{key}' must be a number in (0, 1]")
        return float(val)

    def phrase(val, where: str) -> tuple[str, ...]:
        if not isinstance(val, str) or not val.strip():
            raise ContentError(f"{f}: {where}: must be a non-empty string")
        words = _words_of(val)
        if not words or " ".join(words) != val.strip():
            raise ContentError(f"{f}: {where}: '{val}' must be lowercase words separated by single spaces")
        return words

    def single_words(key: str) -> list[str]:
        items = data.get(key)
        if not isinstance(items, list):
            raise ContentError(f"{f}: field '{key}' must be a list of words")
        out = []
        for i, w in enumerate(items):
            words = phrase(w, f"{key}[{i}]")
            if len(words) != 1:
                raise ContentError(f"{f}: {key}[{i}]: '{w}' must be a single word")
            out.append(words[0])
        return out

    stop_words = set(single_words("stop_words"))
    not_typos = set(single_words("not_typos"))
    weak_words = {stem(w) for w in single_words("weak_words")}

    known: set[str] = set()
    rewrites: dict[tuple[str, ...], tuple[str, ...]] = {}
    raw = data.get("rewrites")
    if not isinstance(raw, dict):
        raise ContentError(f"{f}: field 'rewrites' must be an object of phrase -> phrase")
    for key, val in raw.items():
        k = phrase(key, f"rewrites key '{key}'")
        rewrites[k] = phrase(val, f"rewrites.{key}")
        known.update(k + rewrites[k])

    synonyms: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], float], ...]] = {}
    for section, wkey in (("synonyms", "synonym_weight"), ("related", "related_weight")):
        wt = weight(wkey)
        raw = data.get(section)
        if not isinstance(raw, dict):
            raise ContentError(f"{f}: field '{section}' must be an object of phrase -> list of phrases")
        seen: set[tuple[str, ...]] = set()
        for key, vals in raw.items():
            k = phrase(key, f"{section} key '{key}'")
            if not isinstance(vals, list) or not vals:
                raise ContentError(f"{f}: {section}.{key}: must be a non-empty list of phrases")
            exp = tuple(phrase(v, f"{section}.{key}[{i}]") for i, v in enumerate(vals))
            skey = tuple(stem(w) for w in k)
            if skey in seen:
                raise ContentError(f"{f}: {section} key '{key}': same stems as another key")
            seen.add(skey)
            skey = _phrase_stems(k, skey)  # "didnt get" is also "did not get"
            synonyms[skey] = synonyms.get(skey, ()) + tuple((e, wt) for e in exp)
            known.update(k)
            for e in exp:
                known.update(e)
    raw = data.get("concepts", [])
    if not isinstance(raw, list):
        raise ContentError(f"{f}: field 'concepts' must be a list of phrases")
    concepts = set()
    for i, c in enumerate(raw):
        k = phrase(c, f"concepts[{i}]")
        if len(k) < 2:
            raise ContentError(f"{f}: concepts[{i}]: '{c}' must be two or more words")
        skey = _phrase_stems(k, tuple(stem(w) for w in k))
        concepts.add(skey)
        synonyms.setdefault(skey, ())
        known.update(k)
    raw = data.get("example_questions", [])
    if not isinstance(raw, list):
        raise ContentError(f"{f}: field 'example_questions' must be a list of {{q, refs}} objects")
    examples: dict[str, tuple[str, ...]] = {}
    for i, item in enumerate(raw):
        if (not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item["q"].strip()
                or not isinstance(item.get("refs"), list) or not item["refs"]
                or not all(isinstance(r, str) and r for r in item["refs"])):
            raise ContentError(f"{f}: example_questions[{i}]: must be {{\"q\": text, \"refs\": [passage refs]}}")
        for r in item["refs"]:
            examples[r] = examples.get(r, ()) + (item["q"],)
    raw = data.get("unanswered_questions", [])
    if not isinstance(raw, list) or not all(isinstance(r, str) and r for r in raw):
        raise ContentError(f"{f}: field 'unanswered_questions' must be a list of passage refs")
    keys = list(rewrites) + list(synonyms)
    return Lexicon(
        stop_words=frozenset(stop_words), not_typos=frozenset(not_typos), rewrites=rewrites,
        weak_words=frozenset(weak_words), weak_weight=weight("weak_weight"),
        synonyms=synonyms,
        typo_weight=weight("typo_weight"),
        max_key_len=max((len(k) for k in keys), default=1), known_words=frozenset(known),
        prefixes=frozenset(k[:n] for k in synonyms for n in range(2, len(k) + 1)),
        concepts=frozenset(concepts), examples=examples, unanswered=frozenset(raw),
    )


# --- text analysis -----------------------------------------------------------------------------
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.replace("\x00", " "))
    return text.casefold()


def normalise_word(token: str) -> str:
    """One surface token (may hold apostrophes/hyphens) -> one normalised word (may hold spaces).

    ``don't`` -> ``dont``; ``e-mail`` -> ``email`` (a one-letter part is joined);
    ``follow-up`` -> ``follow up``.
    """
    token = _APOS_RE.sub("", token)
    parts = [p for p in _HYPHEN_RE.split(token) if p]
    if len(parts) > 1 and any(len(p) == 1 and p.isalpha() for p in parts):
        return "".join(parts)
    return " ".join(parts)


def _token_words(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) per surface token of ``text`` (already folded)."""
    out = []
    for m in _WORD_RE.finditer(text):
        out.append((m.start(), m.end(), normalise_word(m.group(0)).split()))
    return out


def _index_terms(words: Iterable[str], lex: Lexicon) -> list[str]:
    """Index-side terms of a run of words: single-word rewrites, stop words out, stemmed."""
    out = []
    for w in words:
        for x in lex.rewrites.get((w,), (w,)):
            if (len(x) > 1 or x.isdigit()) and x not in lex.stop_words:
                out.append(stem(x))
    return out


def analyse_text(text: str, lex: Lexicon) -> list[str]:
    words = [w for _, _, ws in _token_words(_fold(text)) for w in ws]
    return _index_terms(words, lex)
