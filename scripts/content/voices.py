"""Stemmen van ouders: every verified parent quote of one language, gathered on one page.

`{{ stemmen }}` on docs/<lang>/professionals/stemmen-van-ouders.md expands to all parents' words
used anywhere in that language's handbook, grouped the way a trainer looks for them:
- by dimension, from the report section the words were found in (§3.2/§4.2 Understanding,
  §3.3/§4.3 Empowerment, §3.4/§4.4 Resilience, anything else "Overig");
- by phase: chapter 3 (before professionals became involved) or chapter 4 (after), or elsewhere.
Each quote is shown once, with a link to every place in the handbook where it is used.

Nothing is parsed twice: quotes come from scripts/content/quotes.py (which verifies them against the
report), headings and their anchors from scripts/content/source_lines.py. The output is Markdown in the
shared quote syntax, so the quotes feature renders and re-verifies it like any other page.
Only parents' words are gathered: the report authors' prose and other sources are not voices.
"""
from __future__ import annotations

import bisect
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from scripts.content import quotes
from scripts.content import source_lines as sources
from scripts.content.source_text import read_text
from scripts.content.report_text import load_report

DIRECTIVE_NAME = "stemmen"
PAGE = "professionals/stemmen-van-ouders.md"  # in each language folder

# Dimension → the report sections that discuss it (chapter 3: before, chapter 4: after).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "begrijpen": ("3.2", "4.2"),
    "grip": ("3.3", "4.3"),
    "volhouden": ("3.4", "4.4"),
    "overig": (),
}
PHASES = {"3": "voor", "4": "na"}  # chapter → phase; any other chapter is "elders"

TEXT = {
    "nl": {
        "dimensions": {
            "begrijpen": "Begrijpen: *Understanding* tegenover *Confusion*",
            "grip": "Grip: *Empowerment* tegenover *Disempowerment*",
            "volhouden": "Volhouden: *Resilience* tegenover *Emotional turmoil*",
            "overig": "Overige uitspraken",
        },
        "short": {"begrijpen": "Begrijpen", "grip": "Grip", "volhouden": "Volhouden",
                  "overig": "Overig"},
        "phases": {
            "voor": "Voordat professionals betrokken waren (hoofdstuk 3)",
            "na": "Nadat professionals betrokken raakten (hoofdstuk 4)",
            "elders": "Elders in het rapport",
        },
        "phase_short": {"voor": "voor", "na": "na", "elders": "elders"},
        "used": "Gebruikt op",
        "parent": "ouder",
        "contents": "Snel naar",
        "count": ("uitspraak", "uitspraken"),
        "total": "{n} uitspraken van {parents} ouders, op {pages} pagina’s van dit handboek.",
        "per_parent": "Per ouder",
        "none": "Er staan nog geen uitspraken van ouders in dit handboek.",
    },
    "en": {
        "dimensions": {
            "begrijpen": "*Understanding* versus *Confusion*",
            "grip": "*Empowerment* versus *Disempowerment*",
            "volhouden": "*Resilience* versus *Emotional turmoil*",
            "overig": "Other quotes",
        },
        "short": {"begrijpen": "Understanding", "grip": "Empowerment", "volhouden": "Resilience",
                  "overig": "Other"},
        "phases": {
            "voor": "Before professionals became involved (chapter 3)",
            "na": "After professionals became involved (chapter 4)",
            "elders": "Elsewhere in the report",
        },
        "phase_short": {"voor": "before", "na": "after", "elders": "elsewhere"},
        "used": "Used on",
        "parent": "parent",
        "contents": "Go to",
        "count": ("quote", "quotes"),
        "total": "{n} quotes from {parents} parents, on {pages} pages of this handbook.",
        "per_parent": "Per parent",
        "none": "This handbook does not quote any parents yet.",
    },
}


@dataclass(frozen=True)
class Use:
    """One place a quote appears: a handbook page (key inside the language folder) and section."""

    page: str  # e.g. "signalen.md"
    page_title: str
    heading: str | None = None
    anchor: str | None = None


@dataclass
class Voice:
    """One parent quote as the handbook shows it, with every place it is used."""

    parent: int
    text: str  # the verified Dutch words, as written on the page
    section: str  # where in the report the words were found
    translation: str | None = None  # English pages: the translation as used there
    order: tuple[int, int] = (0, 0)  # report order of its passage, then first appearance
    uses: list[Use] = field(default_factory=list)

    @property
    def dimension(self) -> str:
        return dimension_of(self.section)

    @property
    def phase(self) -> str:
        return phase_of(self.section)


# ---------------------------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------------------------

def dimension_of(section: str) -> str:
    """`4.3` → `grip`; a section outside the three dimensions → `overig`."""
    return next((d for d, secs in DIMENSIONS.items() if section in secs), "overig")


def phase_of(section: str) -> str:
    """Chapter 3 → `voor` (before professionals), chapter 4 → `na` (after), else `elders`."""
    return PHASES.get(section.split(".")[0], "elders")


def _key(text: str) -> str:
    """The same words, however they were typed (quote marks, whitespace), are one quote."""
    return quotes.normalize(text).strip("'\" ")


