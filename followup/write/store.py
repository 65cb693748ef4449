"""The writer's drafts, stored with the application and owner-scoped like every other record,
and "Log as sent", which adds the note to the application's timeline.

One draft per owner, application (or none) and kind: saving again replaces it. A draft that was
never logged as sent stays ``status="draft"`` and is no event on the timeline.
"""
from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log import keys, next_steps, store
from followup.log.records import MAX_TEXT, ValidationError
from followup.log.schema import note_drafts
from followup.write.rules import CHANNELS, KINDS

MAX_BODY = 20_000
FIELDS = ("company", "role", "contact", "met", "specific", "fit", "promised", "sender", "to")
EVENT_KIND = {"thank_you": "thank_you", "follow_up": "follow_up_email", "final_follow_up": "follow_up_email",
              "holiday_card": "other", "after_rejection": "other", "agency": "other"}
EVENT_NOTE = {"thank_you": "Thank-you note sent", "follow_up": "Follow-up sent",
              "final_follow_up": "Last follow-up sent", "holiday_card": "Holiday card sent",
              "after_rejection": "Reply to the rejection sent", "agency": "Note to the agency recruiter sent"}
COLUMNS = ("id", "application_id", "kind", "channel", "subject", "body", "fields", "status", "sent_on",
           "event_id", "updated_at")


def _slot(application_id: int | None, kind: str) -> str:
    return f"{application_id if application_id is not None else 'none'}:{kind}"


def _row(r) -> dict:
    d = dict(zip(COLUMNS, r))
    d["fields"] = json.loads(d["fields"] or "{}")
    return d


def clean(kind: str, channel: str, subject: str, body: str, fields: dict) -> dict:
    errors = {}
    if kind not in KINDS:
        errors["kind"] = f"must be one of {', '.join(KINDS)}"
    if channel not in CHANNELS:
        errors["channel"] = f"must be one of {', '.join(CHANNELS)}"
    for name, value, limit in (("subject", subject, 300), ("body", body, MAX_BODY)):
        if not isinstance(value, str):
            errors[name] = "must be text"
        elif "\x00" in value:
            errors[name] = "contains a NUL character"
        elif len(value) > limit:
            errors[name] = f"is too long (at most {limit:,} characters)"
    kept = {k: str(fields.get(k) or "")[:MAX_TEXT["said"]] for k in FIELDS if fields.get(k)}
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "channel": channel, "subject": subject, "body": body, "fields": json.dumps(kept)}


def save_draft(engine: Engine, owner: str, *, application_id: int | None, kind: str, channel: str,
               subject: str, body: str, fields: dict | None = None) -> int:
    """Save (or replace) the owner's draft of this kind for this application. One transaction."""
    store._require_owner(owner)
    values = clean(kind, channel, subject, body, fields or {})
    slot = _slot(application_id, kind)
    with engine.begin() as conn:
        keys.refuse_if_deleted(conn, owner)  # a writer tab still open on a deleted workspace
        if application_id is not None and not store._owned_app(conn, owner, application_id):
            raise ValidationError({"application": "no such application"})
        mine = (note_drafts.c.owner == owner, note_drafts.c.slot == slot)
        found = conn.execute(sa.select(note_drafts.c.id).where(*mine)).first()
        now = store._now()
        if found:
            conn.execute(note_drafts.update().where(*mine).values(**values, updated_at=now))
            return found.id
        return conn.execute(note_drafts.insert().values(
            owner=owner, slot=slot, application_id=application_id, status="draft", updated_at=now,
            **values)).inserted_primary_key[0]


def get_draft(engine: Engine, owner: str, application_id: int | None, kind: str) -> dict | None:
    q = sa.select(*[note_drafts.c[c] for c in COLUMNS]).where(
        note_drafts.c.owner == owner, note_drafts.c.slot == _slot(application_id, kind))
    with engine.connect() as conn:
        r = conn.execute(q).first()
    return _row(r) if r else None


def list_drafts(engine: Engine, owner: str) -> list[dict]:
    q = (sa.select(*[note_drafts.c[c] for c in COLUMNS]).where(note_drafts.c.owner == owner)
         .order_by(note_drafts.c.updated_at.desc(), note_drafts.c.id.desc()))
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def log_sent(engine: Engine, owner: str, application_id: int, kind: str, today: dt.date) -> int:
    """"Log as sent": the application's timeline gets the note as a done event dated ``today``.
    If the application's next step is this note, that step is completed (its planned event marked
    done), so the timeline's next step moves on. The draft, if any, becomes "sent".
    Returns the event id."""
    store._require_owner(owner)
    if kind not in KINDS:
        raise ValidationError({"kind": f"must be one of {', '.join(KINDS)}"})
    app = next((a for a in store.load_log(engine, owner) if a["id"] == application_id), None)
    if app is None:
        raise ValidationError({"application": "no such application"})
    step, _plan = next_steps.next_step_for(app, today)
    event_kind = EVENT_KIND[kind]
    if step is not None and next_steps.PLAN_KIND_TO_EVENT.get(step.step_kind) == event_kind \
            and step.step_kind != "move_on":
        next_steps.complete_step(engine, owner, step, today)
        done = [e for e in store.list_events(engine, owner, application_id)
                if e["done"] and e["kind"] == event_kind and e["date"] == today]
        event_id = done[-1]["id"]
        store.update_event(engine, owner, event_id, note=EVENT_NOTE[kind])
    else:
        event_id = store.add_event(engine, owner, application_id, kind=event_kind, date=today, done=True,
                                   note=EVENT_NOTE[kind])
    with engine.begin() as conn:
        conn.execute(note_drafts.update().where(
            note_drafts.c.owner == owner, note_drafts.c.slot == _slot(application_id, kind)).values(
            status="sent", sent_on=today, event_id=event_id, updated_at=store._now()))
    return event_id
