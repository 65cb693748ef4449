"""Whose data it is: local owner, private keys (entropy, only a hash stored), st.login identity,
and where the data is stored."""
from __future__ import annotations

import hashlib
import math
from collections import Counter

import pytest

from followup import tracker, workspace
from followup.log import keys as key_store

_original_st_peer = workspace.st_peer  # before the autouse fixture replaces it


def test_local_user_has_one_owner():
    ws = workspace.resolve(private=False)
    assert (ws.mode, ws.owner, ws.key) == ("local", "local", None)
    assert workspace.resolve(private=False, query_key="anything").owner == "local"


def test_shared_mode_settings():
    assert workspace.is_shared({}, {}) is False
    assert workspace.is_shared({"FOLLOWUP_SHARED": "1"}, {}) is True
    assert workspace.is_shared({"FOLLOWUP_SHARED": "0"}, {"followup": {"shared": True}}) is True
    assert workspace.is_shared({}, {"followup": {"shared": "false"}}) is False

    class Broken(dict):
        def get(self, *a):
            raise FileNotFoundError("no secrets.toml")

    assert workspace.is_shared({}, Broken()) is False


def test_new_key_has_at_least_128_random_bits():
    keys = [workspace.new_key() for _ in range(2000)]
    assert len(set(keys)) == len(keys)
    assert all(workspace.valid_key(k) and len(k) >= 43 for k in keys)
    # 6 bits per URL-safe character; the character distribution is roughly uniform
    counts = Counter("".join(keys))
    assert len(counts) == 64
    entropy_per_char = -sum(c / sum(counts.values()) * math.log2(c / sum(counts.values()))
                            for c in counts.values())
    assert entropy_per_char * 43 > 128 * 1.5


def test_private_workspace_makes_a_key_and_stores_only_its_hash():
    ws = workspace.resolve(private=True, query_key=None)
    assert ws.mode == "key" and ws.new_key and workspace.valid_key(ws.key) and ws.notice is None
    assert ws.owner == "key:" + hashlib.sha256(ws.key.encode()).hexdigest()
    assert ws.key not in ws.owner
    made = {ws.owner}
    back = workspace.resolve(private=True, query_key=ws.key, known=made.__contains__)
    assert back.owner == ws.owner and not back.new_key and back.notice is None
    assert workspace.resolve(private=True, query_key=[ws.key], known=made.__contains__).owner == ws.owner
    # without a record of the keys it made, the app accepts no key at all
    assert workspace.resolve(private=True, query_key=ws.key).owner != ws.owner


@pytest.mark.parametrize("bad", ["", "short", "x" * 21, "a b c d e f g h i j k l m n", "<script>alert(1)</script>xxxxxxxxx",
                                 None, 12345, "é" * 30])
def test_invalid_keys_get_a_fresh_workspace(bad):
    ws = workspace.resolve(private=True, query_key=bad, known=lambda owner: True)
    assert ws.new_key and ws.key != bad
    assert (ws.notice is not None) == (bad not in ("", None))
    with pytest.raises(ValueError):
        workspace.key_owner(bad if isinstance(bad, str) else "")


def test_database_holds_the_hash_not_the_key(tmp_path):
    path = tmp_path / "f.sqlite3"
    eng = tracker.make_engine(f"sqlite:///{path}")
    ws = workspace.resolve(private=True)
    tracker.add_application(eng, ws.owner, company="Secretive")
    eng.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert ws.key.encode() not in raw
    assert hashlib.sha256(ws.key.encode()).hexdigest().encode() in raw


def test_signed_in_identity_is_the_owner():
    a = workspace.resolve(private=True, query_key=None, login=("https://idp", "sub-1", "a@x.org"))
    b = workspace.resolve(private=True, query_key=None, login=("https://idp", "sub-2", "a@x.org"))
    assert a.mode == "login" and a.owner.startswith("user:") and a.owner != b.owner
    assert workspace.resolve(private=False, login=("https://idp", "sub-1", None)).owner == a.owner
    # never keyed by a missing value: no subject and no email falls back to the private key
    none = workspace.resolve(private=True, query_key=None, login=("https://idp", None, None))
    assert none.mode == "key"
    assert workspace.login_owner(None, "", None) is None


