"""Make Material's header toggles operable by keyboard.

Material opens the menu and the search with `<label for="__drawer|__search">`: a mouse can
click a label, a keyboard cannot reach it. We give both a name, a button role and a tab stop;
docs/assets/keyboard.js lets Enter and Space press them and Escape close the menu.
"""
from __future__ import annotations

import re

TOGGLE = re.compile(r'<label class="md-header__button md-icon" for="(__drawer|__search)">')
NAMES = {
    "nl": {"__drawer": "Menu openen", "__search": "Zoeken openen"},
    "en": {"__drawer": "Open menu", "__search": "Open search"},
}


def operable_toggles(html: str, lang: str) -> str:
    names = NAMES.get(lang, NAMES["en"])

    def replace(match: re.Match) -> str:
        target = match.group(1)
        return (f'<label class="md-header__button md-icon" for="{target}" role="button" tabindex="0" '
                f'aria-label="{names[target]}" aria-expanded="false" data-toggle="{target}">')

    return TOGGLE.sub(replace, html)
