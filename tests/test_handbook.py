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
    for page in handbook.PAGES:
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
