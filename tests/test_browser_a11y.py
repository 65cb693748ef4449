"""Every page state of the app, at 1280 px and at 390 px (a phone), in headless Chromium:

- axe-core (tests/a11y.py): 0 serious and 0 critical violations;
- at 390 px, no element wider than its container and no sideways scrolling;
- a screenshot of each state in test-artifacts/a11y-<state>-<width>.png (to look at).

One server for the whole module and one browser tab per width; each state is reached from a
fresh page load, so the states do not depend on the order they run in. The log the timeline
shows is set (emptied or seeded) in the server's database before its states load."""
from __future__ import annotations

import datetime as dt
import json
from typing import Callable

import pytest
from playwright.sync_api import Page, expect

from followup import tracker, workspace
from followup.workshop import rooms, schema as ws_schema
from tests.a11y import check_page_state, focused, from_the_top, tab_through, tab_until
from tests.browser import screenshot, wait_for_app
from tests.conftest import ARTIFACTS, StreamlitServer

pytestmark = pytest.mark.browser
HEIGHT = {1280: 900, 390: 844}


class App:
    """The module's server, its database and the rooms the workshop states use."""

    def __init__(self, server: StreamlitServer, data_dir: str):
        self.server = server
        self.url = server.url
        self.engine = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": data_dir}, {})["url"])
        tracker.prepare(self.engine)
        ws_schema.prepare(self.engine)
        self.room, self.host_key = rooms.create(self.engine, ["letter", "jimmy"])
        self.participants: dict[int, str] = {}  # width -> the participant page's address (its private key)

    def log(self, filled: bool) -> None:
        """Empty the local log, or give it a realistic job search (7 applications) if it has none."""
        have = tracker.load_log(self.engine, "local")
        if not filled:
            if have:
                tracker.delete_workspace(self.engine, "local")
            return
        if have:
            return
        today = dt.datetime.now(dt.timezone.utc).date()
        d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
        add = tracker.add_application
        add(self.engine, "local", company="Northwind Traders", role="Data Analyst", contact="Priya Shah",
            said="We'll decide by the end of next week", events_=[
                {"kind": "applied", "date": d(-21), "done": True, "note": "Applied online"},
                {"kind": "interview", "date": d(-6), "done": True, "note": "Panel with Priya"},
                {"kind": "thank_you", "date": d(-5), "done": True, "note": "Emailed all three"}])
        add(self.engine, "local", company="Contoso Health", role="BI Developer", via_agency=True, events_=[
            {"kind": "applied", "date": d(-14), "done": True, "note": ""},
            {"kind": "interview", "date": d(-1), "done": True, "note": "Video call"}])
        add(self.engine, "local", company="Fabrikam", role="Analytics Engineer", events_=[
            {"kind": "applied", "date": d(-10), "done": True, "note": ""},
            {"kind": "interview", "date": d(4), "done": False, "note": "On site, 10:00"}])
        add(self.engine, "local", company="Adventure Works", role="Data Analyst", status="rejected", events_=[
            {"kind": "applied", "date": d(-30), "done": True, "note": ""},
            {"kind": "interview", "date": d(-20), "done": True, "note": ""},
            {"kind": "rejection", "date": d(-12), "done": True, "note": "Went with internal"}])
        for i, company in enumerate(["Litware", "Tailspin Toys", "Wide World Importers", "Proseware"]):
            add(self.engine, "local", company=company, role="Analyst", events_=[
                {"kind": "interview", "date": d(-3 - 2 * i), "done": True, "note": ""}])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = str(tmp_path_factory.mktemp("a11y"))
    server = StreamlitServer({"FOLLOWUP_DATA_DIR": data})
    a = App(server, data)
    yield a
    a.engine.dispose()
    server.stop()


