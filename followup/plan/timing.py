"""The wait-time planner's engine: dated follow-up steps after a job interview.

``plan(interview, said, industry=..., country=..., subdivision=..., via_agency=..., today=...,
decision=...)`` returns a :class:`Plan` whose steps each carry a date, one plain sentence saying
why, and the article passages (refs) the step rests on. Rules come first from the article; where it
is silent a published figure is used and the step says so ("our rule, after <source>"). The rule
wording and evidence live in ``content/timing_rules.json`` (followup/plan/rules.py validates it);
what the employer said is read by followup/plan/reading.py; business days come from
followup/plan/business_days.py. Nothing here imports Streamlit.

Definitions pinned by tests:

* "n business days after d" is the n-th business day strictly after d, whether or not d is
  itself a business day: one business day after a Monday holiday is the Tuesday.
* Unknown country, subdivision or industry codes raise ``ValueError`` (the page only offers
  valid ones); a country may also be named by another code the holidays library knows ("UK",
  "USA") or its English name, an industry by its name or an alias in the rule file, in any case; an interview outside 1900-2199 raises ``ValueError``. The ``said`` text never
  raises. Text that is not understood never becomes the nothing-said plan: the plan waits
  (``Plan.waiting``, only the thank-you) until the user picks the date (``decision``).
* No step but the thank-you falls in the year-end break (24 December to the first business day
  back, in every country) or on the first day back or the next: such a step moves to two business
  days after the first day back, a follow-up to its industry's January date, so a later interview
  never gets an earlier step; the holiday card goes out on a business day early enough to arrive
  before the break; de-facto closures (the holidays library's ``de_facto`` category) are not
  business days.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from followup.plan.business_days import (COUNTRIES, BusinessCalendar, business_calendar,  # noqa: F401
                                         country_label, subdivisions, _check_country, _check_subdivision)
from followup.plan.reading import MONTHS, WEEKDAYS, Reading, fmt, picked, read  # noqa: F401
from followup.plan.status import step_status
from followup.plan import year_end
from followup.plan.rules import (BASES, RULES_FILE, Industry, Rules, TimingRulesError,  # noqa: F401
                                 load_rules, rules)

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_WAIT_DAYS = 366  # a stated or picked decision date further than this from the interview is refused

KINDS = ("thank_you", "holiday_card", "keep_in_touch", "follow_up", "final_follow_up", "move_on")
STATUSES = ("overdue", "today", "upcoming")  # followup.plan.status.step_status
EXAMPLES = ("2-3 weeks", "by Friday", "early next month", "a week from Friday", "after Thanksgiving",
            "by end of Q1", "EOW", "by March 3", "after the holidays")


def industries() -> dict[str, str]:
    """Industry key -> display name, from the rule file."""
    return {k: v.name for k, v in rules().industries.items()}


INDUSTRIES: dict[str, str] = industries()


def read_said(said: object, interview: dt.date, calendar: BusinessCalendar | None = None) -> Reading:
    """Read what the employer said about timing, relative to the interview date. Never raises.
    Without a ``calendar`` only weekends are skipped and named holidays are not found."""
    cal = calendar or BusinessCalendar("", None, interview.year - 1, interview.year + 2)
    return read(said, interview, cal)


@dataclass(frozen=True)
class Step:
    kind: str
    date: dt.date
    why: str  # one plain sentence; rules that are ours say "our rule, after <source>"
    refs: tuple[str, ...]  # article passages the step rests on
    title: str = ""
    latest: dt.date | None = None  # the end of the window, when the step has one
    basis: str = "article"  # article | reader | ours | article+ours | reader+ours
    source: str | None = None  # the published source of the part that is ours
    status: str | None = None  # overdue | today | upcoming (None without `today`): step_status

    @property
    def ours(self) -> bool:
        return "ours" in self.basis


@dataclass(frozen=True)
class Plan:
    interview: dt.date
    said: str
    industry: str
    country: str
    subdivision: str | None
    via_agency: bool
    steps: tuple[Step, ...]
    deadline: dt.date | None
    understood: str
    reading: Reading
    notes: tuple[str, ...] = ()
    today: dt.date | None = None
    country_name: str = ""
    holidays_in_plan: tuple[tuple[dt.date, str], ...] = field(default=())
    waiting: bool = False  # not understood: only the thank-you until the user picks the date

    def step(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)

    @property
    def line(self) -> str:
        """One line: what was understood ("I read this as: a decision by Fri 24 Oct 2025.")."""
        return self.reading.line


def _status(d: dt.date, today: dt.date | None, latest: dt.date | None = None) -> str | None:
    """The shared status (``followup.plan.status``): today inside a step's window is "today"."""
    return None if today is None else step_status(d, today, latest)


def _fill(template: str, **values) -> str:
    return template.format(**values)


