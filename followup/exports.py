"""Exports (CSV, JSON, .ics) and validated imports (CSV, JSON) of a timeline log.

A *log* is a list of applications (dicts with ``uid``, the application fields and ``events``,
a list of dicts with ``uid``, ``kind``, ``date``, ``done``, ``note``), as
``followup.tracker.load_log`` returns (database ids are dropped on export).

- CSV is spreadsheet-safe: a cell beginning with ``= + - @`` TAB, CR or LF (after any run of
  ``'``) gets one ``'`` in front; import strips exactly that one ``'``, so a round trip is lossless.
- JSON is the lossless backup.
- Import validates the whole file first and reports errors by row; nothing is written unless
  everything is valid (then ``tracker.import_log`` writes it in one transaction).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field

from followup.tracker import KINDS, STATUSES, ValidationError, clean_application, clean_event

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
FORMAT = "followup-timeline"
FORMAT_VERSION = 1

APP_COLUMNS = ["application_id", "company", "role", "contact", "via_agency", "status", "said",
               "industry", "country", "subdivision"]
EVENT_COLUMNS = ["event_id", "kind", "date", "done", "note"]
CSV_COLUMNS = APP_COLUMNS + EVENT_COLUMNS
REQUIRED_COLUMNS = {"company", "kind", "date", "done"}
APP_KEYS = ["company", "role", "contact", "via_agency", "status", "said", "industry", "country",
            "subdivision"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


# --- spreadsheet-safe cells ---------------------------------------------------------------------
def neutralise(value: str) -> str:
    """Prefix one ``'`` when a spreadsheet would read the cell as a formula (also when the
    cell is already ``'``+trigger, so that :func:`restore` is its exact inverse)."""
    return "'" + value if value.lstrip("'").startswith(TRIGGERS) else value


def restore(value: str) -> str:
    if value.startswith("'") and value[1:].lstrip("'").startswith(TRIGGERS):
        return value[1:]
    return value


# --- exports ------------------------------------------------------------------------------------
def _plain(log: list[dict]) -> list[dict]:
    """The log without database ids, in export order."""
    return [{"uid": a["uid"], **{k: a[k] for k in APP_KEYS},
             "events": [{k: e[k] for k in ("uid", "kind", "date", "done", "note")}
                        for e in a.get("events", [])]} for a in log]


def to_csv(log: list[dict]) -> bytes:
    """One row per event (application fields repeated); an application without events gets one
    row with empty event cells. UTF-8 with BOM so that spreadsheets read accents right."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for a in _plain(log):
        app_cells = [a["uid"], a["company"], a["role"], a["contact"], "yes" if a["via_agency"] else "no",
                     a["status"], a["said"], a["industry"], a["country"], a["subdivision"]]
        evs = a["events"] or [None]
        for e in evs:
            ev_cells = ["", "", "", "", ""] if e is None else [
                e["uid"], e["kind"], e["date"].isoformat(), "done" if e["done"] else "planned", e["note"]]
            w.writerow([neutralise(str(c)) for c in app_cells + ev_cells])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(log: list[dict]) -> bytes:
    data = {"format": FORMAT, "version": FORMAT_VERSION,
            "applications": [{**{k: v for k, v in a.items() if k != "events"},
                              "events": [{**e, "date": e["date"].isoformat()} for e in a["events"]]}
                             for a in _plain(log)]}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def to_ics(log: list[dict], now: dt.datetime | None = None) -> bytes:
    """Planned (not done) steps as all-day events. Stable UIDs (from the event's uid)."""
    from icalendar import Calendar, Event

    from followup.tracker import KINDS as LABELS

    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Interview Follow-Up Coach//timeline//EN")
    cal.add("version", "2.0")
    for a in _plain(log):
        if a["status"] != "active":
            continue
        for e in a["events"]:
            if e["done"]:
                continue
            ev = Event()
            ev.add("uid", f"{e['uid']}@followup-coach")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", e["date"])
            ev.add("dtend", e["date"] + dt.timedelta(days=1))
            ev.add("summary", f"{LABELS.get(e['kind'], e['kind'])}: {a['company']}"
                              + (f" ({a['role']})" if a["role"] else ""))
            if e["note"]:
                ev.add("description", e["note"])
            cal.add_component(ev)
    return cal.to_ical()


# --- imports ------------------------------------------------------------------------------------
@dataclass
class ParseResult:
    log: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "Row 3: date ..." or a file-level message
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.log)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$")


