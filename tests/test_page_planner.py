"""AppTest of the wait-time planner page, through app.py as a visitor gets it."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from followup.plan import timing as T


def open_planner(app_test, query=None, context=None):
    at = app_test()
    if context:
        at.context.update(context)
    at.run()
    if query:
        at.query_params.update(query)
    at.switch_page("pages/plan/planner.py").run()
    assert not at.exception
    return at


def texts(at):
    return " ".join([m.value for m in at.markdown] + [i.value for i in at.info] + [s.value for s in at.success]
                    + [w.value for w in at.warning] + [c.value for c in at.caption])


def has_key(at, key) -> bool:
    try:
        at.get_by_key(key)
    except KeyError:
        return False
    return True


def plain(s: str) -> str:
    return s.replace("\\", "")


def test_defaults_today_in_utc_with_a_notice(app_test):
    at = open_planner(app_test)
    today = dt.datetime.now(dt.timezone.utc).date()
    assert at.date_input(key="interview").value == today
    assert "did not say which time zone" in texts(at)
    assert "Nothing was said about timing" in plain(texts(at))
    assert at.selectbox(key="country").value == "US"
    steps = [k for k in (f"step_{i}" for i in range(8)) if has_key(at, k)]
    assert at.query_params["interview"] == [today.isoformat()] or at.query_params["interview"] == today.isoformat()
    assert len(steps) == len(T.plan(today, "").steps)  # 4, or 5 with a holiday card in December


def test_time_zone_from_the_browser(app_test):
    at = open_planner(app_test, context={"timezone": "Pacific/Kiritimati"})
    assert "time zone" not in texts(at)
    now = dt.datetime.now(dt.timezone.utc)
    assert at.date_input(key="interview").value == (now + dt.timedelta(hours=14)).date()


def test_inputs_give_the_plan(app_test):
    at = open_planner(app_test)
    at.date_input(key="interview").set_value(dt.date(2026, 3, 2)).run()
    at.text_input(key="said").input("2-3 weeks").run()
    at.selectbox(key="industry").set_value("academia").run()
    at.selectbox(key="country").set_value("DE").run()
    at.selectbox(key="region").set_value("BY").run()
    at.checkbox(key="agency").check().run()
    assert not at.exception
    body = plain(texts(at))
    assert "I read this as: a decision within 2-3 weeks: Mon 23 Mar 2026." in body
    assert "24 March 2026" in body  # the first follow-up
    assert "(/?ref=q6-chris)" in body and "(/?ref=c22)" in body  # links into the explorer
    assert "comment 22" in body
    qp = {k: at.query_params[k] for k in at.query_params}
    flat = {k: (v[0] if isinstance(v, list) else v) for k, v in qp.items()}
    assert flat == {"interview": "2026-03-02", "said": "2-3 weeks", "industry": "academia", "country": "DE",
                    "region": "BY", "agency": "1"}
    spec = json.loads(at.get("arrow_vega_lite_chart")[0].proto.spec) if at.get("arrow_vega_lite_chart") \
        else json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "layer" in spec
    dl = at.get("download_button")
    assert dl and "Add to calendar" in dl[0].proto.label


def test_a_link_reproduces_the_plan(app_test):
    query = {"interview": "2025-12-10", "said": "it would be a while due to the holidays", "country": "GB",
             "region": "SCT", "industry": "advertising", "agency": "1"}
    at = open_planner(app_test, query=query)
    assert at.date_input(key="interview").value == dt.date(2025, 12, 10)
    assert at.text_input(key="said").value == query["said"]
    assert (at.selectbox(key="country").value, at.selectbox(key="region").value) == ("GB", "SCT")
    assert at.selectbox(key="industry").value == "advertising" and at.checkbox(key="agency").value
    p = T.plan(dt.date(2025, 12, 10), query["said"], industry="advertising", country="GB", subdivision="SCT",
               via_agency=True)
    body = plain(texts(at))
    for s in p.steps:
        assert f"{s.date.day} {s.date:%B} {s.date.year}" in body
        assert s.title in body
    assert "Send a holiday card" in body


def test_bad_link_values_fall_back_with_a_warning(app_test):
    at = open_planner(app_test, query={"interview": "2026-02-31", "country": "XX", "industry": "<b>x</b>",
                                       "region": "ZZ"})
    assert "could not use" in texts(at)
    assert at.selectbox(key="industry").value == "general"
    assert at.selectbox(key="country").value == "US"


def test_examples_are_one_click_away(app_test):
    at = open_planner(app_test)
    at.button(key="ex_sam").click().run()
    assert at.text_input(key="said").value == "by Feb end"
    assert at.date_input(key="interview").value == dt.date(2013, 1, 22)
    assert "I read this as: a decision by the end of February: Thu 28 Feb 2013." in plain(texts(at))
    at.button(key="ex_craig").click().run()
    assert at.text_input(key="said").value == "2-3 weeks"
    at.button(key="ex_letter").click().run()
    assert "after the end-of-year holidays" in plain(texts(at))
    assert "Send a holiday card" in plain(texts(at))


def test_changing_country_resets_region(app_test):
    at = open_planner(app_test)
    at.selectbox(key="country").set_value("DE").run()
    at.selectbox(key="region").set_value("BY").run()
    at.selectbox(key="country").set_value("US").run()
    assert not at.exception
    assert at.selectbox(key="region").value == ""  # "Whole country", not a German code in a US list
    at.selectbox(key="country").set_value("SE").run()  # Sweden has no regions in the library
    assert not at.exception and all(sb.key != "region" for sb in at.selectbox)


PAYLOADS = ["<img src=x onerror=alert(1)>", "<iframe srcdoc=\"<script>alert(1)</script>\">",
            "[x](javascript:alert(1))", "![p](http://127.0.0.1:9/px)", ":red[boss]"]


def test_user_text_is_never_rendered_as_markdown(app_test):
    at = open_planner(app_test)
    for payload in PAYLOADS:
        at.text_input(key="said").input(payload).run()
        assert not at.exception
        for el in list(at.markdown) + list(at.info) + list(at.caption) + list(at.success) + list(at.warning):
            value = without_calendar_links(el.value)
            assert payload not in value
            assert "javascript:" not in value and "onerror" not in value and "red[boss]" not in value


CALENDAR_LINK = re.compile(r"\]\((https://calendar\.google\.com/calendar/render\?[^)\s]*)\)")


def without_calendar_links(value: str) -> str:
    """The Markdown without the step cards' Google Calendar addresses, after checking each is fully
    percent-encoded (what was typed travels in its details, encoded, and cannot end the link or add markup)."""
    for url in CALENDAR_LINK.findall(value):
        assert re.fullmatch(r"[A-Za-z0-9_.~%&=:/?-]+", url), url
    return CALENDAR_LINK.sub("](calendar)", value)


def test_cleared_date_falls_back_to_today(app_test):
    at = open_planner(app_test)
    at.date_input(key="interview").set_value(None).run()
    assert not at.exception
    assert "Pick your interview date" in texts(at)


# --- the reading in one line, and "Not what they said?" (issue 11, point 2) ----------------------
def step_dates(at) -> list[str]:
    """The plan's step dates as the page shows them ("24 March 2026"), in order."""
    out = []
    for i in range(8):
        if has_key(at, f"step_{i}"):
            out.append(plain(" ".join(m.value for m in at.get_by_key(f"step_{i}").markdown)))
    return out


