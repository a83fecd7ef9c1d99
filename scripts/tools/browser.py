"""Launch Debian's Chromium through Playwright: the one browser tests and benchmarks use.

Never a downloaded browser. The flags keep Chromium from calling home (this machine has no
network, and a privacy site should not be tested by a browser that phones Google).
"""
from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
    # No host name resolves: nothing leaves 127.0.0.1 even where a test does not intercept requests.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def addresses_in(path: Path, origin: str) -> set[str]:
    """Every address of `origin` written in the file at `path` (a profile's cache entry, history
    database...): what a person searching the browser's files could find."""
    pattern = re.escape(origin.encode()) + rb"/[^\x00-\x20\"'<>]*"
    return {found.decode("utf-8", "replace") for found in re.findall(pattern, path.read_bytes())}


def launch(playwright, **options):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, **options)


@contextmanager
def served(site: Path):
    """A built site on 127.0.0.1 and Debian's Chromium: yields (browser, base URL); both stop after."""
    from playwright.sync_api import sync_playwright

    from scripts.tools import static_server

    server = static_server.start(site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}"
            finally:
                browser.close()
    finally:
        server.shutdown()
