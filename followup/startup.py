"""Once per server process: load what every page needs, then take it out of garbage collection.

Streamlit runs a full garbage collection (``gc.collect(2)``) after every script run, also after a
fragment rerun. With pandas, Altair, SQLAlchemy, holidays and the search index loaded, that pass
walks about 165,000 long-lived objects: tens of milliseconds per click, spent after the page has
drawn but holding the interpreter lock while the last messages wait to be sent. ``gc.freeze()``
moves the objects that live as long as the process into a generation the collector skips.
Objects made later (sessions, pages, query results) are still collected as before.

The server calls ``warm_up`` from its start-up hook, so this happens before the first visitor
arrives (the first page run then finds it done); a script run calls ``load_and_freeze`` too, which
does nothing after the first time (AppTest and servers without the hook do the work there).
"""
from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def warm_up(before_freeze=None) -> bool:
    """For the server's start-up hook (``app.py``'s lifespan, before the first visitor): run
    ``before_freeze`` (the caller's own imports, e.g. the pages' parts, which use Streamlit and so
    cannot be named here), then ``load_and_freeze``. Returns whether this call did the work."""
    if _frozen:
        return False
    if before_freeze is not None:
        before_freeze()
    return load_and_freeze()


def load_and_freeze() -> bool:
    """Import the engine, load the article, the search index, the search's meaning model and scope
    data and the timing rules, then freeze the heap. Only the first call in a process does anything; returns whether this call did it."""
    global _frozen
    if _frozen:
        return False
    with _lock:
        if _frozen:
            return False
        # Every module a page imports, so no page brings a large set of objects in after the freeze.
        from followup import charts, clock, dates, markdown, tracker, workspace  # noqa: F401
        from followup.advice import content, search
        from followup.log import exports, imports  # noqa: F401
        from followup.plan import calendar, plan_link, timing  # noqa: F401

        content.article()
        search.search("follow up")
        search.covers("follow up")  # loads the meaning model (WordLlama vectors) and the scope data
        timing.rules()
        timing.plan(clock.user_today("UTC")[0])  # the planner's first view: this year's US calendar
        # The note writer and the workshop (about 33,000 objects: fpdf2 and Pillow, segno, the spelling
        # dictionary, the rules and cases): without them here, every run of every page walked them, and
        # a workshop room's screens poll with a fragment rerun every 2 s (see scripts/workshop_load.py).
        from followup import notes, printing, qr  # noqa: F401
        from followup.log import print_plan  # noqa: F401
        from followup.workshop import codes, counts, exercises, guard, handout, notecheck, people, rooms  # noqa: F401
        from followup.write import drafts, form, send, spelling, store  # noqa: F401
        from followup.write.rules import rules as note_rules

        note_rules()
        drafts.phrases()
        spelling.warm()
        exercises.exercises()
        notes.check("Thank you for your time.", kind="thank_you")
        # The charts' specs (Altair builds each once per process; a rerun only feeds rows), and what
        # a chart's or a table's first rows need (pyarrow, pandas), so no visitor pays for them.
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401

        from followup.log import snapshot  # noqa: F401

        for style in (dates.DAY_FIRST, dates.MONTH_FIRST):
            charts.plan_chart_spec(dates.axis_format(style))
            charts.timeline_chart_spec(tuple(charts.TIMELINE_KIND_ORDER), dates.axis_format(style))
        gc.collect()  # garbage is freed first, not frozen
        gc.freeze()
        _frozen = True
        return True