def _step(key: str, kind: str, date: dt.date, latest: dt.date | None, R: Rules, **values) -> Step:
    st_ = R.steps[key]
    src = R.source_name(st_["source"])
    return Step(kind, date, _fill(st_["why"], source=src, **values), tuple(st_["refs"]), st_["title"], latest,
                st_["basis"], src)


def _decided(decision: object, interview: dt.date) -> Reading | None:
    """The reading the user picked on the page: a date, or "none" (they gave no date)."""
    if decision is None:
        return None
    if decision == "none":
        return Reading("nothing", None, "You said they gave no date, so the plan counts from the interview.",
                       line="I read this as: no date given (your choice).", picked=True)
    if isinstance(decision, dt.datetime):
        decision = decision.date()
    if not isinstance(decision, dt.date) or not 0 <= (decision - interview).days <= MAX_WAIT_DAYS:
        raise ValueError("decision must be 'none' or a date from the interview to a year after it")
    return picked(decision)


def plan(interview: dt.date, said: str = "", *, industry: str = "general", country: str = "US",
         subdivision: str | None = None, via_agency: bool = False,
         today: dt.date | None = None, decision: dt.date | str | None = None) -> Plan:
    """Dated steps after an interview. See the module docstring for the rules and errors.
    ``decision`` (a date, or "none") is what the user picked instead of the reading of ``said``."""
    if isinstance(interview, dt.datetime):
        interview = interview.date()
    if not isinstance(interview, dt.date):
        raise ValueError("interview must be a datetime.date")
    if not MIN_DATE <= interview <= MAX_DATE:
        raise ValueError(f"interview must be between {MIN_DATE} and {MAX_DATE}")
    if isinstance(today, dt.datetime):
        today = today.date()
    if today is not None and not isinstance(today, dt.date):
        raise ValueError("today must be a datetime.date or None")
    code = _check_country(country)
    subdiv = _check_subdivision(code, subdivision)
    R = rules()
    key = R.industry_key(industry)  # "Academia" and "higher education" are accepted too
    if key is None:
        raise ValueError(f"Unknown industry {industry!r}: use one of {sorted(R.industries)}")
    industry, ind = key, R.industries[key]
    cal = business_calendar(code, subdiv, interview.year)
    said_text = said if isinstance(said, str) else ("" if said is None else str(said))
    reading = _decided(decision, interview) or read_said(said_text, interview, cal)
    S = R.steps

    # Thank-you: the interview day if it is a business day, else the next one; at the latest,
    # the next business day after the interview.
    thank = _step("thank_you", "thank_you", cal.on_or_after(interview), cal.add(interview, 1), R)
    steps: list[Step] = [thank]
    thank_latest = thank.latest
    notes: list[str] = []
    if reading.kind == "not_understood":  # the page asks for the date; the plan waits for it
        return _finish(interview, said_text, industry, code, subdiv, via_agency, steps, reading, notes, today,
                       cal, waiting=True)

    # First follow-up.
    january_year = None
    if reading.kind == "holidays":
        january_year = reading.new_year.year
    elif reading.kind == "deadline" and year_end.in_break(reading.deadline, cal, R):
        d = reading.deadline
        january_year = d.year + 1 if d.month == 12 else d.year
    if january_year is not None:
        fu = _january_follow_up(january_year, ind, cal, R)
    elif reading.follow_up is not None:  # they told the candidate when to follow up (comment 9)
        fu = _step("follow_up_as_asked", "follow_up", reading.follow_up, cal.add(reading.follow_up, 1), R,
                   asked=fmt(reading.follow_up))
    elif reading.kind == "deadline":
        lo, hi = S["follow_up_after_deadline"]["business_days"]
        fu = _step("follow_up_after_deadline", "follow_up", cal.add(reading.deadline, lo),
                   cal.add(reading.deadline, hi), R,
                   when=f"{'no sooner than' if reading.earliest else 'by'} {fmt(reading.deadline)}")
    else:
        lo, hi = S["follow_up_nothing_said"]["business_days"]
        fu = _step("follow_up_nothing_said", "follow_up", cal.add(interview, lo), cal.add(interview, hi), R)
    if fu.date <= thank_latest:  # never before the thank-you window has closed
        shift = cal.add(thank_latest, 1)
        fu = replace(fu, date=shift, latest=max(fu.latest or shift, shift))
    fu = _not_on_promised_day(fu, reading, cal, R)
    if (year := year_end.break_january(fu.date, R)) is not None:  # in the break, or before they are back in the flow
        january = _january_follow_up(year, ind, cal, R)
        if fu.date < january.date:
            clause = _fill(R.moved["january"], unmoved=fmt(fu.date), where=year_end.break_where(fu.date, cal, R))
            fu = replace(january, why=f"{january.why.rstrip('.')}; {clause}.")
    fu = _window_before_break(fu, cal, R)
    if via_agency:
        fu = replace(fu, why=fu.why.rstrip(".") + R.agency["why_suffix"], refs=fu.refs + tuple(R.agency["refs"]))
        notes.append(R.agency["note"])
    steps.append(fu)

    # Final follow-up: at least 5 business days after the first.
    lo, hi = S["final_follow_up"]["business_days"]
    final = _step("final_follow_up", "final_follow_up", cal.add(fu.date, lo), cal.add(fu.date, hi), R)
    final_why = dict(why_moved=S["final_follow_up"]["why_moved"], source=R.source_name(S["final_follow_up"]["source"]))
    unmoved = final
    final = _after_break(final, cal, R, hi - lo, **final_why)
    final = _not_on_promised_day(final, reading, cal, R, **(final_why if final is unmoved else {}))
    if via_agency:
        final = replace(final, refs=final.refs + tuple(R.agency["refs"]))
    steps.append(final)

    # Move on: a week after the final note, and not before the industry's typical time to hire.
    st_ = S["move_on"]
    move_date = max(cal.add(final.date, st_["business_days"]),
                    cal.on_or_after(interview + dt.timedelta(days=ind.typical_days)))
    values = dict(typical_days=ind.typical_days, industry_label=ind.label, source=R.source_name(st_["source"]),
                  industry_source=R.source_name(ind.typical_source))
    move = Step("move_on", move_date, _fill(st_["why"], **values), tuple(st_["refs"]), st_["title"], None,
                st_["basis"], f"{R.source_name(st_['source'])}; {R.source_name(ind.typical_source)}")
    steps.append(_after_break(move, cal, R, 0, st_["why_moved"], **values))

    # Invited to keep in touch (comment 10) and a long wait: one value-adding touch half-way.
    touch = _keep_in_touch(reading, thank_latest, fu.date, cal, R)
    if touch is not None:
        steps.append(touch)

    # Holiday card, when the wait up to the first follow-up spans Christmas or New Year's Day.
    card = _holiday_card(interview, thank_latest, fu.date, cal, R)
    if card is not None:
        steps.append(card)
    return _finish(interview, said_text, industry, code, subdiv, via_agency, steps, reading, notes, today, cal)


