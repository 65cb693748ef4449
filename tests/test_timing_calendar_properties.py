"""Property tests (hypothesis) of the calendar edge cases of issue 11 in 12 countries over
2024-2035: no follow-up inside the year-end break (24 December to the first business day back),
the holiday card on a business day early enough to arrive before the break, and de-facto closures
(the holidays library's ``de_facto`` category) never used as business days. The break and the
closures are re-derived here from the holidays library directly, not through the engine."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from hypothesis import HealthCheck, given, settings, strategies as st

from followup.plan import timing as T

COUNTRIES = ["US", "GB", "SE", "CH", "DE", "FR", "CA", "AU", "NZ", "IE", "JP", "NL"]
PHRASES = ["", "2-3 weeks", "after the holidays", "by the end of the year", "next week", "in 10 days",
           "by Dec 28", "early January", "before Christmas", "a week or two", "by Friday", "mid December",
           "within 10 business days", "in a couple of weeks; feel free to keep in touch", "by the 20th"]
FOLLOW_UPS = ("follow_up", "final_follow_up", "move_on", "keep_in_touch")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
interviews = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2035, 12, 31))
late_year = st.builds(lambda y, m, d: dt.date(y, m, d), st.integers(2024, 2035), st.sampled_from([11, 12]),
                      st.integers(1, 30))


@lru_cache(maxsize=None)
def closed(country: str, year: int) -> frozenset[dt.date]:
    """Public holidays and de-facto closures of year-1 .. year+2, straight from the library."""
    years = range(year - 1, year + 3)
    days = set(holidays.country_holidays(country, years=years))
    if "de_facto" in holidays.country_holidays(country).supported_categories:
        days |= set(holidays.country_holidays(country, categories=("de_facto",), years=years))
    return frozenset(days)


def business(country: str, year: int, d: dt.date) -> bool:
    weekend = holidays.country_holidays(country).weekend
    return d.weekday() not in weekend and d not in closed(country, year)


def first_back(country: str, year: int, new_year: int) -> dt.date:
    d = dt.date(new_year, 1, 2)
    while not business(country, year, d):
        d += dt.timedelta(days=1)
    return d


def in_break(country: str, year: int, d: dt.date) -> bool:
    if d.month == 12 and d.day >= 24:
        return True
    return d.month == 1 and d < first_back(country, year, d.year)


def check(p: T.Plan, country: str) -> None:
    y = p.interview.year
    for s in p.steps:
        assert business(country, y, s.date), (s.kind, s.date)  # de-facto closures included
        if s.kind in FOLLOW_UPS:
            assert not in_break(country, y, s.date), (s.kind, s.date)
    card = p.step("holiday_card")
    if card is not None:
        start = dt.date(card.date.year, 12, 24)
        later = [d for d in (card.date + dt.timedelta(days=i) for i in range(1, 10)) if d < start
                 and business(country, y, d)]
        assert card.date.month == 12 and len(later) >= 2, card.date  # 2 business days to arrive
        assert card.date < p.step("follow_up").date


@SETTINGS
@given(interview=interviews, country=st.sampled_from(COUNTRIES), said=st.sampled_from(PHRASES),
       industry=st.sampled_from(sorted(T.INDUSTRIES)), agency=st.booleans())
def test_break_card_and_closures_any_date(interview, country, said, industry, agency):
    check(T.plan(interview, said, industry=industry, country=country, via_agency=agency), country)


@SETTINGS
@given(interview=late_year, country=st.sampled_from(COUNTRIES), said=st.sampled_from(PHRASES),
       industry=st.sampled_from(sorted(T.INDUSTRIES)))
def test_break_card_and_closures_near_the_year_end(interview, country, said, industry):
    p = T.plan(interview, said, industry=industry, country=country)
    check(p, country)
    if said == "after the holidays" and not p.waiting:
        assert p.step("follow_up").date >= first_back(country, interview.year, interview.year + 1)


def test_sweden_de_facto_closures_are_not_business_days():
    cal = T.business_calendar("SE", None, 2025)
    for d in (dt.date(2025, 12, 24), dt.date(2025, 6, 20), dt.date(2025, 12, 31)):  # Wed, Fri, Wed
        assert d.weekday() < 5 and not cal.is_business_day(d)
        assert d in cal.closures and "offices closed" in cal.holiday_names[d]
    assert cal.add(dt.date(2025, 6, 19), 1) == dt.date(2025, 6, 23)  # Midsummer Eve and Day skipped
    us = T.business_calendar("US", None, 2025)
    assert us.is_business_day(dt.date(2025, 12, 24)) and not us.closures  # no such category in the US


def test_card_never_on_christmas_day_or_a_weekend_in_535_plans():
    """The issue counted 94 of 535 cards on Christmas Day or a weekend: now none, every one early enough."""
    n = 0
    for year in range(2024, 2036):
        for day in range(1, 23):
            for country in ("US", "GB", "SE"):
                p = T.plan(dt.date(year, 12, day) - dt.timedelta(days=20), "after the holidays", country=country)
                if (card := p.step("holiday_card")) is not None:
                    n += 1
                    assert card.date.weekday() < 5 and card.date.day < 24
    assert n >= 535
