"""The user's "today": a plain calendar date in the browser's time zone.

The server may run in UTC (Community Cloud does), so "today" must come from the
visitor's time zone; a missing or hostile zone name falls back to UTC with a notice.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def user_today(tz_name: object, now: dt.datetime | None = None) -> tuple[dt.date, str | None]:
    """Return (today in ``tz_name``, notice or None). Never raises."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    if isinstance(tz_name, str) and tz_name.strip() and len(tz_name) < 100:
        try:
            return now.astimezone(ZoneInfo(tz_name.strip())).date(), None
        except (KeyError, ValueError, OSError):
            pass
        return now.astimezone(dt.timezone.utc).date(), (
            "Your browser sent a time zone this app does not know, so dates use UTC. "
            "Check that 'today' is right for you.")
    return now.astimezone(dt.timezone.utc).date(), (
        "Your browser did not say which time zone you are in, so dates use UTC. "
        "Check that 'today' is right for you.")
