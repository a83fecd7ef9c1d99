"""The plain-language gate: known texts with hand-computed figures, then the gate over docs/nl."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.content.readability import (
    ROOT,
    collect_pages,
    main,
    measure_file,
    measure_text,
    problems,
    prose_units,
    split_sentences,
    syllables,
)

# Hand count: "Je kind is niet schul-dig." 5 words, 6 syllables; "Praat met je moe-der." 4 words,
# 5 syllables. 9 words / 2 sentences = 4.5; 11 syllables / 9 words.
# Flesch–Douma = 206.835 - 4.185 - 94.111 = 108.54
SIMPLE_NL = "Je kind is niet schuldig. Praat met je moeder.\n"

# 21 words in one sentence, 29 syllables (al-tijd, moe-der, va-der, wo-nen, sa-men, bel-len,
# po-li-tie; the other 14 words have one).
LONG_SENTENCE_NL = (
    "Hij ging altijd naar school en de moeder en de vader wonen samen met hem "
    "en ze bellen de politie niet.\n"
)


def test_hand_computed_flesch_douma():
    m = measure_text(SIMPLE_NL, "nl")
    assert (m.sentence_count, m.words, m.syllables) == (2, 9, 11)
    assert m.words_per_sentence == pytest.approx(4.5)
    assert m.score == pytest.approx(108.54, abs=0.01)
    assert problems(m) == []


def test_hand_computed_flesch_reading_ease_for_english():
    # "Your child is not to blame." 6 words, 6 syllables; "Talk with your fa-ther." 4 words, 5.
    # 10 words / 2 sentences = 5.0; 11 / 10 = 1.1 → 206.835 - 5.075 - 93.06 = 108.70
    m = measure_text("Your child is not to blame. Talk with your father.\n", "en")
    assert (m.sentence_count, m.words, m.syllables) == (2, 10, 11)
    assert m.score == pytest.approx(108.70, abs=0.01)


def test_long_sentence_is_counted_and_fails_the_bar():
    m = measure_text(LONG_SENTENCE_NL, "nl", path="docs/nl/x.md")
    assert m.words == 21 and m.sentence_count == 1
    assert m.syllables == 29
    assert len(m.long_sentences) == 1
    found = problems(m)
    assert "docs/nl/x.md: gemiddeld 21.0 woorden per zin (max 13)" in found
    assert "docs/nl/x.md: 100% zinnen langer dan 20 woorden (1 van 1; max 5%)" in found


def test_dutch_abbreviations_do_not_end_a_sentence():
    text = "Bel bijv. de huisarts. Of o.a. Veilig Thuis, d.w.z. een meldpunt. Dat helpt! Echt?"
    assert split_sentences(text) == [
        "Bel bijv. de huisarts.",
        "Of o.a. Veilig Thuis, d.w.z. een meldpunt.",
        "Dat helpt!",
        "Echt?",
    ]


def test_section_numbers_and_lower_case_continuations_stay_in_one_sentence():
    assert split_sentences("Zie §3.2 van het rapport. Dat staat er. en dan verder") == [
        "Zie §3.2 van het rapport.",
        "Dat staat er. en dan verder",
    ]


def test_list_items_and_headings_are_sentences():
    m = measure_text("## Wat zie je\n\n- Je kind is vaak weg\n- Nieuwe vrienden\n* Geld\n", "nl")
    assert [s.text for s in m.sentences] == ["Wat zie je", "Je kind is vaak weg", "Nieuwe vrienden", "Geld"]


def test_quotes_are_excluded():
    quote = (
        "> ‘Het waren eigenlijk allemaal puzzelstukjes. […] Beetje bij beetje kom je te weten hoe\n"
        "> het in elkaar zit, en dat duurde heel erg lang voordat we het allemaal echt doorhadden.’\n"
        "> — ouder 3\n"
    )
    with_quote = measure_text(SIMPLE_NL + "\n" + quote + "\nDit is kort.\n", "nl")
    without = measure_text(SIMPLE_NL + "\nDit is kort.\n", "nl")
    assert with_quote.words == without.words == 12
    assert [s.text for s in with_quote.sentences] == [s.text for s in without.sentences]


def test_markup_that_is_not_prose_is_stripped():
    page = (
        "---\naudience: parents\ntitle: x\n---\n"
        "{{ bron: §3.2 }}\n"
        "Lees [de signalen](signalen.md#geld){ .knop } of <https://example.org>.\n"
        "Bel {{ nummer: veilig-thuis }} <strong>nu</strong>.\n\n"
        "```\nniet tellen want dit is code met heel veel woorden\n```\n\n"
        "| Wie | Wat |\n|-----|-----|\n| Politie | Aangifte |\n\n"
        '<svg role="img"><text>Cirkel omhoog</text></svg>\n\n'
        "*[OTS]: ondertoezichtstelling\n"
        "[ref]: https://example.org/lang\n"
    )
    units = [u.text for u in prose_units(page.split("---\n", 2)[2], first_line=5)]
    assert units == ["Lees de signalen of. Bel nu.", "Wie", "Wat", "Politie", "Aangifte"]
    m = measure_text(page, "nl")
    assert [s.line for s in m.sentences] == [6, 6, 13, 13, 15, 15]


def test_syllables_come_from_the_dutch_dictionary():
    assert syllables("politie", "nl") == 3
    assert syllables("ouder-kindrelatie", "nl") == 6  # ou-der + kind-re-la-tie
    assert syllables("112", "nl") == 1


def test_professional_meta_and_english_pages_are_reported_not_held():
    hard = "---\naudience: professionals\n---\n" + LONG_SENTENCE_NL
    assert measure_text(hard, "nl").held_to_bar is False
    assert problems(measure_text(hard, "nl")) == []
    assert problems(measure_text("---\naudience: meta\n---\n" + LONG_SENTENCE_NL, "nl")) == []
    assert problems(measure_text(LONG_SENTENCE_NL, "en")) == []
    # Without front matter a page in a professionals/ folder is for professionals.
    assert measure_text(LONG_SENTENCE_NL, "nl", path="docs/nl/professionals/x.md").audience == "professionals"
    assert measure_text(LONG_SENTENCE_NL, "nl", path="docs/nl/x.md").audience == "parents"


def test_unknown_audience_is_an_error():
    with pytest.raises(ValueError, match="audience 'ouders' bestaat niet"):
        measure_text("---\naudience: ouders\n---\nTekst.\n", "nl")


def _page(tmp_path: Path, lang: str, name: str, text: str) -> Path:
    path = tmp_path / "docs" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_fails_on_a_page_below_the_bar_and_names_the_figure(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _page(tmp_path, "nl", "goed.md", SIMPLE_NL)
    _page(tmp_path, "nl", "moeilijk.md", LONG_SENTENCE_NL)
    _page(tmp_path, "en", "hard.md", LONG_SENTENCE_NL)
    assert main(["docs/nl", "docs/en"]) == 1
    out = capsys.readouterr().out
    assert "docs/nl/moeilijk.md: gemiddeld 21.0 woorden per zin (max 13)" in out
    assert "docs/nl/moeilijk.md:1: zin van 21 woorden" in out
    assert "docs/nl/goed.md:" not in out.split("Onder de lat")[1]
    assert "docs/en/hard.md" not in out.split("Onder de lat")[1]


def test_cli_passes_on_plain_pages_and_reports_usage_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _page(tmp_path, "nl", "goed.md", SIMPLE_NL)
    assert main(["docs/nl"]) == 0
    assert main(["docs/bestaat-niet"]) == 2
    _page(tmp_path, "nl", "kapot.md", "---\naudience: [\n---\nTekst.\n")
    assert main(["docs/nl/kapot.md"]) == 2
    assert "kan pagina niet lezen" in capsys.readouterr().err


# The gate itself: every Dutch page for parents must be B1. Fails `make test` on a hard page.
@pytest.mark.parametrize(
    "page", collect_pages([str(ROOT / "docs" / "nl")]), ids=lambda p: str(p.relative_to(ROOT))
)
def test_dutch_parent_page_meets_the_plain_language_bar(page):
    assert problems(measure_file(page)) == []
