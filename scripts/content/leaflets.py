"""Printable A4 leaflets: every `leaflets/<lang>/*.md` becomes a tagged PDF in `site/folders/<lang>/`.

A leaflet is written for paper (not a copy of the web page) and rendered by WeasyPrint through
one shared Jinja template with our own CSS; leaflets/README.md says why. Built PDFs are cached
per source and per version of the shared inputs, so `mkdocs serve`, the second language build
and an edit to one leaflet cost (almost) nothing. `python scripts/content/leaflets.py` builds them alone.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence

if __package__ in (None, ""):  # run as `python scripts/content/leaflets.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content.directives import expand, iter_directives, leftovers
from scripts.content import parallel
from scripts.content import quotes
from scripts.content import source_lines as sources
from scripts.content.routes import format_date
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path, read_text, split_front_matter

log = logging.getLogger("mkdocs.plugins.leaflets")

ROOT = Path(__file__).resolve().parents[2]
LEAFLETS = ROOT / "leaflets"
TEMPLATES = LEAFLETS / "templates"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
# Inside the project (ignored by git): one checkout's cache never serves another checkout's code.
CACHE = ROOT / ".cache" / "leaflets"
EDITIONS = LEAFLETS / "editions.yml"
OUTPUT_DIR = "folders"
MAX_PAGES = 2  # a parents' leaflet is one sheet, printed on both sides
MAX_PAGES_TRAINER = 4  # a trainer's sheet may take two
H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")
# Libraries whose version changes what a PDF looks like.
SHAPING_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "markdown", "jinja2", "segno")
# A leaflet under this handbook folder is a trainer's sheet: no parents' help box.
TRAINER_PAGES = "professionals/"
# Leaflet code: a fixed prefix, the language and the file name (NJK-NL-SIGNALEN).
CODE_PREFIX = "NJK"

# Words the template prints around the text, per language.
LABELS = {
    "nl": {
        "source": "Gebaseerd op Ouders aan het woord, Fier en CKM, 2021",
        "sources": "Bronnen",
        "edition": "Editie",
        "online": "Lees verder in het handboek",
        "latest": "Nieuwste versie",
        "continued": "vervolg",
        "notes": "Notities",
        "handed_out": "Uitgereikt door:",
        "qr_alt": "QR-code naar",
        "urgent": "Direct hulp nodig?",
        "folder": "Folder",
        "belongs": "Hoort bij",
        "pages": "Pagina's",
        "size": "Grootte",
        "pdf": "PDF",
        "for_parents": "Voor ouders",
        "for_trainers": "Voor trainers en professionals",
        "way_out": "Lees je dit op een scherm? Deze folder heeft geen knop Snel weg. Wil je snel weg? "
                   "Sluit dan dit tabblad.",
    },
    "en": {
        "source": "Based on Ouders aan het woord, Fier and CKM, 2021",
        "sources": "Sources",
        "edition": "Edition",
        "online": "Read more in the handbook",
        "latest": "Latest version",
        "continued": "continued",
        "notes": "Notes",
        "handed_out": "Handed out by:",
        "qr_alt": "QR code to",
        "urgent": "Need help now?",
        "folder": "Leaflet",
        "belongs": "Belongs to",
        "pages": "Pages",
        "size": "Size",
        "pdf": "PDF",
        "for_parents": "For parents",
        "for_trainers": "For trainers and professionals",
        "way_out": "Reading this on a screen? This leaflet has no Leave this site button. To leave quickly, "
                   "close this tab.",
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
    form_title: str = ""  # the form page's own title (the leaflet title before " — ")

    @property
    def trainer(self) -> bool:
        """A trainer's sheet (session plan, case): the parents' help box is left out."""
        return self.page.startswith(TRAINER_PAGES)

    @property
    def max_pages(self) -> int:
        return MAX_PAGES_TRAINER if self.trainer else MAX_PAGES

    @property
    def key(self) -> str:
        """`nl/signalen`: names the leaflet in editions.yml and in its PDF's address."""
        return f"{self.lang}/{self.slug}"


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
    title = str(meta["title"])
    return Leaflet(
        source=rel, lang=lang, slug=path.stem, title=title, page=page,
        url=page_url(base_url, lang, page), h2s=h2_titles(body), body=body, body_line=body_line,
        form=form, form_rows=rows, form_title=title.split(" — ")[0] if form else "",
    )


