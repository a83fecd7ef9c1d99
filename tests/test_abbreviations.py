"""Abbreviations: one definition per line, the same set in both languages, explained in the site."""
from __future__ import annotations

import pytest

from scripts.content.abbreviations import definitions, load, parse


def test_parse_reads_definitions_and_names_bad_lines():
    found, errors = parse("*[OTS]: ondertoezichtstelling\n\nOTS is iets\n*[OTS]: dubbel\n", "a.md")
    assert found == {"OTS": "ondertoezichtstelling"}
    assert [str(e) for e in errors] == [
        "a.md:3: geen afkorting: schrijf *[AFK]: uitleg",
        "a.md:4: 'OTS' staat er al",
    ]


def test_missing_file_is_an_error(tmp_path):
    text, errors = definitions("nl", tmp_path)
    assert text == "" and "bestand met afkortingen ontbreekt" in str(errors[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_files_are_valid(lang):
    found, errors = load(lang)
    assert errors == [] and found


def test_both_languages_explain_the_same_abbreviations():
    assert sorted(load("nl")[0]) == sorted(load("en")[0])


def test_abbreviations_are_explained_on_built_pages(built_site):
    # The Bronverantwoording intro names CKM in both languages.
    nl = (built_site / "bronverantwoording" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "bronverantwoording" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{load("nl")[0]["CKM"]}">CKM</abbr>' in nl
    assert f'<abbr title="{load("en")[0]["CKM"]}">CKM</abbr>' in en
