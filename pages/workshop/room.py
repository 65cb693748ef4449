"""A participant's view of a room: the current step, followed within seconds of "next"."""
from __future__ import annotations

import streamlit as st

from followup import markdown as md, printing
from followup.dates import input_format, keep_style
from followup.plan import timing
from followup.workshop import counts, people, rooms
from followup.workshop.exercises import exercises
from followup.workshop.rooms import AFTER, BEFORE
from pages import frame
from pages.workshop import actions, common

POLL_SECONDS = 2


def join_form(eng, r, owner) -> None:
    pending = st.session_state.pop("ws_pending_nick", None)
    if pending is not None:  # typed the code and a nickname in the lobby: in at once
        people.join(eng, r, owner, pending)
        st.rerun()
    st.title(f"🎓 Join room {r.display_code}")
    with st.form("ws_link_join", border=False):
        st.text_input("Nickname (optional)", key="ws_nick_link", max_chars=people.MAX_NICKNAME,
                      help="Only you see it; the room sees counts, never names.")
        st.form_submit_button("Join the room", key="ws_link_go", type="primary", on_click=keep_style(actions.join),
                              args=(eng, r.id, owner))
    actions.show_error("join")


@frame.fragment(run_every=POLL_SECONDS)
def follow(eng, room_id: int, seen: int) -> None:
    """Polls the room's version: when the facilitator moves on, the whole page redraws."""
    p = rooms.poll(eng, room_id)
    if p is not None and p.version != seen:
        st.rerun(scope="app")


def _check_form(eng, r, pid, phase: str) -> None:
    exs = exercises()
    if people.has_check(eng, r.id, pid, phase):
        st.success("✅ Thanks: your answers count in the room's totals (no name attached).")
        if phase == AFTER:
            common.exit_totals(counts.exit_totals(eng, r.id))
        return
    st.caption("Your answers are counted for the room, never shown with your name.")
    with st.form(f"ws_check_{phase}"):
        for q in exs.exit_questions:
            st.radio(q.text, range(len(q.options)), index=None, key=f"ws_q_{phase}_{q.id}",
                     format_func=lambda i, q=q: q.options[i])
        st.slider(exs.confidence_question, 1, 5, 3, key=f"ws_conf_{phase}")
        st.form_submit_button("Send my answers", key=f"ws_check_go_{phase}", type="primary",
                              on_click=keep_style(actions.send_check), args=(eng, r.id, pid, phase))
    actions.show_error(f"check_{phase}")


