"""The training module's text (scripts/content/training_text.py): what a page and a leaflet get from
`{{ training: … }}`, the case sheets for participants, the quote cards, and the data's prose checked
like a page, at the data file's line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.content import pipeline
from scripts.content import quotes
from scripts.content import training_data
from scripts.content import training_text
from scripts.content.data_yaml import load_yaml_with_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = training_data.load()


def _sheet(block: str, lang: str) -> str:
    name = DATA["materials"][DATA["cases"][block]["sheet"]]["file"][lang]
    return (ROOT / "leaflets" / lang / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", training_data.LANGS)
@pytest.mark.parametrize("block", list(DATA["cases"]))
def test_a_case_sheet_asks_the_data_questions_by_number_and_holds_no_key(lang, block):
    sheet = _sheet(block, lang)
    assert f"{{{{ training: vragen-{block} }}}}" in sheet
    assert not re.search(r"antwoorden-|Aantekeningen|Notes on the questions|Antwoordsleutel|Answer key", sheet)
    shown = training_text.directive(f"vragen-{block}", lang, f"leaflets/{lang}/x.md", DATA)
    number = DATA["cases"][block]["number"]
    for i, q in enumerate(DATA["cases"][block]["questions"], 1):
        assert f"**{number}.{i}** {q['q'][lang]}" in shown
        assert q["key"][lang] not in shown


@pytest.mark.parametrize("block", list(DATA["cases"]))
def test_every_quote_a_question_quotes_is_on_its_case_sheet(block):
    flat = " ".join(_sheet(block, "nl").replace(">", " ").split())
    for q in DATA["cases"][block]["questions"]:
        for words in re.findall(r"‘([^’]{8,})’", q["q"]["nl"]) + list(q.get("needs") or []):
            assert words in flat, words


@pytest.mark.parametrize("lang", training_data.LANGS)
def test_the_page_shows_every_part_the_data_offers(lang):
    page = (ROOT / "docs" / lang / "professionals" / "training.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\{\{ training: ([\w-]+) \}\}", page))
    leaflets = {m for p in (ROOT / "leaflets" / lang).glob("training-*.md")
                for m in re.findall(r"\{\{ training: ([\w-]+) \}\}", p.read_text(encoding="utf-8"))}
    assert used | leaflets == set(training_text.directive_names(DATA))
    assert used >= set(training_text.directive_names(DATA)) - {f"vragen-{b}" for b in DATA["cases"]}


def test_an_unknown_training_part_fails_the_page_with_its_line():
    ctx = pipeline.load_context()
    text = "# T\n\n## Plan\n\n{{ bron: §4.2 }}\n\n{{ training: plan-60 }}\n"
    errors = pipeline.check_text(text, "docs/nl/professionals/x.md", ctx)
    assert [(e.line, e.reason.split(" (")[0]) for e in errors if "training" in e.reason] == [
        (7, "onbekende onderdeel 'plan-60' in {{ training }}".replace("onbekende onderdeel", "onbekend onderdeel"))]


def test_prose_in_the_data_is_checked_like_a_page_at_its_own_line():
    text = training_data.DATA.read_text(encoding="utf-8")
    data = load_yaml_with_lines(text, "data/training.yml")
    data["dated"]["nl"] = "Ouders zeiden ‘dit staat nergens in het rapport zo’."
    page, origin = training_text.check_document(data, "nl")
    errors = pipeline.check_text(page, "data/training.yml", pipeline.load_context(), kind="leaflet", lang="nl")
    assert {origin[e.line - 1] for e in errors if "aanhalingstekens" in e.reason} == {data["dated"].lines["nl"]}


def test_a_typed_phone_number_in_a_slide_is_refused_at_its_line():
    text = training_data.DATA.read_text(encoding="utf-8")
    data = load_yaml_with_lines(text, "data/training.yml")
    data["slides"]["nazorg"]["lines"]["nl"][1] = "Bel 0800-0113."
    page, origin = training_text.check_document(data, "nl")
    errors = pipeline.check_text(page, "data/training.yml", pipeline.load_context(), kind="leaflet", lang="nl")
    assert {origin[e.line - 1] for e in errors if "telefoonnummer" in e.reason} == {data["slides"]["nazorg"]["lines"].lines["nl"]}


def test_the_corrections_of_issue_34_hold():
    """What the report does not say is not said: no fathers, 'a part of the parents felt', a cover
    story and not a tip kept secret, no unqualified 'victim', the interviews' year."""
    everything = training_data.DATA.read_text(encoding="utf-8") + "".join(
        (ROOT / "docs" / lang / "professionals" / "training.md").read_text(encoding="utf-8") for lang in training_data.LANGS)
    for wrong in ("spreekt ook vaders", "also heard fathers", "moesten hulpverleners vaak eerst overtuigen",
                  "often had to convince", "tip van ouders die geheim bleef", "tip kept secret",
                  "zeg dat haar kind slachtoffer is", "bevindingen uit 2021", "findings from 2021", "Findings from 2021"):
        assert wrong not in everything, wrong
    assert "een deel van de ouders had het gevoel dat ze de hulpverlening eerst moesten overtuigen" in everything.lower()
    assert "najaar van 2018" in DATA["dated"]["nl"] and "autumn 2018" in DATA["dated"]["en"]


