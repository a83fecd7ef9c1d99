"""The one content pipeline: every page and leaflet is checked on its own text, then rendered.

Checks read the file as the writer saved it (front matter included), so line N is the editor's
line N, and every problem of every file comes back together, sorted. In order:

  1. front matter and an empty page           (this module)
  2. code fences that never close             (scripts/content/source_text.py)
  3. directives: unknown names, broken braces, arguments (scripts/content/directives.py + each feature)
  4. source lines under every H2              (scripts/content/source_lines.py)
  5. quotes, verbatim against the report      (scripts/content/quotes.py)
  6. phone numbers typed by hand              (scripts/content/routes.py)
  7. raw HTML: quotes and links no check would see, comments and tags left open (Markdown
     would publish the rest as raw text or hide it), images without a text alternative
  8. headings: one H1, first; no level skipped; a table's column line
  9. links, anchors and images inside the site (pages only; leaflets take full addresses);
     an address type other than https, http or mailto; a malformed e-mail address; a space in
     an address; a link without text
 10. meaning: how a quote or figure is used            (scripts/content/meaning.py)
 11. search words in front matter and the glossary    (scripts/content/search_terms.py)
 12. plain language: Dutch pages for parents at B1     (scripts/content/readability.py)
 13. the English edition's own words                   (scripts/content/terminology.py)

Rendering then runs in one visible order: directives in one pass (generated Markdown goes
through the same pass), quotes, abbreviations. `scripts/hooks/content.py` wires this into MkDocs;
`scripts/tools/check_content.py` runs the same checks without MkDocs.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

from scripts.content import abbreviations
from scripts.content import facts
from scripts.content import meaning
from scripts.content import quote_translations
from scripts.content import quotes
from scripts.content import readability
from scripts.content import routes
from scripts.content import search_terms
from scripts.content import source_lines as sources
from scripts.content import terminology
from scripts.content import training_text
from scripts.content import translations
from scripts.content.data_yaml import line_of, load_config_with_lines, load_data_file, type_name
from scripts.content.directives import Directive, expand, iter_directives
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.report_links import REPORT_LINKS, load_report_links, render_report_links
from scripts.content.source_text import LineIndex, code_lines, display_path, language_of, read_text, split_front_matter

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

# Every directive a writer may use, and what it is for (the error for a typo lists them).
DIRECTIVES = {
    "bron": "de bronregel onder een kop",
    "route": "een hulproute als kaart", "nummer": "het nummer van een route",
    "belknoppen": "belknoppen voor routes (ids met komma's)",
    "spoednummers": "de spoednummers", "routekaart": "de routekaart", "routes": "alle routes",
    "rapportlinks": "de links uit het rapport",
    "bronverantwoording": "de pagina Bronverantwoording", "stemmen": "de pagina Stemmen van ouders",
    "folders": "de tabel met folders", "handboek": "de link naar het hele handboek als PDF",
    "talen": "per hulproute: welke talen (data/routes.yml, languages)",
    "zinnenkaart": "zinnen in het Nederlands met hun betekenis in het Engels (data/routes.yml, phrase_card)",
    "weglating": "na een tweede lezing: waarom een […] in het citaat erboven mag",
    "training": "een deel van de trainingsmodule uit data/training.yml (plan, antwoorden, oefening…)",
}
WITHOUT_ARGUMENT = {"spoednummers", "routekaart", "routes", "rapportlinks", "bronverantwoording", "stemmen", "folders",
                    "handboek", "talen", "zinnenkaart"}

_BRACES = re.compile(r"\{\{|\}\}")
_RAW_BLOCKQUOTE = re.compile(r"<blockquote\b", re.I)
_RAW_LINK = re.compile(r"<a\b[^>]*\bhref\s*=", re.I)
_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# [text](target "title") and ![alt](src); a target in <…> may hold spaces.
_LINK = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# http is allowed here only to be refused with its own reason by the link register (links.py).
_SCHEMES = ("https:", "http:", "mailto:")
_MAILTO = re.compile(r"mailto:[^@\s/?]+@[^@\s/?]+\.[a-z]{2,}(\?\S*)?", re.I)
# `[text](veilig bezoeken.md)`: Markdown makes no link of it and prints the brackets.
_SPACED_TARGET = re.compile(r"\]\(\s*[^)\s\"'<]+[ \t]+(?![\"'(])[^)\n]*\)")
_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*")
# A raw HTML tag (not an autolink such as <https://…>, whose name is followed by ':').
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*?)?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)
_ATTR_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}")
_HTML_ID = re.compile(r"\bid\s*=\s*[\"']([^\"']+)[\"']")


# ---------------------------------------------------------------------------------------------
# What one build shares: the data every page is checked against, loaded once
# ---------------------------------------------------------------------------------------------

@dataclass
class Context:
    root: Path
    routes: routes.RouteData
    report_links: list
    figures: meaning.Registry | None = None  # the report's figures (data/report-figures.yml)
    translations: quote_translations.Register = quote_translations.EMPTY  # data/quote-translations.yml
    terms: tuple = ()  # the English terminology (data/terminology.yml)
    checked: dict = field(default_factory=dict, repr=False)

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"


def load_context(root: Path = ROOT, routes_file: Path | None = None) -> Context:
    """Every data file, validated; ContentErrors with all their problems at once."""
    errors: list[ContentError] = []
    data = links = None
    try:
        data = routes.load(routes_file or root / "data" / "routes.yml")
    except ContentErrors as problem:
        errors += problem.errors
    # The verification register: every fact a route publishes rests on a read primary source.
    try:
        register = facts.load(root / "data" / facts.REGISTER.name)
        errors += facts.check_routes(register, data) if data is not None else []
    except ContentErrors as problem:
        errors += problem.errors
    try:
        links = load_report_links(root / "data" / REPORT_LINKS.name)
    except ContentErrors as problem:
        errors += problem.errors
    try:
        figures = meaning.load_registry(root / "data" / meaning.REGISTRY.name)
    except meaning.RegistryError as problem:
        errors += problem.errors
    register = quote_translations.EMPTY
    try:
        register = quote_translations.load(root / "data" / quote_translations.REGISTER.name)
    except ContentErrors as problem:
        errors += problem.errors
    terms = ()
    try:
        terms = terminology.load(root / "data" / terminology.TERMS.name)
    except ContentErrors as problem:
        errors += problem.errors
    if errors:
        raise ContentErrors(sorted_errors(errors))
    return Context(root, data, links, figures, register, terms)


# ---------------------------------------------------------------------------------------------
# One source file
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A page or leaflet as saved: display path, language, kind and text."""

    path: str
    lang: str
    text: str
    kind: str = "page"  # "page" (docs/) or "leaflet" (leaflets/)
    file: Path | None = None  # where it lives, to resolve relative links

    @property
    def parts(self) -> tuple[dict, str, int]:
        return _front_matter(self.text)


