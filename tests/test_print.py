"""Printing a page from the browser: A4, no site chrome, links with their public address."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from scripts.content import pdf_metrics
from scripts.postbuild.print_links import annotate, print_href

ROOT = Path(__file__).resolve().parents[1]
PAGE = "https://naastjekind.nl/veiligheid/"


# ---------------------------------------------------------------------------------------------
# print_links: which address a link prints
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("href, expected", [
    ("../begrippen/", "https://naastjekind.nl/begrippen/"),
    ("../bronverantwoording/#par-3-3", "https://naastjekind.nl/bronverantwoording/#par-3-3"),
    ("../en/safety/", "https://naastjekind.nl/en/safety/"),
    ("https://www.veiligthuis.nl", "https://www.veiligthuis.nl"),
    ("#bedreiging-komt-vaak-voor", None),  # same page: nothing to look up
    ("tel:+318002000", None),  # the link text is the number already
    ("mailto:info@example.org", None),
    ("", None),
])
def test_print_href(href, expected):
    assert print_href(href, PAGE) == expected


def test_annotate_adds_the_public_address_and_keeps_the_tag():
    html = ('<p><a href="../begrippen/" title="Begrippen">Begrippen</a> en '
            '<a class="route-tel" href="tel:112">112</a> en <a href="#x">hier</a></p>')
    out = annotate(html, PAGE)
    assert '<a href="../begrippen/" title="Begrippen" data-print-href="https://naastjekind.nl/begrippen/">' in out
    assert '<a class="route-tel" href="tel:112">' in out
    assert '<a href="#x">' in out
    assert annotate(out, PAGE) == out  # idempotent: static-i18n may render a page twice


def test_annotate_escapes_the_address():
    out = annotate('<a href="../zoek/?q=a&amp;b=c">x</a>', PAGE)
    assert 'data-print-href="https://naastjekind.nl/zoek/?q=a&amp;b=c"' in out


def test_print_stylesheet_is_registered_and_covers_the_brief():
    assert "  - assets/print.css\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    css = (ROOT / "docs" / "assets" / "print.css").read_text(encoding="utf-8")
    for rule in ("size: A4", "counter(page)", ".quick-exit", ".md-header", ".md-sidebar", ".md-footer",
                 ".md-top", ".md-search", "attr(data-print-href)", "::details-content",
                 "break-after: avoid", "break-inside: avoid", "--diagram-down: #000"):
        assert rule in css, rule


# ---------------------------------------------------------------------------------------------
# Chromium prints a built page: what is on paper
# ---------------------------------------------------------------------------------------------

def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def _print_in_chromium(url: str, pdf: Path) -> dict:
    """Open the page in Debian's Chromium, note what the DOM shows, and print it to `pdf`."""
    from playwright.sync_api import sync_playwright

    from scripts.tools.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url)
        # A collapsed block, as writers make with ??? (pymdownx.details): paper must show it.
        page.evaluate("""() => {
            const d = document.createElement('details');
            d.innerHTML = '<summary>Meer lezen</summary><p>Verborgen alinea voor de printtest.</p>';
            document.querySelector('.md-content article').append(d);
        }""")
        dom = page.evaluate("""() => {
            const text = sel => [...document.querySelectorAll(sel)].map(e => e.innerText).join('\\n');
            return {
                chrome: text('.md-header, .md-tabs, .md-sidebar--primary, .md-footer, .quick-exit, .md-search'),
                content: text('.md-content'),
                h: [...document.querySelectorAll('.md-content h1, .md-content h2')].map(e => e.innerText),
                quickExit: document.querySelectorAll('.quick-exit').length,
                quotes: [...document.querySelectorAll('.md-content blockquote')].map(e => e.innerText),
            };
        }""")
        page.emulate_media(media="print")
        dom["print_styles"] = page.evaluate("""() => {
            const style = e => { const s = getComputedStyle(e);
                return {text: e.innerText.slice(0, 40), color: s.color, size: parseFloat(s.fontSize),
                        weight: parseInt(s.fontWeight), background: s.backgroundColor}; };
            // What paper shows: a source line's collapsed screen form is hidden there.
            const all = sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).map(style);
            return {
                quotes: all('.md-content blockquote'),
                small: all('.md-content figure.quote figcaption, .md-content .quote__label, .md-content .bron'),
                headings: all('.md-content h1, .md-content h2, .md-content h3'),
                header: all('.print-header'),
            };
        }""")
        dom["printed_links"] = page.evaluate("""() =>
            [...document.querySelectorAll('.md-content a[data-print-href]')].map(a => ({
                href: a.dataset.printHref,
                shown: getComputedStyle(a, '::after').content !== 'none',
                sourceLine: !!a.closest('.bron, figure.quote figcaption'),
            }))""")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
        # A reader whose phone or laptop is in dark mode prints too: paper stays black on white.
        dark = browser.new_context(color_scheme="dark").new_page()
        dark.goto(url)
        dark.emulate_media(media="print", color_scheme="dark")
        dom["dark"] = dark.evaluate("""() => {
            const style = sel => getComputedStyle(document.querySelector(sel));
            return {
                scheme: document.body.dataset.mdColorScheme,
                canvas: getComputedStyle(document.documentElement).colorScheme,
                background: [style('html').backgroundColor, style('body').backgroundColor],
                text: [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, .md-content p')]
                    .map(e => getComputedStyle(e).color),
            };
        }""")
        browser.close()
    return dom


