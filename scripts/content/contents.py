"""A visible "Op deze pagina" contents at the top of a page (issue 20).

Material shows a page's table of contents in a sidebar on wide screens; on a phone it hides
behind an icon inside the menu. A parent on a phone needs to see at once what a long page holds
and jump to it. So a page with at least MIN_SECTIONS H2 sections gets a short list of its H2s
right before the first one; site.css hides it where Material's sidebar shows the same list.

Pure: the page's H2s (title, anchor) and the rendered HTML in, HTML out.
"""
from __future__ import annotations

import html as html_lib
import re
from typing import Iterable, Sequence

MIN_SECTIONS = 2
LABEL = {"nl": "Op deze pagina", "en": "On this page"}
FIRST_H2 = re.compile(r"<h2[\s>]")


def sections(toc) -> list[tuple[str, str]]:
    """(title, anchor) of every H2 in a MkDocs page's `toc` (the H1 is its single root, or absent)."""
    roots = list(toc)
    h2s = [child for item in roots if item.level == 1 for child in item.children]
    h2s += [item for item in roots if item.level == 2]
    return [(html_lib.unescape(item.title), item.url.lstrip("#")) for item in h2s]


def render_contents(items: Sequence[tuple[str, str]], lang: str) -> str:
    """The contents as a titled, numbered list of links. Not a navigation landmark: it sits in
    `main`, which holds the content only (a listener jumping to main lands on the H1)."""
    label = LABEL.get(lang, LABEL["en"])
    links = "".join(
        f'<li><a href="#{html_lib.escape(anchor, quote=True)}">{html_lib.escape(title)}</a></li>'
        for title, anchor in items
    )
    return (f'<div class="njk-toc">'
            f'<p class="njk-toc__title">{label}</p><ol>{links}</ol></div>\n')


def insert_contents(html: str, items: Iterable[tuple[str, str]], lang: str,
                    min_sections: int = MIN_SECTIONS) -> str:
    """`html` with the contents before its first H2, if it has at least `min_sections` of them."""
    items = list(items)
    match = FIRST_H2.search(html)
    if len(items) < min_sections or match is None:
        return html
    return html[: match.start()] + render_contents(items, lang) + html[match.start():]
