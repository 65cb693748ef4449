"""What participants' text can do in the workshop (issue 10, point 5): the room's CSV, like the timeline's
(tests/test_exports.py), has no cell that starts with a formula trigger when a spreadsheet splits its lines
on ``,``, ``;`` or TAB; a nickname shows literally."""
from __future__ import annotations

import datetime as dt

import pytest

from followup import workspace
from followup.workshop import counts, exercises, people, rooms
from tests.test_exports import cells_split_by

NOW = dt.datetime(2026, 3, 2, 9, 0, 0)
NOTES = ["Thanks;=1+1 for the chat", "=HYPERLINK(\"http://x\")", "ok\t@SUM(A1)", "a,-2", "fine; +3 weeks"]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_workshop_csv_has_no_trigger_after_any_separator(engine, separator):
    room, key = rooms.create(engine, ["letter"], NOW)
    room = rooms.next_step(engine, key, NOW)
    ex = exercises.exercises().get("letter")
    lo, _hi = ex.window()
    for i, note in enumerate(NOTES):
        o = workspace.key_owner(workspace.new_key())
        pid = people.join(engine, room, o, f"P{i}", NOW)
        a = people.save_answer(engine, o, room.id, "letter", follow_up=lo, choice="interest_fit", note=note, now=NOW)
        people.share(engine, room, pid, a, include_note_text=True, note_check=lambda t: True, now=NOW)
    assert set(counts.exercise_counts(engine, room.id, ex).shared_notes) == set(NOTES)
    text = counts.room_csv(engine, room, len(NOTES)).decode("utf-8-sig")
    assert "for the chat" in text
    cells = cells_split_by(text, separator)
    assert [c for c in cells if c.startswith(("=", "+", "-", "@"))] == []


def test_a_nickname_shows_literally_in_the_room(app_test, engine):
    """The participant's own nickname is the one piece of typed text in the room's Markdown: escaped,
    autolinks broken (it shows the same)."""
    from tests.test_page_workshop import open_workshop

    room, key = rooms.create(engine, ["letter"])
    rooms.next_step(engine, key)
    at = open_workshop(app_test, {"room": room.code})
    nick = "**me** www.x.io a@b.io"[: people.MAX_NICKNAME]
    at.text_input(key="ws_nick_link").input(nick)
    at.button(key="ws_link_go").click().run()
    caption = next(c.value for c in at.caption if c.value.startswith("Room "))
    assert caption.endswith(" · \\*\\*me\\*\\* www\u2060\\.x\\.io a\\@\u2060b\\.io"), caption
