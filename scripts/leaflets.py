"""Printable A4 leaflets: every `leaflets/<lang>/*.md` becomes a tagged PDF in `site/folders/<lang>/`.

A leaflet is written for paper (not a copy of the web page) and rendered by WeasyPrint through
one shared Jinja template with our own CSS; leaflets/README.md says why. Built PDFs are cached
per source and per version of the shared inputs, so `mkdocs serve`, the second language build
and an edit to one leaflet cost (almost) nothing. `python scripts/leaflets.py` builds them alone.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import posixpath
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Sequence

if __package__ in (None, ""):  # run as `python scripts/leaflets.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.directives import Directive, expand, leftovers
from scripts import quotes, sources
from scripts.routes import format_date
from scripts.errors import ContentError, ContentErrors
from scripts.source_text import display_path, read_text

ROOT = Path(__file__).resolve().parents[1]
LEAFLETS = ROOT / "leaflets"
TEMPLATES = LEAFLETS / "templates"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
CACHE = Path(tempfile.gettempdir()) / "naastjekind-leaflets"
# What every PDF is made from besides its own source: a change here rebuilds all leaflets.
SHARED_INPUTS = (TEMPLATES, ROOT / "data", ROOT / "sources", ROOT / "scripts" / "leaflets.py",
                 ROOT / "scripts" / "routes.py", ROOT / "scripts" / "quotes.py", MKDOCS_YML)
OUTPUT_DIR = "folders"
MAX_PAGES = 2
H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")

# Words the template prints around the text, per language.
LABELS = {
    "nl": {
        "source": "Gebaseerd op Ouders aan het woord, Fier en CKM, 2021",
        "bron": "Bron",
        "report": "Ouders aan het woord",
        "edition": "Editie",
        "online": "Lees verder in het handboek",
        "qr_alt": "QR-code naar",
        "urgent": "Direct hulp nodig?",
        "folder": "Folder",
        "belongs": "Hoort bij",
        "pages": "Pagina's",
        "size": "Grootte",
        "pdf": "PDF",
    },
    "en": {
        "source": "Based on Ouders aan het woord, Fier and CKM, 2021",
        "bron": "Source",
        "report": "Ouders aan het woord",
        "edition": "Edition",
        "online": "Read more in the handbook",
        "qr_alt": "QR code to",
        "urgent": "Need help now?",
        "folder": "Leaflet",
        "belongs": "Belongs to",
        "pages": "Pages",
        "size": "Size",
        "pdf": "PDF",
    },
}


@dataclass(frozen=True)
class Leaflet:
    """One leaflet source, read and checked: what the template needs besides the body."""

    source: str  # e.g. leaflets/nl/signalen.md
    lang: str
    slug: str
    title: str
    page: str  # the handbook page it belongs to, relative to docs/<lang>/
    url: str  # that page's public address
    h2s: tuple[str, ...]
    body: str  # Markdown after the front matter
    body_line: int  # line number of the body's first line in the source
    form: tuple[str, ...] = ()  # column headings of a write-in table (the notebook)
    form_rows: int = 0


@dataclass(frozen=True)
class BuiltLeaflet:
    """A leaflet as built: where its PDF is (relative to folders/) and what the Folders page lists."""

    source: str
    lang: str
    slug: str
    title: str
    page: str
    url: str
    h2s: tuple[str, ...]
    pages: int
    size: int
    pdf: str  # e.g. nl/signalen.pdf

    @property
    def site_path(self) -> str:
        return f"{OUTPUT_DIR}/{self.pdf}"


# ---------------------------------------------------------------------------------------------
# Configuration: site name and public address come from mkdocs.yml (SITE_URL overrides it)
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _mkdocs_config() -> dict:
    from mkdocs.utils.yaml import yaml_load  # understands the !ENV tag mkdocs.yml uses

    with MKDOCS_YML.open(encoding="utf-8") as f:
        return yaml_load(f)


def site_url() -> str:
    """The public root address, always ending in `/`."""
    url = os.environ.get("SITE_URL") or _mkdocs_config().get("site_url") or ""
    if not url:
        raise ContentError(str(MKDOCS_YML.relative_to(ROOT)), 1, "site_url ontbreekt")
    return url if url.endswith("/") else url + "/"


def site_names() -> dict[str, str]:
    """Site name per language, from the i18n plugin's language list."""
    names = {}
    for plugin in _mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                names[language["locale"]] = language.get("site_name") or _mkdocs_config()["site_name"]
    return names


def default_language() -> str:
    for plugin in _mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                if language.get("default"):
                    return language["locale"]
    return "nl"


