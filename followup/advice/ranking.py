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

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from followup.advice.analysis import Query, analyse_query
from followup.advice.content import Passage
from followup.advice import semantic
from followup.advice.indexing import Index, index, meaning
from followup.advice.lexicon import _WORD_RE, _fold, _index_terms, _token_words, normalise_word

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
    # a reader's question that no comment answers (the lexicon's 'unanswered_questions'): the page
    # says so, so that a question is not taken for advice
    unanswered: bool = False

    def spans(self) -> list[tuple[str, bool]]:
        """The passage text in segments, flagged where a query term matches."""
        return highlight_spans(self.passage.text, self.query)


def _blend(query: str, lexical: np.ndarray, idx: Index) -> tuple[np.ndarray, np.ndarray]:
    """BM25 scaled to the best passage, plus the query's meaning: its cosine with the nearest
    example question each passage answers, and (less) with the passage's nearest own sentence. Returns the scores and which passages may be hits (a
    word in common, or an example question at least ``meaning_floor`` close)."""
    t = idx.tuning
    m = meaning(idx)
    vec = semantic.embed([query])[0]
    near = np.full(len(idx.refs), -1.0)
    np.maximum.at(near, m.owner, m.examples @ vec)
    own = np.full(len(idx.refs), -1.0)
    if t.meaning_sentences and len(m.sentence_owner):
        np.maximum.at(own, m.sentence_owner, m.sentences @ vec)
    top = float(lexical.max())
    scores = ((lexical / top if top > 0 else lexical) + t.meaning_examples * np.maximum(near, 0.0)
              + t.meaning_sentences * np.maximum(own, 0.0))
    return scores, (lexical > 0) | (near >= t.meaning_floor)


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
    lexical, matched = _score(q, idx)
    lexical = lexical * idx.prior
    scores, candidate = _blend(query, lexical, idx)
    order = np.argsort(-scores, kind="stable")
    hits: list[Hit] = []
    for i in order:
        s = float(scores[i])
        if not candidate[i]:
            continue
        p = idx.passages[i]
        if allowed is not None and not allowed.intersection(p.topics):
            continue
        terms = tuple(sorted({g.source for g, m in zip(q.groups, matched) if m[i]}))
        hits.append(Hit(ref=p.ref, score=s, passage=p, terms=terms, query=query,
                        unanswered=p.ref in idx.lexicon.unanswered))
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
