"""An owner's log, read once per change and reused by every rerun until it changes.

A rerun of the timeline reads one number, the owner's log version (``store.log_version``, raised by
the database on every write, whoever makes it), and gets the log read at that version from here;
what is derived from it (next steps for a day, chart rows for a filter) is memoised on the snapshot.
So a rerun with 10,000 events costs about what one with 1,000 does, and a cache key never needs a
dump of every row.

- Keyed by database and owner: one owner's log is never handed to another.
- The version is read *before* the rows, so a snapshot is never older than its version.
- Snapshots are shared between reruns and sessions of the same owner: treat ``log`` and everything
  ``memo`` returns as read-only.
- Bounded: at most ``MAX_OWNERS`` owners and about ``MAX_EVENTS`` events in all, least recently used
  evicted first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from followup.log.store import load_log, log_version

MAX_OWNERS = 16
MAX_EVENTS = 200_000
MAX_MEMO = 24


@dataclass(eq=False)
class Snapshot:
    version: int
    log: list[dict]
    by_id: dict[int, dict]
    events: int
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def memo(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()`` once per ``key`` for this version of the log (the last ``MAX_MEMO`` kept)."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = make()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > MAX_MEMO:
                self._memo.popitem(last=False)
        return value


_snapshots: OrderedDict[tuple[str, str], Snapshot] = OrderedDict()
_lock = threading.Lock()


def snapshot(engine: Engine, owner: str) -> Snapshot:
    """The owner's log at its current version: read from the database only when it has changed."""
    version = log_version(engine, owner)
    key = (engine.url.render_as_string(hide_password=False), owner)
    with _lock:
        snap = _snapshots.get(key)
        if snap is not None and snap.version == version:
            _snapshots.move_to_end(key)
            return snap
    log = load_log(engine, owner)
    snap = Snapshot(version, log, {a["id"]: a for a in log}, sum(len(a["events"]) for a in log))
    with _lock:
        _snapshots[key] = snap
        _snapshots.move_to_end(key)
        while len(_snapshots) > 1 and (len(_snapshots) > MAX_OWNERS
                                       or sum(s.events for s in _snapshots.values()) > MAX_EVENTS):
            _snapshots.popitem(last=False)
    return snap


def clear() -> None:
    """Forget every snapshot (tests)."""
    with _lock:
        _snapshots.clear()
