"""Traceability: every section of the handbook names its source.

Syntax (the first line under every H2 of a content page):
    {{ bron: §3.2, §4.3 }}                              report sections
    {{ bron: Veilig Thuis | https://www.veiligthuis.nl }}  a named external source
    {{ bron: §3.3; Politie | https://www.politie.nl }}   both, parts separated by `;`
`§1` … `§5.3` and `Bijlage` are the report's chapters and sections (scripts/content/report_text.py).

A page about the site itself or a generated page sets `bron: vrij` in its front matter: its H2s
need no source line (source lines it does have are still checked).

Pure functions; scripts/hooks/sources_hook.py renders the line and the Bronverantwoording page.
"""
from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence, Union

from markdown.extensions.toc import slugify

from scripts.content.directives import DIRECTIVE, iter_directives
from scripts.content.errors import ContentError
from scripts.content.quotes import SEARCH_EXCLUDE
from scripts.content.readability import clean_inline
from scripts.content.source_text import code_lines, read_text, split_front_matter
from scripts.content.report_text import APPENDIX, load_report

EXEMPT_KEY, EXEMPT_VALUE = "bron", "vrij"
OVERVIEW_PAGE = "bronverantwoording.md"  # in each language folder
# The report's sections every handbook must draw on (issue 5): §2.1 up to and including §5.2.
REQUIRED_RANGE = ((2, 1), (5, 2))

SECTION_REF = re.compile(r"§\s*(\d+(?:\.\d+)*)\.?$")
URL = re.compile(r"https?://[^\s|;]+$")
H2 = re.compile(r"^##(?!#)\s+(.+?)\s*#*\s*$")
# Python-Markdown needs no space after the #s: "##Waar" is an H2 too.
ATX = re.compile(r"^(#{1,6})(?!#)[ \t]*(.+?)\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")

TEXT = {
    "nl": {"one": "Bron", "many": "Bronnen", "report": "Ouders aan het woord",
           "unused": "Nog niet gebruikt in dit handboek.", "external": "Externe bronnen",
           "none": "Geen externe bronnen.", "others": "{n} andere bronnen", "count": "{n} bronnen",
           "says": "Zo begint {section} in het rapport:", "where": "Waar dit handboek {section} gebruikt"},
    "en": {"one": "Source", "many": "Sources", "report": "Ouders aan het woord",
           "unused": "Not used in this handbook yet.", "external": "External sources",
           "none": "No external sources.", "others": "{n} other sources", "count": "{n} sources",
           "says": "How {section} of the report begins (in Dutch):", "where": "Where this handbook uses {section}"},
}
# A source line's summary names at most this many outside sources; more are counted.
SUMMARY_EXTERNALS = 2
# How much of a report section the source line shows: its opening, cut at a sentence end.
OPENING_WORDS = 45
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")


@dataclass(frozen=True)
class ReportRef:
    section: str  # "3.2", "3" or "Bijlage"


@dataclass(frozen=True)
class ExternalRef:
    name: str
    url: str


Ref = Union[ReportRef, ExternalRef]


# ---------------------------------------------------------------------------------------------
# The directive
# ---------------------------------------------------------------------------------------------

def parse_bron(argument: str) -> tuple[Ref, ...]:
    """`§3.2, §4.3; Politie | https://www.politie.nl` → refs in order. ValueError if malformed."""
    refs: list[Ref] = []
    if not argument.strip():
        raise ValueError("lege bron: schrijf bijv. {{ bron: §3.2 }}")
    for part in argument.split(";"):
        part = part.strip()
        if "|" in part:
            name, _, url = (p.strip() for p in part.partition("|"))
            if not name or not URL.fullmatch(url):
                raise ValueError(f"externe bron '{part}' moet 'Naam | https://…' zijn")
            refs.append(ExternalRef(name, url))
            continue
        for item in part.split(","):
            item = item.strip()
            if item.lower() == APPENDIX.lower():
                refs.append(ReportRef(APPENDIX))
                continue
            match = SECTION_REF.fullmatch(item)
            if not match:
                raise ValueError(
                    f"'{item}' is geen bron: gebruik §3.2, Bijlage of 'Naam | https://…'"
                )
            refs.append(ReportRef(match.group(1)))
    return tuple(refs)


def report_sections() -> dict[str, str]:
    """Section number → title, from the one report parser (scripts/content/report_text.py)."""
    return load_report().sections


