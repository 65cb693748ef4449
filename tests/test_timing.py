"""Table-driven tests of the wait-time planner's rules (followup.timing) on fixed dates.

Expected dates below were worked out by hand from a calendar, not copied from the engine.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import holidays
import pytest

from followup.plan import timing as T
from followup.advice.content import article

D = dt.date


def kinds(p):
    return [s.kind for s in p.steps]


# --- business days -------------------------------------------------------------------------
def test_one_business_day_after_a_holiday_is_the_next_working_day():
    """Pinned: "n business days after d" is the n-th business day strictly after d, also when d
    is itself a holiday. Mon 19 Jan 2026 is Martin Luther King Jr. Day in the US."""
    cal = T.business_calendar("US", None, 2026)
    assert not cal.is_business_day(D(2026, 1, 19))
    assert cal.add(D(2026, 1, 19), 1) == D(2026, 1, 20)  # Tue, not Wed
    assert cal.add(D(2026, 1, 16), 1) == D(2026, 1, 20)  # Fri -> skips weekend and the holiday
    assert cal.add(D(2026, 1, 17), 1) == D(2026, 1, 20)  # from a Saturday
    assert cal.add(D(2026, 1, 16), 5) == D(2026, 1, 26)
    assert cal.on_or_after(D(2026, 1, 19)) == D(2026, 1, 20)
    assert cal.on_or_after(D(2026, 1, 20)) == D(2026, 1, 20)


def test_observed_new_year_from_the_neighbouring_year_is_a_holiday():
    """US New Year's Day 2022 (a Saturday) is observed on Fri 31 Dec 2021."""
    cal = T.business_calendar("US", None, 2021)
    assert not cal.is_business_day(D(2021, 12, 31))
    assert cal.add(D(2021, 12, 30), 1) == D(2022, 1, 3)


def test_weekend_comes_from_the_country():
    """Israel's weekend is Friday and Saturday."""
    cal = T.business_calendar("IL", None, 2026)
    assert not cal.is_business_day(D(2026, 3, 6))  # Friday
    assert cal.is_business_day(D(2026, 3, 8))  # Sunday is a working day


def test_with_no_region_a_day_off_in_most_regions_counts():
    """The library's whole-country calendar has only the days every region shares; most of the
    country's days off count too when no region is picked, named as such."""
    gb = T.business_calendar("GB", None, 2027)
    assert not gb.is_business_day(D(2027, 3, 29)) and not gb.is_business_day(D(2027, 8, 30))
    assert gb.holiday_names[D(2027, 3, 29)] == "Easter Monday (in most regions)"
    assert T.business_calendar("GB", "SCT", 2027).is_business_day(D(2027, 3, 29))
    ca = T.business_calendar("CA", None, 2026)
    assert not ca.is_business_day(D(2026, 10, 12))  # Thanksgiving: not statutory in every province
    # a day off in a minority of regions does not count: St Patrick's Day (Northern Ireland only)
    assert gb.is_business_day(D(2027, 3, 17))
    # a country without regions, or with none shared by most (the US), is as the library has it
    assert T.business_calendar("US", None, 2026).holiday_names == {
        d: n for d, n in __import__("holidays").country_holidays("US", years=range(2025, 2029)).items()}


def test_years_outside_the_library_range_do_not_crash():
    p = T.plan(D(2150, 12, 24), "2-3 weeks", country="US")
    assert p.steps and all(s.date.weekday() < 5 for s in p.steps if s.kind != "holiday_card")
    p = T.plan(D(1901, 7, 4), "", country="DE")
    assert p.steps


# --- thank-you -------------------------------------------------------------------------------
@pytest.mark.parametrize("country, interview, date, latest", [
    ("US", D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 3)),  # Monday: same day, at the latest Tuesday
    ("US", D(2026, 3, 6), D(2026, 3, 6), D(2026, 3, 9)),  # Friday: latest is Monday
    ("US", D(2026, 3, 7), D(2026, 3, 9), D(2026, 3, 9)),  # Saturday: Monday
    ("GB/ENG", D(2026, 4, 2), D(2026, 4, 2), D(2026, 4, 7)),  # Thu before Good Friday and Easter Monday
    # No region picked: a day off in most of the UK's nations counts (Easter Monday: 3 of 4); Scotland works
    ("GB", D(2026, 4, 2), D(2026, 4, 2), D(2026, 4, 7)),
    ("GB/SCT", D(2026, 4, 2), D(2026, 4, 2), D(2026, 4, 6)),
    ("DE", D(2026, 10, 3), D(2026, 10, 5), D(2026, 10, 5)),  # German Unity Day (a Saturday in 2026)
    ("SE", D(2025, 6, 5), D(2025, 6, 5), D(2025, 6, 9)),  # Thu; national day Fri 6 Jun: latest Mon 9
])
def test_thank_you(country, interview, date, latest):
    country, _, subdiv = country.partition("/")
    s = T.plan(interview, country=country, subdivision=subdiv or None).step("thank_you")
    assert (s.date, s.latest) == (date, latest)
    assert "q1-kevin" in s.refs


# --- nothing said ---------------------------------------------------------------------------
@pytest.mark.parametrize("country, subdiv, interview, first, latest", [
    ("US", None, D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 11)),
    ("US", None, D(2026, 11, 19), D(2026, 11, 27), D(2026, 12, 1)),  # Thanksgiving Thu 26 Nov skipped
    ("CA", None, D(2026, 6, 26), D(2026, 7, 6), D(2026, 7, 8)),  # Canada Day Wed 1 Jul skipped
    ("GB", "ENG", D(2026, 4, 1), D(2026, 4, 10), D(2026, 4, 14)),  # Good Friday 3 Apr, Easter Monday 6 Apr
    ("DE", None, D(2026, 5, 11), D(2026, 5, 19), D(2026, 5, 21)),  # Ascension Thu 14 May
    ("DE", "BY", D(2026, 6, 1), D(2026, 6, 9), D(2026, 6, 11)),  # Corpus Christi Thu 4 Jun (Bavaria)
    ("DE", None, D(2026, 6, 1), D(2026, 6, 8), D(2026, 6, 10)),  # ... not a holiday nationally
    ("SE", None, D(2025, 6, 2), D(2025, 6, 10), D(2025, 6, 12)),  # National Day Fri 6 Jun
])
def test_nothing_said_first_follow_up_5_to_7_business_days(country, subdiv, interview, first, latest):
    p = T.plan(interview, "", country=country, subdivision=subdiv)
    fu = p.step("follow_up")
    assert (fu.date, fu.latest) == (first, latest)
    assert "q1-kevin" in fu.refs and "our rule" in fu.why and "Indeed Canada" in fu.why
    assert p.deadline is None


def test_not_understood_waits_for_the_date_instead_of_the_nothing_said_plan():
    a = T.plan(D(2026, 3, 2), "they were nice")
    assert a.understood.startswith("Not understood") and a.reading.asks and a.waiting
    assert kinds(a) == ["thank_you"]  # the plan waits; the page asks for the date
    picked = T.plan(D(2026, 3, 2), "they were nice", decision=D(2026, 3, 20))
    assert not picked.waiting and picked.deadline == D(2026, 3, 20) and picked.reading.picked
    assert picked.step("follow_up").date == D(2026, 3, 23)
    none = T.plan(D(2026, 3, 2), "they were nice", decision="none")
    assert [s.date for s in none.steps] == [s.date for s in T.plan(D(2026, 3, 2), "").steps]
    with pytest.raises(ValueError):
        T.plan(D(2026, 3, 2), "", decision=D(2026, 3, 1))


