"""Shared browser fixtures: the built site on 127.0.0.1, one Debian Chromium per session, and
contexts that let nothing leave 127.0.0.1 while recording what a page tried and what it logged.

Every test in tests/browser/ is marked `browser` (select with `-m browser`, skip with
`-m "not browser"`). Set NJK_SITE=/path/to/site to test an existing build instead of building.
"""
from __future__ import annotations

import os
import re
from importlib import metadata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from scripts.postbuild import csp
from scripts.tools import nginx_server
from scripts.tools import static_server
from scripts.tools.browser import launch
from scripts.tools.screenshots import zoom_text
from scripts.tools.site_build import ROOT
from scripts.tools.sweep_cache import SweepCache, installed_fonts, key_of

HERE = Path(__file__).resolve().parent

# Runs in every document before the page's own scripts: CSP violations raise a DOM event.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__njkReport(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`);
});
"""
STUB_EXIT_PAGE = "<!doctype html><html lang='nl'><title>Weerbericht</title><h1>Het weer</h1></html>"
NEUTRAL_PAGE = "<!doctype html><html lang='nl'><title>Nieuws</title><h1>Nieuws van vandaag</h1></html>"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium against the built site")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def quick_exit_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return config["extra"]["quick_exit_url"]


@pytest.fixture(scope="session")
def exit_url() -> str:
    return quick_exit_url()


@pytest.fixture(scope="session")
def stub_exit_page() -> str:
    return STUB_EXIT_PAGE


@pytest.fixture(scope="session")
def site_root(request) -> Path:
    override = os.environ.get("NJK_SITE")
    return Path(override) if override else request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def base_url(site_root):
    """The site served like a real host: its own `_headers` security headers on every response."""
    headers_file = site_root / "_headers"
    headers = csp.parse_headers_file(headers_file.read_text("utf-8"))["/*"] if headers_file.exists() else {}
    server = static_server.start(site_root, headers=headers)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def site_pages(site_root: Path) -> list[str]:
    """The URL path of every built page of both languages, 404 pages included."""
    paths = []
    for html in sorted(site_root.rglob("*.html")):
        rel = html.relative_to(site_root).as_posix()
        paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return paths


@pytest.fixture(scope="session")
def all_pages(site_root) -> list[str]:
    pages = site_pages(site_root)
    assert pages, f"no built pages in {site_root}: every sweep over them would pass without looking"
    return pages


@pytest.fixture(scope="module")
def neutral(tmp_path_factory):
    """A second origin on 127.0.0.1: the neutral site a parent came from, and the framing site."""
    folder = tmp_path_factory.mktemp("neutral")
    (folder / "index.html").write_text(NEUTRAL_PAGE, "utf-8")
    (folder / "404.html").write_text("<!doctype html><title>404</title>", "utf-8")  # its favicon request
    server = static_server.start(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()


@pytest.fixture(scope="module")
def nginx_url(site_root, tmp_path_factory):
    """The site behind a real nginx with deploy/nginx.conf: the caching and headers of the deploy."""
    if nginx_server.BINARY is None:
        pytest.skip("nginx not installed (apt-get install nginx-light)")
    with nginx_server.serve(site_root, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="session")
def safety_page_says():
    """Check that "Veilig deze site bezoeken" still says what a browser test measured:
    `check({"nl": (phrase, ...), "en": (...)})`, whitespace-insensitive."""
    def check(claims: dict[str, tuple[str, ...]]):
        for lang, phrases in claims.items():
            text = " ".join((ROOT / "docs" / lang / "veilig-bezoeken.md").read_text("utf-8").split())
            missing = [phrase for phrase in phrases if phrase not in text]
            assert not missing, f"docs/{lang}/veilig-bezoeken.md no longer says: {missing}"
    return check


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Record:
    """What pages in one context did: requests sent out, blocked, errors logged, CSP violations."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def clear(self):
        for items in (self.requests, self.blocked, self.console_errors, self.page_errors, self.csp_violations):
            items.clear()


