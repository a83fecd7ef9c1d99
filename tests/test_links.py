"""scripts/content/links.py: offline registry policy, and the online checker against a real local server."""
from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from scripts.content import links as C
from scripts.content.report_links import REPORT_LINKS
from scripts.content.errors import ContentErrors

FAST = C.Settings(timeout=0.4, retries=1, backoff=0.05, max_wait=2.0, workers=8)


# --- A real HTTP server on 127.0.0.1 ----------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    """Each path plays one kind of web server behaviour."""

    hits: Counter = Counter()
    lock = threading.Lock()
    REDIRECTS = {"/r301": (301, "/r302"), "/r302": (302, "/ok"), "/loop-a": (302, "/loop-b"),
                 "/loop-b": (302, "/loop-a"), "/to-missing": (301, "/missing")}
    STATUS = {"/ok": 200, "/missing": 404, "/gone": 410, "/error": 500, "/always-busy": 429}

    def do_HEAD(self):
        self._serve("HEAD")

    def do_GET(self):
        self._serve("GET")

    def _serve(self, method):
        path = self.path.split("?")[0]
        with self.lock:
            self.hits[(method, path)] += 1
            first = sum(n for (_, p), n in self.hits.items() if p == path) == 1
        if path in self.REDIRECTS:
            code, target = self.REDIRECTS[path]
            return self._reply(code, Location=target)
        if path in self.STATUS:
            return self._reply(self.STATUS[path], **({"Retry-After": "0"} if path == "/always-busy" else {}))
        if path == "/busy":  # first 429 with Retry-After: 1, then fine
            return self._reply(429, **{"Retry-After": "1"}) if first else self._reply(200)
        if path == "/unavailable":  # first 503 without Retry-After: backoff, then fine
            return self._reply(503 if first else 200)
        if path == "/slow":
            time.sleep(1.0)  # well beyond the client's timeout
            return self._reply(200)
        if path == "/no-head":
            return self._reply(405 if method == "HEAD" else 200)
        return self._reply(404)

    def _reply(self, code, **headers):
        try:
            body = b"ok\n"
            self.send_response(code)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout test): nothing to answer

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops connections when all links are checked at once,
    # and a dropped SYN looks like a timeout to the client.
    request_queue_size = 64


@pytest.fixture(scope="module")
def server():
    Handler.hits = Counter()
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # do not wait for the slow handler on shutdown
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def refused_url():
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


CASES = [
    # path, ok, result starts with, final path
    ("/ok", True, "ok (200)", None),
    ("/r301", True, "ok (200) after redirect to", "/ok"),
    ("/r302", True, "ok (200) after redirect to", "/ok"),
    ("/loop-a", False, "broken: redirect loop", None),
    ("/missing", False, "broken: 404", None),
    ("/to-missing", False, "broken: 404", "/missing"),
    ("/gone", False, "broken: 410", None),
    ("/error", False, "broken: 500", None),
    ("/busy", True, "ok (200)", None),
    ("/always-busy", False, "broken: 429", None),
    ("/unavailable", True, "ok (200)", None),
    ("/slow", False, "broken: timeout after 2 tries", None),
    ("/no-head", True, "ok (200)", None),
]


@pytest.fixture(scope="module")
def outcomes(server, refused_url):
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        time.sleep(seconds)

    started = time.monotonic()
    results = C.check_all([server + path for path, *_ in CASES] + [refused_url], FAST, sleep)
    return results, time.monotonic() - started, sleeps


@pytest.mark.parametrize("path, ok, result, final", CASES, ids=[c[0] for c in CASES])
def test_every_outcome_is_classified(server, outcomes, path, ok, result, final):
    outcome = outcomes[0][server + path]
    assert outcome.ok is ok, outcome
    assert outcome.result.startswith(result), outcome
    assert outcome.final_url == (server + final if final else None)


