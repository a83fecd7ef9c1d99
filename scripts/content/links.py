"""External links: an offline policy check against a committed registry, and a real online check.

    python scripts/content/links.py [PATH ...]             offline (default: docs/ and the data files)
    python scripts/content/links.py --external [PATH ...]  over the network; updates the registry

Offline, every external link in the pages and data must be a well-formed https address listed in
data/external-links.yml (url, date of its last check, result), so a new link is noticed in review.
Online, each link is fetched for real: bounded concurrency, a timeout per request, retries with
backoff on timeouts and 429/503 (Retry-After respected), redirects followed by hand (so loops are
caught and the final address reported), HEAD first with GET when a server refuses HEAD.
Internal links and anchors are not checked here: the strict MkDocs build already fails on them.
Exit codes: 0 all good, 1 a link is broken or unregistered, 2 usage or file error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import http.client
import re
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin

import yaml

if __name__ == "__main__":  # run as a script: make `scripts.` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content.errors import ContentError, ContentErrors  # noqa: E402
from scripts.content.data_yaml import line_of, load_data_file, type_name  # noqa: E402
from scripts.content.report_links import REPORT_LINKS  # noqa: E402
from scripts.content.routes import ROOT, url_problem  # noqa: E402
from scripts.content.source_text import display_path, read_text  # noqa: E402

REGISTRY = ROOT / "data" / "external-links.yml"
MKDOCS_YML = ROOT / "mkdocs.yml"
DEFAULT_PATHS = (ROOT / "docs", ROOT / "leaflets", ROOT / "includes", ROOT / "data" / "routes.yml", ROOT / "data" / "facts.yml",
                 REPORT_LINKS, MKDOCS_YML)
NOT_CHECKED = "not checked here (no network)"
USER_AGENT = "naastjekind-linkcheck/1.0 (+https://naastjekind.nl/)"

# A URL runs until whitespace or a character that ends it in Markdown, YAML or a directive.
URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]{}\"'`|]+")
TRAILING = ".,;:!?’”"
# An XML namespace (inline SVG's xmlns="http://www.w3.org/2000/svg") names, it does not link.
NAMESPACE_ATTRIBUTE = re.compile(r"xmlns(?::\w+)?=[\"']$")
# In report-links.yml only the known new address (`now:`) is a link; the old ones are text.
NOW_FIELD = re.compile(r"^\s*now:\s*(\S+)")
# In mkdocs.yml only the "Snel weg" target is an external link a reader follows (site_url is us).
QUICK_EXIT_FIELD = re.compile(r"^\s*quick_exit_url:\s*(\S+)")


# ----------------------------------------------------------------------------------------
# Finding links
# ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    path: str
    line: int
    url: str


def links_in_text(text: str, path: str) -> list[Found]:
    """Every http(s) address in Markdown or YAML text, with its line."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in URL_IN_TEXT.finditer(line):
            if NAMESPACE_ATTRIBUTE.search(line, 0, match.start()):
                continue
            found.append(Found(path, number, match.group().rstrip(TRAILING)))
    return found


def _links_in_field(field: re.Pattern) -> Callable[[str, str], list[Found]]:
    def scan(text: str, path: str) -> list[Found]:
        return [Found(path, n, m.group(1)) for n, line in enumerate(text.splitlines(), 1)
                if (m := field.match(line))]
    return scan


links_in_report_links = _links_in_field(NOW_FIELD)
links_in_mkdocs_yml = _links_in_field(QUICK_EXIT_FIELD)


def _files(paths: Iterable[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".md", ".yml", ".yaml"))
        else:
            files.append(path)
    return files


def find_links(paths: Iterable[Path], root: Path | None = None) -> list[Found]:
    """External links in the given files and folders (pages, routes data, report links, quick exit)."""
    found = []
    for file in _files(paths):
        display = display_path(file, root)
        text = read_text(file, display)
        scan = {REPORT_LINKS.resolve(): links_in_report_links,
                MKDOCS_YML.resolve(): links_in_mkdocs_yml}.get(file.resolve(), links_in_text)
        found += scan(text, display)
    return found


# ----------------------------------------------------------------------------------------
# The registry
# ----------------------------------------------------------------------------------------

@dataclass
class Entry:
    url: str
    checked: dt.date | None
    result: str
    line: int = 0


REGISTRY_HEADER = """\
# Every external link of the handbook, with the date and result of its last online check.
# Written by `python scripts/content/links.py --external`; a new link is added by hand as
#   - url: https://...
#     checked: null
#     result: not checked here (no network)
# and then checked online. See README.md, "Hulproutes bijwerken en links controleren".
"""