def section_anchor(section: str) -> str:
    """The id of a report section on the Bronverantwoording page: `par-3-2`, `bijlage`."""
    return "bijlage" if section == APPENDIX else "par-" + section.replace(".", "-")


def section_label(section: str) -> str:
    return APPENDIX if section == APPENDIX else f"§{section}"


def unknown_sections(refs: Sequence[Ref], known: Iterable[str] | None = None) -> list[str]:
    """A reason per report section in `refs` that the report does not have."""
    known = set(report_sections() if known is None else known)
    return [
        f"§{r.section} bestaat niet in het rapport (wel: {', '.join(section_label(s) for s in known_sorted(known))})"
        for r in refs if isinstance(r, ReportRef) and r.section not in known
    ]


def opening(text: str, max_words: int = OPENING_WORDS) -> str:
    """The first sentences of `text` up to `max_words` words; `…` marks that more follows.
    A first sentence longer than that is cut at a word."""
    sentences = re.split(r"(?<=[.?!])\s+", " ".join(text.split()))
    words: list[str] = []
    for sentence in sentences:
        more = sentence.split()
        if words and len(words) + len(more) > max_words:
            break
        words += more
    cut = len(words) > max_words or len(words) < len(text.split())
    return " ".join(words[:max_words]) + (" …" if cut else "")


def section_openings(report=None, max_words: int = OPENING_WORDS) -> dict[str, str]:
    """Section number → the opening of the authors' own text there (`4` has none of its own:
    the opening of its first section with text)."""
    report = report or load_report()
    first: dict[str, str] = {}
    for block in report.prose:
        first.setdefault(block.section, block.text)
    out = {}
    for number in report.sections:
        text = first.get(number) or next(
            (t for s, t in first.items() if s.startswith(number + ".")), None)
        if text:
            out[number] = opening(text, max_words)
    return out


def _escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def render_bron(refs: Sequence[Ref], lang: str, overview_link: str,
                openings: dict[str, str] | None = None, titles: dict[str, str] | None = None) -> str:
    """The source line under a heading, as Markdown: a quiet, collapsed `<details>`.

    The summary names the source in one short line; one tap opens, on the same page, how each
    cited report section begins (`openings`, the report's own words) with a link to everywhere
    the handbook uses it, and the outside sources as links.

    Paper gets a plain `<p class="bron bron--print">` instead (bron_text: addresses written out;
    hidden on screen, out of the search index): Chromium's print layout neither keeps a
    `<details>` with the paragraph after it nor puts its text in reading order in the PDF.
    """
    text = TEXT[lang]
    openings, titles = openings or {}, titles or {}
    report = [r for r in refs if isinstance(r, ReportRef)]
    external = [r for r in refs if isinstance(r, ExternalRef)]
    summary = []
    # The report's section titles are Dutch: marked so on another language's page (a screen reader
    # or the read-aloud voice then reads them as Dutch, issue 32); its name is marked everywhere.
    dutch = (lambda words: f'<span lang="nl">{words}</span>') if lang != "nl" else (lambda words: words)
    if report:
        summary.append(f"*{text['report']}*, " + ", ".join(section_label(r.section) for r in report))
    if len(external) <= SUMMARY_EXTERNALS:
        summary += [_escape(r.name) for r in external]
    else:  # a line of seven names is noise: count them, the open line lists them
        summary.append(text["others" if report else "count"].format(n=len(external)))
    label = text["one"] if len(report) + len(external) == 1 else text["many"]
    body = []
    for ref in report:
        name = section_label(ref.section)
        title = titles.get(ref.section)
        body.append(f"**{name}{' ' + dutch(_escape(title)) if title else ''}**")
        if ref.section in openings:
            body += [text["says"].format(section=name),
                     f"‘{_escape(openings[ref.section])}’\n{{: .bron__excerpt lang=nl }}"]
        body.append(f"[{text['where'].format(section=name)}]({overview_link}#{section_anchor(ref.section)})")
    body += [f"[{_escape(r.name)}]({r.url})" for r in external]
    return "\n\n".join([
        # Out of the search index: a source line answers no parent's question, and its report
        # openings are Dutch on English pages too.
        "", '<details class="bron" markdown data-search-exclude>',
        f'<summary markdown="span">{label}: {"; ".join(summary)}</summary>',
        *body, "</details>",
        f'<p class="bron bron--print" {SEARCH_EXCLUDE}>{html.escape(bron_text(refs, lang), quote=False)}</p>', "",
    ]) + "\n"


