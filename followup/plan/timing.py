"""The wait-time planner's engine: dated follow-up steps after a job interview.

``plan(interview, said, industry=..., country=..., subdivision=..., via_agency=..., today=...)``
returns a :class:`Plan` whose steps each carry a date, one plain sentence saying why, and the
article passages (refs) the step rests on. Rules come first from the article; where it is
silent a published figure is used and the step says so ("our rule, after <source>"). The rule
wording and evidence live in ``content/timing_rules.json``, validated on load.

Dates are plain ``datetime.date`` values. Business days come from numpy's business-day
functions with the public holidays (observed days included) of the chosen country and
subdivision from the ``holidays`` library; nothing here imports Streamlit.

Definitions pinned by tests:

* "n business days after d" is the n-th business day strictly after d, whether or not d is
  itself a business day: one business day after a Monday holiday is the Tuesday.
* Unknown country, subdivision or industry codes raise ``ValueError`` (the page only offers
  valid ones); an interview outside 1900-2199 raises ``ValueError``. The ``said`` text never
  raises: what is not understood is said so, and planned as if nothing was said.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import holidays as holidays_lib
import numpy as np
from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta, MO, TU, WE, TH, FR, SA, SU

from followup.advice.content import CONTENT_DIR, article, read_json_object

RULES_FILE = CONTENT_DIR / "timing_rules.json"
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_SAID_CHARS = 500  # longer text is read only up to here
MAX_WAIT_DAYS = 366  # a stated decision date further than this from the interview is not understood

KINDS = ("thank_you", "holiday_card", "follow_up", "final_follow_up", "move_on")
STATUSES = ("done_or_missed", "today", "upcoming")
BASES = ("article", "reader", "ours", "article+ours", "reader+ours")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class TimingRulesError(ValueError):
    """``content/timing_rules.json`` is missing, malformed or names something unknown."""


def fmt(d: dt.date) -> str:
    """``Mon 23 Mar 2026`` (locale-independent)."""
    return f"{WEEKDAYS[d.weekday()][:3]} {d.day} {MONTHS[d.month - 1][:3]} {d.year}"


# --------------------------------------------------------------------------------------------
# Rule data
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Industry:
    key: str
    name: str
    label: str
    jan_after_first_back: int
    jan_extra_business_days: int
    jan_window_to: int | None
    jan_why: str | None
    typical_days: int
    typical_source: str
    evidence: tuple[dict, ...]


@dataclass(frozen=True)
class Rules:
    sources: dict[str, dict]
    steps: dict[str, dict]
    industries: dict[str, Industry]
    agency: dict
    break_starts: tuple[int, int]
    rule_table: tuple[tuple[str, str], ...] = ()

    def source_name(self, key: str | None) -> str | None:
        return None if key is None else self.sources[key]["name"]


def _rules_fail(where: str, msg: str) -> None:
    raise TimingRulesError(f"{RULES_FILE.name}: {where}: {msg}")


def _field(obj: object, key: str, typ, where: str, *, nullable: bool = False):
    if not isinstance(obj, dict):
        _rules_fail(where, "must be an object")
    if key not in obj:
        _rules_fail(where, f"missing field '{key}'")
    val = obj[key]
    if val is None and nullable:
        return None
    if not isinstance(val, typ) or isinstance(val, bool) and typ is not bool \
            or isinstance(val, str) and not val.strip():
        _rules_fail(where, f"field '{key}' must be a non-empty {getattr(typ, '__name__', typ)}")
    return val


STEP_KEYS = ("thank_you", "follow_up_nothing_said", "follow_up_after_deadline", "follow_up_january",
             "final_follow_up", "move_on", "holiday_card")


def load_rules(path: Path | str = RULES_FILE) -> Rules:
    """Load and validate the rule file; errors name the file and the field."""
    path = Path(path)
    data = read_json_object(path, TimingRulesError)
    known_refs = set(article().by_ref)

    def check_refs(refs, where):
        if not isinstance(refs, list) or not refs:
            _rules_fail(where, "field 'refs' must be a non-empty list")
        for r in refs:
            if r not in known_refs:
                _rules_fail(where, f"field 'refs' names unknown passage '{r}'")

    sources = _field(data, "sources", dict, "top level")
    for key, s in sources.items():
        _field(s, "name", str, f"sources.{key}")
        _field(s, "figure", str, f"sources.{key}")

    def check_source(obj, key, where, nullable=True):
        val = _field(obj, key, str, where, nullable=nullable)
        if val is not None and val not in sources:
            _rules_fail(where, f"field '{key}' names unknown source '{val}'")
        return val

    steps = _field(data, "steps", dict, "top level")
    for key in STEP_KEYS:
        where = f"steps.{key}"
        step = _field(steps, key, dict, "steps")
        _field(step, "title", str, where)
        _field(step, "why", str, where)
        check_refs(step.get("refs"), where)
        basis = _field(step, "basis", str, where)
        if basis not in BASES:
            _rules_fail(where, f"field 'basis' must be one of {BASES}")
        check_source(step, "source", where)
        if "ours" in basis and step["source"] is None and key != "holiday_card":
            _rules_fail(where, "a rule labelled 'ours' must name its published source")
    for key in ("follow_up_nothing_said", "follow_up_after_deadline", "final_follow_up"):
        bd = _field(steps[key], "business_days", list, f"steps.{key}")
        if len(bd) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in bd) \
                or not 1 <= bd[0] <= bd[1] <= 30:
            _rules_fail(f"steps.{key}", "field 'business_days' must be [low, high] with 1 <= low <= high <= 30")
    if steps["final_follow_up"]["business_days"][0] < 5:
        _rules_fail("steps.final_follow_up", "field 'business_days' must start at 5 or more")
    mo = _field(steps["move_on"], "business_days", int, "steps.move_on")
    if not 1 <= mo <= 30:
        _rules_fail("steps.move_on", "field 'business_days' must be between 1 and 30")
    dbc = _field(steps["holiday_card"], "days_before_christmas", int, "steps.holiday_card")
    if not 0 <= dbc <= 20:
        _rules_fail("steps.holiday_card", "field 'days_before_christmas' must be between 0 and 20")

    agency = _field(data, "agency", dict, "top level")
    _field(agency, "why_suffix", str, "agency")
    _field(agency, "note", str, "agency")
    check_refs(agency.get("refs"), "agency")

    brk = _field(data, "break", dict, "top level")
    starts = _field(brk, "starts", str, "break")
    m = re.fullmatch(r"12-(\d\d)", starts)
    if not m or not 15 <= int(m.group(1)) <= 31:
        _rules_fail("break", "field 'starts' must be a December day like '12-24' (15 to 31)")

    industries: dict[str, Industry] = {}
    raw_ind = _field(data, "industries", dict, "top level")
    for key, ind in raw_ind.items():
        where = f"industries.{key}"
        if not re.fullmatch(r"[a-z][a-z_]*", key):
            _rules_fail(where, "industry keys must be lowercase words")
        jan = _field(ind, "january", dict, where)
        after = _field(jan, "after_first_back", int, f"{where}.january")
        if not 0 <= after <= 5:
            _rules_fail(f"{where}.january", "field 'after_first_back' must be between 0 and 5")
        extra = jan.get("extra_business_days", 0)
        if not isinstance(extra, int) or isinstance(extra, bool) or not 0 <= extra <= 20:
            _rules_fail(f"{where}.january", "field 'extra_business_days' must be between 0 and 20")
        window_to = _field(jan, "window_to", int, f"{where}.january", nullable=True)
        if window_to is not None and not 2 <= window_to <= 31:
            _rules_fail(f"{where}.january", "field 'window_to' must be a January day")
        jan_why = _field(jan, "why", str, f"{where}.january", nullable=True)
        if (after != 2 or extra) and jan_why is None:
            _rules_fail(f"{where}.january", "a January rule that differs from the general one needs its own 'why'")
        typical = _field(ind, "typical_days", int, where)
        if not 1 <= typical <= 200:
            _rules_fail(where, "field 'typical_days' must be between 1 and 200")
        tsrc = check_source(ind, "typical_source", where, nullable=False)
        evidence = _field(ind, "evidence", list, where)
        for i, ev in enumerate(evidence):
            _field(ev, "text", str, f"{where}.evidence[{i}]")
            if ev.get("ref") is not None and ev["ref"] not in known_refs:
                _rules_fail(f"{where}.evidence[{i}]", f"field 'ref' names unknown passage '{ev['ref']}'")
            if ev.get("source") is not None and ev["source"] not in sources:
                _rules_fail(f"{where}.evidence[{i}]", f"field 'source' names unknown source '{ev['source']}'")
        industries[key] = Industry(
            key=key, name=_field(ind, "name", str, where), label=_field(ind, "label", str, where),
            jan_after_first_back=after, jan_extra_business_days=extra, jan_window_to=window_to,
            jan_why=jan_why, typical_days=typical, typical_source=tsrc, evidence=tuple(evidence))
    if "general" not in industries:
        _rules_fail("industries", "the 'general' industry is required")
    table = []
    for i, row in enumerate(_field(data, "rule_table", list, "top level")):
        table.append((_field(row, "rule", str, f"rule_table[{i}]"), _field(row, "source", str, f"rule_table[{i}]")))
    return Rules(sources=sources, steps=steps, industries=industries, agency=agency,
                 break_starts=(12, int(m.group(1))), rule_table=tuple(table))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rule file, loaded once per process (public data, the same for every visitor)."""
    return load_rules()


