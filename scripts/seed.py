"""Benchmark and demo seeding: many realistic applications and events for one owner.
Not product code: scripts/benchmark.py and the scale tests use it."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.engine import Engine  # noqa: E402

from followup import workspace  # noqa: E402
from followup.log.schema import applications, events, make_engine  # noqa: E402
from followup.log.store import _now, _require_owner, _uid  # noqa: E402


def seed_events(engine: Engine, owner: str, n_events: int, *, per_application: int = 5,
                start: dt.date = dt.date(2026, 1, 5)) -> int:
    """Seed ``n_events`` events for ``owner`` (``per_application`` per application, realistic
    kinds and dates) in one transaction. Returns the number of applications created."""
    _require_owner(owner)
    kinds = ["applied", "interview", "thank_you", "follow_up_email", "reply", "interview",
             "thank_you", "reference_check", "offer", "call"]
    n_apps = max(1, -(-n_events // per_application))
    now = _now()
    with engine.begin() as conn:
        made = 0
        for a in range(n_apps):
            app_uid = _uid()
            app_id = conn.execute(applications.insert().values(
                owner=owner, uid=app_uid, created_at=now, company=f"Company {a + 1:04d}",
                role="Analyst", contact="", via_agency=a % 4 == 0,
                status="active" if a % 3 else "no_reply", said="", industry="general",
                country="US", subdivision="")).inserted_primary_key[0]
            base = start + dt.timedelta(days=(a * 3) % 300)
            rows = []
            for i in range(min(per_application, n_events - made)):
                rows.append({"owner": owner, "uid": _uid(), "application_id": app_id,
                             "kind": kinds[i % len(kinds)], "date": base + dt.timedelta(days=4 * i),
                             "done": i < per_application - 1, "note": f"Seeded event {i + 1}",
                             "created_at": now})
            made += len(rows)
            if rows:
                conn.execute(events.insert(), rows)
    return n_apps


def seed_benchmark(events: int = 1000, owner: str = "local", url: str | None = None) -> str:
    """For scripts/benchmark.py: seed ``events`` events for ``owner`` in the database the app
    would use (``FOLLOWUP_DATA_DIR``'s SQLite file unless ``url`` is given). Returns a label."""
    engine = make_engine(url or workspace.connection_kwargs()["url"])
    try:
        n_apps = seed_events(engine, owner, events)
    finally:
        engine.dispose()
    return f"{events:,} events in {n_apps:,} applications"
