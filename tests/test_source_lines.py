"""Traceability: the `{{ bron: … }}` line, its checks, and the generated Bronverantwoording page."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.tools.site_build import build
from scripts.content.source_lines import (
    bron_text,
    ExternalRef,
    ReportRef,
    in_reading_order,
    missing_required,
    nav_order,
    parse_bron,
    opening,
    render_bron,
    section_openings,
    render_overview,
    report_sections,
    scan_language,
    scan_page,
    section_anchor,
    unknown_sections,
)

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = {"1": "Inleiding", "3": "Impact", "3.2": "Understanding vs. Confusion", "4.3": "Empowerment",
            "Bijlage": "Onderzoeksverantwoording"}

# --------------------------------------------------------------------------- the directive

PARSE_CASES = [
    ("§3.2", (ReportRef("3.2"),)),
    ("§3.2, §4.3", (ReportRef("3.2"), ReportRef("4.3"))),
    ("§3.3.", (ReportRef("3.3"),)),  # the report's own "3.3." spelling
    ("§ 5, Bijlage", (ReportRef("5"), ReportRef("Bijlage"))),
    ("Veilig Thuis | https://www.veiligthuis.nl", (ExternalRef("Veilig Thuis", "https://www.veiligthuis.nl"),)),
    ("§3.3; Politie | https://www.politie.nl",
     (ReportRef("3.3"), ExternalRef("Politie", "https://www.politie.nl"))),
]


@pytest.mark.parametrize("argument, refs", PARSE_CASES)
def test_parse_bron(argument, refs):
    assert parse_bron(argument) == refs


@pytest.mark.parametrize("argument, message", [
    ("", "lege bron"),
    ("3.2", "'3.2' is geen bron"),
    ("§3.2 §4.3", "'§3.2 §4.3' is geen bron"),
    ("Politie | www.politie.nl", "externe bron 'Politie | www.politie.nl' moet 'Naam | https://…' zijn"),
    (" | https://www.politie.nl", "moet 'Naam | https://…' zijn"),
])
def test_error_malformed_bron(argument, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_bron(argument)


def test_render_bron_is_a_collapsed_line_that_opens_on_the_reports_words():
    refs = parse_bron("§3.2, §4.3; Politie | https://www.politie.nl")
    out = render_bron(refs, "nl", "../bronverantwoording.md", {"3.2": "De eerste vermoedens …"},
                      {"3.2": "Begrip", "4.3": "Grip"})
    assert out.strip().startswith('<details class="bron" markdown data-search-exclude>')
    assert '<summary markdown="span">Bronnen: *Ouders aan het woord*, §3.2, §4.3; Politie</summary>' in out
    # One tap shows the report's own words (in Dutch, marked so) and where else it is used.
    assert "Zo begint §3.2 in het rapport:\n\n‘De eerste vermoedens …’\n{: .bron__excerpt lang=nl }" in out
    assert "[Waar dit handboek §3.2 gebruikt](../bronverantwoording.md#par-3-2)" in out
    assert "**§4.3 Grip**" in out and "Zo begint §4.3" not in out  # no opening given: none invented
    assert "[Politie](https://www.politie.nl)" in out
    # Paper gets the plain line (Chromium keeps a <p>, not a <details>, with the next paragraph).
    assert out.rstrip().endswith('<p class="bron bron--print" data-search-exclude="true">Bronnen: Ouders aan het '
                                 'woord, §3.2, §4.3; Politie (https://www.politie.nl)</p>')
    english_opening = render_bron(parse_bron("§3.2"), "en", "x.md", {"3.2": "De eerste vermoedens …"},
                                  {"3.2": "Begrip"})
    assert "{: .bron__excerpt lang=nl }" in english_opening  # Dutch, marked as Dutch
    assert '**§3.2 <span lang="nl">Begrip</span>**' in english_opening  # the report's own heading too
    assert english_opening.lstrip().startswith("<details class=\"bron\" markdown data-search-exclude>")  # not in any index
    english = render_bron(parse_bron("Bijlage"), "en", "bronverantwoording.md")
    assert '<summary markdown="span">Source: *Ouders aan het woord*, Bijlage</summary>' in english
    assert "[Where this handbook uses Bijlage](bronverantwoording.md#bijlage)" in english


def test_render_bron_counts_many_outside_sources_instead_of_listing_them():
    many = "; ".join(f"Bron{i} | https://b{i}.nl" for i in range(7))
    out = render_bron(parse_bron("§4.4; " + many), "nl", "x.md")
    assert "<summary markdown=\"span\">Bronnen: *Ouders aan het woord*, §4.4; 7 andere bronnen</summary>" in out
    assert all(f"[Bron{i}](https://b{i}.nl)" in out for i in range(7))  # all listed once opened
    assert "Sources: 3 sources</summary>" in render_bron(parse_bron("A | https://a.nl; B | https://b.nl; "
                                                                   "C | https://c.nl"), "en", "x.md")


def test_opening_cuts_at_a_sentence_and_marks_the_rest():
    assert opening("Een. Twee drie. Vier vijf zes.", max_words=3) == "Een. Twee drie. …"
    assert opening("Een twee drie vier.", max_words=2) == "Een twee …"
    assert opening("Kort.", max_words=5) == "Kort."
    openings = section_openings()
    assert openings["3.2"].startswith("De eerste vermoedens")
    assert "4" in openings  # a chapter without text of its own opens with its first section


def test_bron_text_for_print_writes_addresses_out():
    refs = parse_bron("§3.2, §4.3; Politie | https://www.politie.nl")
    assert bron_text(refs, "nl") == "Bronnen: Ouders aan het woord, §3.2, §4.3; Politie (https://www.politie.nl)"
    assert bron_text(parse_bron("§3.2"), "en") == "Source: Ouders aan het woord, §3.2"


# --------------------------------------------------------------------------- page checks

PAGE = """---
audience: parents
---
# Signalen

