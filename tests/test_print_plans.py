"""Printed plans from the planner and from each timeline application: the "🖨️ Print this plan
(PDF)" buttons exist, build their PDF only when clicked (a callable, as st.download_button defers
it), and the PDF holds every step's date and why, the names as typed, and a QR code of the planner
link that reproduces the plan."""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from followup import printing, tracker
from followup.log import print_plan
from followup.plan import timing
from followup.plan.plan_link import PlanInputs, app_root, planner_link

NAMES = ("Zoë Łukasiewicz", "Nguyễn Thị Lan", "王小明")
ROOT = "http://127.0.0.1:8501"


def flat(text: str) -> str:
    return " ".join(printing.clean(text).split())


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, "one page"
    return flat(reader.pages[0].extract_text())


def qr_links(pdf: bytes) -> list[str]:
    out = []
    for image in PdfReader(io.BytesIO(pdf)).pages[0].images:
        out += [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))]
    return out


def assert_plan_printed(pdf: bytes, plan) -> str:
    text = pdf_text(pdf)
    assert plan.steps
    for s in plan.steps:
        assert timing.fmt(s.date) in text
        assert flat(s.why) in text
        assert flat(s.title) in text
    return text


def plan_from_link(link: str, today: dt.date):
    """The plan the planner shows for ``link`` (what the QR code opens)."""
    inputs, ignored = PlanInputs.from_params(dict(parse_qsl(urlsplit(link).query)), today)
    assert ignored == []
    return timing.plan(inputs.interview, inputs.said, industry=inputs.industry, country=inputs.country,
                       subdivision=inputs.region or None, via_agency=inputs.agency)


# --- engine -----------------------------------------------------------------------------------------
def test_app_root_and_planner_link():
    assert app_root("http://127.0.0.1:8501/timeline") == ROOT
    assert app_root("https://coach.example.org/career/planner/") == "https://coach.example.org/career"
    assert app_root("http://127.0.0.1:8501") == ROOT
    assert app_root(None) == "" and app_root("") == ""
    inputs = PlanInputs(dt.date(2025, 12, 10), "by Feb end & then?", "academia", "DE", "BY", True)
    link = planner_link(ROOT, inputs)
    assert link.startswith(ROOT + "/planner?interview=2025-12-10&")
    assert PlanInputs.from_params(dict(parse_qsl(urlsplit(link).query)), dt.date(2026, 1, 1)) == (inputs, [])


def test_an_application_prints_its_plan_with_its_names_and_the_planner_link():
    today = dt.date(2026, 1, 20)
    app = {"id": 7, "company": NAMES[2] + " 有限公司", "role": "Analyst", "contact": NAMES[0], "said": "2-3 weeks",
           "industry": "general", "country": "GB", "subdivision": "SCT", "via_agency": True, "status": "active",
           "events": [{"kind": "interview", "date": dt.date(2026, 1, 5), "done": True},
                      {"kind": "interview", "date": dt.date(2026, 1, 12), "done": True},
                      {"kind": "interview", "date": dt.date(2026, 2, 2), "done": False}]}
    assert print_plan.interview_date(app, today) == dt.date(2026, 1, 12), "the latest interview that happened"
    pdf = print_plan.application_pdf(app, today, ROOT)
    plan = timing.plan(dt.date(2026, 1, 12), "2-3 weeks", country="GB", subdivision="SCT", via_agency=True)
    text = assert_plan_printed(pdf, plan)
    assert NAMES[2] + " 有限公司" in text and NAMES[0] in text
    [link] = qr_links(pdf)
    assert link == ROOT + "/planner?interview=2026-01-12&said=2-3+weeks&country=GB&region=SCT&agency=1"
    assert [s.date for s in plan_from_link(link, today).steps] == [s.date for s in plan.steps]
    assert print_plan.application_plan({**app, "events": app["events"][2:]}, today, ROOT) is None
    with pytest.raises(ValueError):
        print_plan.application_pdf({**app, "events": []}, today, ROOT)