@pytest.mark.parametrize("said", ["they didn't say", "They didn’t say.", "they did not say", "n/a", "N/A", "-", "–",
                                  "nothing", "no idea", "No idea."])
def test_common_ways_of_saying_no_date_read_as_no_date_given(said):
    """Reviewer, item 2: these say they gave no date (as "soon" does), so the plan counts from the interview;
    the phrases are data (timing_rules.json: reading.vague, reading.no_date_answers)."""
    interview = D(2026, 11, 4)
    p = T.plan(interview, said)
    assert p.reading.kind == "nothing" and not p.waiting, p.line
    assert p.line == "I read this as: no date given."
    assert [s.date for s in p.steps] == [s.date for s in T.plan(interview, "").steps]


@pytest.mark.parametrize("said", ["banana", "--x", "n/a banana", "nothingness"])
def test_real_nonsense_is_still_not_understood(said):
    p = T.plan(D(2026, 11, 4), said)
    assert p.reading.kind == "not_understood" and p.waiting, p.line


# --- a stated date or window ---------------------------------------------------------------
@pytest.mark.parametrize("said, deadline, first, latest", [
    ("2-3 weeks", D(2026, 3, 23), D(2026, 3, 24), D(2026, 3, 25)),  # the far end of the range
    ("by Friday", D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 10)),
    ("by the end of the month", D(2026, 3, 31), D(2026, 4, 1), D(2026, 4, 2)),
    ("by March 3", D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 5)),
    ("in 3 days", D(2026, 3, 5), D(2026, 3, 6), D(2026, 3, 9)),
])
def test_stated_decision_follow_up_within_2_business_days_after(said, deadline, first, latest):
    p = T.plan(D(2026, 3, 2), said)
    fu = p.step("follow_up")
    assert p.deadline == deadline
    assert (fu.date, fu.latest) == (first, latest)
    assert "Indeed" in fu.why and "our rule" in fu.why


def test_understood_sentence_format():
    assert T.plan(D(2026, 3, 2), "2-3 weeks").understood == "A decision within 2-3 weeks: by Mon 23 Mar 2026."


def test_deadline_on_a_friday_before_a_holiday_monday():
    """Decision Fri 22 May 2026; Memorial Day Mon 25 May: follow up Tue 26 or Wed 27."""
    p = T.plan(D(2026, 5, 15), "by Friday, May 22")
    fu = p.step("follow_up")
    assert p.deadline == D(2026, 5, 22)
    assert (fu.date, fu.latest) == (D(2026, 5, 26), D(2026, 5, 27))


# --- the phrase table ------------------------------------------------------------------------
MON = D(2026, 3, 2)  # a Monday
PHRASES = [
    ("", MON, "nothing", None),
    ("2-3 weeks", MON, "deadline", D(2026, 3, 23)),
    ("It would be 2 - 3 weeks before a decision", MON, "deadline", D(2026, 3, 23)),
    ("two to three weeks", MON, "deadline", D(2026, 3, 23)),
    ("in a couple of weeks", MON, "deadline", D(2026, 3, 16)),
    ("a week or two", MON, "deadline", D(2026, 3, 16)),
    ("within 10 business days", MON, "deadline", D(2026, 3, 16)),
    ("within 10 working days", D(2026, 11, 19), "deadline", D(2026, 12, 4)),  # skips Thanksgiving
    ("by Friday", MON, "deadline", D(2026, 3, 6)),
    ("by Friday", D(2026, 3, 6), "deadline", D(2026, 3, 13)),  # interview on a Friday: the next one
    ("next week", MON, "deadline", D(2026, 3, 13)),
    ("next week", D(2026, 3, 8), "deadline", D(2026, 3, 13)),  # a Sunday: the week after it
    ("by the end of the month", MON, "deadline", D(2026, 3, 31)),
    ("by Feb end", D(2013, 1, 22), "deadline", D(2013, 2, 28)),  # Sam, comment 10
    ("by Feb end", D(2024, 2, 10), "deadline", D(2024, 2, 29)),  # leap year
    ("by Feb end", MON, "not_understood", None),  # February is past: asked, never moved a year on
    ("by March 3", MON, "deadline", D(2026, 3, 3)),
    ("by March 3", D(2026, 3, 4), "not_understood", None),  # past: say so and ask (issue 11)
    ("by March 3", D(2026, 11, 4), "deadline", D(2027, 3, 3)),  # months away: next year's
    ("by March 3", D(2013, 1, 22), "deadline", D(2013, 3, 3)),  # relative to the interview, not to today
    ("by the 3rd of March", MON, "deadline", D(2026, 3, 3)),
    ("in 3 days", MON, "deadline", D(2026, 3, 5)),
    ("follow up after 3 days", MON, "nothing", None),  # comment 9: an instruction, not a decision date
    ("13/03", MON, "deadline", D(2026, 3, 13)),  # unambiguous: 13 is not a month
    ("3/13/2026", MON, "deadline", D(2026, 3, 13)),
    ("2026-04-01", MON, "deadline", D(2026, 4, 1)),
    ("after the holidays", D(2025, 12, 10), "holidays", None),
    ("it would be a while due to the holidays", D(2025, 12, 10), "holidays", None),  # the letter
    ("after the holidays", D(2026, 1, 1), "holidays", None),
    # not understood: the plan waits for the date
    ("after the holidays", D(2026, 6, 10), "not_understood", None),  # which holidays?
    ("03/04", MON, "not_understood", None),  # ambiguous day/month: not guessed
    ("31/02", MON, "not_understood", None),
    ("February 30", MON, "not_understood", None),
    ("by March 3, 2020", MON, "not_understood", None),  # before the interview
    ("in 52 months", MON, "not_understood", None),  # more than a year away
    ("soon", MON, "nothing", None),  # no date given
    ("they liked me", MON, "not_understood", None),
]


@pytest.mark.parametrize("said, interview, kind, deadline", PHRASES)
def test_phrase_table(said, interview, kind, deadline):
    r = T.read_said(said, interview, T.business_calendar("US", None, interview.year))
    assert (r.kind, r.deadline) == (kind, deadline), r.understood
    assert r.understood.endswith(".") and "\n" not in r.understood
    p = T.plan(interview, said)
    assert p.deadline == deadline
    if kind == "not_understood":
        assert p.understood.startswith("Not understood") and p.waiting and kinds(p) == ["thank_you"]


@pytest.mark.parametrize("said, deadline", [
    ("sometime between the 10th and the 20th", D(2026, 11, 20)),
    ("between the 10th and 20th", D(2026, 11, 20)),
    ("between Nov 10 and Nov 20", D(2026, 11, 20)),
    ("from the 10th to the 20th", D(2026, 11, 20)),
    ("from 10 November to 20 November", D(2026, 11, 20)),
    ("the 10th-20th", D(2026, 11, 20)),
    ("Nov 10-20", D(2026, 11, 20)),
    ("between 10 and 20 November", D(2026, 11, 20)),
    ("between the 25th and the 5th", D(2026, 12, 5)),  # the second day is read after the first: next month's
])
def test_a_range_of_dates_counts_from_its_far_end(said, deadline):
    """Reviewer, item 3 (README: "a range counts from its far end"): interview Wed 4 Nov 2026, US."""
    p = T.plan(D(2026, 11, 4), said)
    assert p.deadline == deadline, p.line
    assert p.line.endswith(f": {T.fmt(deadline)}.")
    assert p.step("follow_up").date == T.business_calendar("US", None, 2026).add(deadline, 1)


