"""AppTest of the writer page (/write): every kind, a link from the planner or timeline choosing
the kind and application, the check on request and on save, drafts surviving a new session,
Log as sent moving the timeline's next step on, other owners' applications out of reach, and
user text rendered as text."""
from __future__ import annotations

import datetime as dt

import pytest

from followup import tracker
from followup.plan import timing
from followup.write import store
from followup.write.rules import KINDS

PAGE = "pages/write/writer.py"
HOSTILE = '<img src=x onerror="alert(1)"> [x](javascript:alert(3)) :red[boss]'


def open_page(app_test, query: dict | None = None):
    at = app_test()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def app_id(engine):
    today = dt.date.today()
    return tracker.add_plan(engine, "local", timing.plan(today - dt.timedelta(days=1), "", today=today),
                            company="Acme Health", role="Data Analyst", contact="Priya Shah")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_composes_and_checks(app_test, kind):
    at = open_page(app_test, {"kind": kind})
    assert at.selectbox(key="wr_kind").value == kind
    at.text_input(key="wr_company").input("Acme Health")
    at.text_input(key="wr_role").input("Data Analyst")
    at.text_input(key="wr_contact").input("Priya Shah")
    at.text_input(key="wr_specific").input("how your team rebuilt the claims dashboards")
    at.text_input(key="wr_fit").input("I built the month-end reporting for a 40-person finance team")
    at.text_input(key="wr_sender").input("Jordan Lee")
    at.button(key="wr_compose").click().run()
    body = at.text_area(key="wr_body").value
    assert "Acme Health" in body and "Jordan Lee" in body and "[" not in body
    at.button(key="wr_check").click().run()
    assert not at.exception
    text = markdown_text(at)
    assert "🔴 Fix" not in text, text  # a composed draft from a full debrief has nothing to fix
    assert at.code[0].value.endswith(body)  # the copy box holds the note


def test_findings_ranked_with_quote_and_passage_link(app_test):
    at = open_page(app_test, {"kind": "follow_up"})
    at.text_input(key="wr_subject").input("Follow-up")
    at.text_area(key="wr_body").input("Hi, just checking in. What is the salary for the role?")
    at.button(key="wr_check").click().run()
    text = markdown_text(at)
    assert text.index("🔴 Fix") < text.index("🟡 Consider")
    assert "/?ref=q5-kevin" in "\n".join(c.value for c in at.caption)
    assert any("salary" in t.value for t in at.text)


def test_link_opens_application_and_log_as_sent_moves_next_step(app_test, engine, app_id):
    today = dt.date.today()
    at = open_page(app_test, {"kind": "thank_you", "app": str(app_id)})
    assert at.selectbox(key="wr_app").value == app_id
    assert at.text_input(key="wr_company").value == "Acme Health"
    assert "Priya Shah" in at.text_area(key="wr_body").value
    at.button(key="wr_sent").click().run()
    assert not at.exception
    assert "Logged" in "\n".join(s.value for s in at.success)
    log = tracker.load_log(engine, "local")
    assert any(e["kind"] == "thank_you" and e["done"] and e["date"] == today for e in log[0]["events"])
    nxt = tracker.next_steps(log, today)
    assert not nxt or nxt[0].step_kind != "thank_you"
    assert store.get_draft(engine, "local", app_id, "thank_you")["status"] == "sent"


def test_draft_survives_a_new_session(app_test, engine, app_id):
    at = open_page(app_test, {"kind": "follow_up", "app": str(app_id)})
    at.text_area(key="wr_body").input("My own words about the Acme Health role, edited by hand.")
    at.button(key="wr_save").click().run()
    assert "Draft saved" in "\n".join(s.value for s in at.success)
    again = open_page(app_test, {"kind": "follow_up", "app": str(app_id)})  # a reload: a new session
    assert again.text_area(key="wr_body").value == "My own words about the Acme Health role, edited by hand."
    assert "saved draft (not sent yet)" in "\n".join(c.value for c in again.caption)
    # save also checks
    assert "What the check found" in "\n".join(h.value for h in at.header)


def test_someone_elses_application_id_is_ignored(app_test, engine):
    other = tracker.add_application(engine, "key:someone", company="Secret Corp")
    at = open_page(app_test, {"kind": "thank_you", "app": str(other)})
    assert at.selectbox(key="wr_app").value == 0
    assert "Secret Corp" not in at.text_area(key="wr_body").value
    at.button(key="wr_save").click().run()
    assert store.list_drafts(engine, "key:someone") == []


def test_bad_link_values_fall_back(app_test):
    at = open_page(app_test, {"kind": "<script>", "app": "abc", "channel": "fax"})
    assert at.selectbox(key="wr_kind").value == "thank_you"
    assert at.selectbox(key="wr_channel").value == "email"