def _front_matter(text: str) -> tuple[dict, str, int]:
    """The parts of a text, or the whole text as body when its front matter is broken
    (check_front_matter reports that). Parsing is cached in source_text already."""
    try:
        return split_front_matter(text)
    except ValueError:
        return {}, text, 0


def source_file(file: Path, kind: str = "page", root: Path = ROOT) -> Source:
    """Read a page or leaflet (UTF-8 checked: ContentError otherwise)."""
    shown = display_path(file, root)
    return Source(shown, language_of(shown), read_text(file, shown), kind, file)


# ---------------------------------------------------------------------------------------------
# The checks, in order. Each takes the source and the context and returns its problems.
# ---------------------------------------------------------------------------------------------

def check_front_matter(src: Source, ctx: Context) -> list[ContentError]:
    try:
        meta, body, offset = split_front_matter(src.text)
    except ValueError as error:
        return [ContentError(src.path, 1, str(error))]
    errors = []
    if not _HTML_COMMENT.sub("", body).strip():
        errors.append(ContentError(src.path, offset + 1 if offset else 1,
                                   "de pagina is leeg: schrijf de tekst, of haal de pagina weg (ook uit de nav)"))
    # Front matter lands in the page's <meta> tags (description): a number there skips the rules.
    front = src.text[: len(src.text) - len(body)]
    errors += routes.typed_numbers(front, ctx.routes, src.path)
    return errors


