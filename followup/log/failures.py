"""Failures are logged on the server, never shown to the visitor, and never with what they typed.

:func:`log_failure` writes what failed, the exception's class and where it was raised (file, line,
function of each frame) through the ``logging`` module. It leaves out the exception's message and
arguments: a database error's message holds the statement's parameters (a visitor's companies and
notes), and no message may ever carry a private workspace key into a server log. The page shows its
own plain sentence instead.
"""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path


def describe(exc: BaseException) -> str:
    """``ExcType (from CauseType) at file.py:12 in func <- file.py:30 in caller``: no message text."""
    kinds = [type(exc).__qualname__]
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        kinds.append(f"from {type(cause).__qualname__}")
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    return " ".join(kinds) + (f" at {where}" if where else "")


def log_failure(logger: logging.Logger, what: str, exc: BaseException | None = None) -> str:
    """Log a failure (``exc`` or the exception being handled) at ERROR level; returns the line logged."""
    exc = exc if exc is not None else sys.exc_info()[1]
    line = f"Failed {what}: " + (describe(exc) if exc is not None else "no exception")
    logger.error(line)
    return line