def collect(pages: Mapping[str, str], language: str, source: str | Path | None = None) -> list[Voice]:
    """Every parent quote on `pages` (key → full source, in reading order), once, with its uses.

    Quotes are verified by scripts/content/quotes.py; an unverified quote is left out here (the quotes
    check fails the build on it anyway). Ordered as the report tells them.
    """
    passage_order = {p.id: i for i, p in enumerate(load_report(source).passages)}
    voices: dict[tuple[int, str], Voice] = {}
    seen = 0
    for key, text in pages.items():
        for quote, use in page_voices(key, text, language, source):
            voice = voices.get((quote.parent, _key(quote.text)))
            if voice is None:
                seen += 1
                voice = voices[(quote.parent, _key(quote.text))] = Voice(
                    quote.parent, quote.text, quote.section, quote.translation,
                    (passage_order.get(quote.passage_id, len(passage_order)), seen))
            if use not in voice.uses:
                voice.uses.append(use)
    return sorted(voices.values(), key=lambda v: v.order)


@lru_cache(maxsize=2048)
def page_voices(key: str, text: str, language: str,
                source: str | Path | None = None) -> tuple[tuple[quotes.Quote, Use], ...]:
    """One page's verified parent quotes, each with the heading it stands under. Cached: every
    voices page of a build (one per language; more in the benchmark's 10× handbook) reads
    every page of its language."""
    page = sources.scan_page(text, key)
    headings = [h for h in page.headings if h.level >= 2]
    lines = [h.line for h in headings]
    out = []
    for quote in quotes.verified_quotes(text, key, language, source):
        if quote.kind != "parent" or not quote.section:
            continue
        above = bisect.bisect_left(lines, quote.line)  # the last heading before the quote
        heading = headings[above - 1] if above else None
        out.append((quote, Use(key, page.title, heading.title if heading else None, heading.anchor if heading else None)))
    return tuple(out)


def group(voices: Iterable[Voice]) -> dict[str, dict[str, list[Voice]]]:
    """dimension → phase → voices, dimensions and phases in their fixed order, empty ones left out."""
    out: dict[str, dict[str, list[Voice]]] = {}
    for dimension in DIMENSIONS:
        for phase in (*PHASES.values(), "elders"):
            chosen = [v for v in voices if v.dimension == dimension and v.phase == phase]
            if chosen:
                out.setdefault(dimension, {})[phase] = chosen
    return out


# ---------------------------------------------------------------------------------------------
# Reading the pages of one language
# ---------------------------------------------------------------------------------------------

def read_pages(lang_dir: Path, nav=None, skip: Iterable[str] = (PAGE,)) -> dict[str, str]:
    """Every page of a language folder (key → source), in the nav's reading order."""
    skip = set(skip)
    order = {path: i for i, path in enumerate(sources.nav_order(nav or []))}
    keys = sorted((p.relative_to(lang_dir).as_posix() for p in lang_dir.rglob("*.md")),
                  key=lambda k: (order.get(k, len(order)), k))
    return {k: read_text(lang_dir / k) for k in keys if k not in skip}


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

def anchor(dimension: str, phase: str | None = None) -> str:
    """Stable ids in both languages: `begrijpen`, `begrijpen-na`."""
    return dimension if phase is None else f"{dimension}-{phase}"


def _count(n: int, language: str) -> str:
    one, many = TEXT[language]["count"]
    return f"{n} {one if n == 1 else many}"


def _sections(voices: Iterable[Voice]) -> str:
    found = sources.known_sorted({v.section for v in voices})
    return ", ".join(sources.section_label(s) for s in found)


def _quote(voice: Voice, language: str) -> list[str]:
    """The quote in the shared syntax, attribution with its section, so it is checked again."""
    attribution = f"> — {TEXT[language]['parent']} {voice.parent}, §{voice.section}"
    if language == "en" and voice.translation:
        return [f"> {voice.translation}", ">", f"> Original: {voice.text}", attribution]
    return [f"> {voice.text}", attribution]


def _use_link(use: Use, from_key: str) -> str:
    target = posixpath.relpath(use.page, posixpath.dirname(from_key) or ".")
    if use.anchor:
        return f"[{use.page_title} › {use.heading}]({target}#{use.anchor})"
    return f"[{use.page_title}]({target})"


def render(voices: list[Voice], language: str, from_key: str = PAGE) -> str:
    """The page body as Markdown: a summary, a small table of contents, then the groups."""
    text = TEXT[language]
    if not voices:
        return text["none"]
    grouped = group(voices)
    parents = sorted({v.parent for v in voices})
    pages = {u.page for v in voices for u in v.uses}
    out = [text["total"].format(n=len(voices), parents=len(parents), pages=len(pages)), ""]
    counts = ", ".join(f"{text['parent']} {p}: {sum(v.parent == p for v in voices)}" for p in parents)
    out += [f"{text['per_parent']}: {counts}.", ""]
    out += [f"**{text['contents']}:**", ""]
    for dimension, phases in grouped.items():
        links = " · ".join(f"[{text['phase_short'][phase]} ({len(chosen)})](#{anchor(dimension, phase)})"
                           for phase, chosen in phases.items())
        out.append(f"- [{text['short'][dimension]}](#{anchor(dimension)}): {links}")
    for dimension, phases in grouped.items():
        in_dimension = [v for chosen in phases.values() for v in chosen]
        out += ["", f"## {text['dimensions'][dimension]} {{#{anchor(dimension)}}}", "",
                f"{{{{ bron: {_sections(in_dimension)} }}}}"]
        for phase, chosen in phases.items():
            out += ["", f"### {text['phases'][phase]} {{#{anchor(dimension, phase)}}}", "",
                    _count(len(chosen), language) + "."]
            for voice in chosen:
                links = " · ".join(_use_link(u, from_key) for u in voice.uses)
                out += ["", *_quote(voice, language), "", f"{text['used']}: {links}", "{: .voice-uses }"]
    return "\n".join(out) + "\n"