# --------------------------------------------------------------------------------------------
# Countries, subdivisions, industries
# --------------------------------------------------------------------------------------------
def _camel_to_words(name: str) -> str:
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).split()
    small = {"And", "Of", "The", "Da", "Du"}
    return " ".join(w.lower() if i and w in small else w for i, w in enumerate(words))


def _country_names() -> dict[str, str]:
    from holidays import registry

    names: dict[str, str] = {}
    for entry in registry.COUNTRIES.values():
        class_name, codes = entry[0], entry[1:]
        for code in codes:
            if isinstance(code, str) and len(code) == 2:
                names[code] = _camel_to_words(class_name)
    supported = holidays_lib.list_supported_countries(include_aliases=False)
    out = {code: names.get(code, code) for code in supported if len(code) == 2}
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


COUNTRIES: dict[str, str] = _country_names()  # code -> English name, every country `holidays` supports
_SUPPORTED = holidays_lib.list_supported_countries(include_aliases=False)


def industries() -> dict[str, str]:
    """Industry key -> display name, from the rule file."""
    return {k: v.name for k, v in rules().industries.items()}


INDUSTRIES: dict[str, str] = industries()


@lru_cache(maxsize=None)
def subdivisions(country: str) -> dict[str, str]:
    """Subdivision code -> name for ``country`` (empty if it has none). Unknown country: ValueError."""
    code = _check_country(country)
    codes = _SUPPORTED.get(code, [])
    if not codes:
        return {}
    try:
        aliases = holidays_lib.country_holidays(code).get_subdivision_aliases()
    except Exception:  # noqa: BLE001 - a library quirk must not break the page
        aliases = {}
    out = {}
    for s in codes:
        names = aliases.get(s) or []
        out[s] = names[0] if names and names[0] != s else s
    return out