@pytest.mark.parametrize("said, earliest, span", [
    ("at least 3 weeks", D(2026, 11, 25), "3 weeks"), ("not before 3 weeks", D(2026, 11, 25), "3 weeks"),
    ("no sooner than 2 weeks", D(2026, 11, 18), "2 weeks"), ("3 weeks at least", D(2026, 11, 25), "3 weeks"),
    ("a minimum of 10 business days", D(2026, 11, 19), "10 business days"),  # Veterans Day skipped
])
def test_at_least_a_span_is_never_read_as_within_it(said, earliest, span):
    """Reviewer, item 6: "at least 3 weeks" is the earliest they would decide, not a decision within 3 weeks
    (the words are data: timing_rules.json, reading.at_least); the follow-up's why says so too."""
    p = T.plan(D(2026, 11, 4), said)
    assert p.deadline == earliest and p.reading.earliest
    assert p.line == f"I read this as: a decision no sooner than {span}: not before {T.fmt(earliest)}."
    assert "within" not in p.line and "within" not in p.understood and "by " not in p.understood
    fu = p.step("follow_up")
    assert fu.why.startswith(f"They expected to decide no sooner than {T.fmt(earliest)},")
    assert T.plan(D(2026, 11, 4), "3 weeks").step("follow_up").why.startswith("They expected to decide by ")


@pytest.mark.parametrize("said", ["within -3 days", "in -3 days", "-3 days", "within -2 weeks"])
def test_a_negative_wait_is_refused_not_read_as_positive(said):
    p = T.plan(D(2026, 11, 4), said)
    assert p.waiting and p.reading.kind == "not_understood"
    assert "is a negative wait" in p.line
    assert T.plan(D(2026, 11, 4), "2 -3 weeks").deadline == D(2026, 11, 25)  # a range, not a minus


@pytest.mark.parametrize("said, why", [
    ("by Tuesday 9th November", "9 November 2026 is a Monday, not a Tuesday"),
    ("by Tues 9 Nov", "9 November 2026 is a Monday, not a Tuesday"),
    ("by Friday, November 10", "10 November 2026 is a Tuesday, not a Friday"),
    ("Wednesday the 10th of November", "10 November 2026 is a Tuesday, not a Wednesday"),
    ("by Friday 14th", "the 14th is not a Friday"),  # (already refused: the same for a date with its month)
])
def test_a_weekday_that_disagrees_with_the_date_is_refused(said, why):
    p = T.plan(D(2026, 11, 4), said)
    assert p.waiting and p.reading.asks and why in p.line, p.line
    assert T.plan(D(2026, 11, 4), "by Monday 9th November").deadline == D(2026, 11, 9)  # they agree: read


def test_ambiguous_date_says_why():
    r = T.read_said("by 03/04", MON)
    assert "could be 3 April or 4 March" in r.understood


@pytest.mark.parametrize("said", [
    "x" * 1_000_000, "🎉" * 10_000, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "31/02", "00/00", "99/99/9999", "0-0 weeks", "999-999 weeks", "by the 0th", "by the 99th",
    "\x00\r\n\t", "2-3 weeks" * 1000, "by Feb end\x00", "‮by Friday", None, 12345, b"bytes",
    "١٢/٠٣", "in ٣ days", "9999-99-99", "0001-01-01", "by March 3, 9999", "[x](javascript:alert(1))",
])
def test_hostile_text_never_raises(said):
    for interview in (D(2000, 1, 1), MON, D(2100, 12, 31), D(1900, 1, 1), D(2199, 12, 31)):
        r = T.read_said(said, interview)
        assert r.kind in ("nothing", "deadline", "holidays", "not_understood")
        p = T.plan(interview, said, country="GB")
        assert len(p.steps) >= 4 or p.waiting and kinds(p) == ["thank_you"]


# --- after the holidays: New Year's Day on every weekday ------------------------------------
# (year, weekday of 1 Jan, first business day back in the US, general date, advertising/retail date)
NEW_YEARS_US = [
    (2018, "Monday", D(2018, 1, 2), D(2018, 1, 4), D(2018, 1, 3)),
    (2019, "Tuesday", D(2019, 1, 2), D(2019, 1, 4), D(2019, 1, 3)),
    (2020, "Wednesday", D(2020, 1, 2), D(2020, 1, 6), D(2020, 1, 3)),
    (2015, "Thursday", D(2015, 1, 2), D(2015, 1, 6), D(2015, 1, 5)),
    (2021, "Friday", D(2021, 1, 4), D(2021, 1, 6), D(2021, 1, 5)),
    (2022, "Saturday", D(2022, 1, 3), D(2022, 1, 5), D(2022, 1, 4)),  # observed Fri 31 Dec 2021
    (2023, "Sunday", D(2023, 1, 3), D(2023, 1, 5), D(2023, 1, 4)),  # observed Mon 2 Jan
]


@pytest.mark.parametrize("year, weekday, back, general, fast", NEW_YEARS_US)
def test_after_the_holidays_new_year_on_every_weekday(year, weekday, back, general, fast):
    assert T.WEEKDAYS[D(year, 1, 1).weekday()] == weekday
    interview = D(year - 1, 12, 10)
    p = T.plan(interview, "after the holidays")
    fu = p.step("follow_up")
    assert fu.date == general
    assert back < fu.date < D(year, 1, 10)  # not the first day back, still in single digits
    assert "c6" in fu.refs and weekday in fu.why
    assert fu.latest == T.business_calendar("US", None, year - 1).last_on_or_before(D(year, 1, 9))
    for industry in ("advertising", "retail"):
        f = T.plan(interview, "after the holidays", industry=industry).step("follow_up")
        assert f.date == fast and f.latest == general  # within the first three business days back
    aca = T.plan(interview, "after the holidays", industry="academia").step("follow_up")
    assert aca.date > general and aca.date == T.business_calendar("US", None, year - 1).add(general, 5)
    assert "our rule" in aca.why and "Novice Professor" in aca.why
    gov = T.plan(interview, "after the holidays", industry="government").step("follow_up")
    assert gov.date == general


def test_new_year_weekday_changes_the_date():
    dates = {row[3].day for row in NEW_YEARS_US}
    assert len(dates) >= 3


@pytest.mark.parametrize("country, subdiv, year, general", [
    ("GB", None, 2022, D(2022, 1, 6)),  # NY Sat -> observed Mon 3; back Tue 4
    ("GB", "SCT", 2022, D(2022, 1, 7)),  # Scotland also 2 Jan (Sun) -> Tue 4; back Wed 5
    ("CA", None, 2023, D(2023, 1, 5)),  # NY Sun -> observed Mon 2; back Tue 3
    ("DE", None, 2021, D(2021, 1, 6)),  # NY Fri; back Mon 4
    ("DE", "BY", 2021, D(2021, 1, 7)),  # Bavaria: Epiphany Wed 6 Jan
    ("SE", None, 2021, D(2021, 1, 7)),  # Sweden: Epiphany Wed 6 Jan
    ("SE", None, 2026, D(2026, 1, 7)),  # NY Thu; back Fri 2; Mon 5; Tue 6 Epiphany; Wed 7
])
def test_after_the_holidays_other_countries(country, subdiv, year, general):
    p = T.plan(D(year - 1, 12, 8), "after the holidays", country=country, subdivision=subdiv)
    fu = p.step("follow_up")
    assert fu.date == general
    hol = holidays.country_holidays(country, subdiv=subdiv, years=[year - 1, year])
    assert fu.date not in hol and fu.date.day < 10


