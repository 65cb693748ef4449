import streamlit as st

st.title("📅 Wait-time planner")
st.info("Coming soon: this page is not built yet. It will turn your interview date and what the "
        "employer said about timing into dates for your thank-you, follow-ups and moving on.")
