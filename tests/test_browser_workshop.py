"""Workshop in real Chromium: a facilitator and 5 participants, each in their own browser context,
run two exercises on one server (issue 13's acceptance test), with axe-core and screenshots."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from followup.workshop.exercises import exercises
from tests.a11y import axe_violations
from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SECRET = "SECRET-UNSHARED-NOTE-P5"
SHARED_TEXT = "Thank you again; still very interested"
FOLLOW_TIMEOUT = 20_000  # a participant's screen follows "next" within one poll; generous on a busy CI


def fill_date(page: Page, key: str, d: dt.date) -> None:
    # The box's parts come in the browser locale's order (month/day/year for en-US): type them so.
    box = page.locator(f".st-key-{key}")
    parts = [t for t in box.locator("[data-type]").evaluate_all("els => els.map(e => e.dataset.type)")
             if t in ("day", "month", "year")]
    assert sorted(parts) == ["day", "month", "year"]
    box.locator(f"[data-type={parts[0]}]").click()
    page.keyboard.type("".join({"day": f"{d:%d}", "month": f"{d:%m}", "year": f"{d:%Y}"}[t] for t in parts))


def answer_check(page: Page, phase: str, right: bool, confidence_steps: int) -> None:
    for q in exercises().exit_questions:
        option = q.options[q.answer if right else (q.answer + 1) % len(q.options)]
        page.locator(f".st-key-ws_q_{phase}_{q.id}").get_by_text(option, exact=True).click()
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(abs(confidence_steps)):
        page.keyboard.press("ArrowRight" if confidence_steps > 0 else "ArrowLeft")
    page.locator(f".st-key-ws_check_go_{phase} button").click()
    wait_for_app(page)
    expect(page.get_by_text("your answers count in the room's totals")).to_be_visible()


def answer_exercise(page: Page, ex_id: str, d: dt.date, option_label: str, note: str, share: bool,
                    with_text: bool = False) -> None:
    fill_date(page, f"ws_date_{ex_id}", d)
    page.locator(f".st-key-ws_choice_{ex_id}").get_by_text(option_label, exact=True).click()
    page.locator(f".st-key-ws_note_{ex_id} textarea").fill(note)
    page.locator(f".st-key-ws_save_{ex_id} button").click()
    wait_for_app(page)
    if share:
        if with_text:
            page.locator(f".st-key-ws_with_text_{ex_id} label").click()
            wait_for_app(page)
        page.get_by_role("button", name="Share my answer").click()
        wait_for_app(page)
        expect(page.get_by_text("(shared ✔")).to_be_visible()


def projector_counts(host: Page):
    return host.locator(".st-key-ws_counts")


def test_facilitator_and_five_participants_run_two_exercises(streamlit_server_factory, browser):
    server = streamlit_server_factory()
    warm = browser.new_context()  # the first visit on a fresh server registers the pages
    first = warm.new_page()
    first.goto(server.url + "/")
    wait_for_app(first)
    fac = browser.new_context(viewport={"width": 1280, "height": 720})
    contexts = [browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(5)]
    try:
        host = fac.new_page()
        host.goto(server.url + "/workshop")
        wait_for_app(host)
        assert axe_violations(host) == []
        host.locator(".st-key-ws_start_go button").click()
        wait_for_app(host)
        assert "host=" in host.url
        code = host.locator(".st-key-ws_code p").inner_text().strip()
        assert len(code) == 7 and code[3] == "-"
        expect(host.get_by_text("Step 1 of 4")).to_be_visible()

        people = [c.new_page() for c in contexts]
        for i, page in enumerate(people[:3]):  # by link, with and without a nickname
            page.goto(f"{server.url}/workshop?room={code.replace('-', '')}")
            wait_for_app(page)
            if i < 2:
                page.locator(".st-key-ws_nick_link input").fill(["Zoë Łukasiewicz", "王小明"][i])
            page.locator(".st-key-ws_link_go button").click()
        for i, page in enumerate(people[3:]):  # by the typed code
            page.goto(server.url + "/workshop")
            wait_for_app(page)
            page.locator(".st-key-ws_code_typed input").fill(code.lower() if i else code)
            page.locator(".st-key-ws_nick_typed input").fill("Nguyễn Thị Lan" if i == 0 else "")
            page.locator(".st-key-ws_join_go button").click()
        for page in people:
            wait_for_app(page)
            expect(page.get_by_text("Before we start")).to_be_visible()
            assert "key=" in page.url
        assert len({p.url for p in people}) == 5  # one private workspace each
        expect(projector_counts(host).get_by_text("People in the room")).to_be_visible()
        expect(projector_counts(host).locator("[data-testid=stMetricValue]").first).to_have_text(
            "5", timeout=FOLLOW_TIMEOUT)

        # Before: 2 answer everything right, 3 everything wrong; confidence 2, 2, 3, 3, 3.
        for i, page in enumerate(people):
            answer_check(page, "before", right=i < 2, confidence_steps=-1 if i < 2 else 0)
        expect(projector_counts(host).get_by_text("Answered before: 5 · after: 0")).to_be_visible(
            timeout=FOLLOW_TIMEOUT)

        # Exercise 1: the letter.
        host.locator(".st-key-ws_next button").click()
        wait_for_app(host)
        expect(host.get_by_text("Step 2 of 4")).to_be_visible()
        for page in people:  # everyone follows without reloading
            expect(page.get_by_text("Your task:")).to_be_visible(timeout=FOLLOW_TIMEOUT)
        letter = exercises().get("letter")
        lo, hi = letter.window()
        fit = letter.option("interest_fit").label
        salary = letter.option("salary").label
        answer_exercise(people[0], "letter", lo, fit, "Dear Ms Smith, thank you", share=True)
        answer_exercise(people[1], "letter", hi, fit, SHARED_TEXT, share=True, with_text=True)
        answer_exercise(people[2], "letter", lo - dt.timedelta(days=20), salary, "", share=True)
        answer_exercise(people[3], "letter", hi + dt.timedelta(days=5), fit, "Another private note", share=True)
        answer_exercise(people[4], "letter", lo, salary, SECRET, share=False)
        counts = projector_counts(host)
        expect(counts.get_by_text("4 shared answers", exact=False)).to_be_visible(timeout=FOLLOW_TIMEOUT)
        metrics = counts.locator("[data-testid=stMetricValue]")
        expect(metrics).to_have_text(["5", "1", "2", "1", "0"], timeout=FOLLOW_TIMEOUT)
        expect(counts.get_by_text(SHARED_TEXT)).to_be_visible()
        choice_table = counts.locator("[data-testid=stTable]").first
        expect(choice_table.locator("tbody tr").nth(0)).to_contain_text("3")
        expect(choice_table.locator("tbody tr").nth(1)).to_contain_text("1")
        host.locator(".st-key-ws_reveal button").click()
        wait_for_app(host)
        for page in people:
            expect(page.get_by_text("What the article says, beside your answer")).to_be_visible(
                timeout=FOLLOW_TIMEOUT)
        expect(people[4].locator(".st-key-ws_mine").get_by_text(SECRET)).to_be_visible()  # her own, to her
        host.wait_for_timeout(500)
        screenshot(host, "workshop-projector-1280")
        host.locator("[data-testid=stMain]").screenshot(path=str(_artifact("workshop-projector-1280x720.png")))
        screenshot(people[1], "workshop-participant-390")
        assert axe_violations(host) == []
        assert axe_violations(people[1]) == []

        # Exercise 2: jimmy.
        host.locator(".st-key-ws_next button").click()
        wait_for_app(host)
        for page in people:
            expect(page.get_by_text("jimmy: “contacted after the holidays”")).to_be_visible(timeout=FOLLOW_TIMEOUT)
        jimmy = exercises().get("jimmy")
        yes = jimmy.option("industry_matters").label
        no = jimmy.option("same_everywhere").label
        for i, page in enumerate(people):
            answer_exercise(page, "jimmy", jimmy.window()[0], yes if i != 2 else no, "", share=i != 4)
        expect(projector_counts(host).get_by_text("4 shared answers", exact=False)).to_be_visible(
            timeout=FOLLOW_TIMEOUT)
        expect(projector_counts(host).locator("[data-testid=stMetricValue]")).to_have_text(
            ["5", "0", "4", "0", "0"], timeout=FOLLOW_TIMEOUT)

        # After: everyone right except participant 3; confidence 4, 4, 5, 5, 5.
        host.locator(".st-key-ws_next button").click()
        wait_for_app(host)
        for i, page in enumerate(people):
            expect(page.get_by_text("Exit check")).to_be_visible(timeout=FOLLOW_TIMEOUT)
            answer_check(page, "after", right=i != 2, confidence_steps=1 if i < 2 else 2)
        counts = projector_counts(host)
        expect(counts.get_by_text("Answered before: 5 · after: 5")).to_be_visible(timeout=FOLLOW_TIMEOUT)
        table = counts.locator("[data-testid=stTable]")
        for row in range(len(exercises().exit_questions)):
            expect(table.nth(0).locator("tbody tr").nth(row)).to_contain_text("24")  # 2 right before, 4 after
        expect(table.nth(1).locator("tbody tr").nth(1)).to_contain_text("20")  # confidence 2: 2 before, 0 after
        expect(table.nth(1).locator("tbody tr").nth(2)).to_contain_text("30")
        expect(table.nth(1).locator("tbody tr").nth(3)).to_contain_text("02")
        expect(table.nth(1).locator("tbody tr").nth(4)).to_contain_text("03")
        expect(counts.get_by_text("before 2.6, after 4.6")).to_be_visible()

        # The facilitator's page and the room's CSV never hold an unshared note or a nickname.
        host.get_by_text("Facilitator tools").click()
        with host.expect_download() as dl:
            host.locator(".st-key-ws_csv button").click()
        data = open(dl.value.path(), encoding="utf-8-sig").read()
        assert SHARED_TEXT in data and "answers shared" in data
        for private in (SECRET, "Another private note", "Dear Ms Smith", "Zoë", "王小明", "Nguyễn"):
            assert private not in data
            assert private not in host.content()
        with host.expect_download() as dl:
            host.locator(".st-key-ws_handout button").click()
        assert open(dl.value.path(), "rb").read(5) == b"%PDF-"
    finally:
        for c in contexts + [fac, warm]:
            c.close()


def _artifact(name: str):
    from tests.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def _server_engine(tmp_path, server_index: int = 0):
    """The SQLite store of the ``server_index``-th server that streamlit_server_factory started."""
    from followup import tracker, workspace

    folder = tmp_path / f"data{server_index}"
    folder.mkdir(exist_ok=True)
    return tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(folder)}, {})["url"])


def test_a_date_typed_before_the_interview_gets_a_message_not_no_date(streamlit_server_factory, browser, tmp_path):
    """On a phone (en-US), jimmy's case (interview 15 Dec 2025): 12/12/2025 typed and saved. The box had
    min_value=the interview, so the browser marked the date invalid (a red box, a bare "!") and sent no
    date at all: NULL was saved and counted as "No date". Now the date reaches Python, which refuses it
    with a sentence and keeps the answer saved before."""
    from followup import workspace
    from followup.workshop import people, rooms

    server = streamlit_server_factory()
    eng = _server_engine(tmp_path)
    room, key = rooms.create(eng, ["jimmy"])
    rooms.next_step(eng, key)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    try:
        page = phone.new_page()
        page.goto(f"{server.url}/workshop?room={room.code}")
        wait_for_app(page)
        page.locator(".st-key-ws_link_go button").click()
        wait_for_app(page)
        expect(page.get_by_text("Your task:")).to_be_visible()
        owner = workspace.key_owner(page.url.split("key=", 1)[1].split("&", 1)[0])
        message = page.get_by_text("The date is before the interview on Mon, Dec 15, 2025.")
        for d, kept in ((dt.date(2025, 12, 12), None), (dt.date(2026, 1, 8), dt.date(2026, 1, 8)),
                        (dt.date(2025, 12, 12), dt.date(2026, 1, 8))):
            fill_date(page, "ws_date_jimmy", d)
            page.locator(".st-key-ws_save_jimmy button").click()
            wait_for_app(page)
            saved = people.my_answers(eng, owner, room.id).get("jimmy")
            assert (saved.follow_up if saved else None) == kept and (saved is not None) == (kept is not None)
            expect(page.locator(".st-key-ws_date_jimmy [data-has-error]")).to_have_count(0)
            expect(message).to_have_count(0 if kept == d else 1)
    finally:
        phone.close()
        eng.dispose()


def test_the_projector_keeps_the_visitors_date_style_when_its_counts_refresh(streamlit_server_factory, browser,
                                                                              tmp_path):
    """en-US: the window line reads "Tue, Jan 6, 2026 – Fri, Jan 9, 2026" after a full run, and the
    same after the counts fragment has rerun by itself (it used to switch to "Tue 6 Jan 2026")."""
    from followup.workshop import rooms

    server = streamlit_server_factory()
    eng = _server_engine(tmp_path)
    room, key = rooms.create(eng, ["letter"])
    rooms.next_step(eng, key)
    lo, hi = exercises().get("letter").window()
    us = f"{lo:%a}, {lo:%b} {lo.day}, {lo.year} – {hi:%a}, {hi:%b} {hi.day}, {hi.year}"
    projector = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    try:
        page = projector.new_page()
        page.goto(f"{server.url}/workshop?host={key}")
        wait_for_app(page)
        counts = projector_counts(page)
        expect(counts).to_contain_text(us)
        page.wait_for_timeout(1000 * (2 * 3 + 1))  # two refreshes of the counts (every 3 s)
        expect(counts).to_contain_text(us)
        assert f"{lo:%a} {lo.day} {lo:%b} {lo.year}" not in counts.inner_text()
    finally:
        projector.close()
        eng.dispose()