def test_long_new_year_break_is_explained():
    """Russia's New Year holidays run to 8 Jan (2026: to Sun 11 Jan): Jan 10 cannot be kept."""
    fu = T.plan(D(2025, 12, 10), "after the holidays", country="RU").step("follow_up")
    assert fu.date == D(2026, 1, 14)
    assert "later than Jan. 10th" in fu.why


@pytest.mark.parametrize("interview, said, general", [
    (D(2026, 12, 1), "by Dec 28", D(2027, 1, 6)),  # NY 2027 is a Friday; back Mon 4 Jan
    (D(2026, 12, 10), "by the end of the month", D(2027, 1, 6)),
    (D(2026, 12, 20), "in 10 days", D(2027, 1, 6)),  # Wed 30 Dec
    (D(2026, 12, 28), "by Friday", D(2027, 1, 6)),  # Fri 1 Jan, New Year's Day itself
])
def test_decision_date_inside_the_break_means_january(interview, said, general):
    p = T.plan(interview, said)
    assert p.deadline is not None
    assert p.step("follow_up").date == general


def test_decision_date_just_before_the_break_is_not_moved():
    p = T.plan(D(2026, 12, 1), "by Dec 18")
    assert p.step("follow_up").date == D(2026, 12, 21)


@pytest.mark.parametrize("interview, first", [
    (D(2026, 12, 21), D(2027, 1, 6)), (D(2026, 12, 22), D(2027, 1, 6)), (D(2026, 12, 23), D(2027, 1, 6)),
    (D(2026, 12, 24), D(2027, 1, 6)),  # 5 business days on is Mon 4 Jan, the first day back itself
    (D(2026, 12, 28), D(2027, 1, 6)),  # ... Tue 5 Jan, the day after it
    (D(2027, 12, 23), D(2028, 1, 5)), (D(2027, 12, 24), D(2028, 1, 5)),  # back Mon 3 Jan 2028
])
def test_no_follow_up_on_the_first_day_back_or_the_next(interview, first):
    """Reviewer, item 4 (comment 6: "Give them a couple of days to recover and get back in the flow"):
    a follow-up that lands on the first day back, or the day after, moves as one inside the break does."""
    assert T.plan(interview, "").step("follow_up").date == first


@pytest.mark.parametrize("country, industry", [("US", "general"), ("US", "academia"), ("US", "advertising"),
                                               ("GB", "general"), ("DE", "general"), ("SE", "general")])
@pytest.mark.parametrize("season", [2026, 2027, 2028])
def test_year_end_interviews_give_monotonic_follow_ups_after_the_couple_of_days(season, country, industry):
    """Every interview from 18 Dec to 4 Jan: a later interview never gets an earlier step than an earlier one,
    and no step but the thank-you (and the holiday card, before the break) comes before two business days
    after the first day back (the advertising follow-up: the day after it, comment 6's "almost immediately")."""
    cal = T.business_calendar(country, None, season)
    back = cal.first_back(season + 1)
    settled = cal.add(back, 2)
    january = T.plan(D(season, 12, 1), "after the holidays", industry=industry, country=country)
    earliest_fu = january.step("follow_up").date
    assert earliest_fu >= (cal.add(back, 1) if industry == "advertising" else settled)
    before = None
    interview = D(season, 12, 18)
    while interview <= D(season + 1, 1, 4):
        p = T.plan(interview, "", industry=industry, country=country)
        dates = {k: p.step(k).date for k in ("follow_up", "final_follow_up", "move_on")}
        assert dates["follow_up"] >= earliest_fu, (interview, dates)
        assert dates["final_follow_up"] >= settled and dates["move_on"] >= settled, (interview, dates)
        if before is not None:
            assert all(dates[k] >= before[k] for k in dates), (interview, before, dates)
        before = dates
        interview += dt.timedelta(days=1)


def _quotes_are_from_refs(step):
    art = article()
    for q in _quotes(step.why):
        assert any(q.strip("…") in art.get(r).text for r in step.refs), (step.kind, q)


def test_a_step_moved_out_of_the_break_says_so_and_why():
    """Reviewer, item 5: a moved step's why names the day its own rule gave, why it moved (comment 6, quoted
    and in its refs) and where to; never the stale interval ("a week after the first one")."""
    p = T.plan(D(2026, 12, 3), "by the 17th")  # first follow-up Fri 18 Dec; a week on is Mon 28 Dec
    fu, final = p.step("follow_up"), p.step("final_follow_up")
    assert (fu.date, final.date) == (D(2026, 12, 18), D(2027, 1, 6))
    assert "so this comes a week after the first one" not in final.why and "within 10 business days" not in final.why
    assert "a week after the first one would be Mon 28 Dec 2026, inside the end-of-year break" in final.why
    assert "“Give them a couple of days to recover and get back in the flow”" in final.why
    assert "moves to Wed 6 Jan 2027, two business days after the first day back (Mon 4 Jan 2027)" in final.why
    assert "c6" in final.refs and "our rule" in final.why and "our definition" in final.why
    move = T.plan(D(2026, 12, 3), "we'll be in touch next week").step("move_on")  # final Mon 21 Dec
    assert move.date == D(2027, 1, 6) and "c6" in move.refs
    assert "letting it go a week after the final note" not in move.why
    assert "a week after the final note, and not before 24 days after the interview (most industries), would be " \
           "Tue 29 Dec 2026, inside the end-of-year break" in move.why
    fu = T.plan(D(2026, 12, 24), "").step("follow_up")  # 5 business days on: Mon 4 Jan, the first day back
    assert fu.date == D(2027, 1, 6)
    assert "would be Mon 4 Jan 2027, the first business day back after the end-of-year break" in fu.why
    aca = T.plan(D(2026, 12, 31), "", industry="academia").step("follow_up")
    assert "would be Fri 8 Jan 2027, before the date the January rule gives this industry" in aca.why
    for step in (final, move, fu, aca):
        _quotes_are_from_refs(step)
    usual = T.plan(D(2026, 3, 2), "").step("final_follow_up")  # not moved: the usual why, no comment 6
    assert "so this comes a week after the first one" in usual.why and "c6" not in usual.refs


def test_a_step_moved_off_a_promised_day_says_so_and_why():
    """The same for a step moved off the day they promised to get in touch (comment 13)."""
    interview = D(2026, 3, 2)
    cal = T.business_calendar("US", None, 2026)
    reading = T.read_said("HR will call you on Monday", interview, cal)
    assert reading.promised == D(2026, 3, 9)
    R = T.rules()
    fu = T._step("follow_up_after_deadline", "follow_up", reading.promised, None, R, when="by Fri 6 Mar 2026")
    moved = T._not_on_promised_day(fu, reading, cal, R)
    assert moved.date == D(2026, 3, 10) and "c13" in moved.refs
    assert "by that rule it would be Mon 9 Mar 2026, the day they said they would get in touch" in moved.why
    assert "so it moves to Tue 10 Mar 2026" in moved.why and "our rule" in moved.why
    final = T._step("final_follow_up", "final_follow_up", reading.promised, None, R)
    moved_final = T._not_on_promised_day(final, reading, cal, R, R.steps["final_follow_up"]["why_moved"],
                                         source="JobLabs")
    assert "a week after the first one would be Mon 9 Mar 2026, the day they said" in moved_final.why
    assert "so this comes a week after the first one" not in moved_final.why
    for step in (moved, moved_final):
        _quotes_are_from_refs(step)


