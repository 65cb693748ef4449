"""The job-search activity report: for a date range, every application and contact made (date,
employer, person contacted, method, position, outcome), the record unemployment-benefit offices
ask claimants to keep (US states' work-search logs, Germany's proof of applications).

From the timeline's log (``followup.log.store.load_log``): a row per activity **done** in the
range, by the claimant (applying, an interview, a thank-you or follow-up, a call, a reply to an
offer, a withdrawal, other contacts). What the employer did (a reply, an offer, a rejection) is not
a contact made, so it is no row; it is the **outcome** of the rows of that application: the latest
one up to the end of the range, else what the application's status says, else "Waiting". Planned
steps are not activity. As CSV (formula-safe, like every export) and as a printable PDF (fpdf2,
the plans' font). No Streamlit here.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from followup.dates import fmt_date
from followup.log.exports import neutralise
from followup.log.records import KINDS, STATUSES

# what the claimant did -> how it is reported ("method" as the forms call it)
METHOD = {"applied": "Application", "interview": "Interview", "thank_you": "Thank-you note",
          "follow_up_email": "Email", "call": "Phone call", "reference_check": "Reference check",
          "offer_accepted": "Accepted the offer", "offer_declined": "Declined the offer",
          "withdrawn": "Withdrew the application", "other": "Other contact"}
EMPLOYER_SIDE = ("reply", "offer", "rejection")  # their doing: the outcome, not a contact made
OUTCOME_KINDS = ("reply", "offer", "rejection", "offer_accepted", "offer_declined", "withdrawn")
COLUMNS = ["Date", "Employer", "Person contacted", "Method", "Position", "Outcome", "Note"]
MAX_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Row:
    date: dt.date
    employer: str
    contact: str
    method: str
    position: str
    outcome: str
    note: str


def _outcome(app: dict, end: dt.date) -> str:
    known = [e for e in app.get("events", []) if e["done"] and e["kind"] in OUTCOME_KINDS and e["date"] <= end]
    if known:
        last = max(known, key=lambda e: (e["date"], e.get("id") or 0))
        return f"{KINDS[last['kind']]} ({fmt_date(last['date'])})"
    status = app.get("status", "active")
    if status == "active" or any(e["done"] and e["kind"] in OUTCOME_KINDS for e in app.get("events", [])):
        return "Waiting"  # (an outcome came after the range: not known at its end)
    return STATUSES.get(status, status)


def rows(log: list[dict], start: dt.date, end: dt.date) -> list[Row]:
    """Every activity done from ``start`` to ``end`` (both included), by date then employer."""
    if end < start:
        start, end = end, start
    out = []
    for app in log:
        outcome = None
        for e in app.get("events", []):
            if not e["done"] or e["kind"] in EMPLOYER_SIDE or not start <= e["date"] <= end:
                continue
            outcome = outcome or _outcome(app, end)
            method = METHOD.get(e["kind"], KINDS.get(e["kind"], e["kind"]))
            out.append(Row(e["date"], app["company"], app.get("contact") or "", method, app.get("role") or "",
                           outcome, e.get("note") or ""))
    return sorted(out, key=lambda r: (r.date, r.employer.casefold(), r.method))


def summary(found: list[Row]) -> str:
    employers = len({r.employer.casefold() for r in found})
    apps = sum(r.method == "Application" for r in found)
    return (f"{len(found)} activit{'y' if len(found) == 1 else 'ies'} with {employers} employer"
            f"{'' if employers == 1 else 's'}, {apps} application{'' if apps == 1 else 's'} sent.")


def table(found: list[Row]) -> list[dict]:
    """Rows for a table on the page (dates as the visitor reads them)."""
    return [dict(zip(COLUMNS, (fmt_date(r.date), r.employer, r.contact, r.method, r.position, r.outcome, r.note)))
            for r in found]


def to_csv(found: list[Row]) -> bytes:
    """CSV with ISO dates, cells that a spreadsheet would run as formulas neutralised; UTF-8 with BOM."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in found:
        w.writerow([r.date.isoformat()] + [neutralise(str(c)) for c in
                                           (r.employer, r.contact, r.method, r.position, r.outcome, r.note)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_pdf(found: list[Row], start: dt.date, end: dt.date, *, name: str = "", made_on: dt.date | None = None) -> bytes:
    """A printable record (A4 landscape): the range, who it is for, a table of every row, and a
    line for the claimant's signature."""
    from followup import printing

    title = "Job search activity record"
    pdf = printing.Sheet(title)
    pdf.add_page(orientation="L")
    pdf.text_block(title, size=16, color=printing.ACCENT, gap=1)
    pdf.text_block(f"From {fmt_date(start)} to {fmt_date(end)}" + (f"   ·   Name: {name}" if name else ""), size=10)
    pdf.text_block(summary(found), size=9, color=printing.MUTED, gap=2)
    pdf.set_font(printing.FONT, size=8)
    pdf.set_text_color(*printing.INK)
    widths = (24, 40, 36, 30, 38, 42, 59)  # mm, 269 in all (A4 landscape less margins)
    from fpdf.fonts import FontFace

    heading = FontFace(emphasis="", fill_color=(232, 236, 244))  # the font has no bold: shaded instead
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4, first_row_as_headings=True,
                   headings_style=heading) as t:
        t.row([printing.clean(c) for c in COLUMNS])
        for r in found:
            t.row([printing.clean(c)[:300] for c in (fmt_date(r.date), r.employer, r.contact, r.method,
                                                     r.position, r.outcome, r.note)])
    if not found:
        pdf.text_block("No activity logged in this range.", size=10)
    pdf.ln(6)
    pdf.text_block("I confirm that this record is true and complete.   Signature: ______________________   "
                   "Date: ______________", size=9)
    made = f" on {fmt_date(made_on)}" if made_on else ""
    pdf.text_block(f"Made with Interview Follow-Up Coach from the applicant's own log{made}.", size=7,
                   color=printing.MUTED)
    return bytes(pdf.output())
