"""One translation per Dutch quote: the register, and pages that write their own."""
from __future__ import annotations

import pytest

from scripts.content import quote_translations as qt
from scripts.content.data_yaml import load_yaml_with_lines
from scripts.content.errors import ContentErrors

NL = "‘Het waren eigenlijk allemaal puzzelstukjes.’"


def register(text: str) -> qt.Register:
    return qt.parse(load_yaml_with_lines(text, "data/quote-translations.yml"), "data/quote-translations.yml")


def test_the_same_dutch_quote_twice_is_refused_at_its_line():
    text = (f'quotes:\n  - nl: "{NL}"\n    en: "It was all puzzle pieces."\n'
            "  - nl: \"'Het waren eigenlijk   allemaal puzzelstukjes.'\"\n    en: \"They were puzzle pieces.\"\n")
    with pytest.raises(ContentErrors) as caught:
        register(text)
    assert [str(e) for e in caught.value.errors] == [
        "data/quote-translations.yml:4: dit Nederlandse citaat staat er al (regel 2): één citaat heeft één "
        "vertaling; houd er één over"]


@pytest.mark.parametrize("text, line, reason", [
    ("- nl: x\n", 1, "het bestand bevat alleen 'quotes:'"),
    ("quotes:\n  - nl: x\n", 2, "een vertaling heeft precies 'nl'"),
    ("quotes:\n  - nl: x\n    en: ''\n", 2, "'nl' en 'en' zijn allebei tekst"),
])
def test_a_malformed_register_is_refused_at_its_line(text, line, reason):
    with pytest.raises(ContentErrors) as caught:
        register(text)
    assert caught.value.errors[0].line == line and caught.value.errors[0].reason.startswith(reason)


def test_lookup_folds_quote_marks_ellipses_and_spacing():
    reg = register(f'quotes:\n  - nl: "{NL}"\n    en: "It was all puzzle pieces."\n')
    assert reg.get("'Het waren eigenlijk\n allemaal puzzelstukjes.'").en == "It was all puzzle pieces."
    assert reg.get("Het waren allemaal puzzelstukjes.") is None


def test_a_page_that_writes_its_own_translation_is_told_where_the_one_translation_is():
    reg = register(f'quotes:\n  - nl: "{NL}"\n    en: "It was all puzzle pieces."\n')
    assert qt.problem(NL, None, reg) is None
    assert qt.problem(NL, "It was all puzzle pieces.", reg).startswith(
        "de vertaling staat al in data/quote-translations.yml:2")
    assert qt.problem(NL, "They were puzzle bits.", reg).startswith(
        "dit citaat heeft al een vertaling (data/quote-translations.yml:2): 'It was all puzzle pieces.'")
    assert qt.problem("Iets anders.", "Something else.", reg).startswith("zet deze vertaling in data/quote-translations.yml")
    assert qt.problem("Iets anders.", None, reg).startswith("dit citaat heeft geen Engelse vertaling")


def test_the_project_register_has_each_dutch_quote_once_and_every_entry_translated():
    reg = qt.load()
    assert len(reg.entries) >= 80
    assert all(e.en and e.en != e.nl for e in reg.entries.values())
