"""Workshop mode (issue 13): rooms that a facilitator runs on the article's cases.

No Streamlit import. Everything visitors share (rooms, who joined, shared answers, exit-check
answers, wrong-code counts) lives in the database through SQLAlchemy Core, so several app
processes on one PostgreSQL see the same room. Modules:

- ``exercises``: the exercises in ``content/workshop_exercises.json``, validated on load.
- ``schema``: the workshop tables, created idempotently.
- ``codes``: room codes (``K7P-2QX``) and facilitator keys.
- ``rooms``: start, find, step through and close a room.
- ``people``: join a room, private answers, share one answer with the room.
- ``counts``: counts of shared answers and exit-check totals; the CSV of counts.
- ``guard``: wrong room codes limited per session.
"""
