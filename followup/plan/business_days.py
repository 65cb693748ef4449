"""Business days: weekends and public holidays of a country and region from the ``holidays``
library (observed days included), plus the days the library marks as de-facto closures (its
``de_facto`` category, e.g. Sweden's Christmas Eve, Midsummer Eve and New Year's Eve), through
numpy's business-day functions."""
from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache

import holidays as holidays_lib
import numpy as np

CLOSURE_CATEGORIES = ("de_facto",)  # holidays-library categories that close offices besides public holidays


# --------------------------------------------------------------------------------------------
# Countries, subdivisions, industries
# --------------------------------------------------------------------------------------------
def _camel_to_words(name: str) -> str:
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).split()
    small = {"And", "Of", "The", "Da", "Du"}
    return " ".join(w.lower() if i and w in small else w for i, w in enumerate(words))


def _registry_codes() -> dict[str, tuple[str, str]]:
    """Every code the holidays library registers (GB, GBR, UK) -> (its two-letter code, English name)."""
    from holidays import registry

    out: dict[str, tuple[str, str]] = {}
    for entry in registry.COUNTRIES.values():
        class_name, codes = entry[0], [c for c in entry[1:] if isinstance(c, str)]
        two = next((c for c in codes if len(c) == 2), None)
        if two:
            for code in codes:
                out[code.upper()] = (two, _camel_to_words(class_name))
    return out


_REGISTRY = _registry_codes()


def _country_names() -> dict[str, str]:
    names = {two: name for two, name in _REGISTRY.values()}
    supported = holidays_lib.list_supported_countries(include_aliases=False)
    out = {code: names.get(code, code) for code in supported if len(code) == 2}
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


COUNTRIES: dict[str, str] = _country_names()  # code -> English name, every country `holidays` supports
# What else a caller may name a country by: the library's other codes (GBR, UK, USA) and the English name
_COUNTRY_ALIASES: dict[str, str] = {
    **{code: two for code, (two, _) in _REGISTRY.items() if two in COUNTRIES},
    **{name.upper(): code for code, name in COUNTRIES.items()}}


def country_label(code: str) -> str:
    """How a country is offered in every picker: "Germany (DE)"; a code we do not know (an old import) as itself."""
    return f"{COUNTRIES.get(code, code)} ({code})"
_SUPPORTED = holidays_lib.list_supported_countries(include_aliases=False)


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
    """The two-letter code of a country named by its code, another code the holidays library knows
    ("UK", "USA"), its English name or its picker label ("Germany (DE)"), in any case."""
    text = " ".join(country.split()).upper() if isinstance(country, str) else ""
    if m := re.fullmatch(r".*\(([A-Z]{2})\)", text):
        text = m.group(1)
    code = _COUNTRY_ALIASES.get(text, text)
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
@lru_cache(maxsize=None)
def closure_categories(country: str) -> tuple[str, ...]:
    """The de-facto-closure categories the library has for ``country`` (empty for most)."""
    try:
        cls = holidays_lib.country_holidays(country).__class__
    except Exception:  # noqa: BLE001
        return ()
    return tuple(c for c in CLOSURE_CATEGORIES if c in getattr(cls, "supported_categories", ()))


class BusinessCalendar:
    """Weekends, public holidays (observed days included) and de-facto closures of one country and subdivision,
    for the years ``first_year`` .. ``last_year``. Years outside the library's range have no
    holidays (only weekends count there)."""

    def __init__(self, country: str, subdivision: str | None, first_year: int, last_year: int):
        self.closures: set[dt.date] = set()  # de-facto closures (not public holidays)
        try:
            with warnings.catch_warnings():  # "available only from ... to ...": outside it, weekends only
                warnings.simplefilter("ignore")
                hol = holidays_lib.country_holidays(country, subdiv=subdivision,
                                                    years=range(first_year, last_year + 1))
                names = {d: n for d, n in hol.items()}
                weekend = set(hol.weekend)
                closures = closure_categories(country)
                if closures:
                    extra = holidays_lib.country_holidays(country, subdiv=subdivision, categories=closures,
                                                          years=range(first_year, last_year + 1))
                    for d, n in extra.items():
                        if d not in names:
                            names[d] = f"{n} (offices closed)"
                            self.closures.add(d)
                if subdivision is None:
                    for d, n in most_regions_holidays(country, first_year, last_year).items():
                        names.setdefault(d, f"{n} (in most regions)")
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

    def sub(self, d: dt.date, n: int) -> dt.date:
        """The n-th business day strictly before ``d`` (n >= 1)."""
        if n < 1:
            raise ValueError("n must be 1 or more")
        return np.busday_offset(np.datetime64(d, "D"), -n, roll="forward", busdaycal=self._cal).astype(dt.date)

    def last_on_or_before(self, d: dt.date) -> dt.date:
        return np.busday_offset(np.datetime64(d, "D"), 0, roll="backward", busdaycal=self._cal).astype(dt.date)

    def count(self, start: dt.date, end: dt.date) -> int:
        """Business days in ``(start, end]``."""
        return int(np.busday_count(np.datetime64(start, "D") + 1, np.datetime64(end, "D") + 1, busdaycal=self._cal))

    def first_back(self, year: int) -> dt.date:
        """The first business day after New Year's Day of ``year`` (and its observed day)."""
        return self.add(dt.date(year, 1, 1), 1)


@lru_cache(maxsize=64)
def most_regions_holidays(country: str, first_year: int, last_year: int) -> dict[dt.date, str]:
    """Public holidays in more than half of ``country``'s regions (subdivisions) but not in all of
    them, from the ``holidays`` library. With no region picked, these count as days off too: the
    library's whole-country calendar holds only the days common to every region, which left out,
    for example, England's Easter Monday (a holiday in 3 of the UK's 4 nations) and Canada's
    Thanksgiving. A follow-up a day later in a region that works that day costs nothing; one sent
    on most of the country's day off is sent to an empty office."""
    regions = _SUPPORTED.get(country, [])
    if len(regions) < 2:
        return {}
    years = range(first_year, last_year + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        common = set(holidays_lib.country_holidays(country, years=years))
        seen: dict[dt.date, list[str]] = {}
        for region in regions:
            try:
                for d, n in holidays_lib.country_holidays(country, subdiv=region, years=years).items():
                    if d not in common:
                        seen.setdefault(d, []).append(n)
            except Exception:  # noqa: BLE001 - one region the library cannot do does not stop the rest
                continue
    return {d: max(set(ns), key=ns.count) for d, ns in sorted(seen.items()) if len(ns) * 2 > len(regions)}


@lru_cache(maxsize=256)
def business_calendar(country: str, subdivision: str | None, year: int) -> BusinessCalendar:
    """The calendar for plans starting in ``year``: holidays of year-1 .. year+2."""
    return BusinessCalendar(country, subdivision, year - 1, year + 2)

