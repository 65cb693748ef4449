"""What an import checks besides each record's own validation: the file's size and encoding, CSV rows
read with any error named by its row, and that the planner knows each application's industry, country
and region (else its next steps would vanish after the import)."""
from __future__ import annotations

import csv
import io
import logging

from followup.log import failures
from followup.plan import timing

_LOG = logging.getLogger(__name__)
MAX_BYTES = 2 * 1024 * 1024


def planner_problems(app: dict) -> dict[str, str]:
    """Field -> problem for an industry, country or region code the planner does not know. Such an
    application would import, and its next steps would then be lost (the planner cannot plan it), so
    an import refuses it instead."""
    out: dict[str, str] = {}
    industry, country, region = app.get("industry"), app.get("country"), app.get("subdivision") or ""
    if industry not in timing.INDUSTRIES:
        out["industry"] = (f"'{str(industry)[:40]}' is not one the planner knows (use one of: "
                           f"{', '.join(timing.INDUSTRIES)})")
    if country not in timing.COUNTRIES:
        out["country"] = f"'{str(country)[:10]}' is not a country the planner knows (a code such as US, GB, DE)"
    elif region:
        known = timing.subdivisions(country)
        if region.upper() not in {k.upper() for k in known}:
            sample = ", ".join(list(known)[:8])
            out["subdivision"] = (f"'{region[:10]}' is not a region of {country} the planner knows"
                                  + (f" (for example {sample})" if sample else f" ({country} has none: leave it empty)"))
    return out


def _csv_problem(exc: csv.Error, delimiter: str) -> str:
    """What the csv module's error means, in the words of someone editing a spreadsheet."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return "a quote is not closed (a cell that starts with \" needs a closing \")"
    if "expected after" in text:
        sep = {"\t": "a tab", ",": "a comma", ";": "a semicolon"}.get(delimiter, repr(delimiter))
        return (f"text follows a closing quote (after a cell's closing \" comes {sep} or the end of the "
                "line; a quote inside a cell is written twice: \"\")")
    if "field larger than field limit" in text:
        return "a cell is too long"
    if "new-line character" in text:
        return "a line break inside a cell that is not in quotes"
    return "this row cannot be read as CSV"


def read_rows(text: str, delimiter: str) -> tuple[list[list[str]], str | None]:
    """All rows, or the first problem named by its row (row 1 is the header): the row where the
    reader was when it failed, counted in records as a spreadsheet numbers them."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        return [], f"Row {len(rows) + 1}: {_csv_problem(exc, delimiter)}."
    except Exception:  # noqa: BLE001 - anything else the reader raises: logged, a plain message shown
        failures.log_failure(_LOG, "reading an uploaded CSV")
        return [], f"Row {len(rows) + 1}: this row cannot be read as CSV."
    return rows, None


def decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, "The file says it is UTF-16 but is not readable. Save it as CSV UTF-8."
    else:
        if b"\x00" in data:
            return None, ("The file contains NUL bytes: it is binary, or UTF-16 without a byte-order "
                          "mark. Save it as CSV UTF-8 (or export JSON from this app).")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, (f"The file is not UTF-8 text (byte {exc.start + 1}). It may be Windows-1252 "
                          "or Latin-1: in your spreadsheet choose 'Save as CSV UTF-8' and try again.")
    if "\x00" in text:
        return None, "The file contains NUL characters. Save it as CSV UTF-8."
    return text, None


def precheck(data: bytes) -> str | None:
    if not isinstance(data, (bytes, bytearray)):
        return "The upload could not be read."
    if len(data) > MAX_BYTES:
        return (f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB "
                "(and 10,000 rows). Split it into smaller files.")
    if not data.strip():
        return "The file is empty."
    return None
