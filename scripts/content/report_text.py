"""The source report "Ouders aan het woord", parsed from its raw text extraction as it is.

`load_report()` turns sources/ouders-aan-het-woord.txt into what the handbook needs:
- `sections`: every section number with its title ("3.2" → "Understanding vs. Confusion"),
- `passages`: every parent's quoted passage with parent number and section; in interview
  fragments only the parent's (R) turns, the interviewer's (I) turns kept apart,
- `prose`: the report authors' own running text, per section.

The extraction's quirks (see sources/README.md) are undone here, once, so that every check
works on clean running text: blank lines dropped, hyphenated line breaks joined (real hyphens
kept), footnote bodies, footnote markers glued to words, repeated footnote URLs, page furniture,
figure labels and mid-text chapter titles removed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts.content.source_text import read_text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = ROOT / "sources" / "ouders-aan-het-woord.txt"

# The parents the report quotes; there is no parent 7.
PARENTS = (1, 2, 3, 4, 5, 6, 8, 9, 10)
APPENDIX = "Bijlage"

SECTION = re.compile(r"^(\d)\.(\d)\.?\s+(\S.*)$")  # "3.3. Empowerment …" has a stray dot
CHAPTER = re.compile(r"^(\d)\.\s+([A-Z][A-Z ,.\-]+?)\s*$")  # "3. IMPACT EN GEVOLGEN …"
APPENDIX_TITLE = re.compile(r"^BIJLAGE:?\s*$")
FURNITURE = re.compile(r"^OUDERS AAN HET WOORD\s*\|\s*\d+$")
URL_LINE = re.compile(r"^https?://\S+$")
FIGURE_CAPTION = re.compile(r"^Figuur \d+\s*[:–-]")
FOOTNOTE_START = re.compile(r"^(\d{1,2})\s+\S")
ATTRIBUTION = re.compile(r"\(ouder (\d+)\)")
TURN = re.compile(r"\((I|R)\)\s*")
# A footnote marker glued to the end of a word: "uitbuiting.1", "toegedicht21,", "201849.".
MARKER = r"(?<=[^\s\d(\[]){n}(?=[\s.,;:)\x00]|$)|(?<=\b(?:19|20)\d\d){n}(?=[\s.,;:)\x00]|$)"
VOWELS = set("aeiouy")
QUOTE_LINE = re.compile(r"^(?:‘|\((?:I|R)\)\s*‘)")
OPENS = "\x01"  # marks, inside joined text, where a source line opened a quote
FIGURE_LABEL_MAX = 34  # figure labels are short; running-text lines are ~55–95 characters
WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")


@dataclass(frozen=True)
class Passage:
    """One parent's quoted passage: the parent's own words only, in order.

    `turns` are the parent's separate stretches of speech: one for a plain quote, one per (R)
    turn in an interview fragment. `interviewer` holds the (I) turns, kept only so a check can
    say "these are the interviewer's words".
    """

    id: str
    parent: int
    section: str
    turns: tuple[str, ...]
    interviewer: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The passage as the handbook shows it: the parent's turns, omissions marked […]."""
        return " […] ".join(self.turns)


@dataclass(frozen=True)
class ProseBlock:
    """A stretch of the authors' own running text, never interrupted by a parent's quote."""

    section: str
    text: str


@dataclass
class Report:
    sections: dict[str, str]
    passages: list[Passage]
    prose: list[ProseBlock]
    footnotes: dict[int, str] = field(default_factory=dict)
    markers: list[int] = field(default_factory=list)  # footnote markers found in running text

    def by_parent(self, parent: int) -> list[Passage]:
        return [p for p in self.passages if p.parent == parent]

    def section_title(self, number: str) -> str | None:
        return self.sections.get(number)


# --------------------------------------------------------------------------- line cleaning


def _content_lines(raw: str) -> list[str]:
    """Every non-blank line, trailing whitespace kept (a hyphen followed by a space is real)."""
    return [line.rstrip("\n") for line in raw.split("\n") if line.strip()]