def _finish(interview, said_text, industry, code, subdiv, via_agency, steps, reading, notes, today, cal,
            *, waiting=False) -> Plan:
    order = {k: i for i, k in enumerate(KINDS)}
    steps.sort(key=lambda s: (s.date, order[s.kind]))
    steps = [replace(s, status=_status(s.date, today, s.latest)) for s in steps]
    understood = reading.understood
    if reading.kind == "holidays":
        understood = understood.rstrip(".") + f", and the first business day back is {fmt(cal.first_back(reading.new_year.year))}."
    end = max(s.latest or s.date for s in steps)
    in_plan = tuple(sorted((d, n) for d, n in cal.holiday_names.items() if interview <= d <= end))
    return Plan(interview=interview, said=said_text, industry=industry, country=code, subdivision=subdiv,
                via_agency=bool(via_agency), steps=tuple(steps),
                deadline=reading.deadline if reading.kind == "deadline" else None, understood=understood,
                reading=reading, notes=tuple(notes), today=today, country_name=COUNTRIES[code],
                holidays_in_plan=in_plan, waiting=waiting)


def _after_break(step: Step, cal: BusinessCalendar, R: Rules, window: int, why_moved: str | None = None,
                 **values) -> Step:
    """A step that would fall in the break, or on the first day back or the next, moves to two
    business days after the first day back (comment 6: "Give them a couple of days to recover and
    get back in the flow"); its why then says so (``why_moved`` filled with ``values``)."""
    d = year_end.back_in_flow(step.date, cal, R)
    if d is None:
        return _window_before_break(step, cal, R)
    return _moved(step, d, cal.add(d, window) if step.latest and window else step.latest and d, "break", cal, R,
                  why_moved, **values)


def _window_before_break(step: Step, cal: BusinessCalendar, R: Rules) -> Step:
    """A step before the break whose window would run into it (or into the first two days back)
    ends its window on the last business day before the break: no window crosses the holidays."""
    if not step.latest or step.latest <= step.date or year_end.back_in_flow(step.latest, cal, R) is None:
        return step
    start = dt.date(year_end.break_january(step.latest, R) - 1, *R.break_starts)
    return replace(step, latest=max(step.date, cal.sub(start, 1)))


def _not_on_promised_day(step: Step, reading: Reading, cal: BusinessCalendar, R: Rules,
                         why_moved: str | None = None, **values) -> Step:
    """No follow-up on the day the employer promised to call (comment 13): the next business day."""
    if reading.promised is None or step.date != reading.promised:
        return step
    d = cal.add(step.date, 1)
    return _moved(step, d, max(step.latest or d, d), "promised", cal, R, why_moved, **values)


