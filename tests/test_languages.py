"""Unit tests for scripts/postbuild/languages.py: each fix on a small, real-shaped input."""
import json

from scripts.postbuild import languages

HEAD = (
    '<html lang="en" class="no-js"><head>'
    '<link rel="alternate" href="../../signalen/" hreflang="nl">'
    '<link rel="alternate" href="./" hreflang="en">'
    '</head><body><div class="md-search" data-md-component="search" role="dialog"></div>'
    '<article class="md-content__inner md-typeset"><h1>Over</h1></article>'
    '<script id="__config" type="application/json">{"base": "../..", "features": []}</script>'
)


def test_alternates_become_absolute_with_x_default():
    html = languages.absolute_alternates(HEAD, "en/signalen/", "https://example.org/", "nl")
    assert '<link rel="alternate" href="https://example.org/signalen/" hreflang="nl">' in html
    assert '<link rel="alternate" href="https://example.org/en/signalen/" hreflang="en">' in html
    assert '<link rel="alternate" href="https://example.org/signalen/" hreflang="x-default">' in html
    assert 'href="../' not in html


def test_alternates_respect_a_site_url_with_a_path():
    html = languages.absolute_alternates(HEAD, "en/signalen/", "https://example.org/handboek", "nl")
    assert 'href="https://example.org/handboek/en/signalen/" hreflang="en"' in html


def test_language_root_for_each_depth():
    assert languages.language_root("", "nl", "nl") == "."
    assert languages.language_root("signalen/", "nl", "nl") == ".."
    assert languages.language_root("en/", "en", "nl") == "."
    assert languages.language_root("en/signalen/", "en", "nl") == ".."
    assert languages.language_root("en/professionals/training/", "en", "nl") == "../.."


def test_config_base_is_rewritten_and_stays_json():
    html = languages.set_config_base(HEAD, "..")
    payload = html.split('type="application/json">')[1].split("</script>")[0]
    assert json.loads(payload)["base"] == ".."


def test_untranslated_page_gets_text_language_and_banner():
    html = languages.mark_untranslated(HEAD, "nl", "en", "Not translated yet.")
    assert html.startswith('<html lang="nl"')
    assert '<p class="untranslated" lang="en" role="note">Not translated yet.</p><h1>' in html


def test_search_dialog_gets_a_name():
    assert 'role="dialog" aria-label="Zoeken"' in languages.name_search_dialog(HEAD, "Zoeken")


def test_without_alternates():
    assert 'rel="alternate"' not in languages.without_alternates(HEAD)


def test_split_search_index_keeps_each_language_apart():
    index = {
        "config": {"lang": ["nl", "en"], "separator": "x"},
        "docs": [
            {"location": "", "title": "Home", "text": "nl"},
            {"location": "signalen/#a", "title": "Signalen", "text": "nl"},
            {"location": "en/", "title": "Home", "text": "en"},
            {"location": "en/signalen/#a", "title": "Signs", "text": "en"},
        ],
    }
    split = languages.split_search_index(index, ["nl", "en"], "nl")
    assert [d["location"] for d in split["nl"]["docs"]] == ["", "signalen/#a"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "signalen/#a"]
    assert {d["text"] for d in split["en"]["docs"]} == {"en"}
    assert split["nl"]["config"]["lang"] == ["nl"] and split["en"]["config"]["lang"] == ["en"]
    assert split["nl"]["config"]["separator"] == "x"
