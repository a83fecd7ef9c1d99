"""Plain-language gate: how easy is a handbook page to read?

Per page we measure the prose a reader reads — not the front matter, directives, parents' quotes
(their words stay as they are), code, HTML, table pipes, link URLs or abbreviation definitions —
and compute words per sentence, the share of sentences over 20 words and a Flesch score:
Flesch–Douma for Dutch, Flesch reading ease for English. Syllables come from pyphen's
hyphenation dictionaries (`nl_NL`, `en_US`).

Who is held to the bar is set in a page's front matter, `audience:`
  parents             Dutch pages are held to THRESHOLDS; English pages are reported only
  professionals       measured and reported, never held to the bar
  meta                generated or meta pages (e.g. Bronverantwoording): reported, not held
Without the key a page in a `professionals/` folder is for professionals, any other for parents.

CLI: python scripts/content/readability.py [--long] [PATH ...]   (default docs/nl docs/en)
     exit 0 all bars met, 1 a Dutch parent page is below the bar, 2 usage/file error.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

if __package__ in (None, ""):  # run as `python scripts/content/readability.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content.errors import ContentError  # noqa: E402
from scripts.content.source_text import code_lines, display_path, language_of, read_text, split_front_matter  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATHS = ("docs/nl", "docs/en")
LONG_SENTENCE = 20  # a sentence with more words than this is "long"
AUDIENCES = ("parents", "professionals", "meta")


@dataclass(frozen=True)
class Thresholds:
    max_words_per_sentence: float = 13.0
    max_long_share: float = 0.05
    min_score: float = 65.0


THRESHOLDS = Thresholds()
PYPHEN_LANG = {"nl": "nl_NL", "en": "en_US"}


# ---------------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------------

def page_audience(meta: dict, path: str = "") -> str:
    default = "professionals" if "professionals" in Path(path).parts[:-1] else "parents"
    audience = meta.get("audience", default)
    if audience not in AUDIENCES:
        raise ValueError(f"audience '{audience}' bestaat niet (kies uit {', '.join(AUDIENCES)})")
    return audience


# ---------------------------------------------------------------------------------------------
# Prose extraction: Markdown → units (heading, paragraph, list item, table cell) with their line
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    line: int
    text: str


# Whole blocks whose text is not read as prose: drawings, scripts, styles, comments.
SKIPPED_BLOCKS = [
    (re.compile(r"<svg\b", re.I), re.compile(r"</svg>", re.I)),
    (re.compile(r"<script\b", re.I), re.compile(r"</script>", re.I)),
    (re.compile(r"<style\b", re.I), re.compile(r"</style>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
]
BLOCKQUOTE = re.compile(r"^\s*>")
DIRECTIVE_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")
ABBREVIATION_DEF = re.compile(r"^\s*\*\[[^\]]+\]:")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:\"(.*)\")?\s*$")
DEF_DESCRIPTION = re.compile(r"^\s*:\s+")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

DIRECTIVE = re.compile(r"\{\{.*?\}\}")
INLINE_CODE = re.compile(r"`[^`]*`")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
BARE_URL = re.compile(r"\bhttps?://\S+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:?\s*\w+=[^}]*\}")
EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})")


def _blank_blocks(lines: list[str]) -> list[str]:
    """Blank out code fences, drawings, comments and blockquotes, keeping line numbers."""
    code = code_lines(lines).code
    out = ["" if i in code else line for i, line in enumerate(lines)]
    i = 0
    while i < len(out):
        line = out[i]
        for start, end in SKIPPED_BLOCKS:
            found = start.search(line)
            if found:
                j = i
                while j < len(out) and not end.search(out[j], found.end() if j == i else 0):
                    j += 1
                for k in range(i, min(j + 1, len(out))):
                    out[k] = ""
                break
        # Blockquotes hold parents' (or the report's) own words: never measured, never edited.
        # A directive on a line of its own is a block (a source line, a route card), not prose.
        if (
            BLOCKQUOTE.match(out[i])
            or ABBREVIATION_DEF.match(out[i])
            or REFERENCE_DEF.match(out[i])
            or DIRECTIVE_LINE.match(out[i])
        ):
            out[i] = ""
        i += 1
    return out


def clean_inline(text: str) -> str:
    """Markdown/HTML markup out, readable words in: link text stays, URLs and directives go."""
    text = DIRECTIVE.sub(" ", text)
    text = INLINE_CODE.sub(" ", text)
    text = IMAGE.sub(" ", text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(" ", text)
    text = BARE_URL.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = ATTR_LIST.sub(" ", text)
    text = EMPHASIS.sub("", text)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([.,!?;:])", r"\1", text).strip()


def prose_units(markdown: str, first_line: int = 1) -> list[Unit]:
    """The page's prose as units a reader takes as separate: headings, paragraphs, list items,
    table cells, admonition titles and definition terms/descriptions. `first_line` is the file
    line of the markdown's first line."""
    units: list[Unit] = []
    current: list[str] = []
    current_line = 0

    def flush() -> None:
        nonlocal current
        text = clean_inline(" ".join(current))
        if text:
            units.append(Unit(current_line, text))
        current = []

    for index, line in enumerate(_blank_blocks(markdown.split("\n"))):
        number = first_line + index
        if not line.strip():
            flush()
            continue
        if TABLE_SEPARATOR.match(line) and "|" in line:
            continue
        if line.strip().startswith("|") or (current == [] and line.count("|") >= 2):
            flush()
            for cell in line.strip().strip("|").split("|"):
                text = clean_inline(cell)
                if text:
                    units.append(Unit(number, text))
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(1):
                units.append(Unit(number, clean_inline(admonition.group(1))))
            continue
        heading = HEADING.match(line)
        starts_unit = heading or LIST_ITEM.match(line) or DEF_DESCRIPTION.match(line)
        if starts_unit:
            flush()
            line = line[starts_unit.end():]
        if not current:
            current_line = number
        current.append(line.strip())
        if heading:
            flush()  # a heading is always one line
    flush()
    return units


