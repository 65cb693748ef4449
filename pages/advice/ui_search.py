"""The explorer's first screen and its search answer: what the app does (three lines, and a link to
each page while the search box is empty), and, for a search, a notice when the article does not cover the question and a way into the
planner when the question is about timing. The decisions are the engine's
(``followup.search.decide`` and ``asks_when``); this module only draws them."""
from __future__ import annotations

import streamlit as st

from followup import markdown as md
from followup.plan.plan_link import MAX_SAID

PAGES = [
    ("pages/advice/explorer.py", "Advice explorer", "🔎"),
    ("pages/plan/planner.py", "Wait-time planner", "📅"),
    ("pages/write/writer.py", "Write a note", "✍️"),
    ("pages/log/timeline.py", "Follow-up timeline", "🗂️"),
    ("pages/workshop/workshop.py", "Workshop", "🎓"),
]


WELCOME = (
    "**Interview Follow-Up Coach helps you follow up after a job interview without guessing.**  \n"
    "🔎 Ask what two recruiting experts and the article's readers advise, in your own words.  \n"
    "📅 Plan the dates for your thank-you and follow-ups, ✍️ write the note, 🗂️ keep a timeline "
    "of your applications, or 🎓 run it as a workshop with a group."
)


def page_links() -> None:
    """A link to each page, for the first screen (with the example questions: gone once a search
    is sent, as every element on the page delays the results)."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key="page-links"):
        st.caption("Pages:")
        for page, label, icon in PAGES:
            st.page_link(page, label=label, icon=icon)


def answer(query: str, hits, decision, timing: bool, article, link: str) -> None:
    """The search's answer: the notice first when the article does not cover the question (the
    nearest passages then shown as "closest, but not an answer"), "Plan my dates" for a timing
    question, then the passages."""
    n = len(hits)
    if not decision.covered:
        what = decision.topic or "this question"
        st.warning(f"**The article does not cover {what}.** It is about following up after a job "
                   "interview, and none of its passages answers your question."
                   + (" Below are the passages closest to it, but they are not an answer." if hits else ""),
                   icon="🧭")
    if timing:  # one element: each element on the page delays the results
        st.page_link("pages/plan/planner.py", label="Plan my dates", icon="📅",
                     query_params={"said": query[:MAX_SAID]},
                     help="Dates for your thank-you and follow-ups in the wait-time planner, starting from "
                          "what you typed.")
    if not hits:
        return
    if decision.covered:
        head = f"{n} best-matching passage{'s' if n > 1 else ''}, best first. Matching words are highlighted."
    else:
        head = f"Closest, but not an answer: the {n} nearest passage{'s' if n > 1 else ''}."
    # Not st.caption: a caption draws its link at 60% opacity, below WCAG AA contrast.
    st.markdown(f":gray[{head}] [🔗 Link to this search]({link})")
    with st.container(border=True, key="search-results"):
        st.markdown(md.search_results(hits, article))
