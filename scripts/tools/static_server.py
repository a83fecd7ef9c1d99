"""Serve a built site on 127.0.0.1 the way a real static host would: gzip and cache headers.

Used by the benchmark (Lighthouse, page weight) and the browser tests, which read its request
log (`server.requests`). Hashed assets
(`main.57a0d79d.min.css`) are cached for a year; everything else is revalidated. Unknown
paths get the 404 page of their language with status 404.
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")


def cache_control(path: str) -> str:
    return "public, max-age=31536000, immutable" if HASHED.search(path) else "no-cache"


class Handler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # quiet: tests and benchmarks print their own figures
        pass

    def send_head(self):
        self.server.requests.append(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stdlib redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status = 404
            root = Path(self.directory)
            lang_404 = root / self.path.strip("/").split("/")[0] / "404.html"
            path = lang_404 if lang_404.is_file() else root / "404.html"
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, compresslevel=6, mtime=0), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control(path.name))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


class Server(ThreadingHTTPServer):
    """`requests`: every path asked for, query included, in order: the server's request log, which
    tests read to prove what a visit did (not) send."""

    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests: list[str] = []

    def handle_error(self, request, client_address):
        # A browser that moves on drops the connection mid-answer: no fault of the site, and a
        # traceback for it would bury a real one in the test output.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def start(site_dir: Path, port: int = 0, headers: dict[str, str] | None = None) -> ThreadingHTTPServer:
    """Start serving in a daemon thread; `server.server_address[1]` is the port. Stop with shutdown()."""
    handler = type("SiteHandler", (Handler,), {"extra_headers": dict(headers or {})})
    server = Server(("127.0.0.1", port), partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = start(args.site, args.port)
    print(f"http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C stopt)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
