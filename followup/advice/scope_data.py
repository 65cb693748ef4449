"""The data behind :mod:`followup.advice.scope` (``content/search_scope.json``), loaded and
validated: phrases of the article's subject, out-of-scope topics and situations, the meaning
margins. A bad file raises ContentError naming the field. Does not import Streamlit."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from followup.advice import analysis as S
from followup.advice.analysis import _split_query
from followup.advice.content import CONTENT_DIR, ContentError, read_json_object
from followup.advice.indexing import index
from followup.advice.lexicon import stem

SCOPE_FILE = "search_scope.json"


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
    topic_typed: tuple[frozenset[str], ...] = ()  # the words of each topic phrase as written (as ``topics``)
    subject_in_other_words: tuple[tuple[str, ...], ...] = ()  # stemmed subject phrases search's synonyms name
    not_in_other_words: frozenset[tuple[str, ...]] = frozenset()  # search's synonym keys that never count
    # asking what to say or do in an interview: "topic" (its name), "asking", "modals", "verbs", "not_after"
    # (sets of words) and "places" (word sequences)
    in_the_interview: dict | None = None
    # life outside a hiring ("name", "phrases" as typed, "unless": words of a hiring that cancel it)
    outside_a_hiring: dict | None = None
    # who the asker is or which job: "introductions", "job_words", "workplace_words", "hiring_words"
    about_the_asker: dict[str, tuple[str, ...]] | None = None

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
    topic_typed = tuple(frozenset(_split_query(p)) for items in raw.values() for p in items)
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
    other_words = phrases(data.get("subject_in_other_words"), "subject_in_other_words")
    raw = data.get("not_in_other_words")
    if not isinstance(raw, list) or not all(isinstance(p, str) and _split_query(p) for p in raw):
        raise ContentError(f"{f}: field 'not_in_other_words' must be a list of phrases")
    not_in_other_words = frozenset(tuple(stem(w) for w in _split_query(p)) for p in raw)
    if not set(other_words) <= set(subject):
        raise ContentError(f"{f}: every subject_in_other_words phrase must also be a subject phrase")
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
    raw = data.get("in_the_interview")
    parts = ("topic", "asking", "modals", "verbs", "places", "not_after")
    if not isinstance(raw, dict) or set(raw) != set(parts) or not isinstance(raw["topic"], str) or not all(
            isinstance(raw[k], list) and raw[k] and all(
                isinstance(p, str) and _split_query(p) and (k == "places" or _split_query(p) == [p]) for p in raw[k])
            for k in parts[1:]):
        raise ContentError(f"{f}: field 'in_the_interview' must be an object of topic (a name), places (a list "
                           "of phrases) and asking, modals, verbs, not_after (lists of single lowercase words)")
    in_the_interview = {k: frozenset(raw[k]) for k in ("asking", "modals", "verbs", "not_after")}
    in_the_interview.update(topic=raw["topic"], places=tuple(tuple(_split_query(p)) for p in raw["places"]))
    raw = data.get("about_the_asker")
    parts = ("introductions", "job_words", "workplace_words", "hiring_words")
    if not isinstance(raw, dict) or set(raw) != set(parts) or not all(
            isinstance(raw[k], list) and raw[k] and all(
                isinstance(p, str) and _split_query(p) and " ".join(_split_query(p)) == p.replace("'", "")
                and (k == "introductions" or _split_query(p) == [p]) for p in raw[k]) for k in parts):
        raise ContentError(f"{f}: field 'about_the_asker' must be an object of introductions (a list of "
                           "lowercase phrases) and job_words, workplace_words, hiring_words (lists of single words)")
    out = data.get("outside_a_hiring")
    if (not isinstance(out, dict) or set(out) != {"name", "phrases", "unless"} or not isinstance(out["name"], str)
            or not all(isinstance(out[k], list) and out[k] and all(isinstance(p, str) and _split_query(p) for p in out[k])
                       for k in ("phrases", "unless"))):
        raise ContentError(f"{f}: field 'outside_a_hiring' must be an object of name, phrases and unless (lists)")
    outside = {"name": out["name"], "phrases": tuple(tuple(_split_query(p)) for p in out["phrases"]),
               "unless": frozenset(out["unless"])}
    return ScopeData(subject=tuple(subject), topics=topics, actors=frozenset(actors),
                     in_the_interview=in_the_interview, outside_a_hiring=outside,
                     about_the_asker={k: tuple(raw[k]) for k in parts},
                     topic_typed=topic_typed, subject_in_other_words=tuple(other_words),
                     not_in_other_words=not_in_other_words,
                     in_message=tuple(tuple(stem(w) for w in _split_query(p)) for p in in_message),
                     own_time=tuple(tuple(_split_query(p)) for p in own_time),
                     own_time_bonus=number("after_interview_bonus"),
                     not_topic_words=frozenset(not_topic), topic_override_margin=number("topic_override_margin"),
                     domain=frozenset(stem(_split_query(w)[0]) for w in domain),
                     situations=tuple(situations),
                     out_examples=tuple(examples), margin=number("margin"),
                     unknown_margin=number("unknown_margin"), mixed_margin=number("mixed_margin"),
                     timing=tuple(tuple(stem(w) for w in _split_query(p)) for p in timing))