def page_url(base: str, lang: str, page: str) -> str:
    """Public address of docs/<lang>/<page> with directory URLs (`signalen.md` -> `…/signalen/`)."""
    path = page[:-3] if page.endswith(".md") else page
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    prefix = "" if lang == default_language() else f"{lang}/"
    return base + prefix + path


def edition_date() -> date:
    """Today, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


# ---------------------------------------------------------------------------------------------
# Reading a leaflet source
# ---------------------------------------------------------------------------------------------

def discover(root: Path = LEAFLETS) -> list[Path]:
    """Every leaflet source: any Markdown file in a language folder."""
    return sorted(p for lang in LABELS for p in (root / lang).glob("*.md"))


def h2_titles(markdown: str) -> tuple[str, ...]:
    return tuple(m.group(1) for line in markdown.splitlines() if (m := H2.match(line)))


def load(path: Path, base_url: str) -> Leaflet:
    """Read and check one source; every problem is reported with its line."""
    from mkdocs.utils.meta import get_data

    rel = display_path(path, ROOT)
    text = read_text(path, rel)
    body, meta = get_data(text)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    errors: list[ContentError] = []
    folder_lang = path.parent.name
    for key in ("title", "page", "lang"):
        if not meta.get(key):
            errors.append(ContentError(rel, 1, f"front matter mist '{key}'"))
    lang = str(meta.get("lang") or folder_lang)
    if lang != folder_lang:
        errors.append(ContentError(rel, 1, f"lang '{lang}' past niet bij map leaflets/{folder_lang}/"))
    page = str(meta.get("page") or "")
    if page and not (DOCS / folder_lang / page).is_file():
        errors.append(ContentError(rel, 1, f"page '{page}' bestaat niet in docs/{folder_lang}/"))
    form = tuple(str(c) for c in meta.get("form") or ())
    rows = int(meta.get("form_rows") or (10 if form else 0))
    errors += _content_checks(text, rel, folder_lang, path)
    if errors:
        raise ContentErrors(errors)
    return Leaflet(
        source=rel, lang=lang, slug=path.stem, title=str(meta["title"]), page=page,
        url=page_url(base_url, lang, page), h2s=h2_titles(body), body=body, body_line=body_line,
        form=form, form_rows=rows,
    )


def _content_checks(text: str, rel: str, lang: str, path: Path) -> list[ContentError]:
    """The pages' own checks (sources, quotes, numbers, directives, links…): scripts/pipeline.py."""
    from scripts import pipeline

    return pipeline.check_text(text, rel, pipeline.load_context(ROOT), kind="leaflet", lang=lang, file=path)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

def source_line(argument: str, lang: str) -> str:
    """`§3.2; Politie | https://…` -> `Bronnen: Ouders aan het woord, §3.2; Politie (https://…)`."""
    return sources.bron_text(sources.parse_bron(argument), lang)


def _route_handlers(lang: str) -> dict:
    """The routes feature's own renderers for its directives (numbers are never typed here)."""
    from scripts import routes

    return routes.handlers(routes.load(), lang)


def _markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "sane_lists"])


def urgent_box(lang: str) -> str:
    """The urgent-numbers box as HTML, rendered by the routes feature from data/routes.yml."""
    from scripts import routes

    return _markdown(routes.render_urgent(routes.load(), lang))


def body_html(leaflet: Leaflet) -> str:
    from markupsafe import escape

    def bron(d: Directive) -> str:
        return f'\n\n<p class="bron">{escape(source_line(d.argument, leaflet.lang))}</p>\n\n'

    handlers = {"bron": bron, "weglating": lambda d: "", **_route_handlers(leaflet.lang)}
    text = expand(leaflet.body, handlers, leaflet.source)
    # English quotes carry their Dutch only; the one translation comes from the register.
    text = quotes.with_translations(text, leaflet.lang, leaflet.source)
    left = leftovers(text, leaflet.source)
    if left:
        raise ContentErrors(left)
    return _markdown(text)


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined)
    return env.get_template("leaflet.html.j2")


def render_html(leaflet: Leaflet, edition: date) -> str:
    from markupsafe import Markup

    labels = LABELS[leaflet.lang]
    return _template().render(
        leaflet=leaflet, labels=labels, site_name=site_names().get(leaflet.lang, leaflet.lang),
        body=Markup(body_html(leaflet)), urgent=Markup(urgent_box(leaflet.lang)),
        qr=qr_data_uri(leaflet.url), edition=format_date(edition, leaflet.lang),
        display_url=re.sub(r"^https?://", "", leaflet.url),
    )