def bron_text(refs: Sequence[Ref], lang: str) -> str:
    """The source line as plain text, for print (leaflets): addresses written out, no links.
    `Bron: Ouders aan het woord, §3.2, §4.3; Politie (https://www.politie.nl)`."""
    text = TEXT[lang]
    report = [section_label(r.section) for r in refs if isinstance(r, ReportRef)]
    parts = ([f"{text['report']}, " + ", ".join(report)] if report else [])
    parts += [f"{r.name} ({r.url})" for r in refs if isinstance(r, ExternalRef)]
    return f"{text['one'] if len(parts) == 1 else text['many']}: " + "; ".join(parts)


# ---------------------------------------------------------------------------------------------
# Pages: headings, source lines, checks
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str
    anchor: str
    explicit_id: bool = False  # the writer gave `{#id}`


@dataclass(frozen=True)
class Citation:
    """One source line: where it is, the H2 it belongs to (None above the first H2), its refs."""

    path: str
    line: int
    heading: Heading | None
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class PageSources:
    path: str
    title: str
    exempt: bool
    headings: tuple[Heading, ...]
    citations: tuple[Citation, ...]
    errors: tuple[ContentError, ...]


def _headings(lines: list[str], first_line: int) -> list[Heading]:
    """ATX headings outside code, with the ids Python-Markdown's toc extension gives them."""
    out: list[Heading] = []
    used: set[str] = set()
    code = code_lines(lines).code
    for index, line in enumerate(lines):
        match = None if index in code else ATX.match(line)
        if not match:
            continue
        title = match.group(2)
        explicit = EXPLICIT_ID.search(title)
        title = EXPLICIT_ID.sub("", title)
        anchor = explicit.group(1) if explicit else slugify(clean_inline(title), "-")
        if not explicit:
            base, n = anchor, 0
            while anchor in used:  # the toc extension's rule for repeated titles
                n += 1
                anchor = f"{base}_{n}"
        used.add(anchor)
        out.append(Heading(first_line + index, len(match.group(1)), clean_inline(title), anchor, bool(explicit)))
    return out


def scan_page(source: str, path: str, sections: Iterable[str] | None = None) -> PageSources:
    """Read a page's source (front matter included) once: its H2s, source lines and problems.

    Problems: an H2 without a source line directly under it (unless the page is exempt), a
    malformed source line, a report section that does not exist. Lines are file lines.
    """
    known = set(report_sections() if sections is None else sections)
    try:
        meta, body, offset = split_front_matter(source)
    except ValueError as error:
        return PageSources(path, "", False, (), (), (ContentError(path, 1, str(error)),))
    exempt = meta.get(EXEMPT_KEY) == EXEMPT_VALUE
    lines = body.split("\n")
    headings = _headings(lines, offset + 1)
    errors: list[ContentError] = []
    citations: list[Citation] = []
    # A source line belongs to the last H1/H2 above it (a bisect: a long page stays linear).
    sections = [h for h in headings if h.level <= 2]
    section_lines = [h.line for h in sections]
    for directive in iter_directives(body):
        if directive.name != "bron":
            continue
        line = offset + directive.line
        try:
            refs = parse_bron(directive.argument)
        except ValueError as error:
            errors.append(ContentError(path, line, str(error)))
            continue
        errors += [ContentError(path, line, reason) for reason in unknown_sections(refs, known)]
        above = bisect.bisect_left(section_lines, line)
        heading = sections[above - 1] if above else None
        citations.append(Citation(path, line, heading if heading and heading.level == 2 else None, refs))
    if not exempt:
        for heading in (h for h in headings if h.level == 2):
            under = _first_text_line(lines, heading.line - offset)
            if under is None or not _is_bron_line(lines[under - 1]):
                errors.append(ContentError(
                    path, heading.line,
                    f"kop '{heading.title}' heeft geen bron: zet {{{{ bron: §… }}}} op de regel eronder"))
    title = next((h.title for h in headings if h.level == 1), meta.get("title", ""))
    return PageSources(path, title, exempt, tuple(headings), tuple(citations), tuple(errors))


def _first_text_line(lines: list[str], heading_line: int) -> int | None:
    """1-based body line of the first non-blank line after the heading."""
    for index in range(heading_line, len(lines)):
        if lines[index].strip():
            return index + 1
    return None


def _is_bron_line(line: str) -> bool:
    match = DIRECTIVE.fullmatch(line.strip())
    return bool(match) and match.group(1) == "bron"


