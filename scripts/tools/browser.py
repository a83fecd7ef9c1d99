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


# Set once per page: when the results panel last changed and when the box last had a key released
# (Material reads the box on keyup, asks its worker, and redraws the panel with the answer).
SEARCH_WATCH = """() => {
  const panel = document.querySelector('.md-search-result');
  window.__njkChanged = window.__njkKeyup = performance.now();
  new MutationObserver(() => { window.__njkChanged = performance.now(); })
    .observe(panel, {childList: true, subtree: true, characterData: true});
  document.querySelector('input[name=query]').addEventListener('keyup', () => { window.__njkKeyup = performance.now(); });
}"""
# The answer to the last key is in: the panel changed after it and has been still for a moment
# (or, when the answer cannot change the panel, nothing changed for 1.5 s).
SEARCH_SETTLED = """() => {
  const now = performance.now();
  return (window.__njkChanged > window.__njkKeyup && now - window.__njkChanged > 100) || now - window.__njkKeyup > 1500;
}"""


def watch_search(page) -> None:
    """Start noting when the search results last changed and a key was last released (once per page)."""
    page.evaluate(SEARCH_WATCH)


def wait_for_search(page, timeout_ms: int = 15_000) -> None:
    """Wait until the results answer the last key released in the search box (watch_search first)."""
    page.wait_for_function(SEARCH_SETTLED, polling=25, timeout=timeout_ms)
