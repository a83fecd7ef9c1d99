"""Make Material's header toggles operable by keyboard.

Material opens the menu and the search with `<label for="__drawer|__search">`: a mouse can
click a label, a keyboard cannot reach it, and a label may not take role=button. Beside each
label we put a real `<button>` with a name and `aria-expanded`; docs/assets/keyboard.js makes
it press the label (so Material's own handlers run) and site.css shows the button instead of
the label once JavaScript runs. Without JavaScript the label works for a mouse, as before.
"""
from __future__ import annotations

import re

TOGGLE = re.compile(r'(<label class="md-header__button md-icon" for="(__drawer|__search)">)(.*?)(</label>)', re.S)
NAMES = {
    "nl": {"__drawer": "Menu", "__search": "Zoeken"},
    "en": {"__drawer": "Menu", "__search": "Search"},
}


def operable_toggles(html: str, lang: str) -> str:
    names = NAMES.get(lang, NAMES["en"])

    def replace(match: re.Match) -> str:
        target, icon = match.group(2), match.group(3)
        button = (f'<button type="button" class="md-header__button md-icon njk-toggle" data-for="{target}" '
                  f'aria-label="{names[target]}" aria-expanded="false">{icon}</button>')
        return match.group(0) + button

    return TOGGLE.sub(replace, html)
