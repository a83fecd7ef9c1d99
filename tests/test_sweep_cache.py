"""scripts/tools/sweep_cache.py: a page's pass is reused only while every file it loaded, and
the way it was checked, stay the same."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.tools.sweep_cache import SweepCache, installed_fonts, key_of, site_file

ORIGIN = "http://127.0.0.1:8123"
PAGE_FILES = ("signalen/index.html", "assets/site.css", "assets/site.js")


@pytest.fixture(autouse=True)
def remembering(monkeypatch):
    """These tests are about reuse: also under `make test NJK_FULL_SWEEPS=1`."""
    monkeypatch.delenv("NJK_FULL_SWEEPS", raising=False)


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    for name in PAGE_FILES + ("index.html", "hulp-vinden/index.html", "search/search_index.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"<!-- {name} -->", "utf-8")
    return root


def loaded(*names: str) -> list[str]:
    return [f"{ORIGIN}/{name.removesuffix('index.html')}" for name in names]


def passed_once(site: Path, file: Path, key: str = "axe light phone") -> SweepCache:
    """A first run in which /signalen/ passed, loading its HTML, a stylesheet and a script."""
    cache = SweepCache.open(file, site, key)
    assert cache.to_check(["/signalen/"]) == ["/signalen/"]
    cache.remember("/signalen/", loaded(*PAGE_FILES), ORIGIN)
    cache.save()
    return cache


def test_urls_map_to_the_files_the_static_server_sends(site):
    assert site_file(site, f"{ORIGIN}/", ORIGIN) == site / "index.html"
    assert site_file(site, f"{ORIGIN}/signalen/", ORIGIN) == site / "signalen" / "index.html"
    assert site_file(site, f"{ORIGIN}/assets/site.css?v=2#x", ORIGIN) == site / "assets" / "site.css"
    assert site_file(site, "http://127.0.0.1:9999/assets/site.css", ORIGIN) is None  # another origin
    assert site_file(site, f"{ORIGIN}/assets/missing.css", ORIGIN) is None
    assert site_file(site, f"{ORIGIN}/assets/../../site/index.html", ORIGIN) is None


def test_an_unchanged_page_is_not_checked_again(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    again = SweepCache.open(tmp_path / "sweep.json", site, "axe light phone")
    assert again.to_check(["/signalen/", "/hulp-vinden/"]) == ["/hulp-vinden/"]
    assert again.summary("axe") == "axe: 1 pages checked, 1 unchanged since they passed"


@pytest.mark.parametrize("changed", PAGE_FILES)
def test_a_change_to_any_file_the_page_loaded_checks_it_again(site, tmp_path, changed):
    passed_once(site, tmp_path / "sweep.json")
    (site / changed).write_text("changed", "utf-8")
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(["/signalen/"]) == ["/signalen/"]


def test_a_change_to_a_file_the_page_did_not_load_keeps_its_pass(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    (site / "search" / "search_index.json").write_text("[]", "utf-8")
    (site / "hulp-vinden" / "index.html").write_text("changed", "utf-8")
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(["/signalen/"]) == []


def test_a_deleted_file_checks_the_page_again(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    (site / "assets" / "site.js").unlink()
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(["/signalen/"]) == ["/signalen/"]


def test_another_way_of_checking_checks_every_page_again(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe dark phone").to_check(["/signalen/"]) == ["/signalen/"]


def test_the_key_covers_the_contents_of_files_given(tmp_path):
    code = tmp_path / "check.py"
    code.write_text("a", "utf-8")
    before = key_of("test id", code, b"axe")
    assert key_of("test id", code, b"axe") == before
    code.write_text("b", "utf-8")
    assert key_of("test id", code, b"axe") != before


def test_a_page_that_loaded_something_not_of_the_site_is_not_remembered(site, tmp_path):
    cache = SweepCache.open(tmp_path / "sweep.json", site, "k")
    cache.to_check(["/signalen/"])
    cache.remember("/signalen/", loaded(*PAGE_FILES) + ["https://example.org/tracker.js"], ORIGIN)
    cache.remember("/hulp-vinden/", loaded("hulp-vinden/index.html", "assets/missing.css"), ORIGIN)
    cache.save()
    assert SweepCache.open(tmp_path / "sweep.json", site, "k").to_check(["/signalen/", "/hulp-vinden/"]) \
        == ["/signalen/", "/hulp-vinden/"]


@pytest.mark.parametrize("stored", ["", "{not json", "[]", '{"key": "k", "passed": []}',
                                    '{"key": "k", "passed": {"/signalen/": "yes"}}',
                                    '{"key": "k", "passed": {"/signalen/": {"files": 3, "digest": "x"}}}'])
def test_an_unreadable_cache_checks_every_page(site, tmp_path, stored):
    (tmp_path / "sweep.json").write_text(stored, "utf-8")
    assert SweepCache.open(tmp_path / "sweep.json", site, "k").to_check(["/signalen/"]) == ["/signalen/"]


def test_full_sweeps_can_be_asked_for(site, tmp_path, monkeypatch):
    passed_once(site, tmp_path / "sweep.json")
    monkeypatch.setenv("NJK_FULL_SWEEPS", "1")
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(["/signalen/"]) == ["/signalen/"]


def test_a_stale_pass_is_dropped_when_saved(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    (site / "assets" / "site.css").write_text("changed", "utf-8")
    cache = SweepCache.open(tmp_path / "sweep.json", site, "axe light phone")
    cache.to_check(["/signalen/"])  # checked again, and this time it fails: nothing remembered
    cache.save()
    (site / "assets" / "site.css").write_text("<!-- assets/site.css -->", "utf-8")  # back as it passed
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(["/signalen/"]) == ["/signalen/"]


class Tab:
    """Stands in for a Playwright page: what it was asked to load, and what each page loads."""

    def __init__(self):
        self.visited = []

    def goto(self, url, wait_until):
        self.visited.append(url.removeprefix(ORIGIN))

    def evaluate(self, script):
        return loaded(*PAGE_FILES) if self.visited[-1] == "/signalen/" else loaded("hulp-vinden/index.html")


def test_a_sweep_loads_only_what_must_be_checked_and_remembers_only_passes(site, tmp_path):
    passed_once(site, tmp_path / "sweep.json")
    cache, tab = SweepCache.open(tmp_path / "sweep.json", site, "axe light phone"), Tab()
    problems = cache.sweep(tab, ORIGIN, ["/signalen/", "/hulp-vinden/", "/"],
                           lambda page, path: [f"{path}: too wide"] if path == "/" else [])
    assert tab.visited == ["/hulp-vinden/", "/"] and problems == ["/: too wide"]
    cache.save()
    assert SweepCache.open(tmp_path / "sweep.json", site, "axe light phone").to_check(
        ["/signalen/", "/hulp-vinden/", "/"]) == ["/"]


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")
def test_the_fonts_in_a_key_are_listed_the_same_way_each_time():
    fonts = installed_fonts()
    assert fonts == installed_fonts() and fonts.splitlines() == sorted(fonts.splitlines())
    assert all(line.startswith("/") for line in fonts.splitlines()), fonts[:200]
