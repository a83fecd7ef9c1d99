"""Debian's Firefox ESR for the browser tests, driven through Marionette (its own remote protocol).

Playwright cannot drive a stock Firefox and no browser may be downloaded, so the tests start
`firefox-esr --marionette --headless --profile DIR` themselves and talk to it with the
`marionette-driver` client. Nothing may leave 127.0.0.1: every request to another host goes to a
local proxy (`ExitProxy`) that answers the quick exit's address with a stub page and refuses and
records everything else; DNS answers 127.0.0.1 for every name, so no lookup leaves the machine.
"""
from __future__ import annotations

import json
import shutil
import socketserver
import sqlite3
import ssl
import subprocess
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlparse

from marionette_driver.marionette import Marionette

FIREFOX = shutil.which("firefox-esr")

# A parent's Firefox as it comes, minus what calls home. History, cache and session restore keep
# their defaults: they are what the test measures.
PREFS = {
    "marionette.port": 0,  # a free port, written to MarionetteActivePort in the profile
    "remote.prefs.recommended": False,  # no automation prefs that change what Firefox keeps
    "browser.startup.page": 3,  # restore the last session, as a reopened browser does
    "browser.sessionstore.resume_from_crash": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "browser.warnOnQuit": False,
    "browser.tabs.warnOnClose": False,
    "focusmanager.testmode": True,  # keys reach the page although no window has focus
    "network.proxy.type": 1,
    "network.proxy.share_proxy_settings": True,
    "network.proxy.no_proxies_on": "",
    "network.dns.forceResolve": "127.0.0.1",
    "network.dns.disablePrefetch": True,
    "network.dns.native_https_query": False,
    "network.trr.mode": 5,
    "network.http.http3.enable": False,
    "network.http.speculative-parallel-limit": 0,
    "network.predictor.enabled": False,
    "network.prefetch-next": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "media.peerconnection.enabled": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "browser.ping-centre.telemetry": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.search.update": False,
    "browser.region.network.url": "",
    "browser.topsites.contile.enabled": False,
    "browser.newtabpage.activity-stream.feeds.section.topstories": False,
    "browser.newtabpage.activity-stream.showSponsoredTopSites": False,
    "browser.newtabpage.activity-stream.showSponsored": False,
    "browser.urlbar.suggest.searches": False,
    "browser.translations.enable": False,
    "browser.ml.enable": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "dom.push.connection.enabled": False,
    "geo.provider.network.url": "",
    "media.gmp-manager.updateEnabled": False,
    "security.OCSP.enabled": 0,
    "security.remote_settings.crlite_filters.enabled": False,
    "security.remote_settings.intermediates.enabled": False,
    "services.settings.server": "data:,#no-remote-settings",
    "identity.fxaccounts.enabled": False,
}


def user_js(prefs: dict[str, object], proxy_port: int) -> str:
    """The profile's user.js: `prefs` plus the proxy that takes every request not to 127.0.0.1."""
    prefs = {**prefs, "network.proxy.http": "127.0.0.1", "network.proxy.http_port": proxy_port,
             "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": proxy_port}
    return "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items())


class ExitProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy on 127.0.0.1 that lets nothing out. A CONNECT to the quick exit's host (or to
    a host in `others`, a help site's stand-in) is answered over TLS with a throwaway certificate
    (the Marionette session accepts it) and the stub page for that host; every other request is
    refused and its target kept in `refused`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, exit_url: str, body: str, workdir: Path, others: dict[str, str] | None = None):
        self.pages = {urlparse(exit_url).hostname: body.encode("utf-8"),
                      **{host: page.encode("utf-8") for host, page in (others or {}).items()}}
        self.refused: list[str] = []
        self.answered: list[str] = []
        self.tls = throwaway_tls(sorted(self.pages), workdir)
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class ProxyHandler(socketserver.StreamRequestHandler):
    def handle(self):
        request = self.rfile.readline().decode("latin-1").split(" ")
        if len(request) < 3:
            return
        method, target = request[:2]
        read_headers(self.rfile)
        host = target.rsplit(":", 1)[0] if method == "CONNECT" else urlparse(target).hostname
        if method != "CONNECT" or host not in self.server.pages:
            self.server.refused.append(f"{method} {target}")
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        try:
            with self.server.tls.wrap_socket(self.connection, server_side=True) as tls:
                stream = tls.makefile("rb")
                while line := stream.readline():
                    self.server.answered.append(f"{host}{line.decode('latin-1').split(' ')[1]}")
                    read_headers(stream)
                    body = self.server.pages[host]
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                b"Cache-Control: no-store\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        except OSError:  # a handshake Firefox gave up on (before the session accepted the certificate)
            pass


def read_headers(stream) -> None:
    while stream.readline() not in (b"\r\n", b"\n", b""):
        pass


def throwaway_tls(hosts: list[str], workdir: Path) -> ssl.SSLContext:
    """A self-signed certificate for `hosts`, made with Debian's openssl for this run only."""
    cert, key = workdir / "exit-cert.pem", workdir / "exit-key.pem"
    names = ",".join(f"DNS:{host}" for host in hosts)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", f"/CN={hosts[0]}", "-addext", f"subjectAltName={names}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def new_profile(folder: Path, proxy_port: int) -> Path:
    """A fresh profile folder: Firefox fills it on first start, as for a new user."""
    folder.mkdir(parents=True)
    (folder / "user.js").write_text(user_js(PREFS, proxy_port), "utf-8")
    return folder


@contextmanager
def running(profile: Path, timeout: float = 60):
    """Firefox on `profile` with a Marionette session; quits Firefox the way a person closes it
    (session saved for the next start). `--remote-allow-system-access` lets the tests read the
    tab's session history in the browser's own (chrome) context."""
    port_file = profile / "MarionetteActivePort"
    port_file.unlink(missing_ok=True)
    process = subprocess.Popen(
        [FIREFOX, "--marionette", "--headless", "--no-remote", "--remote-allow-system-access", "--profile", str(profile)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"firefox-esr did not start Marionette (exit {process.poll()})")
            time.sleep(0.1)
        client = Marionette(host="127.0.0.1", port=int(port_file.read_text()))
        client.start_session({"acceptInsecureCerts": True})
        client.set_window_rect(width=1280, height=800)
        yield client
        # Marionette:Quit, answered before Firefox goes. The public quit() only serves a Firefox
        # the client started itself; this is the request it sends.
        client._request_in_app_shutdown()
        client.delete_session(send_request=False)
        process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def tab_history(client) -> list[tuple[str, str]]:
    """Every tab's session history (Back/Forward) as Firefox keeps it: (url, title) per entry."""
    with client.using_context("chrome"):
        return client.execute_script("""
            return [...gBrowser.tabs].map(tab => {
                const history = tab.linkedBrowser.browsingContext.sessionHistory;
                return [...Array(history.count).keys()].map(i => {
                    const entry = history.getEntryAtIndex(i);
                    return [entry.URI.spec, entry.title];
                });
            });""")


def query_copy(profile: Path, name: str, sql: str, workdir: Path) -> list[tuple]:
    """Rows of one of the profile's SQLite databases (places.sqlite: history, address-bar
    suggestions and new-tab tiles; cookies.sqlite). Read from a copy, with its write-ahead log:
    Firefox locks the file while it runs."""
    for suffix in ("", "-wal"):
        if (profile / f"{name}{suffix}").exists():
            shutil.copyfile(profile / f"{name}{suffix}", workdir / f"copy-{name}{suffix}")
    with closing(sqlite3.connect(workdir / f"copy-{name}")) as db:
        return db.execute(sql).fetchall()
