"""The workshop's exercises: the article's cases as data (``content/workshop_exercises.json``),
validated on load like the rest of the content. A broken file fails loudly, naming the file and
the field. Every passage is referred to by its ref and quoted from ``content/passages.json``;
the planner's plan for an exercise comes from ``followup.timing.plan``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from followup.plan import timing
from followup.advice.content import CONTENT_DIR, ContentError, article, read_json_object

FILE = "workshop_exercises.json"
FORMAT = "followup-workshop-exercises"
MAX_CHOICE_OPTIONS = 6


class ExerciseError(ContentError):
    """The exercises file is missing, malformed or refers to passages that do not exist."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    case_refs: tuple[str, ...]
    reveal_refs: tuple[str, ...]
    task: str
    interview: dt.date
    date_is_ours: bool
    said: str
    country: str
    industry: str
    agency: bool
    question: str
    options: tuple[Option, ...]
    article_options: tuple[str, ...]  # the options the article itself supports (may be empty)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def plan(self) -> timing.Plan:
        """The planner's plan for the case (no 'today': a case is in its own time)."""
        return _plan(self.interview, self.said, self.industry, self.country, self.agency)

    def window(self) -> tuple[dt.date, dt.date]:
        """The planner's window for the first follow-up: (first day, last day)."""
        step = self.plan().step("follow_up")
        return step.date, step.latest or step.date

    def planner_params(self) -> dict[str, str]:
        """URL parameters that open the planner with the case's date and words filled in."""
        from followup.plan.plan_link import PlanInputs

        return PlanInputs(self.interview, self.said, self.industry, self.country, "", self.agency).to_params()


@dataclass(frozen=True)
class ExitQuestion:
    id: str
    text: str
    options: tuple[str, ...]
    answer: int
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Exercises:
    exercises: tuple[Exercise, ...]
    exit_questions: tuple[ExitQuestion, ...]
    confidence_question: str

    def get(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exercises)


@lru_cache(maxsize=64)
def _plan(interview: dt.date, said: str, industry: str, country: str, agency: bool) -> timing.Plan:
    return timing.plan(interview, said, industry=industry, country=country, via_agency=agency)


def _fail(where: str, msg: str) -> None:
    raise ExerciseError(f"{FILE}: {where}: {msg}")


def _text(obj: dict, key: str, where: str, *, empty_ok: bool = False, limit: int = 400) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        _fail(where, f"field '{key}' must be {'text' if empty_ok else 'non-empty text'}")
    if len(value) > limit:
        _fail(where, f"field '{key}' is longer than {limit} characters")
    return value


def _refs(obj: dict, key: str, where: str, known: set[str], *, empty_ok: bool = False) -> tuple[str, ...]:
    value = obj.get(key)
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value) or (not value and not empty_ok):
        _fail(where, f"field '{key}' must be a {'' if empty_ok else 'non-empty '}list of passage refs")
    for ref in value:
        if ref not in known:
            _fail(where, f"'{key}' names passage '{ref}', which the article does not have")
    return tuple(value)


def _ident(value: object, where: str, seen: set[str]) -> str:
    if not isinstance(value, str) or not value or len(value) > 40 or not all(
            c.isascii() and (c.isalnum() or c in "-_") for c in value):
        _fail(where, "id must be 1-40 letters, digits, '-' or '_'")
    if value in seen:
        _fail(where, f"id '{value}' is used twice")
    seen.add(value)
    return value


