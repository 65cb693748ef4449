"""AppTest of the workshop page (/workshop), through app.py as a visitor gets it."""
from __future__ import annotations

import datetime as dt

import pytest

from followup import tracker, workspace
from followup.plan import timing
from followup.workshop import codes, counts, guard, people, rooms


def open_workshop(app_test, query=None):
    at = app_test()
    at.run()
    if query:
        at.query_params.update(query)
    at.switch_page("pages/workshop/workshop.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at):
    return " ".join([m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
                    + [c.value for c in at.caption] + [t.value for t in at.title] + [h.value for h in at.header]
                    + [t.value for t in at.text]).replace("\\", "")


@pytest.fixture
def eng(data_dir):
    e = tracker.make_engine(workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(data_dir)}, {})["url"])
    yield e
    e.dispose()


def test_lobby_offers_join_and_start(app_test):
    at = open_workshop(app_test)
    assert at.title[0].value == "🎓 Workshop"
    assert at.multiselect(key="ws_order").value == ["letter", "jimmy"]
    at.multiselect(key="ws_order").set_value([]).run()
    at.button(key="ws_start_go").click().run()
    assert "Pick at least one exercise" in texts(at)
    assert "host" not in at.query_params


def test_start_a_room_gives_the_projector_view_and_steps_through(app_test, eng):
    at = open_workshop(app_test)
    at.multiselect(key="ws_order").set_value(["sam", "craig"]).run()
    at.button(key="ws_start_go").click().run()
    key = at.query_params["host"]
    room = rooms.by_host(eng, key)
    assert room.order == ("sam", "craig")
    assert room.display_code in texts(at) and "Step 1 of 4" in texts(at)
    at.button(key="ws_next").click().run()
    assert "Step 2 of 4" in texts(at) and "Sam: “by Feb end”" in texts(at)
    at.button(key="ws_reveal").click().run()
    assert rooms.by_host(eng, key).revealed
    assert "I think that really depends on the timing" in texts(at)  # q6-chris, revealed
    at.checkbox(key="ws_close_sure").check().run()
    at.button(key="ws_close").click().run()
    assert "This room has closed" in texts(at)


def test_a_bad_facilitator_link_says_so(app_test):
    at = open_workshop(app_test, {"host": workspace.new_key()})
    assert "does not open a room" in texts(at)


def test_join_by_link_then_answer_and_share(app_test, eng):
    room, key = rooms.create(eng, ["letter"])
    rooms.next_step(eng, key)
    at = open_workshop(app_test, {"room": room.code})
    at.text_input(key="ws_nick_link").input("Nguyễn Thị Lan")
    at.button(key="ws_link_go").click().run()
    assert not at.exception
    assert people.count(eng, room.id) == 1
    assert "Nguyễn Thị Lan" in texts(at) and "Your task:" in texts(at)
    share_box = lambda: " ".join(c.value for c in at.get_by_key("ws_share").caption)  # noqa: E731
    assert "Save your answer above first" in share_box()  # said in the open, not in a tooltip
    at.date_input(key="ws_date_letter").set_value(dt.date(2026, 1, 7))
    at.radio(key="ws_choice_letter").set_value("interest_fit")
    at.text_area(key="ws_note_letter").input("My private draft")
    at.button(key="ws_save_letter").click().run()
    # what Share sends: the saved answer (a date changed in the form and not saved is not shared)
    assert "Sharing sends your saved answer (follow-up" in share_box() and "Save it first" in share_box()
    assert timing.fmt(dt.date(2026, 1, 7)) in share_box()
    owner = workspace.key_owner(at.query_params["key"])
    assert people.my_answers(eng, owner, room.id)["letter"].note == "My private draft"
    assert counts.exercise_counts(eng, room.id, room_ex("letter")).shared == 0
    at.button(key="ws_share_letter").click().run()
    c = counts.exercise_counts(eng, room.id, room_ex("letter"))
    assert c.shared == 1 and c.by_window["in"] == 1 and c.shared_notes == ()


def room_ex(ex_id):
    from followup.workshop.exercises import exercises

    return exercises().get(ex_id)


def test_a_wrong_code_is_refused_and_counted(app_test, eng):
    rooms.create(eng, ["letter"])
    at = open_workshop(app_test)
    for i in range(guard.MAX_FAILURES + 1):
        at.text_input(key="ws_code_typed").input(f"ZZZ-ZZ{codes.ALPHABET[i]}")
        at.button(key="ws_join_go").click().run()
    assert "Too many wrong room codes" in texts(at)
    at = open_workshop(app_test, {"room": "nonsense"})
    assert "No open room has this code" in texts(at)