def _check_country(country: object) -> str:
    code = country.strip().upper() if isinstance(country, str) else ""
    if code not in COUNTRIES:
        raise ValueError(f"Unknown country {country!r}: use a two-letter code from followup.timing.COUNTRIES")
    return code


def _check_subdivision(code: str, subdivision: object) -> str | None:
    if subdivision is None or subdivision == "":
        return None
    subs = subdivisions(code)
    if isinstance(subdivision, str):
        for s in subs:
            if s.upper() == subdivision.strip().upper():
                return s
    raise ValueError(f"Unknown subdivision {subdivision!r} for {code}: use one of followup.timing.subdivisions({code!r})")


# --------------------------------------------------------------------------------------------
# Business days
# --------------------------------------------------------------------------------------------
class BusinessCalendar:
    """Weekends and public holidays (observed days included) of one country and subdivision,
    for the years ``first_year`` .. ``last_year``. Years outside the library's range have no
    holidays (only weekends count there)."""

    def __init__(self, country: str, subdivision: str | None, first_year: int, last_year: int):
        try:
            with warnings.catch_warnings():  # "available only from ... to ...": outside it, weekends only
                warnings.simplefilter("ignore")
                hol = holidays_lib.country_holidays(country, subdiv=subdivision,
                                                    years=range(first_year, last_year + 1))
            names = {d: n for d, n in hol.items()}
            weekend = set(hol.weekend)
        except Exception:  # noqa: BLE001 - e.g. no country (weekends only) or a year the library rejects
            names, weekend = {}, {5, 6}
        if len(weekend) >= 7:
            weekend = {5, 6}
        self.country, self.subdivision = country, subdivision
        self.holiday_names: dict[dt.date, str] = names
        self.weekend = frozenset(weekend)
        self._cal = np.busdaycalendar(
            weekmask=[0 if i in self.weekend else 1 for i in range(7)],
            holidays=np.array(sorted(names), dtype="datetime64[D]"))

    def is_business_day(self, d: dt.date) -> bool:
        return bool(np.is_busday(np.datetime64(d, "D"), busdaycal=self._cal))

    def on_or_after(self, d: dt.date) -> dt.date:
        """``d`` if it is a business day, else the next one."""
        return np.busday_offset(np.datetime64(d, "D"), 0, roll="forward", busdaycal=self._cal).astype(dt.date)

    def add(self, d: dt.date, n: int) -> dt.date:
        """The n-th business day strictly after ``d`` (n >= 1), whether or not ``d`` is one."""
        if n < 1:
            raise ValueError("n must be 1 or more")
        return np.busday_offset(np.datetime64(d, "D"), n, roll="backward", busdaycal=self._cal).astype(dt.date)

    def last_on_or_before(self, d: dt.date) -> dt.date:
        return np.busday_offset(np.datetime64(d, "D"), 0, roll="backward", busdaycal=self._cal).astype(dt.date)

    def count(self, start: dt.date, end: dt.date) -> int:
        """Business days in ``(start, end]``."""
        return int(np.busday_count(np.datetime64(start, "D") + 1, np.datetime64(end, "D") + 1, busdaycal=self._cal))

    def first_back(self, year: int) -> dt.date:
        """The first business day after New Year's Day of ``year`` (and its observed day)."""
        return self.add(dt.date(year, 1, 1), 1)


