"""Who is the local user: the pure rule of followup.visitor, case by case."""
import pytest

from followup import visitor

LOCAL_HOSTS = ["localhost", "localhost:8501", "LOCALHOST:8501", "localhost.:8501", "127.0.0.1:8501",
               "127.0.0.1", "127.1.2.3:80", "[::1]:8501", "[::1]"]
PUBLIC_HOSTS = ["coach.example:8501", "192.0.2.10:8501", "10.0.0.5", "0.0.0.0:8501", "[::]:8501",
                "localhost.example:8501", "127.0.0.1.nip.io:8501", "evil.localhost:8501", "127.1:8501",
                "2130706433:8501", "::1", "[::1]@evil:8501", "user@localhost:8501", "localhost:notaport",
                "localhost/path", "", " "]


@pytest.mark.parametrize("host", LOCAL_HOSTS)
def test_loopback_names(host):
    assert visitor.loopback_name(host)
    assert visitor.is_local("127.0.0.1", {"Host": host, "Origin": "http://localhost:8501"})


@pytest.mark.parametrize("host", PUBLIC_HOSTS)
def test_other_names_are_not_local(host):
    assert not visitor.loopback_name(host)
    assert not visitor.is_local("127.0.0.1", {"Host": host, "Origin": "http://localhost:8501"})


@pytest.mark.parametrize("peer", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "[::1]"])
def test_loopback_peers(peer):
    assert visitor.is_local(peer, [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")])


@pytest.mark.parametrize("peer", [None, "", "192.0.2.4", "10.1.1.1", "::ffff:192.0.2.4", "2001:db8::1",
                                  "0.0.0.0", "localhost", "not an ip", 2130706433])
def test_other_peers_are_not_local(peer):
    """The peer decides first: a remote machine sending loopback Host and Origin headers is private."""
    assert not visitor.is_local(peer, [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")])


@pytest.mark.parametrize("origin", ["http://localhost:8501", "https://127.0.0.1:8501", "http://[::1]:8501",
                                    "http://localhost"])
def test_loopback_origins(origin):
    assert visitor.is_local("127.0.0.1", {"Host": "localhost:8501", "Origin": origin})


@pytest.mark.parametrize("origin", ["http://coach.example:8501", "null", "", "file://", "http://localhost.evil:8501",
                                    "ftp://localhost", "http://localhost:8501/path", "http://evil@localhost:8501"])
def test_a_page_from_elsewhere_is_not_local(origin):
    assert not visitor.is_local("127.0.0.1", {"Host": "localhost:8501", "Origin": origin})


@pytest.mark.parametrize("header", ["X-Forwarded-For", "x-forwarded-for", "Forwarded", "X-Real-IP",
                                    "X-Forwarded-Host", "X-Forwarded-Proto", "Via"])
def test_a_reverse_proxy_on_the_same_machine_makes_visitors_private(header):
    """nginx or Caddy on the server's machine connects from 127.0.0.1 and may even pass Host
    localhost; any forwarding header marks a proxied visitor, whatever its value says."""
    headers = [("Host", "localhost:8501"), ("Origin", "http://localhost:8501"), (header, "127.0.0.1")]
    verdict = visitor.decide("127.0.0.1", headers)
    assert not verdict.local and "proxy" in verdict.reason


def test_missing_or_repeated_headers_are_not_local():
    assert not visitor.is_local("127.0.0.1", None)
    assert not visitor.is_local("127.0.0.1", {})  # no Host at all
    assert not visitor.is_local("127.0.0.1", [("Host", "localhost:8501"), ("Host", "coach.example")])
    assert not visitor.is_local("127.0.0.1", [("Host", "localhost"), ("Origin", "http://localhost"),
                                              ("Origin", "http://coach.example")])
    assert visitor.is_local("127.0.0.1", [("host", "localhost:8501"), ("origin", "http://localhost:8501")])


def test_a_websocket_without_origin_is_not_local():
    """A browser always sends Origin with a WebSocket; a connection without one is another program.
    Behind a reverse proxy with nginx's defaults (``proxy_pass http://127.0.0.1:8501``: Host rewritten
    to the upstream, no forwarding header) such a client got the local log (reproduced against a
    running server). A client that forges a loopback Origin still would: the README tells hosts
    behind a proxy to use shared mode."""
    verdict = visitor.decide("127.0.0.1", [("Host", "127.0.0.1:8501"), ("Upgrade", "websocket")])
    assert not verdict.local and "loopback address" in verdict.reason
    assert not visitor.is_local("127.0.0.1", {"Host": "localhost:8501"})
