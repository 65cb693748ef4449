"""A query, analysed: typo correction against the index's words, rewrites, synonyms and concept
groups. See :mod:`followup.advice.ranking`. Does not import Streamlit."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Indel

from followup.advice import semantic
from followup.advice.indexing import Index, index
from followup.advice.lexicon import (
    MAX_QUERY_CHARS, MAX_QUERY_WORDS, NEGATIONS, Lexicon, _fold, _token_words, stem,
)

MAX_TYPO_LOOKUPS = 12
MAX_PHRASE_GAP = 2  # stop words a multi-word synonym key may skip between its words


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
    keys: frozenset[tuple[str, ...]] = frozenset()  # the synonym keys (stems) the query matched


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
        if (w in idx.known or stem(w) in idx.known_stems or lookups >= MAX_TYPO_LOOKUPS or not _max_edits(w)
                or semantic.pieces(w) == 1):  # a word the model's vocabulary holds whole is a real word
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
    keys: set[tuple[str, ...]] = set()

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
            keys.add((stems[i],))
            alts.setdefault(i, [((stems[i],), weights[i])] if keep[i] else []).extend(
                expand(exp, weights[i], (stems[i],)))
        for pos in _phrase_matches(pstems, i, lex, [w for w, _, _ in seq]):
            key = tuple(pstems[j] for j in pos)
            exp = lex.synonyms[key]
            keys.add(key)
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
    return Query(groups=tuple(unique.values()), terms=terms, corrections=corrections, keys=frozenset(keys))