# ---------------------------------------------------------------------------------------------
# Sentences, words, syllables
# ---------------------------------------------------------------------------------------------

# Abbreviations whose full stop does not end a sentence (lower-cased, without the final dot).
ABBREVIATIONS = frozenset("""
    bijv bv bijvoorbeeld o.a a.u.b d.w.z enz etc e.d m.a.w i.p.v t.o.v n.a.v m.b.t i.v.m z.s.m
    ca incl excl evt resp nl mr dr drs ir ing prof mevr dhr blz nr tel vs jr sr st p pp zgn
    e.g i.e approx no mrs ms
""".split())
SENTENCE_END = re.compile(r"[.!?…]+[’”'\")\]]*(?=\s+)")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def split_sentences(text: str) -> list[str]:
    """Split a unit at . ! ? … followed by a space, unless the dot ends a known abbreviation
    ("bijv.", "o.a."), an initial ("J.") or the next word starts in lower case."""
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()].split()
        last = before[-1].lower() if before else ""
        following = text[match.end():].lstrip()
        if match.group(0).startswith(".") and match.group(0).rstrip("’”'\")]") == ".":
            if last.strip("(‘“'\"") in ABBREVIATIONS or re.fullmatch(r"\(?[a-z]", last):
                continue
        if following[:1].islower():
            continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if WORD.search(s)]


def words(sentence: str) -> list[str]:
    return WORD.findall(sentence)


@lru_cache(maxsize=None)
def _dictionary(language: str):
    import pyphen

    # Dutch patterns are sound down to one letter at a word edge ("o-ver"); the English ones
    # then invent breaks ("y-our"), so English keeps pyphen's default of two.
    edge = 1 if language == "nl" else 2
    return pyphen.Pyphen(lang=PYPHEN_LANG[language], left=edge, right=edge)


@lru_cache(maxsize=65536)
def syllables(word: str, language: str) -> int:
    """Syllables per the hyphenation dictionary; parts of a hyphenated word are summed.
    A token without letters (a number) counts as one syllable."""
    total = 0
    for part in re.split(r"[-'’]", word):
        if not part:
            continue
        if not any(c.isalpha() for c in part):
            total += 1
            continue
        total += len(_dictionary(language).positions(part.lower())) + 1
    return max(total, 1)


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    words: int


@dataclass(frozen=True)
class Measurement:
    path: str
    language: str
    audience: str
    sentences: tuple[Sentence, ...]
    words: int
    syllables: int

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentence_count if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def long_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.words > LONG_SENTENCE)

    @property
    def long_share(self) -> float:
        return len(self.long_sentences) / self.sentence_count if self.sentences else 0.0

    @property
    def score(self) -> float:
        """Flesch–Douma (nl) or Flesch reading ease (en)."""
        if not self.words:
            return 0.0
        if self.language == "nl":
            return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word

    @property
    def held_to_bar(self) -> bool:
        """Only Dutch pages for parents must pass; English is reported only (issue 9.6)."""
        return self.language == "nl" and self.audience == "parents"


