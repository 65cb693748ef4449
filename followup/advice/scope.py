"""Does the article answer a question? ``covers(query) -> bool`` (``followup.search.covers``).

The article answers questions about following up after a job interview (whether, when, how, what
to say, how often), waiting for a decision, rejection, the holidays, recruiters and agencies, and a
few side topics its readers raised. A question about another part of a job search (background
checks, negotiating pay, notice periods, CVs, visas...) should be told so rather than shown a
passage as if it answered it. The decision, in order:

0. **A situation the article is not about.** The article's advice is for the wait after a job
   interview. A question set before any interview (an application sent, an interview to arrange,
   move or miss), after a job was accepted, about colleagues and the current job, networking
   contacts, or the salary to ask for is another situation, even when it names the article's
   subject ("follow up on an application with no interview yet", "a thank-you note to my
   colleagues"): not covered, and the notice names the situation. ``out_of_scope_situations`` of
   the scope file, matched on the words as typed (folded, stop words kept, a phrase's words in
   order with at most ``SITUATION_GAP`` stop words between them: "before interviews", "before an
   interview"), so "interview" does not also match "interviewer".
1. **The article's subject, by name.** The query's words (folded, typos corrected as search does,
   stop words dropped, Snowball-stemmed) are matched against ``subject`` and
   ``out_of_scope_topics`` phrases of ``content/search_scope.json``; where two matches overlap the
   longer wins ("cover letter" is a topic, though "letter" alone is nothing). A subject phrase
   ("follow up", "heard nothing", "rejected", "recruiter") and no topic phrase -> covered.
   Saying something in a message to them (``subject_in_a_message``: "mention in my email",
   "say in my thank-you note", stemmed, stop words kept, only stop words between, and the message
   ending there: not "in my email *signature*", not "in my *resignation* email") is the subject too:
   what to write in the note is the article's subject, whatever the something is.
2. **A known out-of-scope topic** ("background check", "notice period") and no subject phrase ->
   not covered; the decision names the topic ("The article does not cover background checks"),
   unless the question's meaning is at least ``topic_override_margin`` closer to a question the
   article answers (a topic's word in another use: "the offer letter has not *arrived*"). Typed
   words of another sense (``not_topic_words``: "noticed", "ages") never count in a topic phrase.
   Both a subject and a topic phrase ("follow up after the background check") -> meaning decides,
   at ``mixed_margin``. A subject phrase that only names who is involved (``subject_actors``: a
   recruiter, an agency) does not count against a topic: "prepare for a phone screen with a
   recruiter" is about preparing, whoever is on the call.
3. **Otherwise, meaning.** The query's WordLlama vector (:mod:`followup.advice.semantic`) is
   compared with the questions the article answers (``example_questions`` of the synonyms file)
   and with the out-of-scope examples (``out_of_scope_examples``): covered when the nearest
   answered question is at least ``margin`` closer (cosine) than the nearest unanswered one.
   A query with a word the article's vocabulary does not know (not even as a typo), or with none of
   the ``domain_words`` (the people, messages, process and wait of a hiring: "the best laptop for a
   graduate"), must clear ``unknown_margin`` instead: a sign it is about something else. A question
   set after the interview (``after_interview_phrases``: "since the interview", "post-interview"),
   the article's own time, and with no such sign needs ``after_interview_bonus`` less.

:func:`asks_when` says whether a covered question is about timing (``timing_words``), for the
explorer's "Plan my dates" link into the planner.

The thresholds and phrases were chosen on the tuning sets only (see scripts/search_quality.py for
every set's figures). This module does not import Streamlit.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from followup.advice import analysis as S
from followup.advice.analysis import _split_query
from followup.advice import semantic
from followup.advice.content import CONTENT_DIR, ContentError, read_json_object
from followup.advice.indexing import index
from followup.advice.lexicon import MAX_QUERY_CHARS, stem

SCOPE_FILE = "search_scope.json"
MAX_GAP = 1  # other (non-stop) words allowed between two words of a phrase
SITUATION_GAP = 2  # stop words allowed between two words of a situation phrase
RARE_PIECES = 3  # a word the model splits into this many tokens or more is a rare word


@dataclass(frozen=True)
class ScopeData:
    subject: tuple[tuple[str, ...], ...]  # stemmed phrases
    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (topic name, stemmed phrase)
    out_examples: tuple[str, ...]
    margin: float
    unknown_margin: float
    mixed_margin: float
    timing: tuple[tuple[str, ...], ...] = ()  # stemmed phrases, stop words kept
    situations: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (situation, words as typed, folded)
    actors: frozenset[tuple[str, ...]] = frozenset()  # subject phrases naming who, not what (stemmed)
    domain: frozenset[str] = frozenset()  # stems of the words of the article's world
    not_topic_words: frozenset[str] = frozenset()  # typed words that never count in a topic phrase
    topic_override_margin: float = 1.0  # a topic named alone is covered when meaning is this close
    own_time: tuple[tuple[str, ...], ...] = ()  # phrases (as typed) placing a question after the interview
    own_time_bonus: float = 0.0  # ... which lower the margin meaning must clear by this much
    in_message: tuple[tuple[str, ...], ...] = ()  # stemmed, stop words kept: saying something in a message

    @cached_property
    def in_message_starts(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The message phrases by their first stem."""
        out: dict[str, tuple[tuple[str, ...], ...]] = {}
        for ph in self.in_message:
            out[ph[0]] = out.get(ph[0], ()) + (ph,)
        return out

    @cached_property
    def stop_stems(self) -> frozenset[str]:
        """The stop words and their stems (message phrases are matched on stems, stop words kept)."""
        stop = index().lexicon.stop_words
        return stop | frozenset(stem(w) for w in stop)

    @cached_property
    def message_words(self) -> frozenset[str]:
        """The stems that end a message phrase (email, note, letter...)."""
        return frozenset(ph[-1] for ph in self.in_message if ph[-1] not in {"mention", "say"})

    @cached_property
    def situation_starts(self) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        """The situation phrases by their first word (a query looks up only its own words)."""
        out: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        for name, ph in self.situations:
            out[ph[0]] = out.get(ph[0], ()) + ((name, ph),)
        return out

    @property
    def stems(self) -> frozenset[str]:
        """Every stem of every phrase (a typed word among them is never 'corrected')."""
        return frozenset(s for p in self.subject for s in p) | frozenset(s for _, p in self.topics for s in p)


