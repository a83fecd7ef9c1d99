"""The built site, both languages: files, lang, search, 404, hreflang, no external hosts (issue 2)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from scripts.tools.site_build import ROOT, build, copy_project

LANGS = ("nl", "en")


def nav_pages() -> list[str]:
    """Every Markdown page the nav lists (the same files exist per language)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    pages: list[str] = []

    def walk(items):
        for item in items:
            for value in item.values():
                walk(value) if isinstance(value, list) else pages.append(value)

    walk(config["nav"])
    return pages


def built_path(site: Path, lang: str, md: str) -> Path:
    root = site if lang == "nl" else site / lang
    stem = md[:-3]
    if stem == "index":
        return root / "index.html"
    if stem.endswith("/index"):
        return root / stem[: -len("/index")] / "index.html"
    return root / stem / "index.html"


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_every_nav_page_exists_in_both_languages(built_site):
    pages = nav_pages()
    assert len(pages) >= 20
    for lang in LANGS:
        for md in pages:
            assert built_path(built_site, lang, md).is_file(), (lang, md)


def test_every_page_lang_is_the_language_of_its_text(built_site):
    for html_file in built_site.rglob("*.html"):
        rel = html_file.relative_to(built_site).as_posix()
        html = html_file.read_text("utf-8")
        expected = "en" if rel.startswith("en/") else "nl"
        if 'class="untranslated"' in html:  # a fallback page: its text is Dutch
            expected = "nl"
        assert html_lang(html) == expected, rel


def test_each_language_has_its_own_search_index(built_site):
    for lang in LANGS:
        root = built_site if lang == "nl" else built_site / lang
        index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        assert index["docs"], lang
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            target = root / page / "index.html" if page else root / "index.html"
            assert target.is_file(), (lang, doc["location"])
            # the page the entry points to is written in the index's language
            text_lang = html_lang(target.read_text("utf-8"))
            assert text_lang == lang or 'class="untranslated"' in target.read_text("utf-8"), (lang, page)