def test_refused_connection_is_broken(outcomes, refused_url):
    outcome = outcomes[0][refused_url]
    assert not outcome.ok and outcome.result.startswith("broken: unreachable"), outcome


def test_whole_run_is_bounded(outcomes):
    # Retry-After 1 s and two 0.4 s timeouts run side by side; nothing waits for the slow server.
    assert outcomes[1] < 3.0


def test_concurrency_is_bounded_by_workers(server):
    slow = [f"{server}/slow?{n}" for n in range(6)]
    settings = C.Settings(timeout=0.3, retries=0, workers=6)
    started = time.monotonic()
    assert all(not o.ok for o in C.check_all(slow, settings).values())
    assert time.monotonic() - started < 1.2          # six at once: about one timeout
    started = time.monotonic()
    C.check_all([u + "b" for u in slow], C.Settings(timeout=0.3, retries=0, workers=2))
    assert time.monotonic() - started >= 0.85        # two at a time: three rounds of 0.3 s


def test_retry_after_is_respected_and_backoff_used(outcomes, server):
    sleeps = outcomes[2]
    assert 1.0 in sleeps                      # /busy said Retry-After: 1
    assert 0.0 in sleeps                      # /always-busy said Retry-After: 0
    assert FAST.backoff in sleeps             # /unavailable and /slow: backoff
    assert Handler.hits[("HEAD", "/busy")] == 2
    assert Handler.hits[("HEAD", "/always-busy")] == FAST.retries + 1


def test_head_not_allowed_falls_back_to_get(outcomes):
    assert Handler.hits[("HEAD", "/no-head")] == 1 and Handler.hits[("GET", "/no-head")] == 1
    assert Handler.hits[("GET", "/ok")] == 0  # a server that answers HEAD is not asked twice


def test_redirect_loop_names_the_chain(outcomes, server):
    assert outcomes[0][server + "/loop-a"].result == (
        f"broken: redirect loop ({server}/loop-a -> {server}/loop-b -> {server}/loop-a)")


@pytest.mark.parametrize("value, seconds", [("3", 3.0), ("Fri, 27 Nov 2026 12:00:10 GMT", 10.0), ("", None), ("soon", None)])
def test_retry_after_parsing(value, seconds):
    now = dt.datetime(2026, 11, 27, 12, 0, 0, tzinfo=dt.timezone.utc).timestamp()
    assert C.retry_after(value, now=lambda: now) == seconds


