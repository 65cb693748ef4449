"""The log's vocabulary (statuses, event kinds, field limits) and the validation of its
records. Shared by storage, imports and pages."""
from __future__ import annotations

import datetime as dt

from followup.dates import fmt_date

# --- vocabulary ---------------------------------------------------------------------------------
STATUSES = {
    "active": "Active – waiting or in process",
    "offer": "Offer",
    "accepted": "Offer accepted",
    "declined": "Offer declined",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_reply": "No reply – moved on",
}
KINDS = {
    "applied": "Applied",
    "interview": "Interview",
    "thank_you": "Thank-you note",
    "follow_up_email": "Follow-up email",
    "call": "Call",
    "reply": "Reply from them",
    "reference_check": "Reference check",
    "offer": "Offer",
    "offer_accepted": "Offer accepted",
    "offer_declined": "Offer declined",
    "rejection": "Rejection",
    "withdrawn": "Withdrew my application",
    "other": "Other",
}
# An outcome, logged as done, closes the application: its status becomes this one (one transaction).
OUTCOME_STATUS = {"rejection": "rejected", "offer": "offer", "offer_accepted": "accepted",
                  "offer_declined": "declined", "withdrawn": "withdrawn"}
MAX_TEXT = {"company": 200, "role": 200, "contact": 200, "said": 500, "industry": 50,
            "country": 2, "subdivision": 10, "note": 2000}


class ValidationError(ValueError):
    """Field-level validation errors: ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


# --- how much one private workspace may hold -----------------------------------------------------
# A private workspace (a visitor's key, or a signed-in account, on a shared server) holds at most this
# many rows, applications and events together, so that one visitor cannot fill the server's disk. The
# local log (the person at the server's own machine) has no cap: it works with 50,000 events and more.
PRIVATE_ROW_CAP = 5_000
UNCAPPED_OWNER = "local"  # followup.workspace.LOCAL_OWNER


def row_cap(owner: str) -> int | None:
    """The most rows ``owner`` may store, or None for no limit (the local log)."""
    return None if owner == UNCAPPED_OWNER else PRIVATE_ROW_CAP


class RowLimitError(ValidationError):
    """A write would take a private workspace over its cap; nothing was written."""

    def __init__(self, rows: int, cap: int):
        self.rows, self.cap = rows, cap
        super().__init__({"log": (
            f"is full: a private workspace on this shared server holds at most {cap:,} applications and "
            f"events together, and this would make {rows:,}. Delete what you no longer need (an exported "
            "backup keeps it), then try again")})


# --- validation -------------------------------------------------------------------------------------
def _text(errors: dict, name: str, value: object, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[name] = "must be text"
        return ""
    if "\x00" in value:
        errors[name] = "contains a NUL character"
    elif required and not value.strip():
        errors[name] = "is required"
    elif len(value) > MAX_TEXT[name]:
        errors[name] = f"is too long (at most {MAX_TEXT[name]} characters)"
    return value


def clean_application(data: dict) -> dict:
    """Validate application fields; raise ValidationError with messages per field."""
    errors: dict[str, str] = {}
    out = {
        "company": _text(errors, "company", data.get("company"), required=True),
        "role": _text(errors, "role", data.get("role", "")),
        "contact": _text(errors, "contact", data.get("contact", "")),
        "said": _text(errors, "said", data.get("said", "")),
        "industry": _text(errors, "industry", data.get("industry", "general") or "general"),
        "country": _text(errors, "country", data.get("country", "US") or "US"),
        "subdivision": _text(errors, "subdivision", data.get("subdivision", "") or ""),
    }
    via = data.get("via_agency", False)
    if not isinstance(via, bool):
        errors["via_agency"] = "must be true or false"
    out["via_agency"] = bool(via) if isinstance(via, bool) else False
    status = data.get("status", "active")
    if not isinstance(status, str) or status not in STATUSES:  # a list or object in a JSON file is no status
        errors["status"] = f"must be one of: {', '.join(STATUSES)}"
    out["status"] = status
    if "country" not in errors and not (len(out["country"]) == 2 and out["country"].isascii()
                                        and out["country"].isalpha() and out["country"].isupper()):
        errors["country"] = "must be a two-letter country code such as US or GB"
    if errors:
        raise ValidationError(errors)
    return out


def clean_event(data: dict) -> dict:
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:  # a list or object in a JSON file is no kind
        errors["kind"] = f"must be one of: {', '.join(KINDS)}"
    date = data.get("date")
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        errors["date"] = "must be a date"
    elif not dt.date(1990, 1, 1) <= date <= dt.date(2100, 12, 31):
        errors["date"] = "must be between 1990 and 2100"
    done = data.get("done")
    if not isinstance(done, bool):
        errors["done"] = "must be true (done) or false (planned)"
    note = _text(errors, "note", data.get("note", ""))
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "date": date, "done": done, "note": note}


# --- when a done event can have happened --------------------------------------------------------------
AFTER_INTERVIEW_KINDS = ("thank_you",)  # logged as done, never dated before the application's first interview


def done_date_problem(date: dt.date, done: bool, today: dt.date | None) -> str | None:
    """Why a done event cannot be on ``date`` (later than the user's ``today``), or None. A planned
    event may be in the future."""
    if done and today is not None and isinstance(date, dt.date) and date > today:
        return (f"is later than today ({fmt_date(today)}): what is done happened today or before "
                "(choose 🗓️ Planned for a later date)")
    return None


def before_interview_problem(kind: str, date: dt.date, done: bool, interview: dt.date | None) -> str | None:
    """Why a thank-you or follow-up done on ``date`` cannot come before its ``interview``, or None."""
    if done and interview is not None and date < interview:
        what = {"thank_you": "a thank-you is sent after it", "follow_up_email": "a follow-up is sent after it"}
        return f"is before the interview of {fmt_date(interview)}: {what.get(kind, 'this step comes after it')}"
    return None


# --- planner steps as log entries ---------------------------------------------------------------
PLAN_KIND_TO_EVENT = {"thank_you": "thank_you", "follow_up": "follow_up_email",
                      "final_follow_up": "follow_up_email", "move_on": "other",
                      "holiday_card": "other"}
PLAN_STEP_LABEL = {"thank_you": "Send a thank-you note", "follow_up": "Send a follow-up email",
                   "final_follow_up": "Send a last follow-up", "move_on": "Move on",
                   "holiday_card": "Send a holiday card"}
