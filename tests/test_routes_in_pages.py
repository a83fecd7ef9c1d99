"""Help routes in pages: the built Hulp vinden page, and route directives through the content pipeline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.content import pipeline
from scripts.content import routes as R

ROOT = Path(__file__).resolve().parents[1]

PAGES = [
    ("hulp-vinden/index.html", "nl", "Nagekeken op 8 december 2026 "),
    ("en/hulp-vinden/index.html", "en", "Checked on 8 December 2026 "),
]


@pytest.fixture(scope="module")
def data():
    return R.load()


# --- The real site --------------------------------------------------------------------------

@pytest.mark.parametrize("page, lang, checked", PAGES, ids=["nl", "en"])
def test_hulp_vinden_has_every_number_as_tel_link_and_check_dates(built_site, data, page, lang, checked):
    html = (built_site / page).read_text(encoding="utf-8")
    tel_links = set(re.findall(r'href="tel:([^"]+)"', html))
    assert tel_links == {p.tel for r in data.routes.values() for p in r.phones}
    for route in data.routes.values():
        assert f'id="route-{route.id}"' in html, route.id
        for phone in route.phones:
            assert f'href="{phone.href}">{phone.display}</a>' in html
    assert html.count(checked) == len(data.routes)
    assert "{{" not in html


@pytest.mark.parametrize("page, lang, checked", PAGES, ids=["nl", "en"])
def test_route_map_links_land_on_cards(built_site, page, lang, checked):
    html = (built_site / page).read_text(encoding="utf-8")
    kaart = html[html.index('class="routekaart"'):]
    kaart = kaart[: kaart.index("</div>")]
    targets = re.findall(r'href="#(route-[a-z0-9-]+)"', kaart)
    assert len(targets) == 11 and all(f'id="{t}"' in html for t in targets)


def test_withheld_facts_are_not_on_the_site(built_site):
    text = " ".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    for fact in ("088-20 80 000", "088-2080000", "033-448 11 86", "watchnederland.nl\">", "11–21", "08–22"):
        assert fact not in text, fact


@pytest.mark.parametrize("page", ["over/index.html", "en/over/index.html"])
def test_report_links_shown_as_text_not_links(built_site, page):
    source = (ROOT / "docs" / ("en" if page.startswith("en/") else "nl") / "over.md").read_text(encoding="utf-8")
    if "{{ rapportlinks }}" not in source:
        pytest.skip("the Over page does not place {{ rapportlinks }}")
    html = (built_site / page).read_text(encoding="utf-8")
    assert "<code>https://paceuk.info/about-pace/</code>" in html
    assert 'href="https://paceuk.info' not in html and 'href="https://stichtingmanna.nl' not in html


# --- Route directives through the content pipeline ---------------------------------------------

CTX = pipeline.load_context()


def test_typed_phone_numbers_are_reported_with_the_files_own_line():
    text = "---\ntitle: Test\n---\n# Test\n\nBel Veilig Thuis: 0800-2000.\n\nOf bel 0612345678.\n"
    reasons = [str(e) for e in pipeline.check_text(text, "docs/nl/index.md", CTX)]
    assert "docs/nl/index.md:6: telefoonnummer '0800-2000' met de hand getypt: gebruik {{ nummer: veilig-thuis }}" in reasons
    assert any(r.startswith("docs/nl/index.md:8: telefoonnummer '0612345678' staat niet in") for r in reasons)


def test_directives_expand_per_language():
    links = pipeline.PageLinks(report="over/", overview="bronverantwoording.md")
    nl = pipeline.render(pipeline.Source("docs/nl/x.md", "nl", "# Test\n\n{{ spoednummers }}\n\n{{ route: politie }}\n"), CTX, links)
    en = pipeline.render(pipeline.Source("docs/en/x.md", "en", "# Test\n\nCall {{ nummer: 113-zelfmoordpreventie }}.\n"), CTX, links)
    politie = CTX.routes.routes["politie"]
    assert "(tel:112)" in nl and "Direct hulp nodig?" in nl and politie.cost["nl"] in nl
    assert "(tel:113)" in en and "(tel:+318000113)" in en


def test_unknown_route_is_reported_at_its_line():
    errors = pipeline.check_text("---\ntitle: x\n---\n# Test\n\n{{ route: kindertelefon }}\n", "docs/nl/x.md", CTX)
    assert any(str(e).startswith("docs/nl/x.md:6: onbekende route 'kindertelefon'") for e in errors)
