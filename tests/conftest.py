"""Shared fixtures: AppTest factory, a real Streamlit server, Chromium launch args, PostgreSQL URL.

With FOLLOWUP_REQUIRE_ALL=1 (set by ./test.sh, so in CI) a skipped test counts as a failure:
a missing browser or database must not pass silently.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


# --- no silent skips in CI -------------------------------------------------------------------
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("FOLLOWUP_REQUIRE_ALL") == "1" and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but FOLLOWUP_REQUIRE_ALL=1 forbids skips: {report.longrepr}"


# --- never the user's own log ------------------------------------------------------------------
@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test's storage goes to a temporary folder, never the user's data/ folder (a test
    that needs a particular folder sets FOLLOWUP_DATA_DIR itself, after this)."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(folder))
    monkeypatch.delenv("FOLLOWUP_SHARED", raising=False)
    return folder


# --- who the AppTest visitor is ------------------------------------------------------------------
LOOPBACK_VISITOR = ("127.0.0.1", [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")])


@pytest.fixture(autouse=True)
def visitor(monkeypatch):
    """AppTest has no real connection, so its visitor would count as remote (private). Make it the
    local user on the same machine, as ``./run.sh`` in a browser is; a test that wants another visitor
    sets ``visitor.peer`` / ``visitor.headers`` (real servers in browser tests decide for themselves)."""
    from types import SimpleNamespace

    from followup import workspace

    who = SimpleNamespace(peer=LOOPBACK_VISITOR[0], headers=list(LOOPBACK_VISITOR[1]))
    monkeypatch.setattr(workspace, "st_peer", lambda st: (who.peer, list(who.headers)))
    return who


@pytest.fixture
def engine(data_dir):
    """The app's own local SQLite store in this test's data folder, prepared."""
    from followup import tracker, workspace

    eng = tracker.prepare(tracker.make_engine(
        workspace.connection_kwargs({"FOLLOWUP_DATA_DIR": str(data_dir)}, {})["url"]))
    yield eng
    eng.dispose()


# --- AppTest ---------------------------------------------------------------------------------
@pytest.fixture
def app_test():
    """Factory: a fresh AppTest of app.py (the frame runs, as for a real visitor)."""
    from streamlit.testing.v1 import AppTest

    def make(**kwargs) -> "AppTest":
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60, **kwargs)

    return make


# --- a real Streamlit server -------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``command`` (optional) starts the server another way; ``{port}`` in it becomes the port."""

    def __init__(self, env: dict[str, str] | None = None, cwd: Path = ROOT, script: Path | None = None,
                 command: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, **(env or {})}
        full_env.pop("STREAMLIT_SERVER_PORT", None)
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = open(ARTIFACTS / f"server-{self.port}.log", "w")
        argv = [a.replace("{port}", str(self.port)) for a in command] if command else [
            sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"),
            "--server.headless", "true", "--server.port", str(self.port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(argv, cwd=cwd, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not become healthy in 60 s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


@pytest.fixture
def streamlit_server_factory(tmp_path):
    """Factory: start a fresh server (each with its own data directory unless env says otherwise)."""
    servers: list[StreamlitServer] = []

    def start(env: dict[str, str] | None = None, command: list[str] | None = None) -> StreamlitServer:
        env = {"FOLLOWUP_DATA_DIR": str(tmp_path / f"data{len(servers)}"), **(env or {})}
        server = StreamlitServer(env, command=command)
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """One server shared by browser tests that do not need a fresh start."""
    server = StreamlitServer({"FOLLOWUP_DATA_DIR": str(tmp_path_factory.mktemp("appdata"))})
    yield server
    server.stop()


# --- Chromium ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: ./test.sh installs Debian's chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
        ],
    }


@pytest.fixture
def outside_requests(page):
    """Every request the page makes to a host other than 127.0.0.1/localhost."""
    seen: list[str] = []

    def record(request):
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        if host not in ("127.0.0.1", "localhost"):
            seen.append(url)

    page.context.on("request", record)
    return seen


# --- PostgreSQL --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_url():
    url = os.environ.get("FOLLOWUP_TEST_PG_URL")
    if not url:
        pytest.skip("FOLLOWUP_TEST_PG_URL is not set: ./test.sh starts a throwaway PostgreSQL")
    return url