@pytest.fixture(scope="module")
def printed(built_site, tmp_path_factory):
    """The Veiligheid page printed to PDF by Debian's Chromium, plus what the DOM says it shows."""
    pytest.importorskip("playwright.sync_api")
    from pypdf import PdfReader

    pdf = tmp_path_factory.mktemp("print") / "veiligheid.pdf"
    dom = _served_in_own_thread(built_site, "/veiligheid/", _print_in_chromium, pdf)
    reader = PdfReader(str(pdf))
    pages = [page.extract_text() for page in reader.pages]
    return {"dom": dom, "text": "\n".join(pages), "pages": pages, "reader": reader, "path": pdf}


def test_printed_page_is_a4(printed):
    for page in printed["reader"].pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)


def test_printed_page_keeps_every_heading(printed):
    text = _normal(printed["text"])
    assert printed["dom"]["h"], "no headings found in the page"
    for heading in printed["dom"]["h"]:
        assert _normal(heading) in text, heading


def test_printed_page_has_no_site_chrome(printed):
    dom = printed["dom"]
    assert dom["quickExit"] > 0, "the quick exit is on the page (else this test proves nothing about it)"
    content = _normal(dom["content"])
    # Lines of the header, navigation, footer, search and quick exit that the content itself
    # does not also contain (a nav item "Veiligheid" is also the page's H1).
    chrome = {_normal(line) for line in dom["chrome"].splitlines()}
    chrome = {line for line in chrome if len(line) > 3 and line not in content}
    chrome.discard("naast je kind")  # the print-only header names the site on purpose
    assert chrome, "no chrome text found: selectors out of date?"
    text = _normal(printed["text"])
    leaked = sorted(line for line in chrome if line in text)
    assert leaked == [], f"site chrome printed: {leaked}"


def test_printed_links_show_their_public_address(printed):
    links = printed["dom"]["printed_links"]
    assert any(link["href"].startswith("https://naastjekind.nl/") and link["shown"] for link in links), links
    # Every link prints its address, except in source lines and quote attributions, which
    # already name the report section in their text.
    assert [link for link in links if not link["shown"] and not link["sourceLine"]] == []
    squeezed = re.sub(r"\s+", "", printed["text"])
    for link in links:
        if link["shown"]:
            assert link["href"] in squeezed, link["href"]


def test_printout_says_where_it_comes_from(printed, built_site):
    """The print-only header on page 1: site name, page title, public address, date, urgent numbers."""
    from scripts.content import routes

    header = printed["dom"]["print_styles"]["header"]
    assert header and header[0]["color"] == "rgb(0, 0, 0)"
    first = _normal(printed["pages"][0])
    assert "naast je kind" in first and "veiligheid" in first
    assert "https://naastjekind.nl/veiligheid/" in re.sub(r"\s+", "", printed["pages"][0])
    assert re.search(r"versie van \d{1,2} \w+ \d{4}", first)
    for number in [p.display for r in routes.load().routes.values() if r.urgent for p in r.phones]:
        assert number in first, number
    # Hidden on screen: no header text in the page as a reader sees it.
    assert "versie van" not in _normal(printed["dom"]["content"])


def test_quotes_attributions_and_sources_print_black_and_large_enough(printed):
    styles = printed["dom"]["print_styles"]
    assert styles["quotes"] and styles["small"], "the page has quotes and source lines (else this proves nothing)"
    for item in styles["quotes"] + styles["small"]:
        assert item["color"] == "rgb(0, 0, 0)", item
        assert item["size"] >= 13.3, item  # 10pt = 13.33 CSS px
    for item in styles["quotes"]:
        assert item["background"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), item
    for item in styles["headings"]:
        assert item["weight"] >= 700, item


def test_printed_pdf_has_no_type_below_10pt_and_bold_headings(printed, tmp_path):
    """In Chromium's PDF itself: the smallest type, and the headings set in a bold font."""
    sizes = pdf_metrics.font_sizes(printed["path"])
    assert min(sizes) >= 9.95, sorted(sizes)[:5]
    bold: list[str] = []

    def visit(text, cm, tm, font_dict, font_size):
        if font_dict and "bold" in str(font_dict.get("/BaseFont", "")).lower():
            bold.append(text)

    for page in printed["reader"].pages:
        page.extract_text(visitor_text=visit)
    bold_text = _normal(" ".join(bold))
    for heading in printed["dom"]["h"]:
        assert _normal(heading) in bold_text, heading