# --- holiday card ---------------------------------------------------------------------------
def test_holiday_card_when_the_wait_spans_the_holidays():
    p = T.plan(D(2025, 12, 10), "it would be a while due to the holidays")
    assert kinds(p) == ["thank_you", "holiday_card", "follow_up", "final_follow_up", "move_on"]
    card = p.step("holiday_card")
    assert card.date == D(2025, 12, 18)
    assert "q6-chris" in card.refs and "holiday card" in card.why
    assert "reiterating her interest in joining their team, and looking forward to hearing from them" in card.why
    late = T.plan(D(2025, 12, 15), "after the holidays").step("holiday_card")
    assert late.date == D(2025, 12, 18)  # Thu: the ideal day, a week before Christmas
    later = T.plan(D(2025, 12, 17), "after the holidays").step("holiday_card")
    assert later.date == D(2025, 12, 19)  # the business day after the thank-you window (Thu 18 Dec)
    assert later.latest is None  # Fri 19 Dec is the last day to post: Mon 22 and Tue 23 to arrive
    assert T.plan(D(2025, 12, 22), "after the holidays").step("holiday_card") is None  # too late to arrive


def test_no_holiday_card_in_spring():
    assert "holiday_card" not in kinds(T.plan(D(2026, 3, 2), "2-3 weeks"))


# --- final follow-up and moving on ----------------------------------------------------------
@pytest.mark.parametrize("industry, min_days", [("general", 24), ("advertising", 24), ("retail", 13),
                                                 ("academia", 28), ("government", 54)])
def test_final_and_move_on(industry, min_days):
    p = T.plan(D(2026, 3, 2), "", industry=industry)
    fu, final, move = p.step("follow_up"), p.step("final_follow_up"), p.step("move_on")
    cal = T.business_calendar("US", None, 2026)
    assert final.date == cal.add(fu.date, 5) and final.latest == cal.add(fu.date, 10)
    assert move.date >= cal.add(final.date, 5)
    assert (move.date - p.interview).days >= min_days
    assert {"q2-chris", "c1"} <= set(move.refs)
    assert "JobLabs" in final.why and "candidate.so" in move.why


def test_government_waits_longer_than_general():
    g = T.plan(D(2026, 3, 2), "", industry="government").step("move_on").date
    assert g == D(2026, 4, 27)  # 2 Mar + 54 days = Sun 26 Apr -> Mon 27 Apr
    assert g > T.plan(D(2026, 3, 2), "").step("move_on").date


# --- agency, status, labels ------------------------------------------------------------------
def test_via_agency_shows_comment_22_as_a_readers_view():
    p = T.plan(D(2026, 3, 2), "2-3 weeks", via_agency=True)
    fu = p.step("follow_up")
    assert "c22" in fu.refs and "reader" in fu.why and "comment 22" in fu.why
    assert any("comment 22" in n for n in p.notes)
    direct = T.plan(D(2026, 3, 2), "2-3 weeks")
    assert all("c22" not in s.refs for s in direct.steps) and not direct.notes
    assert [s.date for s in p.steps] == [s.date for s in direct.steps]


def test_past_steps_are_marked_not_dropped():
    p = T.plan(D(2026, 3, 2), "", today=D(2026, 3, 9))
    status = {s.kind: s.status for s in p.steps}
    assert status == {"thank_you": "overdue", "follow_up": "today",
                      "final_follow_up": "upcoming", "move_on": "upcoming"}
    assert all(s.status is None for s in T.plan(D(2026, 3, 2)).steps)
    far = T.plan(D(2013, 1, 22), "by Feb end", today=D(2026, 11, 25))
    assert len(far.steps) == 4 and {s.status for s in far.steps} == {"overdue"}


def test_refs_are_real_and_ours_is_labelled():
    known = set(article().by_ref)
    for p in (T.plan(D(2025, 12, 10), "after the holidays", industry=i, via_agency=True)
              for i in T.INDUSTRIES):
        for s in p.steps:
            assert s.refs and set(s.refs) <= known, s
            assert s.why.strip() and "\n" not in s.why
            if s.ours:
                assert "our rule" in s.why or "is ours" in s.why, s.why
                if s.kind != "holiday_card":
                    assert s.source and s.source.split(",")[0].split(";")[0] in s.why, s.why


def _quotes(text: str) -> list[str]:
    return re.findall(r"“(.+?)”", text)


def test_quotes_are_verbatim_from_the_passages_they_cite():
    art = article()
    plans = [T.plan(D(2025, 12, 10), "after the holidays", industry=i, via_agency=True) for i in T.INDUSTRIES]
    plans += [T.plan(D(2026, 3, 2), s, via_agency=True) for s in ("", "2-3 weeks")]
    checked = 0
    for p in plans:
        for s in p.steps:
            texts = [art.get(r).text for r in s.refs]
            for q in _quotes(s.why):
                q = q.strip("…")
                assert any(q in t for t in texts), (s.kind, q)
                checked += 1
    for key, ind in T.rules().industries.items():
        for ev in ind.evidence:
            for q in _quotes(ev["text"]):
                assert ev.get("ref") and q in art.get(ev["ref"]).text, (key, q)
    assert checked >= 20


# --- inputs the page never sends -------------------------------------------------------------
@pytest.mark.parametrize("kwargs", [
    {"country": "XX"}, {"country": ""}, {"country": None}, {"country": "US", "subdivision": "ZZ"},
    {"country": "SE", "subdivision": "AB"}, {"industry": "mining"}, {"industry": ""},
])
def test_unknown_codes_raise_a_clear_value_error(kwargs):
    with pytest.raises(ValueError, match="Unknown"):
        T.plan(MON, "", **kwargs)


def test_codes_are_case_insensitive_and_whole_country_is_none():
    a = T.plan(MON, "", country="de", subdivision="by")
    assert (a.country, a.subdivision) == ("DE", "BY")
    assert T.plan(MON, "", country="DE", subdivision="").subdivision is None


@pytest.mark.parametrize("interview", [D(1899, 12, 31), D(2200, 1, 1), "2026-03-02", None])
def test_interview_out_of_range_or_not_a_date(interview):
    with pytest.raises(ValueError):
        T.plan(interview, "")


def test_datetime_is_accepted_as_its_date():
    assert T.plan(dt.datetime(2026, 3, 2, 23, 59)).interview == MON


@pytest.mark.parametrize("industry, key", [
    ("Academia", "academia"), ("higher education", "academia"), ("University", "academia"),
    ("ADVERTISING", "advertising"), ("ad agency", "advertising"), ("Retail", "retail"),
    ("public-sector", "government"), ("Government / public sector", "government"),
    ("General / most industries", "general"), ("most industries", "general")])
def test_an_industry_named_in_words_is_accepted(industry, key):
    """Callers outside the page name industries as people do; the plan is that industry's."""
    assert T.plan(D(2026, 12, 18), "after the holidays", industry=industry).industry == key
    assert (T.plan(D(2026, 12, 18), "after the holidays", industry=industry).step("follow_up").date
            == T.plan(D(2026, 12, 18), "after the holidays", industry=key).step("follow_up").date)


@pytest.mark.parametrize("country, code", [
    ("UK", "GB"), ("United Kingdom", "GB"), ("gbr", "GB"), ("USA", "US"), ("united states", "US"),
    (" Canada ", "CA"), ("Germany (DE)", "DE"), ("sweden", "SE")])
def test_a_country_named_by_another_code_or_its_name_is_accepted(country, code):
    assert T.plan(MON, "", country=country).country == code


