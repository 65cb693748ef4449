"""Altair charts. User text enters a chart only as data (never in expr, filter or calculate);
Altair tooltips escape HTML."""
from __future__ import annotations

import altair as alt  # noqa: F401  (used by the chart builders below)
