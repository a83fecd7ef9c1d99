import re

from scripts.postbuild import accessibility as A
from scripts.postbuild.accessibility import operable_toggles

HEADER = ('<label class="md-header__button md-icon" for="__drawer"><svg id="m"/></label>'
          '<label class="md-header__button md-icon" for="__search"><svg id="s"/></label>')


def test_each_header_toggle_gets_a_named_button_beside_it():
    html = operable_toggles(HEADER, "nl")
    assert html.count('<label class="md-header__button md-icon"') == 2  # the labels stay (no-JS mouse)
    assert ('<button type="button" class="md-header__button md-icon njk-toggle" data-for="__drawer" '
            'aria-label="Menu" aria-expanded="false"><svg id="m"/></button>') in html
    assert 'data-for="__search" aria-label="Zoeken" aria-expanded="false"><svg id="s"/></button>' in html
    assert 'aria-label="Search"' in operable_toggles(HEADER, "en")


def test_other_labels_are_left_alone():
    nav = '<label class="md-nav__title" for="__drawer">x</label>'
    assert operable_toggles(nav, "nl") == nav


# --- issue 22: what a screen reader meets --------------------------------------------------------

SECTION = ('<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_10" >'
           '<label class="md-nav__link" for="__nav_10" id="__nav_10_label" tabindex="0">'
           '<span class="md-ellipsis">Voor professionals</span></label>'
           '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_10_label" aria-expanded="false">'
           '<ul><li><a href="x/">x</a></li></ul></nav>')


def test_a_menu_section_gets_a_button_that_material_keeps_in_sync():
    html = A.section_buttons(SECTION)
    assert ('<button type="button" class="md-nav__link njk-toggle njk-section" data-for="__nav_10" '
            'aria-labelledby="__nav_10_label" aria-expanded="false"><span class="md-ellipsis">Voor professionals'
            '</span></button>') in html
    # the button follows its label: keyboard.js presses the label right before it
    assert html.index("</label><button") > 0
    # Material sets aria-expanded on the first [aria-labelledby=label id]: the button, not the nav
    assert html.index('aria-labelledby="__nav_10_label"') < html.index("<nav")


def test_only_named_purposeful_navigation_landmarks_stay():
    page = ('<nav class="quick-exit" aria-label="Snel weg"><a href="#">x</a></nav>'
            '<nav class="md-header__inner md-grid" aria-label="Header">h</nav>'
            '<nav class="md-search__options" aria-label="Zoeken"><button>Leegmaken</button></nav>'
            '<nav class="md-nav md-nav--primary" aria-label="Navigatie">' + SECTION + '</nav>'
            '<nav class="md-nav md-nav--secondary" aria-label="Inhoudsopgave"><nav class="md-nav" aria-label="Sub">'
            '<a href="#a">a</a></nav></nav>'
            '<nav class="md-footer__inner md-grid" aria-label="Footer" ><a href="../">v</a></nav>')
    html = A.fewer_navigation_landmarks(page, "nl")
    navs = re.findall(r"<nav\b[^>]*>", html)
    assert [re.search(r'aria-label="([^"]*)"', n).group(1) for n in navs] == [
        "Snel weg", "Navigatie", "Inhoudsopgave", "Vorige en volgende pagina"]
    assert html.count("<nav") == html.count("</nav>") and html.count("<div") == html.count("</div>") == 4
    assert '<div class="md-nav" data-md-level="1">' in html  # no orphan aria on a plain div
    assert 'aria-label="Previous and next page"' in A.fewer_navigation_landmarks(page, "en")


PAGE = ('<body><main class="md-main" data-md-component="main"><div class="md-main__inner">'
        '<div class="md-sidebar"><nav>menu</nav></div>'
        '<div class="md-content" data-md-component="content"><article class="md-content__inner">'
        '<h1>T</h1><div>x</div></article>\n</div></div></main><footer></footer></body>')


def test_one_main_holds_the_content_only():
    html = A.one_main(PAGE)
    assert html.count("<main") == html.count("</main>") == 1
    main = html[html.index("<main"):html.index("</main>")]
    assert main.startswith('<main class="md-content"') and "menu" not in main and "<h1>T</h1>" in main
    assert '<div class="md-main" data-md-component="main">' in html
    assert A.one_main("<body>no material here</body>") == "<body>no material here</body>"


def test_hidden_controls_leave_the_tab_order_and_the_count_is_a_live_region():
    html = A.quiet_hidden_controls(
        '<input class="md-option" data-md-color-scheme="slate"  aria-hidden="true"  type="radio" name="__palette">'
        '<div class="md-header__title" data-md-component="header-title">'
        '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
        '<div class="md-search-result__meta">Zoeken initialiseren</div>')
    assert 'tabindex="-1" type="radio"' in html
    assert 'data-md-component="header-title" aria-hidden="true"' in html
    assert 'tabindex="0"' not in html
    assert '<div class="md-search-result__meta" role="status" aria-live="polite">' in html


def test_dutch_words_on_english_pages_carry_lang_nl():
    html = ('<head><title>Ouders aan het woord</title></head><body>'
            '<p>Source: <em>Ouders aan het woord</em>, <a href="#" title="Ouders aan het woord">§2</a></p>'
            '<script>var t = "Ouders aan het woord";</script></body>')
    en = A.language_of_parts(html, "en")
    assert '<em><span lang="nl">Ouders aan het woord</span></em>' in en
    assert en.count('lang="nl">Ouders') == 1  # not in <title>, attributes or scripts
    assert '<span lang="nl">' not in A.language_of_parts(html, "nl")