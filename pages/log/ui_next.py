"""The timeline's "What's next": the most urgent steps as cards, the rest in a table."""
from __future__ import annotations

import streamlit as st

from followup import tracker
from followup.advice.content import article
from followup.charts import app_label
from followup.dates import fmt_date, input_format, keep_style
from followup.markdown import escape
from followup.plan import calendar, status

from pages.log import ui_print, ui_undo
from pages.log.ui_common import Ctx

DUE_BADGE = status.LABELS  # the planner's status function and names (followup.plan.status)
SHOW_FIRST = 3  # the three most urgent as cards, the rest in a table: fewer elements per click, one focus
CLOSING = (tracker.AFTER_REJECTION, tracker.KEEP_DOOR_OPEN)
DONE_LABEL = {"move_on": "✅ Moved on", "interview": "✅ It happened", tracker.AFTER_REJECTION: "✅ Sent",
              tracker.KEEP_DOOR_OPEN: "✅ Done"}
WRITE_KINDS = ("thank_you", "follow_up", "final_follow_up", "holiday_card", tracker.AFTER_REJECTION)


def when(s, today) -> str:
    if s.date is None:
        return ""
    if s.due == "overdue":
        return f" · was due {fmt_date(s.latest or s.date)}"
    if s.due == "today":
        return f" · by {fmt_date(s.latest)}" if s.latest and s.latest > today else ""
    return f" · {fmt_date(s.date)}"


def done(ctx: Ctx, s, on_key: str | None = None) -> None:
    """The done buttons' callback (it runs before the page, so one click runs the page once): log a
    step as done today (or on the day in widget ``on_key``), with a message and Undo (or why it
    could not be logged) at the top of the page."""
    on = st.session_state.get(on_key) if on_key else None
    try:
        change = tracker.complete_step(ctx.engine, ctx.owner, s, ctx.today, on=on)
    except tracker.RowLimitError as exc:
        st.session_state["tl_flash_error"] = f"Not logged: your log {exc.errors['log']}."
    except tracker.ValidationError as exc:  # a day later than today, or before the interview
        st.session_state["tl_flash_error"] = f"Not logged: the day {exc.errors['date']}."
    else:
        day = "" if on in (None, ctx.today) else f" on {fmt_date(on)}"
        ui_undo.offer(ctx, f"Logged{day}: {s.label} ({app_label(ctx.by_id[s.application_id])}).", "complete", change)


def _passages(refs) -> str:
    art = article()
    return " · ".join(f"[{escape(art.get(r).label)} · {escape(art.get(r).speaker.display_name)}](/?ref={r})"
                      for r in refs if art.get(r))


def _step_card(ctx: Ctx, s) -> None:
    """One next step: what, when and for which application in one line, why (and the passages it
    rests on), then a row of its actions. Few elements: on every rerun the browser redraws each one."""
    with st.container(border=True, key=f"tl_next_{s.application_id}"):
        st.markdown(f"**{DUE_BADGE[s.due]}**{when(s, ctx.today)} · **{escape(s.label)}** — "
                    f"{escape(app_label(ctx.by_id[s.application_id]))}")
        why = [escape(s.why)] if s.why else []
        if s.step_kind in CLOSING:  # after an outcome: the words it rests on, linked
            why.append(f"Rests on: {_passages(s.refs)}")
        if why:
            st.caption("  \n".join(why))
        with st.container(horizontal=True, vertical_alignment="center", key=f"tl_acts_{s.application_id}"):
            if s.step_kind == "log_interview":
                st.caption("Use *📝 Log event* below.")
                return
            key = f"{s.application_id}_{s.step_kind}"
            st.button(DONE_LABEL.get(s.step_kind, "✅ Done today"), key=f"tl_done_{key}", on_click=keep_style(done),
                      args=(ctx, s))
            with st.popover("📅 Done another day", key=f"tl_done_on_pop_{key}"):
                # (not a lazy popover, on_change="rerun": in Streamlit 1.67 its reruns sometimes drop
                # the keyboard focus from the tab bar below, tests/test_browser_a11y.py)
                _done_on(ctx, s, key)
            if s.step_kind in WRITE_KINDS:
                st.page_link("pages/write/writer.py", label="✍️ Write it", query_params={
                    "kind": s.step_kind, "app": str(s.application_id)})
            if s.step_kind not in ("interview", *CLOSING):  # a plan exists once the interview happened
                ui_print.print_button(st, ctx, s.application_id, key=f"tl_pdf_{s.application_id}",
                                      label="🖨️ Print (PDF)", width="content")
            if s.date is not None and s.due != "overdue":
                st.page_link(calendar.google_calendar_url(calendar.step_title(s.step_kind, s.company), s.date, s.why),
                             label="Google Calendar", icon="📅")


def _done_on(ctx: Ctx, s, key: str) -> None:
    st.date_input("Done on", value=ctx.today, max_value=ctx.today, key=f"tl_done_on_{key}", format=input_format())
    st.button("✅ Log it as done", key=f"tl_done_on_btn_{key}", on_click=keep_style(done), args=(ctx, s, f"tl_done_on_{key}"))


def whats_next(ctx: Ctx, steps: list) -> None:
    st.header("👉 What's next")
    if not ctx.log:
        st.info("Nothing logged yet. **Add your first application below** (with the interview date if "
                "you had one) and your next step appears here.")
    elif not steps:
        st.success("Nothing to chase right now: no active application is waiting on a step from you.")
    for s in steps[:SHOW_FIRST]:
        _step_card(ctx, s)
    if len(steps) <= SHOW_FIRST:
        return
    rest = steps[SHOW_FIRST:]
    by_id = ctx.by_id
    more = st.expander(f"{len(rest)} more next step(s), less urgent", key="tl_more_steps", on_change="rerun")
    if more.open is False:  # lazy: its table and picker run only while it is open
        return
    with more:
        st.dataframe([{"When": f"{DUE_BADGE[s.due]}{when(s, ctx.today)}", "Step": s.label,
                       "Application": app_label(by_id[s.application_id])} for s in rest[:100]],
                     hide_index=True, width="stretch", key="tl_more_table")
        if len(rest) > 100:
            st.caption(f"…and {len(rest) - 100} more: filter the timeline below, or mark the urgent ones done first.")
        by_pos = dict(enumerate(rest[:100]))
        pick = st.selectbox("Log one of these as done", list(by_pos), key="tl_more_pick",
                            format_func=lambda i: f"{by_pos[i].label} — {app_label(by_id[by_pos[i].application_id])}")
        m1, m2 = st.columns(2, vertical_alignment="bottom")
        m1.date_input("Done on", value=ctx.today, max_value=ctx.today, key="tl_more_on", format=input_format())
        m2.button("✅ Log as done", key="tl_more_done", disabled=by_pos[pick].step_kind == "log_interview",
                  on_click=keep_style(_done_picked), args=(ctx, by_pos))


def _done_picked(ctx: Ctx, by_pos: dict) -> None:
    chosen = by_pos.get(st.session_state.get("tl_more_pick"))
    if chosen is not None and chosen.step_kind != "log_interview":
        done(ctx, chosen, "tl_more_on")