def _content_checks(text: str, rel: str, lang: str, path: Path) -> list[ContentError]:
    """The pages' own checks (sources, quotes, numbers, directives, links…): scripts/content/pipeline.py."""
    from scripts.content import pipeline

    return pipeline.check_text(text, rel, pipeline.load_context(ROOT), kind="leaflet", lang=lang, file=path)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

def compact_sources(argument: str, lang: str) -> str:
    """One `{{ bron: … }}` for the back page's source list: `§3.2, §4.3; Politie (https://…)`.
    The report's name is said once above the list, so it is not repeated per section."""
    refs = sources.parse_bron(argument)
    report = [sources.section_label(r.section) for r in refs if isinstance(r, sources.ReportRef)]
    parts = [", ".join(report)] if report else []
    parts += [f"{r.name} ({r.url})" for r in refs if isinstance(r, sources.ExternalRef)]
    return "; ".join(parts)


def section_sources(body: str, lang: str) -> list[tuple[str, str]]:
    """(H2 title, compact sources) for every source line, in reading order."""
    found, heading = [], ""
    for line in body.splitlines():
        if match := H2.match(line):
            heading = match.group(1)
        for directive in iter_directives(line):
            if directive.name == "bron":
                found.append((heading, compact_sources(directive.argument, lang)))
    return found


ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?:nl|com|org|eu|uk|be|info)(?:/[^\s<)]*)?"
                     r"|\b\d{3,4}-\d{4}\b")
LAST_WORDS = re.compile(r"([^\s<>]+) ([^\s<>]+)(?=</(?:p|li)>)")


def typeset(html: str) -> str:
    """Web addresses and phone numbers never break over two lines; a paragraph or list item never
    ends in a line of one word (its last two words are bound). Only text between tags changes."""
    parts = re.split(r"(<[^>]+>)", LAST_WORDS.sub("\\1\u00a0\\2", html))
    for i in range(0, len(parts), 2):
        parts[i] = ADDRESS.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', parts[i])
    return "".join(parts)


def split_intro(html: str) -> tuple[str, str]:
    """(intro, rest): what comes before the first H2, where the help box goes."""
    at = html.find("<h2")
    return (html, "") if at < 0 else (html[:at], html[at:])


def _route_handlers(lang: str) -> dict:
    """The routes feature's own renderers for its directives (numbers are never typed here)."""
    from scripts.content import routes

    return routes.handlers(routes.load(), lang)


def _markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "sane_lists"])


def urgent_box(lang: str) -> str:
    """The urgent-numbers box as HTML, rendered by the routes feature from data/routes.yml."""
    from scripts.content import routes

    return typeset(_markdown(routes.render_urgent(routes.load(), lang)))


def training_part(argument: str, leaflet: Leaflet) -> str:
    """`{{ training: … }}` on a session plan: the training kit's Markdown; a plan's table is set
    as a timetable, its list of materials in columns (leaflet.css)."""
    from scripts.content import training_text

    text = training_text.directive(argument, leaflet.lang, leaflet.source)
    box = {"plan": "timetable", "materiaal": "materials"}.get(argument.partition("-")[0])
    return f'\n<div class="{box}" markdown="1">\n\n{text}\n\n</div>\n' if box else text


