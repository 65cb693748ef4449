"""followup.dates: one date format and one country default, from the browser's locale."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from followup import dates
from followup.plan import timing as T

D = dt.date(2026, 10, 23)


@pytest.mark.parametrize("locale, style, country", [
    ("en-US", dates.MONTH_FIRST, "US"), ("en-GB", dates.DAY_FIRST, "GB"), ("en_GB", dates.DAY_FIRST, "GB"),
    ("de-DE", dates.DAY_FIRST, "DE"), ("en-PH", dates.MONTH_FIRST, "PH"), ("zh-Hant-TW", dates.DAY_FIRST, "TW"),
    ("en-US-u-ca-gregory", dates.MONTH_FIRST, "US"), ("de-u-ca-gregory", dates.DAY_FIRST, "US"),
    ("en", dates.DAY_FIRST, "US"), (None, dates.DAY_FIRST, "US"), ("", dates.DAY_FIRST, "US"),
    ("xx-QQ", dates.DAY_FIRST, "US"), (42, dates.DAY_FIRST, "US"), ("en-" + "x" * 99, dates.DAY_FIRST, "US"),
])
def test_style_and_country_from_locale(locale, style, country):
    assert dates.style_for(locale) == style
    assert dates.country_from_locale(locale) == country


def test_formats():
    assert dates.fmt_date(D, dates.DAY_FIRST) == "Fri 23 Oct 2026"
    assert dates.fmt_date(D, dates.MONTH_FIRST) == "Fri, Oct 23, 2026"
    assert dates.fmt_short(D, dates.DAY_FIRST) == "Fri 23 Oct"
    assert dates.fmt_short(D, dates.MONTH_FIRST) == "Fri, Oct 23"
    assert dates.fmt_long(D, style=dates.DAY_FIRST) == "Friday 23 October 2026"
    assert dates.fmt_long(D, style=dates.MONTH_FIRST) == "Friday, October 23, 2026"
    assert dates.fmt_long(D, year=False, style=dates.MONTH_FIRST) == "Friday, October 23"
    assert dates.axis_format(dates.DAY_FIRST) == "%d %b" and dates.axis_format(dates.MONTH_FIRST) == "%b %d"
    # the date boxes: the same order as the dates written on the page
    assert dates.input_format(dates.DAY_FIRST) == "DD/MM/YYYY"
    assert dates.input_format(dates.MONTH_FIRST) == "MM/DD/YYYY"


def test_engine_texts_follow_the_runs_style_and_runs_do_not_share_it():
    """The planner's texts use the run's style; another thread (another visitor's run) keeps its own."""
    seen = {}

    def run(locale):
        dates.use_locale(locale)
        seen[locale] = T.plan(dt.date(2026, 3, 2), "by Friday").understood

    threads = [threading.Thread(target=run, args=(loc,)) for loc in ("en-US", "en-GB")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "Fri, Mar 6, 2026" in seen["en-US"] and "Fri 6 Mar 2026" not in seen["en-US"]
    assert "Fri 6 Mar 2026" in seen["en-GB"]
    assert dates.current_style() == dates.DAY_FIRST  # this thread was never set


def test_the_timelines_plan_memo_keys_on_the_style():
    from followup.log.next_steps import _cached_plan
    args = dict(industry="general", country="US", subdivision=None, via_agency=False, today=None)
    day_first = _cached_plan(dt.date(2026, 3, 2), "by Friday", **args).understood
    token = dates._style.set(dates.MONTH_FIRST)
    try:
        month_first = _cached_plan(dt.date(2026, 3, 2), "by Friday", **args).understood
    finally:
        dates._style.reset(token)
    assert "Fri 6 Mar 2026" in day_first and "Fri, Mar 6, 2026" in month_first


# --- callbacks and downloads made on click write dates as the page does --------------------------------
def test_keep_style_runs_a_callable_later_in_the_style_of_the_run_that_made_it():
    dates.use_style(dates.MONTH_FIRST)
    later = dates.keep_style(lambda: dates.fmt_date(dt.date(2026, 11, 1)))
    dates.use_style(dates.DAY_FIRST)  # the next run's frame has not set its style yet: the default
    assert later() == "Sun, Nov 1, 2026"
    assert dates.current_style() == dates.DAY_FIRST  # and it leaves the style as it found it
    out = []  # a download's data is made in a thread of its own (a fresh context: day first)
    t = threading.Thread(target=lambda: out.append(later()))
    t.start()
    t.join()
    assert out == ["Sun, Nov 1, 2026"]


def test_every_callback_and_download_made_on_click_keeps_the_runs_date_style():
    """Streamlit calls a widget's callback before the page's next run sets the date style, and makes a
    download's data in another thread: each is wrapped in dates.keep_style, on every page."""
    import ast
    from pathlib import Path

    unwrapped = []
    for path in sorted((Path(__file__).resolve().parent.parent / "pages").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            callbacks = [k.value for k in node.keywords if k.arg in ("on_click", "on_change")]
            data = [k.value for k in node.keywords if k.arg == "data"]
            if getattr(node.func, "attr", "") == "download_button" and len(node.args) > 1:
                data.append(node.args[1])
            later = [v for v in callbacks if not isinstance(v, ast.Constant) and ast.unparse(v) != "st.login"]
            later += [v for v in data if isinstance(v, ast.Lambda) or ast.unparse(v).startswith("keep_style(")]
            for value in later:  # (data made in the run, such as send.eml(...), is bytes already)
                if not (isinstance(value, ast.Call) and ast.unparse(value.func) in ("keep_style", "dates.keep_style")):
                    unwrapped.append(f"{path.name}:{node.lineno}: {ast.unparse(value)[:60]}")
    assert unwrapped == []
