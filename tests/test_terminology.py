"""The English terminology: refused forms at their line, words explained where first used."""
from __future__ import annotations

import pytest

from scripts.content import terminology
from scripts.content.data_yaml import load_yaml_with_lines
from scripts.content.errors import ContentErrors

TERMS = terminology.parse(load_yaml_with_lines(
    "terms:\n"
    "  - use: perpetrator\n    not: [offender, offenders]\n    why: dader\n"
    "  - use: \"If …, …\"\n    not: ['re: \\?\\s+Then\\b']\n    why: Dutch order\n"
    "  - use: loverboy\n    explain: loverboy\n    explain_with: [Romeo pimp, glossary]\n    why: explain it\n",
    "t.yml"), "t.yml")


def test_a_refused_word_is_reported_at_its_line_with_the_word_to_use():
    text = "# Page\n\nThe blame lies with the Offender.\n\nNot with the offenders' victims.\n"
    assert [str(e) for e in terminology.check_text(text, "docs/en/x.md", TERMS, 3)] == [
        "docs/en/x.md:6: 'Offender': schrijf 'perpetrator' (dader)",
        "docs/en/x.md:8: 'offenders': schrijf 'perpetrator' (dader)",
    ]


def test_part_of_a_word_is_no_match_and_a_regex_term_matches():
    assert terminology.check_text("Offenderless text.", "x", TERMS) == []
    assert [e.line for e in terminology.check_text("Fine.\nNot sure? Then ask.\n", "x", TERMS)] == [2]


def test_a_word_that_needs_explaining_is_explained_in_the_paragraph_of_its_first_use():
    bad = "# Page\n\nShe feared a loverboy.\n\nA loverboy, also called a Romeo pimp.\n"
    good = "# Page\n\nShe feared a loverboy (see the glossary).\n\nA loverboy again.\n"
    [error] = terminology.check_text(bad, "docs/en/x.md", TERMS)
    assert error.line == 3 and error.reason.startswith("'loverboy' wordt hier voor het eerst gebruikt")
    assert terminology.check_text(good, "docs/en/x.md", TERMS) == []


def test_english_strings_of_a_data_file_are_checked_at_their_lines():
    doc = load_yaml_with_lines("routes:\n  - what:\n      nl: dader\n      en: >-\n        The offender.\n", "r.yml")
    [(line, text)] = terminology.english_strings(doc)
    assert [str(e) for e in terminology.check_data_text([(line, text)], "r.yml", TERMS)] == [
        "r.yml:4: 'offender': schrijf 'perpetrator' (dader)"]


@pytest.mark.parametrize("text, reason", [
    ("- use: x\n", "het bestand bevat alleen 'terms:'"),
    ("terms:\n  - use: x\n    why: y\n", "een term zonder 'not'"),
    ("terms:\n  - use: x\n    not: ['re: (']\n    why: y\n", "'re: (' is geen geldige reguliere expressie"),
])
def test_a_malformed_term_list_is_refused(text, reason):
    with pytest.raises(ContentErrors) as caught:
        terminology.parse(load_yaml_with_lines(text, "t.yml"), "t.yml")
    assert caught.value.errors[0].reason.startswith(reason)


def test_the_project_terms_load():
    uses = [t.use for t in terminology.load()]
    assert "perpetrator" in uses and "police unit for sexual offences (zedenpolitie)" in uses
