"""The timeline's "Activity report" tab: every application and contact made in a date range, the
record benefit offices ask for, as a table, a CSV and a printable PDF (followup.log.activity)."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from followup.dates import fmt_date, input_format, keep_style
from followup.log import activity

from pages.log.ui_common import Ctx

DEFAULT_DAYS = 7  # a week, as most weekly benefit claims ask


def activity_report(ctx: Ctx) -> None:
    st.caption("Every application and contact you made in the dates you choose: the date, the employer, "
               "the person you contacted, how, the position and the outcome. Unemployment-benefit offices "
               "ask claimants to keep such a record (for example US states' work-search logs, or proof of "
               "applications in Germany). Steps you only planned are not listed.")
    c1, c2 = st.columns(2)
    start = c1.date_input("From", value=ctx.today - dt.timedelta(days=DEFAULT_DAYS - 1), key="tl_act_from",
                          format=input_format())
    end = c2.date_input("To", value=ctx.today, key="tl_act_to", format=input_format())
    if start > end:
        start, end = end, start
    if (end - start).days > activity.MAX_RANGE_DAYS:
        st.warning("⚠️ Pick at most three years at a time.")
        return
    found = activity.rows(ctx.log, start, end)
    st.markdown(f"**{fmt_date(start)} to {fmt_date(end)}:** {activity.summary(found)}")
    if found:
        st.dataframe(activity.table(found), hide_index=True, width="stretch", key="tl_act_table")
    else:
        st.info("Nothing done in these dates yet. Log applications, interviews, calls and notes as done, "
                "and they appear here.")
    name = st.text_input("Your name, to print on the record (optional)", key="tl_act_name", max_chars=100)
    d1, d2 = st.columns(2)
    stem = f"job-search-activity-{start:%Y%m%d}-{end:%Y%m%d}"
    d1.download_button("⬇️ Spreadsheet (CSV)", keep_style(lambda: activity.to_csv(found)), f"{stem}.csv", "text/csv",
                       key="tl_act_csv", on_click="ignore", width="stretch")
    d2.download_button("🖨️ Printable record (PDF)", keep_style(lambda: activity.to_pdf(
                           found, start, end, name=name.strip(), made_on=ctx.today)),
                       f"{stem}.pdf", "application/pdf", key="tl_act_pdf", on_click="ignore", width="stretch")
    st.caption("The PDF is an A4 page (landscape) with a line to sign. The CSV opens in a spreadsheet; cells "
               "that would run as formulas get a leading '.")