def parse_date(text: object) -> tuple[dt.date | None, str | None]:
    """Strict YYYY-MM-DD. Returns (date, None) or (None, message)."""
    if not isinstance(text, str):
        return None, "date must be text in the form YYYY-MM-DD"
    s = text.strip()
    if _ISO.match(s):
        try:
            return dt.date.fromisoformat(s), None
        except ValueError:
            return None, f"date '{s}' does not exist on the calendar"
    m = _SLASHED.match(s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            return None, (f"date '{s}' is ambiguous (day/month or month/day?): "
                          "write dates as YYYY-MM-DD")
        return None, f"date '{s}' is not in the form YYYY-MM-DD: write dates as YYYY-MM-DD"
    if not s:
        return None, "date is missing (YYYY-MM-DD)"
    return None, f"date '{s[:40]}' is not in the form YYYY-MM-DD"


def _decode(data: bytes) -> tuple[str | None, str | None]:
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


def _precheck(data: bytes) -> str | None:
    if not isinstance(data, (bytes, bytearray)):
        return "The upload could not be read."
    if len(data) > MAX_BYTES:
        return f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB."
    if not data.strip():
        return "The file is empty."
    return None


def parse_upload(name: str, data: bytes) -> ParseResult:
    """Parse and validate a CSV or JSON upload (chosen by content, then by name)."""
    problem = _precheck(data)
    if problem:
        return ParseResult(errors=[problem])
    text, problem = _decode(bytes(data))
    if problem:
        return ParseResult(errors=[problem])
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) or str(name).lower().endswith(".json"):
        return parse_json(text)
    return parse_csv(text)


def _content_uid(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]


_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class _Collector:
    """Builds the log from validated rows and collects errors by row."""

    def __init__(self):
        self.apps: dict[str, dict] = {}
        self.event_rows: dict[str, int] = {}
        self.errors: list[str] = []

    def error(self, where: str, msg: str) -> None:
        if len(self.errors) < 200:
            self.errors.append(f"{where}: {msg}")
        elif len(self.errors) == 200:
            self.errors.append("… more errors not shown; fix these first.")

    def cleaned(self, where: str, clean, raw: dict) -> dict | None:
        """``clean(raw)``, or None with each field's problem recorded against ``where``."""
        try:
            return clean(raw)
        except ValidationError as exc:
            for k, v in exc.errors.items():
                self.error(where, f"{k} {v}")
            return None

    def add(self, where: str, app_raw: dict, app_uid: str | None, ev_raw: dict | None,
            ev_uid: str | None) -> None:
        app = self.cleaned(where, clean_application, app_raw)
        if app is None:
            return
        if app_uid is None:
            app_uid = _content_uid("app", app["company"], app["role"], app["contact"])
        elif not _UID.match(app_uid):
            self.error(where, "application_id must be letters, digits, '-' or '_' (at most 64)")
            return
        known = self.apps.get(app_uid)
        if known is None:
            known = self.apps[app_uid] = {"uid": app_uid, **app, "events": []}
        elif any(known[k] != app[k] for k in APP_KEYS):
            self.error(where, "this application's details differ from an earlier row with the same "
                              "application; make them the same")
            return
        if ev_raw is None:
            return
        ev = self.cleaned(where, clean_event, ev_raw)
        if ev is None:
            return
        if ev_uid is None:
            ev_uid = _content_uid("event", app_uid, ev["kind"], ev["date"], ev["done"], ev["note"])
        elif not _UID.match(ev_uid):
            self.error(where, "event_id must be letters, digits, '-' or '_' (at most 64)")
            return
        if ev_uid in self.event_rows:
            self.error(where, f"duplicate of {self.event_rows[ev_uid]}")
            return
        self.event_rows[ev_uid] = where
        known["events"].append({"uid": ev_uid, **ev})


def _bool(text: str, yes: tuple, no: tuple) -> bool | None:
    t = text.strip().lower()
    return True if t in yes else False if t in no else None


def parse_csv(text: str) -> ParseResult:
    lines = text.splitlines()
    header_line = next((ln for ln in lines if ln.strip()), "")
    best, best_hits = ",", -1
    for delim in (",", ";", "\t"):
        try:
            cols = next(csv.reader([header_line], delimiter=delim))
        except csv.Error:
            continue
        hits = len({c.strip().lower() for c in cols} & set(CSV_COLUMNS))
        if hits > best_hits:
            best, best_hits = delim, hits
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=best, strict=True))
    except csv.Error as exc:
        return ParseResult(errors=[f"The CSV could not be read: {exc}."])
    except Exception:
        return ParseResult(errors=["The CSV could not be read."])
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        return ParseResult(errors=["The file is empty."])
    header = [c.strip().lower() for c in rows[0]]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        hint = ""
        if len(header) == 1 and any(d in rows[0][0] for d in ";\t|"):
            hint = " (the separator could not be recognised; use commas)"
        return ParseResult(errors=[f"Missing column(s): {', '.join(missing)}{hint}. Expected columns: "
                                   f"{', '.join(CSV_COLUMNS)}."])
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown:
        return ParseResult(errors=[f"Unknown column(s): {', '.join(unknown[:5])}. Expected columns: "
                                   f"{', '.join(CSV_COLUMNS)}."])
    if len(set(header)) != len(header):
        return ParseResult(errors=["A column appears twice in the header."])
    body = rows[1:]
    if not body:
        return ParseResult(errors=["The file has a header but no rows."])
    if len(body) > MAX_ROWS:
        return ParseResult(errors=[f"The file has {len(body):,} rows; the limit is {MAX_ROWS:,}. "
                                   "Split it into smaller files."], rows=len(body))
    col = {c: i for i, c in enumerate(header)}
    c = _Collector()
    for n, row in enumerate(body, start=2):
        where = f"Row {n}"
        if not any(x.strip() for x in row):
            continue
        if len(row) != len(header):
            c.error(where, f"has {len(row)} cells, the header has {len(header)}")
            continue

        def get(name: str, default: str = "") -> str:
            return restore(row[col[name]]) if name in col else default

        via = _bool(get("via_agency", "no"), ("yes", "true", "1", "y"), ("no", "false", "0", "n", ""))
        if via is None:
            c.error(where, "via_agency must be yes or no")
            continue
        app_raw = {k: get(k) for k in ("company", "role", "contact", "said", "subdivision")}
        app_raw.update(via_agency=via, status=get("status", "active") or "active",
                       industry=get("industry", "general") or "general",
                       country=get("country", "US") or "US")
        app_uid = get("application_id").strip() or None
        ev_uid = get("event_id").strip() or None
        kind, date_text, done_text = get("kind").strip(), get("date"), get("done")
        if not kind and not date_text.strip() and not done_text.strip():
            c.add(where, app_raw, app_uid, None, None)  # an application without events
            continue
        date, problem = parse_date(date_text)
        if problem:
            c.error(where, problem)
            continue
        done = _bool(done_text, ("done", "yes", "true", "1"), ("planned", "no", "false", "0"))
        if done is None:
            c.error(where, "done must be 'done' or 'planned'")
            continue
        c.add(where, app_raw, app_uid, {"kind": kind, "date": date, "done": done, "note": get("note")}, ev_uid)
    return ParseResult(log=[] if c.errors else list(c.apps.values()), errors=c.errors, rows=len(body))