def _stems(phrase: str) -> tuple[str, ...]:
    lex = index().lexicon
    words = [w for w in S._split_query(phrase) if w not in lex.stop_words]
    return tuple(stem(w) for w in words)


def load_data(content_dir: Path | str = CONTENT_DIR) -> ScopeData:
    """Load and validate ``search_scope.json``; a bad file raises ContentError naming the field."""
    f = SCOPE_FILE
    data = read_json_object(Path(content_dir) / f)

    def phrases(items, where: str) -> list[tuple[str, ...]]:
        if not isinstance(items, list) or not items:
            raise ContentError(f"{f}: {where} must be a non-empty list of phrases")
        out = []
        for i, p in enumerate(items):
            st = _stems(p) if isinstance(p, str) else ()
            if not st:
                raise ContentError(f"{f}: {where}[{i}] must be words that are not all stop words")
            out.append(st)
        return out

    def number(key: str) -> float:
        val = data.get(key)
        if isinstance(val, bool) or not isinstance(val, (int, float)) or not -1 <= val <= 1:
            raise ContentError(f"{f}: field '{key}' must be a number in [-1, 1]")
        return float(val)

    raw = data.get("out_of_scope_topics")
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{f}: field 'out_of_scope_topics' must be an object of topic -> phrases")
    topics = tuple((name, st) for name, items in raw.items()
                   for st in phrases(items, f"out_of_scope_topics.{name}"))
    examples = data.get("out_of_scope_examples")
    if not isinstance(examples, list) or not examples or not all(isinstance(q, str) and q.strip() for q in examples):
        raise ContentError(f"{f}: field 'out_of_scope_examples' must be a non-empty list of questions")
    timing = data.get("timing_words")
    if not isinstance(timing, list) or not timing or not all(isinstance(w, str) and _split_query(w) for w in timing):
        raise ContentError(f"{f}: field 'timing_words' must be a non-empty list of words or phrases")
    raw = data.get("out_of_scope_situations")
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{f}: field 'out_of_scope_situations' must be an object of situation -> phrases")
    situations = []
    for name, items in raw.items():
        if not isinstance(items, list) or not items:
            raise ContentError(f"{f}: out_of_scope_situations.{name} must be a non-empty list of phrases")
        for i, p in enumerate(items):
            words = tuple(_split_query(p)) if isinstance(p, str) else ()
            if not words or all(w in index().lexicon.stop_words for w in words):
                raise ContentError(f"{f}: out_of_scope_situations.{name}[{i}] must be words that are not all stop words")
            situations.append((name, words))
    subject = phrases(data.get("subject"), "subject")
    actors = phrases(data.get("subject_actors"), "subject_actors")
    if not set(actors) <= set(subject):
        raise ContentError(f"{f}: every subject_actors phrase must also be a subject phrase")
    domain = data.get("domain_words")
    if (not isinstance(domain, list) or not domain
            or not all(isinstance(w, str) and len(_split_query(w)) == 1 for w in domain)):
        raise ContentError(f"{f}: field 'domain_words' must be a non-empty list of single words")
    not_topic = data.get("not_topic_words")
    if (not isinstance(not_topic, list)
            or not all(isinstance(w, str) and _split_query(w) == [w] for w in not_topic)):
        raise ContentError(f"{f}: field 'not_topic_words' must be a list of single lowercase words")
    own_time = data.get("after_interview_phrases")
    if not isinstance(own_time, list) or not own_time or not all(isinstance(p, str) and _split_query(p) for p in own_time):
        raise ContentError(f"{f}: field 'after_interview_phrases' must be a non-empty list of phrases")
    in_message = data.get("subject_in_a_message")
    if (not isinstance(in_message, list) or not in_message
            or not all(isinstance(p, str) and "in" in _split_query(p)
                       and any(w not in index().lexicon.stop_words for w in _split_query(p)) for p in in_message)):
        raise ContentError(f"{f}: field 'subject_in_a_message' must be a non-empty list of phrases with 'in'")
    return ScopeData(subject=tuple(subject), topics=topics, actors=frozenset(actors),
                     in_message=tuple(tuple(stem(w) for w in _split_query(p)) for p in in_message),
                     own_time=tuple(tuple(_split_query(p)) for p in own_time),
                     own_time_bonus=number("after_interview_bonus"),
                     not_topic_words=frozenset(not_topic), topic_override_margin=number("topic_override_margin"),
                     domain=frozenset(stem(_split_query(w)[0]) for w in domain),
                     situations=tuple(situations),
                     out_examples=tuple(examples), margin=number("margin"),
                     unknown_margin=number("unknown_margin"), mixed_margin=number("mixed_margin"),
                     timing=tuple(tuple(stem(w) for w in _split_query(p)) for p in timing))


