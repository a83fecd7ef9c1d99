"""The whole handbook as one PDF per language: made with the build, linked from the Folders page."""
from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from scripts.content import handbook
from scripts.content import leaflets
from scripts.content import pdf_metrics
from scripts.content import routes
from scripts.content import source_lines
from scripts.tools.site_build import ROOT

SITE = "https://naastjekind.example/"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def test_article_keeps_the_content_and_drops_print_header_and_scripts():
    html = ('<html><article class="md-content__inner md-typeset"><div class="print-header" aria-hidden="true">'
            '<p>x</p><div class="spoednummers"><p>112</p></div></div><h1>Titel</h1><p>Tekst</p>'
            '<script>alert(1)</script></article></html>')
    assert handbook.article(html) == "<h1>Titel</h1><p>Tekst</p>"
    with pytest.raises(ValueError):
        handbook.article("<html></html>")


@pytest.mark.parametrize("lang, page, expected", [
    ("nl", "folders/", "nl/handboek.pdf"), ("en", "en/folders/", "../../folders/en/handbook.pdf")])
def test_link_is_relative_to_the_page(lang, page, expected):
    assert f'href="{expected}"' in handbook.link(lang, page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_handbook_pdf_has_cover_contents_every_page_and_sources(built_site, lang):
    pdf = built_site / leaflets.OUTPUT_DIR / lang / handbook.FILE[lang]
    assert pdf.is_file()
    reader = PdfReader(str(pdf))
    pages = [_normal(text) for text in pdf_metrics.page_texts(pdf)]
    assert len(pages) == len(reader.pages)
    cover = pages[0]
    assert _normal(handbook.LABELS[lang]["title"]) in cover
    assert _normal(leaflets.LABELS[lang]["edition"]) in cover
    for number in [p.display for r in routes.load().routes.values() if r.urgent for p in r.phones]:
        assert number in cover, number
    assert _normal(handbook.LABELS[lang]["contents"]) in pages[1]
    text = " ".join(pages)
    for page in handbook.chapters(leaflets._mkdocs_config()["nav"], ROOT / "docs" / "nl"):
        title = re.search(r"<h1[^>]*>(.*?)</h1>",
                          handbook.built_page(built_site, lang, page).read_text(encoding="utf-8"), re.S)
        assert _normal(re.sub(r"<[^>]+>", "", title.group(1))) in text, page
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang, page", [("nl", "folders/index.html"), ("en", "en/folders/index.html")])
def test_folders_page_links_the_handbook(built_site, lang, page):
    html_path = built_site / page
    hrefs = re.findall(r'<a href="([^"]+)" type="application/pdf"[^>]*>' + re.escape(handbook.LABELS[lang]["link"]),
                       html_path.read_text(encoding="utf-8"))
    assert len(hrefs) == 1
    assert (html_path.parent / hrefs[0]).resolve() == (built_site / leaflets.OUTPUT_DIR / lang / handbook.FILE[lang])


def test_chapters_are_the_navs_pages_without_the_professionals_and_the_site_pages(tmp_path):
    """A new parent page in the nav is in the PDF without a second list (issue 29)."""
    pages = {"index.md": "# Thuis", "nieuw.md": "# Nieuw voor ouders", "folders.md": "---\nhandboek: false\n---\n# F",
             "professionals/index.md": "# Voor professionals", "over.md": "---\naudience: meta\n---\n# Over",
             "ouders-alsnog.md": "---\nhandboek: true\n---\n# Ook"}
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    nav = [{"Home": "index.md"}, {"Nieuw": "nieuw.md"}, {"Folders": "folders.md"},
           {"Voor professionals": [{"Voor professionals": "professionals/index.md"}]},
           {"Over": [{"Over": "over.md"}, {"Ook": "ouders-alsnog.md"}]}]
    assert handbook.chapters(nav, tmp_path) == ["index.md", "nieuw.md", "over.md", "ouders-alsnog.md"]


def test_every_page_of_the_nav_for_parents_is_a_chapter():
    nav = leaflets._mkdocs_config()["nav"]
    chapters = handbook.chapters(nav, ROOT / "docs" / "nl")
    assert "kind-weg.md" in chapters  # second in the menu, once left out of a hand-kept list
    assert chapters == [page for page in chapters if not page.startswith("professionals/")]


NUMBERS = {"/": 0, "/signalen/": 1, "/bronverantwoording/": 2}


@pytest.mark.parametrize("given, expected", [
    ('<a href="../bronverantwoording/#par-3-2" data-print-href="https://x/b/#par-3-2">§3.2</a>',
     '<a href="#hb-2-par-3-2">§3.2</a>'),
    ('<a href="../">Home</a>', '<a href="#hb-0">Home</a>'),
    ('<a href="#angst">Angst</a>', '<a href="#hb-1-angst">Angst</a>'),
    ('<h2 id="angst">Angst</h2>', '<h2 id="hb-1-angst">Angst</h2>'),
    ('<a href="../folders/" data-print-href="https://naastjekind.example/folders/">F</a>',
     '<a href="https://naastjekind.example/folders/" data-print-href="https://naastjekind.example/folders/">F</a>'),
    ('<a href="../folders/nl/signalen.pdf">PDF</a>', '<a href="https://naastjekind.example/folders/nl/signalen.pdf">PDF</a>'),
    ('<a href="https://www.veiligthuis.nl">v</a><a href="tel:112">112</a><a href="mailto:a@b.nl">m</a>',
     '<a href="https://www.veiligthuis.nl">v</a><a href="tel:112">112</a><a href="mailto:a@b.nl">m</a>'),
    ('<svg aria-labelledby="t d"><title id="t">T</title><path marker-end="url(#pijl)"/></svg>',
     '<svg aria-labelledby="hb-1-t hb-1-d"><title id="hb-1-t">T</title><path marker-end="url(#hb-1-pijl)"/></svg>'),
])
def test_cross_references_point_inside_the_pdf_or_to_the_public_site(given, expected):
    assert handbook.cross_references(given, 1, "/signalen/", NUMBERS, SITE) == expected


def link_targets(pdf) -> dict[str, list[str]]:
    """Every link annotation of a PDF by kind: its URI's scheme, or `internal` for a named
    destination inside the document (checked to exist), or `broken` for one that does not."""
    reader = PdfReader(str(pdf))
    named = set(reader.named_destinations)
    kinds: dict[str, list[str]] = {}
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uri = str(action["/URI"])
                kinds.setdefault(uri.split(":")[0] + ":", []).append(uri)
                continue
            destination = annotation.get("/Dest") or (action or {}).get("/D")
            name = str(destination) if isinstance(destination, str) or hasattr(destination, "encode") else None
            kinds.setdefault("internal" if name is None or name in named else "broken", []).append(str(destination))
    return kinds


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_link_in_the_handbook_is_public_or_inside_it(built_site, lang):
    """No link to the build machine's files (there were ~1,900 file:///…/leaflets/templates/ links);
    cross-references between chapters are links inside the PDF, and each leads somewhere."""
    kinds = link_targets(built_site / leaflets.OUTPUT_DIR / lang / handbook.FILE[lang])
    assert set(kinds) <= {"https:", "tel:", "mailto:", "internal"}, {k: v[:3] for k, v in kinds.items()}
    assert len(kinds.get("internal", [])) > 100, "the chapters' links to each other (the § lines alone are hundreds)"


def test_originals_move_to_the_appendix_with_their_attribution():
    chapter = ('<figure class="quote"><blockquote lang="en"><p>‘It was a film.’</p></blockquote>'
               '<details class="quote__disclosure">\n<summary class="quote__label">Original (Dutch)</summary>\n'
               '<blockquote class="quote__original" lang="nl"><p>‘Het was een film.’</p></blockquote>\n</details>\n'
               '<figcaption>parent 3 — <a href="#hb-9">Ouders aan het woord</a>, §3.4 (translated from Dutch)</figcaption>'
               '</figure>')
    html, entries = handbook.originals_apart(chapter, 7, "Dutch original")
    assert "quote__original" not in html and "‘Het was een film.’" not in html
    assert html.endswith('(translated from Dutch) · <a class="hb-original-link" href="#hb-original-7">Dutch original</a>'
                         '</figcaption></figure>')
    assert entries == ['<li id="hb-original-7"><blockquote class="quote__original" lang="nl"><p>‘Het was een film.’</p>'
                       '</blockquote><p class="hb-original__who">parent 3 — <a href="#hb-9">Ouders aan het woord</a>, '
                       '§3.4</p></li>']
    assert handbook.originals_apart("<p>Geen citaat.</p>", 1, "x") == ("<p>Geen citaat.</p>", [])


def test_the_english_pdf_keeps_the_dutch_originals_out_of_its_running_text(built_site):
    """Issue 32: the English handbook printed every quote's Dutch original and every section's
    Dutch report excerpt in its running text. The originals stand in an appendix; a section's
    sources are one plain line (in both languages)."""
    pages = [_normal(text) for text in pdf_metrics.page_texts(built_site / leaflets.OUTPUT_DIR / "en" / handbook.FILE["en"])]
    start = next(i for i, text in enumerate(pages) if text.startswith(_normal(handbook.LABELS["en"]["originals"])))
    originals = []
    for page in handbook.chapters(leaflets._mkdocs_config()["nav"], ROOT / "docs" / "nl"):
        html = handbook.built_page(built_site, "en", page).read_text(encoding="utf-8")
        originals += [_normal(re.sub(r"<[^>]+>", "", o))[:40] for o in
                      re.findall(r'<blockquote class="quote__original"[^>]*>(.*?)</blockquote>', html, re.S)]
    assert len(originals) > 20
    running, back = " ".join(pages[:start]), " ".join(pages[start:])
    assert [o for o in originals if o in running] == []
    assert [o for o in originals if o not in back] == []
    for lang in ("nl", "en"):
        text = " ".join(pdf_metrics.page_texts(built_site / leaflets.OUTPUT_DIR / lang / handbook.FILE[lang]))
        before, after = source_lines.TEXT[lang]["says"].split("{section}")
        excerpt = re.compile(re.escape(before) + r"§[\d.]+" + re.escape(after[:12]))
        assert not excerpt.search(text), f"{lang}: a report excerpt in the running text"