def check_fences(src: Source, ctx: Context) -> list[ContentError]:
    lines = src.text.split("\n")
    unclosed = code_lines(lines).unclosed
    if unclosed is None:
        return []
    return [ContentError(src.path, unclosed + 1, (
        f"codeblok '{lines[unclosed].strip()}' wordt nergens gesloten: Markdown toont de rest van de pagina "
        "als gewone tekst; sluit het af of haal de regel weg"))]


def _text_outside_code(src: Source) -> tuple[str, int]:
    """The body with fenced code and inline code blanked (same length and lines), its offset."""
    _, body, offset = src.parts
    lines = body.split("\n")
    code = code_lines(lines).code
    kept = [" " * len(line) if i in code else _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)
            for i, line in enumerate(lines)]
    return "\n".join(kept), offset


def check_directives(src: Source, ctx: Context) -> list[ContentError]:
    text, offset = _text_outside_code(src)
    lines = LineIndex(text)
    errors: list[ContentError] = []
    masked = list(text)
    for d in iter_directives(text, offset):
        for i in range(d.start, d.end):
            masked[i] = " " if masked[i] != "\n" else "\n"
        raw = text[d.start:d.end]
        if "{" in raw[2:-2] or "}" in raw[2:-2]:
            errors.append(ContentError(src.path, d.line, f"opdracht '{_short(raw)}' is niet goed gesloten: "
                                                         "elke opdracht is {{ naam: argument }} met twee accolades"))
        elif d.name not in DIRECTIVES:
            close = difflib.get_close_matches(d.name, DIRECTIVES, n=1)
            hint = f" Bedoel je '{{{{ {close[0]} }}}}'?" if close else f" Bekend: {', '.join(sorted(DIRECTIVES))}."
            errors.append(ContentError(src.path, d.line, f"onbekende opdracht '{{{{ {d.name} }}}}'.{hint}"))
        elif text[max(0, d.start - 2):d.start] == "](":
            errors.append(ContentError(src.path, d.line, (
                f"'{_short(raw)}' staat als linkadres: een opdracht maakt zelf haar tekst en link; "
                "zet haar los in de zin, zonder [tekst](…)")))
        elif d.name in WITHOUT_ARGUMENT and d.argument:
            errors.append(ContentError(src.path, d.line, f"'{{{{ {d.name} }}}}' neemt geen argument (kreeg '{d.argument}')"))
    # What is left of {{ or }} was never a directive: it would be published as literal braces.
    rest = "".join(masked)
    for match in _BRACES.finditer(rest):
        line = lines.line(match.start()) + offset
        if any(e.line == line for e in errors):
            continue
        snippet = rest[max(0, match.start() - 20):match.end() + 20].strip()
        errors.append(ContentError(src.path, line, (
            f"onvolledige opdracht bij '{_short(snippet)}': schrijf {{{{ naam: argument }}}} "
            "met kleine letters en twee accolades aan beide kanten")))
    # Arguments: let each feature read its own directives (unknown route ids, bad bron lines…).
    broken = {e.line for e in errors}
    try:
        expand(text, {**routes.handlers(ctx.routes, src.lang), "training": _training(src)}, src.path, offset)
    except ContentErrors as problems:
        errors += [e for e in problems.errors if e.line not in broken]  # the braces are the problem there
    errors += routes.page_problems(text, src.path, offset)
    return _unique(errors)


def check_sources(src: Source, ctx: Context) -> list[ContentError]:
    return list(sources.scan_page(src.text, src.path).errors)


def check_quotes(src: Source, ctx: Context) -> list[ContentError]:
    _, body, offset = src.parts
    return quotes.check_markdown(body, src.path, offset + 1, src.lang, register=ctx.translations)


def check_quote_translations(src: Source, ctx: Context) -> list[ContentError]:
    """One translation per Dutch quote (scripts/content/quote_translations.py): an English page or leaflet
    writes no translation of its own; the register's is shown."""
    if src.lang != "en":
        return []
    _, body, offset = src.parts
    errors = []
    for block, result in quotes.check_blocks(body, src.path, offset + 1, src.lang, register=ctx.translations):
        quote = result.quote
        if quote and quote.kind != "external" and quote.written_translation:
            reason = quote_translations.problem(quote.text, quote.written_translation, ctx.translations)
            if reason:
                errors.append(ContentError(src.path, offset + block.start + 1, reason))
    return errors


