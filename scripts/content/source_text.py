"""Reading the files writers edit, the way an editor shows them: one place for the file's text,
its front matter and its code fences, so every check counts the same lines.

- `read_text` refuses a file that is not UTF-8 with `path:line: … sla op als UTF-8`, never a traceback.
  A BOM is dropped and CRLF read as LF; neither changes a line number.
- `split_front_matter` gives the front matter, the body and how many lines the front matter took.
- `code_lines` marks the lines inside fenced code (```/~~~, closed by the same character, at least as
  long), and says where a fence opens that never closes: Markdown then renders the rest of the page
  as ordinary text, so checks must not skip it either.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.content.errors import ContentError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_NEWLINE = re.compile("\n")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path as a writer knows it: relative to the project (or `root`) when inside it, else as
    given (a temporary file keeps its own name)."""
    try:
        return Path(path).resolve().relative_to(Path(root or os.getcwd()).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def language_of(path: str | Path) -> str:
    """`en` for files under an `en/` folder (docs/en/…, leaflets/en/…), else `nl`."""
    return "en" if "en" in Path(path).parts[:-1] else "nl"


def decode(data: bytes, path: str) -> str:
    """The bytes of a text file as str; not UTF-8 (a Word or Windows-1252 save, an image saved
    over a page) is a ContentError naming the file and the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start:error.start + 1].hex()
        raise ContentError(path, line, f"is geen UTF-8 (byte 0x{bad} op regel {line}): sla op als UTF-8") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ContentError(path, line, "bevat een NUL-teken: dit is geen tekstbestand (sla op als UTF-8-tekst)")
    # Universal newlines, as an editor counts them: CRLF and a lone CR both end a line.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path, display: str | None = None) -> str:
    """A source file's text, or a ContentError (not UTF-8, unreadable) naming it."""
    shown = display or display_path(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ContentError(shown, 1, f"kan het bestand niet lezen ({error.strerror or error})") from None
    return decode(data, shown)


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter dict, body, number of lines the front matter took).

    The line count lets callers report body positions as file line numbers. Bad YAML raises
    ValueError (with the file line), so a typo in front matter is a content error, not a default.
    """
    meta, body, lines = _split_front_matter(text)
    return dict(meta), body, lines  # a copy: callers may change their dict


@lru_cache(maxsize=1024)  # every check of a page asks again; YAML parsing is the costly part
def _split_front_matter(text: str) -> tuple[dict, str, int]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (regel {mark.line + 2})" if mark is not None else ""
        raise ValueError(f"front matter is geen geldige YAML{where}: {getattr(error, 'problem', None) or error}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter moet sleutel: waarde-regels bevatten")
    return meta, text[match.end():], match.group(0).count("\n")


@dataclass(frozen=True)
class Fences:
    """Which lines (0-based indexes) are fenced code, and the index of a fence left open."""

    code: frozenset[int]
    unclosed: int | None


def code_lines(lines: list[str]) -> Fences:
    """Fenced code as Python-Markdown's fences read it: a fence closes on a line of the same
    character, at least as long, with nothing after it. The fence lines count as code."""
    code: set[int] = set()
    opened: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if opened is None:
            if match and not (match.group("marker")[0] == "`" and "`" in match.group("info")):
                opened = (index, match.group("marker"))
                code.add(index)
            continue
        code.add(index)
        start, marker = opened
        if match and not match.group("info").strip() and match.group("marker")[0] == marker[0] \
                and len(match.group("marker")) >= len(marker):
            opened = None
    if opened is not None:
        # Not a fence at all for Markdown: everything after it renders as text.
        start = opened[0]
        return Fences(frozenset(i for i in code if i < start), start)
    return Fences(frozenset(code), None)


def outside_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blanked (line count kept), for checks that read text only."""
    code = code_lines(lines).code
    return ["" if i in code else line for i, line in enumerate(lines)]


class LineIndex:
    """1-based line of a character offset, in O(log n): counting newlines before every match
    would make a check quadratic in the page's size."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)
