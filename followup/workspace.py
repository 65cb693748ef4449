"""Whose data it is, and where it is stored. No Streamlit import: the page passes env, secrets
and the visitor's identity in, so every rule here is testable on its own.

- The local user (:mod:`followup.visitor`: on the server's own machine, by a loopback name, no
  proxy): one owner, ``"local"``, no set-up.
- Every other visitor, and everyone in shared mode (env ``FOLLOWUP_SHARED=1`` or secrets
  ``[followup] shared = true``): a private workspace keyed by an unguessable key
  (``secrets.token_urlsafe(32)``, 256 random bits) carried only in the timeline's private link
  ``/timeline?key=...``. Only ``sha256(key)`` is stored, and a key opens a workspace only if the app
  made it (:mod:`followup.log.keys`); any other key gets a notice and a new workspace.
- Where the deployment configures ``st.login`` and the visitor is signed in, the signed-in
  identity (issuer + subject) is the owner instead.
- Storage: ``[connections.followup] url`` in secrets (e.g. PostgreSQL) wins; otherwise an
  embedded SQLite file ``followup.sqlite3`` in ``FOLLOWUP_DATA_DIR`` (default ``<repo>/data/``).
- A read-only checkout (some hosts deploy that way): when the data folder cannot be written, the
  log goes to the visitor-independent per-user data folder of the OS account that runs the app
  (``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``%LOCALAPPDATA%`` on Windows, ``~/Library/
  Application Support`` on macOS) under ``interview-followup-coach``, and :func:`storage_notice`
  says where.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sys
import tempfile
import re
import secrets as _secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from followup import visitor
from followup.log import keys as key_store
from followup.log.schema import prepare

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DB_FILENAME = "followup.sqlite3"
CONNECTION_NAME = "followup"
LOCAL_OWNER = "local"
KEY_BYTES = 32  # 256 bits; the issue asks for at least 128
# token_urlsafe(32) gives 43 characters of [A-Za-z0-9_-]; accept nothing shorter than 128 bits.
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{22,128}$")

_TRUE = {"1", "true", "yes", "on"}


def _truthy(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def _section(secrets: Mapping | None, name: str) -> Mapping:
    try:
        value = secrets.get(name) if secrets is not None else None
    except Exception:  # st.secrets raises when there is no secrets file at all
        value = None
    return value if isinstance(value, Mapping) else {}


def is_shared(env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> bool:
    """Shared mode: env FOLLOWUP_SHARED=1 or secrets ``[followup] shared = true``."""
    env = os.environ if env is None else env
    if _truthy(env.get("FOLLOWUP_SHARED", "")):
        return True
    return _truthy(_section(secrets, "followup").get("shared", False))


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder asked for: ``FOLLOWUP_DATA_DIR``, else ``<repo>/data``."""
    env = os.environ if env is None else env
    raw = env.get("FOLLOWUP_DATA_DIR", "").strip()
    return Path(raw).expanduser() if raw else DEFAULT_DATA_DIR


APP_DIR_NAME = "interview-followup-coach"