def test_printed_page_opens_collapsed_content(printed):
    assert "verborgen alinea voor de printtest" in _normal(printed["text"])


def test_printed_page_is_numbered(printed):
    pages = len(printed["reader"].pages)
    assert f"1 / {pages}" in printed["reader"].pages[0].extract_text()


def test_no_heading_or_source_line_ends_a_page(printed):
    headings = {_normal(h) for h in printed["dom"]["h"]}
    for number, page in enumerate(printed["pages"][:-1], start=1):
        lines = [_normal(line) for line in page.splitlines() if line.strip()]
        last = lines[-1]
        assert last not in headings and not last.startswith(("bron:", "bronnen:")), (number, last)


def test_quotes_are_not_split_over_pages(printed):
    assert printed["dom"]["quotes"], "the page has quotes (else this test proves nothing)"
    pages = [_normal(page) for page in printed["pages"]]
    for quote in printed["dom"]["quotes"]:
        assert any(_normal(quote) in page for page in pages), quote[:60]


def _rgb(color: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", color)[:3])


def test_dark_mode_prints_black_on_white(printed):
    dark = printed["dom"]["dark"]
    assert dark["scheme"] == "slate", "the page did not switch to its dark palette"
    assert "dark" not in dark["canvas"], "dark color-scheme paints the page margins black"
    assert dark["background"] == ["rgb(255, 255, 255)"] * 2, dark["background"]
    assert dark["text"]
    for color in dark["text"]:
        assert max(_rgb(color)) <= 80, color  # dark grey at most


def _plain_print(url: str, pdf: Path) -> None:
    from playwright.sync_api import sync_playwright

    from scripts.tools.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url)
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        browser.close()


def _served_in_own_thread(site, path: str, run, pdf):
    """Serve the site on 127.0.0.1 and run `run(url, pdf)` in its own thread: the browser tests'
    session-wide Playwright keeps an event loop in this one, and the sync API refuses to start
    inside a running loop."""
    from concurrent.futures import ThreadPoolExecutor

    from scripts.tools import static_server

    server = static_server.start(site)
    try:
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(run, f"http://127.0.0.1:{server.server_address[1]}{path}", pdf).result()
    finally:
        server.shutdown()


def test_diagrams_print_as_black_vectors(built_site, tmp_path):
    """The two circles of De drie dimensies: real text and lines on paper, not a blurry picture."""
    from pypdf import PdfReader

    html = (built_site / "drie-dimensies" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<text class="diagram__name"[^>]*>([^<]+)</text>', html)
    assert labels, "no diagram on the page (else this test proves nothing)"
    pdf = tmp_path / "drie-dimensies.pdf"
    _served_in_own_thread(built_site, "/drie-dimensies/", _plain_print, pdf)
    reader = PdfReader(str(pdf))
    assert [len(page.images) for page in reader.pages] == [0] * len(reader.pages), "a diagram was rasterised"
    text = _normal(" ".join(page.extract_text() for page in reader.pages))
    for label in labels:
        assert _normal(label) in text, label


def _screen_and_print(url: str, pdf: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from scripts.tools.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url)
        screen = page.evaluate("""() => [...document.querySelectorAll('details.quote__disclosure')].map(d => ({
            open: d.open, shown: d.querySelector('.quote__original').checkVisibility(),
            summary: d.querySelector('summary').innerText}))""")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        browser.close()
    return {"screen": screen}


def test_english_quote_original_is_closed_on_screen_and_printed_on_paper(built_site, tmp_path):
    """Issue 16: the Dutch original sits in a disclosure a reader without Dutch can skip; paper shows it."""
    from pypdf import PdfReader

    html = (built_site / "en" / "veiligheid" / "index.html").read_text(encoding="utf-8")
    originals = re.findall(r'<blockquote class="quote__original" lang="nl"><p>(.*?)</p>', html)
    assert originals, "no quote with a Dutch original on the page (else this test proves nothing)"
    pdf = tmp_path / "en-veiligheid.pdf"
    seen = _served_in_own_thread(built_site, "/en/veiligheid/", _screen_and_print, pdf)
    assert seen["screen"] and all(not d["open"] and not d["shown"] for d in seen["screen"]), seen
    assert {d["summary"] for d in seen["screen"]} == {"Original (Dutch)"}
    text = _normal(" ".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    first_words = _normal(re.sub(r"<[^>]+>", "", originals[0]))[:40].strip("‘' ")
    assert first_words[:30] in text, (first_words, text[:500])