def test_user_text_is_inert(app_test):
    at = open_page(app_test, {"kind": "thank_you"})
    at.text_input(key="wr_company").input(HOSTILE)
    at.text_area(key="wr_body").input(f"Dear Priya, {HOSTILE} pay rise wordd")
    at.button(key="wr_check").click().run()
    for m in at.markdown:
        assert "<img" not in m.value and "](javascript" not in m.value and ":red[" not in m.value


def test_linkedin_and_card_have_no_subject_or_mail_buttons(app_test):
    at = open_page(app_test, {"kind": "thank_you", "channel": "linkedin"})
    assert not [t for t in at.text_input if t.key == "wr_subject"]
    at.button(key="wr_compose").click().run()
    assert len(at.text_area(key="wr_body").value) < 400


def test_an_empty_fit_line_leaves_a_gap_the_check_marks_to_fix(app_test):
    at = open_page(app_test, {"kind": "thank_you"})
    for key, value in (("wr_company", "Acme Health"), ("wr_role", "Data Analyst"), ("wr_contact", "Priya Shah"),
                       ("wr_specific", "how your team rebuilt the claims dashboards"), ("wr_sender", "Jordan Lee")):
        at.text_input(key=key).input(value)
    at.button(key="wr_compose").click().run()
    assert "[one line on why you fit" in at.text_area(key="wr_body").value
    at.button(key="wr_check").click().run()
    assert "🔴 Fix · A template gap is still in the draft" in markdown_text(at)
    assert any("[one line on why you fit" in t.value for t in at.text)


@pytest.mark.parametrize("contact", ["Dana Ortiz", ""])
def test_agency_draft_does_not_claim_whom_they_met(app_test, contact):
    at = open_page(app_test, {"kind": "agency"})
    at.text_input(key="wr_company").input("Hartwell Dental")
    at.text_input(key="wr_role").input("Dental Receptionist")
    at.text_input(key="wr_contact").input(contact)
    at.text_input(key="wr_specific").input("the new online booking system")
    for opening in range(len(at.selectbox(key="wr_opening").options)):
        at.selectbox(key="wr_opening").set_value(opening).run()
        at.button(key="wr_compose").click().run()
        body = at.text_area(key="wr_body").value
        assert "Meeting" not in body and "was a highlight" not in body, body


@pytest.mark.parametrize("subject", ["Following up", "Re: Following up"])
def test_a_bare_following_up_subject_is_flagged(app_test, subject):
    at = open_page(app_test, {"kind": "follow_up"})
    at.text_input(key="wr_subject").input(subject)
    at.text_area(key="wr_body").input("Dear Priya,\n\nI remain very interested in the Data Analyst role.\n\nJordan")
    at.button(key="wr_check").click().run()
    assert "🟡 Consider · The subject does not say what the email is about" in markdown_text(at)


def test_holiday_card_draft_restates_interest_and_looks_to_after_the_holidays(app_test):
    at = open_page(app_test, {"kind": "holiday_card", "channel": "card"})
    for key, value in (("wr_company", "Acme Health"), ("wr_role", "Data Analyst"), ("wr_contact", "Priya Shah"),
                       ("wr_sender", "Jordan Lee")):
        at.text_input(key=key).input(value)
    at.button(key="wr_compose").click().run()
    body = at.text_area(key="wr_body").value
    assert "Data Analyst" in body and "join" in body and "look forward to hearing from you" in body, body


@pytest.mark.parametrize("closing,word", [("Sincerly,", "Sincerly"), ("Kind regads,", "regads")])
def test_a_typo_in_the_sign_off_is_flagged(app_test, closing, word):
    at = open_page(app_test, {"kind": "thank_you"})
    at.text_input(key="wr_subject").input("Thank you: Data Analyst interview")
    at.text_area(key="wr_body").input(f"Dear Priya,\n\nThank you for the talk about the Data Analyst role.\n\n"
                                      f"{closing}\nJordan Lee")
    at.button(key="wr_check").click().run()
    assert "🔴 Fix · Possible misspelling" in markdown_text(at)
    assert any(t.value == f"“{word}”" for t in at.text)


def test_a_greeting_to_the_wrong_name_is_flagged(app_test):
    at = open_page(app_test, {"kind": "agency"})
    at.text_input(key="wr_contact").input("Dana Ortiz")
    at.text_input(key="wr_subject").input("Hartwell Dental interview: how it went")
    at.text_area(key="wr_body").input("Dear Diana,\n\nThank you for setting up my interview with Hartwell Dental."
                                      "\n\nKind regards,\nSam Okoro")
    at.button(key="wr_check").click().run()
    assert "🔴 Fix · The greeting may name the wrong person" in markdown_text(at)