def new_context(browser, intercept: bool = True, **options):
    """(context, record): a new browser context that lets only 127.0.0.1 through (the quick exit's
    target is answered by a local stub page, never the real host) and records everything in a Record.

    `intercept=False` is for tests that never press the exit (the sweeps, phone, screen reader,
    search): no request interception, which in Playwright also switches off the browser's cache
    and sends every request through this process (20 loads: 8.6 → 5.8 s of CPU without it).
    Requests are then recorded as they are sent: one for any other host counts as blocked, and
    fails in the browser itself (scripts/tools/browser.py maps every host name to nothing)."""
    exit_url = quick_exit_url()
    context = browser.new_context(**options)
    record = Record()

    def route(route):
        url = route.request.url
        host = urlparse(url).hostname
        record.requests.append(url)
        if host == "127.0.0.1":
            route.continue_()
        elif url == exit_url:
            route.fulfill(status=200, content_type="text/html", body=STUB_EXIT_PAGE)
        else:
            record.blocked.append(url)
            route.abort()

    def seen(request):
        record.requests.append(request.url)
        if urlparse(request.url).hostname != "127.0.0.1":
            record.blocked.append(request.url)  # it tried to leave (and found no host)

    def on_page(page):
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: record.page_errors.append(f"{page.url}: {e}"))

    if intercept:
        context.route("**/*", route)
    else:
        context.on("request", seen)
    context.expose_function("__njkReport", lambda text: record.csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    context.on("page", on_page)
    return context, record


@pytest.fixture
def open_context(browser):
    """Factory: (context, record) from `new_context`, for tests that need a context of their own.

    A test's contexts close when it ends. Kept open to the end of the run, hundreds of them made
    the browser slower (safety, phone, screen-reader and read-aloud tests: 190 s, now 151 s)."""
    contexts = []

    def make(intercept: bool = True, **options):
        context, record = new_context(browser, intercept, **options)
        contexts.append(context)
        return context, record

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def kept_tabs(browser):
    """One tab per kind of context (touch or not, CSP bypassed or not), open for a worker's run."""
    tabs: dict = {}
    yield tabs
    for context, _, _ in tabs.values():
        context.close()


@pytest.fixture
def open_tab(kept_tabs, browser, release_tab):
    """Factory: (page, record) — a tab that earlier tests may have used, for tests that only read
    the site: load pages, read them, press keys, search. A new tab costs about 1 CPU-second (a
    new renderer process, a first load with nothing cached); a load in a kept tab a quarter of
    that (measured: 20 loads, 24.5 CPU-s in new tabs, 6.6 in one tab; the 71 phone, screen-reader,
    search and small accessibility tests: 220 → 167 CPU-s).

    Each use starts like a new tab: the viewport, colour scheme and motion asked for, the default
    text size, no storage, an empty record; at the end the tab goes to about:blank. Tests that
    press the exit, read the history, measure a first visit or the cache, or add listeners or
    routes of their own use `open_context`."""
    used = []

    def make(viewport: dict, *, is_mobile: bool = False, has_touch: bool = False, bypass_csp: bool = False,
             color_scheme: str = "light", reduced_motion: str = "no-preference"):
        key = (is_mobile, has_touch, bypass_csp)
        if key not in kept_tabs:
            context, record = new_context(browser, intercept=False, viewport=viewport, is_mobile=is_mobile,
                                          has_touch=has_touch, bypass_csp=bypass_csp)
            kept_tabs[key] = (context, context.new_page(), record)
        _, page, record = kept_tabs[key]
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=color_scheme, reduced_motion=reduced_motion)
        if page not in used:  # asked twice in one test: the same tab, its record kept
            record.clear()
            used.append(page)
        return page, record

    yield make
    for page in used:
        release_tab(page)


@pytest.fixture(scope="session")
def release_tab(base_url):
    """`release_tab(page)`: leave a kept tab as a new one would be: no storage of the site, the
    default text size, a blank page."""
    def release(page):
        if page.url.startswith(base_url):
            page.evaluate("localStorage.clear(); sessionStorage.clear()")
        zoom_text(page, 1)
        page.goto("about:blank")
    return release


# What decides a sweep's outcome besides the page's files and the test's own module: the fixtures
# that set up tabs, and the tools that launch the browser, serve the site and walk it.
SWEEP_CODE = (HERE / "conftest.py", *sorted((ROOT / "scripts" / "tools").glob("*.py")))


@pytest.fixture(scope="session")
def sweep_setting(browser) -> tuple[str, ...]:
    """The browser, Playwright and the fonts, for every sweep's key."""
    return browser.version, metadata.version("playwright"), installed_fonts()


@pytest.fixture
def sweep_cache(request, site_root, sweep_setting, figure):
    """Factory: `sweep_cache(*key_parts)` gives this test's SweepCache (scripts/tools/sweep_cache.py):
    the pages that passed this very check on an earlier run and load the same bytes today need not
    be checked again. `key_parts` are what else decides the outcome (axe's script, its options).
    Saved when the test ends, failed or not; how many pages were checked is shown under "figures"."""
    caches = []

    def make(*key_parts):
        served = [site_root / "_headers"] if (site_root / "_headers").exists() else []
        key = key_of(request.node.nodeid, request.path, *SWEEP_CODE, *served, *sweep_setting, *key_parts)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        cache = SweepCache.open(ROOT / ".cache" / "sweeps" / f"{name}.json", site_root, key)
        caches.append(cache)
        return cache

    yield make
    for cache in caches:
        cache.save()
        figure(cache.summary(request.node.name))
