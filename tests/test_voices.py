"""Stemmen van ouders (scripts/content/voices.py): grouping, links to every use, and the built page."""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.content import quotes
from scripts.content import source_lines as sources
from scripts.content import voices
from scripts.content.report_text import PARENTS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# Real words from the report, so the quotes feature verifies them.
PUZZLE = "‘Het waren eigenlijk allemaal puzzelstukjes.’"  # ouder 3, §3.2
PUZZLE_STRAIGHT = "'Het waren eigenlijk allemaal puzzelstukjes.'"
ALARM = "‘Er is een alarm afgegeven hier thuis.’"  # ouder 8, §4.4
EXHAUSTED = "‘Ik was zó moe van vechten tegen de bierkaai.’"  # ouder 8, §1
REPORT_PROSE = "Een specifieke functie die in Nederland niet bestaat."

PAGE_A = f"""---
audience: professionals
---

# Pagina A

## Eerste deel

{{{{ bron: §3.2 }}}}

> {PUZZLE}
> — ouder 3

## Tweede deel

{{{{ bron: §4.4 }}}}

> {ALARM}
> — ouder 8

> {REPORT_PROSE}
> — Ouders aan het woord
"""

PAGE_B = f"""# Pagina B

Tekst boven de eerste kop.

> {EXHAUSTED}
> — ouder 8

### Dieper

> {PUZZLE_STRAIGHT}
> — ouder 3

> Iets uit een andere bron.
> — Een boek | https://example.org/boek

> ‘Het waren eigenlijk allemaal puzzelbrokjes.’
> — ouder 3
"""

PAGES = {"a.md": PAGE_A, "sub/b.md": PAGE_B}


def _load_nav():
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        # mkdocs.yml uses !ENV; a loader that knows it is only needed for the nav.
        loader = type("L", (yaml.SafeLoader,), {})
        loader.add_constructor("!ENV", lambda l, n: None)
        return yaml.load(f, Loader=loader)["nav"]


NAV = _load_nav()


# --------------------------------------------------------------------------- grouping


@pytest.mark.parametrize("section, dimension, phase", [
    ("3.2", "begrijpen", "voor"), ("4.2", "begrijpen", "na"),
    ("3.3", "grip", "voor"), ("4.3", "grip", "na"),
    ("3.4", "volhouden", "voor"), ("4.4", "volhouden", "na"),
    ("1", "overig", "elders"), ("2.1", "overig", "elders"), ("5.1", "overig", "elders"),
    ("4.5", "overig", "na"), ("3.5", "overig", "voor"),
])
def test_dimension_and_phase_follow_the_report_section(section, dimension, phase):
    assert voices.dimension_of(section) == dimension
    assert voices.phase_of(section) == phase


def test_collect_keeps_parents_words_once_with_every_use():
    found = voices.collect(PAGES, "nl")
    # The report's prose, another source and a misquote are not parents' voices.
    assert [(v.parent, v.section) for v in found] == [(8, "1"), (3, "3.2"), (8, "4.4")]
    puzzle = found[1]
    assert puzzle.text == PUZZLE  # as first written, though page B types straight quotes
    assert [(u.page, u.heading, u.anchor) for u in puzzle.uses] == [
        ("a.md", "Eerste deel", "eerste-deel"), ("sub/b.md", "Dieper", "dieper")]
    assert [u.page_title for u in puzzle.uses] == ["Pagina A", "Pagina B"]
    # A quote above the page's first heading links to the page itself.
    assert found[0].uses == [voices.Use("sub/b.md", "Pagina B")]


def test_group_orders_dimensions_and_phases_and_leaves_out_empty_ones():
    grouped = voices.group(voices.collect(PAGES, "nl"))
    assert {d: list(p) for d, p in grouped.items()} == {
        "begrijpen": ["voor"], "volhouden": ["na"], "overig": ["elders"]}


# --------------------------------------------------------------------------- rendering


def _blockquote_texts(markdown: str, language: str) -> list[str]:
    return [q.text for q in quotes.verified_quotes(markdown, f"docs/{language}/x.md", language)]


def test_render_shows_each_quote_once_with_links_relative_to_the_page():
    found = voices.collect(PAGES, "nl")
    out = voices.render(found, "nl", "professionals/stemmen-van-ouders.md")
    # Grouped: the §3.2 quote (Understanding) comes before the §1 one (Other).
    assert _blockquote_texts(out, "nl") == [PUZZLE, ALARM, EXHAUSTED]
    assert "[Pagina A › Eerste deel](../a.md#eerste-deel)" in out
    assert "[Pagina B › Dieper](../sub/b.md#dieper)" in out
    assert "[Pagina B](../sub/b.md)" in out
    for dimension in ("begrijpen", "volhouden", "overig"):
        assert f"{{#{dimension}}}" in out
    assert "(#begrijpen-voor)" in out and "{#begrijpen-voor}" in out
    assert "(#grip" not in out  # no quotes, no group
    # What the page emits passes the site's own checks: quotes verify, source lines parse.
    assert quotes.check_markdown(out, "docs/nl/professionals/stemmen-van-ouders.md", 1, "nl") == []
    bron = [d.argument for d in voices.sources.iter_directives(out) if d.name == "bron"]
    assert bron == ["§3.2", "§4.4", "§1"]
    for argument in bron:
        sources.parse_bron(argument)
    assert "ouder 3: 1, ouder 8: 2" in out


