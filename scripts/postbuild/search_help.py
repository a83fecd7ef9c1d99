"""No dead end in search: when a search finds nothing, or only pages that miss some of the
words typed (a whole sentence often does), the results panel offers help.

The panel (hidden until needed) holds the urgent numbers from data/routes.yml, and links to
Hulp vinden and Begrippen in the reader's language; its first line fits the case ("Niets
gevonden?" or "Staat je antwoord er niet bij?"). docs/assets/search-help.js only shows or hides
it; it reads nothing from the query and stores or sends nothing.
"""
from __future__ import annotations

import html
import re

from scripts.content.routes import TEXT, RouteData

# Material's results container (its status line and list).
RESULTS = re.compile(r'<div class="md-search-result" data-md-component="search-result">')
WORDS = {
    "nl": {"nothing": "Niets gevonden? Probeer een ander woord, of kijk hier.",
           "weak": "Staat je antwoord er niet bij? Probeer een ander woord, of kijk hier.",
           "help": "Hulp vinden", "glossary": "Begrippen: moeilijke woorden uitgelegd"},
    "en": {"nothing": "Nothing found? Try another word, or look here.",
           "weak": "Is your answer not there? Try another word, or look here.",
           "help": "Finding help", "glossary": "Glossary: difficult words explained"},
}


def render(data: RouteData, lang: str, root: str) -> str:
    """The hidden help panel; `root` is the relative path from the page to its language root."""
    words, t = WORDS[lang], TEXT[lang]
    base = root.rstrip("/") + "/" if root not in ("", ".") else ""
    numbers = []
    for route in data.routes.values():
        if route.urgent and route.phones:
            links = f" {t['or']} ".join(f'<a href="{html.escape(p.href)}">{html.escape(p.display)}</a>' for p in route.phones)
            free = f" ({t['free']})" if route.free else ""
            numbers.append(f"<li><strong>{html.escape(route.name[lang])}:</strong> {links}{free}</li>")
    return (
        f'<div class="njk-search-help" hidden>'
        f'<p data-when="none">{words["nothing"]}</p><p data-when="weak" hidden>{words["weak"]}</p>'
        f'<p><strong>{t["urgent_title"]}</strong></p><ul>{"".join(numbers)}</ul>'
        f'<ul><li><a href="{base}hulp-vinden/">{words["help"]}</a></li>'
        f'<li><a href="{base}begrippen/">{words["glossary"]}</a></li></ul>'
        f"</div>"
    )


def insert(page_html: str, panel: str) -> str:
    """The page with the panel right before Material's results container, so it is seen above
    weak results; unchanged without one.

    Not inside it: on Enter, Material reads a score from the first child of every link in the
    first child of each element there, and the panel's `tel:` links have none. It threw, and the
    search form was submitted with the words in the address (issue 29)."""
    return RESULTS.sub(lambda found: panel + found.group(0), page_html, count=1)
