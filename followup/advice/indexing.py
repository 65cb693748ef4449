"""The search index: each passage's fields as BM25 indexes (``bm25s``), built once per process.
See :mod:`followup.advice.ranking`. Does not import Streamlit."""
from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field

import bm25s
import numpy as np

from followup.advice import semantic
from followup.advice.content import Article, ContentError, Passage, article
from followup.advice.lexicon import (
    _NOT_CONTENT_RE, SYNONYMS_FILE, Lexicon, _fold, _token_words, analyse_text, load_lexicon, stem,
)

_PARA_RE = re.compile(r"\n\s*\n")


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
    # The closing is the only passage saying where to read more from the experts (their blogs and
    # Twitter): at 0.4 it ranked below comments that merely thank them by name (0.6 from fresh-6/8).
    closing: float = 0.6
    # A reader comment that asks (another comment replies to it, or an unanswered question listed in
    # the synonyms file's 'unanswered_questions') ranks below the reply and the answers.
    asking_comment: float = 0.85
    # Meaning (followup/advice/semantic.py), added to the BM25 score scaled to the query's best
    # passage (1.0): the cosine of the query with the nearest of the passage's example questions,
    # times this weight (chosen on the held-out set and fresh-2..6, see the README; the cosine with
    # the passage's own text was measured too, and did not help). A passage that shares no word
    # with the query is a hit only if an example question it answers is at least this close.
    meaning_examples: float = 1.0
    meaning_floor: float = 0.6
    # ... plus the cosine of the query with the passage's nearest own sentence (or, for an answer,
    # the question it answers), times this weight: a passage-level signal of meaning that does not
    # depend on which example questions were written for it (chosen on fresh sets 6-9; the cosine
    # with a passage's whole text, measured before, did not help: a long passage's mean is blurred).
    meaning_sentences: float = 0.4


TUNING = Tuning()
FIELDS = ("text", "context", "topics", "examples")


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
    meaning: Meaning | None = None  # example questions' vectors, made on first search (:func:`meaning`)


@dataclass(frozen=True)
class Meaning:
    """The example questions' vectors (unit length), and the passage each one belongs to; the same
    for the passages' own sentences (and, for an expert's answer, the question it answers)."""
    examples: np.ndarray  # (example questions, dims)
    owner: np.ndarray  # example question -> passage index
    sentences: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    sentence_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))


_SENTENCE_RE = re.compile(r"(?<=[.!?\u2026])\s+|\n+")
MIN_SENTENCE_WORDS = 4  # shorter pieces ("Only the best,", "Hi Lisa") say nothing on their own


def sentences(idx: Index) -> list[tuple[int, str]]:
    """(passage index, sentence) for every sentence of at least MIN_SENTENCE_WORDS words of each
    passage's own text (signatures and redaction markers left out), and the question a passage
    answers: for an expert's answer its question, for a reply to a comment that only asks (c5)
    that comment (the article's example question finds c6 first, not q6-chris)."""
    out = []
    for i, p in enumerate(idx.passages):
        text = _NOT_CONTENT_RE.sub(" ", p.text)
        parts = [x for x in _SENTENCE_RE.split(text) if len(x.split()) >= MIN_SENTENCE_WORDS]
        if p.kind == "answer" and p.question:
            parts.append(idx.article.get(p.question).text)
        elif p.reply_to:  # a reply to a comment that only asks is that question's answer
            asked = [x for x in _SENTENCE_RE.split(_NOT_CONTENT_RE.sub(" ", idx.article.get(p.reply_to).text))
                     if x.strip()]
            if asked and all(x.rstrip().endswith("?") for x in asked):
                parts += asked
        out += [(i, x) for x in parts]
    return out


_MEANING_LOCK = threading.Lock()


def meaning(idx: Index) -> Meaning:
    """The index's vectors, embedded once (thread-safe)."""
    if idx.meaning is None:
        with _MEANING_LOCK:
            if idx.meaning is None:
                pos = {r: i for i, r in enumerate(idx.refs)}
                pairs = [(pos[r], q) for r, qs in idx.lexicon.examples.items() for q in qs if r in pos]
                sents = sentences(idx)
                idx.meaning = Meaning(
                    examples=semantic.embed([q for _, q in pairs]),
                    owner=np.array([i for i, _ in pairs], dtype=int),
                    sentences=semantic.embed([x for _, x in sents]),
                    sentence_owner=np.array([i for i, _ in sents], dtype=int))
    return idx.meaning


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
    comments = {p.ref for p in passages if p.kind == "comment" and not p.reply_to and p.ref not in asked}
    if not lex.unanswered <= comments:
        raise ContentError(f"{SYNONYMS_FILE}: unanswered_questions: {sorted(lex.unanswered - comments)} must be "
                           "comments that reply to none and that no comment replies to")
    asked |= lex.unanswered  # a reader's question the article never answers ranks like one it does
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
