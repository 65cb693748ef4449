"""Room codes and facilitator keys.

A room code is 6 characters from a 31-character alphabet without look-alikes (no 0 O 1 I L),
shown as ``K7P-2QX``: 31**6 = 887,503,681 codes, about 29.7 bits, drawn with ``secrets``. With
wrong codes limited per session (``guard``) and rooms expiring after 14 days, guessing a live
room is hopeless. The facilitator key is a workspace-style private key (256 bits,
``workspace.new_key``), stored only as a hash.
"""
from __future__ import annotations

import hashlib
import math
import secrets

from followup import workspace

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))


def new_code() -> str:
    """Six random characters, stored without the dash."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display(code: str) -> str:
    """``K7P2QX`` -> ``K7P-2QX``."""
    return f"{code[:3]}-{code[3:]}"


def normalise(text: object) -> str | None:
    """A typed or linked code in its stored form, or None when it cannot be a code.

    Case, spaces and dashes do not matter; a look-alike letter or digit that the alphabet leaves
    out (0 O 1 I L) makes the code invalid rather than being guessed at."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    raw = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def new_host_key() -> str:
    return workspace.new_key()


def host_hash(key: object) -> str | None:
    """The stored form of a facilitator key; None for anything that is not a valid key."""
    if not workspace.valid_key(key):
        return None
    return "host:" + hashlib.sha256(key.encode("ascii")).hexdigest()