def measure_text(markdown: str, language: str, path: str = "<text>", audience: str | None = None) -> Measurement:
    """Measure a page's Markdown. `audience` overrides the front matter (for tests)."""
    meta, body, offset = split_front_matter(markdown)
    audience = audience or page_audience(meta, path)
    sentences: list[Sentence] = []
    syllable_total = 0
    for unit in prose_units(body, first_line=offset + 1):
        for text in split_sentences(unit.text):
            found = words(text)
            sentences.append(Sentence(unit.line, text, len(found)))
            syllable_total += sum(syllables(w, language) for w in found)
    return Measurement(path, language, audience, tuple(sentences), sum(s.words for s in sentences), syllable_total)


def measure_file(path: Path) -> Measurement:
    shown = display_path(path)
    return measure_text(read_text(path, shown), language_of(path), shown)


def reasons(m: Measurement, bar: Thresholds = THRESHOLDS) -> list[str]:
    """Why a page is below the bar, one figure each; empty when it passes or is not held."""
    if not m.held_to_bar or not m.sentences:
        return []
    found = []
    if m.words_per_sentence > bar.max_words_per_sentence:
        found.append(f"gemiddeld {m.words_per_sentence:.1f} woorden per zin (max {bar.max_words_per_sentence:g})")
    if m.long_share > bar.max_long_share:
        found.append(
            f"{m.long_share:.0%} zinnen langer dan {LONG_SENTENCE} woorden "
            f"({len(m.long_sentences)} van {m.sentence_count}; max {bar.max_long_share:.0%})"
        )
    if m.score < bar.min_score:
        found.append(f"Flesch–Douma {m.score:.1f} (min {bar.min_score:g})")
    return found


def problems(m: Measurement, bar: Thresholds = THRESHOLDS) -> list[str]:
    """`path: reason` per figure below the bar."""
    return [f"{m.path}: {reason}" for reason in reasons(m, bar)]


def page_errors(m: Measurement, bar: Thresholds = THRESHOLDS) -> list[ContentError]:
    """A page below the bar as content errors: the figures (line 1), then each long sentence."""
    found = reasons(m, bar)
    if not found:
        return []
    return ([ContentError(m.path, 1, f"onder de B1-lat voor ouders: {reason}") for reason in found]
            + [ContentError(m.path, s.line, f"zin van {s.words} woorden: knip hem in tweeën") for s in m.long_sentences])


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------

def collect_pages(paths: Iterable[str]) -> list[Path]:
    pages: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pages.extend(sorted(path.rglob("*.md")))
        elif path.is_file():
            pages.append(path)
        else:
            raise FileNotFoundError(raw)
    return pages


def format_table(measurements: Sequence[Measurement]) -> str:
    header = f"{'pagina':<50} {'doel':<13} {'zinnen':>6} {'woorden':>7} {'w/zin':>6} {'>20':>5} {'lett/w':>6} {'score':>6}  {'':<4}"
    rows = [header, "-" * len(header)]
    for m in measurements:
        if m.held_to_bar:
            status = "ok" if not problems(m) else "TE MOEILIJK"
        else:
            status = "(FRE)" if m.language == "en" else "(info)"
        rows.append(
            f"{m.path:<50} {m.audience:<13} {m.sentence_count:>6} {m.words:>7} {m.words_per_sentence:>6.1f} "
            f"{m.long_share:>5.0%} {m.syllables_per_word:>6.2f} {m.score:>6.1f}  {status}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet de leesbaarheid van handboekpagina's.")
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS), help="pagina's of mappen")
    parser.add_argument("--long", action="store_true", help="toon elke zin van meer dan 20 woorden")
    args = parser.parse_args(argv)
    try:
        pages = collect_pages(args.paths)
        measurements = [measure_file(p) for p in pages]
    except FileNotFoundError as error:
        print(f"bestand of map niet gevonden: {error}", file=sys.stderr)
        return 2
    except (ValueError, ContentError) as error:
        print(f"kan pagina niet lezen: {error}", file=sys.stderr)
        return 2
    print(format_table(measurements))
    failures = [line for m in measurements for line in problems(m)]
    for m in measurements:
        if args.long or problems(m):
            for s in m.long_sentences:
                print(f"{m.path}:{s.line}: zin van {s.words} woorden: {s.text[:80]}…")
    if failures:
        print("\nOnder de lat (B1 voor ouders):")
        print("\n".join(failures))
        print("Tip: knip lange zinnen in tweeën en kies kortere woorden. Citaten tellen niet mee.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