@pytest.fixture(scope="module")
def pages(browser, app):
    """One browser tab per width, kept for the module."""
    made: dict[int, Page] = {}
    contexts = []
    for width in (1280, 390):
        ctx = browser.new_context(viewport={"width": width, "height": HEIGHT[width]}, timezone_id="UTC",
                                  locale="en-US", accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(app.url + "/")  # the first visit runs st.navigation, so deep links work from then on
        wait_for_app(page)
        made[width] = page
    yield made
    for ctx in contexts:
        ctx.close()


def goto(page: Page, app: App, path: str) -> None:
    page.goto(app.url + path)
    wait_for_app(page)
    dialog = page.get_by_role("dialog").filter(has_text="Page not found")
    if dialog.count():
        page.keyboard.press("Escape")
        wait_for_app(page)


def click(page: Page, locator) -> None:
    locator.click()
    wait_for_app(page)


def tab(page: Page, name: str) -> None:
    click(page, page.get_by_role("tab", name=name))


# --- the page states -------------------------------------------------------------------------
def explorer(page, app):
    goto(page, app, "/")
    expect(page.get_by_role("heading", name="Reader comments")).to_be_visible()


def explorer_filtered(page, app):
    goto(page, app, "/?situation=Holidays+and+year-end")
    expect(page.get_by_role("heading", name="Reader comments")).to_be_visible()
    expect(page.locator("[data-testid=stExpander] details").first).to_have_attribute("open", "")


def explorer_search(page, app):
    goto(page, app, "/?q=when+should+I+send+a+thank+you+email")
    expect(page.locator(".st-key-search-results")).to_be_visible()


def explorer_typing(page, app):
    goto(page, app, "/")
    page.locator(".st-key-q input").fill("They said after the holidays, when do I email them about it?")
    page.wait_for_timeout(300)
    # Streamlit's "Press Enter to submit form" hint sits under the box, not over the typed question.
    box = page.locator(".st-key-q input").bounding_box()
    hint = page.locator(".st-key-q [data-testid=InputInstructions]").bounding_box()
    assert hint and hint["y"] >= box["y"] + box["height"] - 1, (box, hint)


def explorer_reply_focus(page, app):
    goto(page, app, "/?ref=c6")
    expect(page.get_by_text("The linked passage")).to_be_visible()


def explorer_question_focus(page, app):
    goto(page, app, "/?ref=q1")
    expect(page.get_by_text("The linked passage").first).to_be_visible()


def planner_empty(page, app):
    goto(page, app, "/planner")
    expect(page.locator(".st-key-next_step")).to_be_visible()


def planner_plan(page, app):
    goto(page, app, "/planner")
    click(page, page.get_by_role("button", name="The letter"))
    click(page, page.get_by_text("Add this plan to my timeline"))
    click(page, page.get_by_text("How the dates are worked out"))
    expect(page.locator("[data-testid=stVegaLiteChart] svg.marks")).to_be_visible()


def planner_details(page, app):
    """The job's details (industry, country, region, company, agency) open in their popover."""
    goto(page, app, "/planner?country=DE")
    click(page, page.locator(".st-key-plan_details button:visible"))
    expect(page.locator("[data-testid=stPopoverBody] .st-key-region")).to_be_visible()


def planner_added(page, app):
    app.log(filled=False)
    interview = dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)
    goto(page, app, f"/planner?interview={interview.isoformat()}&said=2-3+weeks")
    click(page, page.get_by_text("Add this plan to my timeline"))
    page.locator(".st-key-tl_company input").fill("Acme Health")
    click(page, page.locator(".st-key-tl_add button"))
    expect(page.get_by_text("Added: the application")).to_be_visible()


def writer(page, app):
    app.log(filled=False)
    goto(page, app, "/write")
    expect(page.locator(".st-key-wr_body textarea")).to_be_visible()


def writer_checked(page, app):
    app.log(filled=True)
    goto(page, app, "/write?kind=follow_up&app=1")
    page.locator(".st-key-wr_body textarea").fill("hi, any news? I really need this job asap")
    click(page, page.locator(".st-key-wr_save button"))
    click(page, page.locator(".st-key-wr_saved summary"))
    expect(page.get_by_text("What the check found")).to_be_visible()


def _timeline(filled: bool, tab_name: str | None = None, then: Callable | None = None):
    def state(page, app):
        app.log(filled=filled)
        goto(page, app, "/timeline")
        if tab_name:
            tab(page, tab_name)
        if then:
            then(page)
    return state


def _table_and_more(page):
    click(page, page.get_by_text("Show the timeline as a table"))
    click(page, page.locator(".st-key-tl_more_steps summary"))
    expect(page.locator("[data-testid=stDataFrame]")).to_have_count(2)  # the table and the more steps


def _add_form_details(page):
    """The add form's industry, country, region and agency open in their popover."""
    click(page, page.get_by_role("button", name="⚙️ Industry, country (for holidays) and agency"))
    expect(page.locator("[data-testid=stPopoverBody] .st-key-tl_add_country")).to_be_visible()


def _done_then_undo_offered(page):
    click(page, page.locator("[class*=st-key-tl_done_] button").first)
    expect(page.get_by_role("button", name="Undo")).to_be_visible()


def _delete_application(page):
    click(page, page.get_by_role("button", name="Delete this application"))
    page.wait_for_timeout(300)


def _delete_event(page):
    click(page, page.get_by_role("button", name="Delete this event"))
    page.wait_for_timeout(300)


def _delete_everything(page):
    click(page, page.get_by_role("button", name="Delete my workspace and all its data"))
    page.wait_for_timeout(300)


