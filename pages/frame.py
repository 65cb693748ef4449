"""What every page's fragments share (Streamlit side; the engine never imports Streamlit).

``fragment`` is ``st.fragment`` whose every run first sets the visitor's date style: app.py sets it
(``followup.dates.use_locale``) on a full run only, and a fragment's own rerun does not run app.py,
so without this a projector in an en-US browser wrote "Tue, Jan 6, 2026" after a full run and
"Tue 6 Jan 2026" after each refresh of its counts. Every fragment in ``pages/`` is made with it
(tests/test_layout.py checks).
"""
from __future__ import annotations

import functools

import streamlit as st

from followup import dates


def fragment(func=None, *, run_every=None):
    """``@fragment`` or ``@fragment(run_every=2)``, as ``st.fragment``."""
    def wrap(f):
        @functools.wraps(f)
        def in_visitor_style(*args, **kwargs):
            dates.use_locale(st.context.locale)
            return f(*args, **kwargs)
        return st.fragment(in_visitor_style, run_every=run_every)
    return wrap(func) if func is not None else wrap
