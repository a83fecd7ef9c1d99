from scripts.accessibility import operable_toggles

HEADER = ('<label class="md-header__button md-icon" for="__drawer"><svg/></label>'
          '<label class="md-header__button md-icon" for="__search"><svg/></label>')


def test_header_toggles_become_named_keyboard_buttons():
    html = operable_toggles(HEADER, "nl")
    assert 'for="__drawer" role="button" tabindex="0" aria-label="Menu openen" aria-expanded="false"' in html
    assert 'for="__search" role="button" tabindex="0" aria-label="Zoeken openen"' in html
    assert 'aria-label="Open menu"' in operable_toggles(HEADER, "en")


def test_other_labels_are_left_alone():
    nav = '<label class="md-nav__title" for="__drawer">'
    assert operable_toggles(nav, "nl") == nav