def test_materials_on_the_page_link_into_the_folders_directory_with_print_counts():
    nl = training_text.directive("materiaal-90", "nl", "docs/nl/professionals/training.md", DATA)
    en = training_text.directive("materiaal-90", "en", "docs/en/professionals/training.md", DATA)
    assert 'href="../../folders/training/nl/trainersgids-90.pdf"' in nl
    assert 'href="../../../folders/training/en/slides-90.pdf"' in en
    assert f"({DATA['plans']['90']['participants']} afdrukken)" in nl


def test_materials_on_a_leaflet_are_plain_names():
    """Paper shows no link, and a leaflet's text must not depend on the host it is built for."""
    text = training_text.directive("materiaal-90", "nl", "leaflets/nl/training-sessieplan-90.md", DATA)
    assert "<a " not in text and "- Trainersgids bij dit plan (2 afdrukken)" in text.splitlines()
    assert training_text.directive("plan-90", "en", "leaflets/en/training-session-plan-90.md", DATA).count("| ") > 10


@pytest.mark.parametrize("lang", training_data.LANGS)
def test_quote_cards_are_twenty_or_more_verified_quotes_none_from_a_case_sheet(lang):
    verified = {(q.text, q.parent, q.section) for q in quotes.site_quotes(ROOT / "docs", lang) if q.kind == "parent"}
    cards = training_text.quote_cards(DATA, lang)
    assert len(cards) == len(DATA["quote_cards"]) >= 20
    assert len({q.text for q in cards}) == len(cards)  # no card twice
    sheets = " ".join(" ".join(_sheet(b, "nl").replace(">", " ").split()) for b in DATA["cases"])
    for card in cards:
        assert (card.text, card.parent, card.section) in verified and card.section
        assert quotes.normalize(card.text.strip("‘’"))[:40] not in quotes.normalize(sheets), card.text


def test_a_quote_card_that_is_no_verified_quote_is_refused():
    data = {**DATA, "quote_cards": load_yaml_with_lines("- {parent: 4, begins: 'Dit zei niemand', bron: '§4.2'}", "x")}
    with pytest.raises(training_text.ContentErrors, match="uitspraakkaart 1"):
        training_text.quote_cards(data, "nl")


def test_a_quote_card_whose_source_names_another_section_is_refused():
    card = "- {parent: 3, begins: 'Het waren eigenlijk allemaal puzzelstukjes', bron: '§4.4'}"
    data = {**DATA, "quote_cards": load_yaml_with_lines(card, "x")}
    with pytest.raises(training_text.ContentErrors, match=r"staat in §3.2, de bron noemt §4.4"):
        training_text.quote_cards(data, "nl")


def test_the_recommendations_in_the_pack_are_the_four_verified_ones():
    for lang in training_data.LANGS:
        recs = training_text.recommendations(lang)
        assert [re.match(r"Verbeterpunt (\d)", q.text).group(1) for q in recs] == ["1", "2", "3", "4"]


def test_every_outside_source_is_listed_with_the_date_it_was_read():
    listed = training_text.directive("bronnen", "nl", "leaflets/nl/x.md", DATA)
    for source in DATA["sources"]:
        assert f"{source['name']['nl']} ({source['url']}); gelezen {source['read'].isoformat()}, opgeslagen kopie" in listed


def test_a_slide_with_too_many_words_fails_the_build_at_the_part_that_shows_it():
    text = training_data.DATA.read_text(encoding="utf-8")
    data = load_yaml_with_lines(text, "data/training.yml")
    data["slides"]["check-in"]["lines"]["en"].append("word " * 40)
    errors = training_text.slide_problems(data, "en", "data/training.yml", ROOT / "docs")
    parts = [p for plan in data["plans"].values() for p in plan["parts"] if "check-in" in (p.get("slides") or [])]
    assert sorted(e.line for e in errors) == sorted(p.lines["slides"] for p in parts)
    assert all("dia 'check-in'" in e.reason and "maximaal 40" in e.reason for e in errors)
