"""Printed plans and the workshop handout: text extracted with pypdf, QR decoded with zxing-cpp."""
from __future__ import annotations

import datetime as dt
import io

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from followup import printing, qr
from followup.plan import timing
from followup.workshop import exercises, handout

NAMES = ("Zoë Łukasiewicz", "Nguyễn Thị Lan", "王小明")
LINK = "http://127.0.0.1:8501/planner?interview=2025-12-10&said=it+would+be+a+while+due+to+the+holidays"


def flat(text: str) -> str:
    """Text as printed and extracted: straight quotes, no line breaks, single spaces."""
    return " ".join(printing.clean(text).split())


def qr_links(pdf: bytes) -> list[str]:
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            out += [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))]
    return out


@pytest.mark.parametrize("interview, said, agency, country", [
    (dt.date(2025, 12, 10), "it would be a while due to the holidays", True, "US"),
    (dt.date(2013, 1, 22), "by Feb end", False, "US"),
    (dt.date(2013, 3, 14), "next week", True, "SE"),
    (dt.date(2026, 3, 2), "", False, "GB"),
])
def test_plan_pdf_has_every_date_and_why_the_names_as_typed_and_a_qr_of_the_link(interview, said, agency, country):
    plan = timing.plan(interview, said, via_agency=agency, country=country)
    pdf = printing.plan_pdf(plan, printing.PlanSheet(LINK, details=(
        ("Company", NAMES[2] + " Ltd"), ("Contact", NAMES[1]), ("Prepared for", NAMES[0]))))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    for name in NAMES:
        assert name in text
    for step in plan.steps:
        assert timing.fmt(step.date) in text
        assert flat(step.why) in text
        assert flat(step.title) in text
        for ref in step.refs:
            assert f"[{ref}]" in text
    assert qr_links(pdf) == [LINK]


def test_every_exercise_plan_prints_on_one_page():
    for ex in exercises.exercises().exercises:
        pdf = printing.plan_pdf(ex.plan(), printing.PlanSheet(LINK, heading=f"Plan for the case: {ex.title}"))
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_handout_has_the_cases_the_code_and_the_room_qr():
    exs = exercises.exercises()
    room_link = "http://127.0.0.1:8501/workshop?room=K7P2QX"
    pdf = handout.handout_pdf(["letter", "sam", "craig"], room_link, "K7P-2QX")
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "K7P-2QX" in text
    for ex_id in ("letter", "sam", "craig"):
        assert flat(exs.get(ex_id).title) in text
    assert "I have been interviewed the 22 Jan 2013" in text  # c10, quoted
    assert flat(exs.get("jimmy").title) not in text
    assert room_link in qr_links(pdf)


def test_qr_module_round_trips_and_refuses_bad_links():
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.png(LINK))))] == [LINK]
    assert qr.svg(LINK).startswith("<svg")
    for bad in ("", None, "x" * 3000):
        with pytest.raises(ValueError):
            qr.png(bad)