@lru_cache(maxsize=256)
def business_calendar(country: str, subdivision: str | None, year: int) -> BusinessCalendar:
    """The calendar for plans starting in ``year``: holidays of year-1 .. year+2."""
    return BusinessCalendar(country, subdivision, year - 1, year + 2)


# --------------------------------------------------------------------------------------------
# Reading what the employer said
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """How ``said`` was read. kind: 'nothing', 'deadline', 'holidays' or 'not_understood'."""
    kind: str
    deadline: dt.date | None
    understood: str
    phrase: str | None = None  # our normalised wording, e.g. "within 2-3 weeks" (never the raw text)
    new_year: dt.date | None = None  # for 'holidays': New Year's Day the holidays end with


_NUM_WORDS = {
    "a couple of": 2, "couple of": 2, "a couple": 2, "couple": 2, "a few": 3, "few": 3,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "an": 1, "a": 1,
}
_NUM = r"(?:[0-9]{1,3}|" + "|".join(re.escape(w) for w in sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>business\s+days?|working\s+days?|work\s+days?|days?|weeks?|months?)"
_MONTH_NAMES = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NAMES.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NAMES.update({"sept": 9})
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY_RE = {name.lower(): wd for name, wd in zip(WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU))}

_RE_HOLIDAYS = re.compile(r"\bholiday|\bchristmas\b|\bxmas\b|\bnew\s+year\b|\bfestive\b")
_RE_YEAR_END = re.compile(r"\b(?:end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end)\b")
_RE_ISO = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])")
_RE_MONTH_DAY = re.compile(_MONTH + r"\s+(?:the\s+)?(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?:,?\s+(?P<year>[0-9]{4}))?")
_RE_DAY_MONTH = re.compile(r"(?<![0-9])(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>[0-9]{4}))?")
_RE_MONTH_END = re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+month\s+of\s+)?|late\s+|in\s+|during\s+)" + _MONTH
                           + r"|\b" + _MONTH.replace("?P<month>", "?P<month2>") + r"\s*(?:-|\s)\s*end\b")
