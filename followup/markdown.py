"""Safe Markdown for Streamlit: every character of the text shows literally.

Streamlit's Markdown interprets HTML-ish text, links, images, ``:color[...]`` directives,
``$`` maths and emoji shortcodes. Escaping every ASCII punctuation character with a
backslash (CommonMark's rule) leaves none of them active.

GFM's autolinks (``www.example.com``, ``https://...``, ``name@example.com``) survive that escaping:
the parser recognises them in the text itself. A WORD JOINER (U+2060, invisible, no width, no line
break) is put inside each trigger (after ``www`` before its dot, between ``:`` and ``//``, after
``@``), so the text looks the same and nothing links.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
WORD_JOINER = "\u2060"
# Where GFM starts an autolink: a "www." host (any case), a scheme's "://", an e-mail's "@" (after a
# character that can end its local part; a lone "@name" never links, so it is left as it is).
_AUTOLINK = re.compile(r"(?i)(www)(?=\.)|(:)(?=//)|(?<=\S)(@)")


def break_autolinks(text: str) -> str:
    """``text`` with a word joiner inside every autolink trigger (it looks the same)."""
    return _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, text)


def escape(text: str) -> str:
    """Return Markdown that renders as exactly ``text`` (line breaks kept)."""
    text = text.replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    escaped = _PUNCT.sub(r"\\\1", break_autolinks(text))
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


ROLE_BADGES = {"expert": ":blue-badge[Expert]", "host": ":violet-badge[Host]", "reader": ":gray-badge[Reader]"}


def card_header(passage, article) -> str:
    """The lines above a passage's text: who speaks (badge, name or "name not shown"), where the
    passage stands, its link, and what it answers. One Markdown block, so a card is one element."""
    p = passage
    lines = []
    if p.reply_to:  # a reply says so first, in full-strength text (not a faded quote)
        answered = article.get(p.reply_to)
        lines.append(f"↪️ **Reply to {escape(answered.label.lower())}** ({escape(answered.speaker.display_name)})")
    lines += [f"{ROLE_BADGES[p.speaker.role]} **{escape(p.speaker.display_name)}** · "
             f":gray[{escape(p.label)} · [🔗 link to this passage](?ref={p.ref})]"]
    if p.speaker.role == "expert":
        creds = p.speaker.credentials
        lines.append(f":gray[{escape(creds[0].upper() + creds[1:])}]")
    if p.question:
        lines.append(f":gray[Question: {escape(article.get(p.question).text)}]")
    return "  \n".join(lines)


def card_footer(passage, article) -> str:
    """Notes under a passage: what was removed for privacy, and repeats shown once."""
    notes = []
    if passage.redacted:
        notes.append("🔒 Removed from this comment for privacy: " + escape(", ".join(passage.redacted)) + ".")
    for dup in article.duplicates_of(passage.ref):
        notes.append(f"This comment was posted twice, as #{passage.number} and #{dup.number}; it is shown once.")
    return "  \n".join(f":gray[{n}]" for n in notes)


# Passages are drawn as Markdown blocks rather than one Streamlit element each: the browser redraws
# every element on the page while a search answers: the article as 45 bordered cards made search
# results appear about 15 ms later than the same text as one block (see the README's Benchmarks).
RULE = "\n\n---\n\n"
LONG_PASSAGE = 900  # characters; a longer search result shows its matching paragraphs first


def passage(p, article, spans: list[tuple[str, bool]] | None = None, *, marker: str = "") -> str:
    """One passage: its header, its text (``spans`` highlighted, if given) and its notes."""
    footer = card_footer(p, article)
    return (marker + card_header(p, article) + "\n\n" + highlighted(spans or [(p.text, False)])
            + ("\n\n" + footer if footer else ""))


UNANSWERED = ":gray[❔ A reader's question: no comment answers it.]"


def search_result(p, article, spans: list[tuple[str, bool]], unanswered: bool = False) -> str:
    """A passage found by a search: a long one shows the paragraphs that match, with a link to
    all of it; one that belongs to a thread names the others, with a link to read them together;
    a reader's question nobody answers says so."""
    short, cut = excerpt(spans) if len(p.text) > LONG_PASSAGE else (spans, False)
    out = passage(p, article, short + ([(" …", False)] if cut else []))
    if unanswered:
        out += "\n\n" + UNANSWERED
    if cut:
        out += f"\n\n[📖 Read all of it](?ref={p.ref})"
    others = [t for t in article.thread(p.ref) if t.ref != p.ref]
    if others:
        names = ", ".join(f"{escape(t.label.lower())} ({escape(t.speaker.display_name)})" for t in others)
        out += f"\n\n:gray[🧵 In a thread with {names} · [read them together](?ref={p.ref})]"
    return out


def search_results(hits, article) -> str:
    """The hits of a search, best first, in one block."""
    return RULE.join(search_result(h.passage, article, h.spans(), h.unanswered) for h in hits)


def article_text(passages, article) -> str:
    """Passages of the article in reading order, in one block."""
    return RULE.join(passage(p, article) for p in passages)


def comment_blocks(threads, article) -> list[tuple[str | None, str]]:
    """Reader comments in reading order, as few Markdown blocks as the threads allow:
    ``(None, text)`` for a run of comments that answer no other, ``(ref, text)`` for a reply, which
    the page draws in its own bordered, indented box under the comment it answers (its header
    says "Reply to ...")."""
    blocks: list[tuple[str | None, str]] = []
    run: list[str] = []
    for group in threads:
        run.append(passage(group[0], article))
        for reply in group[1:]:
            blocks.append((None, RULE.join(run)))
            run = []
            blocks.append((reply.ref, passage(reply, article)))
    if run:
        blocks.append((None, RULE.join(run)))
    return blocks


def search_link(query: str, topics: list[str] | tuple[str, ...] = ()) -> str:
    """The explorer's address for a search (and its situation filter), safe inside a Markdown link."""
    return "?" + urlencode([("q", query)] + [("situation", t) for t in topics])
