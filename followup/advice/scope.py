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
   interview"), so "interview" does not also match "interviewer". Following up or thanking in life
   outside a hiring (``outside_a_hiring``: a landlord, an invoice, a dating app, a doctor) is one too,
   unless the question names an interview, a job or an employer.
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
   Asking what to say or do in an interview itself (``in_the_interview``: "how do I introduce myself
   in a group interview", "what should I say during a screening call") is a topic too.
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
   the article's own time, and with no such sign needs ``after_interview_bonus`` less. Words the
   article never uses that only say who the asker is or which job (``about_the_asker``: "chef here",
   "I'm a welder", "the lifeguard job", "interviewed at a shipyard"), in a question naming a hiring,
   are no rare words and are left out of the question's meaning: a job seeker describing their own
   situation asks what the article answers, whatever the job. A day or a month is no rare word.

:func:`asks_when` says whether a covered question is about timing (``timing_words``), for the
explorer's "Plan my dates" link into the planner.

The thresholds and phrases were chosen on the tuning sets only (see scripts/search_quality.py for
every set's figures). This module does not import Streamlit.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from followup.advice import analysis as S
from followup.advice.analysis import _split_query
from followup.advice import semantic
from followup.advice.indexing import index
from followup.advice.lexicon import MAX_QUERY_CHARS, _fold, stem
from followup.advice.scope_data import SCOPE_FILE, ScopeData, load_data  # noqa: F401 (public here too)

MAX_GAP = 1  # other (non-stop) words allowed between two words of a phrase
SITUATION_GAP = 2  # stop words allowed between two words of a situation phrase
RARE_PIECES = 3  # a word the model splits into this many tokens or more is a rare word


def _subject_keys(data: ScopeData) -> frozenset[tuple[str, ...]]:
    """The search lexicon's phrases (synonym keys of two words or more) with one of
    ``subject_in_other_words`` as a synonym: "went with someone else" -> rejected, "no reply" -> heard
    nothing (not "decision makers", which only contains "decision").
    The article's subject said in other words is named as surely as in its own."""
    lex = index().lexicon
    out = set()
    for key, exps in lex.synonyms.items():
        if len(key) < 2 or key in data.not_in_other_words:
            continue
        for words, _ in exps:
            if tuple(stem(w) for w in words if w not in lex.stop_words) in data.subject_in_other_words:
                out.add(key)
                break
    return frozenset(out)


@dataclass(frozen=True)
class Scope:
    data: ScopeData
    answered: np.ndarray  # unit vectors of the questions the article answers
    unanswered: np.ndarray  # unit vectors of the out-of-scope examples
    phrase_stems: frozenset[str] = frozenset()
    subject_keys: frozenset[tuple[str, ...]] = frozenset()  # search's synonym phrases that name the subject


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
                _SCOPE = Scope(data, semantic.embed(answered), semantic.embed(list(data.out_examples)), data.stems,
                               _subject_keys(data))
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


IN_INTERVIEW_GAP = 6  # words allowed between the verb and "in/at/during"; then before the interview's name


def _asks_what_to_do_in_the_interview(words: list[str], pattern: dict) -> bool:
    """Whether ``words`` (as typed) ask what to say or do in an interview itself: a question word and a
    modal ("what should I", "how do I", "how to"), a verb of speaking or acting (say, answer, talk,
    introduce...), then in/at/during and, a few words on, the interview ("in a short phone screen",
    "at the end of a panel interview"), not the interview *process* nor an email *after* the interview. Past questions ("what did I say in the
    interview", "I forgot to say in the interview") are not asked this way."""
    n = len(words)
    for i, w in enumerate(words[:-2]):
        if w not in pattern["asking"] or words[i + 1] not in pattern["modals"]:
            continue
        j = i + 2 + (words[i + 2] in ("i", "we", "you"))
        if j >= n or words[j] not in pattern["verbs"]:
            continue
        for k in range(j + 1, min(j + 2 + IN_INTERVIEW_GAP, n)):
            if words[k] not in ("in", "at", "during"):
                continue
            for m in range(k + 1, min(k + 2 + IN_INTERVIEW_GAP, n)):
                if words[m] in ("after", "before", "since", "following"):  # "in an email after the interview"
                    break
                for place in pattern["places"]:
                    end = m + len(place)
                    if tuple(words[m:end]) == place and (end >= n or words[end] not in pattern["not_after"]):
                        return True
    return False


@lru_cache(maxsize=1)
def _asker_patterns() -> tuple[tuple[re.Pattern, ...], frozenset[str]]:
    """Patterns of a question's words that say who the asker is or which job (``about_the_asker``):
    "chef here", a leading "bus driver," "I'm a welder", "as a forklift driver", "the lifeguard job",
    "interviewed at a shipyard"; and the words that place a question in a hiring."""
    data = scope().data.about_the_asker or {}
    w = r"[a-z][a-z'-]*"
    alt = lambda items: "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True))  # noqa: E731
    pats = (rf"^\W*((?:{w}\s+){{0,3}}{w})\s+here\b", rf"^\W*((?:{w}\s+){{0,2}}{w})\s*[,:;(]",
            rf"\b(?:{alt(data.get('introductions', ['i am a']))})\s+((?:{w}\s+){{0,2}}{w})",
            rf"((?:{w}\s+)?{w})\s+(?:{alt(data.get('job_words', ['job']))})\b",
            rf"\b(?:{alt(data.get('workplace_words', ['interviewed']))})\s+(?:at|with|for|in)\s+"
            rf"(?:(?:an?|the|my|our|this|that)\s+)?((?:{w}\s+)?{w})")
    return tuple(re.compile(p) for p in pats), frozenset(data.get("hiring_words", ()))


def _about_the_asker(query: str, words: list[str]) -> frozenset[str]:
    """The words of ``query`` that the article never uses and that only say who the asker is or which
    job, in a question about a hiring: a job seeker describing their own situation is asking what the
    article answers, whatever the job ("scaffolder here", "interviewed at a shipyard")."""
    idx = index()
    everyday = _timing_words()
    foreign = [w for w in words if w not in idx.known and stem(w) not in idx.known_stems and stem(w) not in everyday]
    if not foreign:
        return frozenset()
    patterns, hiring = _asker_patterns()
    text = _fold(query).replace("\u2019", "'")
    about = {x for rx in patterns for m in rx.finditer(text) for x in _split_query(m.group(1))}
    out = frozenset(w for w in foreign if w in about)
    return out if out and hiring.intersection(w for w in words if w not in out) else frozenset()


@lru_cache(maxsize=1)
def _timing_words() -> frozenset[str]:
    """The stems of the scope's one-word timing words (days, months...)."""
    return frozenset(p[0] for p in scope().data.timing if len(p) == 1)


@lru_cache(maxsize=1)
def _rewrite_starts() -> frozenset[str]:
    """The first words of the lexicon's rewrites (a query word that starts none is kept as it is)."""
    return frozenset(k[0] for k in index().lexicon.rewrites)


def _query_words(query: str, phrase_stems: frozenset[str],
                 everyday: frozenset[str] = frozenset()) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(stems without stop words, the typed words they come from, unknown words). A word is
    typo-corrected as search corrects it, unless the word as typed is in a scope phrase
    (search would read "wear" as "year", "withdrawn" as something the article says)."""
    idx = index()
    lex = idx.lexicon
    corrections = S.analyse_query(query).corrections
    fixed: list[tuple[str, str]] = []  # (word, the word as typed)
    unknown = []
    for w in S._split_query(query):
        if w in lex.stop_words:
            fixed.append((w, w))
            continue
        fixed += [(part, w) for part in (w if stem(w) in phrase_stems else corrections.get(w, w)).split()]
        if (w not in corrections and len(w) >= 3 and w.isalpha() and w not in idx.known and stem(w) not in everyday
                and stem(w) not in idx.known_stems and semantic.pieces(w) >= RARE_PIECES):
            unknown.append(w)
    # the lexicon's rewrites, as search reads the query ("say thanks" -> "say thank you", "got back" ->
    # "heard back"), longest first; numbers stay words here (a "1" would split a phrase's words)
    stems, typed = [], []
    i = 0
    starts = _rewrite_starts()
    while i < len(fixed):
        for n in range(min(lex.max_key_len, len(fixed) - i) if fixed[i][0] in starts else 0, 0, -1):
            out = lex.rewrites.get(tuple(x for x, _ in fixed[i:i + n]))
            if out and not any(x.isdigit() for x in out):
                parts = [(x, fixed[i][1]) for x in out]
                i += n
                break
        else:
            parts = [fixed[i]]
            i += 1
        for x, w in parts:
            if x not in lex.stop_words:
                stems.append(stem(x))
                typed.append(w)
    return stems, typed, tuple(dict.fromkeys(unknown))


def decide(query: str) -> Decision:
    """Whether the article answers ``query``, and why (never raises for any string)."""
    return _decide(query[:MAX_QUERY_CHARS] if isinstance(query, str) else "")


@lru_cache(maxsize=1024)
def _decide(query: str) -> Decision:
    sc = scope()
    # a day or a month is no rare word, though the article names few ("on tuesday")
    seq, typed, unknown = _query_words(query, sc.phrase_stems, _timing_words())
    if not seq:
        return Decision(False, "empty")
    matches = [(a, b, None, ph) for ph in sc.data.subject for a, b in _find(seq, ph)]
    # a topic phrase does not match through a word of another sense ("I noticed", "it's been ages")
    # (unless the phrase is written with that very word: "applicant" is no "job application", though
    # "applicant tracking" is one)
    matches += [(a, b, name, ph) for (name, ph), written in zip(sc.data.topics, sc.data.topic_typed)
                for a, b in _find(seq, ph)
                if not (sc.data.not_topic_words.intersection(typed[a:b]) - written)]
    # where matches overlap, the longer one wins (then the out-of-scope topic)
    kept: list[tuple[int, int, str | None, tuple[str, ...]]] = []
    for a, b, name, ph in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[2] is None)):
        if all(b <= x or a >= y for x, y, _, _ in kept):
            kept.append((a, b, name, ph))
    subject = any(name is None for _, _, name, _ in kept)
    topics = [name for a, _, name, _ in sorted(kept) if name is not None]
    words = S._split_query(query)
    # asking what to say or do in an interview itself ("what should I say in a phone screen") is a topic
    if sc.data.in_the_interview and _asks_what_to_do_in_the_interview(words, sc.data.in_the_interview):
        topics.append(sc.data.in_the_interview["topic"])
    # a subject phrase that only names who (a recruiter, an agency) says nothing of what is asked:
    # with a named out-of-scope topic the topic decides ("prepare for a phone screen with a recruiter")
    if topics and all(ph in sc.data.actors for _, _, name, ph in kept if name is None):
        subject = False
    # the subject in the search lexicon's other words ("they went with someone else", "no reply")
    if not subject and sc.subject_keys:
        subject = not sc.subject_keys.isdisjoint(S.analyse_query(query).keys)
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
    # following up or thanking in life outside a hiring (a landlord, an invoice, a dating app), in a
    # question that names no interview, job or employer
    out = sc.data.outside_a_hiring
    if not situation and out and not out["unless"].intersection(words) and any(
            _situation(words[i:], ph, stop) for ph in out["phrases"] for i, w in enumerate(words) if w == ph[0]):
        situation = out["name"]
    if situation:  # decisive, even with a subject phrase; a topic named too is the more precise name
        return Decision(False, "situation", topic=topics[0] if topics else situation, unknown=unknown)
    if subject and not topics:
        return Decision(True, "subject", unknown=unknown)
    # who the asker is, in words the article never uses, is not what is asked: not rare words, and
    # left out of the question's meaning
    asker = _about_the_asker(query, words)
    if asker:
        unknown = tuple(w for w in unknown if w not in asker)
    vec = semantic.embed([" ".join(w for w in words if w not in asker) if asker else query])[0]
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