def test_long_fields_still_fit_on_one_page():
    """The longest a user can type (300 characters said, 200 per field) with a five-step plan."""
    plan = timing.plan(dt.date(2025, 12, 10), ("it would be a while due to the holidays " * 8)[:300],
                       industry="academia", country="DE", subdivision="BY", via_agency=True)
    assert len(plan.steps) == 5
    pdf = printing.plan_pdf(plan, printing.PlanSheet(ROOT + "/planner?" + "x" * 400, details=(
        ("Company", "W" * 200), ("Role", "Ł" * 200), ("Contact", "王" * 200))))
    text = assert_plan_printed(pdf, plan)
    assert text.count("Ł") == printing.DETAIL_CHARS - 3 and "Role: Ł" in text, "a long value is clipped, not dropped"


# --- pages: the buttons, and what a click downloads ------------------------------------------------
@pytest.fixture
def deferred(monkeypatch) -> dict:
    """The callables pages hand to st.download_button, by the deferred file id on the button."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def click_download(at, key: str, deferred: dict, label: str = "🖨️ Print this plan (PDF)") -> bytes:
    button = at.get_by_key(key)
    assert button.type == "download_button" and button.proto.label == label
    assert button.proto.deferred_file_id and not button.proto.url, "built on click, not on every run"
    data = deferred[button.proto.deferred_file_id]()
    assert data[:5] == b"%PDF-"
    return data


def test_planner_prints_this_plan(app_test, deferred):
    at = app_test()
    at.context["url"] = ROOT + "/planner"
    at.run()
    at.query_params.update({"interview": "2025-12-10", "said": "it would be a while due to the holidays",
                            "country": "US", "agency": "1"})
    at.switch_page("pages/plan/planner.py").run()
    at.text_input(key="company").input(NAMES[0] + " & " + NAMES[2]).run()  # the planner's own company field
    assert not at.exception
    pdf = click_download(at, "plan_pdf", deferred)
    plan = timing.plan(dt.date(2025, 12, 10), "it would be a while due to the holidays", via_agency=True)
    text = assert_plan_printed(pdf, plan)
    assert NAMES[0] + " & " + NAMES[2] in text
    [link] = qr_links(pdf)
    assert link == ROOT + "/planner?" + "&".join(f"{k}={v}" for k, v in (
        ("interview", "2025-12-10"), ("said", "it+would+be+a+while+due+to+the+holidays"), ("country", "US"),
        ("agency", "1")))
    assert [s.date for s in plan_from_link(link, dt.date.today()).steps] == [s.date for s in plan.steps]


def test_timeline_prints_each_applications_plan(app_test, engine, deferred):
    today = dt.datetime.now(dt.timezone.utc).date()
    interview = today - dt.timedelta(days=3)
    with_plan = tracker.add_application(engine, "local", company=NAMES[2], contact=NAMES[0], role=NAMES[1],
                                        said="in two weeks", country="SE", events_=[
                                            {"kind": "interview", "date": interview, "done": True}])
    no_interview = tracker.add_application(engine, "local", company="Not yet")
    at = app_test()
    at.context["url"] = ROOT + "/timeline"
    at.run()
    at.switch_page("pages/log/timeline.py").run()
    assert not at.exception
    plan = timing.plan(interview, "in two weeks", country="SE", today=today)
    pdf = click_download(at, f"tl_pdf_{with_plan}", deferred, "🖨️ Print (PDF)")  # on its "What's next" card
    text = assert_plan_printed(pdf, plan)
    for name in NAMES:
        assert name in text
    assert qr_links(pdf) == [planner_link(ROOT, PlanInputs(interview, "in two weeks", country="SE"))]
    with pytest.raises(KeyError):
        at.get_by_key(f"tl_pdf_{no_interview}")  # no plan without an interview
    at.session_state["tl_tabs"] = "✏️ Edit"
    at.session_state["tl_edit_app"] = with_plan
    at.run()
    assert pdf_text(click_download(at, f"tl_edit_pdf_{with_plan}", deferred)) == text
    at.session_state["tl_edit_app"] = no_interview
    at.run()
    assert any("printable plan comes once its interview is logged" in c.value for c in at.caption)