def body_html(leaflet: Leaflet) -> str:
    """The leaflet's text as HTML; its source lines go to the back page (section_sources)."""
    handlers = {"bron": lambda d: "", "weglating": lambda d: "", **_route_handlers(leaflet.lang)}
    # The training module's parts (plans, materials…) come from data/training.yml, as on the page.
    handlers["training"] = lambda d: expand(training_part(d.argument, leaflet), handlers, leaflet.source)
    text = expand(leaflet.body, handlers, leaflet.source)
    # English quotes carry their Dutch only; the one translation comes from the register.
    text = quotes.with_translations(text, leaflet.lang, leaflet.source)
    left = leftovers(text, leaflet.source)
    if left:
        raise ContentErrors(left)
    return typeset(_markdown(text))


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


# The wordmark: the site's two circles in the one accent colour (one filled, one outlined).
WORDMARK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20" aria-hidden="true">'
            '<circle cx="10" cy="10" r="8" fill="#4a2c6d"/>'
            '<circle cx="20" cy="10" r="7.2" fill="none" stroke="#4a2c6d" stroke-width="1.6"/></svg>')


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined)
    return env.get_template("leaflet.html.j2")


def leaflet_code(leaflet: Leaflet) -> str:
    return f"{CODE_PREFIX}-{leaflet.lang}-{leaflet.slug}".upper()


def display_address(url: str) -> str:
    """An address as people type it from paper: `naastjekind.nl/signalen/` (no https://)."""
    return re.sub(r"^https?://", "", url)


def render_html(leaflet: Leaflet, edition: date, base_url: str, note_lines: int = 0) -> str:
    from markupsafe import Markup, escape

    intro, rest = split_intro(body_html(leaflet))
    return _template().render(
        leaflet=leaflet, labels=LABELS[leaflet.lang], site_name=site_names().get(leaflet.lang, leaflet.lang),
        intro=Markup(intro), body=Markup(rest), urgent=Markup(urgent_box(leaflet.lang)),
        section_sources=[(h, Markup(typeset(str(escape(refs)))))
                         for h, refs in section_sources(leaflet.body, leaflet.lang)],
        wordmark=Markup(WORDMARK), qr=qr_data_uri(leaflet.url), code=leaflet_code(leaflet),
        edition=format_date(edition, leaflet.lang), edition_iso=f"{edition.isoformat()}T00:00:00Z",
        folders_url=page_url(base_url, leaflet.lang, "folders.md"), note_lines=note_lines,
        display=display_address,
    )


