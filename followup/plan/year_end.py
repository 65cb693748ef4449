"""The year-end break in the planner's dates: from 24 December (the rule file's ``break_starts``)
until the first business day after New Year's Day, and the "couple of days" after it (comment 6:
"Give them a couple of days to recover and get back in the flow"). Pure date rules on a business
calendar; followup/plan/timing.py moves steps and words their whys with them."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.plan.business_days import BusinessCalendar
    from followup.plan.rules import Rules


def in_break(d: dt.date, cal: BusinessCalendar, R: Rules) -> bool:
    """Inside the end-of-year break: from the break start (24 Dec) until the first business
    day after New Year's Day and its observed day."""
    if d.month == 12:
        return d >= dt.date(d.year, *R.break_starts)
    if d.month == 1:
        return d < cal.first_back(d.year)
    return False


def break_january(d: dt.date, R: Rules) -> int | None:
    """The year of the January that ends the break ``d`` falls in or comes soon after: for a day
    from the break start (24 Dec) to the end of January; else None."""
    if d.month == 12 and d >= dt.date(d.year, *R.break_starts):
        return d.year + 1
    return d.year if d.month == 1 else None


def back_in_flow(d: dt.date, cal: BusinessCalendar, R: Rules) -> dt.date | None:
    """For a day from the break start to two business days after the first day back (comment 6:
    "Give them a couple of days to recover and get back in the flow"): that second business day,
    where such a step moves. None for any other day. The first day back and the day after it are
    not yet "a couple of days" back, so a step there moves too, as one inside the break does."""
    year = break_january(d, R)
    if year is None:
        return None
    settled = cal.add(cal.first_back(year), 2)
    return settled if d < settled else None


def break_where(d: dt.date, cal: BusinessCalendar, R: Rules) -> str:
    """Where ``d`` is: in the break, the first day back, the day after, or later but before the industry's
    January date (academia), in the rule file's words."""
    if in_break(d, cal, R):
        return R.moved["in_break"]
    back = cal.first_back(break_january(d, R))
    return R.moved["first_back" if d == back else "day_after" if d == cal.add(back, 1) else "before_january_date"]
