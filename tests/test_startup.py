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