def check_terminology(src: Source, ctx: Context) -> list[ContentError]:
    """The English edition's own words (data/terminology.yml): a forbidden form at its line."""
    if src.lang != "en":
        return []
    text, offset = _text_outside_code(src)
    # A quote's Dutch original is the parent's own words, not the edition's English.
    lines = text.split("\n")
    for block in quotes.iter_blockquotes(text):
        start = next((k for k, line in enumerate(block.lines) if line.strip().startswith("Original:")), None)
        for i in range(block.start + start, block.end) if start is not None else ():
            lines[i] = " " * len(lines[i])
    return terminology.check_text("\n".join(lines), src.path, ctx.terms, offset)


def check_numbers(src: Source, ctx: Context) -> list[ContentError]:
    _, body, offset = src.parts
    return routes.typed_numbers(body, ctx.routes, src.path, offset)


def check_raw_html(src: Source, ctx: Context) -> list[ContentError]:
    """Raw HTML the other checks cannot see into is refused (blockquotes, links); comments and
    tags must be closed, or Markdown publishes the rest of the page as raw text (or hides it);
    an image needs a text alternative."""
    text, offset = _text_outside_code(src)
    lines = LineIndex(text)
    errors = [ContentError(src.path, lines.line(m.start()) + offset, (
        "HTML-citaat (<blockquote>) wordt niet gecontroleerd: schrijf een citaat als '> …' met "
        "'— ouder N' eronder")) for m in _RAW_BLOCKQUOTE.finditer(text)]
    errors += [ContentError(src.path, lines.line(m.start()) + offset, (
        "HTML-link (<a href>) wordt niet gecontroleerd: schrijf [tekst](pagina.md) of [tekst](https://…)"))
        for m in _RAW_LINK.finditer(text)]
    errors += [ContentError(src.path, lines.line(m.start()) + offset, (
        "afbeelding zonder beschrijving (alt): zeg in woorden wat erop staat"))
        for m in _IMG.finditer(text) if not (alt := _ALT.search(m.group())) or not alt.group(1)[1:-1].strip()]
    # Closed comments are blanked (same length and lines): what they hold is not published.
    text = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    unclosed = text.find("<!--")
    if unclosed >= 0:
        errors.append(ContentError(src.path, lines.line(unclosed) + offset, (
            "HTML-commentaar '<!--' wordt niet gesloten met '-->': de rest van de pagina verdwijnt")))
        text = text[:unclosed]
    open_tags: list[tuple[str, int]] = []
    for m in _TAG.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(4)
        line = lines.line(m.start()) + offset
        if name in _VOID or self_closing:
            continue
        if not closing:
            open_tags.append((name, line))
        elif any(tag == name for tag, _ in open_tags):
            while (tag := open_tags.pop())[0] != name:
                errors.append(_unclosed_tag(src.path, *tag))
        else:
            errors.append(ContentError(src.path, line, f"'</{name}>' sluit niets: er staat geen <{name}> open"))
    errors += [_unclosed_tag(src.path, *tag) for tag in open_tags]
    return errors


def _unclosed_tag(path: str, name: str, line: int) -> ContentError:
    return ContentError(path, line, (
        f"<{name}> wordt niet gesloten met </{name}>: Markdown kan wat erna komt als losse tekst tonen"))


def check_headings(src: Source, ctx: Context) -> list[ContentError]:
    """One H1, first; no level skipped on the way down (a screen reader lists the headings
    as the page's outline). A leaflet's title is its H1, and so is a page's without '# '."""
    _, body, offset = src.parts
    errors, above = [], 1
    for n, heading in enumerate(sources._headings(body.split("\n"), offset + 1)):
        level, title, line = heading.level, heading.title, heading.line
        if level == 1 and src.kind == "leaflet":
            errors.append(ContentError(src.path, line, (
                f"kop '{_short(title)}' is een H1 (# …): de titel van een folder is de H1; begin bij ##")))
        elif level == 1 and n:
            errors.append(ContentError(src.path, line, (
                f"kop '{_short(title)}' is een tweede H1 (# …) of staat niet bovenaan: "
                "een pagina heeft één H1, als eerste kop")))
        elif level > above + 1:
            errors.append(ContentError(src.path, line, (
                f"kop '{_short(title)}' springt van H{above} naar H{level}: schrijf {'#' * (above + 1)}")))
        above = level
    return errors


