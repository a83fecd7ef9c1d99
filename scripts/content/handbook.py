"""The whole handbook as one printable PDF per language: cover, contents, every parent page,
the sources page, edition. Made after the site is built, from the built pages' article HTML
(our own markup, no Material chrome) with our own stylesheet, by WeasyPrint like the leaflets.

Its chapters are the nav's pages in the nav's order (issue 29): a new parent page is in it without
a second list. Left out: the professionals' pages (`audience`) and pages about the site itself
(front matter `handboek: false`). A link between chapters becomes a link inside the PDF, printed
with its page number; a link to a page outside the PDF gets its public address. No link may point
at the build machine's files.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path

from urllib.parse import urljoin, urlsplit

from markupsafe import Markup, escape

from scripts.content import leaflets
from scripts.content import parallel
from scripts.content import quotes
from scripts.content.print_header import build_day
from scripts.content.readability import page_audience
from scripts.content.routes import format_date
from scripts.content.source_lines import nav_order
from scripts.content.source_text import split_front_matter

# Front matter of a page that stays out of the PDF: it is about the website (Folders, Privacy…).
LEAVE_OUT = "handboek"
FILE = {"nl": "handboek.pdf", "en": "handbook.pdf"}
CSS = leaflets.TEMPLATES / "handbook.css"
CACHE = leaflets.ROOT / ".cache" / "handbook"
LABELS = {
    "nl": {"title": "Het hele handboek", "contents": "Inhoud", "edition": "Editie", "link": "Het hele handboek als één PDF",
           "intro": "Alle pagina's voor ouders, met de bronnen.", "original": "Nederlandse tekst",
           "originals": "De citaten in het Nederlands",
           "originals_intro": "Hier staan de woorden van ouders zoals het rapport ze geeft, in de volgorde van dit handboek."},
    "en": {"title": "The whole handbook", "contents": "Contents", "edition": "Edition", "link": "The whole handbook as one PDF",
           "intro": "Every page for parents, with the sources.", "original": "Dutch original",
           "originals": "The quotes in Dutch",
           "originals_intro": "Every quote in this handbook is translated from the report. Here are the parents' own "
                              "Dutch words, as the report gives them, in the order of this handbook."},
}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
PRINT_HEADER = re.compile(r'<div class="print-header".*?</div></div>', re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# Attributes that name an id of the same document, and those that hold an address.
ID_LISTS = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
LOCAL_URL = re.compile(r"url\(#([^)]+)\)")
ADDRESS = re.compile(r'\b((?:xlink:)?href)="([^"]*)"')
PRINT_HREF = re.compile(r'\sdata-print-href="[^"]*"')
KEPT_SCHEMES = ("https:", "http:", "tel:", "mailto:")
# A translated quote's Dutch original (scripts/content/quotes.py), folded away on the site and open
# on a printed page: in the PDF it moves to an appendix, its attribution with it.
ORIGINAL = re.compile(r'<details class="quote__disclosure">\s*<summary[^>]*>.*?</summary>\s*'
                      r'(<blockquote class="quote__original"[^>]*>.*?</blockquote>)\s*</details>\s*'
                      r'(<figcaption>.*?</figcaption>)', re.S)


def chapters(nav, docs: Path) -> list[str]:
    """The handbook's pages: the nav's, in its order, without the professionals' pages and the
    pages whose front matter (in `docs`, the default language) says `handboek: false`."""
    kept = []
    for page in nav_order(nav):
        meta, _, _ = split_front_matter((docs / page).read_text(encoding="utf-8"))
        if page_audience(meta, page) != "professionals" and meta.get(LEAVE_OUT, True) is not False:
            kept.append(page)
    return kept


def _anchor(chapter: int, fragment: str = "") -> str:
    return f"hb-{chapter}-{fragment}" if fragment else f"hb-{chapter}"


def cross_references(html: str, chapter: int, here: str, numbers: dict[str, int], site_url: str) -> str:
    """One chapter's article HTML made part of the PDF: its ids carry the chapter's prefix (two
    pages may use the same id); a link to a chapter (or to a place in it) points inside the PDF and
    loses its printed address; a link to any other page of the site gets its public address.
    `here` is the chapter's URL path (`/signalen/`), `numbers` every chapter's URL path → number."""

    def ids(match: re.Match) -> str:
        names = " ".join(_anchor(chapter, name) for name in match.group(2).split())
        return f'{match.group(1)}="{names}"'

    def address(match: re.Match) -> str:
        name, href = match.groups()
        if href.startswith(KEPT_SCHEMES):
            return match.group(0)
        if href.startswith("#"):
            return f'{name}="#{_anchor(chapter, href[1:])}"'
        target = urlsplit(urljoin("https://site" + here, href))
        if target.path in numbers:
            return f'{name}="#{_anchor(numbers[target.path], target.fragment)}"'
        public = urljoin(site_url, target.path.lstrip("/")) + (f"#{target.fragment}" if target.fragment else "")
        return f'{name}="{escape(public)}"'

    html = ID_LISTS.sub(ids, html)
    html = LOCAL_URL.sub(lambda m: f"url(#{_anchor(chapter, m.group(1))})", html)
    html = ADDRESS.sub(address, html)
    # An address printed after a link inside the PDF would send a reader to the website.
    return re.sub(r'<a\b[^>]*\bhref="#[^"]*"[^>]*>', lambda m: PRINT_HREF.sub("", m.group(0)), html)


def originals_apart(html: str, first: int, label: str) -> tuple[str, list[str]]:
    """A chapter's translated quotes without their Dutch originals in the running text (issue 32:
    the English PDF printed them all): each keeps a link to its original in the appendix, numbered
    from `first`. Returns the chapter and the appendix entries (original and attribution)."""
    entries: list[str] = []

    def apart(match: re.Match) -> str:
        anchor = f"hb-original-{first + len(entries)}"
        who = re.sub(r"</?figcaption>", "", match.group(2))
        for translated in (labels["translated"] for labels in quotes.LABELS.values()):
            who = who.replace(f" ({translated})", "")  # here it stands in its own words
        entries.append(f'<li id="{anchor}">{match.group(1)}<p class="hb-original__who">{who}</p></li>')
        return (f'{match.group(2)[:-len("</figcaption>")]} · '
                f'<a class="hb-original-link" href="#{anchor}">{escape(label)}</a></figcaption>')

    return ORIGINAL.sub(apart, html), entries


def built_page(site_dir: Path, lang: str, page: str) -> Path:
    url = leaflets.page_url("", lang, page)
    return site_dir / url / "index.html"


def article(html: str) -> str:
    """The page's own content from a built page: without the print-only header and scripts."""
    match = ARTICLE.search(html)
    if not match:
        raise ValueError("geen <article> in de gebouwde pagina")
    body = PRINT_HEADER.sub("", match.group(1))
    return re.sub(r"<script\b.*?</script>", "", body, flags=re.S)


