"""One English terminology for the English edition, enforced: data/terminology.yml.

Each term names the form to use and the forms that are refused (plain words, matched as whole
words without regard to case, or a regular expression written as `re: …`), and why. A refused
form in an English page, an English leaflet or the English text of data/routes.yml is reported
as `path:line: reason` with the form to use. A term may also ask that a word is explained where it
is first used on a page (`explain_with`): "loverboy" with the English names for the same thing.

Pure functions; `load` reads the data file with lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.content.data_yaml import line_of, load_data_file
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import LineIndex

ROOT = Path(__file__).resolve().parents[2]
TERMS = ROOT / "data" / "terminology.yml"


@dataclass(frozen=True)
class Term:
    use: str
    refused: tuple[tuple[str, re.Pattern], ...]  # (as written in the file, pattern)
    why: str
    explain: re.Pattern | None = None  # the word that needs explaining where first used
    explain_with: tuple[str, ...] = ()
    line: int = 1


def _pattern(form: str, path: str, line: int) -> re.Pattern:
    if form.startswith("re:"):
        try:
            return re.compile(form[3:].strip(), re.I)
        except re.error as error:
            raise ContentError(path, line, f"'{form}' is geen geldige reguliere expressie ({error})") from None
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])", re.I)


def parse(doc, path: str) -> tuple[Term, ...]:
    """The terms from the YAML (with lines); ContentErrors with every problem at once."""
    if not isinstance(doc, dict) or set(doc) != {"terms"} or not isinstance(doc["terms"], list):
        raise ContentErrors([ContentError(path, 1, "het bestand bevat alleen 'terms:', een lijst van termen")])
    errors: list[ContentError] = []
    terms = []
    for index, item in enumerate(doc["terms"]):
        line = line_of(doc["terms"], index)
        if not isinstance(item, dict) or not {"use", "why"} <= set(item) or not set(item) <= {"use", "not", "why", "explain", "explain_with"}:
            errors.append(ContentError(path, line, "een term heeft 'use' en 'why', en 'not' en/of 'explain' + 'explain_with'"))
            continue
        forms = item.get("not") or []
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            errors.append(ContentError(path, line_of(item, "not"), "'not' is een lijst met woorden of 're: …'"))
            continue
        if not forms and "explain" not in item:
            errors.append(ContentError(path, line, "een term zonder 'not' heeft 'explain' en 'explain_with' nodig"))
            continue
        try:
            refused = tuple((f, _pattern(f, path, line_of(item, "not"))) for f in forms)
            explain = _pattern(item["explain"], path, line_of(item, "explain")) if "explain" in item else None
        except ContentError as error:
            errors.append(error)
            continue
        with_ = item.get("explain_with") or []
        if explain is not None and (not isinstance(with_, list) or not with_):
            errors.append(ContentError(path, line_of(item, "explain"), "'explain' heeft 'explain_with' nodig: de woorden die het uitleggen"))
            continue
        terms.append(Term(str(item["use"]), refused, str(item["why"]), explain, tuple(map(str, with_)), line))
    if errors:
        raise ContentErrors(errors)
    return tuple(terms)


def load(path: Path | str = TERMS) -> tuple[Term, ...]:
    from scripts.content.source_text import display_path

    path = Path(path)
    if not path.is_file():
        return ()
    return parse(load_data_file(path, display_path(path)), display_path(path))


def check_text(text: str, path: str, terms: tuple[Term, ...], line_offset: int = 0) -> list[ContentError]:
    """Every refused form in `text` (English), and a word that needs explaining but is not where
    it is first used (its paragraph). Lines are `line_offset` + the line in `text`."""
    lines = LineIndex(text)
    errors = []
    for term in terms:
        for form, pattern in term.refused:
            for match in pattern.finditer(text):
                errors.append(ContentError(path, lines.line(match.start()) + line_offset, (
                    f"'{match.group()}': schrijf '{term.use}' ({term.why})")))
        if term.explain is not None:
            first = term.explain.search(text)
            if first:
                start = text.rfind("\n\n", 0, first.start()) + 1
                end = text.find("\n\n", first.end())
                paragraph = text[start: len(text) if end < 0 else end]
                if not any(re.search(re.escape(w), paragraph, re.I) for w in term.explain_with):
                    errors.append(ContentError(path, lines.line(first.start()) + line_offset, (
                        f"'{first.group()}' wordt hier voor het eerst gebruikt: leg het in deze alinea uit met "
                        f"{' of '.join(repr(w) for w in term.explain_with)} ({term.why})")))
    return errors


def check_data_text(texts: list[tuple[int, str]], path: str, terms: tuple[Term, ...]) -> list[ContentError]:
    """English strings of a data file, each with its line: refused forms only (no paragraphs)."""
    errors = []
    for line, text in texts:
        for term in terms:
            errors += [ContentError(path, line, f"'{m.group()}': schrijf '{term.use}' ({term.why})")
                       for _, pattern in term.refused for m in pattern.finditer(text)]
    return errors


def english_strings(doc) -> list[tuple[int, str]]:
    """Every `en:` text in a YAML document (with lines), with the line where it starts."""
    found: list[tuple[int, str]] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "en" and isinstance(value, str):
                    found.append((line_of(node, key), value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    return found