def _import_preview(page):
    csv = "company,role,kind,date,done,note\nLitware,Analyst,applied,2026-01-05,true,\n"
    page.locator(".st-key-tl_import_file input[type=file]").set_input_files(
        {"name": "log.csv", "mimeType": "text/csv", "buffer": csv.encode()})
    wait_for_app(page)


def workshop_lobby(page, app):
    goto(page, app, "/workshop")
    expect(page.get_by_text("Join a room")).to_be_visible()


def workshop_projector(page, app):
    rooms.go_to(app.engine, app.host_key, 0)
    goto(page, app, f"/workshop?host={app.host_key}")
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    click(page, page.get_by_text("Facilitator tools"))


def workshop_projector_revealed(page, app):
    rooms.go_to(app.engine, app.host_key, 1)
    rooms.reveal(app.engine, app.host_key, True)
    goto(page, app, f"/workshop?host={app.host_key}")
    expect(page.get_by_text("Step 2 of 4")).to_be_visible()


def workshop_join(page, app):
    rooms.go_to(app.engine, app.host_key, 0)
    goto(page, app, f"/workshop?room={app.room.code}")
    expect(page.locator(".st-key-ws_link_go button")).to_be_visible()


def _participant(page, app, step: int, revealed: bool):
    rooms.go_to(app.engine, app.host_key, step)
    rooms.reveal(app.engine, app.host_key, revealed)
    width = page.viewport_size["width"]
    if width not in app.participants:
        goto(page, app, f"/workshop?room={app.room.code}")
        click(page, page.locator(".st-key-ws_link_go button"))
        app.participants[width] = page.url.removeprefix(app.url)
    goto(page, app, app.participants[width])


def workshop_participant_check(page, app):
    _participant(page, app, 0, False)
    expect(page.get_by_text("Before we start")).to_be_visible()


def workshop_participant_exercise(page, app):
    _participant(page, app, 1, True)
    expect(page.get_by_text("What the article says, beside your answer")).to_be_visible()


STATES: dict[str, Callable[[Page, App], None]] = {
    "explorer": explorer,
    "explorer-filtered": explorer_filtered,
    "explorer-search": explorer_search,
    "explorer-typing": explorer_typing,
    "explorer-reply-c6": explorer_reply_focus,
    "explorer-question-q1": explorer_question_focus,
    "planner-empty": planner_empty,
    "planner-plan": planner_plan,
    "planner-details": planner_details,
    "planner-added": planner_added,
    "writer": writer,
    "writer-checked": writer_checked,
    "timeline-empty": _timeline(False),
    "timeline-empty-export": _timeline(False, "💾 My data"),
    "timeline-empty-add-details": _timeline(False, None, _add_form_details),
    "timeline-filled": _timeline(True),
    "timeline-filled-table": _timeline(True, None, _table_and_more),
    "timeline-filled-done-undo": _timeline(True, None, _done_then_undo_offered),
    "timeline-filled-log-event": _timeline(True, "📝 Log event"),
    "timeline-filled-edit": _timeline(True, "✏️ Edit", _delete_event),
    "timeline-filled-delete-app": _timeline(True, "✏️ Edit", _delete_application),
    "timeline-filled-import": _timeline(True, "💾 My data", _import_preview),
    "timeline-filled-delete-all": _timeline(True, "💾 My data", _delete_everything),
    "workshop-lobby": workshop_lobby,
    "workshop-projector": workshop_projector,
    "workshop-projector-revealed": workshop_projector_revealed,
    "workshop-join": workshop_join,
    "workshop-participant-check": workshop_participant_check,
    "workshop-participant-exercise": workshop_participant_exercise,
}


# Every page at both widths, in test-artifacts/a11y-<state>-<width>.png (the README's come from these).
SCREENSHOTS = {"explorer", "explorer-search", "explorer-reply-c6", "planner-plan", "planner-details", "writer-checked", "timeline-empty",
               "timeline-filled", "workshop-lobby", "workshop-projector-revealed", "workshop-participant-exercise"}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("state", list(STATES))