_RE_MID_MONTH = re.compile(r"\bmid(?:dle\s+of)?[\s-]*" + _MONTH)
_RE_NUMERIC = re.compile(r"(?<![0-9/.])(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})(?:[/.](?P<y>[0-9]{2}|[0-9]{4}))?(?![0-9/.])")
_RE_THE_NTH = re.compile(r"\bthe\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)\b")
_RE_RANGE = re.compile(r"\b(?P<a>" + _NUM + r")\s*(?:-|to|or)\s*(?P<b>" + _NUM + r")\s+" + _UNIT + r"\b")
_RE_OR = re.compile(r"\b(?P<a>" + _NUM + r")\s+" + _UNIT + r"\s+or\s+(?P<b>" + _NUM + r")\b")
_RE_SINGLE = re.compile(r"\b(?P<b>" + _NUM + r")\s+" + _UNIT + r"\b")
_RE_NEXT_MONTH = re.compile(r"\b(?:end\s+of\s+)?next\s+month\b")
_RE_THIS_MONTH = re.compile(r"\b(?:end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end|this\s+month)\b")
_RE_NEXT_WEEK = re.compile(r"\b(?:end\s+of\s+)?next\s+week\b")
_RE_THIS_WEEK = re.compile(r"\b(?:end\s+of\s+(?:the\s+|this\s+)?week|this\s+week|the\s+weekend)\b")
_RE_WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")
_RE_TOMORROW = re.compile(r"\btomorrow\b")

EXAMPLES = ("2-3 weeks", "in a couple of weeks", "within 10 business days", "by Friday", "next week",
            "by the end of the month", "by Feb end", "by March 3", "in 3 days", "after the holidays")


def _num(word: str) -> int:
    word = re.sub(r"\s+", " ", word.strip())
    return int(word) if word.isdigit() else _NUM_WORDS[word]


def _normalise(said: object) -> str:
    if said is None:
        return ""
    if not isinstance(said, str):
        said = str(said)
    said = unicodedata.normalize("NFKC", said[: MAX_SAID_CHARS * 2])[:MAX_SAID_CHARS]
    said = re.sub(r"[\u2010-\u2015\u2212]", "-", said)
    said = "".join(ch if ch.isprintable() else " " for ch in said)
    return re.sub(r"\s+", " ", said).strip().lower()


def _midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day)


def _parse_date(year: int, month: int, day: int, interview: dt.date) -> dt.date | None:
    """A calendar date through dateutil, with the interview date (never today) as the default."""
    try:
        return date_parser.parse(f"{MONTHS[month - 1]} {day} {year}", default=_midnight(interview)).date()
    except (ValueError, OverflowError, date_parser.ParserError):
        return None


def _weekday_sentence(d: dt.date) -> str:
    return fmt(d)


def read_said(said: object, interview: dt.date, calendar: BusinessCalendar | None = None) -> Reading:
    """Read what the employer said about timing, relative to the interview date. Never raises.

    ``calendar`` is used for "business days"; without one only weekends are skipped.
    """
    try:
        return _read(said, interview, calendar)
    except Exception:  # noqa: BLE001 - no input may break the planner
        return _not_understood("the text could not be read")


def _not_understood(reason: str = "") -> Reading:
    why = f"Not understood ({reason})" if reason else "Not understood"
    return Reading("not_understood", None,
                   f"{why}, so the plan counts from the interview as if nothing was said; "
                   "try a phrase like “2-3 weeks”, “by Friday” or “by March 3”.")


def _deadline(interview: dt.date, d: dt.date | None, phrase: str, label: str | None = None) -> Reading:
    if d is None:
        return _not_understood(f"“{phrase}” is not a real date within a year of the interview")
    if d < interview:
        return _not_understood(f"“{phrase}” is before the interview")
    if (d - interview).days > MAX_WAIT_DAYS:
        return _not_understood(f"“{phrase}” is more than a year after the interview")
    label = label or (fmt(d) if phrase.startswith("by ") else f"by {fmt(d)}")
    return Reading("deadline", d, f"A decision {phrase}: {label}.", phrase=phrase)