def write_pdf(leaflet: Leaflet, edition: date, target: Path) -> int:
    """Render one leaflet to a tagged PDF; returns its page count (more than MAX_PAGES is an error)."""
    from weasyprint import HTML

    document = HTML(string=render_html(leaflet, edition), base_url=str(TEMPLATES)).render()
    pages = len(document.pages)
    if pages > MAX_PAGES:
        raise ContentErrors([ContentError(
            leaflet.source, 1, f"folder is {pages} pagina's A4, maximaal {MAX_PAGES}: kort de tekst in")])
    target.parent.mkdir(parents=True, exist_ok=True)
    # pdf/ua-1: tagged structure, document language and title, so screen readers and search work.
    document.write_pdf(target, pdf_variant="pdf/ua-1")
    return pages


# ---------------------------------------------------------------------------------------------
# Building all leaflets (cached)
# ---------------------------------------------------------------------------------------------

def _digest(paths, *extra: str) -> str:
    digest = hashlib.sha256("|".join(extra).encode())
    for item in paths:
        files = sorted(item.rglob("*")) if item.is_dir() else [item]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                digest.update(display_path(f, ROOT).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:20]


def build_all(out_dir: Path | None = None, base_url: str | None = None, edition: date | None = None,
              use_cache: bool = True) -> list[BuiltLeaflet]:
    """Build every leaflet (reusing cached ones), copy the PDFs to out_dir/<lang>/ when given.

    The cache has one folder per version of the shared inputs (template, data, report, code,
    site URL, edition date) and in it one entry per version of each leaflet source, so editing
    one leaflet rebuilds only that one. Raises ContentErrors listing every problem of every leaflet.
    """
    base_url = base_url or site_url()
    edition = edition or edition_date()
    shared = _ensure(CACHE / _digest(SHARED_INPUTS, base_url, edition.isoformat()))
    os.utime(shared)  # most recently used: pruning keeps it
    built: list[BuiltLeaflet] = []
    errors: list[ContentError] = []
    for path in discover():
        # A leaflet's entry also depends on which handbook pages exist (its `page` must).
        pages = "|".join(sorted(p.name for p in (DOCS / path.parent.name).rglob("*.md")))
        entry = shared / path.parent.name / f"{path.stem}-{_digest([path], pages)}"
        fresh = not (use_cache and (entry / "leaflet.json").is_file())
        for attempt in range(2):
            if fresh:
                problems = _build_one(path, base_url, edition, entry)
                if problems:
                    errors += [ContentError(*e) for e in problems]
                    break
            try:
                item = json.loads((entry / "leaflet.json").read_text(encoding="utf-8"))
                leaflet = BuiltLeaflet(**{**item, "h2s": tuple(item["h2s"])})
                if out_dir is not None:
                    target = Path(out_dir) / leaflet.pdf
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(entry / "leaflet.pdf", target)
            except FileNotFoundError:  # another build pruned the shared cache meanwhile: build it here
                fresh = True
                continue
            built.append(leaflet)
            break
        else:
            errors.append(ContentError(str(path), 1, "folder kon niet worden bewaard: de cache verdween tweemaal"))
        _prune_versions(entry)
    if errors:
        raise ContentErrors(errors)
    _prune_shared()
    return built


def _build_one(path: Path, base_url: str, edition: date, entry: Path) -> list[tuple]:
    """Build one leaflet into its cache entry; returns its problems (as ContentError arguments)."""
    staging = Path(tempfile.mkdtemp(prefix="leaflets-", dir=_ensure(CACHE)))
    try:
        leaflet = load(path, base_url)
        pages = write_pdf(leaflet, edition, staging / "leaflet.pdf")
    except ContentErrors as problem:
        shutil.rmtree(staging, ignore_errors=True)
        return [(e.path, e.line, e.reason) for e in problem.errors]
    except ContentError as e:
        shutil.rmtree(staging, ignore_errors=True)
        return [(e.path, e.line, e.reason)]
    item = BuiltLeaflet(
        source=leaflet.source, lang=leaflet.lang, slug=leaflet.slug, title=leaflet.title,
        page=leaflet.page, url=leaflet.url, h2s=leaflet.h2s, pages=pages,
        size=(staging / "leaflet.pdf").stat().st_size, pdf=f"{leaflet.lang}/{leaflet.slug}.pdf")
    (staging / "leaflet.json").write_text(json.dumps(asdict(item), indent=1), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)  # use_cache=False, or a half-written entry
    entry.parent.mkdir(parents=True, exist_ok=True)
    try:
        staging.rename(entry)
    except OSError:  # a parallel build (another test run) wrote the same entry first
        shutil.rmtree(staging, ignore_errors=True)
    return []


