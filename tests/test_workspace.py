"""Whose data it is: local owner, private keys (entropy, only a hash stored), st.login identity,
and where the data is stored."""
from __future__ import annotations

import hashlib
import math
from collections import Counter

import pytest

from followup import tracker, workspace


def test_local_run_has_one_owner():
    ws = workspace.resolve(shared=False)
    assert (ws.mode, ws.owner, ws.key) == ("local", "local", None)
    assert workspace.resolve(shared=False, query_key="anything").owner == "local"


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


def test_shared_mode_makes_a_key_and_stores_only_its_hash():
    ws = workspace.resolve(shared=True, query_key=None)
    assert ws.mode == "key" and ws.new_key and workspace.valid_key(ws.key)
    assert ws.owner == "key:" + hashlib.sha256(ws.key.encode()).hexdigest()
    assert ws.key not in ws.owner
    back = workspace.resolve(shared=True, query_key=ws.key)
    assert back.owner == ws.owner and not back.new_key
    assert workspace.resolve(shared=True, query_key=[ws.key]).owner == ws.owner


@pytest.mark.parametrize("bad", ["", "short", "x" * 21, "a b c d e f g h i j k l m n", "<script>alert(1)</script>xxxxxxxxx",
                                 None, 12345, "é" * 30])
def test_invalid_keys_get_a_fresh_workspace(bad):
    ws = workspace.resolve(shared=True, query_key=bad)
    assert ws.new_key and ws.key != bad
    with pytest.raises(ValueError):
        workspace.key_owner(bad if isinstance(bad, str) else "")


def test_database_holds_the_hash_not_the_key(tmp_path):
    path = tmp_path / "f.sqlite3"
    eng = tracker.make_engine(f"sqlite:///{path}")
    ws = workspace.resolve(shared=True)
    tracker.add_application(eng, ws.owner, company="Secretive")
    eng.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert ws.key.encode() not in raw
    assert hashlib.sha256(ws.key.encode()).hexdigest().encode() in raw


def test_signed_in_identity_is_the_owner():
    a = workspace.resolve(shared=True, query_key=None, login=("https://idp", "sub-1", "a@x.org"))
    b = workspace.resolve(shared=True, query_key=None, login=("https://idp", "sub-2", "a@x.org"))
    assert a.mode == "login" and a.owner.startswith("user:") and a.owner != b.owner
    assert workspace.resolve(shared=False, login=("https://idp", "sub-1", None)).owner == a.owner
    # never keyed by a missing value: no subject and no email falls back to the private key
    none = workspace.resolve(shared=True, query_key=None, login=("https://idp", None, None))
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


class FakeSt:
    def __init__(self, user=None, query=None):
        self.user = user
        self.query_params = dict(query or {})
        self.session_state = {}


def test_streamlit_glue_login_and_keys():
    conf = {"auth": {"redirect_uri": "x"}, "followup": {"shared": True}}
    # auth not configured: st.user.is_logged_in raises -> the private key decides
    st_ = FakeSt(FakeUser(RuntimeError("auth not configured")))
    ws = workspace.st_workspace(st_, conf)
    assert ws.mode == "key" and st_.query_params["key"] == ws.key == st_.session_state[workspace.SESSION_KEY]
    # a page switch drops the query string; the session keeps the same workspace
    st_.query_params.clear()
    assert workspace.st_workspace(st_, conf).owner == ws.owner and st_.query_params["key"] == ws.key
    # signed in: the identity is the owner, and no key is put in the URL
    st2 = FakeSt(FakeUser(True, iss="https://idp", sub="abc", email="a@b.c"))
    ws2 = workspace.st_workspace(st2, conf)
    assert ws2.mode == "login" and ws2.owner == workspace.login_owner("https://idp", "abc") and not st2.query_params
    # signed out on an auth deployment: private key
    assert workspace.st_workspace(FakeSt(FakeUser(False)), conf).mode == "key"
    # no auth section: st.user is not consulted at all
    assert workspace.st_login_identity(FakeSt(None), {}) is None
    workspace.st_forget_key(st_)
    assert "key" not in st_.query_params and workspace.SESSION_KEY not in st_.session_state
