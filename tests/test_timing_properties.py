"""Property tests (hypothesis) of the planner's invariants over interview dates 2000-2100,
countries, regions, industries and what was said. Business days are re-checked here against
the `holidays` library directly, not through the engine's calendar."""
from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache

import holidays
from hypothesis import HealthCheck, given, settings, strategies as st

from followup.plan import timing as T
from followup.advice.content import article

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KNOWN_REFS = set(article().by_ref)
MAIN = ["US", "GB", "CA", "DE", "SE", "FR", "AU", "JP", "IN", "BR", "IL", "RU", "NZ", "ZA"]
# Countries whose New Year holidays leave the usual January dates possible (before Jan 10).
SHORT_NEW_YEAR = {"US", "GB", "CA", "DE", "SE", "FR", "AU", "NZ", "ZA", "BR", "IL", "IN", "JP"}
PHRASES = ["", "2-3 weeks", "in a couple of weeks", "within 10 business days", "by Friday", "next week",
           "by the end of the month", "by Feb end", "by March 3", "in 3 days", "after the holidays",
           "it would be a while due to the holidays", "a week or two", "by the 15th", "31/02", "03/04",
           "soon", "by Dec 28", "in 10 days"]

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
countries = st.one_of(st.sampled_from(MAIN), st.sampled_from(sorted(T.COUNTRIES)))
industries = st.sampled_from(sorted(T.INDUSTRIES))


@st.composite
def places(draw):
    country = draw(countries)
    subs = sorted(T.subdivisions(country))
    subdiv = draw(st.none() | st.sampled_from(subs)) if subs else None
    return country, subdiv


@lru_cache(maxsize=512)
def _holidays(country, subdiv, year):
    with warnings.catch_warnings():  # years outside a country's range: no holidays, as in the engine
        warnings.simplefilter("ignore")
        h = holidays.country_holidays(country, subdiv=subdiv, years=range(year - 1, year + 3))
        days = set(h)
        if "de_facto" in getattr(type(h), "supported_categories", ()):  # de-facto closures are not business days
            days |= set(holidays.country_holidays(country, subdiv=subdiv, categories=("de_facto",),
                                                  years=range(year - 1, year + 3)))
        regions = holidays.list_supported_countries(include_aliases=False).get(country, [])
        if subdiv is None and len(regions) > 1:  # no region picked: most regions' days off count too
            counts = {}
            for r in regions:
                try:
                    for d in holidays.country_holidays(country, subdiv=r, years=range(year - 1, year + 3)):
                        counts[d] = counts.get(d, 0) + 1
                except Exception:  # noqa: BLE001 - as the engine: a region the library cannot do is left out
                    pass
            days |= {d for d, n in counts.items() if 2 * n > len(regions)}
    return frozenset(days), frozenset(h.weekend)


def is_business_day(country, subdiv, base_year, d):
    hol, weekend = _holidays(country, subdiv, base_year)
    return d.weekday() not in (weekend or {5, 6}) and d not in hol


def business_days_between(country, subdiv, base_year, start, end):
    """Business days in (start, end]."""
    n, d = 0, start
    while d < end:
        d += dt.timedelta(days=1)
        n += is_business_day(country, subdiv, base_year, d)
    return n


def window_ends(country, base_year, start, latest, n):
    """``latest`` is the n-th business day after ``start``, or, when that day would fall in the
    year-end break (from 24 Dec on), the last business day before 24 Dec: no window crosses it."""
    if business_days_between(country, None, base_year, start, latest) == n:
        return True
    brk = dt.date(latest.year, 12, 24)
    days_left = [latest + dt.timedelta(days=k) for k in range(1, (brk - latest).days)]
    return (latest < brk and not any(is_business_day(country, None, base_year, d) for d in days_left)
            and business_days_between(country, None, base_year, start, brk - dt.timedelta(days=1)) < n)


def check_common(p, country, subdiv, today=None):
    y = p.interview.year
    ks = [s.kind for s in p.steps]
    if p.waiting:  # not understood: only the thank-you until the user picks the date
        assert ks == ["thank_you"] and p.reading.kind == "not_understood" and p.reading.asks
        return
    for k in ("thank_you", "follow_up", "final_follow_up", "move_on"):
        assert ks.count(k) == 1, ks
    assert ks.count("holiday_card") <= 1 and ks.count("keep_in_touch") <= 1
    assert [s.date for s in p.steps] == sorted(s.date for s in p.steps)
    for s in p.steps:
        assert s.refs and set(s.refs) <= KNOWN_REFS
        assert s.why.strip() and "\n" not in s.why
        assert s.title
        if s.latest is not None:
            assert s.latest >= s.date
        # every step, the holiday card included, is on a business day
        assert is_business_day(country, subdiv, y, s.date), (s.kind, s.date)
        if s.latest is not None:
            assert is_business_day(country, subdiv, y, s.latest), (s.kind, s.latest)
        if "ours" in s.basis:
            assert "our rule" in s.why or "is ours" in s.why
        if today is not None:
            # today inside the window is "today" (followup.plan.status, shared with the timeline)
            expected = ("upcoming" if today < s.date else "today" if today <= (s.latest or s.date)
                        else "overdue")
            assert s.status == expected
    ty, fu, final, move = (p.step(k) for k in ("thank_you", "follow_up", "final_follow_up", "move_on"))
    # Thank-you: the interview day, or the next business day at the latest.
    assert p.interview <= ty.date <= ty.latest
    assert business_days_between(country, subdiv, y, p.interview, ty.latest) == 1
    if is_business_day(country, subdiv, y, p.interview):
        assert ty.date == p.interview
    assert fu.date > ty.latest
    # Final follow-up at least 5 business days after the first; then move on.
    assert business_days_between(country, subdiv, y, fu.date, final.date) >= 5
    assert move.date > final.date
    card = p.step("holiday_card")
    if card is not None:
        assert card.date < fu.date and card.date.month == 12