def _exercise(raw: object, where: str, known: set[str], seen: set[str]) -> Exercise:
    if not isinstance(raw, dict):
        _fail(where, "must be an object")
    ex_id = _ident(raw.get("id"), where, seen)
    where = f"exercise '{ex_id}'"
    planner = raw.get("planner")
    if not isinstance(planner, dict):
        _fail(where, "field 'planner' must be an object")
    try:
        interview = dt.date.fromisoformat(_text(planner, "interview", where + ".planner"))
    except ValueError:
        _fail(where + ".planner", "interview must be a date as YYYY-MM-DD")
    said = _text(planner, "said", where + ".planner", empty_ok=True, limit=300)
    country = _text(planner, "country", where + ".planner")
    industry = _text(planner, "industry", where + ".planner")
    for key in ("agency", "date_is_ours"):
        if not isinstance(planner.get(key), bool):
            _fail(where + ".planner", f"field '{key}' must be true or false")
    if country not in timing.COUNTRIES:
        _fail(where + ".planner", f"country '{country}' is not one the planner knows")
    if industry not in timing.INDUSTRIES:
        _fail(where + ".planner", f"industry '{industry}' is not one the planner knows")
    try:
        plan = _plan(interview, said, industry, country, planner["agency"])
    except ValueError as exc:
        _fail(where + ".planner", f"the planner cannot plan it: {exc}")
    if plan.step("follow_up") is None:
        _fail(where + ".planner", "the plan has no first follow-up")
    choice = raw.get("choice")
    if not isinstance(choice, dict):
        _fail(where, "field 'choice' must be an object")
    opts_raw = choice.get("options")
    if not isinstance(opts_raw, list) or not 2 <= len(opts_raw) <= MAX_CHOICE_OPTIONS:
        _fail(where + ".choice", f"options must be a list of 2 to {MAX_CHOICE_OPTIONS}")
    opt_seen: set[str] = set()
    options = []
    for i, o in enumerate(opts_raw):
        w = f"{where}.choice.options[{i}]"
        if not isinstance(o, dict):
            _fail(w, "must be an object")
        options.append(Option(_ident(o.get("id"), w, opt_seen), _text(o, "label", w, limit=200),
                              _refs(o, "refs", w, known, empty_ok=True)))
    art = choice.get("article")
    if not isinstance(art, list) or any(a not in opt_seen for a in art):
        _fail(where + ".choice", "field 'article' must list ids of its options")
    return Exercise(
        id=ex_id, title=_text(raw, "title", where, limit=120), case_refs=_refs(raw, "case_refs", where, known),
        reveal_refs=_refs(raw, "reveal_refs", where, known), task=_text(raw, "task", where),
        interview=interview, date_is_ours=planner["date_is_ours"], said=said, country=country,
        industry=industry, agency=planner["agency"], question=_text(choice, "question", where + ".choice"),
        options=tuple(options), article_options=tuple(art))


def _exit(raw: object, known: set[str]) -> tuple[tuple[ExitQuestion, ...], str]:
    if not isinstance(raw, dict):
        _fail("exit_check", "must be an object")
    qs_raw = raw.get("questions")
    if not isinstance(qs_raw, list) or not 3 <= len(qs_raw) <= 5:
        _fail("exit_check", "questions must be a list of 3 to 5")
    seen: set[str] = set()
    out = []
    for i, q in enumerate(qs_raw):
        w = f"exit_check.questions[{i}]"
        if not isinstance(q, dict):
            _fail(w, "must be an object")
        qid = _ident(q.get("id"), w, seen)
        opts = q.get("options")
        if not isinstance(opts, list) or not 2 <= len(opts) <= 5 or not all(
                isinstance(o, str) and o.strip() for o in opts):
            _fail(w, "options must be 2 to 5 non-empty texts")
        answer = q.get("answer")
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(opts):
            _fail(w, "answer must be the index of one of its options")
        out.append(ExitQuestion(qid, _text(q, "text", w), tuple(opts), answer, _refs(q, "refs", w, known)))
    return tuple(out), _text(raw, "confidence_question", "exit_check")


def load(content_dir: Path | str = CONTENT_DIR) -> Exercises:
    """Load and validate the exercises file (refs checked against the article in ``content_dir``)."""
    path = Path(content_dir) / FILE
    data = read_json_object(path, ExerciseError)
    if data.get("format") != FORMAT or data.get("version") != 1:
        _fail("top level", f"format must be '{FORMAT}' version 1")
    from followup.advice.content import load_article

    art = article() if Path(content_dir) == CONTENT_DIR else load_article(content_dir)
    known = {p.ref for p in art.passages}
    raw = data.get("exercises")
    if not isinstance(raw, list) or not raw:
        _fail("exercises", "must be a non-empty list")
    seen: set[str] = set()
    exercises = tuple(_exercise(r, f"exercises[{i}]", known, seen) for i, r in enumerate(raw))
    questions, confidence = _exit(data.get("exit_check"), known)
    return Exercises(exercises, questions, confidence)


@lru_cache(maxsize=1)
def exercises() -> Exercises:
    """The exercises, loaded once per process (the same for every visitor)."""
    return load()