def test_cli_external_prints_updates_registry_and_fails_on_broken(server, tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text(f"# T\n\nZie [dit]({server}/r301) en\n[dat]({server}/gone).\n", encoding="utf-8")
    registry = tmp_path / "links.yml"
    registry.write_text(f"links:\n- url: {server}/gone\n  checked: null\n  result: {C.NOT_CHECKED}\n", encoding="utf-8")
    code = C.main(["--external", "--registry", str(registry), "--timeout", "0.5", "--retries", "0",
                   str(page)])
    out = capsys.readouterr().out
    assert code == 1
    shown = str(page.relative_to(Path.cwd())) if page.is_relative_to(Path.cwd()) else str(Path(page))
    assert f":3: {server}/r301 -> ok (200) after redirect to {server}/ok" in out
    assert f":4: {server}/gone -> broken: 410" in out
    assert "2 links gecontroleerd: 1 bereikbaar (1 via een doorverwijzing), 1 kapot." in out
    assert shown.endswith("page.md")
    saved = {e["url"]: e for e in yaml.safe_load(registry.read_text(encoding="utf-8"))["links"]}
    assert saved[f"{server}/gone"]["checked"] == dt.date.today()
    assert saved[f"{server}/gone"]["result"].startswith("broken: 410")
    assert saved[f"{server}/r301"]["result"].startswith("ok (200)")


def test_cli_external_without_paths_checks_the_registry(server, tmp_path, capsys):
    registry = tmp_path / "links.yml"
    C.write_registry(registry, {f"{server}/ok": C.Entry(f"{server}/ok", None, C.NOT_CHECKED)})
    assert C.main(["--external", "--registry", str(registry)]) == 0
    assert f"links.yml:{C.load_registry(registry)[server + '/ok'].line}: {server}/ok -> ok (200)" in capsys.readouterr().out


# --- Offline policy ---------------------------------------------------------------------------

def test_links_found_with_lines_and_trailing_punctuation_dropped():
    text = ("Zie https://a.nl/x. En [b](https://b.nl/y), of <https://c.nl>.\n"
            "{{ bron: Politie | https://www.politie.nl; Veilig Thuis | https://www.veiligthuis.nl }}\n"
            '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n')
    assert [(f.line, f.url) for f in C.links_in_text(text, "p.md")] == [
        (1, "https://a.nl/x"), (1, "https://b.nl/y"), (1, "https://c.nl"),
        (2, "https://www.politie.nl"), (2, "https://www.veiligthuis.nl")]


def test_report_links_only_the_new_address_counts():
    found = C.links_in_report_links(REPORT_LINKS.read_text(encoding="utf-8"), "r.yml")
    assert [f.url for f in found] == ["https://www.hetckm.nl/databank/ckm-mensenhandelpeiling/22"]


def test_quick_exit_target_is_a_checked_link():
    found = C.links_in_mkdocs_yml(C.MKDOCS_YML.read_text(encoding="utf-8"), "mkdocs.yml")
    assert [f.url for f in found] == ["https://www.knmi.nl/nederland-nu/weer/verwachtingen"]


def test_offline_unregistered_and_http_links_fail_with_fix(tmp_path, capsys):
    page = tmp_path / "p.md"
    page.write_text("# T\n\n[ok](https://ok.nl)\n[nieuw](https://nieuw.nl/a)\n[oud](http://oud.nl)\n", encoding="utf-8")
    registry = tmp_path / "links.yml"
    C.write_registry(registry, {"https://ok.nl": C.Entry("https://ok.nl", None, C.NOT_CHECKED)})
    assert C.main(["--registry", str(registry), str(page)]) == 1
    out = capsys.readouterr().out
    assert ":4: https://nieuw.nl/a staat niet in" in out
    assert ":5: link 'http://oud.nl' is geen https-adres" in out
    assert "- url: https://nieuw.nl/a\n  checked: null\n  result: not checked here (no network)" in out
    assert "python scripts/content/links.py --external" in out
    # The snippet, pasted as told, makes the check pass for that link.
    registry.write_text(registry.read_text(encoding="utf-8") + C.registry_snippet(["https://nieuw.nl/a"]) + "\n",
                        encoding="utf-8")
    page.write_text("[ok](https://ok.nl)\n[nieuw](https://nieuw.nl/a)\n", encoding="utf-8")
    assert C.main(["--registry", str(registry), str(page)]) == 0


def test_offline_repository_links_are_all_registered(capsys):
    # Every external link in docs/, routes and report data must be in data/external-links.yml.
    code = C.main([])
    assert code == 0, capsys.readouterr().out


def test_registry_entries_are_well_formed():
    registry = C.load_registry(C.REGISTRY)
    assert registry
    for entry in registry.values():
        assert C.url_problem(entry.url) is None, entry
        assert entry.result and (entry.checked is None or entry.checked <= dt.date.today())


def test_bad_registry_and_missing_path_are_usage_errors(tmp_path, capsys):
    registry = tmp_path / "links.yml"
    registry.write_text("links:\n- url: https://a.nl\n  checked: gisteren\n  result: ok\n", encoding="utf-8")
    assert C.main(["--registry", str(registry)]) == 2
    assert "links.yml:3: checked is een datum" in capsys.readouterr().err
    assert C.main([str(tmp_path / "nope.md")]) == 2


# --- Report links ({{ rapportlinks }}) ---------------------------------------------------------