def _read(said: object, interview: dt.date, calendar: BusinessCalendar | None) -> Reading:
    text = _normalise(said)
    if not text:
        return Reading("nothing", None, "Nothing was said about timing, so the plan counts from the interview.")
    cal = calendar or BusinessCalendar("", None, interview.year, interview.year)

    # 1. The end-of-year holidays ("after the holidays", "a while due to the holidays").
    if _RE_HOLIDAYS.search(text):
        if interview.month >= 11:
            ny = dt.date(interview.year + 1, 1, 1)
        elif interview.month == 1 and interview < cal_first_back(calendar, interview.year):
            ny = dt.date(interview.year, 1, 1)
        else:
            return _not_understood("it mentions holidays, but the end-of-year holidays are not near the "
                                   "interview date, and other holidays are not guessed")
        return Reading("holidays", None,
                       f"A decision after the end-of-year holidays; New Year’s Day {ny.year} is a "
                       f"{WEEKDAYS[ny.weekday()]}.", phrase="after the holidays", new_year=ny)
    if _RE_YEAR_END.search(text):
        return _deadline(interview, dt.date(interview.year, 12, 31), "by the end of the year")

    # 2. Explicit dates.
    if m := _RE_ISO.search(text):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12:
            return _deadline(interview, _parse_date(y, mo, d, interview), f"by {m.group(0)}")
        return _not_understood(f"“{m.group(0)}” is not a real date")
    for rx in (_RE_MONTH_DAY, _RE_DAY_MONTH):
        if m := rx.search(text):
            mo, day = _MONTH_NAMES[m["month"]], int(m["day"])
            name = f"{day} {MONTHS[mo - 1]}"
            if m["year"]:
                return _deadline(interview, _parse_date(int(m["year"]), mo, day, interview), f"by {name} {m['year']}")
            return _deadline(interview, _next_date(interview, mo, day), f"by {name}")
    if m := _RE_MONTH_END.search(text):
        mo = _MONTH_NAMES[m["month"] or m["month2"]]
        year = interview.year if mo >= interview.month else interview.year + 1
        d = dt.date(year, mo, 1) + relativedelta(day=31)
        return _deadline(interview, d, f"by the end of {MONTHS[mo - 1]}")
    if m := _RE_MID_MONTH.search(text):
        mo = _MONTH_NAMES[m["month"]]
        d = _next_date(interview, mo, 15)
        return _deadline(interview, d, f"by mid-{MONTHS[mo - 1]}", f"read as the 15th, {fmt(d)}" if d else None)
    if m := _RE_NUMERIC.search(text):
        a, b = int(m["a"]), int(m["b"])
        shown = m.group(0)
        if a > 12 and b > 12 or a == 0 or b == 0:
            return _not_understood(f"“{shown}” is not a real date")
        if a <= 12 and b <= 12 and a != b:
            return _not_understood(f"“{shown}” could be {a} {MONTHS[b - 1]} or {b} {MONTHS[a - 1]}, so it was "
                                   "not guessed; write the month as a word, like “by 3 April”")
        day, mo = (a, b) if a > 12 or a == b else (b, a)
        if m["y"]:
            y = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            return _deadline(interview, _parse_date(y, mo, day, interview), f"by {day} {MONTHS[mo - 1]} {y}")
        d = _next_date(interview, mo, day)
        if d is None and _parse_date(2000, mo, day, interview) is None:  # 2000 is a leap year
            return _not_understood(f"“{shown}” is not a real date")
        return _deadline(interview, d, f"by {day} {MONTHS[mo - 1]}")
    if m := _RE_THE_NTH.search(text):
        day = int(m["day"])
        if not 1 <= day <= 31:
            return _not_understood(f"“the {day}th” is not a day of the month")
        cur = dt.date(interview.year, interview.month, 1)
        for _ in range(13):
            d = _parse_date(cur.year, cur.month, day, interview)
            if d is not None and d >= interview:
                return _deadline(interview, d, f"by the {_ordinal(day)}")
            cur += relativedelta(months=1)
        return _not_understood()

    # 3. Durations: "2-3 weeks", "a week or two", "in 3 days", "within 10 business days".
    for rx in (_RE_RANGE, _RE_OR, _RE_SINGLE):
        if m := rx.search(text):
            b = _num(m["b"])
            a = _num(m["a"]) if "a" in m.groupdict() and m.groupdict().get("a") else None
            unit = re.sub(r"\s+", " ", m["unit"])
            far = max(a or 0, b)
            if far == 0:
                return _not_understood()
            base = unit.rstrip("s")
            if base in ("business day", "working day", "work day"):
                if far > 260:
                    return _not_understood("that is more than a year after the interview")
                d = cal.add(interview, far)
                base = "business day"
            elif base == "day":
                d = interview + dt.timedelta(days=min(far, 10_000))
            elif base == "week":
                d = interview + dt.timedelta(weeks=min(far, 2_000))
            else:
                d = interview + relativedelta(months=min(far, 240))
            plural = base + ("s" if far != 1 else "")
            if a is not None and a != b:
                lo, hi = min(a, b), max(a, b)
                phrase = f"within {lo}-{hi} {base}s"
            else:
                phrase = f"within {far} {plural}"
            return _deadline(interview, d, phrase)

    # 4. Months, weeks, weekdays.
    if _RE_NEXT_MONTH.search(text):
        return _deadline(interview, interview + relativedelta(months=1, day=31), "by the end of next month")
    if _RE_THIS_MONTH.search(text):
        return _deadline(interview, interview + relativedelta(day=31), "by the end of the month")
    if _RE_NEXT_WEEK.search(text):
        d = interview + relativedelta(weekday=MO(-1)) + dt.timedelta(days=7 + 4)
        return _deadline(interview, d, "next week", f"by the end of that week, {fmt(d)}")
    if _RE_THIS_WEEK.search(text):
        return _deadline(interview, interview + relativedelta(weekday=FR(+1)), "by the end of the week")
    if m := _RE_WEEKDAY.search(text):
        wd = _WEEKDAY_RE[m["wd"]]
        d = interview + relativedelta(days=1, weekday=wd(+1))
        return _deadline(interview, d, f"by {m['wd'].capitalize()}", f"the first after the interview, {fmt(d)}")
    if _RE_TOMORROW.search(text):
        return _deadline(interview, interview + dt.timedelta(days=1), "by the next day")
    return _not_understood()