def test_helpers_for_the_page():
    assert T.COUNTRIES["US"] == "United States" and T.COUNTRIES["SE"] == "Sweden"
    assert {"US", "GB", "CA", "DE", "SE"} <= set(T.COUNTRIES) and len(T.COUNTRIES) > 100
    assert all(len(c) == 2 for c in T.COUNTRIES)
    assert T.subdivisions("US")["CA"] == "California"
    assert T.subdivisions("GB")["SCT"] == "Scotland"
    assert T.subdivisions("SE") == {}
    assert {"general", "advertising", "retail", "academia", "government"} <= set(T.INDUSTRIES)


# --- the rule file is validated ---------------------------------------------------------------
def _broken(tmp_path, mutate):
    data = json.loads(T.RULES_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "timing_rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["steps"]["thank_you"].pop("why"), "steps.thank_you: missing field 'why'"),
    (lambda d: d["steps"]["move_on"].update(refs=["c99"]), "unknown passage 'c99'"),
    (lambda d: d["steps"]["follow_up_nothing_said"].update(source="nobody"), "unknown source 'nobody'"),
    (lambda d: d["steps"]["final_follow_up"].update(business_days=[3, 4]), "steps.final_follow_up"),
    (lambda d: d["steps"]["follow_up_after_deadline"].update(source=None), "must name its published source"),
    (lambda d: d["industries"]["retail"].pop("label"), "industries.retail: missing field 'label'"),
    (lambda d: d["industries"]["academia"]["january"].update(after_first_back=9), "industries.academia.january"),
    (lambda d: d["industries"].pop("general"), "'general' industry is required"),
    (lambda d: d["industries"]["retail"].update(aliases=["Shop"]), "industries.retail: field 'aliases'"),
    (lambda d: d["industries"]["retail"].update(aliases=["university"]), "already names another industry"),
    (lambda d: d["break"].update(starts="11-30"), "break"),
    (lambda d: d.pop("sources"), "missing field 'sources'"),
    (lambda d: d["moved"].pop("break"), "moved: missing field 'break'"),
    (lambda d: d["moved"]["refs"].update(promised=["c99"]), "unknown passage 'c99'"),
    (lambda d: d["steps"]["move_on"].update(why_moved="a week after the final note"), "steps.move_on"),
])
def test_rule_file_errors_name_file_and_field(tmp_path, mutate, where):
    with pytest.raises(T.TimingRulesError) as err:
        T.load_rules(_broken(tmp_path, mutate))
    assert str(err.value).startswith("timing_rules.json: ") and where in str(err.value)


def test_rule_file_missing_or_not_json(tmp_path):
    with pytest.raises(T.TimingRulesError, match="file is missing"):
        T.load_rules(tmp_path / "timing_rules.json")
    bad = tmp_path / "timing_rules.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(T.TimingRulesError, match="not valid UTF-8 JSON"):
        T.load_rules(bad)


def test_shipped_rule_file_loads(tmp_path):
    shutil.copy(T.RULES_FILE, tmp_path / "timing_rules.json")
    r = T.load_rules(tmp_path / "timing_rules.json")
    assert set(r.industries) == set(T.INDUSTRIES) and r.rule_table


# --- the planner's inputs as a link ------------------------------------------------------------
from followup.plan.plan_link import PlanInputs, country_from_locale, relative_day  # noqa: E402


def test_plan_link_round_trip_and_defaults_left_out():
    inputs = PlanInputs(dt.date(2026, 3, 2), "2-3 weeks", "academia", "GB", "SCT", True)
    params = inputs.to_params()
    assert params == {"interview": "2026-03-02", "said": "2-3 weeks", "industry": "academia",
                      "country": "GB", "region": "SCT", "agency": "1"}
    assert PlanInputs.from_params(params, dt.date(2026, 11, 25)) == (inputs, [])
    assert PlanInputs(dt.date(2026, 3, 2)).to_params() == {"interview": "2026-03-02", "country": "US"}


def test_plan_link_bad_values_fall_back_and_are_named():
    today = dt.date(2026, 11, 25)
    inputs, ignored = PlanInputs.from_params(
        {"interview": "31/02/2025", "industry": "<b>", "country": "ZZ", "region": "XX", "said": "x" * 1000},
        today, default_country="SE")
    assert ignored == ["interview date", "industry", "country", "region"]
    assert (inputs.interview, inputs.industry, inputs.country, inputs.region) == (today, "general", "SE", "")
    assert len(inputs.said) == 300
    assert PlanInputs.from_params({"interview": "1800-01-01"}, today)[1] == ["interview date"]


def test_plan_link_keeps_the_decision_the_user_picked():
    interview = dt.date(2026, 3, 2)
    for decision, raw in ((dt.date(2026, 4, 17), "2026-04-17"), ("none", "none")):
        inputs = PlanInputs(interview, "2-3 weeks", decision=decision)
        assert inputs.to_params()["decision"] == raw
        assert PlanInputs.from_params(inputs.to_params(), interview) == (inputs, [])
    # validated on read: before the interview, over a year after it, or not a date -> named and dropped
    for raw in ("2026-03-01", "2027-03-04", "friday", "none ", "2026-02-30"):
        inputs, ignored = PlanInputs.from_params({"interview": "2026-03-02", "decision": raw}, interview)
        assert inputs.decision is None and ignored == ["decision date"], raw
    assert PlanInputs.from_params({"interview": "2026-03-02", "decision": "2027-03-03"}, interview)[0].decision \
        == dt.date(2027, 3, 3)  # 366 days: the longest wait plan() accepts
    assert T.plan(interview, "2-3 weeks", decision=dt.date(2027, 3, 3)).deadline == dt.date(2027, 3, 3)


def test_country_from_locale_and_relative_day():
    assert country_from_locale("sv-SE") == "SE" and country_from_locale("en_GB") == "GB"
    assert country_from_locale("en") == "US" and country_from_locale(None) == "US"
    assert country_from_locale("xx-QQ") == "US"
    today = dt.date(2026, 11, 25)
    assert [relative_day(today + dt.timedelta(days=n), today) for n in (-2, -1, 0, 1, 3)] == \
        ["2 days ago", "yesterday", "today", "tomorrow", "in 3 days"]


def test_country_label_is_the_pickers_one_wording():
    """The planner, the timeline's add form and its edit form offer countries through one function."""
    assert T.country_label("DE") == "Germany (DE)"
    assert T.country_label("GB") == "United Kingdom (GB)"
    assert T.country_label("XQ") == "XQ (XQ)"  # an imported code we do not know stays readable


def test_no_window_runs_into_the_year_end_break():
    """'we'll be in touch next week' on Thu 3 Dec 2026: the final follow-up (Mon 21 Dec) keeps its
    window only until Wed 23 Dec, the last business day before the break, not into Christmas."""
    for country in ("US", "GB"):
        final = T.plan(D(2026, 12, 3), "we'll be in touch next week", country=country,
                       today=D(2026, 12, 7)).step("final_follow_up")
        assert (final.date, final.latest) == (D(2026, 12, 21), D(2026, 12, 23)), country


# --- held-out set 3's round (8 December 2026): kinds of wording, in phrases of their own ----------
@pytest.mark.parametrize("country, interview, said, want", [
    ("NZ", D(2028, 1, 27), "will hear after waitangi day", D(2028, 2, 8)),  # Sun 6 Feb, observed Mon 7
    ("CA", D(2028, 1, 31), "they decide after Family Day", D(2028, 2, 22)),
    ("IE", D(2028, 1, 10), "by St. Brigid's Day", D(2028, 2, 7)),
    ("NZ", D(2028, 5, 10), "before the king's birthday", D(2028, 6, 2)),
    ("US", D(2028, 1, 10), "after presidents' day", D(2028, 2, 22)),
])
def test_a_holiday_named_as_the_holidays_library_names_it(country, interview, said, want):
    r = T.read_said(said, interview, T.business_calendar(country, None, interview.year))
    assert (r.kind, r.deadline) == ("deadline", want)


