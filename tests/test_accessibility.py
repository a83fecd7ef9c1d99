from scripts.accessibility import operable_toggles

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