def check_tables(src: Source, ctx: Context) -> list[ContentError]:
    """A table's second line separates its columns (|---|---|), one per column of the first:
    otherwise Markdown prints the table's lines as one paragraph full of bars."""
    text, offset = _text_outside_code(src)
    lines = text.split("\n")
    errors = []
    for i in range(1, len(lines)):
        header, row = lines[i - 1], lines[i]
        if not header.lstrip().startswith("|") or not row.lstrip().startswith("|"):
            continue
        if i >= 2 and lines[i - 2].lstrip().startswith("|"):
            continue  # not the table's first two lines
        if not _DELIMITER_ROW.fullmatch(row) or _cells(row) != _cells(header):
            errors.append(ContentError(src.path, i + 1 + offset, (
                f"tabel: deze regel moet de {_cells(header)} kolommen van de kop scheiden, zoals "
                f"|{'---|' * _cells(header)}")))
    return errors


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row.strip().strip("|")))


def check_links(src: Source, ctx: Context) -> list[ContentError]:
    """Links inside the site: the file exists, the anchor exists. External links are checked
    against the link register by scripts/content/links.py (also part of every build)."""
    text, offset = _text_outside_code(src)
    lines = LineIndex(text)
    errors = []
    for match in _SPACED_TARGET.finditer(text):
        errors.append(ContentError(src.path, lines.line(match.start()) + offset, (
            f"linkadres '{_short(match.group()[2:-1].strip())}' heeft een spatie: Markdown maakt er geen link van")))
    for match in _LINK.finditer(text):
        target = match.group(3).strip("<>")
        line = lines.line(match.start()) + offset
        if not match.group(2).strip():
            errors.append(ContentError(src.path, line, "afbeelding zonder beschrijving: zet in ![…] wat erop staat"
                                       if match.group(1) else "link zonder tekst: zet in […] waar de link heen gaat"))
        if target.lower().startswith("mailto:") and not _MAILTO.fullmatch(target):
            errors.append(ContentError(src.path, line, f"e-mailadres in '{_short(target)}' klopt niet (naam@domein.nl)"))
        if _SCHEME.match(target) and not target.lower().startswith(_SCHEMES):
            fix = "{{ nummer: id }}" if target.lower().startswith("tel:") else "https://…"
            errors.append(ContentError(src.path, line, f"link '{_short(target)}' heeft een onbekend adrestype: schrijf {fix}"))
            continue
        if not target or _SCHEME.match(target):
            continue
        if src.kind == "leaflet":
            errors.append(ContentError(src.path, line, (
                f"link '{target}' werkt niet op papier: een folder noemt volledige adressen (https://…)")))
            continue
        if target.startswith("/"):
            errors.append(ContentError(src.path, line, f"link '{target}' is absoluut: schrijf een pad vanaf deze pagina (bijv. signalen.md)"))
            continue
        problem = _link_problem(src, target, ctx)
        if problem:
            errors.append(ContentError(src.path, line, problem))
    return errors


def check_meaning(src: Source, ctx: Context) -> list[ContentError]:
    """What a quote or figure is used to say (scripts/content/meaning.py): a quote's § among its
    section's sources, no elision that drops a negation or number, no paraphrase in quotation
    marks, study figures from the registry with their § and caveat, law from an official source."""
    return meaning.check_meaning(src.text, src.path, src.lang, ctx.figures)


def check_search_words(src: Source, ctx: Context) -> list[ContentError]:
    """`zoekwoorden:`/`keywords:` in front matter, and the glossary's "ook gezocht als" lines."""
    if src.kind != "page":
        return []
    try:
        return search_terms.check_page(src.text, src.path, src.lang)
    except ValueError:
        return []  # front matter that is not YAML: check_front_matter names it


