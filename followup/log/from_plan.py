"""The planner's "Add this plan to my timeline": a plan becomes an application with its
interview and planned steps."""
from __future__ import annotations

import datetime as dt
import hashlib

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log.records import MAX_TEXT, PLAN_KIND_TO_EVENT, PLAN_STEP_LABEL, ValidationError, clean_application, clean_event
from followup.log.schema import applications, events
from followup.log.store import _now, _require_owner, _uid, enforce_row_cap, list_applications


def plan_uid(app_uid: str, step_kind: str, index: int) -> str:
    return hashlib.sha256(f"{app_uid}|plan|{step_kind}|{index}".encode()).hexdigest()[:32]


def add_plan(engine: Engine, owner: str, plan, *, company: str, role: str = "", contact: str = "",
             via_agency: bool | None = None, interview: dt.date | None = None, said: str | None = None,
             industry: str | None = None, country: str | None = None, subdivision: str | None = None,
             application_id: int | None = None) -> int:
    """"Add this plan to my timeline": the application (unless ``application_id`` is given), its
    interview (done, or planned when it is after the plan's today) and the plan's steps as planned
    events, all in one transaction.

    ``interview``, ``said``, ``industry``, ``country``, ``subdivision`` and ``via_agency`` default
    to the plan's own (``followup.timing.Plan`` has them), so the planner page only passes
    ``company`` (and ``role``/``contact`` if it asks for them).
    Idempotent: the steps get uids derived from the application, so adding the same plan to the
    same application again adds nothing twice. Returns the application id.
    """
    _require_owner(owner)

    def from_plan(value, name, default):
        if value is not None:
            return value
        got = getattr(plan, name, None)
        return default if got is None else got

    interview = from_plan(interview, "interview", None)
    said = from_plan(said, "said", "")
    industry = from_plan(industry, "industry", "general")
    country = from_plan(country, "country", "US")
    subdivision = from_plan(subdivision, "subdivision", "")
    via_agency = bool(from_plan(via_agency, "via_agency", False))
    values = clean_application({"company": company, "role": role, "contact": contact,
                                "via_agency": via_agency, "said": said, "industry": industry,
                                "country": country, "subdivision": subdivision or ""})
    steps = list(getattr(plan, "steps", []) or [])
    with engine.begin() as conn:
        if application_id is None:
            app_uid = _uid()
            app_id = conn.execute(applications.insert().values(
                owner=owner, uid=app_uid, created_at=_now(), **values)).inserted_primary_key[0]
        else:
            row = conn.execute(sa.select(applications.c.uid).where(
                applications.c.owner == owner, applications.c.id == application_id)).first()
            if row is None:
                raise ValidationError({"application": "no such application"})
            app_id, app_uid = application_id, row.uid
        existing = set(conn.execute(sa.select(events.c.uid).where(
            events.c.owner == owner, events.c.application_id == app_id)).scalars())
        rows = []
        if interview is not None:
            uid = plan_uid(app_uid, "interview", 0)
            if uid not in existing:
                # done once it has happened; an interview still to come is planned (nothing is done later than today)
                today = getattr(plan, "today", None)
                rows.append({"uid": uid, **clean_event({"kind": "interview", "date": interview,
                                                        "done": today is None or interview <= today, "note": ""})})
        for i, step in enumerate(steps):
            uid = plan_uid(app_uid, step.kind, i)
            if uid in existing:
                continue
            note = PLAN_STEP_LABEL.get(step.kind, step.kind)
            why = getattr(step, "why", "") or ""
            if why:
                note = f"{note}. {why}"
            rows.append({"uid": uid, **clean_event({
                "kind": PLAN_KIND_TO_EVENT.get(step.kind, "other"), "date": step.date,
                "done": False, "note": note[:MAX_TEXT["note"]]})})
        if rows:
            now = _now()
            conn.execute(events.insert(), [{**r, "owner": owner, "application_id": app_id,
                                            "created_at": now} for r in rows])
        enforce_row_cap(conn, owner)
    return app_id


def add_plan_to_log(engine: Engine, owner: str, plan, *, company: str, role: str = "") -> tuple[int, bool]:
    """The planner's "add this plan to my timeline": the owner's application with the same company
    and role (compared case-insensitively) gets the plan's steps, else a new application is made.
    Pressing the button twice adds nothing twice. Returns (application id, whether it existed).
    Raises ValidationError (per field) for a missing or too long company or role."""
    _require_owner(owner)
    company, role = (company or "").strip(), (role or "").strip()
    clean_application({"company": company, "role": role})
    for app in list_applications(engine, owner):
        if app["company"].strip().casefold() == company.casefold() \
                and (app["role"] or "").strip().casefold() == role.casefold():
            return add_plan(engine, owner, plan, company=company, role=role, application_id=app["id"]), True
    return add_plan(engine, owner, plan, company=company, role=role), False