def test_a_phrase_not_understood_asks_for_the_date_and_the_plan_waits(app_test):
    at = open_planner(app_test)
    at.date_input(key="interview").set_value(dt.date(2026, 3, 10)).run()
    at.text_input(key="said").input("sometime after the merger closes").run()
    assert not at.exception
    assert has_key(at, "ask") and not has_key(at, "correct")  # asked in the open, not behind an expander
    assert "When did they say they would decide?" in plain(texts(at))
    assert "I could not read this as a date" in at.get_by_key("understood").warning[0].value
    assert len(step_dates(at)) == 1 and "Send a thank-you note" in step_dates(at)[0]  # it waits: no nudge
    at.date_input(key="decision_date").set_value(dt.date(2026, 4, 3)).run()
    assert not at.exception and not has_key(at, "ask")
    want = T.plan(dt.date(2026, 3, 10), "sometime after the merger closes", decision=dt.date(2026, 4, 3))
    assert not want.waiting and want.step("follow_up").date > dt.date(2026, 4, 3)
    assert "I read this as: a decision by Fri 3 Apr 2026 (the date you picked)." in plain(texts(at))
    shown = step_dates(at)
    assert len(shown) == len(want.steps)
    for s, text in zip(want.steps, shown):
        assert f"{s.date.day} {s.date:%B} {s.date.year}" in plain(text)
    assert at.query_params["decision"] in ("2026-04-03", ["2026-04-03"])


