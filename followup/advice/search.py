"""Search the article's passages with plain-language questions.

Ranking is BM25 (the ``bm25s`` library) over Snowball-stemmed words (``snowballstemmer``).
A query is analysed before ranking:

* words are lower-cased, apostrophes dropped (``don't`` -> ``dont``), ``e-mail`` joined;
* a word the index does not know (and no synonym covers) is corrected to the nearest
  index word by RapidFuzz's Damerau-Levenshtein distance, only for words of 4+ letters
  and at most 1 edit (4-6 letters; for 4 letters no substitution) or 2 edits (7+ letters,
  same first letter), never for the real words listed in ``not_typos``; failing a closer
  word, a word whose stem is one edit from a known stem (5+ letters, same first letter) is
  corrected to that stem's word ("gosted" -> "ghost", as in ghosted, not "posted");
* rewrites, synonyms and stop words come from ``content/search_synonyms.json``:
  synonyms and looser 'related' words are added to the query at lower weights, stop
  words are dropped, verbs that only frame a question ("should I *mention* salary")
  count less. A synonym key of several words may match with up to two stop words
  between its words, so the key "what say" finds "what *should I* say" (-> include) and
  "not put" finds "should I not *ever* put"; such a phrase's synonyms count in full even
  where its own words are framing verbs. In a key, a negative contraction reads as "not"
  ("not reply" matches "hasn't replied"). A 'concept' phrase ("thank you email", "job
  offer") is one group whose best word counts, not the sum of its words: the thing a
  question is about ("salary in my thank you email") is not outvoted by how it is sent.

Each word of the query, with its synonyms, is one concept group: a passage scores the best
alternative of each group, summed over groups. Each passage is indexed in four fields,
each its own BM25 index, combined per word (best field plus a share of the others): its
own text; its context (for an expert's answer the question it answers, for a reply the
comment it replies to); the labels of its topics (with the expert's name, for an answer);
and the example questions it answers (``example_questions`` in the synonyms file: how job
seekers ask for it in their own words -- document expansion). The held-out and fresh-2..
question sets are never example questions: they measure questions the engine has not seen. A prior per kind of passage prefers
answers over bare questions, and the duplicate comment (``duplicate_of``) is not indexed.
A field's BM25 corpus is the passages that have that field (an empty context does not
shorten the average). A passage of several paragraphs is also scored paragraph by
paragraph (a BM25 index of paragraphs): its score is the better of the whole and a share of
its best paragraph, so the paragraph of a long story (c13, c15) that matches the question
is not buried by length normalisation.

The index is built once per process (:func:`index`, behind a lock): it holds only the
public article, so every visitor shares it. This module does not import Streamlit.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import bm25s
import numpy as np
import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Indel

from followup.advice.content import CONTENT_DIR, Article, ContentError, Passage, article, read_json_object

SYNONYMS_FILE = "search_synonyms.json"


@dataclass(frozen=True)
class Tuning:
    """Ranking knobs (tuned on tests/search_dev_set.json; see scripts/search_quality.py)."""
    # Field weights: a passage's own words count most, its context and topic labels less.
    # Context is the question an expert answers, or the comment a reply answers.
    text: float = 1.0
    context_answer: float = 0.6
    context_reply: float = 0.6
    topics: float = 0.3
    # The example questions a passage answers (``example_questions`` in the synonyms file),
    # weighted like its own text: how job seekers ask for it, in their words.
    examples: float = 1.0
    # A term found in several fields scores its best field plus this share of the others
    # (Lucene's dis_max tie breaker): the answer's words do not count twice.
    tie: float = 0.6
    # BM25 (Lucene variant) parameters (b per field), and an extra power of IDF: 1.0 is plain BM25, more
    # favours the rare words that say what a question is about over this article's
    # everyday words (follow, interview, email, thank).
    k1: float = 1.2
    b_text: float = 0.75
    b_context: float = 0.75
    b_topics: float = 0.75
    b_examples: float = 0.75
    idf_power: float = 1.3
    # A long passage is also scored paragraph by paragraph: its score is the best of the
    # whole and this share of its best paragraph, so the one paragraph of a long story that
    # matches the question is not drowned by the rest (BM25 length normalisation).
    chunk: float = 0.85
    chunk_b: float = 0.75
    # Prior per kind of passage: a job seeker wants the answer; the bare question, the
    # reader's letter and the framing text are not wrong, but rank below it.
    answer: float = 1.0
    comment: float = 0.9
    question: float = 0.7
    letter: float = 0.7
    intro: float = 0.5
    closing: float = 0.4
    # A reader comment that asks (another comment replies to it) ranks below the reply.
    asking_comment: float = 0.85


TUNING = Tuning()
FIELDS = ("text", "context", "topics", "examples")

MAX_QUERY_CHARS = 2000  # longer queries are cut: latency stays bounded for any input
MAX_QUERY_WORDS = 60
MAX_TYPO_LOOKUPS = 12
MAX_PHRASE_GAP = 2  # stop words a multi-word synonym key may skip between its words

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
    keys = list(rewrites) + list(synonyms)
    return Lexicon(
        stop_words=frozenset(stop_words), not_typos=frozenset(not_typos), rewrites=rewrites,
        weak_words=frozenset(weak_words), weak_weight=weight("weak_weight"),
        synonyms=synonyms,
        typo_weight=weight("typo_weight"),
        max_key_len=max((len(k) for k in keys), default=1), known_words=frozenset(known),
        prefixes=frozenset(k[:n] for k in synonyms for n in range(2, len(k) + 1)),
        concepts=frozenset(concepts), examples=examples,
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


@dataclass(frozen=True)
class Group:
    """One concept of the query: a word (or phrase) of the query and its alternatives.

    A passage scores the best alternative of each group (Lucene's synonym handling),
    so a passage using both ``email`` and ``mail`` does not count the concept twice.
    """
    source: str  # the query word(s) as typed
    alternatives: tuple[tuple[tuple[str, ...], float], ...]  # (stems, weight)


@dataclass(frozen=True)
class Query:
    """A query analysed: concept groups, every index term with its best weight, corrections."""
    groups: tuple[Group, ...]
    terms: dict[str, float]  # stem -> weight (for highlighting and inspection)
    corrections: dict[str, str]  # typed word -> corrected word


# --- the index ---------------------------------------------------------------------------------
@dataclass
class Index:
    article: Article
    lexicon: Lexicon
    tuning: Tuning
    refs: list[str]
    passages: list[Passage]
    prior: np.ndarray
    term_scores: dict[str, np.ndarray]  # stem -> BM25 score per passage, fields combined
    vocabulary: list[str]  # surface words of the indexed text (typo-correction targets)
    frequency: dict[str, int]  # how often each surface word occurs (ties in correction)
    known: frozenset[str]  # surface words a query may use without correction
    known_stems: frozenset[str]  # ... and their stems (``ghosted`` is known via ``ghost``)
    stem_words: dict[str, str] = field(default_factory=dict)  # stem -> its most frequent known word
    chunk_scores: dict[str, np.ndarray] = field(default_factory=dict)  # stem -> score per paragraph
    chunk_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))  # paragraph -> passage


_BUILD_COUNT = 0


def build_count() -> int:
    """How many times the index was built in this process (1 after first use)."""
    return _BUILD_COUNT


def _doc_freq(docs: list[list[str]]) -> Counter:
    """How many documents each term occurs in."""
    return Counter(t for d in docs for t in set(d))


def build_index(art: Article | None = None, lex: Lexicon | None = None, tuning: Tuning = TUNING) -> Index:
    global _BUILD_COUNT
    art = art or article()
    lex = lex or load_lexicon()
    passages = [p for p in art.passages if not p.duplicate_of]
    unknown = sorted(set(lex.examples) - {p.ref for p in passages})
    if unknown:
        raise ContentError(f"{SYNONYMS_FILE}: example_questions: unknown or duplicate passage refs {unknown}")
    asked = {p.reply_to for p in art.passages if p.reply_to}
    fields: dict[str, list[list[str]]] = {name: [] for name in FIELDS}
    surface: dict[str, int] = {}
    for p in passages:
        fields["text"].append(analyse_text(_NOT_CONTENT_RE.sub(" ", p.text), lex))
        ctx = ""
        if p.kind == "answer" and p.question:
            ctx = art.get(p.question).text
        elif p.reply_to:
            ctx = art.get(p.reply_to).text
        fields["context"].append(analyse_text(ctx, lex))
        labels = " ".join(f"{art.topics[t]} {t}" for t in p.topics)
        if p.kind == "answer" and p.speaker.name:  # "what does Kevin say about salary"
            labels += " " + p.speaker.name
        fields["topics"].append(analyse_text(labels, lex))
        examples = " ".join(lex.examples.get(p.ref, ()))
        fields["examples"].append(analyse_text(examples, lex))
        for text in (p.text, ctx, labels):
            for _, _, ws in _token_words(_fold(text)):
                for w in ws:
                    surface[w] = surface.get(w, 0) + 1
    n = len(passages)
    weights = {
        "text": np.full(n, tuning.text),
        "context": np.array([tuning.context_answer if p.kind == "answer" else tuning.context_reply
                             for p in passages]),
        "topics": np.full(n, tuning.topics),
        "examples": np.full(n, tuning.examples),
    }
    per_field: dict[str, np.ndarray] = {}  # stem -> (fields, passages)
    for f, name in enumerate(FIELDS):
        # Only the passages that have this field are its BM25 corpus: most passages have no
        # context, and counting them as empty documents would shrink the average length, so
        # a long context (the comment c14 replies to) would score next to nothing.
        rows = [i for i, d in enumerate(fields[name]) if d]
        docs = [fields[name][i] for i in rows]
        if not docs:
            continue
        model = bm25s.BM25(method="lucene", k1=tuning.k1, b=getattr(tuning, f"b_{name}"))
        model.index(docs, show_progress=False)
        m = len(docs)
        for term, k in _doc_freq(docs).items():
            if term not in per_field:
                per_field[term] = np.zeros((len(FIELDS), n))
            # bm25s weighs by the IDF within this field's corpus; use the article's instead
            # (the same word is as telling in every field), raised to ``idf_power``
            own_idf = np.log(1 + (m - k + 0.5) / (k + 0.5))
            idf = np.log(1 + (n - k + 0.5) / (k + 0.5))
            vec = np.asarray(model.get_scores([term]), dtype=np.float64)[:m] / own_idf
            per_field[term][f, rows] = vec * idf ** tuning.idf_power * weights[name][rows]
    # paragraphs of the passages that have several, scored against each other
    chunk_docs: list[list[str]] = []
    owner: list[int] = []
    for i, p in enumerate(passages):
        paras = [t for t in (analyse_text(x, lex) for x in _PARA_RE.split(_NOT_CONTENT_RE.sub(" ", p.text))) if t]
        if len(paras) > 1:
            chunk_docs += paras
            owner += [i] * len(paras)
    chunk_scores: dict[str, np.ndarray] = {}
    if chunk_docs:
        model = bm25s.BM25(method="lucene", k1=tuning.k1, b=tuning.chunk_b)
        model.index(chunk_docs, show_progress=False)
        m = len(chunk_docs)
        df_chunk = _doc_freq(chunk_docs)
        df_text = _doc_freq(fields["text"])
        for term, k in df_chunk.items():
            own_idf = np.log(1 + (m - k + 0.5) / (k + 0.5))
            kt = df_text[term]
            idf = np.log(1 + (n - kt + 0.5) / (kt + 0.5))
            vec = np.asarray(model.get_scores([term]), dtype=np.float64)[:m] / own_idf
            chunk_scores[term] = vec * idf ** tuning.idf_power * tuning.text
    term_scores = {}
    for term, m in per_field.items():
        best = m.max(axis=0)
        term_scores[term] = best + tuning.tie * (m.sum(axis=0) - best)
    prior = np.array([
        getattr(tuning, p.kind) * (tuning.asking_comment if p.kind == "comment" and p.ref in asked else 1.0)
        for p in passages
    ])
    known = frozenset(surface) | lex.known_words | lex.stop_words
    vocab = sorted(w for w in set(surface) | lex.known_words
                   if len(w) >= 3 and w.isalpha() and w not in lex.stop_words)
    stem_words: dict[str, str] = {}
    for w in sorted(vocab, key=lambda w: (-surface.get(w, 0), w)):
        st = stem(w)
        if len(st) >= 4 and st.isalpha():
            stem_words.setdefault(st, w)
    _BUILD_COUNT += 1
    return Index(
        article=art, lexicon=lex, tuning=tuning, refs=[p.ref for p in passages], passages=passages,
        prior=prior, term_scores=term_scores, vocabulary=vocab, frequency=surface,
        known=known, known_stems=frozenset(stem(w) for w in known),
        chunk_scores=chunk_scores, chunk_owner=np.array(owner, dtype=int), stem_words=stem_words,
    )


_INDEX: Index | None = None
_INDEX_LOCK = threading.Lock()


def index() -> Index:
    """The search index, built once per process and shared by every visitor (thread-safe:
    Streamlit serves sessions from several threads)."""
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:
            if _INDEX is None:
                _INDEX = build_index()
    return _INDEX


# --- query analysis ----------------------------------------------------------------------------
def _max_edits(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) <= 6 else 2


def _plausible(word: str, cand: str) -> bool:
    """A 4-letter word is only corrected by one inserted/deleted letter or two swapped ones:
    one substituted letter turns too many real words into others (read -> real)."""
    if len(word) > 4:
        return True
    return Indel.distance(word, cand) == 1 or (len(word) == len(cand) and sorted(word) == sorted(cand))


def _correct(word: str, idx: Index) -> str | None:
    """The nearest index word for an unknown query word, or None."""
    limit = _max_edits(word)
    if not limit or word in idx.lexicon.not_typos:
        return None
    found = process.extract(word, idx.vocabulary, scorer=DamerauLevenshtein.distance,
                            score_cutoff=limit, limit=None)
    found = [(c, d, 0) for c, d, _ in found if _plausible(word, c)]
    # ... or whose stem is one edit from the typed word's stem, same first letter, 5+ letters:
    # "gosted" -> "ghost" (as in ghosted), not "posted"
    st = stem(word)
    if st != word and _max_edits(st):
        near = process.extract(st, list(idx.stem_words), scorer=DamerauLevenshtein.distance,
                               score_cutoff=1, limit=None)
        found += [(idx.stem_words[c], d, 1) for c, d, _ in near
                  if len(c) >= 5 and c[0] == st[0] and _plausible(st, c)]
    if not found:
        return None
    best = min(d for _, d, _ in found)
    # Ties: prefer a candidate sharing the first letter, then a word over a stem's word,
    # then the most frequent, then A-Z.
    cands = [c for c, _ in sorted(((c, by_stem) for c, d, by_stem in found if d == best),
                                     key=lambda x: (x[0][0] != word[0], x[1], -idx.frequency.get(x[0], 0), x[0]))]
    if best == 2 and cands[0][0] != word[0]:
        return None  # two edits and a different first letter: too wild a guess
    return cands[0]


def _phrase_matches(stems: list[str], i: int, lex: Lexicon, words: list[str]) -> list[tuple[int, ...]]:
    """Positions of the multi-word synonym keys starting at word ``i``. Between two words of
    a key the query may have up to ``MAX_PHRASE_GAP`` stop words, so the key "not say" also
    matches "should I not *ever* say" and "what say" matches "what *should I* say"."""
    out: list[tuple[int, ...]] = []
    stack: list[tuple[int, ...]] = [(i,)]
    while stack:
        pos = stack.pop()
        key = tuple(stems[j] for j in pos)
        if len(pos) > 1 and key in lex.synonyms:
            out.append(pos)
        if len(pos) >= lex.max_key_len:
            continue
        j = pos[-1] + 1
        gap = 0
        while j < len(stems) and gap <= MAX_PHRASE_GAP:
            if key + (stems[j],) in lex.prefixes:
                stack.append(pos + (j,))
            if words[j] not in lex.stop_words:
                break
            gap += 1
            j += 1
    # the tightest match of each key only (fewest gap words), longest keys first
    best: dict[tuple[str, ...], tuple[int, ...]] = {}
    for pos in sorted(out, key=lambda p: p[-1] - p[0]):
        best.setdefault(tuple(stems[j] for j in pos), pos)
    return sorted(best.values(), key=len)


def _split_query(text: str) -> list[str]:
    words = [w for _, _, ws in _token_words(_fold(text[:MAX_QUERY_CHARS])) for w in ws]
    return words[:MAX_QUERY_WORDS]


def analyse_query(query: str) -> Query:
    """The query as weighted concept groups (cached per distinct query, first 2,000 characters)."""
    return _analyse(query[:MAX_QUERY_CHARS] if isinstance(query, str) else "")


@lru_cache(maxsize=1024)
def _analyse(query: str) -> Query:
    idx = index()
    lex = idx.lexicon
    words = _split_query(query)
    # 1. typo correction of unknown words (bounded number of lookups)
    corrections: dict[str, str] = {}
    lookups = 0
    fixed: list[tuple[str, float, str]] = []  # (word, weight, typed word)
    for w in words:
        if w in idx.known or stem(w) in idx.known_stems or lookups >= MAX_TYPO_LOOKUPS or not _max_edits(w):
            fixed.append((w, 1.0, w))
            continue
        lookups += 1
        c = _correct(w, idx)
        if c:
            corrections[w] = c
            fixed.append((c, lex.typo_weight, w))
        else:
            fixed.append((w, 1.0, w))
    # 2. rewrites (longest match first)
    seq: list[tuple[str, float, str]] = []
    i = 0
    while i < len(fixed):
        for n in range(min(lex.max_key_len, len(fixed) - i), 0, -1):
            key = tuple(w for w, _, _ in fixed[i:i + n])
            if key in lex.rewrites:
                wt = min(x[1] for x in fixed[i:i + n])
                src = " ".join(x[2] for x in fixed[i:i + n])
                seq.extend((r, wt, src) for r in lex.rewrites[key])
                i += n
                break
        else:
            seq.append(fixed[i])
            i += 1
    # 3. groups: each word of the query (stop words out) with its synonyms; a synonym key of
    #    several words makes one group of its own, replacing its words' groups.
    stems = [stem(w) for w, _, _ in seq]
    pstems = ["not" if w in NEGATIONS else st for (w, _, _), st in zip(seq, stems)]  # for phrase keys
    keep = [w not in lex.stop_words and (len(w) >= 2 or w.isdigit()) for w, _, _ in seq]
    # a verb that only frames the question ("should I *mention* salary") counts less
    weights = [x[1] * (lex.weak_weight if st in lex.weak_words else 1.0) for x, st in zip(seq, stems)]
    alts: dict[int, list[tuple[tuple[str, ...], float]]] = {
        i: [((stems[i],), weights[i])] for i in range(len(seq)) if keep[i]
    }
    phrase_groups: list[Group] = []
    consumed: set[int] = set()

    def expand(exp, base: float, own: tuple[str, ...]) -> list[tuple[tuple[str, ...], float]]:
        out = []
        for words, wt in exp:
            st = tuple(stem(w) for w in words if w not in lex.stop_words and (len(w) >= 2 or w.isdigit()))
            # an alternative holding the query's own words ("week" -> "once a week") would
            # score them again, plus its extra words: it could only beat the query's own
            if st and not (own and set(own) <= set(st)):
                out.append((st, base * wt))
        return out

    for i in range(len(seq)):
        exp = lex.synonyms.get((stems[i],))
        if exp:
            alts.setdefault(i, [((stems[i],), weights[i])] if keep[i] else []).extend(
                expand(exp, weights[i], (stems[i],)))
        for pos in _phrase_matches(pstems, i, lex, [w for w, _, _ in seq]):
            key = tuple(pstems[j] for j in pos)
            exp = lex.synonyms[key]
            # a phrase's meaning is what the question is about: its framing verb counts in
            # full in the synonyms ("what should I *say*" -> include), only typo-corrected
            # words lower them; the phrase's own words keep their weights
            base = min(seq[j][1] for j in pos)
            own = tuple(stems[j] for j in pos if keep[j])
            if key in lex.concepts:  # "thank you email" is one thing: its best word counts
                group_alts = expand(exp, base, own)
                for j in pos:
                    if keep[j]:
                        group_alts.append(((stems[j],), weights[j]))
                        group_alts += expand(lex.synonyms.get((stems[j],), ()), weights[j], (stems[j],))
            else:
                group_alts = ([(own, min(weights[j] for j in pos))] if own else []) + expand(exp, base, own)
            phrase_groups.append(Group(" ".join(seq[j][2] for j in pos), tuple(group_alts)))
            consumed.update(pos)
    groups = [Group(seq[i][2], tuple(a)) for i, a in sorted(alts.items()) if a and i not in consumed]
    groups += phrase_groups
    # the same concept typed twice counts once
    unique: dict[tuple, Group] = {}
    for g in groups:
        unique.setdefault(tuple(sorted(g.alternatives)), g)
    terms: dict[str, float] = {}
    for g in unique.values():
        for st, wt in g.alternatives:
            for t in st:
                terms[t] = max(terms.get(t, 0.0), wt)
    return Query(groups=tuple(unique.values()), terms=terms, corrections=corrections)


# --- search ------------------------------------------------------------------------------------
def _group_scores(q: Query, scores: dict[str, np.ndarray], n: int) -> tuple[np.ndarray, list[np.ndarray]]:
    zero = np.zeros(n)
    total = np.zeros(n)
    matched = []
    for g in q.groups:
        best = zero
        for st, wt in g.alternatives:
            vecs = [scores.get(t, zero) for t in st]
            alt = sum(vecs, zero) * wt
            if len(vecs) > 1:  # a phrase counts only where all its words occur
                alt = np.where(np.all(np.stack(vecs) > 0, axis=0), alt, 0.0)
            best = np.maximum(best, alt)
        total = total + best
        matched.append(best > 0)
    return total, matched


def _score(q: Query, idx: Index) -> tuple[np.ndarray, list[np.ndarray]]:
    """Score per passage (sum over groups of the best alternative), and per group which matched."""
    total, matched = _group_scores(q, idx.term_scores, len(idx.refs))
    if len(idx.chunk_owner):
        chunks, _ = _group_scores(q, idx.chunk_scores, len(idx.chunk_owner))
        best = np.zeros(len(idx.refs))
        np.maximum.at(best, idx.chunk_owner, chunks * idx.tuning.chunk)
        total = np.maximum(total, best)
    return total, matched


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float
    passage: Passage
    terms: tuple[str, ...]  # the query's words (as typed) that matched this passage
    query: str = field(repr=False, default="")

    def spans(self) -> list[tuple[str, bool]]:
        """The passage text in segments, flagged where a query term matches."""
        return highlight_spans(self.passage.text, self.query)


def search(query: str, limit: int = 5, *, topics: Iterable[str] | None = None) -> list[Hit]:
    """Passages answering ``query``, best first (at most ``limit``).

    ``topics``: keep only passages tagged with at least one of these topic keys.
    Never raises for any query string; an empty or stop-word-only query finds nothing.
    """
    idx = index()
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise TypeError("limit must be an integer") from None
    if limit <= 0 or not isinstance(query, str):
        return []
    allowed = None
    if topics is not None:
        allowed = set([topics] if isinstance(topics, str) else topics)
        unknown = allowed - set(idx.article.topics)
        if unknown:
            raise ValueError(f"unknown topic(s): {sorted(unknown)}")
    q = analyse_query(query)
    if not q.terms:
        return []
    scores, matched = _score(q, idx)
    scores = scores * idx.prior
    order = np.argsort(-scores, kind="stable")
    hits: list[Hit] = []
    for i in order:
        s = float(scores[i])
        if s <= 0:
            break
        p = idx.passages[i]
        if allowed is not None and not allowed.intersection(p.topics):
            continue
        terms = tuple(sorted({g.source for g, m in zip(q.groups, matched) if m[i]}))
        hits.append(Hit(ref=p.ref, score=s, passage=p, terms=terms, query=query))
        if len(hits) >= limit:
            break
    return hits


# --- highlighting ------------------------------------------------------------------------------
def highlight_spans(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into consecutive segments, each flagged True if it matches the query.

    A word is flagged when its stem belongs to a query word, a synonym or a typo correction
    that matches in ``text`` (a synonym phrase such as "heard nothing" only where all its
    words occur), so highlights show why the passage was found. Joining the segments gives
    back ``text`` exactly; the caller escapes each segment. Never raises: a ``text`` that is
    not a string gives ``[]``, a query that matches nothing one unflagged segment.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        q = analyse_query(query) if isinstance(query, str) else None
        if not q or not q.groups:
            return [(text, False)]
        lex = index().lexicon
        folded = _fold(text)
        if len(folded) == len(text):
            tokens = [(a, b, _index_terms(ws, lex)) for a, b, ws in _token_words(folded)]
        else:  # folding changed lengths (e.g. "ß" -> "ss"): fold token by token instead
            tokens = [(m.start(), m.end(), _index_terms(normalise_word(_fold(m.group(0))).split(), lex))
                      for m in _WORD_RE.finditer(text)]
        present = {t for _, _, ts in tokens for t in ts}
        wanted = {t for g in q.groups for st, _ in g.alternatives if set(st) <= present for t in st}
        out: list[tuple[str, bool]] = []
        pos = 0
        for start, end, ts in tokens:
            if wanted.intersection(ts):
                if start > pos:
                    out.append((text[pos:start], False))
                out.append((text[start:end], True))
                pos = end
        if pos < len(text):
            out.append((text[pos:], False))
        return _merge(out)
    except Exception:  # noqa: BLE001 - highlighting is cosmetic: never break the page
        return [(text, False)]


def _merge(segs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for s, flag in segs:
        if out and out[-1][1] == flag:
            out[-1] = (out[-1][0] + s, flag)
        else:
            out.append((s, flag))
    return out