def user_data_dir(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> Path:
    """The per-user data folder of the account running the app (the XDG/OS convention)."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "").strip()
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_DIR_NAME


def writable(folder: Path) -> bool:
    """Whether ``folder`` exists (or can be made) and a file can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
        return True
    except OSError:
        return False


def storage_dir(env: Mapping[str, str] | None = None) -> tuple[Path, str | None]:
    """Where the SQLite log goes, and a notice when it is not where it was asked for: the data
    folder if it can be written, else the per-user data folder (a read-only checkout)."""
    return _storage_dir(data_dir(env), user_data_dir(env))


@functools.lru_cache(maxsize=16)
def _storage_dir(wanted: Path, fallback: Path) -> tuple[Path, str | None]:
    """Checked once per process and folder pair (every page run asks)."""
    if writable(wanted):
        return wanted, None
    if writable(fallback):
        return fallback, (f"The app's data folder ({wanted}) cannot be written here, so your log is "
                          f"kept in {fallback}.")
    raise OSError(f"Neither {wanted} nor {fallback} can be written: set FOLLOWUP_DATA_DIR to a "
                  "writable folder, or configure a database in secrets.")


def storage_notice(env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> str | None:
    """The notice of :func:`storage_dir` for a page to show (None with a configured database)."""
    if not connection_kwargs(env, secrets):
        return None
    return storage_dir(env)[1]


def connection_kwargs(env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> dict:
    """Keyword arguments for ``st.connection(CONNECTION_NAME, type="sql", **kwargs)``.

    With ``[connections.followup] url`` in secrets, nothing is passed (Streamlit reads the
    secrets). Otherwise the embedded SQLite file, created (with its folder) on first run, in the
    data folder or, when that cannot be written, in the per-user data folder (:func:`storage_dir`).
    """
    connections = _section(secrets, "connections")
    configured = connections.get(CONNECTION_NAME) if isinstance(connections, Mapping) else None
    if isinstance(configured, Mapping) and (configured.get("url") or configured.get("dialect")):
        return {}
    folder, _notice = storage_dir(env)
    folder.mkdir(parents=True, exist_ok=True)  # checked writable once per process; it may have been removed since
    return {"url": f"sqlite:///{(folder / DB_FILENAME).resolve()}"}


def uses_sqlite(url: str) -> bool:
    return str(url).startswith("sqlite")


# --- owners ---------------------------------------------------------------------------------
def new_key() -> str:
    """A fresh private key: 256 random bits, URL-safe."""
    return _secrets.token_urlsafe(KEY_BYTES)


def valid_key(key: object) -> bool:
    return isinstance(key, str) and bool(_KEY_RE.match(key))


def key_owner(key: str) -> str:
    """The stored owner id for a private key: only the hash is ever stored."""
    if not valid_key(key):
        raise ValueError("not a valid private key")
    return "key:" + hashlib.sha256(key.encode("ascii")).hexdigest()


def login_owner(issuer: object, subject: object, email: object = None) -> str | None:
    """The owner for a signed-in identity, or None when the identity is incomplete."""
    sub = subject if isinstance(subject, str) and subject.strip() else None
    iss = issuer if isinstance(issuer, str) else ""
    if sub is None:
        if isinstance(email, str) and "@" in email:
            ident = "email|" + email.strip().lower()
        else:
            return None
    else:
        ident = f"{iss}|{sub}"
    return "user:" + hashlib.sha256(ident.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Workspace:
    """Who the visitor is. ``owner`` is None only in shared mode before a key exists."""
    mode: str  # "local", "key" or "login"
    owner: str | None
    key: str | None = None  # the private key (only in "key" mode; never stored)
    new_key: bool = False  # True when the key was just made for this visitor
    notice: str | None = None  # why a key that was given was not used (never repeats the key)


REFUSED_KEY = ("This private link does not open a workspace: it is incomplete, it was not made by this app, "
               "or its workspace was deleted. You now have a new, empty private workspace with a new link of "
               "its own. If you have the complete link of your log, open that instead.")


def resolve(private: bool, query_key: object = None, login: tuple | None = None,
            make_key=new_key, known=None) -> Workspace:
    """Decide the owner.

    ``private``: this visitor gets a private workspace (shared mode, or not the local user).
    ``login`` is ``(issuer, subject, email)`` when the visitor is signed in through ``st.login``,
    else None. ``known(owner) -> bool`` says whether the app made that workspace; a key is used only
    when it does (without ``known`` no key is accepted). Otherwise a new key is made (the caller
    records it) and, if a key was given, ``notice`` says why it was not used.
    """
    if login is not None:
        owner = login_owner(*login)
        if owner is not None:
            return Workspace("login", owner)
    if not private:
        return Workspace("local", LOCAL_OWNER)
    if isinstance(query_key, list):
        query_key = query_key[0] if query_key else None
    if valid_key(query_key) and known is not None and known(key_owner(query_key)):
        return Workspace("key", key_owner(query_key), key=query_key)
    given = query_key is not None and query_key != ""
    key = make_key()
    return Workspace("key", key_owner(key), key=key, new_key=True, notice=REFUSED_KEY if given else None)


# --- Streamlit glue (the page passes the ``streamlit`` module in: no import here) ------------
SESSION_KEY = "tl_private_key"


def st_secrets(st) -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file: a local run
        return {}


def st_login_identity(st, conf: Mapping) -> tuple | None:
    """(issuer, subject, email) of a signed-in visitor, when the deployment configures st.login."""
    if "auth" not in conf:
        return None
    try:
        if st.user.is_logged_in:
            return (st.user.get("iss"), st.user.get("sub"), st.user.get("email"))
    except Exception:  # st.user.is_logged_in raises when auth is not configured
        return None
    return None


def st_peer(st) -> tuple[str | None, list[tuple[str, str]]]:
    """The raw connection of this visitor's session: the peer address and the request headers of its
    WebSocket, from Streamlit's runtime (the session's client context; not ``st.context.ip_address``,
    which reports a loopback peer as None and is documented as spoofable). The server (uvicorn) takes
    the peer from ``X-Forwarded-For`` only when a loopback proxy sends one, and such a header alone
    makes the visitor private. (None, []) when there is no connection (AppTest, a bare script)."""
    try:
        ctx = st.runtime.scriptrunner.get_script_run_ctx()
        client = st.runtime.get_instance().get_client(ctx.session_id)
        context = client.client_context
        return context.remote_ip, list(context.headers)
    except Exception:  # no runtime, no session or a client without a context: not local
        return None, []


def st_is_local(st) -> bool:
    """Whether this Streamlit visitor is the local user (:func:`followup.visitor.decide`)."""
    return visitor.is_local(*st_peer(st))


def st_workspace(st, conf: Mapping | None = None, *, address: bool = False, private: bool = False,
                 write_address: bool = True) -> Workspace:
    """Who the visitor of a Streamlit page is.

    Private (a key) in shared mode, for every visitor who is not the local user, and where the page
    asks (``private``). The key is kept in the session, so a page switch keeps the workspace. Only a
    page with ``address=True`` (the timeline's private link, the workshop's participant link) reads
    ``?key=`` and keeps the key in its address (unless ``write_address`` is False: the page then
    puts it there itself, later); other pages never put it there and remove one that is there (a plan
    link must not carry a key). A new key is recorded as made by the app."""
    conf = st_secrets(st) if conf is None else conf
    private = private or is_shared(secrets=conf) or not st_is_local(st)
    if not address and "key" in st.query_params:
        del st.query_params["key"]
    given = st.query_params.get("key") if address else None
    engine = st_engine(st, conf)
    ws = resolve(private, given or st.session_state.get(SESSION_KEY), st_login_identity(st, conf),
                 known=lambda owner: key_store.known(engine, owner))
    if ws.mode == "key":
        if ws.new_key:
            key_store.register(engine, ws.owner)
        st.session_state[SESSION_KEY] = ws.key
        if address and write_address and st.query_params.get("key") != ws.key:
            st.query_params["key"] = ws.key
    return ws


def st_forget_key(st) -> None:
    st.session_state.pop(SESSION_KEY, None)
    if "key" in st.query_params:
        del st.query_params["key"]


def st_engine(st, conf: Mapping | None = None):
    """The prepared engine of ``st.connection("followup", type="sql")`` (the SQLite file by
    default, ``[connections.followup] url`` from secrets otherwise). Reads go through the engine
    with fresh connections: never ``conn.query`` (it caches results for everyone)."""
    conf = st_secrets(st) if conf is None else conf
    conn = st.connection(CONNECTION_NAME, type="sql", **connection_kwargs(secrets=conf))
    return prepare(conn.engine)
