"""Escaping keeps every character literal in Streamlit Markdown."""
import re

from hypothesis import given, strategies as st

from followup.advice.content import article
from followup.markdown import (WORD_JOINER, break_autolinks, comment_blocks, escape, excerpt, highlighted,
                               search_link, search_result)
from followup.advice.search import highlight_spans

PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![p](http://127.0.0.1:9/px)", ":red[boss]", "**bold** _it_ `code`", "$x^2$", "# heading", "> quote",
    "1. list", "<iframe srcdoc='<script>alert(1)</script>'>", ":smile:", "a\\b",
]


def unescape(md: str) -> str:
    """What a reader sees: escapes and the invisible word joiners gone."""
    return re.sub(r"\\(.)", r"\1", md.replace("  \n", "\n")).replace(WORD_JOINER, "")


def test_payloads_have_no_active_characters():
    for p in PAYLOADS:
        out = escape(p)
        assert re.search(r"(?<!\\)[<>\[\]():*_`$#!]", out) is None, out
        assert unescape(out) == p


@given(st.text(max_size=200))
def test_escape_round_trips(text):
    text = text.replace("\r", "").replace("\x00", "").replace(WORD_JOINER, "")
    assert unescape(escape(text)) == text


AUTOLINKS = ["www.example.com", "see WWW.Example.com.", "https://evil.example/x?a=1", "http://a.b", "ftp://x.y",
             "me@example.com", "x+y@mail.example.org", "mailto:a@b.co", "xmpp:a@b.co", "(www.x.org)",
             "*www.x.org*", "a.b@c.d", "<https://x.y>", "[x](https://x.y)", "e-mail: bob@x.io."]
# What GFM's autolink extension starts a link at (remark-gfm in Streamlit's frontend; the Chromium
# matrix in test_browser_safety.py renders them and counts the links).
GFM_TRIGGER = re.compile(r"(?i)www\\?\.|:\\?/\\?/|[A-Za-z0-9._+-]\\?@[A-Za-z0-9]")


def test_autolink_triggers_are_broken_and_the_text_looks_the_same():
    for p in AUTOLINKS:
        out = escape(p)
        assert GFM_TRIGGER.search(p), p  # the pattern finds the raw trigger...
        assert not GFM_TRIGGER.search(out), out  # ...and none is left after escaping
        assert unescape(out) == p


def test_a_lone_handle_is_left_alone():
    assert break_autolinks("@Craig – thanks") == "@Craig – thanks"
    assert break_autolinks("a@b.c") == "a@" + WORD_JOINER + "b.c"


def test_highlight_escapes_segments():
    out = highlighted([("a <b> ", False), ("[x](y)", True)])
    assert out.startswith("a \\<b\\> ")
    assert ":orange-background[**\\[x\\]\\(y\\)**]" in out


def test_excerpt_keeps_paragraphs_with_hits():
    spans = [("one\n\ntwo ", False), ("hit", True), (" end\n\nthree\n\nfour ", False), ("again", True)]
    out, cut = excerpt(spans)
    assert cut
    assert "".join(t for t, _ in out) == "two hit end\n\nfour again"
    short, cut = excerpt([("a ", False), ("b", True)])
    assert not cut and short == [("a ", False), ("b", True)]


def test_search_result_names_its_thread_and_links_to_it():
    a = article()
    out = search_result(a.get("c5"), a, [(a.get("c5").text, False)])
    assert "[🔗 link to this passage](?ref=c5)" in out
    assert "In a thread with reader comment \\#6" in out and "[read them together](?ref=c5)" in out
    assert "Read all of it" not in out  # a short passage is shown whole


def test_long_search_result_shows_matching_paragraphs_and_links_to_all_of_it():
    a = article()
    letter = a.get("letter")
    assert len(letter.text) > 900
    out = search_result(letter, a, highlight_spans(letter.text, "holidays"))
    assert "[📖 Read all of it](?ref=letter)" in out
    assert ":orange-background[**holidays**]" in out
    assert len(out) < len(escape(letter.text))


def test_comment_replies_get_their_own_block_under_their_comment():
    """A reply is not a faded Markdown quote: it is its own block (the page boxes and indents it),
    right after the comment it answers, and says first what it replies to."""
    a = article()
    blocks = comment_blocks(a.comment_threads(), a)
    replies = [ref for ref, _ in blocks if ref]
    assert replies == ["c2", "c6", "c8", "c12", "c14", "c16", "c22"]
    text = "\n".join(t for _, t in blocks)
    assert not any(line.startswith(">") for line in text.splitlines()), "no blockquotes"
    i = next(n for n, (ref, _) in enumerate(blocks) if ref == "c6")
    assert blocks[i - 1][1].rstrip().endswith(escape(a.get("c5").text).rstrip()), "c6 comes right after c5"
    assert blocks[i][1].startswith("↪️ **Reply to reader comment \\#5** (jimmy)")
    assert "(?ref=c21)" not in text  # the repeat is shown once
    assert [ref for ref, _ in blocks].count(None) == 7  # runs of comments before each reply (c22 ends the list)


def test_search_link_cannot_break_out_of_its_markdown_link():
    link = search_link("a (b) [c] & d=e <x>", ["recruiters-agencies"])
    assert link == "?q=a+%28b%29+%5Bc%5D+%26+d%3De+%3Cx%3E&situation=recruiters-agencies"
    assert re.search(r"[()\[\]<> ]", link) is None
