"""QR codes of the app's own links, made locally with ``segno`` (no request to another host).

Shared by the workshop (room link) and the printed plans; a workspace link can use it too.
"""
from __future__ import annotations

import io

import segno

MAX_LINK = 2000


def _make(link: str):
    if not isinstance(link, str) or not link or len(link) > MAX_LINK:
        raise ValueError(f"a link of 1 to {MAX_LINK} characters is required")
    return segno.make(link, error="m", micro=False)


def png(link: str, scale: int = 10, border: int = 4) -> bytes:
    """The link as a black-on-white PNG QR code (``scale`` pixels per module)."""
    buf = io.BytesIO()
    _make(link).save(buf, kind="png", scale=scale, border=border)
    return buf.getvalue()


def svg(link: str, scale: int = 4, title: str | None = None) -> str:
    """The link as an SVG QR code (text, for embedding in a page as an image)."""
    buf = io.BytesIO()
    _make(link).save(buf, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True,
                     title=title, nl=False)
    return buf.getvalue().decode("utf-8")
