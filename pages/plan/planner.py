"""The wait-time planner: interview date + what they said -> dated, explained steps.

Thin page: widgets, one call into ``followup.timing.plan``, rendering (the plan's parts in
``ui_plan`` beside this file). The inputs live in the
URL (written with st.query_params as codes, read back on a fresh visit), so a link reproduces
the plan. What the user typed is never rendered as Markdown or HTML by this page.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from followup import markdown as md
from followup.clock import user_today
from followup.dates import input_format, keep_style
from followup.plan import timing
from followup.plan.calendar import plan_to_ics
from followup.plan.plan_link import MAX_INTERVIEW, MAX_SAID, MIN_INTERVIEW, PlanInputs, country_from_locale, relative_day

from pages.plan import ui_details, ui_plan, ui_reading

today, tz_notice = user_today(st.context.timezone)


def init_from_url() -> list[str]:
    """On a fresh visit, fill the widgets from the URL; return the names of values ignored."""
    inputs, ignored = PlanInputs.from_params(st.query_params, today, country_from_locale(st.context.locale))
    st.session_state.update(interview=inputs.interview, said=inputs.said, industry=inputs.industry,
                            country=inputs.country, region=inputs.region, agency=inputs.agency)
    ui_reading.set_decision(inputs.decision)
    return ignored


def use_example(interview: dt.date, said: str) -> None:
    st.session_state.update(interview=interview, said=said)
    ui_reading.clear_decision()


# --- page ------------------------------------------------------------------------------------
st.title("📅 Wait-time planner")
st.markdown("When should you send your thank-you, follow up, and stop waiting? Enter your interview date "
            "and what they told you about timing: you get dates on your own calendar, each explained with "
            "the advice it rests on.")
if tz_notice:
    st.info(f"🕒 {tz_notice}")

if "interview" not in st.session_state:
    ignored = init_from_url()
    if ignored:
        st.warning("⚠️ This link had values the planner could not use, so defaults are shown for: "
                   + ", ".join(ignored) + ".")

st.caption("Try an example from the article's readers:")
ex = st.columns(3)
ex[0].button("✉️ The letter: “a while due to the holidays”", key="ex_letter", width="stretch",
             on_click=keep_style(use_example), args=(dt.date(today.year, 12, 10), "it would be a while due to the holidays"),
             help="The reader who wrote in was told this after her interview; the example uses 10 December.")
ex[1].button("⏳ Craig: “2-3 weeks”", key="ex_craig", width="stretch",
             on_click=keep_style(use_example), args=(today - dt.timedelta(days=21), "2-3 weeks"),
             help="Comment 11: Craig interviewed 3 weeks ago and was told 2-3 weeks.")
ex[2].button("📆 Sam: “by Feb end”", key="ex_sam", width="stretch",
             on_click=keep_style(use_example), args=(dt.date(2013, 1, 22), "by Feb end"),
             help="Comment 10: Sam was interviewed on 22 Jan 2013 and told they would decide by Feb end.")

with st.container(border=True, key="inputs"):
    c1, c2 = st.columns([1, 2])
    interview = c1.date_input("Interview date", value=None, key="interview", min_value=MIN_INTERVIEW,
                              max_value=MAX_INTERVIEW, format=input_format(),
                              on_change=keep_style(ui_reading.clear_decision))
    said = c2.text_input("What did they tell you about timing?", key="said", max_chars=MAX_SAID,
                         on_change=keep_style(ui_reading.clear_decision),
                         placeholder="e.g. 2-3 weeks · by Friday · by March 3 · after the holidays",
                         help="Examples: " + " · ".join(timing.EXAMPLES) + ". Leave empty if they said nothing.")
    industry, country, region, agency, company = ui_details.details()

if interview is None:
    st.warning("📅 Pick your interview date; until then the plan starts today.")
    interview = today

decision = ui_reading.decision(interview)  # "Not what they said?": a picked date, "none" or None
inputs = PlanInputs(interview, said or "", industry, country, region, agency, decision)
st.query_params.from_dict(inputs.to_params())

p = timing.plan(interview, said or "", industry=industry, country=country, subdivision=region or None,
                via_agency=agency, today=today, decision=decision)

# --- the plan -------------------------------------------------------------------------------
st.header("Your plan")
ui_reading.reading(p, interview, chosen=decision is not None)
for note in p.notes:
    st.info(f"ℹ️ {md.escape(note)}")

nxt = next((s for s in p.steps if s.status in ("today", "upcoming")), None)
with st.container(key="next_step"):
    if nxt is not None and nxt.date < today:  # its window is still open: it is today's, not "3 days ago"
        st.success(f"👉 **Next: {md.escape(nxt.title)}** **today**"
                   + (f" (its window closes {timing.fmt(nxt.latest)})." if nxt.latest and nxt.latest > today else "."))
    elif nxt is not None:
        st.success(f"👉 **Next: {md.escape(nxt.title)}** on **{timing.fmt(nxt.date)}** ({relative_day(nxt.date, today)}).")
    elif p.waiting:  # no follow-up dates yet: the plan waits for their date, it has not run out
        st.info("👉 **Next: answer the question above.** Pick the date they said they would decide by, or tick "
                "“They gave no date”; the plan then gives your follow-up dates.")
    else:
        st.success("👉 Every step of this plan is in the past. If you have heard nothing, it is time to move on, "
                   "and to keep the door open.")

d1, d2 = st.columns([1, 2], vertical_alignment="center")
d1.download_button("📆 Add to calendar (.ics)", data=keep_style(lambda: plan_to_ics(p, company=company)),  # built on click
                   file_name=f"follow-up-plan-{interview}.ics",
                   mime="text/calendar", key="ics", on_click="ignore", type="primary",
                   help="All steps as all-day events named with the company, a 9:00 reminder on each step to come; "
                   "for Google Calendar, Outlook or Apple Calendar. Importing it again updates the same events.")
d2.caption("🔗 To keep or share this plan, copy the page address: it holds your inputs, including what you typed.")
ui_plan.print_button(d1, p, inputs, company or "")

ui_plan.add_to_timeline(p)

st.vega_lite_chart(ui_plan.plan_chart(p, today), width="stretch", key="plan_chart")

ui_plan.steps(p, today, region, company)
ui_plan.sources(industry)
