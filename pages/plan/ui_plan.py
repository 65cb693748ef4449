"""The planner's output parts: the plan's steps, the chart, "Add this plan to my timeline", the
sources. Page-local UI code (it uses Streamlit); the rules are in ``followup.plan``."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from followup import dates
from followup import markdown as md
from followup import charts, printing, tracker, workspace
from followup.advice.content import article
from followup.plan import calendar, status, timing
from followup.plan.plan_link import PlanInputs, app_root, planner_link, relative_day
from followup.dates import keep_style

KIND_ICON = {"thank_you": "✉️", "holiday_card": "🎄", "follow_up": "📨", "final_follow_up": "📨", "move_on": "🚪"}
STATUS_TEXT = status.PLANNER_LABELS  # the timeline's status function and names (followup.plan.status)
BASIS_TEXT = {"article": "📖 the article's experts", "reader": "💬 a reader's comment",
              "article+ours": "📖 the article's experts + 🧭 our rule", "reader+ours": "💬 a reader's comment + 🧭 our rule",
              "ours": "🧭 our rule"}


def plan_chart(p, today: dt.date) -> dict:
    """The chart for ``st.vega_lite_chart``: the spec Altair built once in this process, with this
    plan's rows (so a changed input costs no Altair work, and the browser only swaps the data)."""
    data = charts.plan_chart_data(p, today)
    return charts.with_data(charts.plan_chart_spec(charts.plan_axis(data)), charts.as_arrow(data))


def print_button(where, p, inputs: PlanInputs, company: str = "") -> None:
    """"Print this plan": a one-page PDF with a QR code of this plan's link, built only on click."""
    sheet = printing.PlanSheet(planner_link(app_root(st.context.url), inputs), details=(("Company", company),))
    where.download_button("🖨️ Print this plan (PDF)", data=keep_style(lambda: printing.plan_pdf(p, sheet)), key="plan_pdf",
                          file_name=f"follow-up-plan-{inputs.interview}.pdf", mime="application/pdf",
                          on_click="ignore",
                          help="One A4 page: the dates, what to send, why, the passages, a QR code of this plan's link.")


def passage_links(refs) -> str:
    art = article()
    links = []
    for ref in refs:
        p = art.get(ref)
        if p:
            links.append(f"[{md.escape(p.label)} · {md.escape(p.speaker.display_name)}](/?ref={ref})")
    return " · ".join(links)


def add_to_timeline(p) -> None:
    """The expander that stores this plan as an application with planned steps."""
    if st.session_state.get("company") and not st.session_state.get("tl_company"):
        st.session_state["tl_company"] = st.session_state["company"]  # the company typed above
    box = st.expander("🗂️ Add this plan to my timeline", expanded=bool(st.session_state.get("tl_added")),
                      key="plan_add", on_change="rerun")
    if box.open is False:  # lazy: its form runs only while it is open
        return
    with box:
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
                st.session_state["wr_plan_app"] = app_id  # the writer's "✍️ Write it" links open this application
                if notice := workspace.storage_notice():
                    st.info(f"💾 {md.escape(notice)}")
                st.success("✅ " + ("Its steps were added to your application there." if existed
                                   else "Added: the application, its interview and these steps, as planned."))
                if ws.mode == "key":  # a shared server: the private link is the only way back to this log
                    timeline_url = (st.context.url or "").split("?", 1)[0].rsplit("/", 1)[0] + "/timeline"
                    st.markdown("🔑 **Bookmark your private link**: it is the only way back to your timeline, "
                                "and anyone with it can see it.")
                    st.code(f"{timeline_url}?key={ws.key}", language=None, wrap_lines=True)
                st.page_link("pages/log/timeline.py", label="Open my follow-up timeline", icon="🗂️",
                             query_params={"key": ws.key} if ws.mode == "key" else None)


def steps(p, today: dt.date, region: str, company: str = "") -> None:
    """Each step as a card: when and its status, what, why, the passages it rests on, its links; then the
    holidays skipped. Few elements per card (one text block with the calendar link, the writer's link):
    on every rerun the browser redraws each element, and the cards were half of the page's."""
    plan_app = st.session_state.get("wr_plan_app")
    for i, s in enumerate(p.steps):
        with st.container(border=True, key=f"step_{i}"):
            when = relative_day(s.date, today)
            if s.latest and s.latest > s.date:
                when += f"; window until {timing.fmt(s.latest)}"
            src = BASIS_TEXT.get(s.basis, "")
            if s.source:
                src += f" ({md.escape(s.source)})"
            # One Markdown block: the step, then in small type what it rests on and the calendar link (an
            # external address: a Markdown link opens it in a new tab as a page link did)
            st.markdown(f"**{dates.fmt_long(s.date)}** ({when}) · {STATUS_TEXT.get(s.status, '')}  \n"
                        f"{KIND_ICON.get(s.kind, '•')} **{md.escape(s.title)}**  \n{md.escape(s.why)}\n\n"
                        f":small[Rests on: {passage_links(s.refs)}  \nBasis: {src}  \n"
                        f"[📅 Add to Google Calendar]({calendar.step_google_url(p, s, company)})]")
            if s.kind != "move_on":  # the note writer, this kind (and the application, once added) chosen
                st.page_link("pages/write/writer.py", label="✍️ Write it", query_params={
                    "kind": s.kind, **({"app": str(plan_app)} if plan_app else {})})
    if p.holidays_in_plan:
        days = ", ".join(f"{timing.fmt(d)} ({n})" for d, n in p.holidays_in_plan[:12])
        st.caption(md.escape(f"Public holidays skipped ({p.country_name}{', ' + region if region else ''}): {days}."))


def sources(industry: str) -> None:
    """The evidence and every rule, in an expander whose content runs only while it is open (most
    visitors never open it, and its long text was redrawn on every change of the plan)."""
    box = st.expander("📚 How the dates are worked out, and the sources", key="plan_sources", on_change="rerun")
    if box.open is False:
        return
    with box:
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
