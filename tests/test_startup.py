"""The process-wide warm-up: the long-lived heap is frozen once, so Streamlit's full garbage
collection after every rerun does not walk it (speed itself is measured in scripts/benchmark.py)."""
import gc

from followup import startup
from followup.plan import timing


def test_the_long_lived_heap_is_frozen_once_per_process():
    startup.load_and_freeze()
    assert startup.load_and_freeze() is False, "the second call does nothing"
    assert gc.get_freeze_count() > 50_000, "the imported libraries and loaded content are frozen"
    # A module-level table loaded at import is in the frozen generation, not walked by gc.collect().
    assert not any(o is timing.COUNTRIES for o in gc.get_objects())


def test_the_search_meaning_model_is_loaded_at_startup():
    from followup.advice import scope, semantic

    startup.load_and_freeze()
    assert semantic.load_count() == 1 and scope._SCOPE is not None


def test_the_writer_and_workshop_are_frozen_too():
    """A workshop room's screens poll with a fragment rerun every 2 s; each rerun ends with a full
    garbage collection, so what the workshop and the note writer load must not be walked by it."""
    from followup.workshop import exercises
    from followup.write import drafts, spelling
    from followup.write.rules import rules

    startup.load_and_freeze()
    loaded = (exercises.exercises(), rules(), drafts.phrases(), spelling._checker())
    tracked = {id(o) for o in gc.get_objects()}
    assert not [o for o in loaded if id(o) in tracked]


def test_the_servers_start_up_hook_warms_up_before_any_visitor():
    """app.py's lifespan (run once when the server starts, before any session) loads and freezes the
    engine, the pages' parts and the charts' specs, so the first visitor does not wait for them.
    In a fresh interpreter: importing app.py as a module makes the server's st.App."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import asyncio, sys\n"
        "import app\n"
        "from followup import charts, startup\n"
        "assert not startup._frozen and 'pages.log.ui_chart' not in sys.modules\n"
        "async def start():\n"
        "    async with app.lifespan(None):\n"
        "        pass\n"
        "asyncio.run(start())\n"
        "assert startup._frozen, 'frozen at start-up'\n"
        "assert 'pages.log.ui_chart' in sys.modules and 'pages.plan.ui_plan' in sys.modules\n"
        "assert charts._plan_chart_spec.cache_info().currsize == 2, 'both date styles'\n"
        "assert startup.load_and_freeze() is False, 'the first page run finds it done'\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-2000:]


def test_the_server_skips_streamlits_full_collection_after_each_run(monkeypatch):
    """.streamlit/config.toml turns off Streamlit's gc.collect(2) after every run (a workshop room's
    40 polling screens spent most of the server's CPU in it); Python's own collector stays on. A
    misspelt key would be ignored by Streamlit (the option then stays on), so read it back through
    Streamlit's own config loader, from the folder the server starts in."""
    from pathlib import Path

    from streamlit import config

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("runner.postScriptGC") is False
        assert config.get_where_defined("runner.postScriptGC").endswith("config.toml")
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
    assert gc.isenabled(), "the generational collector still runs"