def _figure_label_runs(lines: list[str]) -> set[int]:
    """Indexes of figure labels: runs of three or more very short lines that are not text."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines + ["x" * 100]):
        s = line.strip()
        if len(s) <= FIGURE_LABEL_MAX and "(ouder" not in s and not SECTION.match(s):
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    return out


@dataclass
class _Line:
    text: str  # stripped of leading space, trailing space kept as a hyphen signal
    kind: str  # "text" | "section" | "chapter" | "appendix"
    section: str = ""
    title: str = ""
    page_start: bool = False  # the extraction starts each page's first line with a space


def _classify(lines: list[str]) -> tuple[list[_Line], dict[int, str]]:
    """Drop furniture, URLs, figures and footnote bodies; mark headings."""
    figures = _figure_label_runs(lines)
    out: list[_Line] = []
    footnotes: dict[int, str] = {}
    next_note = 1
    in_note: int | None = None
    i = 0
    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        i += 1
        if FURNITURE.match(s) or URL_LINE.match(s):
            continue
        m = FOOTNOTE_START.match(s)
        if m and int(m.group(1)) == next_note:
            in_note = next_note
            footnotes[in_note] = s[len(m.group(1)):].strip()
            next_note += 1
            continue
        if in_note is not None:
            # A footnote body runs on while its last line is visibly unfinished.
            note = footnotes[in_note]
            last = note.split()[-1] if note.split() else ""
            in_url = ("://" in last or last.startswith("www.")) and not last.endswith((")", ")."))
            unfinished = in_url or not re.search(r"[.?!\d]$", note)
            if unfinished and not (SECTION.match(s) or CHAPTER.match(s)):
                footnotes[in_note] = _join_pair(note, s, Counter())
                continue
            in_note = None
        if i - 1 in figures or FIGURE_CAPTION.match(s):
            continue
        if APPENDIX_TITLE.match(s):
            title = lines[i].strip().capitalize() if i < len(lines) else ""
            i += 1
            out.append(_Line("", "appendix", APPENDIX, title))
            continue
        m = CHAPTER.match(s)
        if m:
            title = m.group(2).strip()
            # A title in capitals can wrap onto a second line, also in capitals.
            if i < len(lines) and lines[i].strip().isupper():
                title += " " + lines[i].strip()
                i += 1
            out.append(_Line("", "chapter", m.group(1), " ".join(title.split()).capitalize()))
            continue
        m = SECTION.match(s)
        if m:
            title = m.group(3).strip()
            # A long section title wraps: the continuation is short and starts in lower case.
            if i < len(lines) and lines[i].strip()[:1].islower() and len(lines[i].strip()) < 40:
                title = _join_pair(title + " ", lines[i].strip(), Counter())
                i += 1
            number = f"{m.group(1)}.{m.group(2)}"
            out.append(_Line("", "section", number, " ".join(title.split()), raw.startswith(" ")))
            continue
        text = raw.lstrip()
        if QUOTE_LINE.match(text):
            text = OPENS + text  # a quoted passage can only open at the start of a line
        out.append(_Line(text, "text", page_start=raw.startswith(" ")))
    return out, footnotes


# --------------------------------------------------------------------------- hyphenation


def _vocabulary(lines: list[str]) -> Counter:
    """How often each word form occurs inside a line (never split), lower case."""
    counts: Counter = Counter()
    for line in lines:
        for token in line.strip().split()[1:-1]:
            word = WORD.search(token)
            if word:
                counts[word.group(0).lower()] += 1
    return counts


def join_hyphenated(left: str, right: str, vocabulary: Counter) -> bool:
    """Decide whether `left-` + `right` at a line break is one word split by typesetting.

    Dutch writes compounds closed ("hulpverleners"), so a line-end hyphen is a break unless:
    the right part starts with a capital or digit ("Stephens-Lewis"), the report itself writes
    the hyphenated form and not the joined one ("ouder-kindrelatie"), or, for a word the report
    never writes whole, joining would clash two vowels (Dutch then keeps the hyphen:
    "informatie-uitwisseling").
    Returns True to join without the hyphen, False to keep the hyphen.
    """
    if not right[:1].islower():
        return False
    l_word = (WORD.findall(left) or [""])[-1].lower()
    r_word = (WORD.findall(right) or [""])[0].lower()
    joined, hyphened = l_word + r_word, f"{l_word}-{r_word}"
    if vocabulary[hyphened] > vocabulary[joined]:
        return False
    if vocabulary[joined]:
        return True
    return not (l_word[-1:] in VOWELS and r_word[:1] in VOWELS and l_word[-1:] + r_word[:1] not in {"ie"})


def _join_pair(left: str, right: str, vocabulary: Counter) -> str:
    """Append line `right` to text `left`, undoing a typesetting hyphen where there is one."""
    if right.startswith(OPENS):
        return left.rstrip() + " " + right
    tail = left[-60:]  # only the last word matters; the text before can be long
    if re.search(r"[^\W\d_]-$", tail) and join_hyphenated(tail[:-1], right, vocabulary):
        return left[:-1] + right
    if left.endswith("-"):
        return left + right  # a real hyphen at the line end: "ouder-" + "kindrelatie"
    return left.rstrip() + " " + right


# --------------------------------------------------------------------------- footnote markers


def strip_markers(text: str, numbers: list[int]) -> tuple[str, list[int]]:
    """Remove the glued footnote markers `numbers` (in order) from running text.

    Markers are found in order, each after the previous one, so "2018" + "49" in "201849" is
    only read as a marker where footnote 49 is due. Returns the text and the markers found.
    """
    pos = 0
    found = []
    for n in numbers:
        m = re.compile(MARKER.format(n=n)).search(text, pos)
        if not m:
            continue
        found.append(n)
        text = text[: m.start()] + text[m.end():]
        pos = m.start()
    return text, found


# --------------------------------------------------------------------------- structure


def _running_text(lines: list[_Line], vocabulary: Counter) -> list[tuple[str, str]]:
    """[(section, text)]: the running text per section, in order (a section can recur).

    Headings resolve to section numbers; a chapter title only opens its chapter when none of the
    chapter's sections has started yet (titles can come after the chapter's first sections).
    """
    lines = _place_chapter_openings(lines)
    chunks: list[tuple[str, list[str]]] = []
    section = "1"
    for line in lines:
        if line.kind in ("section", "appendix"):
            section = line.section
            chunks.append((section, []))
            continue
        if line.kind == "chapter":
            # A title only opens its chapter when none of its sections has started yet.
            if section.split(".")[0] != line.section:
                section = line.section
                chunks.append((section, []))
            continue
        if not chunks:
            chunks.append((section, []))
        chunks[-1][1].append(line.text)
    out = []
    for sec, texts in chunks:
        text = ""
        for t in texts:
            text = _join_pair(text, t, vocabulary) if text else t
        out.append((sec, " ".join(text.split())))
    return out


def _place_chapter_openings(lines: list[_Line]) -> list[_Line]:
    """Give a chapter's opening text to the chapter when its title was extracted too late.

    Chapter 5's opening paragraphs come right before "5.1", but its title only after "5.1"; that
    opening text starts on a new page (a leading space in the source) after the last section of
    chapter 4. Without this, it would count as part of §4.5.
    """
    lines = list(lines)
    for k, title in enumerate(list(lines)):
        if title.kind != "chapter":
            continue
        chapter = title.section
        first = next((i for i, ln in enumerate(lines) if ln.kind == "section" and ln.section.startswith(chapter + ".")), None)
        if first is None or first > lines.index(title) or lines[first].page_start:
            continue
        j = first - 1
        while j >= 0 and lines[j].kind == "text" and not lines[j].page_start:
            j -= 1
        previous = next((ln for ln in reversed(lines[:j]) if ln.kind in ("section", "chapter")), None)
        if j >= 0 and lines[j].kind == "text" and previous and previous.section.split(".")[0] != chapter:
            lines.insert(j, _Line("", "chapter", chapter, title.title))
    return lines


# --------------------------------------------------------------------------- passages


def _split_quotes(section_texts: list[tuple[str, str]]):
    """Cut each section's text into prose and parent passages at "(ouder N)" attributions.

    A passage opens at the first source line after the previous passage (or the section start)
    that begins with ‘ or an (I)/(R) turn: inside a passage, quotes within the parent's words
    never start a line of the extraction, while prose lines that begin with ‘ ("‘Virtuous
    circle’") are never followed by an attribution before the next heading.
    """
    passages: list[Passage] = []
    prose: list[ProseBlock] = []
    count: Counter = Counter()
    for section, text in section_texts:
        pos = 0
        for m in ATTRIBUTION.finditer(text):
            start = text.find(OPENS, pos, m.start())
            if start < 0:
                raise ValueError(f"§{section}: no opening quote before {m.group(0)}: {text[pos:m.start()][-60:]!r}")
            before = text[pos:start].replace(OPENS, "").strip()
            if before:
                prose.append(ProseBlock(section, before))
            body = text[start:m.start()].replace(OPENS, "").strip()
            turns, interviewer = _turns(body)
            count[section] += 1
            passages.append(Passage(f"{section}-{count[section]}", int(m.group(1)), section, tuple(turns), tuple(interviewer)))
            pos = m.end()
        rest = text[pos:].replace(OPENS, "").strip()
        if rest:
            prose.append(ProseBlock(section, rest))
    return passages, prose


def _turns(body: str) -> tuple[list[str], list[str]]:
    """Split a passage into the parent's (R) turns and the interviewer's (I) turns."""
    parts = TURN.split(body)
    if len(parts) == 1:
        return [_unquote(body)], []
    parent, interviewer = [], []
    for who, said in zip(parts[1::2], parts[2::2]):
        # The authors' "[…]" between two turns marks left-out turns, not the parent's words.
        said = said.strip().removesuffix("[…]").strip()
        (parent if who == "R" else interviewer).append(_unquote(said))
    return parent, interviewer


def _unquote(text: str) -> str:
    """Drop the outer ‘…’ the report puts around a passage or turn."""
    text = text.strip()
    if text.startswith("‘"):
        text = text[1:]
    if text.endswith("’"):
        text = text[:-1]
    return text.strip()


# --------------------------------------------------------------------------- entry point


def parse_report(raw: str) -> Report:
    raw_lines = _content_lines(raw)
    vocabulary = _vocabulary(raw_lines)
    lines, footnotes = _classify(raw_lines)
    section_texts = _running_text(lines, vocabulary)
    markers = sorted(footnotes)
    cleaned = []
    joined = "\x00".join(t for _, t in section_texts)
    joined, found = strip_markers(joined, markers)
    for (sec, _), text in zip(section_texts, joined.split("\x00")):
        cleaned.append((sec, text))
    sections: dict[str, str] = {}
    for ln in lines:
        if ln.kind in ("section", "chapter", "appendix") and ln.section not in sections:
            sections[ln.section] = ln.title
    sections = dict(sorted(sections.items(), key=lambda kv: _section_key(kv[0])))
    passages, prose = _split_quotes(cleaned)
    return Report(sections, passages, prose, footnotes, found)


def _section_key(number: str) -> tuple:
    if number == APPENDIX:
        return (99,)
    return tuple(int(x) for x in number.split("."))


def load_report(path: str | Path | None = None) -> Report:
    """The parsed report, once per process per file (MkDocs builds each language in one run)."""
    return _load(str(Path(path).resolve()) if path else str(DEFAULT_SOURCE))


@lru_cache(maxsize=4)
def _load(path: str) -> Report:
    # One cache key per file, however it is named (None, a str, a Path).
    return parse_report(read_text(path))
