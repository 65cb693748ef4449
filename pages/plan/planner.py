"""The wait-time planner: interview date + what they said -> dated, explained steps.

Thin page: widgets, one call into ``followup.timing.plan``, rendering. The inputs live in the
URL (written with st.query_params as codes, read back on a fresh visit), so a link reproduces
the plan. What the user typed is never rendered as Markdown or HTML by this page.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from followup import markdown as md
from followup import tracker, workspace
from followup.plan import timing
from followup.plan.calendar import plan_to_ics
from followup.charts import plan_chart
from followup.clock import user_today
from followup.advice.content import article
from followup.plan.plan_link import MAX_INTERVIEW, MAX_SAID, MIN_INTERVIEW, PlanInputs, country_from_locale, relative_day

KIND_ICON = {"thank_you": "✉️", "holiday_card": "🎄", "follow_up": "📨", "final_follow_up": "📨", "move_on": "🚪"}
STATUS_TEXT = {"done_or_missed": "✔️ past: done or missed?", "today": "👉 today", "upcoming": "🗓️ coming up"}
BASIS_TEXT = {"article": "📖 the article's experts", "reader": "💬 a reader's comment",
              "article+ours": "📖 the article's experts + 🧭 our rule", "reader+ours": "💬 a reader's comment + 🧭 our rule",
              "ours": "🧭 our rule"}

today, tz_notice = user_today(st.context.timezone)
COUNTRIES = timing.COUNTRIES
INDUSTRIES = timing.INDUSTRIES


@st.cache_data(max_entries=256, show_spinner=False)
def plan_chart_spec(interview: dt.date, said: str, industry: str, country: str, region: str | None,
                    agency: bool, today: dt.date) -> dict:
    """The chart's Vega-Lite spec. Building it with Altair costs more than the rest of the page, so it
    is cached; the key is every input the chart depends on, so a visitor only ever gets the chart of
    the inputs they gave."""
    p = timing.plan(interview, said, industry=industry, country=country, subdivision=region,
                    via_agency=agency, today=today)
    return plan_chart(p, today).to_dict()


def init_from_url() -> list[str]:
    """On a fresh visit, fill the widgets from the URL; return the names of values ignored."""
    inputs, ignored = PlanInputs.from_params(st.query_params, today, country_from_locale(st.context.locale))
    st.session_state.update(interview=inputs.interview, said=inputs.said, industry=inputs.industry,
                            country=inputs.country, region=inputs.region, agency=inputs.agency)
    return ignored


def use_example(interview: dt.date, said: str) -> None:
    st.session_state.update(interview=interview, said=said)


def clear_region() -> None:
    st.session_state["region"] = ""


def passage_links(refs) -> str:
    art = article()
    links = []
    for ref in refs:
        p = art.get(ref)
        if p:
            links.append(f"[{md.escape(p.label)} · {md.escape(p.speaker.display_name)}](/?ref={ref})")
    return " · ".join(links)


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
             on_click=use_example, args=(dt.date(today.year, 12, 10), "it would be a while due to the holidays"),
             help="The reader who wrote in was told this after her interview; the example uses 10 December.")
ex[1].button("⏳ Craig: “2-3 weeks”", key="ex_craig", width="stretch",
             on_click=use_example, args=(today - dt.timedelta(days=21), "2-3 weeks"),
             help="Comment 11: Craig interviewed 3 weeks ago and was told 2-3 weeks.")
ex[2].button("📆 Sam: “by Feb end”", key="ex_sam", width="stretch",
             on_click=use_example, args=(dt.date(2013, 1, 22), "by Feb end"),
             help="Comment 10: Sam was interviewed on 22 Jan 2013 and told they would decide by Feb end.")

with st.container(border=True, key="inputs"):
    c1, c2 = st.columns([1, 2])
    interview = c1.date_input("Interview date", value=None, key="interview", min_value=MIN_INTERVIEW,
                              max_value=MAX_INTERVIEW, format="YYYY-MM-DD")
    said = c2.text_input("What did they tell you about timing?", key="said", max_chars=MAX_SAID,
                         placeholder="e.g. 2-3 weeks · by Friday · by March 3 · after the holidays",
                         help="Examples: " + " · ".join(timing.EXAMPLES) + ". Leave empty if they said nothing.")
    c3, c4, c5 = st.columns(3)
    industry = c3.selectbox("Industry", list(INDUSTRIES), key="industry", format_func=INDUSTRIES.get)
    country = c4.selectbox("Country (for public holidays)", list(COUNTRIES), key="country",
                           format_func=lambda c: f"{COUNTRIES[c]} ({c})", on_change=clear_region)
    regions = timing.subdivisions(country)
    region = ""
    if regions:
        region = c5.selectbox("Region (optional)", [""] + list(regions), key="region",
                              help="Regional holidays count only if you pick your region.",
                              format_func=lambda r: "Whole country" if not r else f"{regions[r]} ({r})"
                              if regions[r] != r else r)
    agency = st.checkbox("I applied through an agency or recruiter", key="agency")

if interview is None:
    st.warning("📅 Pick your interview date; until then the plan starts today.")
    interview = today

st.query_params.from_dict(PlanInputs(interview, said or "", industry, country, region, agency).to_params())

p = timing.plan(interview, said or "", industry=industry, country=country, subdivision=region or None,
                via_agency=agency, today=today)

# --- the plan -------------------------------------------------------------------------------
st.subheader("Your plan")
with st.container(key="understood"):
    st.info(f"🗣️ {md.escape(p.understood)}")
for note in p.notes:
    st.info(f"ℹ️ {md.escape(note)}")

nxt = next((s for s in p.steps if s.status in ("today", "upcoming")), None)
with st.container(key="next_step"):
    if nxt is not None:
        st.success(f"👉 **Next: {md.escape(nxt.title)}** on **{timing.fmt(nxt.date)}** ({relative_day(nxt.date, today)}).")
    else:
        st.success("👉 Every step of this plan is in the past. If you have heard nothing, it is time to move on, "
                   "and to keep the door open.")

d1, d2 = st.columns([1, 2], vertical_alignment="center")
d1.download_button("📆 Add to calendar (.ics)", data=plan_to_ics(p), file_name=f"follow-up-plan-{interview}.ics",
                   mime="text/calendar", key="ics", on_click="ignore", type="primary",
                   help="All steps as all-day events with a 9:00 reminder, for Google Calendar, Outlook or Apple Calendar.")
d2.caption("🔗 To keep or share this plan, copy the page address: it holds your inputs, including what you typed.")

with st.expander("🗂️ Add this plan to my timeline", expanded=bool(st.session_state.get("tl_added"))):
    with st.form("add_to_timeline", border=False, enter_to_submit=True):
        c1, c2 = st.columns(2)
        company = c1.text_input("Company", key="tl_company", max_chars=200, placeholder="e.g. Acme Ltd")
        company_error = c1.empty()
        role = c2.text_input("Role (optional)", key="tl_role", max_chars=200, placeholder="e.g. Executive assistant")
        add = st.form_submit_button("➕ Add to my timeline", key="tl_add")
    if add:
        ws = workspace.st_workspace(st)
        try:
            app_id, existed = tracker.add_plan_to_log(
                workspace.st_engine(st), ws.owner, p, company=company, role=role)
        except tracker.ValidationError as err:
            company_error.error(" ".join(f"{field.capitalize()} {msg}." for field, msg in err.errors.items()))
        else:
            st.session_state["tl_added"] = True
            if notice := workspace.storage_notice():
                st.info(f"💾 {md.escape(notice)}")
            st.success("✅ " + ("Its steps were added to your application there." if existed
                               else "Added: the application, its interview and these steps, as planned."))
            if ws.mode == "key":  # a shared server: the private link is the only way back to this log
                timeline_url = (st.context.url or "").split("?", 1)[0].rsplit("/", 1)[0] + "/timeline"
                st.markdown("🔑 **Bookmark your private link**: it is the only way back to your timeline, "
                            "and anyone with it can see it.")
                st.code(f"{timeline_url}?key={ws.key}", language=None)
            st.page_link("pages/log/timeline.py", label="Open my follow-up timeline", icon="🗂️",
                         query_params={"key": ws.key} if ws.mode == "key" else None)

st.vega_lite_chart(plan_chart_spec(interview, said or "", industry, country, region or None, agency, today),
                  width="stretch", key="plan_chart")

for i, s in enumerate(p.steps):
    with st.container(border=True, key=f"step_{i}"):
        left, right = st.columns([1, 3])
        when = f"**{timing.WEEKDAYS[s.date.weekday()]}**  \n**{s.date.day} {s.date:%B} {s.date.year}**  \n{relative_day(s.date, today)}"
        if s.latest and s.latest > s.date:
            when += f"  \nwindow until {timing.fmt(s.latest)}"
        left.markdown(when)
        left.caption(STATUS_TEXT.get(s.status, ""))
        right.markdown(f"{KIND_ICON.get(s.kind, '•')} **{md.escape(s.title)}**")
        right.markdown(md.escape(s.why))
        src = BASIS_TEXT.get(s.basis, "")
        if s.source:
            src += f" ({md.escape(s.source)})"
        right.caption(f"Rests on: {passage_links(s.refs)}  \nBasis: {src}")

if p.holidays_in_plan:
    days = ", ".join(f"{timing.fmt(d)} ({n})" for d, n in p.holidays_in_plan[:12])
    st.caption(md.escape(f"Public holidays skipped ({p.country_name}{', ' + region if region else ''}): {days}."))

with st.expander("📚 How the dates are worked out, and the sources"):
    ind = timing.rules().industries[industry]
    st.markdown(f"**{md.escape(ind.name)}: the evidence**")
    for ev in ind.evidence:
        link = f" ([read it](/?ref={ev['ref']}))" if ev.get("ref") else ""
        source = f" — {md.escape(timing.rules().source_name(ev['source']))}" if ev.get("source") else ""
        st.markdown(f"- {md.escape(ev['text'])}{source}{link}")
    st.markdown("**Every rule and its source**")
    st.markdown("\n".join(f"- {md.escape(rule)}  \n  *Source: {md.escape(src)}*"
                          for rule, src in timing.rules().rule_table))
    st.caption("“Our rule” marks a timing the article leaves open; it follows the published figure named. "
               "Passage codes: q = an expert's answer, c = a reader's comment (number as in the article).")
