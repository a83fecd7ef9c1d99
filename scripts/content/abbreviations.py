"""Abbreviations explained wherever they appear: includes/abbreviations.<lang>.md.

Each line is `*[OTS]: ondertoezichtstelling` (Python-Markdown's `abbr` syntax); the abbreviations
hook appends the file of the page's language to every page, and Material shows the explanation
as a tooltip. Both languages explain the same abbreviations.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scripts.content.source_text import read_text
from scripts.content.errors import ContentError

ROOT = Path(__file__).resolve().parents[2]
INCLUDES = ROOT / "includes"
LINE = re.compile(r"^\*\[([^\]]+)\]:\s+(\S.*)$")


def abbreviations_file(lang: str, folder: Path = INCLUDES) -> Path:
    return folder / f"abbreviations.{lang}.md"


def parse(text: str, path: str) -> tuple[dict[str, str], list[ContentError]]:
    """Abbreviation → explanation, and a problem per line that is not one definition."""
    found: dict[str, str] = {}
    errors: list[ContentError] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            errors.append(ContentError(path, number, "geen afkorting: schrijf *[AFK]: uitleg"))
        elif match.group(1) in found:
            errors.append(ContentError(path, number, f"'{match.group(1)}' staat er al"))
        else:
            found[match.group(1)] = match.group(2)
    return found, errors


def load(lang: str, folder: Path = INCLUDES) -> tuple[dict[str, str], list[ContentError]]:
    path = abbreviations_file(lang, folder)
    if not path.is_file():
        return {}, [ContentError(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path), 1,
                                 "bestand met afkortingen ontbreekt")]
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> tuple[dict[str, str], list[ContentError]]:
    shown = Path(path).relative_to(ROOT).as_posix() if Path(path).is_relative_to(ROOT) else path
    try:
        return parse(read_text(path, shown), shown)
    except ContentError as error:
        return {}, [error]


def definitions(lang: str, folder: Path = INCLUDES) -> tuple[str, list[ContentError]]:
    """The Markdown to append to a page of `lang`, and the file's problems."""
    found, errors = load(lang, folder)
    return "\n".join(f"*[{abbr}]: {text}" for abbr, text in found.items()), errors
