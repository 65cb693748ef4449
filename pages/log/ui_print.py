"""The timeline's "Print this plan": an application's plan as a one-page PDF, built only on click.
Page-local UI code; the sheet is made by ``followup.log.print_plan``."""
from __future__ import annotations

import streamlit as st

from followup.log import print_plan
from followup.plan.plan_link import app_root
from followup.dates import keep_style

from pages.log.ui_common import Ctx


def print_button(where, ctx: Ctx, app_id: int, key: str, label: str = "🖨️ Print this plan (PDF)",
                 width: str = "stretch") -> None:
    """A download button for the application's plan; a caption instead when it has no interview yet."""
    app = ctx.by_id[app_id]
    interview = print_plan.interview_date(app, ctx.today)
    if interview is None:
        where.caption("🖨️ A printable plan comes once its interview is logged.")
        return
    root = app_root(st.context.url)
    where.download_button(label, key=key, on_click="ignore", width=width,
                          data=keep_style(lambda: print_plan.application_pdf(app, ctx.today, root)),
                          file_name=f"follow-up-plan-{interview}.pdf", mime="application/pdf",
                          help="Print this plan (PDF): one A4 page with the dates, what to send, why, the "
                               "passages, and a QR code of the planner link for this interview.")
