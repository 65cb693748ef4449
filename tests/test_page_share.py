"""AppTest, issue 10: who gets the local log and who a private workspace (the autouse ``visitor``
fixture plays the connection), keys the app did not make, and plan links that never hold a key."""
from __future__ import annotations

import pytest

from followup import tracker, workspace
from tests.test_page_timeline import add_application, every_tab_text, open_page, tab

REMOTE = ("192.0.2.9", [("Host", "coach.example:8501"), ("Origin", "http://coach.example:8501")])
SAME_HOST_PROXY = ("127.0.0.1", [("Host", "coach.example"), ("X-Forwarded-For", "198.51.100.20")])


def as_visitor(visitor, who):
    visitor.peer, visitor.headers = who[0], list(who[1])


def key_of(at) -> str | None:
    key = at.query_params.get("key")
    return key[0] if isinstance(key, list) else key


@pytest.mark.parametrize("who", [REMOTE, SAME_HOST_PROXY], ids=["other machine", "proxy on this machine"])
def test_a_visitor_who_is_not_local_never_sees_the_local_log(app_test, engine, visitor, who):
    """No setting: the local user's log is theirs alone; anyone else gets a private workspace."""
    tracker.add_application(engine, workspace.LOCAL_OWNER, company="LocalSecret Co", contact="Local Person")
    as_visitor(visitor, who)
    other = open_page(app_test)
    key = key_of(other)
    assert workspace.valid_key(key), "a private workspace, with its key in the timeline's address"
    text = every_tab_text(other)
    assert "LocalSecret" not in text and "Local Person" not in text
    add_application(tab(other, "add"), "RemoteSecret Co")
    assert [a["company"] for a in tracker.list_applications(engine, workspace.key_owner(key))] == ["RemoteSecret Co"]
    # the local user, back on the same server: their log only, no key anywhere
    as_visitor(visitor, ("127.0.0.1", [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")]))
    local = open_page(app_test)
    assert key_of(local) is None
    text = every_tab_text(local)
    assert "LocalSecret" in text and "RemoteSecret" not in text


def test_the_local_page_says_how_to_move_the_log_and_the_private_page_shows_a_qr(app_test, engine, visitor):
    local = tab(open_page(app_test), "data")
    assert any("Taking this log to a shared deployment" in m.value and "Bringing it back" in m.value
               for m in local.markdown)
    as_visitor(visitor, REMOTE)
    other = tab(open_page(app_test), "workspace")
    assert any("The link is the key" in m.value for m in other.markdown)
    assert any(c.value.endswith("?key=" + key_of(other)) for c in other.code)
    assert not other.get("image"), "the QR code shows only on request (others in the room could scan it)"
    other.toggle(key="tl_ws_qr").set_value(True).run()
    assert not other.exception and len(other.get("image")) == 1


@pytest.mark.parametrize("chosen", ["aaaaaaaaaaaaaaaaaaaaaa", "my-job-search-key-2026", "short", "x" * 200])
def test_a_key_the_app_did_not_make_gets_a_notice_and_a_new_workspace(app_test, engine, monkeypatch, chosen):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    if workspace.valid_key(chosen):  # as if someone had used it before keys were checked
        tracker.add_application(engine, workspace.key_owner(chosen), company="Planted Co")
    at = open_page(app_test, {"key": chosen})
    assert not at.exception
    assert any(workspace.REFUSED_KEY in w.value for w in at.warning)
    new = key_of(at)
    assert new != chosen and workspace.valid_key(new)
    assert "Planted Co" not in every_tab_text(at)
    assert chosen not in "".join(w.value for w in at.warning)


def test_a_deleted_workspace_link_opens_a_new_one(app_test, engine, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    a = open_page(app_test)
    add_application(a, "Gone Co")
    key = key_of(a)
    tab(a, "workspace")
    a.checkbox(key="tl_delete_ws_sure").check().run()
    a.button(key="tl_delete_ws").click().run()
    assert not a.exception and key_of(a) != key
    back = open_page(app_test, {"key": key})
    assert any(workspace.REFUSED_KEY in w.value for w in back.warning)
    assert key_of(back) != key and "Gone Co" not in every_tab_text(back)


def test_a_tab_left_open_on_a_deleted_workspace_saves_nothing_and_says_why(app_test, engine, monkeypatch):
    """Tab A deletes the workspace; tab B, drawn before, adds an application: refused, in plain words,
    and nothing is stored where no key reaches it."""
    monkeypatch.setenv("FOLLOWUP_SHARED", "1")
    a = open_page(app_test)
    add_application(a, "Kept Co")
    key = key_of(a)
    b = tab(open_page(app_test, {"key": key}), "add")
    tab(a, "workspace")
    a.checkbox(key="tl_delete_ws_sure").check().run()
    a.button(key="tl_delete_ws").click().run()
    add_application(b, "Orphan Co")
    assert any("Your log was deleted in another tab or window, so nothing was saved" in e.value.replace("\\", "")
               for e in b.error)
    assert any(workspace.REFUSED_KEY in w.value for w in b.warning), "and B now has a new, empty workspace"
    assert tracker.load_log(engine, workspace.key_owner(key)) == []


@pytest.mark.parametrize("page", ["pages/plan/planner.py", "pages/write/writer.py", "pages/advice/explorer.py"])
def test_plan_links_never_hold_a_key(app_test, engine, visitor, page):
    """A private visitor's planner, writer and explorer addresses carry no key, even when a link
    with one (made by an older version) is opened, and even after the timeline made one."""
    as_visitor(visitor, REMOTE)
    at = open_page(app_test)  # the timeline: the session now has a key
    key = key_of(at)
    at.query_params["key"] = key
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert "key" not in at.query_params
    at.switch_page("pages/log/timeline.py").run()
    assert key_of(at) is None, "not while the browser may still show the previous page's path"
    at.run()  # in a browser: the timer fragment's run, then a full one
    assert key_of(at) == key, "back on the timeline, the session's workspace and its link"
