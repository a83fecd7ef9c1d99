"""The report parser: sections, passages and prose recovered from the raw extraction."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from scripts.content.report_text import (
    DEFAULT_SOURCE,
    PARENTS,
    join_hyphenated,
    load_report,
    parse_report,
    strip_markers,
)

RAW = DEFAULT_SOURCE.read_text(encoding="utf-8")
ATTRIBUTIONS = re.findall(r"\(ouder (\d+)\)", RAW)


@pytest.fixture(scope="module")
def report():
    return load_report()


def _passage(report, start: str):
    found = [p for p in report.passages if p.text.startswith(start)]
    assert len(found) == 1, f"{start!r}: {len(found)} passages"
    return found[0]


def _prose(report) -> str:
    return "\n".join(b.text for b in report.prose)


# --- passages ------------------------------------------------------------------------------


def test_one_passage_per_attribution_in_the_source(report):
    # The source has 69 "(ouder N)" attributions; each one closes exactly one passage.
    assert len(ATTRIBUTIONS) == 69
    assert len(report.passages) == len(ATTRIBUTIONS)
    assert Counter(p.parent for p in report.passages) == Counter(int(n) for n in ATTRIBUTIONS)


def test_parents_are_the_nine_interviewed_no_parent_7(report):
    assert sorted({p.parent for p in report.passages}) == list(PARENTS)
    assert 7 not in PARENTS


def test_passage_ids_are_unique(report):
    ids = [p.id for p in report.passages]
    assert len(ids) == len(set(ids))


def test_passages_hold_no_attribution_furniture_or_footnotes(report):
    for p in report.passages:
        for bad in ("(ouder", "OUDERS AAN HET WOORD", "http", "(I)", "(R)", "\x01"):
            assert bad not in p.text, (p.id, bad)
        assert not p.text.startswith("‘") and not p.text.endswith("’"), p.id


def test_plain_passage_text_and_section(report):
    p = _passage(report, "Het waren eigenlijk allemaal puzzelstukjes.")
    assert (p.parent, p.section) == (3, "3.2")
    assert p.text.endswith("Beetje bij beetje kom je te weten hoe het in elkaar zit.")
    assert "100% zeker kon ik het niet zeggen, maar er waren wel zoveel aanwijzingen." in p.text


def test_opening_quote_belongs_to_chapter_1(report):
    p = report.passages[0]
    assert (p.parent, p.section) == (8, "1")
    assert p.text.startswith("Het gros van de ouders loopt gewoon tegen zoveel muren op")


def test_passage_interrupted_by_footnote_and_chapter_title(report):
    # Footnote 21 sits before this quote and footnote 25's body ends without a full stop.
    p = _passage(report, "Het was een hele moeilijke tijd.")
    assert (p.parent, p.section) == (10, "3.3")
    assert p.text.endswith("Ja, dat is wel lastig.")


def test_interview_fragment_keeps_parent_turns_only(report):
    p = _passage(report, "Ik merk bij al mijn kinderen dat dit sporen heeft achter gelaten.")
    assert (p.parent, p.section) == (4, "3.4")
    assert len(p.turns) == 3
    assert p.interviewer == ("Hoe gaat het met de andere kinderen?",
                             "Ja, dat zal u ook niet in de koude kleren gaan zitten.")
    assert "Hoe gaat het" not in p.text
    assert p.text == " […] ".join(p.turns)


def test_interview_fragment_with_authors_elision_between_turns(report):
    p = _passage(report, "We hebben met [organisatie] alles in gang proberen te zetten")
    assert (p.parent, p.section, len(p.turns), len(p.interviewer)) == (1, "4.3", 5, 4)
    assert p.turns[3].endswith("Dat heeft maar liefst anderhalf jaar geduurd.")


def test_passage_continues_across_page_furniture(report):
    p = _passage(report, "Ik merk bij al mijn kinderen")
    assert p.turns[-1].endswith("dan heb je daar verdriet van.")
    assert "Resumerend" in _prose(report)


# --- sections ------------------------------------------------------------------------------


def test_every_section_found_in_order(report):
    assert list(report.sections) == [
        "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
        "4", "4.1", "4.2", "4.3", "4.4", "4.5", "5", "5.1", "5.2", "5.3", "Bijlage"]


def test_section_titles_despite_quirks(report):
    assert report.sections["3.3"] == "Empowerment vs. Disempowerment"  # "3.3." stray dot
    assert report.sections["4.2"] == "‘Understanding’ vs. ‘Confusion’: na intrede van zorg- en beschermingssysteem"
    assert report.sections["3"] == "Impact en gevolgen op ouders van seksueel uitgebuite kinderen"
    assert report.sections["Bijlage"] == "Onderzoeksverantwoording"


def test_chapter_opening_text_placed_before_its_late_title(report):
    # Chapter 5's title comes after §5.1 in the extraction; its opening text is still chapter 5.
    sections = {b.section for b in report.prose if b.text.startswith("Aangaande de rol en positie")}
    assert sections == {"5"}
    assert any(b.section == "4.5" and b.text.startswith("In Hoofdstuk 3 is beschreven") for b in report.prose)


def test_chapter_titles_mid_text_are_not_prose(report):
    prose = _prose(report)
    assert "IMPACT EN GEVOLGEN" not in prose
    assert "SYSTEEM VAN ZORG" not in prose


# --- clean running text ----------------------------------------------------------------------


def test_all_footnote_bodies_and_markers_found(report):
    assert sorted(report.footnotes) == list(range(1, 50))
    assert report.markers == list(range(1, 50))
    assert report.footnotes[27] == "Zie ook paragraaf 3.3."


def test_footnote_bodies_urls_and_furniture_are_gone_from_prose(report):
    prose = _prose(report)
    for gone in ("Zie ook paragraaf 3.3.", "OUDERS AAN HET WOORD", "https://", "Zie hoofdstuk 1",
                 "Kind Ouder", "Figuur 1", "I’m more able"):
        assert gone not in prose, gone


def test_glued_footnote_markers_do_not_break_words(report):
    prose = _prose(report)
    assert "onder de Nederlandse bevolking. Uit deze peiling blijkt" in prose  # "bevolking.1"
    assert "in de jaren 2017 en 2018. Fier heeft" in prose  # "201849": 2018 + marker 49
    assert "wordt toegedicht, blijkt uit de interviews" in prose  # "toegedicht21,"
    assert "meer dan 6.000 personen" in prose and "onder wie 1.320 Nederlandse meisjes" in prose


def test_strip_markers_only_takes_the_next_marker_in_order():
    text, found = strip_markers("in 2016 en 2018 kwam.1 Daarna in 201849 niets.2", [1, 2])
    assert text == "in 2016 en 2018 kwam. Daarna in 201849 niets."
    assert found == [1, 2]


def test_hyphenated_line_breaks_joined_in_running_text(report):
    prose = _prose(report)
    assert "seksuele uitbuiting. Om die reden" in prose  # "sek-" / "suele"
    assert "sek-" not in prose and "pei-ling" not in prose
    assert "de gevolgen van seksuele uitbuiting van kinderen op hun ouders" in prose  # across footnotes 1–3
    assert "zich op ouders en op de ouder-kindrelatie, wanneer" in prose  # "ouder-kindre-" / "latie"
    assert "zorg- en veiligheidsdomein" in prose  # hyphen + space: a real suspended hyphen


# --- hyphenation rule ----------------------------------------------------------------------


VOCAB = Counter({"seksuele": 12, "ouder-kindrelatie": 3, "hulpverleners": 9})


@pytest.mark.parametrize("left, right, joined", [
    ("sek", "suele uitbuiting", True),          # the report writes "seksuele"
    ("ouder", "kindrelatie", False),            # the report writes "ouder-kindrelatie", never joined
    ("hulp", "verleners", True),                # Dutch compounds are closed
    ("Stephens", "Lewis", False),               # a capital after the hyphen: a name
    ("effec", "tievere aanpak", True),          # unknown word, no vowel clash: typesetting
    ("informatie", "uitwisseling", False),      # unknown word, vowels clash: Dutch keeps the hyphen
])
def test_join_hyphenated(left, right, joined):
    assert join_hyphenated(left, right, VOCAB) is joined


def test_hyphenation_decided_by_the_reports_own_vocabulary():
    raw = ("1. INLEIDING\n\nDe ouder-kindrelatie staat in dit stuk centraal, en seksuele uitbuiting ook. \n\n"
           "In dit korte voorbeeld gaat het over de gevolgen van sek-\n\n"
           "suele uitbuiting voor het gezin en voor de ouder-\n\n"
           "kindrelatie, zoals de extractie die over regels verdeelt. \n")
    prose = parse_report(raw).prose[0].text
    assert "de gevolgen van seksuele uitbuiting voor het gezin en voor de ouder-kindrelatie, zoals" in prose


def test_load_report_is_parsed_once_per_process():
    assert load_report() is load_report()