def test_search_pages_point_their_script_config_at_their_language_root(built_site):
    config = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
    for lang, page in (("nl", built_site / "signalen/index.html"), ("en", built_site / "en/signalen/index.html")):
        base = json.loads(config.search(page.read_text("utf-8")).group(1))["base"]
        assert (page.parent / base / "search/search_index.json").resolve().is_file()
        index = json.loads((page.parent / base / "search/search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]


@pytest.mark.parametrize("lang,title", [("nl", "Pagina niet gevonden"), ("en", "Page not found")])
def test_each_language_has_its_own_404(built_site, lang, title):
    page = built_site / ("404.html" if lang == "nl" else "en/404.html")
    html = page.read_text("utf-8")
    assert html_lang(html) == lang
    assert f"<h1>{title}" in html
    assert 'rel="alternate"' not in html


def test_hreflang_alternates_are_absolute_with_x_default(built_site):
    for html_file in built_site.rglob("index.html"):
        html = html_file.read_text("utf-8")
        alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
        langs = {lang for _, lang in alternates}
        assert {"nl", "en", "x-default"} <= langs, html_file
        for href, _ in alternates:
            assert urlparse(href).scheme == "https" and urlparse(href).netloc, (html_file, href)


class _References(HTMLParser):
    """Every URL the browser would load on its own: scripts, styles, images, frames, media."""

    LOADING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
               ("source", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
               ("input", "src"), ("image", "href"), ("use", "href")}
    LINK_LOADING = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect",
                    "dns-prefetch", "apple-touch-icon", "font"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for (t, attr) in self.LOADING:
            if tag == t and attrs.get(attr):
                self.urls.extend(u.strip().split(" ")[0] for u in attrs[attr].split(","))
        if tag == "link" and set((attrs.get("rel") or "").split()) & self.LINK_LOADING and attrs.get("href"):
            self.urls.append(attrs["href"])
        if attrs.get("style"):
            self.urls.extend(css_urls(attrs["style"]))


def css_urls(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    urls += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return [u for u in urls if not u.startswith("data:") and not u.startswith("#")]


def external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme not in ("", "data")


def test_no_page_stylesheet_or_script_loads_anything_from_another_host(built_site):
    offenders = []
    for html_file in built_site.rglob("*.html"):
        parser = _References()
        html = html_file.read_text("utf-8")
        parser.feed(html)
        for style in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
            parser.urls.extend(css_urls(style))
        offenders += [(html_file.name, u) for u in parser.urls if external(u)]
    for css in built_site.rglob("*.css"):
        offenders += [(css.name, u) for u in css_urls(css.read_text("utf-8")) if external(u)]
    for js in built_site.rglob("*.js"):
        text = js.read_text("utf-8")
        offenders += [(js.name, u) for u in re.findall(r"""(?:import|importScripts|fetch)\(\s*["'](https?://[^"']+)""", text)]
        offenders += [(js.name, u) for u in re.findall(r"fonts\.(?:googleapis|gstatic)\.com", text)]
    assert offenders == []


def test_no_google_fonts_anywhere(built_site):
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            assert "fonts.googleapis" not in path.read_text("utf-8"), path


def file_texts(path: Path):
    """What a reader of a built file could find in it: its bytes as text, and for a PDF also every
    decompressed stream (page content, link annotations, metadata)."""
    yield path.read_bytes().decode("latin-1")
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        numbers = {number for table in reader.xref.values() for number in table} | set(reader.xref_objStm)
        for number in sorted(numbers):
            obj = reader.get_object(number)
            data = getattr(obj, "get_data", None)
            yield data().decode("latin-1") if data is not None else str(obj)


def build_machine_traces(text: str, folders: tuple[str, ...]) -> list[str]:
    found = re.findall(r"file:/[^\s)\"'<>]*", text)  # an address; Material's `protocol === "file:"` is none
    return found + [folder for folder in folders if folder in text]


def test_the_trace_check_finds_a_file_uri_and_the_build_folder():
    assert build_machine_traces("<< /URI (file:///work/x/leaflets/templates/signalen/) >>", ()) == [
        "file:///work/x/leaflets/templates/signalen/"]
    assert build_machine_traces("logo /home/ann/naastjekind/x.svg", ("/home/ann/naastjekind",)) == ["/home/ann/naastjekind"]
    assert build_machine_traces('https://naastjekind.nl/profile/ tel:112 location.protocol==="file:"',
                                ("/home/ann/naastjekind",)) == []


def test_no_built_file_names_the_build_machines_files(built_site):
    """Issue 29: the handbook PDFs carried ~1,900 `file:///…/leaflets/templates/…` links, printing
    the build machine's folder into a public file. No file of the site (a PDF's streams included)
    may hold a file: address or the project's or the build's own folder."""
    folders = (str(ROOT), str(built_site.resolve()))
    offenders = {}
    for path in sorted(built_site.rglob("*")):
        if path.is_file():
            found = [trace for text in file_texts(path) for trace in build_machine_traces(text, folders)]
            if found:
                offenders[path.relative_to(built_site).as_posix()] = sorted(set(found))[:3]
    assert offenders == {}


def _break_and_build(tmp_path, edit) -> str:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "nl" / "over.md"
    page.write_text(page.read_text("utf-8") + edit, "utf-8")
    result = build(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_build_fails_on_a_broken_internal_link(tmp_path):
    output = _break_and_build(tmp_path, "\n\nZie [deze pagina](bestaat-niet.md).\n")
    assert "bestaat-niet.md" in output


def test_build_fails_on_a_broken_anchor(tmp_path):
    output = _break_and_build(tmp_path, "\n\nZie [signalen](signalen.md#geen-kopje-met-deze-naam).\n")
    assert "geen-kopje-met-deze-naam" in output


def test_an_untranslated_page_keeps_dutch_lang_and_says_so_in_english(tmp_path):
    """A Dutch page marked `translation: none` is shown on the English site as Dutch text."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "privacy.md").unlink()
    dutch = project / "docs" / "nl" / "privacy.md"
    text = dutch.read_text("utf-8")
    if text.startswith("---\n"):
        text = "---\ntranslation: none\n" + text[4:]
    else:
        text = "---\ntranslation: none\n---\n" + text
    dutch.write_text(text, "utf-8")
    result = build(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "en" / "privacy" / "index.html").read_text("utf-8")
    assert html_lang(html) == "nl"
    assert '<p class="untranslated" lang="en" role="note">This page has not been translated into English yet.' in html
    assert html_lang((tmp_path / "site" / "privacy" / "index.html").read_text("utf-8")) == "nl"
    assert 'class="untranslated"' not in (tmp_path / "site" / "privacy" / "index.html").read_text("utf-8")
