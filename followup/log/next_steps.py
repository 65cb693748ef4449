"""What to do next for each application of a log, and marking a step done."""
from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup import dates
from followup.log import failures
from followup.log.records import (OUTCOME_STATUS, PLAN_KIND_TO_EVENT, PLAN_STEP_LABEL, ValidationError,
                                   before_interview_problem, done_date_problem)
from followup.log.schema import applications, events
from followup.log.store import _now, _owned_app, _require_owner, _uid, enforce_row_cap
from followup.plan import timing
from followup.plan.status import ORDER as STATUS_ORDER
from followup.plan.status import step_status

ANSWERS = ("reply", "offer", "rejection")  # done after the interview: they answered, nothing to chase


@dataclass
class NextStep:
    application_id: int
    company: str
    role: str
    step_kind: str  # planner kind (thank_you, follow_up, ...) or "log_interview"
    label: str
    date: dt.date | None
    due: str  # "overdue", "today", "upcoming", "unknown"
    why: str = ""
    planned_event_id: int | None = None
    latest: dt.date | None = None
    window: tuple[dt.date, dt.date] | None = None
    refs: list = field(default_factory=list)
    interview: dt.date | None = None  # the interview a plan's step follows (it is never done before it)


def _due(date: dt.date | None, today: dt.date, latest: dt.date | None = None) -> str:
    """"upcoming" before the step's date, "today" from its date to the end of its window
    (``latest``, if the planner gives one), "overdue" after."""
    return step_status(date, today, latest)  # the planner's own function: one truth on both pages


def _cached_plan(interview, said, *, industry, country, subdivision, via_agency, today):
    """Memo of the planner in this run's date style (its texts hold dates)."""
    return _memo_plan(interview, said, industry=industry, country=country, subdivision=subdivision,
                      via_agency=via_agency, today=today, style=dates.current_style())


@functools.lru_cache(maxsize=4096)
def _memo_plan(interview, said, *, industry, country, subdivision, via_agency, today, style):
    """Memo of the planner (a pure function of its arguments: nobody gets a result without
    supplying the same inputs)."""
    dates.use_style(style)
    return timing.plan(interview, said, industry=industry, country=country,
                       subdivision=subdivision, via_agency=via_agency, today=today)


_LOG = logging.getLogger(__name__)
_LOGGED_PLAN_FAILURES: set[tuple] = set()


def plan_for(app: dict, interview: dt.date, today: dt.date, plan_fn=None):
    """The planner's plan for one application (its own fields), or None if it cannot be made."""
    plan_fn = plan_fn or _cached_plan
    try:
        return plan_fn(interview, app.get("said", "") or "", industry=app.get("industry") or "general",
                       country=app.get("country") or "US", subdivision=app.get("subdivision") or None,
                       via_agency=bool(app.get("via_agency")), today=today)
    except Exception:  # a planner error must not break the timeline; logged on the server (once per kind)
        seen = (type(sys.exc_info()[1]).__name__, app.get("industry"), app.get("country"), app.get("subdivision"))
        if seen not in _LOGGED_PLAN_FAILURES and len(_LOGGED_PLAN_FAILURES) < 100:
            _LOGGED_PLAN_FAILURES.add(seen)
            failures.log_failure(_LOG, "planning an application's next steps")
        return None


def interview_date(app: dict, today: dt.date) -> dt.date | None:
    """The application's interview the plan starts from: the latest one done or already past."""
    days = [e["date"] for e in app.get("events", []) if e["kind"] == "interview" and (e["done"] or e["date"] <= today)]
    return max(days) if days else None


def _open_steps(app: dict, interview: dt.date, today: dt.date, plan_fn=None) -> tuple[object, list]:
    """The plan of an application from ``interview``, and its steps not done yet, in date order
    (a thank-you or follow-up logged as done after the interview ticks off the earliest of its
    kind; an answer from them ends the chase)."""
    plan = plan_for(app, interview, today, plan_fn)
    if plan is None:
        return None, []
    done_after = [e for e in app.get("events", []) if e["date"] >= interview and e["done"]]
    if any(e["kind"] in ANSWERS for e in done_after):
        return plan, []  # they answered: nothing to chase
    thanks_done = sum(e["kind"] == "thank_you" for e in done_after)
    followups_done = sum(e["kind"] in ("follow_up_email", "call") for e in done_after)
    out = []
    for s in sorted(plan.steps, key=lambda s: s.date):
        if s.kind == "thank_you" and thanks_done:
            thanks_done -= 1
        elif s.kind in ("follow_up", "final_follow_up") and followups_done:
            followups_done -= 1
        else:
            out.append(s)
    return plan, out