def _exercise(eng, r, owner, pid, nickname) -> None:
    ex = exercises().get(r.exercise_id)
    mine = people.my_answers(eng, owner, r.id).get(ex.id)
    with st.expander("📖 The case", expanded=not r.revealed):
        for ref in ex.case_refs:
            common.passage(ref)
    st.markdown(f"**Your task:** {md.escape(ex.task)}")
    ours = " (our example date: the article gives none)" if ex.date_is_ours else ""
    said = f"; they said “{md.escape(ex.said)}”" if ex.said else ""
    st.caption(f"Interview: {timing.fmt(ex.interview)}{ours}{said}.")
    with st.form(f"ws_answer_{ex.id}"):
        # Wide bounds on purpose: the browser drops a typed date outside them and sends "no date",
        # so the case's own limits are checked in Python (people.clean_answer), with a message.
        st.date_input("When do you send the first follow-up?", value=mine.follow_up if mine else None,
                      min_value=ex.interview.replace(year=ex.interview.year - 10, day=1),
                      max_value=ex.interview.replace(year=ex.interview.year + 10, day=28),
                      key=f"ws_date_{ex.id}", format=input_format())
        ids = [o.id for o in ex.options]
        st.radio(ex.question, ids, index=ids.index(mine.choice) if mine and mine.choice else None,
                 key=f"ws_choice_{ex.id}", format_func=lambda i: ex.option(i).label)
        st.text_area("Your note (private unless you share its text)", value=mine.note if mine else "",
                     key=f"ws_note_{ex.id}", max_chars=people.MAX_NOTE, height=120)
        st.form_submit_button("Save my answer", key=f"ws_save_{ex.id}", on_click=keep_style(actions.save_answer),
                              args=(eng, owner, r.id, ex.id))
    actions.show_error(f"save_{ex.id}")
    if st.session_state.pop(actions.SAVED, None) == ex.id:
        st.toast("Saved, for you only.")
    a, b = st.columns(2)
    a.link_button("📅 Plan it in the planner", common.app_url("planner", ex.planner_params()), width="stretch")
    b.download_button("🖨️ Print this plan (PDF)", key=f"ws_pdf_{ex.id}", width="stretch", on_click="ignore",
                      file_name=f"plan-{ex.id}.pdf", mime="application/pdf",
                      data=keep_style(lambda: printing.plan_pdf(ex.plan(), printing.PlanSheet(
                          common.app_url("planner", ex.planner_params()), heading=f"Plan for the case: {ex.title}",
                          details=(("Prepared for", nickname),)))))
    with st.container(border=True, key="ws_share"):
        shared = people.has_shared(eng, r.id, pid, ex.id)
        st.markdown("**Share with the room** " + ("(shared ✔; sharing again replaces it)" if shared else ""))
        # In the open, not in a tooltip a phone cannot show: Share sends the saved answer, not the form's.
        st.caption("Save your answer above first: sharing sends your saved answer." if mine is None else
                   f"Sharing sends your saved answer (follow-up {timing.fmt(mine.follow_up) if mine.follow_up else 'no date'}"
                   f"{', “' + md.escape(ex.option(mine.choice).label) + '”' if mine.choice else ''}), counted with "
                   "everyone else's; your note's text only if you tick the box. Changed something above? Save it first.")
        st.checkbox("Show my note's text to the room too", key=f"ws_with_text_{ex.id}")
        st.button("Share my answer", key=f"ws_share_{ex.id}", disabled=mine is None, type="primary",
                  on_click=keep_style(actions.share), args=(eng, owner, r.id, pid, ex.id))
        actions.show_error(f"share_{ex.id}")
    if r.revealed:
        st.subheader("What the article says, beside your answer")
        left, right = st.columns(2)
        with left.container(border=True, key="ws_mine"):
            st.markdown("**Your answer**")
            if mine:
                st.markdown(f"Follow-up: **{timing.fmt(mine.follow_up) if mine.follow_up else '–'}** "
                            f"({counts.WINDOW_LABELS[counts.bucket(mine.follow_up, ex.window())]})")
                st.markdown(md.escape(ex.option(mine.choice).label) if mine.choice else "No choice made.")
                if mine.note:
                    st.text(mine.note)
            else:
                st.markdown("You have not saved an answer.")
            st.markdown("**The planner's plan**")
            common.plan_steps(ex.plan())
        with right:
            for ref in ex.reveal_refs:
                common.passage(ref)


def render(eng, r, owner, me) -> None:
    pid, nickname = me if me else (None, "")
    total = len(r.stages)
    st.caption(f"Room {r.display_code} · step {r.step + 1} of {total}" + (f" · {md.escape(nickname)}" if nickname else ""))
    if not r.is_open():
        st.title("🎓 This room has closed")
        st.markdown("Your own answers stay here, at this private link:")
        for ex_id, a in people.my_answers(eng, owner, r.id).items():
            ex = exercises().get(ex_id)
            st.markdown(f"**{md.escape(ex.title)}**: {timing.fmt(a.follow_up) if a.follow_up else '–'}")
            st.markdown(md.escape(ex.option(a.choice).label) if a.choice else "No choice made.")
            if a.note:
                st.text(a.note)
        actions.drop_errors()
        return
    follow(eng, r.id, r.version)
    with st.container(key="ws_stage"):
        if r.stage == BEFORE:
            st.header("Before we start")
            _check_form(eng, r, pid, BEFORE)
        elif r.stage == AFTER:
            st.header("Exit check")
            _check_form(eng, r, pid, AFTER)
        else:
            st.header(exercises().get(r.exercise_id).title)
            _exercise(eng, r, owner, pid, nickname)
    actions.drop_errors()
