"""Interview Follow-Up Coach: the frame and router.

Page scripts live one level down (pages/<section>/<page>.py) so that a first-visit
deep link on a fresh server runs this file, not Streamlit's legacy auto-discovery.
"""
from pathlib import Path

import streamlit as st

from followup import startup

ROOT = Path(__file__).resolve().parent

startup.load_and_freeze()  # once per process: keeps Streamlit's after-run garbage collection cheap

st.set_page_config(page_title="Interview Follow-Up Coach", page_icon="📬", layout="wide")

PAGES = [
    st.Page(ROOT / "pages" / "advice" / "explorer.py", title="Advice explorer", icon="🔎", default=True),
    st.Page(ROOT / "pages" / "plan" / "planner.py", title="Wait-time planner", icon="📅", url_path="planner"),
    st.Page(ROOT / "pages" / "write" / "writer.py", title="Write a note", icon="✍️", url_path="write"),
    st.Page(ROOT / "pages" / "log" / "timeline.py", title="Follow-up timeline", icon="🗂️", url_path="timeline"),
    st.Page(ROOT / "pages" / "workshop" / "workshop.py", title="Workshop", icon="🎓", url_path="workshop"),
]

navigation = st.navigation(PAGES)
with st.sidebar:
    st.caption(
        "Advice from one article, *How To: Follow Up After a Job Interview*, and its 22 reader "
        "comments. Your own entries stay private: this app sends nothing to any other site."
    )
navigation.run()