def cal_first_back(calendar: BusinessCalendar | None, year: int) -> dt.date:
    cal = calendar or BusinessCalendar("", None, year, year)
    return cal.first_back(year)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _next_date(interview: dt.date, month: int, day: int) -> dt.date | None:
    """The next ``month``/``day`` on or after the interview (within a year), or None."""
    for year in (interview.year, interview.year + 1):
        d = _parse_date(year, month, day, interview)
        if d is not None and d >= interview:
            return d
    return None


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------
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
    status: str | None = None  # done_or_missed | today | upcoming (None without `today`)

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

    def step(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)


def _status(d: dt.date, today: dt.date | None) -> str | None:
    if today is None:
        return None
    return "done_or_missed" if d < today else "today" if d == today else "upcoming"


def _fill(template: str, **values) -> str:
    return template.format(**values)


def plan(interview: dt.date, said: str = "", *, industry: str = "general", country: str = "US",
         subdivision: str | None = None, via_agency: bool = False,
         today: dt.date | None = None) -> Plan:
    """Dated steps after an interview. See the module docstring for the rules and errors."""
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
    if industry not in R.industries:
        raise ValueError(f"Unknown industry {industry!r}: use one of {sorted(R.industries)}")
    ind = R.industries[industry]
    cal = business_calendar(code, subdiv, interview.year)
    said_text = said if isinstance(said, str) else ("" if said is None else str(said))
    reading = read_said(said_text, interview, cal)
    S = R.steps
    steps: list[Step] = []

    # Thank-you: the interview day if it is a business day, else the next one; at the latest,
    # the next business day after the interview.
    st_ = S["thank_you"]
    steps.append(Step("thank_you", cal.on_or_after(interview),
                      _fill(st_["why"], source=R.source_name(st_["source"])), tuple(st_["refs"]),
                      st_["title"], cal.add(interview, 1), st_["basis"], R.source_name(st_["source"])))
    thank_latest = steps[0].latest

    # First follow-up.
    january_year = None
    if reading.kind == "holidays":
        january_year = reading.new_year.year
    elif reading.kind == "deadline" and _in_break(reading.deadline, cal, R):
        d = reading.deadline
        january_year = d.year + 1 if d.month == 12 else d.year
    if january_year is not None:
        fu = _january_follow_up(january_year, ind, cal, R)
    elif reading.kind == "deadline":
        st_ = S["follow_up_after_deadline"]
        lo, hi = st_["business_days"]
        fu = Step("follow_up", cal.add(reading.deadline, lo),
                  _fill(st_["why"], deadline=fmt(reading.deadline), source=R.source_name(st_["source"])),
                  tuple(st_["refs"]), st_["title"], cal.add(reading.deadline, hi), st_["basis"],
                  R.source_name(st_["source"]))
    else:
        st_ = S["follow_up_nothing_said"]
        lo, hi = st_["business_days"]
        fu = Step("follow_up", cal.add(interview, lo), _fill(st_["why"], source=R.source_name(st_["source"])),
                  tuple(st_["refs"]), st_["title"], cal.add(interview, hi), st_["basis"],
                  R.source_name(st_["source"]))
    if fu.date <= thank_latest:  # never before the thank-you window has closed
        shift = cal.add(thank_latest, 1)
        fu = replace(fu, date=shift, latest=max(fu.latest or shift, shift))
    notes: list[str] = []
    if via_agency:
        fu = replace(fu, why=fu.why.rstrip(".") + R.agency["why_suffix"], refs=fu.refs + tuple(R.agency["refs"]))
        notes.append(R.agency["note"])
    steps.append(fu)

    # Final follow-up: at least 5 business days after the first.
    st_ = S["final_follow_up"]
    lo, hi = st_["business_days"]
    final = Step("final_follow_up", cal.add(fu.date, lo), _fill(st_["why"], source=R.source_name(st_["source"])),
                 tuple(st_["refs"]), st_["title"], cal.add(fu.date, hi), st_["basis"], R.source_name(st_["source"]))
    if via_agency:
        final = replace(final, refs=final.refs + tuple(R.agency["refs"]))
    steps.append(final)

    # Move on: a week after the final note, and not before the industry's typical time to hire.
    st_ = S["move_on"]
    move_date = max(cal.add(final.date, st_["business_days"]),
                    cal.on_or_after(interview + dt.timedelta(days=ind.typical_days)))
    steps.append(Step("move_on", move_date,
                      _fill(st_["why"], typical_days=ind.typical_days, industry_label=ind.label,
                            source=R.source_name(st_["source"]), industry_source=R.source_name(ind.typical_source)),
                      tuple(st_["refs"]), st_["title"], None, st_["basis"],
                      f"{R.source_name(st_['source'])}; {R.source_name(ind.typical_source)}"))

    # Holiday card, when the wait up to the first follow-up spans Christmas or New Year's Day.
    card = _holiday_card(interview, thank_latest, fu.date, R)
    if card is not None:
        steps.append(card)

    if any(_in_break(s.date, cal, R) for s in steps if s.kind != "thank_you"):
        notes.append("A date in this plan falls in the end-of-year break (from 24 December to the first "
                     "business day after New Year's Day), when many offices are quiet: expect slower replies.")

    order = {k: i for i, k in enumerate(KINDS)}
    steps.sort(key=lambda s: (s.date, order[s.kind]))
    steps = [replace(s, status=_status(s.date, today)) for s in steps]
    deadline = reading.deadline if reading.kind == "deadline" else None
    understood = reading.understood
    if reading.kind == "holidays":
        understood = understood.rstrip(".") + f", and the first business day back is {fmt(cal.first_back(reading.new_year.year))}."
    end = max(s.latest or s.date for s in steps)
    in_plan = tuple(sorted((d, n) for d, n in cal.holiday_names.items() if interview <= d <= end))
    return Plan(interview=interview, said=said_text, industry=industry, country=code, subdivision=subdiv,
                via_agency=bool(via_agency), steps=tuple(steps), deadline=deadline, understood=understood,
                reading=reading, notes=tuple(notes), today=today, country_name=COUNTRIES[code],
                holidays_in_plan=in_plan)


def _in_break(d: dt.date, cal: BusinessCalendar, R: Rules) -> bool:
    """Inside the end-of-year break: from the break start (24 Dec) until the first business
    day after New Year's Day and its observed day."""
    if d.month == 12:
        return d >= dt.date(d.year, *R.break_starts)
    if d.month == 1:
        return d < cal.first_back(d.year)
    return False


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


def _holiday_card(interview: dt.date, thank_latest: dt.date, follow_up: dt.date, R: Rules) -> Step | None:
    st_ = R.steps["holiday_card"]
    for year in range(interview.year, follow_up.year + 1):
        xmas, ny = dt.date(year, 12, 25), dt.date(year + 1, 1, 1)
        if interview < xmas <= follow_up or interview < ny <= follow_up:
            ideal = xmas - dt.timedelta(days=st_["days_before_christmas"])
            d = max(thank_latest + dt.timedelta(days=1), ideal)
            if d > dt.date(year, 12, 31):
                return None
            reason = ("about a week before Christmas, so it arrives before the break" if d == ideal
                      else "the day after your thank-you note is due, during the holiday season")
            return Step("holiday_card", d, _fill(st_["why"], card_reason=reason), tuple(st_["refs"]),
                        st_["title"], None, st_["basis"], None)
    return None
