"""The whole handbook as one printable PDF per language: cover, contents, every parent page,
the sources page, edition. Made after the site is built, from the built pages' article HTML
(our own markup, no Material chrome) with our own stylesheet, by WeasyPrint like the leaflets.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path

from markupsafe import Markup, escape

from scripts.content import leaflets
from scripts.content import parallel
from scripts.content.print_header import build_day
from scripts.content.routes import format_date

# The parents' chapters in reading order, then what a reader may want on paper too; the
# professionals' section, Folders, Privacy and Accessibility are about the site, not for parents.
PAGES = ("index.md", "signalen.md", "drie-dimensies.md", "wat-kun-je-doen.md", "veiligheid.md",
         "zorg-voor-jezelf.md", "samenwerken.md", "hulp-vinden.md", "veilig-bezoeken.md", "begrippen.md",
         "over.md", "bronverantwoording.md")
FILE = {"nl": "handboek.pdf", "en": "handbook.pdf"}
CSS = leaflets.TEMPLATES / "handbook.css"
CACHE = leaflets.ROOT / ".cache" / "handbook"
LABELS = {
    "nl": {"title": "Het hele handboek", "contents": "Inhoud", "edition": "Editie", "link": "Het hele handboek als één PDF",
           "intro": "Alle pagina's voor ouders, met de bronnen."},
    "en": {"title": "The whole handbook", "contents": "Contents", "edition": "Edition", "link": "The whole handbook as one PDF",
           "intro": "Every page for parents, with the sources."},
}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
PRINT_HEADER = re.compile(r'<div class="print-header".*?</div></div>', re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


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


def render_html(site_dir: Path, lang: str, base_url: str) -> str:
    labels = LABELS[lang]
    name = leaflets.site_names().get(lang, lang)
    sections, contents = [], []
    for number, page in enumerate(PAGES):
        content = article(built_page(site_dir, lang, page).read_text(encoding="utf-8"))
        title = re.sub(r"<[^>]+>", "", (H1.search(content) or [None, page])[1]).strip()
        anchor = f"hb-{number}"
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
</body></html>"""


def build(site_dir: Path, base_url: str) -> list[Path]:
    """Write folders/<lang>/<FILE> for every language; unchanged input is served from .cache/.
    Languages whose PDF must be drawn are drawn side by side."""
    written, to_draw = [], []
    for lang, filename in FILE.items():
        html = render_html(site_dir, lang, base_url)
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