def test_a_past_date_is_said_and_asked(app_test):
    at = open_planner(app_test, query={"interview": "2026-03-10", "said": "by March 3"})
    assert has_key(at, "ask")
    assert "already past" in at.get_by_key("understood").warning[0].value
    assert len(step_dates(at)) == 1


def test_not_what_they_said_changes_the_plan_and_the_link(app_test):
    at = open_planner(app_test, query={"interview": "2026-03-02", "said": "2-3 weeks"})
    assert has_key(at, "correct") and not has_key(at, "ask")
    before = step_dates(at)
    assert "23 March 2026" not in " ".join(before) and "24 March 2026" in before[1]
    at.date_input(key="decision_date").set_value(dt.date(2026, 4, 17)).run()
    after = step_dates(at)
    want = T.plan(dt.date(2026, 3, 2), "2-3 weeks", decision=dt.date(2026, 4, 17)).step("follow_up").date
    assert f"{want.day} {want:%B} {want.year}" in after[1] and after != before
    assert "(the date you picked)" in plain(texts(at))
    assert at.query_params["decision"] in ("2026-04-17", ["2026-04-17"])
    at.checkbox(key="decision_none").check().run()  # "They gave no date": counts from the interview
    assert at.date_input(key="decision_date").value is None
    nothing = T.plan(dt.date(2026, 3, 2), "").step("follow_up").date
    assert f"{nothing.day} {nothing:%B} {nothing.year}" in step_dates(at)[1]
    assert "no date given (your choice)" in plain(texts(at))
    assert at.query_params["decision"] in ("none", ["none"])
    at.button(key="decision_clear").click().run()  # back to the reading of the text
    assert step_dates(at) == before and "decision" not in at.query_params
    at.date_input(key="decision_date").set_value(dt.date(2026, 4, 17)).run()
    at.text_input(key="said").input("by Friday").run()  # new text: the old choice goes
    assert at.date_input(key="decision_date").value is None and "decision" not in at.query_params


def test_the_choice_comes_back_from_the_link_and_bad_ones_are_named(app_test):
    at = open_planner(app_test, query={"interview": "2026-03-02", "said": "2-3 weeks", "decision": "2026-04-17"})
    assert at.date_input(key="decision_date").value == dt.date(2026, 4, 17)
    assert "(the date you picked)" in plain(texts(at))
    at = open_planner(app_test, query={"interview": "2026-03-02", "said": "2-3 weeks", "decision": "none"})
    assert at.checkbox(key="decision_none").value and "no date given (your choice)" in plain(texts(at))
    for bad in ("2025-01-01", "2031-01-01", "friday", "<b>x</b>"):
        at = open_planner(app_test, query={"interview": "2026-03-02", "said": "2-3 weeks", "decision": bad})
        assert "could not use" in plain(texts(at)) and "decision date" in plain(texts(at))
        assert at.date_input(key="decision_date").value is None and not at.checkbox(key="decision_none").value
        assert "I read this as: a decision within 2-3 weeks" in plain(texts(at))


def test_typo_corrections_are_shown(app_test):
    at = open_planner(app_test, query={"interview": "2026-12-10", "said": "after the holidys"})
    assert "(read “holidys” as “holidays”)" in plain(texts(at))
    at = open_planner(app_test, query={"interview": "2026-03-10", "said": "after the holidys"})  # not understood
    assert has_key(at, "ask") and "Read “holidys” as “holidays”." in plain(texts(at))