def open_steps(app: dict, today: dt.date, plan_fn=None) -> tuple[object, list]:
    """(plan, steps not done yet) of an active application with an interview, else (None, [])."""
    interview = interview_date(app, today)
    if effective_status(app) != "active" or interview is None:
        return None, []
    return _open_steps(app, interview, today, plan_fn)


# --- after an outcome: what still fits (the article's words, quoted exactly; tests check them) -------
AFTER_REJECTION = "after_rejection"
KEEP_DOOR_OPEN = "keep_door_open"
CLOSING_LABELS = {AFTER_REJECTION: "Reply to the rejection: thank them, and ask them to keep you in mind",
                  KEEP_DOOR_OPEN: "Keep the door open"}
# (ref, words quoted from that passage)
CLOSING_QUOTES = {
    AFTER_REJECTION: (("q2-chris", "reply with a simple thank you for their time and consideration – and to keep "
                                   "her in mind for any future opportunities"),
                      ("q2-chris", "within a month, they did call her and hired her for an additional role that "
                                   "had opened up")),
    KEEP_DOOR_OPEN: (("c1", "Even if you didn’t get the job, don’t lose the connection."),
                     ("c2", "Just because a candidate wasn’t selected for a position doesn’t mean they can’t have "
                            "another opportunity with the company.")),
    "keep_door_open_own": (("c1", "Build bridges, don’t burn ’em!"),),
}
CLOSING_WHY = {
    AFTER_REJECTION: "Chris advised a friend who was turned down to “{0}”; “{1}.”",
    KEEP_DOOR_OPEN: "A reader: “{0}” A recruiter answers: “{1}”",
    "keep_door_open_own": "You said no this time; a reader's advice still holds: “{0}”",
}
CLOSING_STEPS = {"rejected": (AFTER_REJECTION, KEEP_DOOR_OPEN), "declined": ("keep_door_open_own",),
                 "withdrawn": ("keep_door_open_own",)}


def effective_status(app: dict) -> str:
    """The application's status; an active one with an outcome logged as done (data from before
    outcomes closed applications, or an import) counts as closed by its latest outcome."""
    if app.get("status") != "active":
        return app.get("status")
    outcomes = [e for e in app.get("events", []) if e["done"] and e["kind"] in OUTCOME_STATUS]
    return OUTCOME_STATUS[max(outcomes, key=lambda e: (e["date"], e.get("id") or 0))["kind"]] if outcomes else "active"


def _closing_done(app: dict, kind: str) -> bool:
    """Whether the closing step was logged (by "Done" here, or the writer's "Log as sent")."""
    mark = "Reply to the rejection" if kind == AFTER_REJECTION else CLOSING_LABELS[KEEP_DOOR_OPEN]
    return any(e["done"] and e["kind"] == "other" and e["note"].startswith(mark) for e in app.get("events", []))


def closing_step(app: dict, status: str) -> NextStep | None:
    """After a rejection: the after-rejection note (q2-chris), then keeping the door open (c1, c2).
    After declining an offer or withdrawing: keeping the door open (c1). Otherwise nothing."""
    for key in CLOSING_STEPS.get(status, ()):
        kind = KEEP_DOOR_OPEN if key == "keep_door_open_own" else key
        if _closing_done(app, kind):
            continue
        quotes = CLOSING_QUOTES[key]
        return NextStep(application_id=app["id"], company=app["company"], role=app["role"], step_kind=kind,
                        label=CLOSING_LABELS[kind], date=None, due="anytime",
                        why=CLOSING_WHY[key].format(*(q for _, q in quotes)),
                        refs=list(dict.fromkeys(ref for ref, _ in quotes)))
    return None


