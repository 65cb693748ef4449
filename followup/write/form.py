"""What the writer page starts from: an application of the user's log (with its interview date),
the stored draft of that application and kind, or a freshly composed draft. No Streamlit here:
the page puts these values into its widgets."""
from __future__ import annotations

import datetime as dt

from followup.dates import fmt_date
from followup.write import drafts
from followup.write.rules import CHANNELS, KINDS

DEBRIEF_FIELDS = ("company", "role", "contact", "met", "specific", "fit", "promised", "sender", "to")
# what the planner and the timeline call their steps -> the writer's kinds
STEP_TO_KIND = {"thank_you": "thank_you", "follow_up": "follow_up", "final_follow_up": "final_follow_up",
                "holiday_card": "holiday_card"}


def parse_kind(value: object, default: str = "thank_you") -> str:
    return value if value in KINDS else default


def parse_channel(value: object, default: str = "email") -> str:
    return value if value in CHANNELS else default


def parse_app(value: object, owned: dict[int, dict]) -> int | None:
    """An application id from a link, only if it is one of the owner's."""
    try:
        app_id = int(str(value))
    except (TypeError, ValueError):
        return None
    return app_id if app_id in owned else None


def interview_date(app: dict | None) -> dt.date | None:
    dates = [e["date"] for e in (app or {}).get("events", []) if e["kind"] == "interview"]
    return max(dates) if dates else None


def other_companies(log: list[dict], app_id: int | None) -> list[str]:
    return sorted({a["company"] for a in log if a["id"] != app_id and a["company"].strip()})


def debrief(values: dict, interview: dt.date | None = None) -> drafts.Debrief:
    return drafts.Debrief(**{k: str(values.get(k) or "") for k in DEBRIEF_FIELDS if k != "to"},
                          interview=interview)


def start_values(kind: str, channel: str, app: dict | None, draft: dict | None, seed: str) -> dict:
    """Widget values for a kind and application: the saved draft if there is one, else the
    application's fields and a composed draft (opening and closing chosen per person by ``seed``)."""
    variant = drafts.default_variant(seed)
    n_open, n_close = len(drafts.openings(kind)), len(drafts.closings(kind))
    values = {k: "" for k in DEBRIEF_FIELDS}
    if app:
        values.update(company=app["company"], role=app.get("role") or "", contact=app.get("contact") or "")
    values["opening"], values["closing"] = variant % n_open, (variant // 7) % n_close
    if draft:
        values.update(draft["fields"])
        values.update(channel=draft["channel"], subject=draft["subject"], body=draft["body"],
                      status=draft["status"], sent_on=draft["sent_on"])
        return values
    d = drafts.compose(kind, channel, debrief(values, interview_date(app)),
                       opening=values["opening"], closing=values["closing"])
    values.update(channel=channel, subject=d.subject, body=d.body, status="new", sent_on=None)
    return values


def passage_links(refs) -> str:
    """Markdown links to the article's passages (``/?ref=...``), labelled as a reader would cite them."""
    from followup.advice.content import article
    from followup.markdown import escape

    art, out = article(), []
    for ref in refs:
        p = art.get(ref)
        if p:
            out.append(f"[{escape(p.label)} · {escape(p.speaker.display_name)}](/?ref={ref})")
    return " · ".join(out)


def draft_rows(saved: list[dict], by_id: dict[int, dict], kinds: dict[str, str]) -> list[dict]:
    """The owner's saved drafts as table rows: a draft never logged as sent says so."""
    rows = []
    for d in saved:
        app = by_id.get(d["application_id"])
        name = (f"{app['company']} – {app['role']}" if app and app["role"] else app["company"] if app
                else d["fields"].get("company") or "(no application)")
        status = f"Sent {fmt_date(d['sent_on'])}" if d["status"] == "sent" and d["sent_on"] else "Draft, not sent"
        rows.append({"Application": name, "Note": kinds[d["kind"]], "Channel": d["channel"], "Status": status,
                     "Saved": d["updated_at"].strftime("%Y-%m-%d %H:%M")})
    return rows
