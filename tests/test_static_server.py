import gzip
import urllib.error
import urllib.request

import pytest

from scripts.tools.static_server import cache_control, start


@pytest.fixture
def site(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.57a0d79d.min.css").write_text("body{color:red}" * 50)
    (tmp_path / "index.html").write_text("<h1>Thuis</h1>" * 50)
    (tmp_path / "404.html").write_text("nl 404")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "404.html").write_text("en 404")
    server = start(tmp_path)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_request_log_keeps_every_path_with_its_query(tmp_path):
    (tmp_path / "index.html").write_text("<h1>Thuis</h1>")
    (tmp_path / "404.html").write_text("nl 404")
    server = start(tmp_path)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        get(base + "/?query=mijn+dochter", gz=False)
        get(base + "/nope/", gz=False)
        assert server.requests == ["/?query=mijn+dochter", "/nope/"]
    finally:
        server.shutdown()


def get(url, gz=True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_gzip_and_cache_headers(site):
    status, headers, body = get(site + "/assets/main.57a0d79d.min.css")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"body{color:red}")
    assert "immutable" in headers["Cache-Control"]
    status, headers, body = get(site + "/", gz=False)
    assert status == 200 and headers.get("Content-Encoding") is None and headers["Cache-Control"] == "no-cache"


def test_language_404(site):
    assert get(site + "/en/nope/", gz=False)[::2] == (404, b"en 404")
    assert get(site + "/nope/", gz=False)[::2] == (404, b"nl 404")


def test_cache_policy():
    assert cache_control("bundle.a5f9d56c.min.js") == "public, max-age=31536000, immutable"
    assert cache_control("site.css") == "no-cache"


def test_a_client_that_hangs_up_mid_answer_leaves_no_traceback(tmp_path, capfd):
    """A browser that navigates on drops the connection while a page is still being sent."""
    import os
    import socket
    import time

    (tmp_path / "big.bin").write_bytes(os.urandom(8_000_000))  # more than the socket buffers hold
    server = start(tmp_path)
    try:
        with socket.create_connection(server.server_address) as client:
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(64).startswith(b"HTTP/1.0 200")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset
        time.sleep(0.5)  # the server's write fails now
        assert get(f"http://127.0.0.1:{server.server_address[1]}/big.bin", gz=False)[0] == 200  # it still serves
    finally:
        server.shutdown()
    assert "Traceback" not in capfd.readouterr().err