@dataclass(frozen=True)
class Scope:
    data: ScopeData
    answered: np.ndarray  # unit vectors of the questions the article answers
    unanswered: np.ndarray  # unit vectors of the out-of-scope examples
    phrase_stems: frozenset[str] = frozenset()


_SCOPE: Scope | None = None
_LOCK = threading.Lock()


def scope() -> Scope:
    """Phrases and example vectors, built once per process (thread-safe)."""
    global _SCOPE
    if _SCOPE is None:
        with _LOCK:
            if _SCOPE is None:
                data = load_data()
                answered = sorted({q for qs in index().lexicon.examples.values() for q in qs})
                _SCOPE = Scope(data, semantic.embed(answered), semantic.embed(list(data.out_examples)), data.stems)
    return _SCOPE


@dataclass(frozen=True)
class Decision:
    covered: bool
    reason: str  # "situation", "subject", "topic", "mixed", "meaning", "empty"
    topic: str | None = None  # the out-of-scope topic or situation named, when one was
    margin: float = 0.0  # nearest answered minus nearest unanswered (cosine), when meaning decided
    unknown: tuple[str, ...] = ()  # words the article's vocabulary does not know


def _find(seq: list[str], phrase: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) spans where ``phrase`` occurs in ``seq`` with at most MAX_GAP words between."""
    out = []
    for start, s in enumerate(seq):
        if s != phrase[0]:
            continue
        pos, ok = start, True
        for p in phrase[1:]:
            nxt = next((j for j in range(pos + 1, min(pos + 2 + MAX_GAP, len(seq))) if seq[j] == p), None)
            if nxt is None:
                ok = False
                break
            pos = nxt
        if ok:
            out.append((start, pos + 1))
    return out


def _situation(words: list[str], phrase: tuple[str, ...], stop: frozenset[str]) -> bool:
    """Whether ``phrase`` occurs in ``words`` (as typed), its words in order with at most
    SITUATION_GAP stop words between two of them."""
    for start, w in enumerate(words):
        if w != phrase[0]:
            continue
        pos, ok = start, True
        for p in phrase[1:]:
            j = pos + 1
            while j < len(words) and words[j] != p and words[j] in stop and j - pos <= SITUATION_GAP:
                j += 1
            if j >= len(words) or words[j] != p or j - pos > SITUATION_GAP + 1:
                ok = False
                break
            pos = j
        if ok:
            return True
    return False


def _ends_a_message_phrase(words: list[str], phrase: tuple[str, ...], stop: frozenset[str],
                           message_words: frozenset[str], domain: frozenset[str] = frozenset()) -> bool:
    """Whether ``words`` (stems) starts with ``phrase`` (at most SITUATION_GAP stop words between two
    of its words) and the message it names ends there: the next word is a stop word, another word
    naming a message ("in my follow-up *email*") or nothing; "in my email *signature*" is something
    else, and so is a message "to" do what is no part of a hiring's wait ("in my email *to accept*
    the offer", "*to negotiate*"; "to thank them", "to ask", "to the recruiter" are)."""
    for n in range(len(words)):
        if _situation(words[:n + 1], phrase, stop) and words[n] == phrase[-1]:
            rest = words[n + 1:]
            if rest[:1] == ["to"] and len(rest) > 1 and rest[1] not in stop and rest[1] not in domain:
                return False
            return not rest or rest[0] in stop or rest[0] in message_words
    return False