def test_english_page_shows_the_translation_then_the_verified_original():
    english = f"""# Page

## Part

> ‘It was all puzzle pieces, really.’
>
> Original: {PUZZLE}
> — parent 3
"""
    found = voices.collect({"p.md": english}, "en")
    assert [(v.translation, v.text) for v in found] == [("‘It was all puzzle pieces, really.’", PUZZLE)]
    out = voices.render(found, "en")
    assert "> ‘It was all puzzle pieces, really.’\n>\n> Original: " + PUZZLE + "\n> — parent 3, §3.2" in out
    assert quotes.check_markdown(out, "docs/en/professionals/stemmen-van-ouders.md", 1, "en") == []
    assert "Used on: [Page › Part](../p.md#part)" in out


def test_no_quotes_says_so():
    assert voices.render([], "nl") == voices.TEXT["nl"]["none"]


def test_the_directive_takes_no_argument():
    from scripts.content import pipeline

    errors = pipeline.check_text("# Stemmen\n\n{{ stemmen: grip }}\n", "docs/nl/professionals/stemmen-van-ouders.md",
                                 pipeline.load_context())
    assert [str(e) for e in errors] == [
        "docs/nl/professionals/stemmen-van-ouders.md:3: '{{ stemmen }}' neemt geen argument (kreeg 'grip')"]


# --------------------------------------------------------------------------- the real handbook


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_parent_quote_of_the_handbook_is_on_the_page_once_linked_to_each_use(language):
    pages = voices.read_pages(DOCS / language, NAV)
    found = voices.collect(pages, language)
    out = voices.render(found, language)
    uses: set[tuple[str, str]] = set()
    for key, text in pages.items():
        for quote in quotes.verified_quotes(text, key, language):
            if quote.kind == "parent":
                uses.add((key, voices._key(quote.text)))
    # Every use of every parent quote belongs to exactly one entry, and every entry is used.
    listed = [(u.page, voices._key(v.text)) for v in found for u in v.uses]
    assert {(p, t) for p, t in listed} == uses
    assert len({voices._key(v.text) + str(v.parent) for v in found}) == len(found)
    shown = _blockquote_texts(out, language)
    assert sorted(shown) == sorted(v.text for v in found)
    # Each use link points to a page that exists, at a heading that page has.
    anchors = {key: {h.anchor for h in sources.scan_page(text, key).headings} for key, text in pages.items()}
    for target, fragment in re.findall(r"\]\(\.\./([^)#]+\.md)(?:#([^)]+))?\)", out):
        assert target in pages, target
        if fragment:
            assert fragment in anchors[target], f"{target}#{fragment}"


# --------------------------------------------------------------------------- the built site


def _text(markup: str) -> str:
    return quotes.normalize(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("<article"):page.index("</article>")]


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("language, prefix", [("nl", ""), ("en", "en/")])
def test_built_page_holds_every_quote_once_and_its_links_resolve(built_site, language, prefix):
    page_dir = built_site / prefix / "professionals" / "stemmen-van-ouders"
    article = _article(page_dir / "index.html")
    assert "{{" not in article
    found = voices.collect(voices.read_pages(DOCS / language, NAV), language)
    assert {v.parent for v in found} <= set(PARENTS)
    figures = re.findall(r'<figure class="quote quote--parent">(.*?)</figure>', article, re.S)
    # The Dutch words of each figure (English pages: the original under the translation).
    originals = [re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", f, re.S)[-1] for f in figures]
    assert Counter(voices._key(_text(o)) for o in originals) == Counter(voices._key(v.text) for v in found)
    if language == "en":
        translations = [re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", f, re.S)[0] for f in figures]
        assert Counter(_text(t) for t in translations) == Counter(quotes.normalize(v.translation) for v in found)
    # Each quote is followed by one link per use; each link opens a page that shows the quote.
    blocks = re.findall(r'<p class="voice-uses">(.*?)</p>', article, re.S)
    assert len(blocks) == len(found)
    in_page_order = [v for phases in voices.group(found).values() for chosen in phases.values() for v in chosen]
    for voice, block in zip(in_page_order, blocks):
        hrefs = re.findall(r'\shref="([^"]+)"', block)
        assert len(hrefs) == len(voice.uses)
        for href in hrefs:
            parts = urlsplit(href)
            target = (page_dir / parts.path).resolve() / "index.html"
            assert target.is_file(), href
            if parts.fragment:
                assert parts.fragment in _ids(target), href
            assert voices._key(voice.text) in _text(_article(target)), f"{href} does not show the quote"
    # Grouped headings with stable ids, and a table of contents that reaches them.
    ids = _ids(page_dir / "index.html")
    for dimension, phases in voices.group(found).items():
        assert dimension in ids
        for phase in phases:
            assert f"{dimension}-{phase}" in ids
            assert f'href="#{dimension}-{phase}"' in article


@pytest.mark.parametrize("language, prefix", [("nl", ""), ("en", "en/")])
def test_built_page_is_searchable(built_site, language, prefix):
    index = json.loads((built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith("professionals/stemmen-van-ouders/")]
    assert entries, "the page is not in the search index"
    found = voices.collect(voices.read_pages(DOCS / language, NAV), language)
    indexed = _text(" ".join(d["text"] for d in entries))
    if language == "nl":
        assert voices._key(found[0].text) in indexed
    else:
        # The English reader searches the translation; the Dutch original is left out of the
        # English index (data-search-exclude on its disclosure, scripts/content/quotes.py).
        assert voices._key(found[0].translation) in indexed
        assert voices._key(found[0].text) not in indexed
