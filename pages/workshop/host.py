"""The facilitator's projector view: big code and QR, the current step, live counts only."""
from __future__ import annotations

import streamlit as st

from followup import markdown as md
from followup.dates import fmt_date, keep_style
from followup.workshop import counts, people, rooms
from followup.workshop.exercises import exercises
from followup.workshop.handout import handout_pdf
from followup.workshop.rooms import AFTER, BEFORE
from pages import frame
from pages.workshop import common

POLL_SECONDS = 3
STAGE_TITLES = {BEFORE: "Before we start: quick check", AFTER: "Exit check"}


@frame.fragment(run_every=POLL_SECONDS)
def live_counts(eng, room_id: int) -> None:
    r = rooms.by_id(eng, room_id)  # an expired room is purged by this look-up
    if r is None or not r.is_open():
        st.rerun(scope="app")  # the whole page says it has closed
    with st.container(key="ws_counts"):
        st.metric("People in the room", people.count(eng, room_id))
        if r.exercise_id:
            common.exercise_counts(counts.exercise_counts(eng, room_id, exercises().get(r.exercise_id)), large=True)
        else:
            common.exit_totals(counts.exit_totals(eng, room_id))


def _move(eng, key, how: str) -> None:
    {"next": rooms.next_step, "back": rooms.previous_step}[how](eng, key)


def _reveal(eng, key, on: bool) -> None:
    rooms.reveal(eng, key, on)


def _close(eng, key) -> None:
    rooms.close(eng, key)


def render(eng, r, key) -> None:
    # Large type for the projector: a static style block, no user text in it.
    st.html("""<style>
[data-testid=stMainBlockContainer] {padding-top: 1.5rem;}
.st-key-ws_code p {font-size: clamp(3rem, 8vw, 6rem); font-weight: 800; letter-spacing: .08em;
  line-height: 1.05; margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace;}
.st-key-ws_stage p, .st-key-ws_stage li {font-size: 1.45rem;}
.st-key-ws_counts [data-testid="stMetricValue"], .st-key-ws_counts [data-testid="stMetricValue"] * {
  font-size: 3rem; font-weight: 700; line-height: 1.1;}
.st-key-ws_step p {font-size: 1.6rem;}
.st-key-ws_counts p, .st-key-ws_counts td, .st-key-ws_counts th {font-size: 1.2rem;}
</style>""")
    link = common.room_link(r.code)
    if not r.is_open():
        st.title("🎓 This room has closed")
        st.markdown("What it collected has been deleted. Participants keep their own answers.")
        st.page_link("pages/workshop/workshop.py", label="Start a new room", icon="🎓")
        return
    title = STAGE_TITLES.get(r.stage) or exercises().get(r.stage).title
    top_left, top_right = st.columns([3, 1], vertical_alignment="center")
    with top_left:
        st.markdown(f"Join at **{md.escape(link)}** with the code:")
        with st.container(key="ws_code"):
            st.markdown(r.display_code)
        with st.container(key="ws_step"):
            st.markdown(f"**Step {r.step + 1} of {len(r.stages)}** · {md.escape(title)}")
    with top_right:
        common.qr_image(link, width=220, caption="Scan to join")
    c1, c2, c3 = st.columns(3)
    c1.button("⬅️ Back", key="ws_back", on_click=keep_style(_move), args=(eng, key, "back"), disabled=r.step == 0,
              width="stretch")
    c2.button("Next ➡️", key="ws_next", on_click=keep_style(_move), args=(eng, key, "next"), type="primary",
              disabled=r.step >= len(r.stages) - 1, width="stretch")
    if r.exercise_id:
        c3.button("🙈 Hide answers" if r.revealed else "💡 Reveal the article's answers", key="ws_reveal",
                  on_click=keep_style(_reveal), args=(eng, key, not r.revealed), width="stretch")
    ex = exercises().get(r.exercise_id) if r.exercise_id else None
    if ex is not None:
        with st.container(key="ws_stage"):
            st.markdown(md.escape(ex.task))
    live_counts(eng, r.id)
    if ex is not None and r.revealed:
        st.header("What the article says, and the planner's plan")
        left, right = st.columns(2)
        with left:
            common.plan_steps(ex.plan())
        with right:
            for ref in ex.reveal_refs:
                common.passage(ref)
    with st.expander("🔧 Facilitator tools: your private link, downloads, end the room"):
        # Off by default, and off again after each step: this box is opened on the projector too.
        if st.toggle("Show my private host link (not on the projector)", key=f"ws_show_host_{r.version}"):
            st.markdown("Your private facilitator link (it runs this room: keep it to yourself):")
            st.code(f"{common.base_url()}?host={key}", language=None, wrap_lines=True)  # fits a phone
        d1, d2 = st.columns(2)
        d1.download_button("⬇️ Counts (CSV)", key="ws_csv", on_click="ignore", mime="text/csv",
                           file_name=f"workshop-{r.code}-counts.csv", width="stretch",
                           data=keep_style(lambda: counts.room_csv(eng, rooms.by_id(eng, r.id), people.count(eng, r.id))))
        d2.download_button("🖨️ Handout of the cases (PDF)", key="ws_handout", on_click="ignore",
                           mime="application/pdf", file_name=f"workshop-{r.code}-cases.pdf", width="stretch",
                           data=keep_style(lambda: handout_pdf(r.order, link, r.display_code)))
        sure = st.checkbox("Yes, end the room and delete what it collected", key="ws_close_sure")
        st.button("End the room", key="ws_close", disabled=not sure, on_click=keep_style(_close), args=(eng, key))
        st.caption(f"The room closes by itself on {fmt_date(r.expires_at)} (14 days after it started).")
