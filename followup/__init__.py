"""Interview Follow-Up Coach engine: plain Python, no Streamlit.

One module per concept: content, search, timing, calendar, tracker, exports, charts.
"""
