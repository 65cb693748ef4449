"""Validated imports of a timeline log (CSV, JSON): the whole file is checked first and errors
are reported by row; nothing is written unless everything is valid, and then in one transaction."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.log.exports import APP_COLUMNS, APP_KEYS, CSV_COLUMNS, EVENT_COLUMNS, FORMAT, FORMAT_VERSION, restore
from followup.log.records import KINDS, STATUSES, ValidationError, clean_application, clean_event, done_date_problem
from followup.log import failures
from followup.log.import_checks import MAX_BYTES, decode, planner_problems, precheck, read_rows  # noqa: F401
from followup.log.schema import applications, events
from followup.log.store import _now, _require_owner, enforce_row_cap

_LOG = logging.getLogger(__name__)
PARSED_KEY = "tl_import_parsed"  # session-state entry of parse_upload_once

MAX_ROWS = 10_000
REQUIRED_COLUMNS = {"company", "kind", "date", "done"}


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



def parse_upload(name: str, data: bytes, today: dt.date | None = None) -> ParseResult:
    """Parse and validate a CSV or JSON upload (chosen by content, then by name). With the user's
    ``today``, an event marked done on a later day is an error of its row."""
    problem = precheck(data)
    if problem:
        return ParseResult(errors=[problem])
    text, problem = decode(bytes(data))
    if problem:
        return ParseResult(errors=[problem])
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")) or str(name).lower().endswith(".json"):
            return parse_json(text, today)
        return parse_csv(text, today)
    except Exception:  # noqa: BLE001 - a bug must not show a traceback to the visitor: logged instead
        failures.log_failure(_LOG, "parsing an uploaded file")
        return ParseResult(errors=["The file could not be read. Export it again from this app and retry."])


def parse_upload_once(cache: MutableMapping, file_id: object, name: str, read: Callable[[], bytes],
                      today: dt.date | None = None) -> ParseResult:
    """:func:`parse_upload` once per uploaded file: a file sitting in the uploader is not parsed again
    on every rerun of the page. ``cache`` is the visitor's session state (one entry, the last file);
    ``file_id`` is the uploader's id for this upload (a new upload of the same file gets a new one)."""
    entry = cache.get(PARSED_KEY)
    if entry is not None and entry[0] == (file_id, today):
        return entry[1]
    result = parse_upload(name, read(), today)
    cache[PARSED_KEY] = ((file_id, today), result)
    return result


def _content_uid(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]


_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")



class _Collector:
    """Builds the log from validated rows and collects errors by row."""

    def __init__(self, today: dt.date | None = None):
        self.today = today
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
        unknown = planner_problems(app)
        if unknown:
            for k, v in unknown.items():
                self.error(where, f"{k} {v}")
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
        problem = done_date_problem(ev["date"], ev["done"], self.today)
        if problem:
            self.error(where, f"date {ev['date']:%Y-%m-%d} {problem}")
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



def parse_csv(text: str, today: dt.date | None = None) -> ParseResult:
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
    rows, problem = read_rows(text, best)
    if problem:
        return ParseResult(errors=[problem])
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
    c = _Collector(today)
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


def parse_json(text: str, today: dt.date | None = None) -> ParseResult:
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
    c = _Collector(today)
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


# --- writing a validated log ---------------------------------------------------------------------
@dataclass
class ImportReport:
    applications_added: int = 0
    events_added: int = 0
    applications_skipped: int = 0
    events_skipped: int = 0


def import_log(engine: Engine, owner: str, log: Iterable[dict],
               on_row: Callable[[int], None] | None = None) -> ImportReport:
    """Write a validated log (``followup.exports`` format) in ONE transaction, or nothing.

    Applications and events are matched by their ``uid`` within this owner: what is already
    there is skipped, so importing the same file twice adds nothing twice. ``on_row(n)`` is
    called before each row is written (tests inject a failure through it).
    """
    _require_owner(owner)
    report = ImportReport()
    log = list(log)
    n = 0
    with engine.begin() as conn:
        app_ids = {r.uid: r.id for r in conn.execute(sa.select(applications.c.uid, applications.c.id)
                                                     .where(applications.c.owner == owner))}
        event_uids = set(conn.execute(sa.select(events.c.uid).where(events.c.owner == owner)).scalars())
        now = _now()
        for app in log:
            values = clean_application(app)
            if on_row:
                on_row(n)
            n += 1
            if app["uid"] in app_ids:
                report.applications_skipped += 1
                app_id = app_ids[app["uid"]]
            else:
                app_id = conn.execute(applications.insert().values(
                    owner=owner, uid=app["uid"], created_at=now, **values)).inserted_primary_key[0]
                app_ids[app["uid"]] = app_id
                report.applications_added += 1
            batch = []
            for ev in app.get("events", []):
                if on_row:
                    on_row(n)
                n += 1
                if ev["uid"] in event_uids:
                    report.events_skipped += 1
                    continue
                event_uids.add(ev["uid"])
                batch.append({**clean_event(ev), "uid": ev["uid"], "owner": owner,
                              "application_id": app_id, "created_at": now})
            if batch:
                conn.execute(events.insert(), batch)
                report.events_added += len(batch)
        enforce_row_cap(conn, owner)
    return report