Inleiding.
{{ bron: §1 }}

## Geld en spullen
{{ bron: §3.2, §4.3 }}

Tekst.

## Geld en spullen

{{ bron: Politie | https://www.politie.nl }}

```
## geen kop in code
```

## Eigen anker {#mijn-anker}
{{ bron: §3.2 }}
"""


def test_scan_page_finds_headings_citations_and_anchors():
    page = scan_page(PAGE, "docs/nl/x.md", SECTIONS)
    assert page.errors == ()
    assert page.title == "Signalen"
    assert [(h.line, h.anchor) for h in page.headings if h.level == 2] == [
        (9, "geld-en-spullen"), (14, "geld-en-spullen_1"), (22, "mijn-anker")]
    assert [(c.line, c.heading and c.heading.anchor) for c in page.citations] == [
        (7, None), (10, "geld-en-spullen"), (16, "geld-en-spullen_1"), (23, "mijn-anker")]


def _errors(text: str, sections=SECTIONS) -> list[str]:
    return [str(e) for e in scan_page(text, "docs/nl/x.md", sections).errors]


def test_error_h2_without_source_line_names_file_and_line():
    text = "---\ntitle: x\n---\n# T\n\n## Zonder bron\n\nTekst.\n{{ bron: §3.2 }}\n\n## Laatste"
    assert _errors(text) == [
        "docs/nl/x.md:6: kop 'Zonder bron' heeft geen bron: zet {{ bron: §… }} op de regel eronder",
        "docs/nl/x.md:11: kop 'Laatste' heeft geen bron: zet {{ bron: §… }} op de regel eronder",
    ]


def test_error_section_that_does_not_exist_and_malformed_line():
    errors = _errors("## A\n{{ bron: §4.2 }}\n\n## B\n{{ bron: 3.2 }}\n")
    assert errors[0].startswith("docs/nl/x.md:2: §4.2 bestaat niet in het rapport (wel: §1, §3, §3.2, §4.3, Bijlage)")
    assert errors[1] == "docs/nl/x.md:5: '3.2' is geen bron: gebruik §3.2, Bijlage of 'Naam | https://…'"
    assert len(errors) == 2  # a malformed line under an H2 is one problem, not two


def test_unknown_sections_checks_lines_other_features_generate():
    assert unknown_sections(parse_bron("§3.2, Bijlage"), SECTIONS) == []
    assert unknown_sections(parse_bron("§3.2, §7"), SECTIONS) == [
        "§7 bestaat niet in het rapport (wel: §1, §3, §3.2, §4.3, Bijlage)"]


def test_exempt_page_needs_no_source_lines_but_its_lines_are_still_checked():
    assert _errors("---\nbron: vrij\n---\n## Over deze site\n\nTekst.\n") == []
    assert _errors("---\nbron: vrij\n---\n## A\n{{ bron: §9.9 }}\n")[0].startswith("docs/nl/x.md:5: §9.9 bestaat niet")


# --------------------------------------------------------------------------- the overview


def _pages():
    return {
        "signalen.md": scan_page(PAGE, "docs/nl/signalen.md", SECTIONS),
        "professionals/index.md": scan_page("# Pro\n\n## Kennis\n{{ bron: §3.2 }}\n", "docs/nl/professionals/index.md", SECTIONS),
    }


def test_overview_lists_every_section_with_the_handbook_sections_that_cite_it():
    text = render_overview(_pages(), "nl", sections=SECTIONS)
    assert "## §1 Inleiding {#par-1}\n\n- [Signalen](signalen.md)\n" in text
    assert ("### §3.2 Understanding vs. Confusion {#par-3-2}\n\n"
            "- [Signalen › Geld en spullen](signalen.md#geld-en-spullen)\n"
            "- [Signalen › Eigen anker](signalen.md#mijn-anker)\n"
            "- [Pro › Kennis](professionals/index.md#kennis)\n") in text
    assert "## Bijlage Onderzoeksverantwoording {#bijlage}\n\nNog niet gebruikt in dit handboek.\n" in text
    assert "[Politie](https://www.politie.nl)\n\n- [Signalen › Geld en spullen](signalen.md#geld-en-spullen_1)" in text
    assert "Not used in this handbook yet." in render_overview(_pages(), "en", sections=SECTIONS)


def test_overview_follows_the_nav():
    nav = [{"Home": "index.md"}, {"Voor professionals": [{"P": "professionals/index.md"}]}, {"S": "signalen.md"}]
    assert nav_order(nav) == ["index.md", "professionals/index.md", "signalen.md"]
    assert list(in_reading_order(_pages(), nav)) == ["professionals/index.md", "signalen.md"]


def test_missing_required_names_uncited_sections_in_range():
    sections = {"1.1": "", "2.1": "", "3.2": "", "5.2": "", "5.3": "", "Bijlage": ""}
    pages = {"a.md": scan_page("## A\n{{ bron: §3.2, §1.1 }}\n", "a.md", sections)}
    assert missing_required(pages, sections) == ["2.1", "5.2"]


# --------------------------------------------------------------------------- against the real report and pages


def test_report_has_every_section_the_handbook_cites():
    # A contract with scripts/content/report_text.py: these are the report's sections (its table of contents).
    expected = ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
                "4", "4.1", "4.2", "4.3", "4.4", "4.5", "5", "5.1", "5.2", "5.3", "Bijlage"]
    assert list(report_sections()) == expected
    assert section_anchor("Bijlage") == "bijlage"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_names_resolving_sources(lang):
    pages = scan_language(ROOT / "docs" / lang, ROOT)
    assert [str(e) for page in pages.values() for e in page.errors] == []


def test_every_report_section_from_2_1_to_5_2_is_used():
    # Issue 5: the handbook draws on the whole report. Fails while the Dutch chapters are still
    # being written; it names the sections no handbook section cites yet.
    assert missing_required(scan_language(ROOT / "docs" / "nl", ROOT)) == []


# --------------------------------------------------------------------------- in the built site


def test_built_pages_show_source_lines_linked_to_the_overview(built_site):
    overview = (built_site / "bronverantwoording" / "index.html").read_text(encoding="utf-8")
    for number in report_sections():
        assert f'id="{section_anchor(number)}"' in overview
    cited = scan_language(ROOT / "docs" / "nl", ROOT)
    key, page = next((k, p) for k, p in cited.items()
                     if k.count("/") == 0 and k != "index.md" and p.citations and p.citations[-1].heading)
    html = (built_site / key[:-3] / "index.html").read_text(encoding="utf-8")
    assert '<details class="bron">\n<summary>Bron' in html
    assert re.search(r'<a href="\.\./bronverantwoording/#par-\d', html)
    assert f'href="../{key[:-3]}/#{page.citations[-1].heading.anchor}"' in overview
    english = (built_site / "en" / "bronverantwoording" / "index.html").read_text(encoding="utf-8")
    assert "External sources" in english and 'id="par-3-2"' in english


def test_build_fails_on_a_section_without_source(tmp_path):
    # A copy of the project with one broken page: the build must stop and name file and line.
    skip = {".git", ".venv", "site", "node_modules", "artifacts", ".pytest_cache"}
    for entry in ROOT.iterdir():
        if entry.name in skip:
            continue
        if entry.is_dir():
            shutil.copytree(entry, tmp_path / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(entry, tmp_path / entry.name)
    page = tmp_path / "docs" / "nl" / "privacy.md"
    page.write_text("# Privacy\n\n## Zonder bron\n\nTekst.\n\n## Fout\n{{ bron: §9.1 }}\n", encoding="utf-8")
    result = build(tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/nl/privacy.md:3: kop 'Zonder bron' heeft geen bron" in output
    assert "docs/nl/privacy.md:8: §9.1 bestaat niet in het rapport" in output
    assert "Traceback" not in output
