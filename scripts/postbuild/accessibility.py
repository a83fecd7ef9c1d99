"""What a screen reader and a keyboard meet in Material's page, fixed on the built HTML (issue 22).

`apply(html, lang)` runs every fix; each is a small function so tests can name what broke.

Material opens the menu, the search and the menu's sections with `<label for="…">`: a mouse can
click a label, a keyboard cannot reach it (or reaches it with no button role and no state), and
a label may not take role=button. Beside each such label we put a real `<button>` with a name
and `aria-expanded`; docs/assets/keyboard.js makes it press the label (so Material's own
handlers run) and site.css shows the button instead of the label once JavaScript runs. Without
JavaScript the label works for a mouse, as before.
"""
from __future__ import annotations

import re

TOGGLE = re.compile(r'(<label class="md-header__button md-icon" for="(__drawer|__search)">)(.*?)(</label>)', re.S)
NAMES = {
    "nl": {"__drawer": "Menu", "__search": "Zoeken", "footer": "Vorige en volgende pagina"},
    "en": {"__drawer": "Menu", "__search": "Search", "footer": "Previous and next page"},
}
# A section of the menu ("Voor professionals"): Material's focusable label and the nav it opens.
SECTION = re.compile(
    r'<label class="md-nav__link" for="(__nav_[\w]+)" id="(__nav_[\w]+_label)" tabindex="0">(.*?)</label>', re.S)
NAV_TAG = re.compile(r"<nav\b[^>]*>|</nav>")
# Navigation landmarks that only repeat a purpose: the header bar (the banner is its landmark),
# the search's "clear" button, and every nested list inside the menu or the table of contents.
NOT_NAVIGATION = re.compile(r'^<nav class="(?:md-header__inner md-grid|md-search__options|md-nav)"')
ARIA_ON_NAV = re.compile(r'\s(?:aria-label|aria-labelledby|aria-expanded)="[^"]*"')
MAIN_OPEN = '<main class="md-main" data-md-component="main">'
CONTENT = re.compile(r'<div class="md-content" data-md-component="content">(.*?</article>\s*)</div>', re.S)
OTHER_LANGUAGE = {"en": ("nl", ("Ouders aan het woord",))}
TEXT_OR_TAG = re.compile(r"(<script\b.*?</script>|<[^>]+>)|([^<]+)", re.S)


def _names(lang: str) -> dict:
    return NAMES.get(lang, NAMES["en"])


def operable_toggles(html: str, lang: str) -> str:
    names = _names(lang)

    def replace(match: re.Match) -> str:
        target, icon = match.group(2), match.group(3)
        button = (f'<button type="button" class="md-header__button md-icon njk-toggle" data-for="{target}" '
                  f'aria-label="{names[target]}" aria-expanded="false">{icon}</button>')
        return match.group(0) + button

    return TOGGLE.sub(replace, html)


def section_buttons(html: str) -> str:
    """A button beside each menu section label. It carries the label's id in aria-labelledby:
    Material sets aria-expanded on the first element so labelled, which is now this button."""
    def replace(match: re.Match) -> str:
        target, label_id, inner = match.groups()
        return (match.group(0) + f'<button type="button" class="md-nav__link njk-toggle njk-section" data-for="{target}" '
                f'aria-labelledby="{label_id}" aria-expanded="false">{inner}</button>')

    return SECTION.sub(replace, html)


def fewer_navigation_landmarks(html: str, lang: str) -> str:
    """Keep the named navigation landmarks a listener can use (quick exit, menu, table of contents,
    previous/next, safety links); the others become plain containers. Nested navs are matched by
    a stack, so each `</nav>` closes what its own `<nav>` became."""
    stack: list[bool] = []

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        if tag == "</nav>":
            return "</div>" if stack and stack.pop() else tag
        demote = bool(NOT_NAVIGATION.match(tag))
        stack.append(demote)
        return "<div" + ARIA_ON_NAV.sub("", tag)[4:] if demote else tag

    html = NAV_TAG.sub(replace, html)
    # Material names the previous/next bar "Footer" in every language.
    return html.replace('class="md-footer__inner md-grid" aria-label="Footer"',
                        f'class="md-footer__inner md-grid" aria-label="{_names(lang)["footer"]}"', 1)


def one_main(html: str) -> str:
    """Material's <main> wraps the menu and the table of contents too: jumping to "main" landed
    in a navigation. The content column becomes the one main; the outer box a plain div."""
    if html.count(MAIN_OPEN) != 1 or not CONTENT.search(html):
        return html
    start = html.index(MAIN_OPEN)
    end = html.index("</main>", start)
    html = html[:start] + '<div class="md-main" data-md-component="main">' + html[start + len(MAIN_OPEN):end] \
        + "</div>" + html[end + len("</main>"):]
    return CONTENT.sub(lambda m: f'<main class="md-content" data-md-component="content">{m.group(1)}</main>', html, 1)


def quiet_hidden_controls(html: str) -> str:
    """Tab stops nobody can see, words said twice, and a count nobody hears:
    - the colour-scheme radios (they follow the system setting; an arrow key on the unnamed,
      invisible radio switched the scheme);
    - the search output's scroll box (zero height until there are results, which are links);
    - the search's result count becomes a polite status, present from load, so it is spoken."""
    html = re.sub(r'(<input class="md-option" [^>]*?)( type="radio")', r'\1 tabindex="-1"\2', html)
    # The header's site name and page title repeat the logo link and the H1 (and the page title
    # slides in only as you scroll): a listener heard the site's name twice before the title.
    html = html.replace('<div class="md-header__title" data-md-component="header-title">',
                        '<div class="md-header__title" data-md-component="header-title" aria-hidden="true">', 1)
    html = html.replace('<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
                        '<div class="md-search__scrollwrap" data-md-scrollfix>')
    return html.replace('<div class="md-search-result__meta">',
                        '<div class="md-search-result__meta" role="status" aria-live="polite">')


def language_of_parts(html: str, lang: str) -> str:
    """Words in the other language get their own `lang` (WCAG 3.1.2), so a screen reader switches
    voice: the report's Dutch title on English pages (the language switch sets its own `lang` in
    overrides/partials/alternate.html)."""
    other = OTHER_LANGUAGE.get(lang)
    if not other:
        return html
    code, phrases = other
    pattern = re.compile("|".join(re.escape(p) for p in phrases))
    body = html.find("<body")
    if body < 0:
        return html

    def text(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return pattern.sub(lambda p: f'<span lang="{code}">{p.group(0)}</span>', match.group(2))

    return html[:body] + TEXT_OR_TAG.sub(text, html[body:])


def apply(html: str, lang: str) -> str:
    """Every fix of this module, in an order where none undoes another."""
    html = operable_toggles(html, lang)
    html = section_buttons(html)
    html = fewer_navigation_landmarks(html, lang)
    html = one_main(html)
    html = quiet_hidden_controls(html)
    return language_of_parts(html, lang)