def test_a_country_name_that_is_part_of_a_holiday_name_is_not_that_holiday():
    r = T.read_said("the Canada office will get back to me in 2 weeks", D(2028, 3, 1),
                    T.business_calendar("CA", None, 2028))
    assert (r.kind, r.deadline) == ("deadline", D(2028, 3, 15))


@pytest.mark.parametrize("said", ["she didn't really say", "they did not actually give a date", "no timeframe yet",
                                  "TBC", "honestly not sure", "it depends on the budget"])
def test_no_date_in_other_words_or_hedged_is_nothing_said(said):
    assert T.read_said(said, D(2028, 7, 13)).kind == "nothing"


@pytest.mark.parametrize("said, want", [
    ("off for christmas, they will write by the 4th", D(2029, 1, 4)),
    ("in the new year, mid January", D(2029, 1, 20)),
])
def test_a_date_said_beside_the_year_end_holidays_is_read(said, want):
    r = T.read_said(said, D(2028, 12, 18))
    assert (r.kind, r.deadline) == ("deadline", want)
    assert T.read_said("after the christmas break", D(2028, 12, 18)).kind == "holidays"


@pytest.mark.parametrize("said, want", [  # said on Wednesday 8 March 2028
    ("thursday next week", D(2028, 3, 16)), ("Tuesday this week", None), ("friday this week", D(2028, 3, 10)),
    ("another week or two", D(2028, 3, 22)), ("a couple more weeks", D(2028, 3, 22)),
    ("one more week", D(2028, 3, 15)), ("a few more days", D(2028, 3, 11)),
    ("over the coming week", D(2028, 3, 17)), ("within the next month", D(2028, 4, 8)),
    ("within the next month or two", D(2028, 5, 8)),
    ("late next week or early the week after", D(2028, 3, 21)), ("next week or the week after", D(2028, 3, 24)),
])
def test_spans_and_weekdays_said_in_other_words(said, want):
    r = T.read_said(said, D(2028, 3, 8))
    if want is None:  # a day of this week already past: asked, not moved
        assert r.kind == "not_understood" and r.asks
    else:
        assert (r.kind, r.deadline) == ("deadline", want)


@pytest.mark.parametrize("said, want", [  # said on Wednesday 8 March 2028; times that are not theirs
    ("the role starts in 3 months, decision within 2 weeks", D(2028, 3, 22)),
    ("interview took 2 hours, they said 10 days", D(2028, 3, 18)),
    ("ive been waiting 2 weeks already, they said end of month", D(2028, 3, 31)),
    ("40k a month, decision in 2 weeks", D(2028, 3, 22)), ("$25 an hour, they will call in 3 days", D(2028, 3, 11)),
    ("24/7 support role, decision end of month", D(2028, 3, 31)),
    ("by end of month", D(2028, 3, 31)), ("the month after next", D(2028, 5, 31)),
    ("it has been 10 days", None), ("the job was posted 3 weeks ago", None),
])
def test_times_that_are_not_the_employers_are_not_read_as_their_date(said, want):
    r = T.read_said(said, D(2028, 3, 8))
    if want is None:  # only elapsed time: no date of theirs, so the page asks
        assert r.kind == "not_understood" and r.deadline is None
    else:
        assert (r.kind, r.deadline) == ("deadline", want)


@pytest.mark.parametrize("said, kind, day", [  # said on Wednesday 8 March 2028
    ("she said she'd email me by friday", "deadline", D(2028, 3, 10)),  # "'d" is not shorthand for days
    ("they'll ring me monday", "deadline", D(2028, 3, 13)),  # their promise, though "ring me" is asked of you too
    ("email me next week if nothing", "nothing", D(2028, 3, 17)),  # an instruction: your follow-up
    ("any day now", "nothing", None), ("in a bit", "nothing", None),
])
def test_promises_instructions_and_no_date_in_everyday_words(said, kind, day):
    r = T.read_said(said, D(2028, 3, 8))
    assert r.kind == kind
    assert (r.deadline if kind == "deadline" else r.follow_up) == day


def test_an_instruction_by_the_end_of_a_week_reads_as_a_sentence():
    assert "follow up by the end of next week, on Fri 17 Mar 2028" in T.read_said(
        "email me next week if nothing", D(2028, 3, 8)).line


@pytest.mark.parametrize("said, want", [  # said on Wednesday 8 March 2028, British and everyday forms
    ("by 20th", D(2028, 3, 20)), ("after 20th", D(2028, 3, 21)), ("wk commencing 20th", D(2028, 3, 24)),
    ("2nd interview next tuesday", D(2028, 3, 14)),  # "2nd" with no preposition is not a date
    ("by 15.03.", D(2028, 3, 15)), ("a week tomorrow", D(2028, 3, 16)), ("tomorrow week", D(2028, 3, 16)),
    ("by the weekend", D(2028, 3, 10)), ("over the weekend", D(2028, 3, 12)), ("after the weekend", D(2028, 3, 13)),
    ("next weekend", D(2028, 3, 19)),
])
def test_short_british_dates_and_weekends(said, want):
    r = T.read_said(said, D(2028, 3, 8), T.business_calendar("GB", None, 2028))
    assert (r.kind, r.deadline) == ("deadline", want)


@pytest.mark.parametrize("said, want", [  # said on Wednesday 8 March 2028: an ordinal of something else is no date
    ("after 2nd interview they will decide in a week", D(2028, 3, 15)),
    ("after the 2nd interview, 2 weeks", D(2028, 3, 22)), ("on 2nd thought, 2 weeks", D(2028, 3, 22)),
    ("decision after 3rd round, about 2 weeks", D(2028, 3, 22)),
    ("the 2nd-round interviews finish on the 20th", D(2028, 3, 20)),
    ("by 2nd week of april", D(2028, 4, 14)), ("the third week of april", D(2028, 4, 21)),
])
def test_ordinals_of_rounds_and_weeks(said, want):
    r = T.read_said(said, D(2028, 3, 8))
    assert (r.kind, r.deadline) == ("deadline", want)


@pytest.mark.parametrize("said", ["they will decide after the holiday break", "after the winter break",
                                  "early next year", "after the year-end shutdown"])
def test_the_year_end_break_in_other_words(said):
    assert T.read_said(said, D(2026, 12, 8)).kind == "holidays"
    assert T.read_said("early next year", D(2026, 3, 3)).kind == "not_understood"  # far from the year's end: asked


def test_before_the_holiday_break_is_the_last_business_day_before_it():
    r = T.read_said("they will decide before the holiday break", D(2026, 12, 8))
    assert (r.kind, r.deadline) == ("deadline", D(2026, 12, 23))


@pytest.mark.parametrize("country, interview, said, want", [
    ("US", D(2027, 11, 15), "after the thanksgiving weekend", D(2027, 11, 29)),  # Thu holiday: after its Sunday
    ("AU", D(2027, 5, 20), "after the kings birthday long weekend", D(2027, 6, 15)),  # named, though weeks away
    ("AU", D(2027, 5, 20), "after the Queens birthday", D(2027, 6, 15)),  # the holiday's older name
    ("US", D(2027, 5, 20), "after the long weekend", D(2027, 6, 1)),
])
def test_a_named_holidays_weekend(country, interview, said, want):
    r = T.read_said(said, interview, T.business_calendar(country, None, interview.year))
    assert (r.kind, r.deadline) == ("deadline", want)
    assert "(in most regions) weekend" not in r.line