def check_readability(src: Source, ctx: Context) -> list[ContentError]:
    """Dutch pages for parents stay at B1 (CONTRIBUTING.md, "Leesbaarheid")."""
    if src.kind != "page":
        return []
    try:
        return readability.page_errors(readability.measure_text(src.text, src.lang, src.path))
    except ValueError as error:  # an unknown audience in front matter
        return [ContentError(src.path, 1, str(error))]


CHECKS: tuple[Callable[[Source, Context], list[ContentError]], ...] = (
    check_front_matter,
    check_fences,
    check_directives,
    check_sources,
    check_quotes,
    check_quote_translations,
    check_numbers,
    check_raw_html,
    check_headings,
    check_tables,
    check_links,
    check_meaning,
    check_search_words,
    check_readability,
    check_terminology,
)


def check_source(src: Source, ctx: Context) -> list[ContentError]:
    """Every problem of one page or leaflet, sorted by line (remembered per text: a page is
    checked once per build, however often the build asks)."""
    key = (src.path, src.kind, src.lang, src.text)
    if key not in ctx.checked:
        ctx.checked[key] = sorted_errors(e for check in CHECKS for e in check(src, ctx))
    return ctx.checked[key]


def check_text(text: str, path: str, ctx: Context, kind: str = "page", lang: str | None = None,
               file: Path | None = None) -> list[ContentError]:
    """The checks on text in hand (tests, leaflets, the CLI)."""
    return check_source(Source(path, lang or language_of(path), text, kind, file), ctx)


# ---------------------------------------------------------------------------------------------
# Links inside the site
# ---------------------------------------------------------------------------------------------

def _link_problem(src: Source, target: str, ctx: Context) -> str | None:
    path_part, _, anchor = target.partition("#")
    path_part = path_part.split("?", 1)[0]
    here = src.file or (ctx.root / src.path)
    if not path_part:
        text = src.text
        shown = "deze pagina"
    else:
        resolved = (here.parent / path_part).resolve()
        candidates = [resolved]
        # static-i18n shows the default language's page where a translation is missing.
        lang_dir = (ctx.docs_dir / src.lang).resolve()
        if resolved.is_relative_to(lang_dir) and src.lang != DEFAULT_LANG:
            candidates.append((ctx.docs_dir / DEFAULT_LANG).resolve() / resolved.relative_to(lang_dir))
        found = next((c for c in candidates if c.is_file() or (c.is_dir() and (c / "index.md").is_file())), None)
        if found is None:
            return f"link naar '{path_part}': dat bestand bestaat niet (gezien vanaf {src.path})"
        if found.is_dir():
            found = found / "index.md"
        if not anchor or found.suffix != ".md":
            return None
        try:
            text = _read_cached(found, ctx)
        except ContentError:
            return None  # reported for that file itself
        shown = path_part
    if anchor and anchor not in anchors_of(text, ctx):
        return f"link naar '#{anchor}' op {shown}: dat anker bestaat niet"
    return None


def anchors_of(text: str, ctx: Context) -> set[str] | _Any:
    """Every id a page will have: headings (as the toc extension names them), `{#id}`, id="…",
    and the ids its generated parts bring. Once per text and build: a page with many links
    must not be read again for each one."""
    key = ("anchors", text)
    if key not in ctx.checked:
        ctx.checked[key] = _anchors(text, ctx)
    return ctx.checked[key]


def _anchors(text: str, ctx: Context) -> set[str] | _Any:
    names = {d.name for d in iter_directives(text)}
    if "stemmen" in names:
        return _Any()
    _, body, offset = _front_matter(text)
    out = {h.anchor for h in sources._headings(body.split("\n"), offset + 1)}
    out |= set(_ATTR_ID.findall(body)) | set(_HTML_ID.findall(body))
    if "routes" in names:
        out |= {f"route-{rid}" for rid in ctx.routes.routes}
    if "bronverantwoording" in names:
        out |= {sources.section_anchor(s) for s in sources.report_sections()} | {"externe-bronnen"}
    return out


def _read_cached(path: Path, ctx: Context) -> str:
    key = ("file", str(path), path.stat().st_mtime_ns)
    if key not in ctx.checked:
        ctx.checked[key] = read_text(path)
    return ctx.checked[key]


