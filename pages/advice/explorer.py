import streamlit as st

st.title("🔎 Advice explorer")
st.info("Coming soon.")
