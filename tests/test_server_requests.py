"""No request from the server to another host (issue 10, point 6).

The server is started exactly as Streamlit's docs and Community Cloud start an app, `streamlit run
app.py` with no --server.address, with a loopback *trap* as its HTTP and HTTPS proxy: a local socket
that records every connection. Python's `requests` (which Streamlit uses for its IP lookup) sends
every outside request there. A control run (a bare script without the project's config) shows that the
trap does catch Streamlit's start-up lookup, so an empty record means something.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import wait_for_app
from tests.conftest import ARTIFACTS, ROOT, free_port

pytestmark = pytest.mark.browser


class ProxyTrap:
    """A local socket posing as an HTTP proxy: records each request line and answers 502."""

    def __init__(self):
        self.hits: list[str] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.hits.append(conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1"))
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                except OSError as exc:
                    self.hits.append(f"<connection: {exc}>")

    def close(self):
        self.sock.close()


class PlainServer:
    """`python -m streamlit run <script>` with only a port and headless set (as on a server)."""

    def __init__(self, cwd: Path, script: str, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"server-plain-{self.port}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.headless", "true"],
            cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the test itself: no proxy
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with direct.open(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        time.sleep(1.5)  # the start-up banner (and its lookup) comes after health
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


def trapped_env(trap: ProxyTrap, home: Path, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")
           and not k.startswith("STREAMLIT_")}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        env[name] = trap.url
    home.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), FOLLOWUP_DATA_DIR=str(data))  # no ~/.streamlit config of the machine's
    return env


def cross_origin_websocket(port: int) -> bytes:
    """A WebSocket handshake from a foreign page (Origin differs from Host): refused, and it must not
    make the server look anything up."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n").encode())
        return s.recv(200)


@pytest.fixture
def trap():
    t = ProxyTrap()
    yield t
    t.close()


def test_the_trap_catches_streamlits_own_lookup(trap, tmp_path):
    """Control: a bare app without the project's settings looks up its public IP at start."""
    (tmp_path / "bare.py").write_text("import streamlit as st\nst.write('bare')\n")
    server = PlainServer(tmp_path, "bare.py", trapped_env(trap, tmp_path / "home", tmp_path / "data"))
    try:
        assert any("checkip.amazonaws.com" in h for h in trap.hits), trap.hits
    finally:
        server.stop()


def test_plain_streamlit_run_sends_nothing_to_another_host(trap, tmp_path, page, outside_requests):
    server = PlainServer(ROOT, "app.py", trapped_env(trap, tmp_path / "home", tmp_path / "data"))
    try:
        assert trap.hits == [], "at start"
        assert b" 403 " in cross_origin_websocket(server.port)  # before anyone has visited
        page.goto(server.url + "/")  # the app's root first: the first-visit deep link is another test's
        wait_for_app(page)
        page.goto(server.url + "/timeline")
        wait_for_app(page)
        page.locator(".st-key-tl_add_company input").fill("Trap Test Ltd")
        page.locator(".st-key-tl_add_submit button").click()
        wait_for_app(page)
        expect(page.get_by_text("Added Trap Test Ltd.", exact=True)).to_be_visible()
        page.goto(server.url + "/planner")
        wait_for_app(page)
        expect(page.locator("h1")).to_contain_text("Wait-time planner")
        for _ in range(2):  # each refused attempt would retry a failed lookup
            assert b" 403 " in cross_origin_websocket(server.port)
        time.sleep(1.5)
        assert trap.hits == [], "during a visit and a foreign WebSocket"
        assert outside_requests == []
    finally:
        server.stop()
    log = server.log_path.read_text()
    assert "Did not auto detect external IP" not in log
    assert "Traceback" not in log