def parse_json(text: str) -> ParseResult:
    try:
        data = json.loads(text)
    except RecursionError:
        return ParseResult(errors=["The JSON is nested too deeply to be a backup from this app."])
    except ValueError as exc:
        return ParseResult(errors=[f"The file is not valid JSON ({str(exc)[:120]})."])
    if not isinstance(data, dict) or not isinstance(data.get("applications"), list):
        return ParseResult(errors=["This JSON is not a timeline backup: expected an object with an "
                                   "'applications' list (export JSON from this app)."])
    if data.get("format", FORMAT) != FORMAT or data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        return ParseResult(errors=[f"Unsupported backup format; expected '{FORMAT}' version {FORMAT_VERSION}."])
    apps = data["applications"]
    total = len(apps) + sum(len(a.get("events", [])) for a in apps
                            if isinstance(a, dict) and isinstance(a.get("events"), list))
    if total > MAX_ROWS:
        return ParseResult(errors=[f"The file has {total:,} applications and events; the limit is "
                                   f"{MAX_ROWS:,}. Split it into smaller files."], rows=total)
    if not apps:
        return ParseResult(errors=["The backup has no applications."])
    c = _Collector()
    seen_apps: set[str] = set()
    for i, a in enumerate(apps, start=1):
        where = f"Application {i}"
        if not isinstance(a, dict):
            c.error(where, "must be an object")
            continue
        extra = set(a) - set(APP_KEYS) - {"uid", "events"}
        if extra:
            c.error(where, f"unknown field(s): {', '.join(sorted(map(str, extra))[:5])}")
            continue
        uid = a.get("uid")
        if uid is not None and not isinstance(uid, str):
            c.error(where, "uid must be text")
            continue
        if uid is not None and uid in seen_apps:
            c.error(where, "duplicate application uid")
            continue
        if uid is not None:
            seen_apps.add(uid)
        evs = a.get("events", [])
        if not isinstance(evs, list):
            c.error(where, "events must be a list")
            continue
        app_raw = {k: a[k] for k in APP_KEYS if k in a}
        if not evs:
            c.add(where, app_raw, uid, None, None)
        for j, e in enumerate(evs, start=1):
            w = f"{where}, event {j}"
            if not isinstance(e, dict):
                c.error(w, "must be an object")
                continue
            extra = set(e) - {"uid", "kind", "date", "done", "note"}
            if extra:
                c.error(w, f"unknown field(s): {', '.join(sorted(map(str, extra))[:5])}")
                continue
            if "uid" in e and not isinstance(e["uid"], str):
                c.error(w, "uid must be text")
                continue
            date, problem = parse_date(e.get("date"))
            if problem:
                c.error(w, problem)
                continue
            c.add(w, app_raw, uid, {"kind": e.get("kind"), "date": date, "done": e.get("done"),
                                    "note": e.get("note", "")}, e.get("uid"))
    return ParseResult(log=[] if c.errors else list(c.apps.values()), errors=c.errors, rows=total)


def preview_rows(log: list[dict], limit: int = 50) -> list[dict]:
    """Flat rows for a preview table."""
    out = []
    for a in log:
        for e in a["events"] or [None]:
            out.append({"company": a["company"], "role": a["role"], "status": STATUSES.get(a["status"], a["status"]),
                        "kind": "" if e is None else KINDS.get(e["kind"], e["kind"]),
                        "date": None if e is None else e["date"],
                        "done": None if e is None else ("done" if e["done"] else "planned"),
                        "note": "" if e is None else e["note"]})
            if len(out) >= limit:
                return out
    return out