def test_connection_kwargs(tmp_path):
    kw = workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(tmp_path / "d")}, {})
    assert kw == {"url": f"sqlite:///{(tmp_path / 'd' / 'followup.sqlite3').resolve()}"}
    assert (tmp_path / "d").is_dir()
    pg = {"connections": {"followup": {"url": "postgresql+psycopg://u:p@db/followup"}}}
    assert workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(tmp_path)}, pg) == {}
    assert workspace.data_dir({}) == workspace.ROOT / "data"


def test_default_data_dir_is_ignored_by_git():
    gitignore = (workspace.ROOT / ".gitignore").read_text()
    assert "/data/" in gitignore.split()


class FakeUser(dict):
    def __init__(self, logged_in, **claims):
        super().__init__(**claims)
        self._logged_in = logged_in

    @property
    def is_logged_in(self):
        if isinstance(self._logged_in, Exception):
            raise self._logged_in
        return self._logged_in


class FakeConnection:
    def __init__(self, engine):
        self.engine = engine


class FakeSt:
    """Just what the glue uses: the user, the address, the session and the app's connection."""

    def __init__(self, user=None, query=None, engine=None):
        self.user = user
        self.query_params = dict(query or {})
        self.session_state = {}
        self._engine = engine

    def connection(self, name, type, **kwargs):
        return FakeConnection(self._engine)


@pytest.fixture
def store(tmp_path):
    eng = tracker.make_engine(f"sqlite:///{tmp_path / 'glue.sqlite3'}")
    yield eng
    eng.dispose()


def test_streamlit_glue_login_and_keys(store):
    conf = {"auth": {"redirect_uri": "x"}, "followup": {"shared": True}}
    # auth not configured: st.user.is_logged_in raises -> the private key decides
    st_ = FakeSt(FakeUser(RuntimeError("auth not configured")), engine=store)
    ws = workspace.st_workspace(st_, conf, address=True)
    assert ws.mode == "key" and st_.query_params["key"] == ws.key == st_.session_state[workspace.SESSION_KEY]
    assert key_store.known(store, ws.owner), "a key the app makes is recorded (its hash)"
    # a page switch drops the query string; the session keeps the same workspace
    st_.query_params.clear()
    assert workspace.st_workspace(st_, conf, address=True).owner == ws.owner and st_.query_params["key"] == ws.key
    # a page other than the timeline uses the session's key but never shows it in its address
    st_.query_params.clear()
    st_.query_params.update(interview="2026-03-02", key=ws.key)
    assert workspace.st_workspace(st_, conf).owner == ws.owner
    assert st_.query_params == {"interview": "2026-03-02"}
    # signed in: the identity is the owner, and no key is put in the URL
    st2 = FakeSt(FakeUser(True, iss="https://idp", sub="abc", email="a@b.c"), engine=store)
    ws2 = workspace.st_workspace(st2, conf, address=True)
    assert ws2.mode == "login" and ws2.owner == workspace.login_owner("https://idp", "abc") and not st2.query_params
    # signed out on an auth deployment: private key
    assert workspace.st_workspace(FakeSt(FakeUser(False), engine=store), conf).mode == "key"
    # no auth section: st.user is not consulted at all
    assert workspace.st_login_identity(FakeSt(None), {}) is None
    workspace.st_forget_key(st_)
    assert "key" not in st_.query_params and workspace.SESSION_KEY not in st_.session_state