def test_each_click_in_a_room_runs_the_page_once(app_test, eng, monkeypatch):
    """Joining, sending the check, saving and sharing save in the widget's callback, before the page
    runs, instead of saving during a run and calling st.rerun() (two runs per click, while 40
    screens poll the same server). The run that follows already shows the result."""
    from followup.workshop.exercises import exercises

    room, key = rooms.create(eng, ["letter"])
    at = open_workshop(app_test, {"room": room.code})
    runs = []
    real = people.participant  # called once per run of the room page (pages/workshop/workshop.py)
    monkeypatch.setattr(people, "participant", lambda *a: (runs.append(1), real(*a))[1])

    def click(button_key):
        runs.clear()
        at.button(key=button_key).click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(runs) == 1, f"{button_key}: {len(runs)} runs"

    at.text_input(key="ws_nick_link").input("Zoë")
    click("ws_link_go")
    assert people.count(eng, room.id) == 1 and "Before we start" in texts(at)
    for q in exercises().exit_questions:
        at.radio(key=f"ws_q_before_{q.id}").set_value(0)
    at.slider(key="ws_conf_before").set_value(4)
    click("ws_check_go_before")
    assert "your answers count in the room's totals" in texts(at)
    assert counts.exit_totals(eng, room.id)["before"].confidence[4] == 1
    rooms.next_step(eng, key)
    at.run()  # the poll's full rerun
    at.date_input(key="ws_date_letter").set_value(dt.date(2026, 1, 7))
    at.radio(key="ws_choice_letter").set_value("interest_fit")
    at.text_area(key="ws_note_letter").input("Thank you for your time")
    assert at.button(key="ws_share_letter").disabled, "nothing saved yet"
    click("ws_save_letter")
    assert not at.button(key="ws_share_letter").disabled, "the same run offers to share it"
    assert [t.value for t in at.toast] == ["Saved, for you only."]
    click("ws_share_letter")
    assert "(shared ✔" in texts(at)
    assert counts.exercise_counts(eng, room.id, room_ex("letter")).shared == 1
    rooms.close(eng, key)
    click("ws_share_letter")  # the page was drawn before the room closed
    assert "This room has closed" in texts(at)


def test_a_share_after_the_room_moved_on_is_refused_and_the_page_follows(app_test, eng):
    """The share button's callback reads the room afresh: the page was drawn on the first case, the
    facilitator has moved on since, so nothing is shared and the run shows the new case. The refusal
    is not kept for later: back on the first case, no stale message."""
    room, key = rooms.create(eng, ["letter", "jimmy"])
    rooms.next_step(eng, key)
    at = open_workshop(app_test, {"room": room.code})
    at.button(key="ws_link_go").click().run()
    at.text_area(key="ws_note_letter").input("A note")
    at.button(key="ws_save_letter").click().run()
    rooms.next_step(eng, key)
    at.button(key="ws_share_letter").click().run()
    assert not at.exception and counts.exercise_counts(eng, room.id, room_ex("letter")).shared == 0
    assert "ws_save_jimmy" in [b.key for b in at.button] and not at.error
    rooms.previous_step(eng, key)
    at.run()
    assert "ws_share_letter" in [b.key for b in at.button] and not at.error
    at.button(key="ws_share_letter").click().run()
    assert "(shared ✔" in texts(at) and counts.exercise_counts(eng, room.id, room_ex("letter")).shared == 1


def _end(eng, room, key, how):
    """End a room as a facilitator does (closed) or as time does (expired, not yet purged)."""
    import sqlalchemy as sa

    from followup.workshop import schema

    if how == "closed":
        rooms.close(eng, key)
    else:
        with eng.begin() as conn:
            conn.execute(schema.rooms.update().where(schema.rooms.c.id == room.id).values(
                expires_at=rooms.now_utc() - dt.timedelta(minutes=1)))


@pytest.mark.parametrize("how", ["closed", "expired"])
def test_a_seat_link_reloaded_after_the_room_ended_shows_all_my_answers(app_test, eng, how):
    """The participant's own link (?room=CODE&key=...), opened in a new session after the room
    ended, shows the closed view with their date, choice and note, not "check the code"."""
    room, key = rooms.create(eng, ["letter"])
    rooms.next_step(eng, key)
    at = open_workshop(app_test, {"room": room.code})
    at.button(key="ws_link_go").click().run()
    at.date_input(key="ws_date_letter").set_value(dt.date(2026, 1, 7))
    at.radio(key="ws_choice_letter").set_value("interest_fit")
    at.text_area(key="ws_note_letter").input("My private draft")
    at.button(key="ws_save_letter").click().run()
    seat = {"room": room.code, "key": at.query_params["key"]}
    _end(eng, room, key, how)
    again = open_workshop(app_test, seat)  # a reload: a new session
    shown = texts(again)
    assert "This room has closed" in shown and "Your own answers stay here" in shown
    assert "No open room" not in shown and "Check it on the projector" not in shown
    assert timing.fmt(dt.date(2026, 1, 7)) in shown
    assert room_ex("letter").option("interest_fit").label in shown
    assert "My private draft" in shown


