"""scripts/hooks/routes_hook.py in real builds: the Hulp vinden page, and builds that must fail."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import routes as R
from scripts.site_build import build

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "scripts" / "hooks"

PAGES = [
    ("hulp-vinden/index.html", "nl", "Laatst gecontroleerd op 27 november 2026"),
    ("en/hulp-vinden/index.html", "en", "Last checked on 27 November 2026"),
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
    assert len(targets) == 7 and all(f'id="{t}"' in html for t in targets)


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


# --- Small builds that must fail (or pass with a notice) ----------------------------------------

def mini_site(tmp_path: Path, pages: dict[str, str], extra: str = "") -> Path:
    """A tiny strict MkDocs project with only the routes hook and the leftover-directive check."""
    for name, text in pages.items():
        file = tmp_path / "docs" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nstrict: true\n"
        f"hooks:\n  - {HOOKS / 'routes_hook.py'}\n  - {HOOKS / 'directives_hook.py'}\n{extra}",
        encoding="utf-8",
    )
    return config


def test_typed_phone_number_fails_the_build_with_file_and_line(tmp_path):
    config = mini_site(tmp_path, {
        "nl/index.md": "---\ntitle: Test\n---\n# Test\n\nBel Veilig Thuis: 0800-2000.\n\nOf bel 0612345678.\n",
        "en/index.md": "# Test\n\nCall {{ nummer: veilig-thuis }}.\n",
    })
    result = build(tmp_path / "site", config)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/nl/index.md:6: telefoonnummer '0800-2000' met de hand getypt: gebruik {{ nummer: veilig-thuis }}" in output
    assert "docs/nl/index.md:8: telefoonnummer '0612345678' staat niet in" in output
    assert "Traceback" not in output


def test_directives_expand_per_language(tmp_path):
    config = mini_site(tmp_path, {
        "nl/index.md": "# Test\n\n{{ spoednummers }}\n\n{{ route: politie }}\n",
        "en/index.md": "# Test\n\nCall {{ nummer: 113-zelfmoordpreventie }}.\n",
    }, extra="markdown_extensions:\n  - attr_list\n  - md_in_html\n")
    result = build(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    nl = (tmp_path / "site" / "nl" / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:112"' in nl and "Direct hulp nodig?" in nl and "Niet gratis: 2 cent per minuut" in nl
    assert 'href="tel:113"' in en and 'href="tel:+318000113"' in en


def test_unknown_route_fails_the_build(tmp_path):
    config = mini_site(tmp_path, {"nl/index.md": "# Test\n\n{{ route: kindertelefon }}\n"})
    result = build(tmp_path / "site", config)
    assert result.returncode == 1
    assert "docs/nl/index.md:3: onbekende route 'kindertelefon'" in result.stdout + result.stderr


def test_invalid_routes_file_fails_the_build_with_its_line(tmp_path):
    routes_file = tmp_path / "routes.yml"
    text = R.ROUTES_FILE.read_text(encoding="utf-8").replace("availability: office-hours", "availability: nooit")
    routes_file.write_text(text, encoding="utf-8")
    config = mini_site(tmp_path, {"nl/index.md": "# Test\n"}, extra=f"extra:\n  routes_file: {routes_file}\n")
    result = build(tmp_path / "site", config)
    line = text[: text.index("availability: nooit")].count("\n") + 1
    assert result.returncode == 1
    assert f"routes.yml:{line}: route 'slachtofferhulp': availability 'nooit' is onbekend" in result.stdout + result.stderr


def test_stale_routes_give_a_notice_but_the_strict_build_passes(tmp_path):
    routes_file = tmp_path / "routes.yml"
    routes_file.write_text(R.ROUTES_FILE.read_text(encoding="utf-8").replace("checked: 2026-11-27", "checked: 2020-01-01"),
                           encoding="utf-8")
    config = mini_site(tmp_path, {"nl/index.md": "# Test\n"}, extra=f"extra:\n  routes_file: {routes_file}\n")
    result = build(tmp_path / "site", config)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("LET OP:") == 12 and "WARNING" not in output
    assert "route 'veilig-thuis' is" in output