class _Any(set):
    """A generated page whose ids are made at build time: MkDocs' own check covers them."""

    def __contains__(self, item) -> bool:
        return True


# ---------------------------------------------------------------------------------------------
# The whole project: what one build (and `make check`) refuses
# ---------------------------------------------------------------------------------------------

def project_files(root: Path = ROOT) -> tuple[list[Path], list[Path]]:
    """(pages, leaflets) in path order."""
    pages = sorted((root / "docs").glob("*/**/*.md"))
    leaflet_files = sorted(p for lang in LANGS for p in (root / "leaflets" / lang).glob("*.md"))
    return pages, leaflet_files


def check_project(ctx: Context) -> list[ContentError]:
    """Every content problem in the project, sorted: pages, leaflets, abbreviations, the link
    policy and the translations. What `make test` checks about content, the build checks too."""
    from scripts.content import links as check_links

    root = ctx.root
    errors: list[ContentError] = []
    pages, leaflet_files = project_files(root)
    for kind, files in (("page", pages), ("leaflet", leaflet_files)):
        for file in files:
            try:
                errors += check_source(source_file(file, kind, root), ctx)
            except ContentError as error:
                errors.append(error)
    for lang in LANGS:
        errors += _abbreviation_problems(lang, ctx)
    try:
        registry = check_links.load_registry(root / "data" / check_links.REGISTRY.name)
        found = check_links.find_links(_existing(root / p.relative_to(check_links.ROOT) for p in check_links.DEFAULT_PATHS), root)
        errors += check_links.offline_problems(found, registry, display_path(root / "data" / check_links.REGISTRY.name, root))[0]
    except ContentErrors as problem:
        errors += problem.errors
    except ContentError as problem:
        errors.append(problem)
    errors += translations.check(root / "docs", root).errors
    errors += _routes_terminology(ctx)
    errors += training_text.check(ctx)
    config = root / "mkdocs.yml"
    if config.is_file():
        try:
            errors += check_mkdocs_yml(read_text(config, display_path(config, root)), display_path(config, root), root / "docs")
        except ContentError as error:
            errors.append(error)
    return sorted_errors(errors)


def check_mkdocs_yml(text: str, path: str, docs_dir: Path, lang: str = DEFAULT_LANG) -> list[ContentError]:
    """mkdocs.yml as a maintainer edits it: every nav entry names a page that exists, every page
    is in the nav, and every nav translation names a nav title (a typo would leave it untranslated)."""
    try:
        config = load_config_with_lines(text, path)
    except ContentError as error:
        return [error]
    if not isinstance(config, dict):
        return [ContentError(path, 1, "mkdocs.yml bestaat uit sleutel: waarde-regels")]
    errors: list[ContentError] = []
    titles: set[str] = set()
    listed: set[str] = set()

    def walk(items, line: int) -> None:
        if not isinstance(items, list):
            errors.append(ContentError(path, line, f"nav: een lijst met pagina's verwacht (kreeg {type_name(items)})"))
            return
        for index, item in enumerate(items):
            entries = item.items() if isinstance(item, dict) else [(None, item)]
            for title, value in entries:
                at = line_of(item, title) if title is not None else line_of(items, index)
                if title is not None:
                    titles.add(str(title))
                if isinstance(value, list):
                    walk(value, at)
                elif isinstance(value, str) and not re.match(r"https?://", value):
                    listed.add(value)
                    if not (docs_dir / lang / value).is_file():
                        errors.append(ContentError(path, at, f"nav noemt '{value}', maar docs/{lang}/{value} bestaat niet"))

    if "nav" in config:
        walk(config["nav"], line_of(config, "nav"))
    for plugin in config.get("plugins") or []:
        i18n = plugin.get("i18n") if isinstance(plugin, dict) else None
        for language in (i18n or {}).get("languages") or []:
            translations_map = language.get("nav_translations") if isinstance(language, dict) else None
            for title in translations_map or {}:
                if str(title) not in titles:
                    errors.append(ContentError(path, line_of(translations_map, title) - 0, (
                        f"nav_translations: '{title}' is geen titel in de nav (tikfout?)")))
    for page in sorted((docs_dir / lang).rglob("*.md")) if listed else []:
        key = page.relative_to(docs_dir / lang).as_posix()
        if key not in listed:
            errors.append(ContentError(display_path(page, docs_dir.parent), 1,
                                       "staat niet in de nav van mkdocs.yml: zet de pagina in de nav, of haal haar weg"))
    return errors


