"""Dates as the visitor reads them, from the browser's locale (``st.context.locale``): one formatter
and one country default for every page.

- :func:`country_from_locale`: the country every form starts on (the planner, the timeline's add
  form, the writer), ``en-GB`` -> GB; a locale without a region, or a country the planner does not
  know, gives US.
- :func:`input_format`: the date boxes type and show dates in the same order (``24/10/2026`` or
  ``10/24/2026``).
- :func:`fmt_date`: ``Fri 24 Oct 2026`` (day first) or, for a locale whose region writes the month
  first (``en-US``), ``Fri, Oct 24, 2026``. Month names are spelled, so neither form is ambiguous.
  A locale that is missing or unknown gets day first (the engine's texts were written so).
- The style of the current script run is a context variable: the app's frame sets it once per run
  from the browser's locale (:func:`use_locale`), and engine texts (a plan's why, the reading of
  what they said) format dates through :func:`fmt_date` without each call passing it. Caches of
  engine results that contain dates key on :func:`current_style`.
No Streamlit here.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import functools

DAY_FIRST = "day_first"
MONTH_FIRST = "month_first"
STYLES = (DAY_FIRST, MONTH_FIRST)
# Regions whose custom is month before day (Unicode CLDR's medium date pattern "MMM d, y" for
# English in these regions).
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "AS", "GU", "MP", "PR", "UM", "VI", "MH", "FM", "PW"})
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_style: contextvars.ContextVar[str] = contextvars.ContextVar("followup_date_style", default=DAY_FIRST)


def _region(locale: object) -> str:
    text = locale.replace("_", "-").strip() if isinstance(locale, str) and len(locale) < 50 else ""
    parts = []
    for p in text.split("-"):
        if len(p) == 1:  # a singleton ("u", "x") starts extensions: no region after it
            break
        parts.append(p)
    # "en-US", "zh-Hant-TW", "sr-Latn-RS": the region is the last two-letter (or 3-digit) part
    for part in reversed(parts[1:]):
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return ""


def country_from_locale(locale: object) -> str:
    """The country of a browser locale like ``sv-SE`` or ``en_GB`` when the planner knows it, else US."""
    from followup.plan.business_days import COUNTRIES

    region = _region(locale)
    return region if region in COUNTRIES else "US"


def style_for(locale: object) -> str:
    """``month_first`` for a locale whose region writes the month first (en-US), else ``day_first``."""
    return MONTH_FIRST if _region(locale) in MONTH_FIRST_REGIONS else DAY_FIRST


def use_locale(locale: object) -> str:
    """Set the date style of this script run (this thread's context) from a browser locale."""
    style = style_for(locale)
    _style.set(style)
    return style


def use_style(style: str) -> None:
    """Set this run's date style directly (a cached computation keyed on it)."""
    _style.set(style if style in STYLES else DAY_FIRST)


def current_style() -> str:
    return _style.get()


def keep_style(fn):
    """``fn``, to be called later (a widget's callback, a download's data made on click), in the date
    style of the run that wraps it. Streamlit runs callbacks before the page's next run has set its
    style (``use_locale`` in app.py), and a download's data in a thread of its own: unwrapped, both
    wrote dates day first for every visitor."""
    style = current_style()

    @functools.wraps(fn)
    def in_style(*args, **kwargs):
        token = _style.set(style)
        try:
            return fn(*args, **kwargs)
        finally:
            _style.reset(token)

    return in_style


def fmt_date(d: dt.date, style: str | None = None) -> str:
    """``Fri 24 Oct 2026`` (day first) or ``Fri, Oct 24, 2026`` (month first); ``style`` defaults to
    the current run's style."""
    style = style or _style.get()
    wd, mon = WEEKDAY_ABBR[d.weekday()], MONTH_ABBR[d.month - 1]
    if style == MONTH_FIRST:
        return f"{wd}, {mon} {d.day}, {d.year}"
    return f"{wd} {d.day} {mon} {d.year}"


def fmt_short(d: dt.date, style: str | None = None) -> str:
    """The same without the year, for a date in a known year: ``Fri 24 Oct`` / ``Fri, Oct 24``."""
    style = style or _style.get()
    wd, mon = WEEKDAY_ABBR[d.weekday()], MONTH_ABBR[d.month - 1]
    return f"{wd}, {mon} {d.day}" if style == MONTH_FIRST else f"{wd} {d.day} {mon}"


def fmt_long(d: dt.date, *, year: bool = True, style: str | None = None) -> str:
    """In running text (a note's "on Friday 24 October"): ``Friday 24 October 2026`` or
    ``Friday, October 24, 2026``."""
    style = style or _style.get()
    wd, mon = WEEKDAY_NAMES[d.weekday()], MONTH_NAMES[d.month - 1]  # the app is in English
    if style == MONTH_FIRST:
        return f"{wd}, {mon} {d.day}" + (f", {d.year}" if year else "")
    return f"{wd} {d.day} {mon}" + (f" {d.year}" if year else "")


def input_format(style: str | None = None) -> str:
    """The date boxes' format (a Streamlit ``date_input`` format), in the same order as the dates
    shown: ``DD/MM/YYYY`` (day first) or ``MM/DD/YYYY`` (month first), so a typed date reads the way
    the page writes dates."""
    return "MM/DD/YYYY" if (style or _style.get()) == MONTH_FIRST else "DD/MM/YYYY"


def axis_format(style: str | None = None, long_span: bool = False) -> str:
    """A chart's date-axis labels (d3 time format): ``24 Oct`` or ``Oct 24``; for a chart spanning
    about a year or more, ``Oct 2026`` (a day and month alone would repeat ``Jan 01`` once a year)."""
    if long_span:
        return "%b %Y"
    return "%b %d" if (style or _style.get()) == MONTH_FIRST else "%d %b"
