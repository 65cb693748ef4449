"""Search the article in plain words: the public entry point (``followup.search`` is this module).

* :func:`search` ranks the article's passages for a question (:mod:`followup.advice.ranking`:
  BM25 over stemmed words, synonyms and typo correction, blended with the meaning of the
  question from a small offline embedding, :mod:`followup.advice.semantic`);
* :func:`covers` says whether the article answers the question at all
  (:mod:`followup.advice.scope`): False -> "The article does not cover ..." before the nearest
  passages, shown as "closest, but not an answer";
* :func:`highlight_spans` marks the words of a passage that match a question.

This module does not import Streamlit.
"""
from __future__ import annotations

# Every public name of the engine, as before it was split into these modules, and a few private
# ones that tests inspect.
from followup.advice.analysis import *  # noqa: F401,F403
from followup.advice.analysis import _analyse, _split_query  # noqa: F401
from followup.advice.indexing import *  # noqa: F401,F403
from followup.advice.lexicon import *  # noqa: F401,F403
from followup.advice.ranking import *  # noqa: F401,F403
from followup.advice.ranking import _blend, _group_scores, _score  # noqa: F401
from followup.advice.scope import Decision, asks_when, covers, decide  # noqa: F401