def known_sorted(sections: Iterable[str]) -> list[str]:
    return sorted(sections, key=lambda s: (99,) if s == APPENDIX else tuple(int(x) for x in s.split(".")))


@lru_cache(maxsize=256)
def _scan_file(path: str, mtime_ns: int, display: str) -> PageSources:
    return scan_page(read_text(path, display), display)


def scan_language(lang_dir: Path, root: Path | None = None) -> dict[str, PageSources]:
    """Every page of one language folder, keyed by its path inside it (`professionals/x.md`).
    Cached per file version, so each build reads a page once."""
    out = {}
    for file in sorted(lang_dir.rglob("*.md")):
        display = str(file.relative_to(root)) if root else str(file)
        out[file.relative_to(lang_dir).as_posix()] = _scan_file(str(file), file.stat().st_mtime_ns, display)
    return out


# ---------------------------------------------------------------------------------------------
# The Bronverantwoording page
# ---------------------------------------------------------------------------------------------

def nav_order(nav) -> list[str]:
    """The page files of mkdocs.yml's `nav`, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_order(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in nav_order(item)]
    return []


def in_reading_order(pages: dict[str, PageSources], nav) -> dict[str, PageSources]:
    """Pages as the nav lists them (pages outside the nav last), so the overview reads like
    the handbook."""
    order = {path: index for index, path in enumerate(nav_order(nav))}
    return dict(sorted(pages.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))

def cited_sections(pages: dict[str, PageSources]) -> dict[str, list[tuple[str, Citation]]]:
    """Report section → [(page key, citation)], in page order."""
    out: dict[str, list[tuple[str, Citation]]] = {}
    for key, page in pages.items():
        for citation in page.citations:
            for ref in citation.refs:
                if isinstance(ref, ReportRef):
                    out.setdefault(ref.section, []).append((key, citation))
    return out


def external_sources(pages: dict[str, PageSources]) -> dict[tuple[str, str], list[tuple[str, Citation]]]:
    out: dict[tuple[str, str], list[tuple[str, Citation]]] = {}
    for key, page in pages.items():
        for citation in page.citations:
            for ref in citation.refs:
                if isinstance(ref, ExternalRef):
                    out.setdefault((ref.name, ref.url), []).append((key, citation))
    return out


def missing_required(pages: dict[str, PageSources], sections: Iterable[str] | None = None) -> list[str]:
    """Report sections from §2.1 to §5.2 that no handbook section cites."""
    low, high = REQUIRED_RANGE
    cited = cited_sections(pages)
    return [
        s for s in known_sorted(report_sections() if sections is None else sections)
        if s != APPENDIX and s.count(".") == 1
        and low <= tuple(int(x) for x in s.split(".")) <= high and s not in cited
    ]


def _link(key: str, page: PageSources, citation: Citation, from_key: str) -> str:
    target = posixpath.relpath(key, posixpath.dirname(from_key) or ".")
    if citation.heading is None:
        return f"[{page.title}]({target})"
    return f"[{page.title} › {citation.heading.title}]({target}#{citation.heading.anchor})"


def _uses(uses: list[tuple[str, Citation]], pages: dict[str, PageSources], from_key: str) -> list[str]:
    seen, out = set(), []
    for key, citation in uses:
        item = _link(key, pages[key], citation, from_key)
        if item not in seen:
            seen.add(item)
            out.append(f"- {item}")
    return out


def render_overview(pages: dict[str, PageSources], lang: str, from_key: str = OVERVIEW_PAGE,
                    sections: dict[str, str] | None = None) -> str:
    """Every report section (chapters as H2, sections as H3, with ids `par-3-2`) with the
    handbook sections that cite it, then the external sources."""
    text = TEXT[lang]
    sections = report_sections() if sections is None else sections
    cited = cited_sections(pages)
    out: list[str] = []
    for number in known_sorted(sections):
        level = "##" if "." not in number else "###"
        out += [f"{level} {section_label(number)} {sections[number]} {{#{section_anchor(number)}}}", ""]
        out += _uses(cited.get(number, []), pages, from_key) or [text["unused"]]
        out.append("")
    out += [f"## {text['external']} {{#externe-bronnen}}", ""]
    externals = external_sources(pages)
    if not externals:
        out += [text["none"], ""]
    for (name, url), uses in sorted(externals.items(), key=lambda kv: kv[0][0].lower()):
        out += [f"[{name}]({url})", ""] + _uses(uses, pages, from_key) + [""]
    return "\n".join(out)
