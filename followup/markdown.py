"""Safe Markdown for Streamlit: every character of the text shows literally.

Streamlit's Markdown interprets HTML-ish text, links, images, ``:color[...]`` directives,
``$`` maths and emoji shortcodes. Escaping every ASCII punctuation character with a
backslash (CommonMark's rule) leaves none of them active.
"""
from __future__ import annotations

import re

_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape(text: str) -> str:
    """Return Markdown that renders as exactly ``text`` (line breaks kept)."""
    text = text.replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    escaped = _PUNCT.sub(r"\\\1", text)
    # A single newline is a soft break in Markdown; keep the source's line breaks visible.
    return re.sub(r"(?<!\n)\n(?!\n)", "  \n", escaped)


def highlighted(spans: list[tuple[str, bool]]) -> str:
    """Markdown for text segments, with the flagged ones highlighted. Every segment is escaped."""
    out = []
    for text, hit in spans:
        if hit and text.strip():
            out.append(f":orange-background[**{escape(text)}**]")
        else:
            out.append(escape(text))
    return "".join(out)


def excerpt(spans: list[tuple[str, bool]], max_paragraphs: int = 2) -> tuple[list[tuple[str, bool]], bool]:
    """The paragraphs of a long passage that hold highlighted words (at most ``max_paragraphs``).

    Returns (spans of those paragraphs, whether anything was left out)."""
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    for text, hit in spans:
        parts = text.split("\n\n")
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, hit))
    paragraphs = [p for p in paragraphs if p]
    with_hits = [i for i, p in enumerate(paragraphs) if any(hit for _, hit in p)]
    keep = sorted(with_hits[:max_paragraphs] or [0])
    if len(keep) == len(paragraphs):
        return spans, False
    out: list[tuple[str, bool]] = []
    for n, i in enumerate(keep):
        if n:
            out.append(("\n\n", False))
        out.extend(paragraphs[i])
    return out, True
