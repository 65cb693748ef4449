"""Escaping keeps every character literal in Streamlit Markdown."""
import re

from hypothesis import given, strategies as st

from followup.markdown import escape, excerpt, highlighted

PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![p](http://127.0.0.1:9/px)", ":red[boss]", "**bold** _it_ `code`", "$x^2$", "# heading", "> quote",
    "1. list", "<iframe srcdoc='<script>alert(1)</script>'>", ":smile:", "a\\b",
]


def unescape(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md.replace("  \n", "\n"))


def test_payloads_have_no_active_characters():
    for p in PAYLOADS:
        out = escape(p)
        assert re.search(r"(?<!\\)[<>\[\]():*_`$#!]", out) is None, out
        assert unescape(out) == p


@given(st.text(max_size=200))
def test_escape_round_trips(text):
    text = text.replace("\r", "").replace("\x00", "")
    assert unescape(escape(text)) == text


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