@pytest.mark.parametrize("how", ["closed", "expired"])
def test_the_code_of_an_ended_room_says_it_ended_and_is_not_a_wrong_code(app_test, eng, how):
    import sqlalchemy as sa

    from followup.workshop import schema

    room, key = rooms.create(eng, ["letter"])
    _end(eng, room, key, how)
    at = open_workshop(app_test)
    for _ in range(guard.MAX_FAILURES + 1):
        at.text_input(key="ws_code_typed").input(room.display_code)
        at.button(key="ws_join_go").click().run()
        assert "This room has ended" in texts(at) and "Check it on the projector" not in texts(at)
        assert "room" not in at.query_params
    assert "Too many wrong room codes" not in texts(at)
    with eng.connect() as conn:
        assert not conn.execute(sa.select(schema.guard.c.failures).where(schema.guard.c.failures > 0)).first()
    at = open_workshop(app_test, {"room": room.code})  # its room link, without a seat of one's own
    assert "This room has ended" in texts(at) and "Join room" not in texts(at)


def test_the_host_page_of_an_expired_room_has_deleted_what_it_collected(app_test, eng):
    """The page says "What it collected has been deleted": opening it purges an expired room."""
    import sqlalchemy as sa

    from followup.workshop import schema

    room, key = rooms.create(eng, ["letter"])
    room = rooms.next_step(eng, key)
    pid = people.join(eng, room, workspace.key_owner(workspace.new_key()), "Zoë")
    people.share(eng, room, pid, people.Answer("letter", dt.date(2026, 1, 7), "interest_fit", "Shared note"),
                 include_note_text=True)
    _end(eng, room, key, "expired")
    at = open_workshop(app_test, {"host": key})
    assert "This room has closed" in texts(at) and "What it collected has been deleted" in texts(at)
    with eng.connect() as conn:
        for table in (schema.shared, schema.participants, schema.checks):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0, table.name


def test_a_date_before_the_interview_is_refused_with_a_message_and_the_saved_answer_kept(app_test, eng):
    """jimmy's interview is on 15 Dec 2025; 12 Dec 2025 used to be saved as "no date" (the browser drops
    a date under the box's min_value). Now the box takes it and Python refuses it, plainly."""
    room, key = rooms.create(eng, ["jimmy"])
    rooms.next_step(eng, key)
    at = open_workshop(app_test, {"room": room.code})
    at.button(key="ws_link_go").click().run()
    owner = workspace.key_owner(at.query_params["key"])
    at.date_input(key="ws_date_jimmy").set_value(dt.date(2026, 1, 8))
    at.button(key="ws_save_jimmy").click().run()
    assert people.my_answers(eng, owner, room.id)["jimmy"].follow_up == dt.date(2026, 1, 8)
    at.date_input(key="ws_date_jimmy").set_value(dt.date(2025, 12, 12))
    at.button(key="ws_save_jimmy").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The date is before the interview on Mon 15 Dec 2025. Pick that day or a later one: nothing was "
        "saved, your answer stays as it was."]
    assert not at.toast
    assert people.my_answers(eng, owner, room.id)["jimmy"].follow_up == dt.date(2026, 1, 8)
    box = at.date_input(key="ws_date_jimmy")
    assert box.min <= dt.date(2025, 12, 12), "the browser would drop the date and send no date"


def _everything(at) -> str:
    return texts(at) + " ".join(c.value for c in at.code)


def test_the_host_link_is_not_projected_unless_asked_for(app_test, eng):
    """The facilitator tools are opened on the projector (CSV, End the room): the private ?host= link
    shows only behind its own toggle, off by default and off again after the next step."""
    room, key = rooms.create(eng, ["letter"])
    at = open_workshop(app_test, {"host": key})
    assert key not in _everything(at)
    assert at.download_button(key="ws_csv") is not None and at.button(key="ws_close") is not None
    show = at.toggle(key=f"ws_show_host_{rooms.by_host(eng, key).version}")
    assert show.label == "Show my private host link (not on the projector)" and not show.value
    show.set_value(True).run()
    assert f"?host={key}" in _everything(at)
    at.button(key="ws_next").click().run()
    assert key not in _everything(at)


def test_an_unanswered_check_question_is_named_in_a_sentence(app_test, eng):
    from followup.workshop.exercises import exercises

    room, _key = rooms.create(eng, ["letter"])
    at = open_workshop(app_test, {"room": room.code})
    at.button(key="ws_link_go").click().run()
    first, *rest = exercises().exit_questions
    for q in rest:
        at.radio(key=f"ws_q_before_{q.id}").set_value(0)
    at.button(key="ws_check_go_before").click().run()
    assert [e.value for e in at.error] == [
        f"Please answer every question before sending: “{first.text}” has no answer yet."]
    assert not people.has_check(eng, room.id, people.participant(eng, room.id, workspace.key_owner(
        at.query_params["key"]))[0], "before")