def load_registry(path: Path) -> dict[str, Entry]:
    """url -> Entry. ContentErrors (path:line) when the file is malformed."""
    display = display_path(path)
    if not path.is_file():
        return {}
    doc = load_data_file(path, display)
    if doc is None:
        return {}
    if not isinstance(doc, dict) or set(doc) != {"links"} or not isinstance(doc["links"], list):
        raise ContentErrors([ContentError(display, line_of(doc) if isinstance(doc, dict) else 1,
                                          "het register bevat alleen 'links:' met daaronder een lijst")])
    entries, errors = {}, []
    for index, item in enumerate(doc["links"]):
        line = line_of(doc["links"], index)
        if not isinstance(item, dict) or set(item) != {"url", "checked", "result"}:
            errors.append(ContentError(display, line, "een link heeft precies url, checked en result"))
            continue
        if not isinstance(item["url"], str):
            errors.append(ContentError(display, line_of(item, "url"), f"url is een adres (kreeg {type_name(item['url'])})"))
            continue
        checked = item["checked"]
        if checked is not None and (not isinstance(checked, dt.date) or isinstance(checked, dt.datetime)):
            errors.append(ContentError(display, line_of(item, "checked"), "checked is een datum (2026-11-27) of null"))
            continue
        if item["url"] in entries:
            errors.append(ContentError(display, line, f"{item['url']} staat er twee keer"))
            continue
        entries[item["url"]] = Entry(item["url"], checked, str(item["result"]), line)
    if errors:
        raise ContentErrors(errors)
    return entries