def test_page_state(app, pages, state, width):
    page = pages[width]
    STATES[state](page, app)
    page.wait_for_timeout(300)  # charts and fonts settle
    problems = check_page_state(page, f"{state}-{width}")
    with open(ARTIFACTS / "a11y-report.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps({"state": state, "width": width, "problems": problems}) + "\n")
    if state in SCREENSHOTS:
        screenshot(page, f"a11y-{state}-{width}", max_height=4000)
        page.set_viewport_size({"width": width, "height": HEIGHT[width]})
    assert problems == []


# --- the keyboard only -------------------------------------------------------------------------
def enter(page: Page, key: str = "Enter") -> None:
    page.keyboard.press(key)
    wait_for_app(page)


def fresh(page: Page, app: App, path: str) -> None:
    """Load ``path`` and start the keyboard from the top of the page, as after a page load."""
    goto(page, app, path)
    from_the_top(page)


def test_main_tasks_with_the_keyboard_only(app, pages):
    """Search the advice, plan the dates and add them to the timeline, add an application, mark a
    step done and delete an event (asked first): Tab, arrows, typing, Enter and Escape, no mouse."""
    page = pages[1280]
    app.log(filled=False)

    # The explorer: the search box, a question, Enter.
    fresh(page, app, "/")
    tab_until(page, "[stTextInputField] in .st-key-q ", limit=30)
    page.keyboard.type("They said after the holidays. When do I follow up?")
    enter(page)
    expect(page.locator(".st-key-search-results")).to_contain_text("holidays")

    # The planner: the interview date, what they said, then "Add this plan to my timeline".
    fresh(page, app, "/planner")
    tab_until(page, "year, Interview date")
    page.keyboard.type("20261201")
    enter(page)
    tab_until(page, "[stTextInputField] in .st-key-said ")
    page.keyboard.type("2-3 weeks")
    enter(page)
    expect(page.locator(".st-key-understood")).to_contain_text("2-3 weeks")
    tab_until(page, "🗂️ Add this plan", limit=60)
    enter(page)
    tab_until(page, "[stTextInputField] in .st-key-tl_company ")
    page.keyboard.type("Keyboard Co")
    enter(page)
    expect(page.get_by_text("Added: the application")).to_be_visible()
    tab_until(page, "Open my follow-up timeline", limit=120)
    enter(page)
    expect(page.get_by_role("heading", name="Follow-up timeline")).to_be_visible()

    # The timeline: the Company field is a few Tab stops from the top (the skip link), not 40.
    fresh(page, app, "/timeline")
    to_link = tab_until(page, "Add an application or log an event", limit=15)
    enter(page)
    to_company = tab_until(page, "[stTextInputField] in .st-key-tl_add_company ", limit=5)
    assert to_link + to_company <= 16, (to_link, to_company)
    page.keyboard.type("Globex")
    tab_until(page, "st-key-tl_add_submit ")
    enter(page)
    expect(page.get_by_text("Added Globex.", exact=True)).to_be_visible()  # (at the top; beside the form too)
    # Mark a step done from its card.
    fresh(page, app, "/timeline")
    tab_until(page, "st-key-tl_done_")
    enter(page)
    expect(page.get_by_text("Logged:")).to_be_visible()

    # Delete an event: the button asks first; Escape keeps the event, "Yes, delete it" deletes it.
    def events() -> int:
        return sum(len(a["events"]) for a in tracker.load_log(app.engine, "local"))

    before = events()
    fresh(page, app, "/timeline")
    tab_until(page, "Add an application or log an event", limit=15)
    enter(page)
    tab_until(page, '[role=tab][stTab] in .st-key-tl_tabs "➕ Add"', limit=3)
    enter(page, "ArrowRight")  # the arrows move between tabs (each opens its tab: a rerun)
    enter(page, "ArrowRight")
    assert "✏️ Edit" in focused(page)["name"]
    expect(page.get_by_role("heading", name="Events of this application")).to_be_visible()
    tab_until(page, "Delete this event")
    enter(page)
    expect(page.get_by_role("button", name="Yes, delete it")).to_be_visible()
    enter(page, "Escape")
    expect(page.get_by_role("button", name="Yes, delete it")).to_have_count(0)
    assert events() == before
    assert "Delete this event" in focused(page)["name"]  # the focus goes back to the button
    enter(page)
    tab_until(page, "Yes, delete it", limit=5)
    enter(page)
    # with Undo beside it (issue 15), at the top of the page and beside the Edit form where the keyboard is
    expect(page.get_by_text("Deleted the event")).to_have_count(2)
    expect(page.get_by_test_id("stTabs").get_by_role("button", name="↩️ Undo")).to_be_visible()
    expect(page.get_by_role("button", name="↩️ Undo")).to_have_count(2)
    assert events() == before - 1


FOCUS_STATES = {
    "explorer-filtered": explorer_filtered,
    "planner-plan": planner_plan,
    "timeline-filled-edit": _timeline(True, "✏️ Edit"),
}


@pytest.mark.parametrize("state", list(FOCUS_STATES))
def test_the_keyboard_focus_is_visible_everywhere(app, pages, state):
    """Every control the Tab key reaches shows that it has the focus (a ring, a border, a colour:
    the pixels around it change), sidebar links, checkboxes, toggles and chart toolbars included."""
    page = pages[1280]
    FOCUS_STATES[state](page, app)
    order, unseen = tab_through(page, 90)
    assert len(order) > 20, order
    assert unseen == [], unseen
