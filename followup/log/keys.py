"""Which private workspaces this app made (schema v3, table ``workspaces``): a private key opens a
workspace only if the hash of it was recorded when the app made the key. Only hashes are stored."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log.schema import workspaces


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def register(engine: Engine, owner: str) -> None:
    """Record a workspace the app has just made (its owner id, the key's hash). Idempotent."""
    if not owner.startswith("key:"):
        raise ValueError("only private-key workspaces are recorded")
    with engine.begin() as conn:
        if not conn.execute(sa.select(workspaces.c.owner).where(workspaces.c.owner == owner)).first():
            conn.execute(workspaces.insert().values(owner=owner, created_at=_now()))


def known(engine: Engine, owner: str) -> bool:
    """Whether this app made the workspace ``owner`` and it has not been deleted."""
    with engine.connect() as conn:
        return conn.execute(sa.select(workspaces.c.owner).where(workspaces.c.owner == owner)).first() is not None


def forget(engine: Engine, owner: str) -> None:
    """The workspace is deleted: its key opens nothing from now on."""
    with engine.begin() as conn:
        conn.execute(workspaces.delete().where(workspaces.c.owner == owner))