def test_loopback_visitor_is_local_and_others_private(store, visitor):
    """The glue asks :mod:`followup.visitor` about the raw connection (the autouse ``visitor``
    fixture stands in for Streamlit's client context)."""
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "local"
    visitor.peer = "203.0.113.7"  # another machine
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "key"
    visitor.peer, visitor.headers = "127.0.0.1", [("Host", "coach.example:8501"), ("Origin", "http://coach.example:8501")]
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "key"  # same machine, public name
    visitor.headers = [("Host", "localhost:8501"), ("X-Forwarded-For", "198.51.100.4")]
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "key"  # a reverse proxy on this machine
    visitor.headers = [("Host", "localhost:8501")]
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "key"  # no Origin: not a browser
    visitor.headers = [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")]
    assert workspace.st_workspace(FakeSt(engine=store), {}).mode == "local"
    assert workspace.st_workspace(FakeSt(engine=store), {"followup": {"shared": True}}).mode == "key"


def test_raw_peer_comes_from_the_session_client():
    """Without a Streamlit runtime (a bare script) there is no peer, so no one is local; with one, the
    session's client context gives the WebSocket's peer and headers."""
    import streamlit

    assert _original_st_peer(streamlit) == (None, [])

    class Context:
        remote_ip = "127.0.0.1"
        headers = [("Host", "localhost:8501")]

    class Client:
        client_context = Context()

    class Runtime:
        def get_client(self, session_id):
            assert session_id == "s1"
            return Client()

    class Fake:
        class runtime:
            get_instance = staticmethod(Runtime)

            class scriptrunner:
                @staticmethod
                def get_script_run_ctx():
                    class Ctx:
                        session_id = "s1"
                    return Ctx()

    assert _original_st_peer(Fake) == ("127.0.0.1", [("Host", "localhost:8501")])


# --- only keys the app made open a workspace ------------------------------------------------------
SELF_CHOSEN = ["aaaaaaaaaaaaaaaaaaaaaa", "my-job-search-key-2026", "x" * 43, "A" * 128]


@pytest.mark.parametrize("chosen", SELF_CHOSEN)
def test_a_key_the_app_did_not_make_opens_a_new_workspace(store, chosen):
    """Even when someone already stored data under a self-chosen key (as versions before v3 allowed),
    that key now opens a new, empty workspace with a notice, never the data."""
    tracker.add_application(store, workspace.key_owner(chosen), company="Planted")
    st_ = FakeSt(query={"key": chosen}, engine=store)
    ws = workspace.st_workspace(st_, {"followup": {"shared": True}}, address=True)
    assert ws.new_key and ws.key != chosen and ws.notice == workspace.REFUSED_KEY
    assert chosen not in ws.notice
    assert st_.query_params["key"] == ws.key and tracker.load_log(store, ws.owner) == []
    assert key_store.known(store, ws.owner) and not key_store.known(store, workspace.key_owner(chosen))


def test_truncated_and_deleted_keys_open_a_new_workspace(store):
    conf = {"followup": {"shared": True}}
    first = FakeSt(engine=store)
    ws = workspace.st_workspace(first, conf, address=True)
    tracker.add_application(store, ws.owner, company="Mine")
    # the complete link, in another browser: the same log
    again = workspace.st_workspace(FakeSt(query={"key": ws.key}, engine=store), conf, address=True)
    assert again.owner == ws.owner and again.notice is None
    # cut short (still 22+ characters, so well-formed) or with a character lost
    for cut in (ws.key[:30], ws.key[:-1], ws.key[1:]):
        other = workspace.st_workspace(FakeSt(query={"key": cut}, engine=store), conf, address=True)
        assert other.owner != ws.owner and other.notice and tracker.load_log(store, other.owner) == []
    # deleted: the key opens nothing any more
    tracker.delete_workspace(store, ws.owner)
    assert not key_store.known(store, ws.owner)
    gone = workspace.st_workspace(FakeSt(query={"key": ws.key}, engine=store), conf, address=True)
    assert gone.owner != ws.owner and gone.notice == workspace.REFUSED_KEY


def test_key_store_holds_hashes_only(store, tmp_path):
    ws = workspace.resolve(private=True)
    key_store.register(store, ws.owner)
    key_store.register(store, ws.owner)  # idempotent
    assert key_store.known(store, ws.owner)
    with pytest.raises(ValueError):
        key_store.register(store, "local")
    key_store.forget(store, ws.owner)
    assert not key_store.known(store, ws.owner)