def _moved(step: Step, d: dt.date, latest: dt.date | None, reason: str, cal: BusinessCalendar, R: Rules,
           why_moved: str | None = None, **values) -> Step:
    """``step`` moved to ``d`` for ``reason`` ("break" or "promised"), its why saying from which day and
    why, quoting the passage the move rests on (added to its refs): with the step's ``why_moved``
    template when it has one (its usual why names an interval the move breaks), else added to its why."""
    M = R.moved
    if reason == "break":
        back = cal.first_back(year_end.break_january(step.date, R))
        clause = _fill(M["break"], unmoved=fmt(step.date), where=year_end.break_where(step.date, cal, R), date=fmt(d),
                       first_back=fmt(back))
    else:
        clause = _fill(M["promised"], unmoved=fmt(step.date), date=fmt(d))
    if why_moved:
        why = _fill(why_moved, moved=clause, **values)
    else:
        why = f"{step.why.rstrip('.')}; {_fill(M['added'], moved=clause)}."
    refs = step.refs + tuple(r for r in M["refs"][reason] if r not in step.refs)
    return replace(step, date=d, latest=latest, why=why, refs=refs)


def _keep_in_touch(reading: Reading, thank_latest: dt.date, follow_up: dt.date, cal: BusinessCalendar,
                   R: Rules) -> Step | None:
    st_ = R.steps["keep_in_touch"]
    gap = cal.count(thank_latest, follow_up)
    if not reading.invited or gap < st_["min_wait_business_days"]:
        return None
    d = cal.add(thank_latest, gap // 2)
    if year_end.back_in_flow(d, cal, R) is not None or d == reading.promised:
        return None
    return Step("keep_in_touch", d, st_["why"], tuple(st_["refs"]), st_["title"], None, st_["basis"], None)


def _january_follow_up(year: int, ind: Industry, cal: BusinessCalendar, R: Rules) -> Step:
    st_ = R.steps["follow_up_january"]
    ny = dt.date(year, 1, 1)
    first_back = cal.first_back(year)
    general_date = cal.add(first_back, 2)
    d = cal.add(first_back, ind.jan_after_first_back) if ind.jan_after_first_back else first_back
    if ind.jan_extra_business_days:
        d = cal.add(d, ind.jan_extra_business_days)
    latest = None
    if ind.jan_window_to is not None:
        last = cal.last_on_or_before(dt.date(year, 1, ind.jan_window_to))
        latest = last if last > d else None
    elif ind.jan_after_first_back < 2 and not ind.jan_extra_business_days:
        latest = cal.add(first_back, 2)  # within the first three business days back
    if ind.jan_why:
        src = R.source_name("novice-professor") if ind.jan_extra_business_days else None
        why = _fill(ind.jan_why, first_back=fmt(first_back), general_date=fmt(general_date), source=src)
        basis = "reader+ours" if ind.jan_extra_business_days else "reader"
        source = src
    else:
        late_note = ""
        if d.day >= 10:
            late_note = (f" (later than Jan. 10th, because the New Year holidays here last until "
                         f"{fmt(first_back - dt.timedelta(days=1))})")
        why = _fill(st_["why"], year=year, new_year_weekday=WEEKDAYS[ny.weekday()], first_back=fmt(first_back),
                    late_note=late_note)
        basis, source = st_["basis"], R.source_name(st_["source"])
    return Step("follow_up", d, why, tuple(st_["refs"]), st_["title"], latest, basis, source)


def _holiday_card(interview: dt.date, thank_latest: dt.date, follow_up: dt.date, cal: BusinessCalendar,
                  R: Rules) -> Step | None:
    """On a business day about a week before Christmas (or the first after the thank-you window),
    with ``mail_business_days`` business days left to arrive before the break starts;
    none when that is no longer possible."""
    st_ = R.steps["holiday_card"]
    for year in range(interview.year, follow_up.year + 1):
        xmas, ny = dt.date(year, 12, 25), dt.date(year + 1, 1, 1)
        if interview < xmas <= follow_up or interview < ny <= follow_up:
            ideal = cal.last_on_or_before(xmas - dt.timedelta(days=st_["days_before_christmas"]))
            # posted n business days before the last business day before the break, it arrives before it
            latest = cal.sub(dt.date(year, *R.break_starts), st_["mail_business_days"] + 1)
            d = max(cal.add(thank_latest, 1), ideal)
            if d > latest:
                return None
            reason = ("about a week before Christmas, so it arrives before the break" if d == ideal
                      else "the business day after your thank-you note is due, early enough to arrive before the break")
            return Step("holiday_card", d, _fill(st_["why"], card_reason=reason), tuple(st_["refs"]),
                        st_["title"], latest if latest > d else None, st_["basis"], None)
    return None