@pytest.mark.parametrize("said, kind, day", [  # said on Wednesday 14 April 2027
    ("They hope to decide in about 3 weeks. They said feel free to check in.", "deadline", D(2027, 5, 5)),
    ("feel free to follow up in 2 weeks", "nothing", D(2027, 4, 28)),  # no decision named: your step
    ("said to give them a shout in a week if I have not heard", "nothing", D(2027, 4, 21)),
    ("hiring manager said final decision end of april, start date june", "deadline", D(2027, 4, 30)),
])
def test_invitations_instructions_and_start_dates(said, kind, day):
    r = T.read_said(said, D(2027, 4, 14))
    assert r.kind == kind and (r.deadline if kind == "deadline" else r.follow_up) == day


@pytest.mark.parametrize("said, want", [  # said on Wednesday 14 April 2027: a notice period is not their timing
    ("I need to give 4 weeks notice, they said 2 weeks", D(2027, 4, 28)),
    ("1 month's notice, they will decide in a week", D(2027, 4, 21)),
    ("my notice period is 3 months; decision within 10 days", D(2027, 4, 24)),
])
def test_a_notice_period_is_not_their_timing(said, want):
    r = T.read_said(said, D(2027, 4, 14))
    assert (r.kind, r.deadline) == ("deadline", want)


# --- the second adversarial round (8 December 2026): phrases of our own for each kind of mistake --------
@pytest.mark.parametrize("country, interview, said, want", [
    # the interview's own date is not their decision date
    ("GB", D(2029, 6, 1), "Thanks for meeting us on 1/6. References take about 10 days", D(2029, 6, 11)),
    ("US", D(2029, 6, 1), "Re: our call on Friday, June 1 - decision by June 12", D(2029, 6, 12)),
    # of two times, the later one in the clause about their decision
    ("US", D(2029, 6, 1), "interviews wrap up Tuesday, decision Thursday", D(2029, 6, 7)),
    ("GB", D(2029, 6, 1), "I'm away next week, they said they'd decide by the 15th", D(2029, 6, 15)),
    ("US", D(2029, 6, 1), "Room 2.14 was the panel; a decision within 5 business days", D(2029, 6, 8)),
    # "after that", "post"
    ("US", D(2029, 6, 1), "the committee meets on the 12th, decision after that", D(2029, 6, 13)),
    ("IN", D(2029, 10, 1), "result post Diwali", D(2029, 11, 6)),
    # people and companies named like days, months and holidays
    ("US", D(2029, 6, 1), "June from HR said two weeks", D(2029, 6, 15)),
    ("US", D(2029, 6, 1), "I applied to Christmas Tree Shops, they said a week", D(2029, 6, 8)),
    ("US", D(2029, 6, 1), "they said Monday", D(2029, 6, 4)),  # a day is still a day
])
def test_second_adversarial_round(country, interview, said, want):
    r = T.read_said(said, interview, T.business_calendar(country, None, interview.year))
    assert (r.kind, r.deadline) == ("deadline", want), r.line


@pytest.mark.parametrize("country, interview, said, want", [
    ("GB", D(2029, 2, 13), "Re: Interview - Tues 13th Feb\nOutcome by Thursday 22nd Feb", D(2029, 2, 22)),  # a line break
    ("US", D(2028, 10, 2), "by the end of Novmeber", D(2028, 11, 30)),  # a capitalised month misspelt after "of"
    ("IE", D(2029, 3, 1), "after Paddy's Day", D(2029, 3, 19)),
    ("US", D(2028, 10, 11), "we'll know at the start of the new month", D(2028, 11, 7)),
    ("US", D(2028, 10, 11), "the recruiter will ring in the morning", D(2028, 10, 12)),
    ("GB", D(2028, 10, 11), "offers will be sent on 3 November", D(2028, 11, 3)),  # "sent" of the future
])
def test_second_round_small_forms(country, interview, said, want):
    r = T.read_said(said, interview, T.business_calendar(country, None, interview.year))
    assert (r.kind, r.deadline) == ("deadline", want), r.line


@pytest.mark.parametrize("said, want", [  # said on Wednesday 11 October 2028: an absence is not when they decide
    ("she's out for a week", None), ("the hiring manager is on a 2 week holiday", None),
    ("he's on leave for 2 weeks so it'll be 3 weeks", D(2028, 11, 1)),
])
def test_an_absence_is_not_their_wait(said, want):
    r = T.read_said(said, D(2028, 10, 11), T.business_calendar("GB", None, 2028))
    if want is None:
        assert r.kind == "not_understood" and r.asks
    else:
        assert (r.kind, r.deadline) == ("deadline", want)


# --- the third adversarial round (8 December 2026): phrases of our own for each kind of mistake ---------
@pytest.mark.parametrize("country, interview, said, want", [
    ("US", D(2031, 3, 4), "Thurs EOD", D(2031, 3, 6)),  # a weekday with EOD in capitals is not a company name
    ("US", D(2031, 3, 4), "the Wednesday after next", D(2031, 3, 19)),
    ("IN", D(2031, 3, 4), "next month end", D(2031, 4, 30)),
    ("GB", D(2031, 3, 4), "same time next week", D(2031, 3, 11)),
    ("IE", D(2031, 7, 22), "after the August bank holiday", D(2031, 8, 5)),  # Ireland's own name for it
    ("US", D(2031, 3, 4), "Wednesday, maybe Friday", D(2031, 3, 7)),  # of two days hedged, the later
    ("GB", D(2031, 3, 4), "Thursday (13th)", D(2031, 3, 13)),
    ("US", D(2031, 3, 4), "Mar-20", D(2031, 3, 20)), ("US", D(2031, 3, 4), "by 2031/03/21", D(2031, 3, 21)),
    ("GB", D(2031, 3, 4), "Vacancy ref 12/06 - we will decide within a week", D(2031, 3, 11)),
    ("US", D(2031, 3, 4), "Subject: Interview Follow-Up - Decision Expected Friday", D(2031, 3, 7)),
    ("NZ", D(2031, 10, 21), "after Labour weekend", D(2031, 10, 28)),
    ("US", D(2031, 3, 4), "two weeks after the application window closes on 10 March", D(2031, 3, 24)),
    ("US", D(2031, 3, 4), "within a week of the 4th", D(2031, 3, 11)),  # the 4th is the interview day
])
def test_third_adversarial_round(country, interview, said, want):
    r = T.read_said(said, interview, T.business_calendar(country, None, interview.year))
    assert (r.kind, r.deadline) == ("deadline", want), r.line


@pytest.mark.parametrize("said, want", [  # said on Wednesday 11 October 2028: a chain of two waits adds up
    ("they need a week for references, then a few days to decide", D(2028, 10, 21)),
    ("2 weeks to finish the panel, then a week to sign off", D(2028, 11, 1)),
    ("within 2 weeks", D(2028, 10, 25)),  # one wait alone is unchanged
])
def test_a_chain_of_two_waits_adds_up(said, want):
    r = T.read_said(said, D(2028, 10, 11))
    assert (r.kind, r.deadline) == ("deadline", want), r.line


def test_the_time_word_check_finds_words_not_only_digits():
    """It was sliced from two other patterns and a stray bracket left it matching digits only."""
    from followup.plan.phrases import RE_TIME_WORD
    for said in ("today", "in a fortnight", "by friday", "in may", "next weeks", "2"):
        assert RE_TIME_WORD.search(said), said
    assert not RE_TIME_WORD.search("they will be in touch soon")
