"""Advice explorer: the article, its expert answers and reader comments, searchable in plain words."""
import streamlit as st

from followup import markdown as md
from followup.content import Passage, article
from followup.search import highlight_spans, search

A = article()
EXAMPLES = [
    "They said after the holidays. When do I follow up?",
    "What should I write in my follow-up email?",
    "I was rejected, should I still reply?",
]


LONG_PASSAGE = 900  # characters; longer search results show their matching paragraphs first


def card(p: Passage, query: str = "", where: str = "list") -> None:
    """One passage as a card: who speaks, what it answers, the text, its link and thread."""
    with st.container(border=True, key=f"card-{where}-{p.ref}"):
        spans = highlight_spans(p.text, query) if query else [(p.text, False)]
        short, cut = md.excerpt(spans) if query and len(p.text) > LONG_PASSAGE else (spans, False)
        footer = md.card_footer(p, A)
        marker = ":orange-badge[📍 The linked passage]  \n" if where == "focus" else ""
        st.markdown(marker + md.card_header(p, A) + "\n\n" + md.highlighted(short) + (" …" if cut else "")
                    + ("\n\n" + footer if footer else ""))
        if cut:
            with st.expander("Read all of it"):
                st.markdown(md.highlighted(spans))
        if where == "search":
            others = [t for t in A.thread(p.ref) if t.ref != p.ref]
            if others:
                with st.expander(f"Its thread: {len(others)} more comment{'s' if len(others) > 1 else ''}"):
                    for t in others:
                        st.markdown(f"**{md.escape(t.label)}** · {md.escape(t.speaker.display_name)}"
                                    f"\n\n{md.escape(t.text)}")


def show_thread(group: list[Passage], query: str = "") -> None:
    card(group[0], query)
    for reply in group[1:]:
        _, right = st.columns([1, 14])
        with right:
            card(reply, query)


def set_query(text: str) -> None:
    st.session_state["q"] = text


st.title("🔎 Advice explorer")
st.markdown(
    f"What two recruiting experts and the readers of *{md.escape(A.title)}* said about following up "
    "after an interview. Experts: **Kevin W. Grossman** and **Chris Havrilla**; the blog's host asks the "
    "questions (the article does not show the host's name)."
)

focus_ref = st.query_params.get("ref")
focus = A.canonical(focus_ref) if focus_ref else None

if focus_ref and focus is None:
    st.warning("That link points to a passage this article does not have. Showing all the advice instead.")
elif focus is not None:
    st.subheader(f"{focus.label}")
    if focus_ref != focus.ref:
        st.info(f"Comment #{A.get(focus_ref).number} repeats comment #{focus.number}, so it is shown here.")
    if focus.kind == "question":
        card(focus, where="focus")
        for answer in A.answers(focus.ref):
            card(answer, where="focus")
    else:
        thread = A.thread(focus.ref)
        if thread:
            st.caption("Shown with its thread.")
            for t in thread:
                card(t, where="focus" if t.ref == focus.ref else "thread")
        else:
            card(focus, where="focus")
    if st.button("⬅️ Show all the advice", key="show_all"):
        st.query_params.clear()
        st.rerun()
    st.stop()

# The filter reruns the whole page (it filters the article below too), so it stays outside the
# search fragment.
TOPICS = {k: v for k, v in A.topics.items() if k != "about"}
with st.expander("Filter by situation", expanded=bool(st.session_state.get("situation"))):
    chosen = set(st.pills(
        "Situation", options=list(TOPICS), format_func=TOPICS.get, selection_mode="multi",
        key="situation", bind="query-params", label_visibility="collapsed",
    ) or [])

# A shared search link (?q=...) fills the box. The box is not bound to the URL: the URL is updated
# from the server after the results are drawn, which keeps the wait after Enter shorter.
if "q" not in st.session_state and st.query_params.get("q"):
    st.session_state["q"] = st.query_params["q"][:500]


@st.fragment
def explore() -> None:
    """Search box and results. A fragment: a new query reruns and redraws only this part, and the
    article below stays on the page (taking it off and putting it back cost more than the search)."""
    query = st.text_input(
        "Ask in your own words", key="q", max_chars=500,
        placeholder="e.g. They said after the holidays. When should I follow up?",
    )
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.caption("Or try:")
        for i, example in enumerate(EXAMPLES):
            st.button(example, key=f"example_{i}", type="tertiary", on_click=set_query, args=(example,))
    query = (query or "").strip()
    if query:
        hits = search(query, limit=5, topics=chosen or None)
        if not hits:
            st.info("Nothing in the article matches those words. Try other words, or clear the situation filter.")
        else:
            st.caption(f"{len(hits)} best-matching passage{'s' if len(hits) > 1 else ''}, best first. "
                       "Matching words are highlighted.")
            for hit in hits:
                card(hit.passage, query, where="search")
    # The address bar follows the box, so a search can be shared or bookmarked.
    if query != st.query_params.get("q", ""):
        if query:
            st.query_params["q"] = query
        else:
            del st.query_params["q"]


explore()
st.divider()
body = A.body(chosen)
threads = A.comment_threads(chosen)
if chosen and not body and not threads:
    st.info("No passage is about that situation. Clear the filter to see everything.")
if body:
    st.header("The article")
    for p in body:
        card(p)
if threads:
    st.header("Reader comments")
    st.caption("Comments as the readers wrote them; replies are shown under the comment they answer.")
    for group in threads:
        show_thread(group)
