"""A timeline application's plan as a printed page: the planner's plan for its interview date and
what they said, with the company, role and contact on it and a QR code of the planner link that
reproduces the plan (never the workspace key: the link holds only the planner's inputs)."""
from __future__ import annotations

import datetime as dt

from followup import printing
from followup.log.next_steps import plan_for
from followup.plan.plan_link import PlanInputs, planner_link


def interview_date(app: dict, today: dt.date) -> dt.date | None:
    """The date the plan starts from: the latest interview that happened (as the timeline's
    "what's next" counts it), else None."""
    dates = [e["date"] for e in app.get("events", [])
             if e["kind"] == "interview" and (e["done"] or e["date"] <= today)]
    return max(dates) if dates else None


def inputs_for(app: dict, interview: dt.date) -> PlanInputs:
    return PlanInputs(interview, app.get("said") or "", app.get("industry") or "general",
                      app.get("country") or "US", app.get("subdivision") or "", bool(app.get("via_agency")))


def sheet_for(app: dict, interview: dt.date, root: str) -> printing.PlanSheet:
    return printing.PlanSheet(
        planner_link(root, inputs_for(app, interview)), heading="Your follow-up plan",
        details=(("Company", app.get("company") or ""), ("Role", app.get("role") or ""),
                 ("Contact", app.get("contact") or "")))


def application_plan(app: dict, today: dt.date, root: str):
    """(plan, sheet) for printing, or None when the application has no interview yet."""
    interview = interview_date(app, today)
    if interview is None:
        return None
    plan = plan_for(app, interview, today)
    return None if plan is None else (plan, sheet_for(app, interview, root))


def application_pdf(app: dict, today: dt.date, root: str) -> bytes:
    """The one-page PDF of the application's plan (ValueError if it has none)."""
    made = application_plan(app, today, root)
    if made is None:
        raise ValueError("this application has no interview to plan from")
    return printing.plan_pdf(*made)