def write_registry(path: Path, entries: dict[str, Entry]) -> None:
    links = [{"url": e.url, "checked": e.checked, "result": e.result}
             for e in sorted(entries.values(), key=lambda e: e.url)]
    body = yaml.safe_dump({"links": links}, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(REGISTRY_HEADER + body, encoding="utf-8")


def registry_snippet(urls: Iterable[str]) -> str:
    """What a writer pastes into the registry for links it does not know yet."""
    return "\n".join(f"- url: {url}\n  checked: null\n  result: {NOT_CHECKED}" for url in urls)


# ----------------------------------------------------------------------------------------
# Offline check
# ----------------------------------------------------------------------------------------

def offline_problems(found: Iterable[Found], registry: dict[str, Entry], registry_path: str) -> tuple[list[ContentError], list[str]]:
    """Policy problems (not https, malformed, unregistered) and the unregistered URLs in order."""
    problems, missing = [], []
    for link in found:
        if (problem := url_problem(link.url)) is not None:
            problems.append(ContentError(link.path, link.line, f"link {problem}"))
        elif link.url not in registry:
            problems.append(ContentError(link.path, link.line, f"{link.url} staat niet in {registry_path}"))
            if link.url not in missing:
                missing.append(link.url)
    return problems, missing


# ----------------------------------------------------------------------------------------
# Online check
# ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0       # seconds per request
    retries: int = 2            # extra tries after a timeout, 429 or 503
    backoff: float = 1.0        # first wait between tries; doubles each time
    max_wait: float = 30.0      # longest Retry-After we honour
    max_redirects: int = 10
    workers: int = 8            # links checked at the same time


@dataclass(frozen=True)
class Outcome:
    url: str
    ok: bool
    result: str
    final_url: str | None = None


RETRY_STATUS = {429, 503}
HEAD_REFUSED = {405, 501}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand each 3xx back to us: we follow redirects ourselves to see loops and the final URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


class _Timeout(Exception):
    pass


def _request(url: str, method: str, timeout: float) -> tuple[int, str, http.client.HTTPMessage]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know the body starts; never the whole page
            return response.status, response.reason, response.headers
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, str(error.reason), error.headers
    except TimeoutError:
        raise _Timeout() from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _Timeout() from None
        raise


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


def _one_hop(url: str, s: Settings, sleep: Callable[[float], None]):
    """Status, reason and headers of one URL (no redirect), after retries; or a failure text."""
    tries = s.retries + 1
    for attempt in range(tries):
        try:
            status, reason, headers = _request(url, "HEAD", s.timeout)
            if status in HEAD_REFUSED:
                status, reason, headers = _request(url, "GET", s.timeout)
        except _Timeout:
            if attempt + 1 < tries:
                sleep(s.backoff * 2 ** attempt)
                continue
            return f"timeout after {tries} tries ({s.timeout:g} s each)"
        except urllib.error.URLError as error:
            reason_text = getattr(error.reason, "strerror", None) or str(error.reason)
            return f"unreachable ({reason_text})"
        except (http.client.HTTPException, OSError) as error:
            return f"unreachable ({error.__class__.__name__}: {error})"
        if status in RETRY_STATUS and attempt + 1 < tries:
            wait = retry_after(headers.get("Retry-After"))
            sleep(min(s.max_wait, wait if wait is not None else s.backoff * 2 ** attempt))
            continue
        return status, reason, headers
    raise AssertionError("unreachable")  # the loop always returns


def check_url(url: str, settings: Settings = Settings(), sleep: Callable[[float], None] = time.sleep) -> Outcome:
    """Is `url` reachable? Follows redirects by hand; reports the final URL."""
    chain = [url]
    current = url
    for _ in range(settings.max_redirects + 1):
        hop = _one_hop(current, settings, sleep)
        if isinstance(hop, str):
            return Outcome(url, False, f"broken: {hop}", current if current != url else None)
        status, reason, headers = hop
        location = headers.get("Location")
        if 300 <= status < 400 and location:
            target = urljoin(current, location)
            if target in chain:
                return Outcome(url, False, f"broken: redirect loop ({' -> '.join(chain + [target])})")
            chain.append(target)
            current = target
            continue
        if 200 <= status < 300:
            if current != url:
                return Outcome(url, True, f"ok ({status}) after redirect to {current}", current)
            return Outcome(url, True, f"ok ({status})")
        return Outcome(url, False, f"broken: {status} {reason}".rstrip(), current if current != url else None)
    return Outcome(url, False, f"broken: more than {settings.max_redirects} redirects")


def check_all(urls: Iterable[str], settings: Settings = Settings(),
              sleep: Callable[[float], None] = time.sleep) -> dict[str, Outcome]:
    """Check each distinct URL once, at most `settings.workers` at the same time."""
    unique = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        outcomes = pool.map(lambda u: check_url(u, settings, sleep), unique)
        return dict(zip(unique, outcomes))


# ----------------------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------------------

def _summary_online(outcomes: list[tuple[Found, Outcome]]) -> str:
    distinct = {o.url: o for _, o in outcomes}
    broken = sum(not o.ok for o in distinct.values())
    redirected = sum(o.ok and o.final_url is not None for o in distinct.values())
    return (f"{len(distinct)} links gecontroleerd: {len(distinct) - broken} bereikbaar "
            f"({redirected} via een doorverwijzing), {broken} kapot.")


def main(argv: Iterable[str] | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    parser = argparse.ArgumentParser(description="Controleer externe links (offline tegen het register, of echt met --external).")
    parser.add_argument("paths", nargs="*", type=Path, help="bestanden of mappen (standaard docs/ en de databestanden)")
    parser.add_argument("--external", action="store_true", help="controleer echt over het netwerk en werk het register bij")
    parser.add_argument("--registry", type=Path, default=REGISTRY, help="het linkregister (standaard data/external-links.yml)")
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="seconden per verzoek")
    parser.add_argument("--retries", type=int, default=Settings.retries, help="extra pogingen bij time-out, 429 en 503")
    parser.add_argument("--backoff", type=float, default=Settings.backoff, help="eerste wachttijd tussen pogingen (s)")
    parser.add_argument("--max-wait", type=float, default=Settings.max_wait, help="langste Retry-After die we afwachten (s)")
    parser.add_argument("--workers", type=int, default=Settings.workers, help="links tegelijk")
    args = parser.parse_args(list(argv) if argv is not None else None)

    missing_paths = [p for p in args.paths if not p.exists()]
    if missing_paths:
        print(f"{missing_paths[0]}: bestand of map niet gevonden", file=sys.stderr)
        return 2
    registry_display = display_path(args.registry)
    try:
        registry = load_registry(args.registry)
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        return 2

    if not args.external:
        found = find_links(args.paths or DEFAULT_PATHS)
        problems, missing = offline_problems(found, registry, registry_display)
        for problem in problems:
            print(problem)
        distinct = len({f.url for f in found})
        if not problems:
            print(f"{len(found)} links ({distinct} verschillende) in orde: https en in {registry_display}.")
            return 0
        print(f"\n{len(problems)} van {len(found)} links niet in orde.")
        if missing:
            print(f"Nieuwe link? Zet hem in {registry_display} (onder links:):\n{registry_snippet(missing)}\n"
                  f"en controleer hem als je netwerk hebt: python scripts/content/links.py --external "
                  f"{' '.join(sorted({f.path for f in found if f.url in missing}))}")
        return 1

    if args.paths:
        found = find_links(args.paths)
    else:
        found = [Found(registry_display, e.line, e.url) for e in registry.values()]
    settings = Settings(args.timeout, max(0, args.retries), args.backoff, args.max_wait, workers=args.workers)
    started = time.monotonic()
    results = check_all((f.url for f in found), settings, sleep)
    outcomes = [(f, results[f.url]) for f in found]
    for link, outcome in outcomes:
        print(f"{link.path}:{link.line}: {link.url} -> {outcome.result}")
    today = dt.date.today()
    for url, outcome in results.items():
        registry[url] = Entry(url, today, outcome.result)
    write_registry(args.registry, registry)
    print(f"\n{_summary_online(outcomes)} ({time.monotonic() - started:.1f} s; register {registry_display} bijgewerkt)")
    return 1 if any(not o.ok for o in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
