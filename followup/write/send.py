"""Ways to send a note the user's own way: a ``mailto:`` link and an ``.eml`` draft file.
Nothing here sends anything; the user's mail program does, if the user chooses."""
from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote


def mailto(subject: str, body: str, to: str = "") -> str:
    """A ``mailto:`` URL (RFC 6068): every part percent-encoded, line breaks as CRLF."""
    to = to.strip() if "@" in (to or "") else ""
    query = "&".join(f"{k}={quote(v.replace(chr(13), '').replace(chr(10), chr(13) + chr(10)), safe='')}"
                     for k, v in (("subject", subject or ""), ("body", body or "")) if v)
    return f"mailto:{quote(to, safe='@')}" + (f"?{query}" if query else "")


def eml(subject: str, body: str, to: str = "", sender: str = "", now: dt.datetime | None = None) -> bytes:
    """An unsent email draft (``X-Unsent: 1`` makes Outlook open it as a draft to edit and send)."""
    msg = EmailMessage(policy=SMTP)
    if to and "@" in to:
        msg["To"] = to.strip()
    if sender and "@" in sender:
        msg["From"] = sender.strip()
    msg["Subject"] = " ".join((subject or "").split())
    msg["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    msg["X-Unsent"] = "1"
    msg.set_content(body or "", charset="utf-8")
    return msg.as_bytes()


def filename(company: str, kind: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in (company or "note").strip().lower()).strip("-")
    return f"{safe or 'note'}-{kind.replace('_', '-')}.eml"
