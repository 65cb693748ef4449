import streamlit as st

st.title("🗂️ Follow-up timeline")
st.info("Coming soon: this page is not built yet. It will keep your own log of applications and "
        "follow-ups, privately, and show what to do next.")
