"""The note writer (issue 12): check a draft against the article's advice, compose drafts,
and build the ways to send one (mailto link, .eml file). No Streamlit import here."""