def _routes_terminology(ctx: Context) -> list[ContentError]:
    """The English text of the help routes speaks the edition's terminology too."""
    file = ctx.root / "data" / "routes.yml"
    if not file.is_file():
        return []
    shown = display_path(file, ctx.root)
    try:
        doc = load_data_file(file, shown)
    except ContentErrors as problem:
        return problem.errors  # load_context reports them too; sorted_errors keeps one of each
    return terminology.check_data_text(terminology.english_strings(doc), shown, ctx.terms)


def _existing(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if p.exists()]


def _abbreviation_problems(lang: str, ctx: Context) -> list[ContentError]:
    file = abbreviations.abbreviations_file(lang, ctx.root / "includes")
    shown = display_path(file, ctx.root)
    try:
        text = read_text(file, shown)
    except ContentError as error:
        return [error]
    _, errors = abbreviations.parse(text, shown)
    return errors + routes.typed_numbers(text, ctx.routes, shown)


# ---------------------------------------------------------------------------------------------
# Rendering, after the checks
# ---------------------------------------------------------------------------------------------

@dataclass
class PageLinks:
    """Where a page's generated links point (relative to the page)."""

    report: str  # the page about the report (quotes' captions)
    overview: str  # Bronverantwoording (source lines' § links)


def render(src: Source, ctx: Context, links: PageLinks, generated: Mapping[str, Callable[[Directive], str]] = (),
           placeholders: dict[str, str] | None = None) -> str:
    """The page's Markdown for MkDocs: directives expanded in one pass, quotes as placeholders
    (their HTML goes in after Markdown: `quotes.fill_placeholders`), abbreviations appended."""
    _, body, offset = src.parts
    handlers: dict[str, Callable[[Directive], str]] = {
        "bron": lambda d: _bron(d.argument, src.lang, links.overview),
        **routes.handlers(ctx.routes, src.lang),
        "rapportlinks": lambda d: render_report_links(ctx.report_links, src.lang),
        "weglating": lambda d: "",  # a reviewer's note for the build, not for readers
        # The training module's plans, answer keys and exercises (data/training.yml) hold source
        # lines and route numbers: the same pass expands them.
        "training": lambda d: expand(_training(src)(d), handlers, src.path),
    }
    # Generated Markdown (Stemmen van ouders) holds source lines: the same pass expands them.
    for name, make in dict(generated).items():
        handlers[name] = lambda d, make=make: expand(make(d), handlers, src.path)
    expanded = expand(body, handlers, src.path, offset)
    rendered, errors = quotes.render_page(expanded, src.path, links.report, src.lang,
                                          placeholders=placeholders, line_offset=offset, register=ctx.translations)
    if errors:
        raise ContentErrors(errors)
    text, problems = abbreviations.definitions(src.lang, ctx.root / "includes")
    if problems:
        raise ContentErrors(problems)
    return rendered + "\n\n" + text + "\n"


def _training(src: Source) -> Callable[[Directive], str]:
    return lambda d: training_text.directive(d.argument, src.lang, src.path)


def _bron(argument: str, lang: str, overview: str) -> str:
    refs = sources.parse_bron(argument)
    problems = sources.unknown_sections(refs)
    if problems:
        raise ValueError(problems[0])
    return sources.render_bron(refs, lang, overview, _openings(), sources.report_sections())


@lru_cache(maxsize=1)
def _openings() -> dict:
    """How each § of the report begins: one tap on a source line shows it."""
    return sources.section_openings()


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

def sorted_errors(errors: Iterable[ContentError]) -> list[ContentError]:
    """By file and line, each problem once."""
    return sorted(_unique(errors), key=lambda e: (e.path, e.line, e.reason))


def _unique(errors: Iterable[ContentError]) -> list[ContentError]:
    return list(dict.fromkeys(errors))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
