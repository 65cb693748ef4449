"""The job-search activity report (followup.log.activity): rows, range, outcome, CSV, PDF."""
from __future__ import annotations

import csv
import datetime as dt
import io

from followup.log import activity

D = dt.date


def ev(kind, date, done=True, note="", id_=0):
    return {"id": id_, "kind": kind, "date": date, "done": done, "note": note}


LOG = [
    {"id": 1, "company": "Acme Ltd", "role": "Analyst", "contact": "Priya Shah", "status": "rejected", "events": [
        ev("applied", D(2026, 2, 27), note="Online form", id_=1),
        ev("interview", D(2026, 3, 2), id_=2),
        ev("thank_you", D(2026, 3, 2), note="Email to Priya", id_=3),
        ev("follow_up_email", D(2026, 3, 16), id_=4),
        ev("rejection", D(2026, 3, 20), id_=5),
        ev("other", D(2026, 3, 23), note="Reply to the rejection sent", id_=6)]},
    {"id": 2, "company": "=HYPERLINK(\"http://x\")", "role": "@SUM(1)", "contact": "+1 555", "status": "active",
     "events": [ev("applied", D(2026, 3, 5), id_=7), ev("call", D(2026, 3, 12), note="-2+3", id_=8),
                ev("follow_up_email", D(2026, 3, 19), done=False, id_=9)]},  # planned: not activity
    {"id": 3, "company": "Beta", "role": "", "contact": "", "status": "no_reply",
     "events": [ev("applied", D(2026, 1, 10), id_=10)]},
]


def test_rows_in_the_range_only_done_and_by_the_claimant():
    got = activity.rows(LOG, D(2026, 3, 1), D(2026, 3, 16))
    assert [(r.date, r.employer, r.method) for r in got] == [
        (D(2026, 3, 2), "Acme Ltd", "Interview"), (D(2026, 3, 2), "Acme Ltd", "Thank-you note"),
        (D(2026, 3, 5), '=HYPERLINK("http://x")', "Application"),
        (D(2026, 3, 12), '=HYPERLINK("http://x")', "Phone call"),
        (D(2026, 3, 16), "Acme Ltd", "Email")]  # both ends included; Feb 27 and Mar 20+ outside
    assert all(r.method != "Rejection" for r in activity.rows(LOG, D(2026, 1, 1), D(2026, 12, 31)))
    acme = got[0]
    assert (acme.contact, acme.position) == ("Priya Shah", "Analyst")
    assert acme.outcome == "Waiting"  # the rejection came after the range's end: not known then


def test_outcome_is_the_latest_known_by_the_end_of_the_range():
    late = activity.rows(LOG, D(2026, 3, 1), D(2026, 3, 31))
    assert {r.outcome for r in late if r.employer == "Acme Ltd"} == {"Rejection (Fri 20 Mar 2026)"}
    assert [r.outcome for r in activity.rows(LOG, D(2026, 1, 1), D(2026, 1, 31))] == ["No reply – moved on"]
    assert [r.method for r in late if r.date == D(2026, 3, 23)] == ["Other contact"]  # the after-rejection note
    # reversed range: the same rows
    assert activity.rows(LOG, D(2026, 3, 31), D(2026, 3, 1)) == late
    assert activity.rows(LOG, D(2025, 1, 1), D(2025, 12, 31)) == []
    assert activity.summary(late) == "6 activities with 2 employers, 1 application sent."


def test_csv_is_formula_safe_with_iso_dates():
    blob = activity.to_csv(activity.rows(LOG, D(2026, 1, 1), D(2026, 12, 31)))
    assert blob.startswith("\ufeff".encode())
    cells = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"), newline="")))
    assert cells[0] == activity.COLUMNS and len(cells) == 1 + 8
    assert cells[1][:4] == ["2026-01-10", "Beta", "", "Application"]
    risky = [c for row in cells[1:] for c in row[1:] if c.lstrip("'")[:1] in ("=", "+", "-", "@")]
    assert risky and all(c.startswith("'") for c in risky)  # a spreadsheet shows them as text
    assert "'=HYPERLINK(\"http://x\")" in [row[1] for row in cells]


def test_pdf_has_every_row_and_the_range():
    from pypdf import PdfReader
    found = activity.rows(LOG, D(2026, 3, 1), D(2026, 3, 31)) * 6  # 42 rows: more than one page
    pdf = activity.to_pdf(found, D(2026, 3, 1), D(2026, 3, 31), name="Zoë Łukasiewicz", made_on=D(2026, 4, 1))
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 2 and reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    assert "From Sun 1 Mar 2026 to Tue 31 Mar 2026" in text and "Zoë Łukasiewicz" in text
    assert text.count("Priya Shah") == sum(r.contact == "Priya Shah" for r in found)
    assert "Signature" in text and "Wed 1 Apr 2026" in text
    empty = PdfReader(io.BytesIO(activity.to_pdf([], D(2026, 3, 1), D(2026, 3, 31))))
    assert "No activity logged in this range." in empty.pages[0].extract_text()
