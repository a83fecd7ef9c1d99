"""The build guard, tried as a maintainer would: ordinary editing mistakes in real files.

Each case takes a real file of the project, makes one mistake a writer or maintainer makes, and
asserts the problem is found with its reason at the exact line of the file as saved (the line
where the mistake stands, located in the edited text). Valid-but-unusual input must pass. The
cases run the pipeline's checks on text (fast); a few real builds prove the hook wires them in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from scripts.content import abbreviations
from scripts.content import links as check_links
from scripts.content import leaflets
from scripts.content import pipeline
from scripts.content import report_links
from scripts.content import routes
from scripts.content import translations
from scripts.content.errors import ContentError, ContentErrors
from scripts.tools.site_build import build, copy_project
from scripts.content.source_text import decode, read_text

ROOT = Path(__file__).resolve().parents[1]
CTX = pipeline.load_context()


def real(path: str) -> str:
    return read_text(ROOT / path)


def line_of(text: str, needle: str) -> int:
    assert needle in text, f"case needle not found: {needle!r}"
    return text[: text.index(needle)].count("\n") + 1


def first_quote_line(text: str, attribution: str) -> int:
    """The first line of the blockquote that ends with `attribution`."""
    lines = text.split("\n")
    end = next(i for i, line in enumerate(lines) if line.strip() == f"> {attribution}")
    start = end
    while start > 0 and lines[start - 1].startswith(">"):
        start -= 1
    return start + 1


@dataclass(frozen=True)
class Case:
    name: str
    path: str  # the real file edited
    edit: Callable[[str], str]
    at: str | Callable[[str], int]  # the mistake's text (its first line) or a function of the edited text
    reason: str  # the start of the reason

    def expected_line(self, text: str) -> int:
        return self.at(text) if callable(self.at) else line_of(text, self.at)


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, f"case text not found: {old!r}"
        return text.replace(old, new, count)
    return apply


def after_line(anchor: str, added: str) -> Callable[[str], str]:
    """Insert `added` as a new paragraph after the line holding `anchor`."""
    def apply(text: str) -> str:
        index = text.index("\n", text.index(anchor))
        return text[:index] + "\n\n" + added + text[index:]
    return apply


def front(meta: str) -> Callable[[str], str]:
    return lambda text: f"---\n{meta}\n---\n{text}"


SIG = "docs/nl/signalen.md"
VEI = "docs/nl/veiligheid.md"
HULP = "docs/nl/hulp-vinden.md"
ENSIG = "docs/en/signalen.md"
LEAF = "leaflets/nl/veiligheid.md"
ENLEAF = "leaflets/en/safety.md"
PUZZLE = "allemaal puzzelstukjes."

PAGE_CASES = [
    # --- quotes ---------------------------------------------------------------------------
    Case("misquote", SIG, sub(PUZZLE, "allemaal puzzelstukken."), "‘Het waren eigenlijk", "wijkt af van het rapport"),
    Case("misquote under front matter", SIG, lambda t: front("title: Signalen\naudience: parents")(sub(PUZZLE, "allemaal stukjes.")(t)),
         "‘Het waren eigenlijk", "wijkt af van het rapport"),
    Case("words given to the wrong parent", SIG, sub("> — ouder 3\n", "> — ouder 5\n"),
         lambda t: first_quote_line(t, "— ouder 5"), "deze woorden zijn van ouder 3"),
    Case("a parent that does not exist", SIG, sub("> — ouder 10\n", "> — ouder 7\n"),
         lambda t: first_quote_line(t, "— ouder 7"), "ouder 7 bestaat niet in het rapport"),
    Case("a link added to a parent's attribution", SIG, sub("> — ouder 10\n", "> — ouder 10 | https://www.fier.nl\n"),
         "> — ouder 10 |", "ongeldige bronvermelding"),
    Case("attribution dropped", SIG, sub("\n> — ouder 10\n", "\n"), "‘Ze had steeds een smoesje", "blockquote zonder bronvermelding"),
    Case("attribution typed on the quote's line", SIG, sub("niet oké was.’\n> — ouder 10", "niet oké was.’ — ouder 10"),
         "‘Ze had steeds een smoesje", "zet de bronvermelding"),
    Case("attribution with 'parent' on a Dutch page", SIG, sub("> — ouder 10\n", "> — parent 10\n"), "> — parent 10",
         "ongeldige bronvermelding"),
    Case("'Original:' on a Dutch page", SIG, sub("> ‘Ze had steeds", "> Original: ‘Ze had steeds"), "> Original: ‘Ze had", "'Original:' hoort alleen"),
    Case("an empty quote", SIG, sub("> ‘Ze had steeds een smoesje. […] Mijn moederinstinct zei dat het niet oké was.’\n", "> \n"),
         lambda t: first_quote_line(t, "— ouder 10"), "leeg citaat"),
    # --- source lines ---------------------------------------------------------------------
    Case("a heading without its source line", SIG, sub("## Waar is je kind?\n{{ bron: §3.2, §3.3 }}\n", "## Waar is je kind?\n"),
         "## Waar is je kind?", "kop 'Waar is je kind?' heeft geen bron"),
    Case("a section that does not exist", SIG, sub("{{ bron: §3.2, §3.3 }}", "{{ bron: §3.2, §3.9 }}"), "{{ bron: §3.2, §3.9 }}",
         "§3.9 bestaat niet in het rapport"),
    Case("a section without §", SIG, sub("{{ bron: §3.2, §3.3 }}", "{{ bron: 3.2 }}"), "{{ bron: 3.2 }}", "'3.2' is geen bron"),
    Case("an empty source line", SIG, sub("{{ bron: §3.2, §3.3 }}", "{{ bron: }}"), "{{ bron: }}", "lege bron"),
    Case("an outside source without address", SIG, sub("{{ bron: §3.2, §3.3 }}", "{{ bron: Politie | www.politie.nl }}"),
         "{{ bron: Politie", "externe bron 'Politie | www.politie.nl' moet 'Naam | https://…' zijn"),
    # --- phone numbers --------------------------------------------------------------------
    Case("a number typed by hand", SIG, after_line("Lees ze als puzzelstukjes", "Bel Veilig Thuis: 0800-2000."), "Bel Veilig Thuis: 0800",
         "telefoonnummer '0800-2000' met de hand getypt: gebruik {{ nummer: veilig-thuis }}"),
    Case("a number with Word's en dash", SIG, after_line("Lees ze als puzzelstukjes", "Bel 0800–2000."), "Bel 0800–2000",
         "telefoonnummer '0800–2000' met de hand getypt"),
    Case("a number with a no-break space", SIG, after_line("Lees ze als puzzelstukjes", "Bel 0800\u00a02000."), "Bel 0800\u00a0",
         "telefoonnummer '0800\u00a02000' met de hand getypt"),
    Case("a number with ' - '", SIG, after_line("Lees ze als puzzelstukjes", "Bel 0800 - 2000."), "Bel 0800 - 2000",
         "telefoonnummer '0800 - 2000' met de hand getypt"),
    Case("an international number", SIG, after_line("Lees ze als puzzelstukjes", "Bel +31 800 2000."), "Bel +31",
         "telefoonnummer '+31 800 2000' met de hand getypt"),
    Case("a study finding in the present tense", VEI, after_line("# Veiligheid", "In Nederland bestaat de PLO niet."),
         "In Nederland bestaat de PLO", "'In Nederland bestaat de PLO niet': een bevinding uit het onderzoek"),
    Case("112 typed", VEI, after_line("# Veiligheid", "Bel 112 bij gevaar."), "Bel 112 bij", "telefoonnummer '112' met de hand getypt"),
    Case("a number not in the routes", SIG, after_line("Lees ze als puzzelstukjes", "Of bel 06-12345678."), "Of bel 06",
         "telefoonnummer '06-12345678' staat niet in data/routes.yml"),
    Case("a number in front matter", SIG, front("title: Signalen\ndescription: Bel 0800-2000 als je twijfelt"),
         "description: Bel", "telefoonnummer '0800-2000' met de hand getypt"),
    # --- directives -----------------------------------------------------------------------
    Case("a directive with a typo", HULP, sub("{{ routes }}", "{{ route }}"), "{{ route }}", "onbekende route ''"),
    Case("an unknown directive", VEI, after_line("# Veiligheid", "{{ spoednumers }}"), "{{ spoednumers }}",
         "onbekende opdracht '{{ spoednumers }}'. Bedoel je '{{ spoednummers }}'?"),
    Case("a capital in a directive", VEI, after_line("# Veiligheid", "Bel {{ Nummer: politie }}."), "Bel {{ Nummer",
         "onvolledige opdracht"),
    Case("one closing brace", VEI, after_line("# Veiligheid", "Bel {{ nummer: politie }."), "Bel {{ nummer: politie }.",
         "onvolledige opdracht"),
    Case("one opening brace", VEI, after_line("# Veiligheid", "Bel { nummer: politie }}."), "Bel { nummer", "onvolledige opdracht"),
    Case("two directives, one brace short", VEI, after_line("# Veiligheid", "Bel {{ nummer: politie } of {{ nummer: veilig-thuis }}."),
         "Bel {{ nummer: politie } of", "opdracht '{{ nummer: politie } of {{ nummer: veil…' is niet goed gesloten"),
    Case("an unknown route", VEI, after_line("# Veiligheid", "{{ route: kindertelefon }}"), "{{ route: kindertelefon }}",
         "onbekende route 'kindertelefon'"),
    Case("an argument where none belongs", HULP, sub("{{ routes }}", "{{ routes: alle }}"), "{{ routes: alle }}",
         "'{{ routes }}' neemt geen argument"),
    Case("the route map without the routes", HULP, sub("{{ routes }}", ""), "{{ routekaart }}",
         "{{ routekaart }} hoort op een pagina met {{ routes }}"),
    # --- Markdown that hides content from the checks ---------------------------------------
    Case("a stray code fence", SIG, after_line("Lees ze als puzzelstukjes", "```"), lambda t: t.split("\n").index("```") + 1,
         "codeblok '```' wordt nergens gesloten"),
    Case("a stray tilde fence", SIG, after_line("Lees ze als puzzelstukjes", "~~~ tekst"), "~~~ tekst", "codeblok '~~~ tekst'"),
    Case("a raw HTML blockquote", SIG, after_line("Lees ze als puzzelstukjes", "<blockquote>Ik wist het niet.</blockquote>"),
         "<blockquote>Ik wist", "HTML-citaat (<blockquote>) wordt niet gecontroleerd"),
    Case("a raw HTML link", SIG, after_line("Lees ze als puzzelstukjes", 'Lees <a href="veiligheid.md">Veiligheid</a>.'),
         "Lees <a href", "HTML-link (<a href>) wordt niet gecontroleerd"),
    Case("an HTML comment left open", SIG, after_line("Lees ze als puzzelstukjes", "<!-- nog nakijken"), "<!-- nog nakijken",
         "HTML-commentaar '<!--' wordt niet gesloten"),
    Case("a raw <div> never closed", SIG, after_line("Lees ze als puzzelstukjes", '<div class="kader">'), '<div class="kader">',
         "<div> wordt niet gesloten met </div>"),
    Case("a closing tag with nothing open", SIG, after_line("Lees ze als puzzelstukjes", "Lees verder.</section>"), "Lees verder.</section>",
         "'</section>' sluit niets"),
    Case("a tag closed in the wrong order", SIG, after_line("Lees ze als puzzelstukjes", "<p><span>Let op.</p>"), "<p><span>Let op.",
         "<span> wordt niet gesloten met </span>"),
    Case("an HTML image without alt", SIG, after_line("Lees ze als puzzelstukjes", '<img src="../assets/favicon.svg">'), "<img src",
         "afbeelding zonder beschrijving (alt)"),
    Case("a heading level skipped", SIG, sub("## Gedrag en stemming\n", "#### Gedrag en stemming\n"), "#### Gedrag en stemming",
         "kop 'Gedrag en stemming' springt van H2 naar H4: schrijf ###"),
    Case("a second H1", SIG, sub("## Gedrag en stemming\n", "# Gedrag en stemming\n"), "# Gedrag en stemming",
         "kop 'Gedrag en stemming' is een tweede H1"),
    Case("a heading typed without a space", SIG, after_line("Lees ze als puzzelstukjes", "####Let op"), "####Let op",
         "kop 'Let op' springt van H2 naar H4"),
    # --- links, anchors, images -----------------------------------------------------------
    Case("a link to a page that does not exist", SIG, after_line("Lees ze als puzzelstukjes", "Lees [meer](veiligheid-oud.md)."),
         "Lees [meer](veiligheid-oud", "link naar 'veiligheid-oud.md': dat bestand bestaat niet"),
    Case("a link to a missing anchor", SIG, after_line("Lees ze als puzzelstukjes", "Lees [meer](veiligheid.md#bestaat-niet)."),
         "Lees [meer](veiligheid.md#", "link naar '#bestaat-niet' op veiligheid.md: dat anker bestaat niet"),
    Case("a link to a missing anchor on the same page", SIG, after_line("Lees ze als puzzelstukjes", "Zie [hieronder](#nergens)."),
         "Zie [hieronder]", "link naar '#nergens' op deze pagina: dat anker bestaat niet"),
    Case("a renamed heading breaks its links", SIG, sub("## Waar is je kind?", "## Waar is je dochter?"),
         lambda t: 0, ""),  # placeholder, replaced below by a real cross-page case
    Case("an image that does not exist", SIG, after_line("Lees ze als puzzelstukjes", "![Schema](../assets/schema.svg)"),
         "![Schema]", "link naar '../assets/schema.svg': dat bestand bestaat niet"),
    Case("an absolute link", SIG, after_line("Lees ze als puzzelstukjes", "Lees [meer](/veiligheid/)."), "Lees [meer](/veiligheid",
         "link '/veiligheid/' is absoluut"),
    Case("an image without a description", SIG, after_line("Lees ze als puzzelstukjes", "![](../assets/favicon.svg)"), "![](../assets",
         "afbeelding zonder beschrijving"),
    Case("a typo in https", SIG, after_line("Lees ze als puzzelstukjes", "Zie [Fier](htps://www.fier.nl)."), "Zie [Fier](htps:",
         "link 'htps://www.fier.nl' heeft een onbekend adrestype: schrijf https://…"),
    Case("a tel: link typed by hand", SIG, after_line("Lees ze als puzzelstukjes", "[Bel de politie](tel:0900-8844)."),
         "[Bel de politie](tel:", "link 'tel:0900-8844' heeft een onbekend adrestype: schrijf {{ nummer: id }}"),
    Case("a malformed e-mail address", SIG, after_line("Lees ze als puzzelstukjes", "Mail [ons](mailto:info@@naastjekind)."),
         "Mail [ons](mailto:", "e-mailadres in 'mailto:info@@naastjekind' klopt niet"),
    Case("a directive used as a link's address", SIG, after_line("Lees ze als puzzelstukjes", "Bel [Veilig Thuis]({{ nummer: veilig-thuis }})."),
         "Bel [Veilig Thuis]", "'{{ nummer: veilig-thuis }}' staat als linkadres"),
    Case("a table without its column line", SIG, after_line("Lees ze als puzzelstukjes", "| Wie | Wat |\n|---|\n| 1 | 2 |"),
         "|---|\n", "tabel: deze regel moet de 2 kolommen van de kop scheiden"),
    Case("a table's column line forgotten", SIG, after_line("Lees ze als puzzelstukjes", "| Wie | Wat |\n| 1 | 2 |"),
         "| 1 | 2 |", "tabel: deze regel moet de 2 kolommen van de kop scheiden, zoals |---|---|"),
    Case("a space in a link's address", SIG, after_line("Lees ze als puzzelstukjes", "Lees [meer](veilig bezoeken.md)."),
         "Lees [meer](veilig", "linkadres 'veilig bezoeken.md' heeft een spatie"),
    Case("a link without text", SIG, after_line("Lees ze als puzzelstukjes", "Lees [](veiligheid.md)."), "Lees [](",
         "link zonder tekst"),
    Case("a number written with dots", SIG, after_line("Lees ze als puzzelstukjes", "Bel 0800.2000."), "Bel 0800.2000",
         "telefoonnummer '0800.2000' met de hand getypt"),
    Case("a number with an HTML no-break space", SIG, after_line("Lees ze als puzzelstukjes", "Bel 0800&nbsp;2000."), "Bel 0800&nbsp;",
         "telefoonnummer '0800&nbsp;2000' met de hand getypt"),
    # --- the page as a whole --------------------------------------------------------------
    Case("an emptied page", SIG, lambda t: "", lambda t: 1, "de pagina is leeg"),
    Case("a page with only front matter", SIG, lambda t: "---\ntitle: Signalen\n---\n", lambda t: 4, "de pagina is leeg"),
    Case("front matter that is not YAML", SIG, front("title: [Signalen"), lambda t: 1, "front matter is geen geldige YAML"),
    Case("an unknown audience", SIG, front("audience: ouders"), lambda t: 1, "audience 'ouders' bestaat niet"),
    # --- English pages --------------------------------------------------------------------
    Case("an English quote without 'Original:'", ENSIG, sub("> Original: ‘Het waren", "> ‘Het waren"), "> ‘Het waren",
         "Engelse pagina: zet de Nederlandse tekst als 'Original: ‘…’'"),
    Case("an English page's Dutch original altered", ENSIG, sub(PUZZLE, "allemaal stukjes."), "> Original: ‘Het waren",
         "wijkt af van het rapport"),
    Case("a number typed on an English page", ENSIG, after_line("# Signs", "Call 0800-2000."), "Call 0800-2000",
         "telefoonnummer '0800-2000' met de hand getypt"),
    Case("an unknown directive on an English page", ENSIG, after_line("# Signs", "{{ sources: §3.2 }}"), "{{ sources",
         "onbekende opdracht '{{ sources }}'"),
    Case("a broken link on an English page", ENSIG, after_line("# Signs", "Read [more](safety.md)."), "Read [more]",
         "link naar 'safety.md': dat bestand bestaat niet"),
    Case("an English page writes its own translation of a quote", ENSIG,
         sub("> Original: ‘Het waren", "> ‘They were puzzle pieces.’\n>\n> Original: ‘Het waren"),
         "> ‘They were puzzle pieces.’", "dit citaat heeft al een vertaling (data/quote-translations.yml:"),
    Case("an English quote whose Dutch has no translation", ENSIG,
         lambda t: re.sub(r"> Original: ‘Het waren eigenlijk[^\n]*", "> Original: ‘Het waren eigenlijk allemaal puzzelstukjes.’", t, count=1),
         "> Original: ‘Het waren eigenlijk allemaal puzzelstukjes.’",
         "vertaling ontbreekt: zet de vertaling van dit citaat in data/quote-translations.yml"),
    Case("a refused English term", ENSIG, after_line("# Signs", "The offender is to blame."), "The offender is",
         "'offender': schrijf 'perpetrator'"),
    Case("'vice squad' for the zedenpolitie", ENSIG, after_line("# Signs", "Ask for the vice squad."), "Ask for the vice",
         "'vice squad': schrijf 'police unit for sexual offences (zedenpolitie)'"),
    Case("a question used as an if-clause", ENSIG, after_line("# Signs", "Are you worried? Then call."), "Are you worried?",
         "'? Then': schrijf 'If … , …'"),
    Case("a source line missing on an English page", ENSIG, lambda t: re.sub(r"(\n## [^\n]+)\n\{\{ bron: [^}]*\}\}", r"\1", t, count=1),
         lambda t: next(i for i, l in enumerate(t.split("\n"), 1) if l.startswith("## ")), "kop '"),
]
# A heading renamed on one page breaks a link to it on another: the linking page reports it.
PAGE_CASES[PAGE_CASES.index(next(c for c in PAGE_CASES if c.name == "a renamed heading breaks its links"))] = Case(
    "a link to a heading that was renamed", "docs/nl/index.md",
    after_line("# ", "Lees [waar je kind is](signalen.md#waar-is-je-dochter)."), "Lees [waar je kind is]",
    "link naar '#waar-is-je-dochter' op signalen.md: dat anker bestaat niet")

LEAFLET_CASES = [
    Case("a misquote in a leaflet", "leaflets/nl/training-casus-begrijpen.md", sub("even toelichting over", "even uitleg over"), "‘Op z’n minst",
         "wijkt af van het rapport"),
    Case("a number typed in a leaflet", LEAF, after_line("## Bedreiging komt vaak voor", "Bel 0800-2000."), "Bel 0800-2000",
         "telefoonnummer '0800-2000' met de hand getypt"),
    Case("a leaflet heading without source", LEAF, sub("## Wat de politie kan doen\n\n{{ bron: §4.3; §4.4 }}", "## Wat de politie kan doen\n"),
         "## Wat de politie kan doen", "kop 'Wat de politie kan doen' heeft geen bron"),
    Case("a relative link on paper", LEAF, after_line("## Bedreiging komt vaak voor", "Lees ook [Signalen](signalen.md)."),
         "Lees ook [Signalen]", "link 'signalen.md' werkt niet op papier"),
    Case("an unknown directive in a leaflet", ENLEAF, after_line("## ", "{{ urgent }}"), "{{ urgent }}", "onbekende opdracht '{{ urgent }}'"),
    Case("a refused term in an English leaflet", ENLEAF, after_line("## ", "Ask for the vice squad."), "Ask for the vice",
         "'vice squad': schrijf 'police unit for sexual offences (zedenpolitie)'"),
    Case("'loverboy' unexplained where an English leaflet first uses it", ENLEAF, after_line("## ", "Beware of a loverboy."),
         "Beware of a loverboy", "'loverboy' wordt hier voor het eerst gebruikt"),
    Case("an H1 in a leaflet", LEAF, sub("## Bedreiging komt vaak voor", "# Bedreiging komt vaak voor"), "# Bedreiging komt",
         "kop 'Bedreiging komt vaak voor' is een H1 (# …): de titel van een folder is de H1"),
    Case("a stray fence in a leaflet", ENLEAF, after_line("## ", "```"), lambda t: t.split("\n").index("```") + 1, "codeblok"),
]


@pytest.mark.parametrize("case", PAGE_CASES + LEAFLET_CASES, ids=lambda c: c.name)
def test_an_editing_mistake_is_reported_at_its_own_line(case):
    text = case.edit(real(case.path))
    kind = "leaflet" if case.path.startswith("leaflets/") else "page"
    errors = pipeline.check_text(text, case.path, CTX, kind=kind, file=ROOT / case.path)
    expected = f"{case.path}:{case.expected_line(text)}: {case.reason}"
    assert any(str(e).startswith(expected) for e in errors), f"expected {expected!r}, got:\n" + "\n".join(map(str, errors))
    assert errors == sorted(errors, key=lambda e: (e.path, e.line, e.reason))


def test_a_leaflet_without_its_page_is_refused_with_the_file(tmp_path):
    (tmp_path / "nl").mkdir()
    bad = tmp_path / "nl" / "x.md"
    bad.write_text("---\ntitle: X\nlang: nl\n---\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        leaflets.load(bad, "https://naastjekind.nl/")
    assert any(e.line == 1 and "front matter mist 'page'" in e.reason for e in caught.value.errors)


def test_a_page_below_the_plain_language_bar_names_its_long_sentences():
    long = "Dit is een zin die veel te lang is omdat hij maar doorgaat en doorgaat zonder dat er ooit een punt komt om te rusten."
    text = "# Test\n\n" + "\n\n".join([long] * 3) + "\n"
    errors = pipeline.check_text(text, "docs/nl/test.md", CTX)
    assert any(str(e).startswith("docs/nl/test.md:1: onder de B1-lat voor ouders") for e in errors)
    assert any(str(e).startswith("docs/nl/test.md:5: zin van 25 woorden") for e in errors)


# --- Files that are not UTF-8 ------------------------------------------------------------------

@pytest.mark.parametrize("data, line", [
    ("# Signalen\n\nEén signaal bewijst niets.\n".encode("cp1252"), 3),  # saved by Word as Windows-1252
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1),  # an image saved over a page
    ("# Test\n\nCafé\n".encode("utf-16"), 1),
])
def test_a_file_that_is_not_utf8_is_named_with_its_line(data, line):
    with pytest.raises(ContentError) as caught:
        decode(data, "docs/nl/signalen.md")
    assert str(caught.value).startswith(f"docs/nl/signalen.md:{line}: ")
    assert "UTF-8" in caught.value.reason


def test_the_project_check_names_a_non_utf8_page(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs" / "nl" / "signalen.md").write_bytes("# Signalen\n\nEén signaal.\n".encode("cp1252"))
    errors = pipeline.check_project(pipeline.load_context(project))
    assert any(str(e).startswith("docs/nl/signalen.md:3: is geen UTF-8 (byte 0xe9 op regel 3): sla op als UTF-8")
               for e in errors), errors


# --- Data files --------------------------------------------------------------------------------

ROUTES = "data/routes.yml"


def _routes_error(text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        routes.parse(text, ROUTES, dt.date(2026, 12, 8))
    return [str(e) for e in caught.value.errors]


DATA_CASES = [
    ("an impossible date", sub("checked: 2026-12-08", "checked: 2026-02-30"), "checked: 2026-02-30",
     "'2026-02-30' is geen bestaande datum"),
    ("an unknown availability", sub("availability: office-hours", "availability: kantoortijd"), "availability: kantoortijd",
     "route 'slachtofferhulp': availability 'kantoortijd' is onbekend"),
    ("a single number where a list belongs", sub('phones:\n      - {display: "112", tel: "112"}', 'phones: "112"'),
     'phones: "112"', "route 'alarmnummer': phones moet een lijst zijn"),
    ("a tel that belongs to another number", sub('- {display: "0800-2000", tel: "+318002000"}', '- {display: "0800-2000", tel: "+318002001"}'), 'tel: "+318002001"',
     "route 'veilig-thuis': tel '+318002001' hoort bij een ander nummer"),
    ("a key written twice", sub("    urgent: true\n", "    urgent: true\n    urgent: false\n"), "    urgent: false",
     "veld 'urgent' staat er twee keer"),
    ("a number in a route's free text", sub("nl: Voor direct gevaar en noodgevallen.", "nl: Voor direct gevaar. Bel 0800-1234."),
     "Bel 0800-1234", "route 'alarmnummer', what (nl): telefoonnummer '0800-1234' in vrije tekst"),
    ("a tab instead of spaces", sub("    urgent: true\n", "\turgent: true\n"), "\turgent: true", "geen geldige YAML"),
    ("a display number in an unknown form", sub('- {display: "0800-2000", tel', '- {display: "0800 2000", tel'), 'display: "0800 2000"',
     "route 'veilig-thuis': '0800 2000' is geen Nederlands telefoonnummer in een bekende vorm"),
    ("a date in the future", sub("checked: 2026-12-08", "checked: 2027-01-01"), "checked: 2027-01-01",
     "route 'alarmnummer': checked 2027-01-01 ligt in de toekomst"),
    ("a language fact without its source",
     sub("      english_page: https://www.politie.nl/en\n      sources:\n        - {url: https://www.politie.nl/en, note: \"Engelse pagina's van de politie\"}\n",
         "      english_page: https://www.politie.nl/en\n"),
     "      phone: null\n      interpreter: null\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",
     "route 'politie', languages: noem minstens één bron"),
    ("an unknown route in the route map", lambda t: re.sub(r"(\nroutekaart:\n(?:.*\n)*?\s+routes: \[)", r"\1kindertelefon, ", t, count=1),
     "kindertelefon, ", "routekaart: onbekende route 'kindertelefon'"),
]


@pytest.mark.parametrize("name, edit, at, reason", DATA_CASES, ids=[c[0] for c in DATA_CASES])
def test_a_mistake_in_the_routes_file_is_reported_at_its_line(name, edit, at, reason):
    text = edit(real(ROUTES))
    expected = f"{ROUTES}:{line_of(text, at)}: {reason}"
    found = _routes_error(text)
    assert any(e.startswith(expected) for e in found), (expected, found)


@pytest.mark.parametrize("name, content, line, reason", [
    ("footnotes as a single number", "links:\n  - url: https://x.nl\n    footnotes: 12\n    about: {nl: x, en: x}\n    status: dead\n",
     3, "footnotes: een lijst met nummers"),
    ("an unknown status", "links:\n  - url: https://x.nl\n    about: {nl: x, en: x}\n    status: werkt\n", 4, "status 'werkt' is onbekend"),
    ("a list without links:", "- url: https://x.nl\n", 1, "het bestand begint met 'links:'"),
    ("a moved link without its new address", "links:\n  - url: https://x.nl\n    about: {nl: x, en: x}\n    status: moved\n",
     4, "status 'moved' heeft ook 'now' nodig"),
])
def test_a_mistake_in_the_report_links_is_reported_at_its_line(tmp_path, name, content, line, reason):
    file = tmp_path / "report-links.yml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        report_links.load_report_links(file)
    assert any(e.line == line and e.reason.startswith(reason) for e in caught.value.errors), caught.value.errors


@pytest.mark.parametrize("name, content, line, reason", [
    ("a register without links:", "- url: https://x.nl\n  checked: null\n  result: ok\n", 1, "het register bevat alleen 'links:'"),
    ("a date that is no date", "links:\n- url: https://a.nl\n  checked: gisteren\n  result: ok\n", 3, "checked is een datum"),
    ("an impossible date", "links:\n- url: https://a.nl\n  checked: 2026-13-01\n  result: ok\n", 3, "'2026-13-01' is geen bestaande datum"),
    ("a link listed twice", "links:\n- url: https://a.nl\n  checked: null\n  result: ok\n- url: https://a.nl\n  checked: null\n  result: ok\n",
     5, "https://a.nl staat er twee keer"),
])
def test_a_mistake_in_the_link_register_is_reported_at_its_line(tmp_path, name, content, line, reason):
    file = tmp_path / "external-links.yml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        check_links.load_registry(file)
    assert any(e.line == line and e.reason.startswith(reason) for e in caught.value.errors), caught.value.errors


def test_an_unregistered_or_plain_http_link_in_a_page_is_refused():
    text = "# X\n\nZie [de politie](https://www.politie.nl/nieuw-onderwerp).\n\nOf [dit](http://www.fier.nl/).\n"
    found = check_links.links_in_text(text, "docs/nl/x.md")
    problems, missing = check_links.offline_problems(found, check_links.load_registry(check_links.REGISTRY), "data/external-links.yml")
    reasons = [str(p) for p in problems]
    assert "docs/nl/x.md:3: https://www.politie.nl/nieuw-onderwerp staat niet in data/external-links.yml" in reasons
    assert any(r.startswith("docs/nl/x.md:5: link 'http://www.fier.nl/' is geen https-adres") for r in reasons)


@pytest.mark.parametrize("name, line_text, reason", [
    ("a line that is no abbreviation", "OTS: ondertoezichtstelling", "geen afkorting: schrijf *[AFK]: uitleg"),
    ("a number in a tooltip", "*[VT]: Veilig Thuis, bel 0800-2000", "telefoonnummer '0800-2000' met de hand getypt"),
])
def test_a_mistake_in_the_abbreviations_is_reported_at_its_line(tmp_path, name, line_text, reason):
    project = tmp_path / "p"
    (project / "includes").mkdir(parents=True)
    text = real("includes/abbreviations.nl.md").rstrip("\n") + "\n" + line_text + "\n"
    (project / "includes" / "abbreviations.nl.md").write_text(text, encoding="utf-8")
    ctx = pipeline.Context(project, CTX.routes, CTX.report_links)
    errors = pipeline._abbreviation_problems("nl", ctx)
    line = text.rstrip("\n").count("\n") + 1
    assert any(str(e).startswith(f"includes/abbreviations.nl.md:{line}: {reason}") for e in errors), errors


@pytest.mark.parametrize("name, edit, at, reason", [
    ("a nav entry to a page that does not exist", sub("  - Signalen: signalen.md", "  - Signalen: signaal.md"), "signaal.md",
     "nav noemt 'signaal.md', maar docs/nl/signaal.md bestaat niet"),
    ("a nav translation with a typo", sub("            Signalen: Signs", "            Signalen : Signs\n            Signaalen: Signs"),
     "Signaalen: Signs", "nav_translations: 'Signaalen' is geen titel in de nav"),
    ("a page left out of the nav", sub("  - Signalen: signalen.md\n", ""), None, "staat niet in de nav van mkdocs.yml"),
])
def test_a_mistake_in_mkdocs_yml_is_reported_at_its_line(name, edit, at, reason):
    text = edit(real("mkdocs.yml"))
    errors = [str(e) for e in pipeline.check_mkdocs_yml(text, "mkdocs.yml", ROOT / "docs")]
    expected = f"mkdocs.yml:{line_of(text, at)}: {reason}" if at else f"docs/nl/signalen.md:1: {reason}"
    assert any(e.startswith(expected) for e in errors), (expected, errors)


def test_a_refused_term_in_the_routes_english_text_is_reported_at_its_line(tmp_path):
    text = real(ROUTES).replace("Ask for the police unit for sexual offences (zedenpolitie).", "Ask for the vice squad.")
    (tmp_path / "data").mkdir()
    (tmp_path / ROUTES).write_text(text, encoding="utf-8")
    ctx = pipeline.Context(tmp_path, CTX.routes, CTX.report_links, terms=CTX.terms)
    errors = [str(e) for e in pipeline._routes_terminology(ctx)]
    # A folded (>-) text is reported at its `en:` line.
    assert any(e.startswith(f"{ROUTES}:{line_of(text, 'Ask for the vice squad.') - 2}: 'vice squad'") for e in errors), errors


def test_an_english_page_out_of_step_with_the_dutch_is_reported_at_its_line():
    nl, en = real("docs/nl/veiligheid.md"), real("docs/en/veiligheid.md")
    broken = en.replace("## What the police can do\n", "")
    errors = translations.compare(nl, "docs/nl/veiligheid.md", broken, "docs/en/veiligheid.md")
    assert errors and all(e.path == "docs/en/veiligheid.md" and e.line >= 1 for e in errors)


# --- Valid but unusual input: must pass --------------------------------------------------------

VALID = [
    ("CRLF line endings", SIG, lambda t: t.replace("\n", "\r\n")),
    ("a byte order mark", SIG, lambda t: "\ufeff" + t),
    ("no final newline", SIG, lambda t: t.rstrip("\n")),
    ("no-break spaces in running text", SIG, sub("Eén signaal bewijst niets.", "Eén\u00a0signaal bewijst\u00a0niets.")),
    ("straight quote marks around a quote", SIG, sub("> ‘Ze had steeds een smoesje. […] Mijn moederinstinct zei dat het niet oké was.’",
                                                    "> 'Ze had steeds een smoesje. [...] Mijn moederinstinct zei dat het niet oké was.'")),
    ("an elision written as [...]", SIG, sub("puzzelstukjes. 100% zeker kon ik het niet zeggen, maar er waren wel zoveel aanwijzingen. […]",
                                             "puzzelstukjes. 100% zeker kon ik het niet zeggen, maar er waren wel zoveel aanwijzingen. [...]")),
    ("years, ranges and decimals", SIG, after_line("Lees ze als puzzelstukjes", "Op 27 november 2026 belde ze van 9.30–10.15 uur; haar dochter was 14,5 jaar.")),
    ("the name 113 Zelfmoordpreventie", VEI, after_line("# Veiligheid", "Ook 113 Zelfmoordpreventie luistert.")),
    ("a directive with extra spaces", VEI, after_line("# Veiligheid", "Bel {{   nummer:   politie   }}.")),
    ("a link to an explicit id", SIG, lambda t: after_line("Lees ze als puzzelstukjes", "Zie [hier](#eigen-id).")(
        sub("## Waar is je kind?", "## Waar is je kind? {#eigen-id}")(t))),
    ("a link into a subfolder with its anchor", SIG, after_line("Lees ze als puzzelstukjes",
                                                                 "Voor [professionals](professionals/index.md).")),
    ("a closed fence longer than it opened", SIG, after_line("Lees ze als puzzelstukjes", "~~~\n{{ geen opdracht }}\n~~~~")),
    ("a closed HTML comment across lines", SIG, after_line("Lees ze als puzzelstukjes", "<!-- nakijken:\n<div> hoort hier niet -->")),
    ("inline HTML, a line break and an autolink", SIG, after_line("Lees ze als puzzelstukjes",
                                                                  "Een <strong>vet</strong> woord,<br>en <https://www.fier.nl>.")),
    ("an image with a description", SIG, after_line("Lees ze als puzzelstukjes", "![Het logo van de site](../assets/favicon.svg)")),
    ("a heading going back up two levels", SIG, after_line("Meestal zagen ouders eerst", "### Thuis\n\n#### Bij broers en zussen\n\n"
                                                               "Tekst.\n\n## Nog een kop\n{{ bron: §3.2 }}\n\nTekst.")),
    ("a table with aligned columns and an escaped bar", SIG, after_line("Lees ze als puzzelstukjes",
                                                                        "| Wie | Wat \\| waarom |\n|:---|---:|\n| 1 | 2 |")),
    ("a working e-mail link", SIG, after_line("Lees ze als puzzelstukjes", "Mail [ons](mailto:info@naastjekind.nl?subject=Vraag).")),
    ("a link with a title", SIG, after_line("Lees ze als puzzelstukjes", 'Lees [meer](veiligheid.md "Veiligheid").')),
    ("dates and times written with dots", SIG, after_line("Lees ze als puzzelstukjes", "Op 01.02.2026 om 07.30 uur, en op 27.11.2026.")),
    ("curly quotes in running text with a § sign", SIG, after_line("Lees ze als puzzelstukjes", "Het rapport noemt dit ‘puzzelstukjes’ (§3.2).")),
]


@pytest.mark.parametrize("name, path, edit", VALID, ids=[v[0] for v in VALID])
def test_valid_but_unusual_input_passes(name, path, edit):
    text = decode(edit(real(path)).encode("utf-8"), path)  # as a file saved that way is read
    errors = pipeline.check_text(text, path, CTX, file=ROOT / path)
    assert errors == [], "\n".join(map(str, errors))


def test_the_real_project_passes_every_check():
    assert pipeline.check_project(CTX) == []


# --- Real builds: the hook wires the pipeline in --------------------------------------------------

def _edit_file(path: Path, edit: Callable[[str], str]) -> str:
    text = edit(read_text(path))
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    """One build of a copy of the project with mistakes in several files."""
    project = copy_project(tmp_path_factory.mktemp("broken"))
    texts = {
        SIG: _edit_file(project / SIG, lambda t: front("title: Signalen")(sub(PUZZLE, "allemaal stukjes.")(t))),
        ENSIG: _edit_file(project / ENSIG, after_line("# Signs", "Call 0800–2000.")),
        LEAF: _edit_file(project / LEAF, after_line("## Bedreiging komt vaak voor", "Bel {{ Nummer: politie }}.")),
        ROUTES: _edit_file(project / ROUTES, sub("checked: 2026-12-08", "checked: 2026-02-30")),
    }
    result = build(project / "site", project / "mkdocs.yml")
    return texts, result.returncode, result.stdout + result.stderr


def test_a_broken_build_reports_every_file_with_its_own_line(broken_build):
    texts, code, output = broken_build
    assert code == 1 and "Traceback" not in output
    assert f"{ROUTES}:{line_of(texts[ROUTES], 'checked: 2026-02-30')}: '2026-02-30' is geen bestaande datum" in output


def test_with_data_fixed_the_build_reports_every_page_mistake_sorted(tmp_path):
    project = copy_project(tmp_path / "p")
    texts = {
        SIG: _edit_file(project / SIG, lambda t: front("title: Signalen")(sub(PUZZLE, "allemaal stukjes.")(t))),
        ENSIG: _edit_file(project / ENSIG, after_line("# Signs", "Call 0800–2000.")),
        LEAF: _edit_file(project / LEAF, after_line("## Bedreiging komt vaak voor", "Bel {{ Nummer: politie }}.")),
    }
    result = build(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    expected = [
        f"{ENSIG}:{line_of(texts[ENSIG], 'Call 0800')}: telefoonnummer '0800–2000' met de hand getypt",
        f"{SIG}:{line_of(texts[SIG], '‘Het waren eigenlijk')}: wijkt af van het rapport",
        f"{LEAF}:{line_of(texts[LEAF], 'Bel {{ Nummer')}: onvolledige opdracht",
    ]
    positions = [output.find(line) for line in expected]
    assert all(p >= 0 for p in positions), (expected, output[-3000:])
    assert positions == sorted(positions)  # one failure, sorted by file and line
    assert not (project / "site" / "index.html").exists()  # nothing published


def test_unusual_but_valid_files_build(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / SIG
    page.write_bytes(b"\xef\xbb\xbf" + read_text(page).replace("\n", "\r\n").encode("utf-8"))
    result = build(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "WARNING" not in output
    assert "puzzelstukjes" in (project / "site" / "signalen" / "index.html").read_text(encoding="utf-8")


def test_stale_routes_only_give_a_notice(tmp_path, caplog, monkeypatch):
    """An old check date is printed at INFO: strict mode counts warnings, so the build goes on.
    In process, on the hook itself: a real build with other dates redraws every PDF that shows
    them, for a line of output."""
    import logging

    from mkdocs.config import load_config

    from scripts.hooks import content

    stale = tmp_path / "routes.yml"
    stale.write_text(real(ROUTES).replace("checked: 2026-12-08", "checked: 2020-01-01"), "utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"))
    config["extra"]["routes_file"] = str(stale)  # absolute: wins over the folder of mkdocs.yml
    monkeypatch.setattr(content, "_state", {**content._state, "ctx": None, "told_stale": False})
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        content.on_config(config)
    notices = [r for r in caplog.records if "LET OP:" in r.getMessage()]
    assert len(notices) == stale.read_text("utf-8").count("checked: 2020-01-01") > 0
    assert all(re.match(rf"LET OP: {re.escape(str(stale))}:\d+: route '", r.getMessage()) for r in notices)
    assert all(r.levelno == logging.INFO for r in caplog.records)


def test_serve_rebuilds_when_data_includes_leaflets_the_report_or_our_code_change():
    from scripts.content.data_yaml import load_config_with_lines

    config = load_config_with_lines(real("mkdocs.yml"), "mkdocs.yml")
    watched = {str(path).rstrip("/") for path in config.get("watch") or []}
    assert {"data", "includes", "leaflets", "sources", "scripts"} <= watched
    assert all((ROOT / folder).is_dir() for folder in watched)


def test_the_check_cli_lists_every_problem_and_exits_1(tmp_path, capsys):
    from scripts.tools import check_content

    project = copy_project(tmp_path / "p")
    text = _edit_file(project / VEI, after_line("# Veiligheid", "Bel 0800–2000 of {{ spoednumers }}."))
    (project / "includes" / "abbreviations.en.md").write_bytes("*[OTS]: café".encode("cp1252"))
    assert check_content.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = line_of(text, "Bel 0800")
    assert [o for o in out if o] == [
        f"{VEI}:{line}: onbekende opdracht '{{{{ spoednumers }}}}'. Bedoel je '{{{{ spoednummers }}}}'?",
        f"{VEI}:{line}: telefoonnummer '0800–2000' met de hand getypt: gebruik {{{{ nummer: veilig-thuis }}}}",
        "includes/abbreviations.en.md:1: is geen UTF-8 (byte 0xe9 op regel 1): sla op als UTF-8",
    ]