def _prune_versions(entry: Path) -> None:
    """Older versions of this leaflet in the same cache folder are never used again."""
    stem = entry.name.rsplit("-", 1)[0]
    for old in entry.parent.glob(f"{stem}-*"):
        if old != entry and old.name.rsplit("-", 1)[0] == stem:
            shutil.rmtree(old, ignore_errors=True)


def _prune_shared(newest: int = 3) -> None:
    """Keep the few most recently used cache folders; drop staging left by builds that died."""
    folders = sorted((p for p in CACHE.iterdir() if p.is_dir() and not p.name.startswith("leaflets-")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    # An hour-old staging folder cannot belong to a running build.
    abandoned = [p for p in CACHE.glob("leaflets-*") if time.time() - p.stat().st_mtime > 3600]
    for old in folders[newest:] + abandoned:
        shutil.rmtree(old, ignore_errors=True)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def time_all_leaflets() -> float:
    """Seconds to build every leaflet from scratch (cache bypassed), for scripts/bench.py."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        build_all(Path(tmp), use_cache=False)
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------
# The Folders page
# ---------------------------------------------------------------------------------------------

def human_size(size: int) -> str:
    return f"{max(1, round(size / 1024))} kB"


def folders_table(built: Sequence[BuiltLeaflet], lang: str, page_url_path: str) -> str:
    """The `{{ folders }}` table for one language: title (link), handbook page, pages, size, and a
    safety note under it.

    The PDF links are raw HTML because the PDFs are not MkDocs documents (MkDocs would report
    them as missing); tests check that every link resolves in the built site. No `download`
    attribute (issue 19): the browser shows the PDF instead of saving it, so it does not land in
    the downloads list. File names and PDF titles stay as they are (signalen.pdf, "Signalen"): a
    leaflet is printed and handed out, and a disguised name would mislead the person it is given
    to; the note says what a saved copy reveals.
    """
    from markupsafe import escape

    labels = LABELS[lang]
    note = {
        "nl": "Een folder opent als PDF in je browser. Daar staat geen knop *Snel weg*. "
              "Sla je hem op of download je hem, dan staat hij met zijn naam in je downloads. "
              "Lees meer op [Veilig deze site bezoeken](veilig-bezoeken.md).",
        "en": "A leaflet opens as a PDF in your browser. It has no *Leave this site* button. "
              "If you save or download it, it shows up by name in your downloads. "
              "Read more on [Visiting this site safely](veilig-bezoeken.md).",
    }[lang]
    start = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path)
    rows = [f"| {labels['folder']} | {labels['belongs']} | {labels['pages']} | {labels['size']} |",
            "|---|---|---|---|"]
    for item in sorted((b for b in built if b.lang == lang), key=_reading_order):
        href = posixpath.relpath(item.site_path, start or ".")
        title_page = _page_title(lang, item.page)
        rows.append(
            f'| <a href="{escape(href)}" type="application/pdf">{escape(item.title)}</a> ({labels["pdf"]}) '
            f"| [{title_page}]({item.page}) | {item.pages} | {human_size(item.size)} |")
    return "\n".join(rows) + "\n\n" + note + "\n"


def _reading_order(item: BuiltLeaflet) -> tuple:
    """Chapter order of the handbook's nav; a chapter's own leaflet before its extras."""
    pages = _nav_pages()
    position = pages.index(item.page) if item.page in pages else len(pages)
    return (position, item.slug != Path(item.page).stem, item.title)


def _nav_pages() -> list[str]:
    return sources.nav_order(_mkdocs_config().get("nav"))


def _page_title(lang: str, page: str) -> str:
    """The handbook page's H1, for the Folders table."""
    for line in read_text(DOCS / lang / page).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Build every leaflet into site/folders/ (or --out); exit 1 on content problems."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "site" / OUTPUT_DIR, help="output folder")
    parser.add_argument("--no-cache", action="store_true", help="build even if nothing changed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        built = build_all(args.out, use_cache=not args.no_cache)
    except ContentErrors as problem:
        print(problem, file=sys.stderr)
        return 1
    except ContentError as problem:
        print(problem, file=sys.stderr)
        return 1
    except OSError as problem:
        print(f"leaflets: {problem}", file=sys.stderr)
        return 2
    for item in built:
        print(f"{args.out / item.pdf}: {item.pages} p., {human_size(item.size)}")
    print(f"{len(built)} folders in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
