"""Advice explorer: the article, its expert answers and reader comments, searchable in plain words."""
import streamlit as st

from followup import markdown as md
from followup.advice.content import Passage, article
from followup.advice.search import asks_when, decide, search
from followup.dates import keep_style

from pages import frame
from pages.advice import ui_search

A = article()
EXAMPLES = [
    "They said after the holidays. When do I follow up?",
    "What should I write in my follow-up email?",
    "I was rejected, should I still reply?",
]


def card(p: Passage, where: str) -> None:
    """One passage as a card, for a linked passage and its thread: who speaks, what it answers,
    the text, its link."""
    kind = "reply" if p.reply_to and where in ("focus", "thread") else "card"  # a reply is indented
    with st.container(border=True, key=f"{kind}-{where}-{p.ref}"):
        marker = ":orange-badge[📍 The linked passage]  \n" if where == "focus" else ""
        st.markdown(md.passage(p, A, marker=marker))


def set_query(text: str) -> None:
    st.session_state["q"] = text


st.title("🔎 Advice explorer")
st.markdown(  # one block: each element on the page delays search results
    ui_search.WELCOME + "\n\n"
    f"What two recruiting experts and the readers of *{md.escape(A.title)}* said about following up "
    "after an interview. Experts: **Kevin W. Grossman** and **Chris Havrilla**; the blog's host asks the "
    "questions (the article does not show the host's name)."
)

focus_ref = st.query_params.get("ref")
focus = A.canonical(focus_ref) if focus_ref else None

if focus_ref and focus is None:
    st.warning("That link points to a passage this article does not have. Showing all the advice instead.")
elif focus is not None:
    st.header(focus.label)  # h2, under the page's h1
    if focus_ref != focus.ref:
        st.info(f"Comment #{A.get(focus_ref).number} repeats comment #{focus.number}, so it is shown here.")
    if focus.kind == "question":
        card(focus, "focus")
        for answer in A.answers(focus.ref):
            card(answer, "focus")
    else:
        thread = A.thread(focus.ref)
        if thread:
            st.caption("Shown with its thread.")
            for t in thread:
                card(t, "focus" if t.ref == focus.ref else "thread")
        else:
            card(focus, "focus")
    if st.button("⬅️ Show all the advice", key="show_all"):
        st.query_params.clear()
        st.rerun()
    st.stop()

# The filter reruns the whole page (it filters the article below too), so it stays outside the
# search fragment.
TOPICS = {k: v for k, v in A.topics.items() if k != "about"}
# The filter is bound to the address by its labels (what Streamlit writes and reads back); links made
# before that held the topics' codes (?situation=thank-you): those still open with their filter.
if "situation" not in st.session_state:
    if coded := [t for t in st.query_params.get_all("situation") if t in TOPICS]:
        st.session_state["situation"] = coded
with st.expander("Filter by situation", expanded=bool(st.session_state.get("situation") or st.query_params.get("situation"))):
    chosen = set(st.pills(
        "Situation", options=list(TOPICS), format_func=TOPICS.get, selection_mode="multi",
        key="situation", bind="query-params", label_visibility="collapsed",
    ) or [])

# A shared search link (?q=...) fills the box. The box is not bound to the URL (see below).
if "q" not in st.session_state and st.query_params.get("q"):
    st.session_state["q"] = st.query_params["q"][:500]


@frame.fragment
def explore() -> None:
    """Search box and results. A fragment: a new query reruns and redraws only this part, and the
    article below stays on the page (taking it off and putting it back cost more than the search).
    The results are one Markdown block in one box, and the page holds few elements: while a search
    answers, the browser redraws every element on the page, so each one delays the results."""
    # A form: Enter (or the button) sends the search at once. A bare text box first redraws itself
    # and only then sends, which made results appear about 10 ms later (see the README's Benchmarks).
    with st.form("search-form", border=False, enter_to_submit=True):
        with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
            query = st.text_input(
                "Ask in your own words", key="q", max_chars=500,
                placeholder="e.g. They said after the holidays. When should I follow up?",
            )
            st.form_submit_button("🔎 Search", key="search")
    query = (query or "").strip()
    if not query:  # suggestions for an empty box; gone once a search is sent, so results come sooner
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.caption("Or try:")
            for i, example in enumerate(EXAMPLES):
                st.button(example, key=f"example_{i}", type="tertiary", on_click=keep_style(set_query), args=(example,))
        ui_search.page_links()
    else:
        hits = search(query, limit=5, topics=chosen or None)
        decision = decide(query)
        if not hits and decision.covered:
            st.info("Nothing in the article matches those words. Try other words, or clear the situation filter.")
        ui_search.answer(query, hits, decision, asks_when(query), A,
                         md.search_link(query, [TOPICS[t] for t in TOPICS if t in chosen]))
    # A shared search link's ?q= stays in the address bar only while the box still holds that query.
    # (The address does not follow every search: updating it made each answer appear later.)
    if "q" in st.query_params and st.query_params["q"] != query:
        del st.query_params["q"]


explore()
body = A.body(chosen)
threads = A.comment_threads(chosen)
if chosen and not body and not threads:
    st.info("No passage is about that situation. Clear the filter to see everything.")
if body:
    with st.container(border=True, key="article-body"):
        st.markdown("## The article\n\n" + md.article_text(body, A))
if threads:
    with st.container(border=True, key="article-comments"):
        st.markdown("## Reader comments\n\n:gray[Comments as the readers wrote them; a reply sits under "
                    "the comment it answers, in its own box.]")
        for reply_ref, text in md.comment_blocks(threads, A):
            if reply_ref is None:
                st.markdown(text)
            else:
                with st.container(border=True, key=f"reply-{reply_ref}"):
                    st.markdown(text)
