"""Which private workspaces this app made (schema v3, table ``workspaces``): a private key opens a
workspace only if the hash of it was recorded when the app made the key. Only hashes are stored."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log.records import RowLimitError, ValidationError
from followup.log.schema import deleted_workspaces, workspaces


class WorkspaceDeletedError(RowLimitError):
    """A write for a private workspace its owner has deleted (from another tab or window); nothing was
    written. A RowLimitError, so every page that says why the log cannot take a write says this too."""

    def __init__(self) -> None:  # RowLimitError's own numbers do not apply
        self.rows, self.cap = 0, 0
        ValidationError.__init__(self, {"log": "was deleted in another tab or window, so nothing was saved. "
                                               "This page now has a new, empty workspace (see the note at the "
                                               "top)"})


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


def refuse_if_deleted(conn, owner: str) -> None:
    """Inside a write's transaction: raise WorkspaceDeletedError if ``owner`` is a deleted private
    workspace (the local log and signed-in owners are never refused: they may start again)."""
    if owner.startswith("key:") and conn.execute(
            sa.select(deleted_workspaces.c.owner).where(deleted_workspaces.c.owner == owner)).first():
        raise WorkspaceDeletedError()


def mark_deleted(conn, owner: str) -> None:
    """Inside "delete my workspace"'s transaction: its key opens nothing, and no write reaches it again."""
    conn.execute(workspaces.delete().where(workspaces.c.owner == owner))
    if owner.startswith("key:") and not conn.execute(
            sa.select(deleted_workspaces.c.owner).where(deleted_workspaces.c.owner == owner)).first():
        conn.execute(deleted_workspaces.insert().values(owner=owner, deleted_at=_now()))


def forget(engine: Engine, owner: str) -> None:
    """The workspace is deleted: its key opens nothing from now on."""
    with engine.begin() as conn:
        conn.execute(workspaces.delete().where(workspaces.c.owner == owner))