def _query_words(query: str, phrase_stems: frozenset[str]) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(stems without stop words, the typed words they come from, unknown words). A word is
    typo-corrected as search corrects it, unless the word as typed is in a scope phrase
    (search would read "wear" as "year", "withdrawn" as something the article says)."""
    idx = index()
    lex = idx.lexicon
    corrections = S.analyse_query(query).corrections
    stems, typed, unknown = [], [], []
    for w in S._split_query(query):
        if w in lex.stop_words:
            continue
        fixed = w if stem(w) in phrase_stems else corrections.get(w, w)
        for part in fixed.split():
            stems.append(stem(part))
            typed.append(w)
        if (w not in corrections and len(w) >= 3 and w.isalpha() and w not in idx.known
                and stem(w) not in idx.known_stems and semantic.pieces(w) >= RARE_PIECES):
            unknown.append(w)
    return stems, typed, tuple(dict.fromkeys(unknown))


def decide(query: str) -> Decision:
    """Whether the article answers ``query``, and why (never raises for any string)."""
    return _decide(query[:MAX_QUERY_CHARS] if isinstance(query, str) else "")


@lru_cache(maxsize=1024)
def _decide(query: str) -> Decision:
    sc = scope()
    seq, typed, unknown = _query_words(query, sc.phrase_stems)
    if not seq:
        return Decision(False, "empty")
    matches = [(a, b, None, ph) for ph in sc.data.subject for a, b in _find(seq, ph)]
    # a topic phrase does not match through a word of another sense ("I noticed", "it's been ages")
    matches += [(a, b, name, ph) for name, ph in sc.data.topics for a, b in _find(seq, ph)
                if not sc.data.not_topic_words.intersection(typed[a:b])]
    # where matches overlap, the longer one wins (then the out-of-scope topic)
    kept: list[tuple[int, int, str | None, tuple[str, ...]]] = []
    for a, b, name, ph in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[2] is None)):
        if all(b <= x or a >= y for x, y, _, _ in kept):
            kept.append((a, b, name, ph))
    subject = any(name is None for _, _, name, _ in kept)
    topics = [name for a, _, name, _ in sorted(kept) if name is not None]
    # a subject phrase that only names who (a recruiter, an agency) says nothing of what is asked:
    # with a named out-of-scope topic the topic decides ("prepare for a phone screen with a recruiter")
    if topics and all(ph in sc.data.actors for _, _, name, ph in kept if name is None):
        subject = False
    words = S._split_query(query)
    stop = index().lexicon.stop_words
    # saying something in a message to the employer ("mentioning in my email that I'm unhappy in my
    # current job") is what to write in a note, the article's subject, whatever the something is
    if not subject and "in" in words:  # every message phrase says "in" ("mention in my email")
        stems = [stem(w) for w in words]
        starts = sc.data.in_message_starts
        subject = any(_ends_a_message_phrase(stems[i:], ph, sc.data.stop_stems, sc.data.message_words, sc.data.domain)
                      for i, w in enumerate(stems) for ph in starts.get(w, ()))
    starts = sc.data.situation_starts
    situation = next((name for i, w in enumerate(words) for name, ph in starts.get(w, ())
                      if _situation(words[i:], ph, stop)), None)
    if situation:  # decisive, even with a subject phrase; a topic named too is the more precise name
        return Decision(False, "situation", topic=topics[0] if topics else situation, unknown=unknown)
    if subject and not topics:
        return Decision(True, "subject", unknown=unknown)
    vec = semantic.embed([query])[0]
    margin = float((sc.answered @ vec).max() - (sc.unanswered @ vec).max())
    if topics and not subject:
        # a topic's word named in a question that means what the article answers ("the offer
        # letter has not arrived", "is it common practice to email the interviewer") is covered
        covered = margin >= sc.data.topic_override_margin
        return Decision(covered, "topic", topic=None if covered else topics[0], margin=margin, unknown=unknown)
    if subject:  # both: "should I follow up after the background check"
        covered = margin >= sc.data.mixed_margin
        return Decision(covered, "mixed", topic=None if covered else topics[0], margin=margin, unknown=unknown)
    # a word the article never uses, or none of the words of its world (people and messages of a
    # hiring process, hearing back, the wait): a sign the question is about something else
    far = unknown or not sc.data.domain.intersection(seq)
    need = sc.data.unknown_margin if far else sc.data.margin
    # a question set in the article's own time, after the interview, gets that much benefit of the
    # doubt (not one with a word the article never uses: "an unpaid trial day after the interview")
    if not far and any(_situation(words[i:], ph, stop) for ph in sc.data.own_time for i, w in enumerate(words) if w == ph[0]):
        need -= sc.data.own_time_bonus
    return Decision(margin >= need, "meaning", margin=margin, unknown=unknown)


def covers(query: str) -> bool:
    """False when the article does not answer ``query`` (then show a notice before the nearest
    passages). An empty query is not covered."""
    return decide(query).covered


def asks_when(query: str) -> bool:
    """Whether a question the article covers is about timing ("when should I...", "they said two
    weeks", "after the holidays"): the explorer then offers to plan the dates. Stop words count
    here ("when", "ago"); an out-of-scope question is never a timing question."""
    if not isinstance(query, str) or not covers(query):
        return False
    seq = [stem(w) for w in _split_query(query[:MAX_QUERY_CHARS])]
    return any(seq[i:i + len(p)] == list(p) for p in scope().data.timing for i in range(len(seq)))