@SETTINGS
@given(interview=dates, place=places(), industry=industries, said=st.sampled_from(PHRASES),
       agency=st.booleans(), today=st.none() | dates)
def test_invariants(interview, place, industry, said, agency, today):
    country, subdiv = place
    p = T.plan(interview, said, industry=industry, country=country, subdivision=subdiv,
               via_agency=agency, today=today)
    check_common(p, country, subdiv, today)
    assert p.understood.strip()
    if not p.waiting:
        assert ("c22" in p.step("follow_up").refs) == agency


@SETTINGS
@given(interview=dates, country=st.sampled_from(MAIN), industry=industries)
def test_nothing_said_5_to_7_business_days(interview, country, industry):
    p = T.plan(interview, "", industry=industry, country=country)
    fu = p.step("follow_up")
    if "Comment 6" in fu.why:
        return  # it would fall in the end-of-year break: the January rule instead
    y = interview.year
    assert business_days_between(country, None, y, interview, fu.date) == 5
    assert window_ends(country, y, interview, fu.latest, 7)
    assert fu.date > interview + dt.timedelta(days=4)


@SETTINGS
@given(interview=dates, country=st.sampled_from(MAIN), weeks=st.integers(1, 8), extra=st.integers(0, 3))
def test_stated_window_counts_from_its_far_end(interview, country, weeks, extra):
    said = f"{weeks}-{weeks + extra} weeks" if extra else f"in {weeks} weeks"
    p = T.plan(interview, said, country=country)
    deadline = interview + dt.timedelta(weeks=weeks + extra)
    assert p.deadline == deadline
    fu = p.step("follow_up")
    if "Comment 6" in fu.why:
        return  # the decision date or the follow-up inside the end-of-year break: the January rule
    y = interview.year
    assert fu.date > deadline
    assert 1 <= business_days_between(country, None, y, deadline, fu.date) <= 2
    assert window_ends(country, y, deadline, fu.latest, 2)


@SETTINGS
@given(year=st.integers(2000, 2099), day=st.integers(1, 31), month=st.sampled_from([11, 12]),
       country=st.sampled_from(sorted(SHORT_NEW_YEAR)), industry=industries)
def test_after_the_holidays_january_rule(year, day, month, country, industry):
    try:
        interview = dt.date(year, month, day)
    except ValueError:
        return
    p = T.plan(interview, "after the holidays", industry=industry, country=country)
    fu = p.step("follow_up")
    cal = T.business_calendar(country, None, year)
    back = cal.first_back(year + 1)
    hol, _ = _holidays(country, None, year)
    new_year = dt.date(year + 1, 1, 1)
    assert fu.date.year == year + 1 and fu.date.month == 1
    assert fu.date > new_year and fu.date not in hol and fu.date >= back
    n_back = business_days_between(country, None, year, back, fu.date)  # business days after the first back
    general = cal.add(back, 2)
    if industry in ("advertising", "retail"):
        assert n_back <= 2  # within the first three business days back
        assert fu.date < general or fu.date == cal.add(back, 1)
    elif industry == "academia":
        assert fu.date > general
    else:
        assert fu.date == general and fu.date != back  # a couple of days after the first day back
        if general.day < 10:
            assert fu.date < dt.date(year + 1, 1, 10)
    # A card when 2 business days are left for it to arrive before the break (24 Dec), else none.
    can_post = cal.add(p.step("thank_you").latest, 1) <= cal.sub(dt.date(year, 12, 24), 3)
    assert (p.step("holiday_card") is not None) == can_post


@settings(max_examples=200, deadline=None)
@given(said=st.text(max_size=400) | st.binary(max_size=50).map(lambda b: b.decode("latin-1")),
       interview=st.dates(min_value=T.MIN_DATE, max_value=T.MAX_DATE))
def test_any_text_never_raises(said, interview):
    r = T.read_said(said, interview)
    assert r.kind in ("nothing", "deadline", "holidays", "not_understood")
    assert r.understood.strip()
    if r.deadline is not None:
        assert interview <= r.deadline <= interview + dt.timedelta(days=T.MAX_WAIT_DAYS)


@settings(max_examples=60, deadline=None)
@given(said=st.text(max_size=200), interview=dates, place=places())
def test_any_text_gives_a_valid_plan(said, interview, place):
    country, subdiv = place
    p = T.plan(interview, said, country=country, subdivision=subdiv)
    check_common(p, country, subdiv)
