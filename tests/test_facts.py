"""scripts/content/facts.py: the verification register (data/facts.yml) and its rules against the help routes.

The rules are tested, never today's numbers: every number, hours, cost, `free` and `anonymous` a route
publishes rests on a registered fact with a primary https source, read on a date that is not in the
future (the date is injected); a broken register is reported as `path:line: reason`.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from scripts.content import facts as F
from scripts.content import pipeline
from scripts.content import routes as R
from scripts.content.data_yaml import load_yaml_with_lines
from scripts.content.errors import ContentErrors

ROOT = Path(__file__).resolve().parents[1]
REGISTER_TEXT = F.REGISTER.read_text(encoding="utf-8")
ROUTES_TEXT = R.ROUTES_FILE.read_text(encoding="utf-8")
READ_ON = dt.date(2026, 12, 8)  # the day the register's facts were read; injected as "today"


def parse_register(text: str, today: dt.date = READ_ON) -> F.Register:
    return F.parse(load_yaml_with_lines(text, "data/facts.yml"), "data/facts.yml", today, ROOT)


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def register() -> F.Register:
    return F.load(F.REGISTER, dt.date.today())


@pytest.fixture(scope="module")
def data() -> R.RouteData:
    return R.load(R.ROUTES_FILE, dt.date.today())


# --- The rules on the real data -----------------------------------------------------------------

def test_the_register_and_the_routes_agree(register, data):
    assert F.check_routes(register, data) == []


def test_every_published_route_fact_rests_on_a_read_primary_source(register, data):
    today = dt.date.today()
    for route in data.routes.values():
        for field, value in F.published(route):
            found = [f for f in register.for_route(route.id) if f.field == field and value in (None, f.value)]
            assert found, (route.id, field, value)
            for fact in found:
                assert fact.kind in F.PRIMARY_KINDS and fact.source.startswith("https://"), fact.id
                assert fact.read <= today and fact.excerpt and fact.how, fact.id
                assert fact.source in {s.get("url") for s in route.sources}, fact.id
        if register.for_route(route.id):
            assert route.checked <= max(f.read for f in register.for_route(route.id)), route.id


def test_what_a_route_leaves_out_is_explained(register, data):
    for route in data.routes.values():
        for field in route.unverified:
            assert any(w.route == route.id and w.field == field and w.why and w.seen_in for w in register.withheld), (route.id, field)


def test_published_lists_every_field_a_card_shows(data):
    route = data.routes["juridisch-loket"]
    shown = F.published(route)
    assert ("phone", route.phones[0].display) in shown
    assert {field for field, _ in shown} == {"phone", "hours", "cost", "free"}  # anonymous: null
    assert F.published(data.routes["huisarts-wijkteam"]) == []


# --- Faults in the register, each at its line -------------------------------------------------

SECONDARY = REGISTER_TEXT.replace(
    "    source: https://www.politie.nl/themas/meld-misdaad-anoniem.html\n    kind: official\n",
    "    source: https://www.politie.nl/themas/meld-misdaad-anoniem.html\n    kind: news\n", 1)


@pytest.mark.parametrize("name, text, anchor, reason", [
    ("a news site as the source", SECONDARY, "kind: news", "kind 'news' is geen eerste bron"),
    ("a reading in the future", REGISTER_TEXT.replace("    read: 2026-12-08\n", "    read: 2026-12-09\n", 1),
     "read: 2026-12-09", "read 2026-12-09 ligt in de toekomst"),
    ("a reading that is no date", REGISTER_TEXT.replace("    read: 2026-12-08\n", "    read: gisteren\n", 1),
     "read: gisteren", "read is de datum van lezen"),
    ("a plain http source", REGISTER_TEXT.replace("source: https://www.113.nl/schoolopdracht", "source: http://www.113.nl/schoolopdracht", 1),
     "source: http://www.113.nl", "source 'http://www.113.nl/schoolopdracht' is geen https-adres"),
    ("a page that does not exist", REGISTER_TEXT.replace("pages: [docs/nl/kind-weg.md,", "pages: [docs/nl/kind-weg-oud.md,", 1),
     "docs/nl/kind-weg-oud.md", "pagina 'docs/nl/kind-weg-oud.md' bestaat niet"),
    ("a phone fact without its number", REGISTER_TEXT.replace('    value: "0800-7000"\n', "", 1),
     "  - id: mma-0800-7000", "een telefoonnummer heeft 'value'"),
    ("an unknown field", REGISTER_TEXT.replace("    field: hours\n", "    field: openingstijden\n", 1),
     "field: openingstijden", "field 'openingstijden' is onbekend"),
    ("a route without its field", REGISTER_TEXT.replace("    route: comensha\n    field: what\n", "    route: comensha\n", 1),
     "  - id: comensha-wat", "'route' en 'field' horen bij elkaar"),
    ("an id written twice", REGISTER_TEXT.replace("  - id: mma-gratis\n", "  - id: mma-0800-7000\n", 1),
     "  - id: mma-0800-7000\n    statement: Bellen", "id 'mma-0800-7000' staat er al"),
    ("a missing excerpt", REGISTER_TEXT.replace('    excerpt: "Als melder ben je volledig anoniem. Je privacy is gewaarborgd."\n', "", 1),
     "  - id: meldpunt-anoniem", "verplicht veld 'excerpt' ontbreekt"),
    ("a withheld fact without where it was seen", REGISTER_TEXT.replace('    seen_in: ["https://voorst.nl"]\n', "    seen_in: []\n", 1),
     "seen_in: []", "seen_in noemt waar het gegeven wel stond"),
])
def test_a_mistake_in_the_register_is_reported_at_its_line(name, text, anchor, reason):
    assert text != REGISTER_TEXT, name
    with pytest.raises(ContentErrors) as caught:
        parse_register(text)
    expected = f"data/facts.yml:{line_of(text, anchor)}: "
    assert any(str(e).startswith(expected) and reason in str(e) for e in caught.value.errors), (expected, caught.value.errors)


def test_a_register_that_is_no_list_of_facts_is_refused():
    with pytest.raises(ContentErrors) as caught:
        parse_register("- id: x\n")
    assert [str(e) for e in caught.value.errors] == ["data/facts.yml:1: het register begint met 'facts:' en daaronder een lijst"]


# --- The register against the routes ----------------------------------------------------------

def cross_check(register_text: str = REGISTER_TEXT, routes_text: str = ROUTES_TEXT) -> list[str]:
    data = R.parse(routes_text, "data/routes.yml", READ_ON)
    return [str(e) for e in F.check_routes(parse_register(register_text), data)]


def test_a_published_number_without_a_fact_is_refused_at_the_route():
    # Dropping the fact for a number the route still shows (and its twin "free" fact stays).
    start = REGISTER_TEXT.index("  - id: csg-0800-0188\n")
    end = REGISTER_TEXT.index("  - id: csg-dag-en-nacht\n")
    text = REGISTER_TEXT[:start] + REGISTER_TEXT[end:]
    expected = (f"data/routes.yml:{line_of(ROUTES_TEXT, '  - id: centrum-seksueel-geweld')}: route 'centrum-seksueel-geweld': "
                "nummer 0800-0188 staat niet in data/facts.yml")
    assert any(e.startswith(expected) for e in cross_check(text)), cross_check(text)


def test_new_hours_on_a_route_need_a_fact():
    routes_text = ROUTES_TEXT.replace(
        "    unverified: [hours]\n    hours: null\n    availability: varies\n    anonymous: true\n    free: true\n    urgent: false\n    checked: 2026-12-08\n    sources:\n      - url: https://www.politie.nl/themas/meld-misdaad-anoniem.html",
        "    hours: {nl: elke dag, en: every day}\n    availability: varies\n    anonymous: true\n    free: true\n    urgent: false\n    checked: 2026-12-08\n    sources:\n      - url: https://www.politie.nl/themas/meld-misdaad-anoniem.html", 1)
    assert routes_text != ROUTES_TEXT
    found = cross_check(routes_text=routes_text)
    assert any(e.startswith(f"data/routes.yml:{line_of(routes_text, '  - id: meld-misdaad-anoniem')}: route 'meld-misdaad-anoniem': hours staat niet in")
               for e in found), found
    # ... and the register's withheld entry for those hours is now stale.
    assert any("achtergehouden 'mma-belttijden': route 'meld-misdaad-anoniem' toont hours wél" in e for e in found), found


def test_a_fact_for_something_the_route_no_longer_shows_is_stale():
    routes_text = ROUTES_TEXT.replace("      - {display: \"0800-0113\", tel: \"+318000113\"}\n", "", 1)
    found = cross_check(routes_text=routes_text)
    expected = f"data/facts.yml:{line_of(REGISTER_TEXT, '  - id: 113-0800-0113')}: feit '113-0800-0113': route '113-zelfmoordpreventie' toont geen phone 0800-0113"
    assert any(e.startswith(expected) for e in found), found


def test_a_fact_from_a_page_the_route_does_not_name_is_refused():
    routes_text = ROUTES_TEXT.replace("      - url: https://www.113.nl/qa-nummerwijziging-113-en-gratis-nummer-0800-0113\n", "", 1)
    found = cross_check(routes_text=routes_text)
    assert any(e.startswith(f"data/facts.yml:{line_of(REGISTER_TEXT, '  - id: 113-0800-0113')}: ") and "staat niet bij de sources" in e
               for e in found), found


def test_a_check_date_after_the_last_reading_is_refused_an_older_one_is_not():
    later = ROUTES_TEXT.replace("    checked: 2026-12-08\n    sources:\n      - url: https://www.juridischloket.nl",
                               "    checked: 2026-12-09\n    sources:\n      - url: https://www.juridischloket.nl", 1)
    data = R.parse(later, "data/routes.yml", READ_ON + dt.timedelta(days=1))
    found = [str(e) for e in F.check_routes(parse_register(REGISTER_TEXT), data)]
    assert any(e.startswith(f"data/routes.yml:{line_of(later, '  - id: juridisch-loket')}: route 'juridisch-loket': checked 2026-12-09 ligt na de laatste lezing")
               for e in found), found
    older = ROUTES_TEXT.replace("    checked: 2026-12-08\n    sources:\n      - url: https://www.juridischloket.nl",
                                "    checked: 2026-01-01\n    sources:\n      - url: https://www.juridischloket.nl", 1)
    assert cross_check(routes_text=older) == []


def test_an_unverified_field_needs_its_reason_in_the_register():
    start = REGISTER_TEXT.index("  - id: helpwanted-tijden\n")
    end = REGISTER_TEXT.index("  - id: akj-nummer\n")
    found = cross_check(REGISTER_TEXT[:start] + REGISTER_TEXT[end:])
    assert any(e.startswith(f"data/routes.yml:{line_of(ROUTES_TEXT, '  - id: helpwanted')}: route 'helpwanted': unverified hours staat niet onder withheld")
               for e in found), found


def test_a_fact_for_an_unknown_route_is_refused():
    text = REGISTER_TEXT.replace("    route: comensha\n", "    route: comensa\n", 1)
    assert any(e.startswith(f"data/facts.yml:{line_of(text, '  - id: comensha-wat')}: feit 'comensha-wat': route 'comensa' bestaat niet")
               for e in cross_check(text))


# --- Wiring: the build guard and the CLI --------------------------------------------------------

def test_the_build_guard_reports_a_broken_register(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "facts.yml").write_text(SECONDARY, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        pipeline.load_context(tmp_path)
    assert any(e.reason.startswith("feit 'mma-0800-7000': kind 'news' is geen eerste bron") and e.line == line_of(SECONDARY, "kind: news")
               for e in caught.value.errors), caught.value.errors


def test_cli_validates_the_register(capsys, tmp_path):
    assert F.main([]) == 0
    assert "feiten en" in capsys.readouterr().out
    bad = tmp_path / "facts.yml"
    bad.write_text(SECONDARY, encoding="utf-8")
    assert F.main([str(bad)]) == 1
    assert "geen eerste bron" in capsys.readouterr().err
    assert F.main([str(tmp_path / "missing.yml")]) == 2
