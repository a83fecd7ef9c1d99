"""The handbook's one light syntax for generated content: `{{ name }}` or `{{ name: argument }}`.

Writers place directives in Markdown (a route card, the urgent numbers, a section's source);
each feature registers a handler for its own names. An unknown name is an error with its line,
so a typo never renders as literal braces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import LineIndex

DIRECTIVE = re.compile(r"\{\{\s*([a-z][a-z0-9-]*)\s*(?::\s*(.*?))?\s*\}\}")


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    line: int
    start: int
    end: int


def iter_directives(markdown: str, line_offset: int = 0) -> Iterator[Directive]:
    """Every directive in the text, with its 1-based line number (plus `line_offset`: the lines
    above this text in its file, such as front matter)."""
    lines = LineIndex(markdown)
    for match in DIRECTIVE.finditer(markdown):
        yield Directive(match.group(1), (match.group(2) or "").strip(), lines.line(match.start()) + line_offset,
                        match.start(), match.end())


Handler = Callable[[Directive], str]


def expand(markdown: str, handlers: Mapping[str, Handler], path: str, line_offset: int = 0) -> str:
    """Replace the directives that `handlers` knows; other names are left for their own feature.

    A handler raises ContentError (or ValueError, reported at the directive's line) on bad input.
    All errors of the page are raised together.
    """
    out: list[str] = []
    errors: list[ContentError] = []
    last = 0
    for directive in iter_directives(markdown, line_offset):
        handler = handlers.get(directive.name)
        if handler is None:
            continue
        out.append(markdown[last:directive.start])
        last = directive.end
        try:
            out.append(handler(directive))
        except ContentError as error:
            errors.append(error)
        except ValueError as error:
            errors.append(ContentError(path, directive.line, str(error)))
    out.append(markdown[last:])
    if errors:
        raise ContentErrors(errors)
    return "".join(out)


def leftovers(markdown: str, path: str) -> list[ContentError]:
    """Directives no feature expanded: a typo or a name that does not exist."""
    return [
        ContentError(path, d.line, f"onbekende opdracht '{{{{ {d.name} }}}}'")
        for d in iter_directives(markdown)
    ]
