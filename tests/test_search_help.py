"""scripts/postbuild/search_help.py: the help panel search shows when it finds nothing."""
import pytest

from scripts.content import routes
from scripts.postbuild import search_help

DATA = routes.load()


def test_panel_lists_every_urgent_number_and_links_help_and_glossary():
    panel = search_help.render(DATA, "nl", "..")
    urgent = [r for r in DATA.routes.values() if r.urgent and r.phones]
    assert urgent and all(f'href="{p.href}"' in panel for r in urgent for p in r.phones)
    assert not any(f'href="{p.href}"' in panel for r in DATA.routes.values() if not r.urgent for p in r.phones)
    assert '<a href="../hulp-vinden/">Hulp vinden</a>' in panel and 'href="../begrippen/"' in panel
    assert panel.startswith('<div class="njk-search-help" hidden>')


def test_panel_speaks_the_readers_language_and_links_from_any_root():
    en = search_help.render(DATA, "en", "/en/")
    assert "Nothing found?" in en and '<a href="/en/hulp-vinden/">Finding help</a>' in en
    assert "Niets gevonden" not in en
    assert 'href="hulp-vinden/"' in search_help.render(DATA, "nl", ".")


LIST = '<ol class="md-search-result__list" role="presentation"></ol>'
RESULTS = f'<div class="md-search-result" data-md-component="search-result"><div class="md-search-result__meta"></div>{LIST}</div>'


def test_insert_puts_the_panel_right_before_the_results_container_once():
    """Inside Material's results container, Enter in the search box tripped over the panel's
    links and the form was submitted (issue 29): the panel goes before the container, where it is
    seen above weak results too."""
    page = f'<div class="md-search__scrollwrap">{RESULTS}</div>'
    out = search_help.insert(page, "<div>P</div>")
    assert out == page.replace(RESULTS, "<div>P</div>" + RESULTS)
    assert search_help.insert("<p>no search</p>", "<div>P</div>") == "<p>no search</p>"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_panel_has_a_first_line_for_nothing_found_and_for_weak_results(lang):
    panel = search_help.render(DATA, lang, "..")
    assert f'<p data-when="none">{search_help.WORDS[lang]["nothing"]}</p>' in panel
    assert f'<p data-when="weak" hidden>{search_help.WORDS[lang]["weak"]}</p>' in panel