def write_pdf(leaflet: Leaflet, edition: date, target: Path, base_url: str | None = None) -> int:
    """Render one leaflet to a tagged PDF; returns its page count (more than MAX_PAGES is an error)."""
    from weasyprint import HTML

    base_url = base_url or site_url()
    html = render_html(leaflet, edition, base_url)
    document = HTML(string=html, base_url=str(TEMPLATES)).render()
    # A last page that is mostly white gets ruled lines for notes above the back block, so the
    # colophon sits at the foot of the page (the notebook's last page is its form already).
    free = 0 if leaflet.form else free_height_mm(document.pages[-1])
    if free > NOTES_MIN_MM:
        html = render_html(leaflet, edition, base_url, int((free - NOTES_RESERVE_MM) // NOTE_LINE_MM))
        document = HTML(string=html, base_url=str(TEMPLATES)).render()
    pages, limit = len(document.pages), leaflet.max_pages
    if pages > limit:
        raise ContentErrors([ContentError(
            leaflet.source, 1, f"folder is {pages} pagina's A4, maximaal {limit}: kort de tekst in")])
    target.parent.mkdir(parents=True, exist_ok=True)
    # pdf/ua-1: tagged structure, document language and title, so screen readers and search work.
    # The identifier is derived from the content, so equal inputs give equal bytes.
    document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_identifier=_identifier(html))
    return pages


def draw_pdf(html: str, base_url: Path, pdf: Path, identifier: bytes | None = None) -> None:
    """Draw `html` as a tagged PDF (pdf/ua-1) at `pdf`, whole or not at all: a build running
    beside this one never copies half a file. The handbook and the training kit draw this way."""
    from weasyprint import HTML

    staging = pdf.with_suffix(f".{os.getpid()}.tmp")
    HTML(string=html, base_url=str(base_url)).write_pdf(staging, pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    staging.replace(pdf)


NOTES_MIN_MM = 45  # less white than this at the foot of the last page stays white
NOTES_RESERVE_MM = 14  # the notes block's title and margins
NOTE_LINE_MM = 9  # must match `.notes .line` in leaflet.css


def free_height_mm(page) -> float:
    """White space between the lowest box in the page's content area and its bottom margin."""
    box = page._page_box  # WeasyPrint keeps the laid-out boxes here; lengths are CSS px
    bottom = page.height - box.margin_bottom
    # Margin boxes (running footer) lie below `bottom` and do not count.
    used = max((b.position_y + b.margin_height() for b in box.descendants()
                if b is not box and b.position_y + b.margin_height() <= bottom + 0.5), default=0)
    return (bottom - used) * 25.4 / 96


def _identifier(html: str) -> bytes:
    return hashlib.sha256(html.encode()).hexdigest()[:32].encode()


# ---------------------------------------------------------------------------------------------
# Editions: the date a leaflet's inputs last changed, recorded in leaflets/editions.yml
# ---------------------------------------------------------------------------------------------

def fingerprint(leaflet: Leaflet) -> str:
    """What the reader gets, minus the edition itself and the host: the rendered page (text,
    numbers shown, template, labels) plus the stylesheet. Equal fingerprint, same edition."""
    relative = replace(leaflet, url=page_url("", leaflet.lang, leaflet.page))
    html = render_html(relative, date(2000, 1, 1), "")
    css = (TEMPLATES / "leaflet.css").read_bytes()
    return hashlib.sha256(html.encode() + css).hexdigest()[:16]


def read_editions(path: Path | None = None) -> dict[str, dict]:
    """`{"nl/signalen": {"edition": date, "inputs": fingerprint}}`; empty when there is no file."""
    import yaml

    path = path or EDITIONS
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def write_editions(records: dict[str, dict], path: Path | None = None) -> None:
    lines = ["# Written by `python scripts/content/leaflets.py --edition`: the date each leaflet last changed",
             "# (its text, the help numbers it shows, template or stylesheet) and the fingerprint of",
             "# those inputs. Do not edit by hand; see leaflets/README.md.", ""]
    for key in sorted(records):
        record = records[key]
        lines.append(f"{key}: {{edition: {record['edition'].isoformat()}, inputs: {record['inputs']}}}")
    (path or EDITIONS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def stale_editions(base_url: str = "https://example.org/") -> list[tuple[Leaflet, str]]:
    """Leaflets whose recorded fingerprint is missing or differs: (leaflet, new fingerprint)."""
    records = read_editions()
    found = []
    for path in discover():
        leaflet = load(path, base_url)
        now = fingerprint(leaflet)
        if records.get(leaflet.key, {}).get("inputs") != now:
            found.append((leaflet, now))
    return found


def record_editions(today: date | None = None) -> list[str]:
    """The maintainer's command: give every changed leaflet today's date. Returns their keys."""
    records = read_editions()
    changed = stale_editions()
    for leaflet, now in changed:
        records[leaflet.key] = {"edition": today or date.today(), "inputs": now}
    known = {f"{p.parent.name}/{p.stem}" for p in discover()}
    records = {k: v for k, v in records.items() if k in known}
    if changed or len(records) != len(read_editions()):
        write_editions(records)
    return [leaflet.key for leaflet, _ in changed]


def edition_of(leaflet: Leaflet, records: dict[str, dict]) -> date:
    """The recorded edition; a leaflet never recorded gets today (and the tests ask to record it)."""
    record = records.get(leaflet.key)
    return record["edition"] if record else date.today()


# ---------------------------------------------------------------------------------------------
# Building all leaflets (cached)
# ---------------------------------------------------------------------------------------------

def digest_of(paths, *extra: str) -> str:
    """A short digest of `extra` and of every file in `paths` (folders read whole), by name and bytes."""
    digest = hashlib.sha256("|".join(extra).encode())
    for item in paths:
        files = sorted(item.rglob("*")) if item.is_dir() else [item]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                digest.update(display_path(f, ROOT).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:20]


def code_inputs(start: Path = Path(__file__), root: Path = ROOT) -> list[Path]:
    """This module and every `scripts.*` module it imports, directly or not (read from the code,
    so a new import is covered without a list to keep up to date)."""
    found: list[Path] = []
    todo = [start.resolve()]
    while todo:
        path = todo.pop()
        if path in found or not path.is_file():
            continue
        found.append(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [f"{node.module}.{a.name}" for a in node.names] + [node.module]
                     if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                if name.startswith("scripts."):
                    parts = name.split(".")
                    todo += [root.joinpath(*parts[:n]).with_suffix(".py") for n in range(2, len(parts) + 1)]
    return sorted(found)


def package_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def one(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    return ",".join(f"{name}={one(name)}" for name in SHAPING_PACKAGES)


def shared_inputs() -> list[Path]:
    """Every file that shapes every PDF besides its own source: template and stylesheet, data
    (routes), the report (quotes, sections), the site's settings, the editions and the code."""
    return [TEMPLATES, ROOT / "data", ROOT / "sources", MKDOCS_YML, EDITIONS, *code_inputs()]


def build_all(out_dir: Path | None = None, base_url: str | None = None,
              use_cache: bool = True) -> list[BuiltLeaflet]:
    """Build every leaflet (reusing cached ones), copy the PDFs to out_dir/<lang>/ when given.

    The cache has one folder per version of the shared inputs (shared_inputs(), the versions of
    the libraries that draw the PDF, the site URL) and in it one entry per version of each
    leaflet source, so editing one leaflet rebuilds only that one. Raises ContentErrors listing
    every problem of every leaflet.
    """
    base_url = base_url or site_url()
    shared = _ensure(CACHE / digest_of(shared_inputs(), base_url, package_versions()))
    os.utime(shared)  # most recently used: pruning keeps it
    built: list[BuiltLeaflet] = []
    errors: list[ContentError] = []
    records = read_editions()
    entries = {path: shared / path.parent.name / f"{path.stem}-{digest_of([path], _own_page(path))}" for path in discover()}
    # The leaflets to draw, drawn side by side (one per core); then every entry is read in order.
    missing = [path for path, entry in entries.items() if not (use_cache and (entry / "leaflet.json").is_file())]
    drawn = dict(zip(missing, parallel.run_all(_build_one, [(path, base_url, records, entries[path]) for path in missing])))
    for path, entry in entries.items():
        problems = drawn.get(path, [])
        for attempt in range(2):
            if attempt:  # another build pruned the shared cache meanwhile: build it here
                problems = _build_one(path, base_url, records, entry)
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
            except FileNotFoundError:
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


def _own_page(path: Path) -> str:
    """What a leaflet's cache entry must know of the handbook: whether its own page exists (load()
    refuses a missing one, and a cached entry skips load()). Other pages do not shape the PDF: a
    link to a missing one fails the content checks of every build."""
    try:
        page = str(split_front_matter(read_text(path))[0].get("page") or "")
    except (ContentError, ValueError):
        return "unreadable"  # _build_one reports it, and nothing is cached
    return f"{page}={(DOCS / path.parent.name / page).is_file()}"


def _build_one(path: Path, base_url: str, records: dict, entry: Path) -> list[tuple]:
    """Build one leaflet into its cache entry; returns its problems (as ContentError arguments)."""
    staging = Path(tempfile.mkdtemp(prefix="leaflets-", dir=_ensure(CACHE)))
    try:
        leaflet = load(path, base_url)
        if records.get(leaflet.key, {}).get("inputs") != fingerprint(leaflet):
            log.info(f"LET OP: {leaflet.source} is veranderd sinds zijn editie: "
                     "zet de nieuwe editie met `python scripts/content/leaflets.py --edition`")
        pages = write_pdf(leaflet, edition_of(leaflet, records), staging / "leaflet.pdf", base_url)
    except ContentErrors as problem:
        shutil.rmtree(staging, ignore_errors=True)
        return [(e.path, e.line, e.reason) for e in problem.errors]
    except ContentError as e:
        shutil.rmtree(staging, ignore_errors=True)
        return [(e.path, e.line, e.reason)]
    item = BuiltLeaflet(
        source=leaflet.source, lang=leaflet.lang, slug=leaflet.slug, title=leaflet.title,
        page=leaflet.page, url=leaflet.url, h2s=leaflet.h2s, pages=pages,
        size=(staging / "leaflet.pdf").stat().st_size, pdf=f"{leaflet.key}.pdf")
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
    """Seconds to build every leaflet from scratch (cache bypassed), for scripts/tools/bench.py."""
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
        "nl": "Een folder opent als PDF in dit tabblad. Daar staat geen knop *Snel weg*. "
              "Wil je snel weg? Sluit dan het tabblad. "
              "Met **Terug** kom je op de site van vóór het handboek, maar met **Vooruit** is de folder er weer. "
              "Sla je hem op of download je hem, dan staat hij met zijn naam in je downloads. "
              "Lees meer op [Veilig deze site bezoeken](veilig-bezoeken.md).",
        "en": "A leaflet opens as a PDF in this tab. It has no *Leave this site* button. "
              "To leave quickly, close the tab. "
              "**Back** takes you to the site you were on before the handbook, but **Forward** brings the leaflet back. "
              "If you save or download it, it shows up by name in your downloads. "
              "Read more on [Visiting this site safely](veilig-bezoeken.md).",
    }[lang]
    start = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path)
    items = sorted((b for b in built if b.lang == lang), key=_reading_order)
    # Parents' leaflets first and apart: trainer material (pages under professionals/) is not
    # what a parent looks for (issue 20).
    groups = [(labels["for_parents"], [i for i in items if not i.page.startswith("professionals/")]),
              (labels["for_trainers"], [i for i in items if i.page.startswith("professionals/")])]
    blocks = []
    for caption, group in groups:
        if not group:
            continue
        rows = [f"| {labels['folder']} | {labels['belongs']} | {labels['pages']} | {labels['size']} |",
                "|---|---|---|---|"]
        for item in group:
            href = posixpath.relpath(item.site_path, start or ".")
            title_page = _page_title(lang, item.page)
            rows.append(
                f'| <a href="{escape(href)}" type="application/pdf">{escape(item.title)}</a> ({labels["pdf"]}) '
                f"| [{title_page}]({item.page}) | {item.pages} | {human_size(item.size)} |")
        blocks.append("\n".join([f'<div class="folders-table" markdown>', "", f"**{caption}**", "",
                                 *rows, "", "</div>"]))
    return "\n\n".join(blocks) + "\n\n" + note + "\n"


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
    parser.add_argument("--edition", action="store_true",
                        help="maintainer: give every leaflet whose inputs changed today's date in "
                             "leaflets/editions.yml (then commit it), and build")
    args = parser.parse_args(argv)
    log.addHandler(logging.StreamHandler(sys.stderr))
    log.setLevel(logging.INFO)
    started = time.perf_counter()
    try:
        if args.edition:
            for key in record_editions():
                print(f"{EDITIONS.relative_to(ROOT)}: {key} krijgt editie {date.today().isoformat()}")
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