def next_step_for(app: dict, today: dt.date, plan_fn=None) -> tuple[NextStep | None, object]:
    """The next recommended step of one application (with its ``events``), and the plan used.
    A closed application gets only what fits its outcome (``closing_step``)."""
    status = effective_status(app)
    if status != "active":
        return closing_step(app, status), None
    evs = app.get("events", [])
    interviews = [e for e in evs if e["kind"] == "interview" and (e["done"] or e["date"] <= today)]
    base = dict(application_id=app["id"], company=app["company"], role=app["role"])
    if not interviews:
        planned = [e for e in evs if e["kind"] == "interview" and not e["done"]]
        if planned:
            e = min(planned, key=lambda e: e["date"])
            return NextStep(**base, step_kind="interview", label="Interview", date=e["date"],
                            due=_due(e["date"], today), planned_event_id=e["id"],
                            why="After it, log how it went: the follow-up plan starts from that date."), None
        return NextStep(**base, step_kind="log_interview", label="Log your interview when you have one",
                        date=None, due="unknown",
                        why="The follow-up plan starts from the interview date."), None
    interview = max(e["date"] for e in interviews)
    plan, steps = _open_steps(app, interview, today, plan_fn)
    if plan is None:
        return None, None
    steps = [s for s in steps if s.kind != "holiday_card"]
    dates = [s.date for s in plan.steps if s.kind != "holiday_card"] + [
        s.latest for s in plan.steps if s.kind != "holiday_card" and isinstance(getattr(s, "latest", None), dt.date)]
    window = (min(dates), max(dates)) if dates else None
    for s in steps:
        event_kind = PLAN_KIND_TO_EVENT.get(s.kind, "other")
        planned = [e for e in evs if not e["done"] and e["kind"] == event_kind and e["date"] >= interview]
        latest = getattr(s, "latest", None)
        return NextStep(**base, step_kind=s.kind, label=getattr(s, "title", "") or PLAN_STEP_LABEL.get(s.kind, s.kind),
                        date=s.date, due=_due(s.date, today, latest), why=getattr(s, "why", "") or "",
                        latest=latest if isinstance(latest, dt.date) else None,
                        planned_event_id=min(planned, key=lambda e: e["date"])["id"] if planned else None,
                        window=window, refs=list(getattr(s, "refs", []) or []), interview=interview), plan
    return None, plan


DUE_ORDER = STATUS_ORDER


def next_steps_and_plans(log: list[dict], today: dt.date, plan_fn=None) -> tuple[list[NextStep], dict[int, object]]:
    """Next steps of every active application, most urgent first, and the plan of each
    application that has one (by application id)."""
    steps, plans = [], {}
    for app in log:
        step, plan = next_step_for(app, today, plan_fn)
        if plan is not None:
            plans[app["id"]] = plan
        if step is not None:
            steps.append(step)
    steps.sort(key=lambda s: (DUE_ORDER[s.due], s.date or dt.date.max, s.company.lower()))
    return steps, plans


def next_steps(log: list[dict], today: dt.date, plan_fn=None) -> list[NextStep]:
    """Next steps of every active application, most urgent first."""
    return next_steps_and_plans(log, today, plan_fn)[0]


def complete_step(engine: Engine, owner: str, step: NextStep, today: dt.date,
                  on: dt.date | None = None) -> dict | None:
    """One click: log the step as done today, or ``on`` a chosen day up to today (marking its
    planned event done if there is one). "Move on" also sets the application's status to no reply.
    One transaction. Returns what changed, for ``followup.log.undo.undo_complete`` (None: nothing,
    the application is not the owner's). A day later than today, or before the interview the step
    follows, is refused (ValidationError, nothing written)."""
    _require_owner(owner)
    day = on if isinstance(on, dt.date) else today
    problem = done_date_problem(day, True, today) or before_interview_problem(
        PLAN_KIND_TO_EVENT.get(step.step_kind, "other"), day, True, step.interview)
    if problem:
        raise ValidationError({"date": problem})
    kind = PLAN_KIND_TO_EVENT.get(step.step_kind, "interview" if step.step_kind == "interview" else "other")
    with engine.begin() as conn:
        if not _owned_app(conn, owner, step.application_id):
            return None
        change = {"application_id": step.application_id, "event_id": None, "inserted": False, "before": None,
                  "status_before": None}
        if step.planned_event_id is not None:
            mine = (events.c.owner == owner, events.c.id == step.planned_event_id,
                    events.c.application_id == step.application_id)
            row = conn.execute(sa.select(events.c.date, events.c.done).where(*mine)).first()
            if row is not None:
                conn.execute(events.update().where(*mine).values(
                    done=True, date=min(day, step.date) if step.step_kind == "interview" and step.date else day))
                change.update(event_id=step.planned_event_id, before={"date": row.date, "done": row.done})
        if change["event_id"] is None:
            change.update(inserted=True, event_id=conn.execute(events.insert().values(
                owner=owner, uid=_uid(), application_id=step.application_id, kind=kind, date=day,
                done=True, note=step.label, created_at=_now())).inserted_primary_key[0])
            enforce_row_cap(conn, owner)
        if step.step_kind == "move_on":
            before = conn.execute(sa.select(applications.c.status).where(
                applications.c.owner == owner, applications.c.id == step.application_id)).scalar()
            conn.execute(applications.update().where(
                applications.c.owner == owner, applications.c.id == step.application_id
            ).values(status="no_reply"))
            change["status_before"] = before if before != "no_reply" else None
        return change
