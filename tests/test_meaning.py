"""Meaning checks (scripts/content/meaning.py): each check has a case that must fail, with its exact
`path:line: reason`, and one that must pass; plus a run over the real pages that reports what
the checks flag today (not yet a gate: the content is being corrected, issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.content import meaning
from scripts.content.errors import ContentError
from scripts.content.quotes import language_of

ROOT = Path(__file__).resolve().parents[1]
NL = "docs/nl/x.md"
EN = "docs/en/x.md"
SECTIONS = ("1", "1.1", "3", "3.2", "3.3", "4", "4.3", "4.4", "5.3", "Bijlage")
REGISTRY_YAML = """\
caveat:
  nl: ['meldpunt', 'klein']
  en: ['reporting line', 'small']
figures:
  - id: negen-ouders
    sections: ['1.1']
    caveat: false
    nl: ['\\bnegen ouders\\b']
    en: ['\\bnine parents\\b']
  - id: acht-van-de-negen
    sections: ['3.3', '4.3']
    caveat: true
    nl: ['\\bacht van de negen\\b']
    en: ['\\beight of the nine\\b']
  - id: jaar-rapport
    sections: []
    caveat: false
    nl: ['\\b2021\\b']
    en: ['\\b2021\\b']
"""
REGISTRY = meaning.parse_registry(REGISTRY_YAML, "data/report-figures.yml", SECTIONS)


def run(text: str, path: str = NL, titles=()) -> list[str]:
    return [str(e) for e in meaning.check_meaning(text, path, language_of(path), REGISTRY, titles)]


def only(check: str, text: str, path: str = NL, titles=()) -> list[str]:
    found = meaning.check_meaning_by_check(text, path, language_of(path), REGISTRY, titles)
    return [str(e) for e in found[check]]


# --- 1. a quote's section is in its section's bron -------------------------------------------

QUOTE_3_44 = ("> ‘Nee, ik ben er wel naartoe gegaan en heb het een paar keer verteld aan de politie.’\n"
              "> — ouder 3\n")


def test_quote_outside_the_sections_bron_fails():
    page = f"# Titel\n\n## Politie\n{{{{ bron: §4.3 }}}}\n\nEen moeder vertelt:\n\n{QUOTE_3_44}"
    assert only("1 quote-bron", page) == [
        f"{NL}:8: citaat van ouder 3 staat in §4.4 van het rapport, maar de bron van sectie 'Politie' "
        "noemt §4.3: zet §4.4 in de bronregel, of kies een citaat uit de genoemde paragrafen"]


@pytest.mark.parametrize("bron", ["§4.4", "§4", "§3.2; §4.4", "§4.3, §4.4; Politie | https://www.politie.nl"])
def test_quote_inside_the_sections_bron_passes(bron):
    page = f"# Titel\n\n## Politie\n{{{{ bron: {bron} }}}}\n\n{QUOTE_3_44}"
    assert only("1 quote-bron", page) == []


def test_quote_above_the_first_heading_needs_a_bron_there():
    assert only("1 quote-bron", f"# Titel\n\n{QUOTE_3_44}") == [
        f"{NL}:3: citaat van ouder 3 staat in §4.4 van het rapport, maar de bron van de tekst boven de eerste "
        "##-kop noemt geen paragraaf van het rapport: zet {{ bron: §4.4 }} boven dit citaat, of kies een citaat "
        "uit de genoemde paragrafen"]


# --- 2. an elision may not remove a negation or a number --------------------------------------

CUT_NEGATION = "> ‘100% zeker kon ik het […] zeggen, maar er waren wel zoveel aanwijzingen.’\n> — ouder 3\n"


def test_elision_that_removes_a_negation_fails():
    page = f"## Signalen\n{{{{ bron: §3.2 }}}}\n\n{CUT_NEGATION}"
    assert only("2 weglating", page) == [
        f"{NL}:4: […] laat 'niet' weg uit de zin die het citaat afknipt (rapport: ‘…niet…’): een weglating "
        "mag geen ontkenning of getal weghalen. Neem het mee, of zet na een tweede lezing op de regel onder de "
        "bronvermelding {{ weglating: reden }}"]


def test_elision_that_removes_a_number_fails():
    page = ("## Signalen\n{{ bron: §3.2 }}\n\n"
            "> ‘Ook heb ik op haar telefoon gekeken en toch dingen gezien waarvan ik dacht dat hoort een 13\n"
            "> tot 15 jarig meisje niet te doen, […] dat hoort allemaal niet.’\n> — ouder 6\n")
    errors = only("2 weglating", page)
    assert len(errors) == 1 and errors[0].startswith(f"{NL}:5: […] laat '14', '5' weg uit de zin")


def test_elision_with_a_reviewed_marker_passes():
    page = f"## Signalen\n{{{{ bron: §3.2 }}}}\n\n{CUT_NEGATION}{{{{ weglating: voorbeeld voor de test }}}}\n"
    assert only("2 weglating", page) == []


def test_elision_of_whole_sentences_with_a_negation_passes():
    # The cut leaves out whole sentences ("… zoek haar niet meer op …"); the kept ones say what they said.
    page = ("## Politie\n{{ bron: §4.4 }}\n\n> ‘De wijkagenten hebben echt geprobeerd om haar te helpen, los te "
            "komen van die jongen. […] Ze hebben het wel echt geprobeerd, maar ja daar heeft ze gewoon echt "
            "specialistische hulp voor nodig om los te komen.’\n> — ouder 4\n")
    assert only("2 weglating", page) == []


def test_marker_without_reason_or_quote_fails():
    page = (f"## Signalen\n{{{{ bron: §3.2 }}}}\n\n{CUT_NEGATION}{{{{ weglating }}}}\n\n"
            f"{QUOTE_3_44}{{{{ weglating: geen […] }}}}\n\nTekst.\n{{{{ weglating: los }}}}\n")
    assert only("2 weglating", page) == [
        f"{NL}:6: {{{{ weglating }}}} zonder reden: schrijf {{{{ weglating: waarom dit mag }}}}",
        f"{NL}:10: {{{{ weglating }}}} staat onder een citaat zonder […]",
        f"{NL}:13: {{{{ weglating }}}} hoort op de regel direct onder de bronvermelding van een citaat",
    ]


# --- 3. quotation marks in running text -------------------------------------------------------


def test_paraphrase_in_quotation_marks_fails():
    page = "## Politie\n{{ bron: §4.4 }}\n\nOuders hoorden vaak: “De politie kan niets doen.”\n"
    assert only("3 aanhaling", page) == [
        f"{NL}:4: ‘De politie kan niets doen.’ staat tussen aanhalingstekens maar niet letterlijk in het rapport: "
        "een parafrase krijgt geen aanhalingstekens (haal ze weg, of citeer letterlijk)"]


def test_verbatim_words_without_attribution_fail():
    page = "## Grip\n{{ bron: §4.3 }}\n\nDe hulpverlener zei:\n‘Laat ons die dwang opleggen’. Dat hielp.\n"
    assert only("3 aanhaling", page) == [
        f"{NL}:5: ‘Laat ons die dwang opleggen’ zijn woorden van ouder 1 (§4.3), maar de alinea zegt niet van wie: "
        "noem 'ouder 1' in dezelfde alinea, of toon het als citaat met bronvermelding"]


@pytest.mark.parametrize("text", [
    "Ouder 1 vertelt dat de hulpverlener zei: ‘Laat ons die dwang opleggen’.",  # attributed, verbatim
    "Het rapport zegt het kort: ‘Ouders hebben hulp nodig.’",  # the report's own words, report named
    "Lees ook “Wat ouders van je nodig hebben” voor trainers.",  # a title, not a quote
    "Een moeder zei ‘nee’ en ‘ik weet niet’.",  # fewer than four words
    '<span class="x y z w">tekst</span> en `"code met vier woorden"`.',  # markup, code
])
def test_quoted_text_that_holds_passes(text):
    page = f"## Grip\n{{{{ bron: §4.3 }}}}\n\n{text}\n"
    assert only("3 aanhaling", page, titles=["Wat ouders van je nodig hebben"]) == []


def test_words_of_a_quote_shown_in_the_section_pass():
    page = ("## Grip\n{{ bron: §4.3 }}\n\n> ‘Ze [de hulpverlener] zei: ‘Laat ons die dwang opleggen’.’\n"
            "> — ouder 1\n\nWaarom werkte “Laat ons die dwang opleggen”?\n")
    assert only("3 aanhaling", page) == []


EN_QUOTE = ("> ‘No, I did go there and told the police a few times.’\n>\n> Original: ‘Nee, ik ben er wel naartoe "
            "gegaan en heb het een paar keer verteld aan de politie.’\n> — parent 3\n")


def test_english_quote_that_is_no_translation_on_the_page_fails():
    page = f"## Police\n{{{{ bron: §4.4 }}}}\n\n{EN_QUOTE}\nParents heard “the police could not help them”.\n"
    assert only("3 aanhaling", page, EN) == [
        f"{EN}:9: ‘the police could not help them’ staat tussen aanhalingstekens, maar is geen Nederlandse "
        "rapporttekst en geen vertaling van een citaat op deze pagina: een parafrase krijgt geen aanhalingstekens "
        "(haal ze weg, of citeer als blockquote met 'Original:')"]


def test_english_quote_from_a_translation_on_the_page_passes():
    page = f"## Police\n{{{{ bron: §4.4 }}}}\n\n{EN_QUOTE}\nParent 3 “told the police a few times”.\n"
    assert only("3 aanhaling", page, EN) == []


# --- 4. figures about the study ----------------------------------------------------------------


def test_unregistered_study_figure_fails():
    page = "## Wie\n{{ bron: §1.1 }}\n\nZeven ouders vertelden hun verhaal.\n"
    assert only("4 cijfer", page) == [
        f"{NL}:4: 'Zeven ouders' lijkt een cijfer over het onderzoek, maar staat niet in data/report-figures.yml: "
        "neem het cijfer over zoals het rapport het geeft en zet het met zijn § in het register"]


def test_registered_figure_without_its_section_fails():
    page = "## Wie\n{{ bron: §3.2 }}\n\nNegen ouders vertelden hun verhaal.\n"
    assert only("4 cijfer", page) == [
        f"{NL}:4: 'Negen ouders' (negen-ouders) staat in §1.1 van het rapport, maar de bron van sectie 'Wie' "
        "noemt §3.2: zet een van die paragrafen in de bronregel"]


def test_count_of_parents_without_caveat_fails():
    page = "## Bedreiging\n{{ bron: §3.3 }}\n\nAcht van de negen gezinnen werden bedreigd.\n"
    assert only("4 cijfer", page) == [
        f"{NL}:4: 'Acht van de negen' telt de ouders van het onderzoek: zeg in dezelfde sectie dat het om negen "
        "ouders ging, gevonden via een meldpunt nadat hulp vaak niet had gewerkt (§1.1), zodat niemand het als "
        "eigen kans leest (patronen: caveat in data/report-figures.yml)"]


def test_registered_figures_with_section_and_caveat_pass():
    page = ("Dit handboek volgt het rapport (2021).\n\n## Bedreiging\n{{ bron: §1.1; §3.3 }}\n\n"
            "Negen ouders vertelden hun verhaal. Acht van de negen gezinnen werden bedreigd. Het was een kleine "
            "groep, gevonden via een meldpunt.\n\n## Eight\n{{ bron: §4.3 }}\n\n"
            "Eight of the nine families, a small group found through a reporting line.\n")
    assert only("4 cijfer", page) == []


@pytest.mark.parametrize("text", [
    "Bel 112 bij gevaar. Je dochter van 15 jaar mag dit lezen.",
    "Deze uitgave is van 27 november 2026.",
    "Ouder 5 en ouder 8 vertellen. Haar twee kinderen woonden thuis.",
    "Neem drie dagen rust. Druk drie keer op Shift. Het was 60 kilometer verderop.",
    "De andere drie moeten ouders helpen.",
    "Een groep van 8 tot 20 professionals.",
])
def test_ordinary_numbers_pass(text):
    page = f"## Gewoon\n{{{{ bron: §4.4 }}}}\n\n{text}\n"
    assert only("4 cijfer", page) == []


# --- 5. law from outside the report -------------------------------------------------------------


def test_law_without_official_source_fails():
    page = "## Uitbuiting\n{{ bron: §1 }}\n\nVolgens art. 273f Sr is een kind altijd slachtoffer.\n"
    assert only("5 buitenbron", page) == [
        f"{NL}:4: 'art. 273f': een uitspraak over de wet komt niet uit het rapport; noem in de bron van sectie "
        "'Uitbuiting' de wettekst of een overheidspagina (bijv. 'Wetboek van Strafrecht | "
        "https://wetten.overheid.nl/…')"]


def test_law_with_the_law_text_as_source_passes():
    page = ("## Uitbuiting\n{{ bron: §1; Wetboek van Strafrecht | https://wetten.overheid.nl/BWBR0001854 }}\n\n"
            "Volgens art. 273f Sr is een kind altijd slachtoffer.\n")
    assert only("5 buitenbron", page) == []


# --- 6. findings of the study period in the present tense ----------------------------------------

TENSE = ("een bevinding uit het onderzoek (gesprekken najaar 2018, rapport 2021) in de tegenwoordige tijd; "
         "schrijf het in de verleden tijd met het jaar ('In 2021 schreef het rapport …') en zeg zo nodig "
         "'vraag wat ze nu bieden'")


@pytest.mark.parametrize("path, text, found", [
    (NL, "In Nederland bestaat de PLO niet.", "In Nederland bestaat de PLO niet"),
    (NL, "Die functie bestaat in Nederland niet.", "bestaat in Nederland niet"),
    (NL, "Fier en Sterk Huis helpen ouders als het kind daar woont.", "Fier en Sterk Huis helpen"),
    (EN, "That role does not exist in the Netherlands.", "does not exist in the Netherlands"),
    (EN, "In England there is PACE.", "In England there is PACE"),
])
def test_a_study_finding_in_the_present_tense_fails(path, text, found):
    page = f"## Nu\n{{{{ bron: §5.2 }}}}\n\nEerst iets anders.\n{text}\n"
    assert only("6 tijd", page, path) == [f"{path}:5: '{found}': {TENSE}"]


@pytest.mark.parametrize("path, text, found", [
    (NL, "Bevindingen uit 2021 over de politie.", "Bevindingen uit 2021"),
    (EN, "In short, the findings from 2021 about the police.", "findings from 2021"),
])
def test_findings_dated_2021_are_misdated(path, text, found):
    page = f"## Nu\n{{{{ bron: §5.2 }}}}\n\n{text}\n"
    assert only("6 tijd", page, path) == [
        f"{path}:4: '{found}': de gesprekken waren in het najaar van 2018; in 2021 verscheen het rapport "
        "(schrijf 'in 2018 vertelden ouders …' of 'in 2021 schreef het rapport …')"]


@pytest.mark.parametrize("path, text", [
    (NL, "In 2021 schreef het rapport: in Nederland is er geen hulpverlener met de taak van een PLO."),
    (NL, "Die functie was er in 2021 in Nederland niet, schreef het rapport."),
    (NL, "Het rapport noemt het ‘een specifieke functie die in Nederland niet bestaat’ in zijn woorden."),
    (EN, "In 2021 the report wrote that there was no such worker in the Netherlands."),
])
def test_a_dated_finding_or_a_quote_passes(path, text):
    assert only("6 tijd", f"## Toen\n{{{{ bron: §5.2 }}}}\n\n{text}\n", path) == []


# --- the file as the editor has it ---------------------------------------------------------------


def test_lines_count_front_matter_and_tolerate_crlf_and_bom():
    page = "---\ntitle: x\n---\n## Wie\n{{ bron: §3.2 }}\n\nZeven ouders vertelden het.\n"
    assert run(page) == [
        f"{NL}:7: 'Zeven ouders' lijkt een cijfer over het onderzoek, maar staat niet in data/report-figures.yml: "
        "neem het cijfer over zoals het rapport het geeft en zet het met zijn § in het register"]
    assert run("\ufeff" + page.replace("\n", "\r\n")) == run(page)


# --- the registry ---------------------------------------------------------------------------------


def test_the_real_registry_is_valid():
    registry = meaning.load_registry()
    assert {"negen-ouders", "acht-van-de-negen", "tweeenhalf-jaar-later", "jaar-pace"} <= {f.id for f in registry.figures}


@pytest.mark.parametrize("raw, expected", [
    (b"caveat: {nl: [a], en: [b]}\nfigures:\n  - id: x\n    sections: ['9.9']\n    caveat: false\n"
     b"    nl: ['a']\n    en: ['b']\n", ["data/f.yml:4: x: §9.9 bestaat niet in het rapport"]),
    (b"caveat: {nl: [a], en: [b]}\nfigures:\n  - id: x\n    sections: ['1']\n    caveat: ja\n"
     b"    nl: ['(']\n    en: ['b']\n",
     ["data/f.yml:5: x: 'caveat' moet true of false zijn",
      "data/f.yml:6: x.nl: '(' is geen geldige reguliere expressie (missing ), unterminated subpattern at position 0)"]),
    (b"caveat: {nl: [a], en: [b]}\nfigures: [\n", ["data/f.yml:3: geen geldige YAML: expected the node content, but found '<stream end>'"]),
    (b"caveat: {nl: [a], en: [b]}\n# caf\xe9\n", ["data/f.yml:2: geen UTF-8-tekst"]),
    (b"figures: {}\n", ["data/f.yml:1: 'caveat:' ontbreekt", "data/f.yml:1: figures moet een lijst zijn"]),
])
def test_a_broken_registry_is_reported_by_line(raw, expected):
    with pytest.raises(meaning.RegistryError) as caught:
        meaning.parse_registry(raw, "data/f.yml", SECTIONS)
    assert [str(e) for e in caught.value.errors] == expected


# --- the real pages: report, do not gate yet -------------------------------------------------------


def test_report_what_the_checks_flag_on_the_real_pages(capsys):
    files = meaning._files([str(ROOT / "docs"), str(ROOT / "leaflets")])
    assert len(files) > 40
    counts: dict[str, int] = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        display = str(file.relative_to(ROOT))
        for name, errors in meaning.check_meaning_by_check(text, display, language_of(display)).items():
            counts[name] = counts.get(name, 0) + len(errors)
            for error in errors:
                # Every flag points at a real line of the file it names.
                assert isinstance(error, ContentError) and error.path == display
                assert 1 <= error.line <= len(text.split("\n")), str(error)
    assert set(counts) == set(meaning.CHECKS)
    with capsys.disabled():
        print("\nmeaning checks on docs/ and leaflets/: " + "; ".join(f"{k}: {v}" for k, v in counts.items()))


def test_a_figure_in_a_section_on_outside_sources_only_is_that_sources_figure():
    text = ("# X\n\n## Als je kind weg is\n{{ bron: Politie | https://www.politie.nl/onderwerpen/vermissing.html }}\n\n"
            "Bij ongeveer 80 van de 100 vermissingen weet de politie snel waar iemand is.\n\n"
            "## Wat ouders vertelden\n{{ bron: §3.2 }}\n\nBij 80 van de 100 gezinnen ging het zo.\n")
    errors = meaning.check_meaning(text, "docs/nl/x.md", "nl")
    assert errors and {e.line for e in errors} == {11}, errors  # only the study section
