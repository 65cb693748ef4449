"""The planner's inputs as a shareable link: read back from URL parameters (validated, with what
could not be used named) and written as short codes, so a link reproduces the plan."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from followup.dates import country_from_locale  # noqa: F401  (its old path)
from followup.plan import timing

MIN_INTERVIEW = dt.date(2000, 1, 1)
MAX_INTERVIEW = dt.date(2100, 12, 31)
MAX_SAID = 300  # characters of "what they said" kept in a link


@dataclass(frozen=True)
class PlanInputs:
    interview: dt.date
    said: str = ""
    industry: str = "general"
    country: str = "US"
    region: str = ""
    agency: bool = False
    decision: dt.date | str | None = None  # "Not what they said?": a picked decision date, or "none"

    def to_params(self) -> dict[str, str]:
        """URL parameters, defaults left out to keep the link short (the interview date always in)."""
        params = {"interview": self.interview.isoformat(), "said": self.said[:MAX_SAID],
                  "industry": "" if self.industry == "general" else self.industry,
                  "country": self.country, "region": self.region, "agency": "1" if self.agency else "",
                  "decision": self.decision.isoformat() if isinstance(self.decision, dt.date)
                  else "none" if self.decision == "none" else ""}
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
        decision = read_decision(text("decision"), interview)
        if text("decision") and decision is None:
            ignored.append("decision date")
        return cls(interview, text("said")[:MAX_SAID], industry, country, region,
                   text("agency") in ("1", "true", "yes"), decision), ignored


def read_decision(raw: str, interview: dt.date) -> dt.date | str | None:
    """A link's ``decision``: "none" (they gave no date) or an ISO date from the interview to
    ``timing.MAX_WAIT_DAYS`` after it (what ``timing.plan(decision=...)`` accepts); else None."""
    if raw == "none":
        return "none"
    try:
        d = dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        return None
    return d if 0 <= (d - interview).days <= timing.MAX_WAIT_DAYS else None


def relative_day(d: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days ago'."""
    n = (d - today).days
    return {0: "today", 1: "tomorrow", -1: "yesterday"}.get(n, f"in {n} days" if n > 0 else f"{-n} days ago")


def app_root(page_url: object) -> str:
    """The app's root address from the address of one of its pages other than the home page
    (``st.context.url``, e.g. ``http://host:8501/timeline`` -> ``http://host:8501``); "" when the
    page's address is unknown."""
    if not isinstance(page_url, str) or "://" not in page_url:
        return ""
    url = page_url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.rsplit('/', 1)[0]}" if "/" in rest else url


def planner_link(root: str, inputs: PlanInputs) -> str:
    """The planner's link for ``inputs`` (absolute when ``root`` is known): it reproduces the plan."""
    return f"{root}/planner?{urlencode(inputs.to_params())}"