def render_html(site_dir: Path, lang: str, base_url: str, pages: list[str]) -> str:
    labels = LABELS[lang]
    name = leaflets.site_names().get(lang, lang)
    sections, contents = [], []
    numbers = {leaflets.page_url("/", lang, page): number for number, page in enumerate(pages)}
    originals: list[str] = []
    for number, page in enumerate(pages):
        content = article(built_page(site_dir, lang, page).read_text(encoding="utf-8"))
        content = cross_references(content, number, leaflets.page_url("/", lang, page), numbers, base_url)
        content, moved = originals_apart(content, len(originals) + 1, labels["original"])
        originals += moved
        title = re.sub(r"<[^>]+>", "", (H1.search(content) or [None, page])[1]).strip()
        anchor = _anchor(number)
        contents.append(f'<li><a href="#{anchor}">{escape(title)}</a></li>')
        sections.append(f'<section class="hb-page" id="{anchor}">{content}</section>')
    urgent = leaflets.urgent_box(lang)
    day = build_day()
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(name)} — {escape(labels['title'])}</title>
<meta name="author" content="{escape(name)}">
<meta name="dcterms.created" content="{day.isoformat()}T00:00:00Z">
<meta name="dcterms.modified" content="{day.isoformat()}T00:00:00Z">
<link rel="stylesheet" href="handbook.css"></head>
<body>
<section class="cover">
  <p class="wordmark">{Markup(leaflets.WORDMARK)}<span>{escape(name)}</span></p>
  <h1 class="cover-title">{escape(labels['title'])}</h1>
  <p>{escape(labels['intro'])}</p>
  <div class="urgent">{urgent}</div>
  <p class="cover-foot">{escape(leaflets.LABELS[lang]['source'])}<br>
    <span class="nb">{escape(leaflets.display_address(leaflets.page_url(base_url, lang, 'index.md')))}</span> ·
    {escape(labels['edition'])} {escape(format_date(day, lang))}</p>
</section>
<nav class="contents"><h2>{escape(labels['contents'])}</h2><ol>{''.join(contents)}</ol></nav>
{''.join(sections)}
{appendix(originals, labels)}
</body></html>"""


def appendix(originals: list[str], labels: dict[str, str]) -> str:
    """The translated quotes' Dutch originals at the end (none for the Dutch handbook)."""
    if not originals:
        return ""
    return (f'<section class="hb-page hb-originals" id="hb-originals"><h1>{escape(labels["originals"])}</h1>'
            f'<p>{escape(labels["originals_intro"])}</p><ol>{"".join(originals)}</ol></section>')


def build(site_dir: Path, base_url: str, nav, docs: Path) -> list[Path]:
    """Write folders/<lang>/<FILE> for every language, with the chapters of `nav` (see `chapters`;
    `docs` is the default language's folder); unchanged input is served from .cache/.
    Languages whose PDF must be drawn are drawn side by side."""
    pages = chapters(nav, docs)
    written, to_draw = [], []
    for lang, filename in FILE.items():
        html = render_html(site_dir, lang, base_url, pages)
        digest = hashlib.sha256(html.encode() + CSS.read_bytes() + leaflets.package_versions().encode()).hexdigest()
        cached = CACHE / f"{lang}-{digest[:20]}.pdf"
        if not cached.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            for old in CACHE.glob(f"{lang}-*.pdf"):
                old.unlink()
            to_draw.append((html, leaflets.TEMPLATES, cached, digest[:32].encode()))
        target = site_dir / leaflets.OUTPUT_DIR / lang / filename
        written.append((cached, target))
    parallel.run_all(leaflets.draw_pdf, to_draw)
    for cached, target in written:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return [target for _, target in written]


def link(lang: str, page_url_path: str) -> str:
    """The `{{ handboek }}` line on the Folders page: a link that opens this language's PDF.
    Raw HTML: the PDF is made after the pages, so MkDocs cannot check it (tests do)."""
    start = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path)
    href = posixpath.relpath(f"{leaflets.OUTPUT_DIR}/{lang}/{FILE[lang]}", start or ".")
    return f'<a href="{escape(href)}" type="application/pdf">{escape(LABELS[lang]["link"])}</a> (PDF)'
