"""scripts/tools/firefox.py: the profile's prefs and the proxy that keeps Firefox on 127.0.0.1."""
from __future__ import annotations

import shutil
import socket
import ssl

import pytest

from scripts.tools import firefox

EXIT = "https://weer.example/vandaag"
STUB = "<title>Weerbericht</title>"
HELP = "<title>Hulpsite</title>"


def test_user_js_routes_every_other_host_through_the_local_proxy():
    text = firefox.user_js({"a.b": 'say "hi"', "c": False, "d": 3}, 4321)
    lines = text.splitlines()
    assert 'user_pref("a.b", "say \\"hi\\"");' in lines
    assert 'user_pref("c", false);' in lines and 'user_pref("d", 3);' in lines
    for line in ('user_pref("network.proxy.http", "127.0.0.1");', 'user_pref("network.proxy.ssl_port", 4321);'):
        assert line in lines
    assert 'user_pref("network.dns.forceResolve", "127.0.0.1");' in firefox.user_js(firefox.PREFS, 1).splitlines()


@pytest.fixture
def proxy(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed (apt-get install openssl)")
    server = firefox.ExitProxy(EXIT, STUB, tmp_path, others={"hulp.example": HELP})
    yield server
    server.shutdown()
    server.server_close()


def ask(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(request)
        return conn.recv(1024)


def test_proxy_refuses_and_records_every_other_request(proxy):
    assert ask(proxy.port, b"GET http://example.org/x HTTP/1.1\r\nHost: example.org\r\n\r\n").startswith(b"HTTP/1.1 403")
    assert ask(proxy.port, b"CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n").startswith(b"HTTP/1.1 403")
    assert proxy.refused == ["GET http://example.org/x", "CONNECT example.org:443"]
    assert proxy.answered == []


@pytest.mark.parametrize("host, page", [("weer.example", STUB), ("hulp.example", HELP)])
def test_proxy_answers_the_exit_address_and_the_help_sites_with_their_stub_over_tls(proxy, host, page):
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as conn:
        conn.sendall(f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n".encode())
        assert conn.recv(1024).startswith(b"HTTP/1.1 200")
        client = ssl.create_default_context()
        client.check_hostname, client.verify_mode = False, ssl.CERT_NONE  # the certificate is throwaway
        with client.wrap_socket(conn, server_hostname=host) as tls:
            assert tls.getpeercert(binary_form=True)
            tls.sendall(f"GET /vandaag HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            response = b""
            while page.encode() not in response and (chunk := tls.recv(1024)):
                response += chunk
    assert response.startswith(b"HTTP/1.1 200") and response.endswith(page.encode())
    assert proxy.answered == [f"{host}/vandaag"] and proxy.refused == []