# --- issue 15: one truth across pages --------------------------------------------------------------
def last_business_day_before_today():
    today = dt.datetime.now(dt.timezone.utc).date()
    return today, T.business_calendar("US", None, today.year).sub(today, 1)


def step_card_status(at, kind_word: str) -> str:
    """The text (status line included) of the step card whose title mentions ``kind_word``."""
    for i in range(8):
        if not has_key(at, f"step_{i}"):
            continue
        card = at.get_by_key(f"step_{i}")
        if any(kind_word in m.value.lower() for m in card.markdown):
            return " ".join(c.value for c in [*card.markdown, *card.caption])
    raise AssertionError(f"no step card about {kind_word}")


def test_a_step_inside_its_window_is_today_as_on_the_timeline(app_test):
    """Interviewed on the last business day: the thank-you's window runs to the next one, so it is
    "Do it today" here as on the timeline (tests/test_page_timeline.py), not "done or missed"."""
    from followup.plan.status import LABELS, step_status
    today, interview = last_business_day_before_today()
    ty = T.plan(interview, "", today=today).step("thank_you")
    assert ty.date == interview < today <= ty.latest  # the case: yesterday's step, window open today
    assert step_status(ty.date, today, ty.latest) == ty.status == "today"
    at = open_planner(app_test, query={"interview": interview.isoformat()})
    caption = step_card_status(at, "thank")
    assert LABELS["today"] in caption and "done or missed" not in caption.lower()
    # and the "Next" line says today, not the window's first day "n days ago"
    nxt = " ".join(a.value for a in at.get_by_key("next_step").success)
    assert "**today**" in nxt and "ago" not in nxt and "thank" in nxt.lower()


def test_dates_in_the_browsers_format(app_test):
    today = dt.datetime.now(dt.timezone.utc).date()
    us = texts(open_planner(app_test, query={"interview": "2026-03-02"}, context={"locale": "en-US"}))
    gb = texts(open_planner(app_test, query={"interview": "2026-03-02"}, context={"locale": "en-GB"}))
    # the thank-you card: Monday 2 March 2026, the interview day
    assert "Monday, March 2, 2026" in us and "Monday 2 March 2026" not in us
    assert "Monday 2 March 2026" in gb and "Monday, March 2, 2026" not in gb
    # engine texts too (the reading of what they said, a step's window): one format per visitor
    assert "Tue, Mar 3, 2026" in plain(us) and "Tue 3 Mar 2026" not in plain(us)
    assert "Tue 3 Mar 2026" in plain(gb)
    assert today  # (dates are fixed by the link, not by today)


@pytest.mark.parametrize("locale,fmt", [("en-US", "MM/DD/YYYY"), ("en-GB", "DD/MM/YYYY"), ("de-DE", "DD/MM/YYYY")])
def test_date_boxes_take_dates_in_the_order_the_page_writes_them(app_test, locale, fmt):
    at = open_planner(app_test, query={"interview": "2026-03-02"}, context={"locale": locale})
    assert at.date_input(key="interview").proto.format == fmt
    assert at.date_input(key="interview").value == dt.date(2026, 3, 2)


@pytest.mark.parametrize("said", ["banana", "sometime after the merger closes"])
def test_a_waiting_plan_whose_thank_you_is_past_asks_and_never_says_move_on(app_test, said):
    """Reviewer, item 1: interviewed weeks ago, words not read as a date: the plan waits for the answer, so
    the next step is to answer the question, never "it is time to move on"."""
    today = dt.datetime.now(dt.timezone.utc).date()
    at = open_planner(app_test, query={"interview": (today - dt.timedelta(days=33)).isoformat(), "said": said})
    assert has_key(at, "ask") and len(step_dates(at)) == 1
    nxt = at.get_by_key("next_step")
    shown = plain(" ".join(e.value for e in [*nxt.success, *nxt.info, *nxt.markdown]))
    assert "answer the question above" in shown
    assert "move on" not in plain(texts(at)).lower()
