"""The planner's inputs as a shareable link: read back from URL parameters (validated, with what
could not be used named) and written as short codes, so a link reproduces the plan."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from followup.plan import timing

MIN_INTERVIEW = dt.date(2000, 1, 1)
MAX_INTERVIEW = dt.date(2100, 12, 31)
MAX_SAID = 300  # characters of "what they said" kept in a link


def country_from_locale(locale: object) -> str:
    """The country of a browser locale like ``sv-SE`` or ``en_GB`` when the planner knows it, else US."""
    text = locale.replace("_", "-") if isinstance(locale, str) else ""
    region = text.split("-")[-1].upper() if "-" in text else ""
    return region if region in timing.COUNTRIES else "US"


@dataclass(frozen=True)
class PlanInputs:
    interview: dt.date
    said: str = ""
    industry: str = "general"
    country: str = "US"
    region: str = ""
    agency: bool = False

    def to_params(self) -> dict[str, str]:
        """URL parameters, defaults left out to keep the link short (the interview date always in)."""
        params = {"interview": self.interview.isoformat(), "said": self.said[:MAX_SAID],
                  "industry": "" if self.industry == "general" else self.industry,
                  "country": self.country, "region": self.region, "agency": "1" if self.agency else ""}
        return {k: v for k, v in params.items() if v}

    @classmethod
    def from_params(cls, params: Mapping[str, str], today: dt.date,
                    default_country: str = "US") -> tuple[PlanInputs, list[str]]:
        """Inputs from URL parameters; each value that cannot be used falls back to its default
        and is named in the returned list. Never raises."""
        ignored = []

        def text(name: str) -> str:
            value = params.get(name)
            return value if isinstance(value, str) else ""

        interview = today
        if raw := text("interview"):
            try:
                interview = dt.date.fromisoformat(raw[:10])
            except ValueError:
                interview = None
            if interview is None or not MIN_INTERVIEW <= interview <= MAX_INTERVIEW:
                ignored.append("interview date")
                interview = today
        industry = text("industry") or "general"
        if industry not in timing.INDUSTRIES:
            ignored.append("industry")
            industry = "general"
        country = text("country").upper() or default_country
        if country not in timing.COUNTRIES:
            ignored.append("country")
            country = default_country
        region = text("region")
        if region and region not in timing.subdivisions(country):
            ignored.append("region")
            region = ""
        return cls(interview, text("said")[:MAX_SAID], industry, country, region,
                   text("agency") in ("1", "true", "yes")), ignored


def relative_day(d: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days ago'."""
    n = (d - today).days
    return {0: "today", 1: "tomorrow", -1: "yesterday"}.get(n, f"in {n} days" if n > 0 else f"{-n} days ago")
