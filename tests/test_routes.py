"""scripts/content/routes.py: the help-route data is valid, publishes nothing uncertain, and renders right."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from scripts.content import routes as R
from scripts.content.errors import ContentErrors

ROOT = Path(__file__).resolve().parents[1]
TEXT = R.ROUTES_FILE.read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 8)


@pytest.fixture(scope="module")
def data() -> R.RouteData:
    return R.parse(TEXT, "data/routes.yml", TODAY)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- The data itself ------------------------------------------------------------------------

ROUTE_IDS = ["alarmnummer", "politie", "veilig-thuis", "meld-misdaad-anoniem", "centrum-seksueel-geweld",
             "kindertelefoon", "slachtofferhulp", "113-zelfmoordpreventie", "fier", "sterk-huis", "comensha",
             "helpwanted", "meldpunt-kinderporno", "akj", "juridisch-loket", "huisarts-wijkteam"]


def test_every_route_of_the_brief_is_there_in_order(data):
    assert list(data.routes) == ROUTE_IDS


def test_uncertain_facts_are_not_published(data):
    # What only secondary pages say is left out (data/facts.yml, withheld); website-only routes have no phone.
    assert data.routes["meld-misdaad-anoniem"].hours is None
    assert data.routes["kindertelefoon"].hours is None and data.routes["kindertelefoon"].anonymous is None
    assert data.routes["113-zelfmoordpreventie"].hours is None
    for rid in ("fier", "sterk-huis", "comensha", "akj"):
        assert data.routes[rid].phones == () and data.routes[rid].hours is None
        assert data.routes[rid].website
    assert "088" not in TEXT.replace("# ", "") or "088-20" not in R.render_card(data.routes["fier"], "nl")
    assert "448 11 86" not in "".join(R.render_card(r, "nl") for r in data.routes.values())


def test_routes_not_to_publish_are_absent(data):
    assert {"watch-nederland", "stichting-manna"} == {item["id"] for item in data.not_published}
    for name in ("watch", "manna", "helse liefde"):
        assert not any(name in r.name["nl"].lower() for r in data.routes.values())


def test_facts_the_brief_names(data):
    assert [p.display for p in data.routes["113-zelfmoordpreventie"].phones] == ["113", "0800-0113"]
    politie = data.routes["politie"]
    assert politie.free is False and "0900" in politie.cost["nl"] and "0900" in politie.cost["en"]
    assert data.routes["huisarts-wijkteam"].phones == () and data.routes["huisarts-wijkteam"].contact
    assert all(r.checked <= TODAY and r.sources for r in data.routes.values())
    urgent = [r.id for r in data.routes.values() if r.urgent]
    assert urgent[:1] == ["alarmnummer"] and "veilig-thuis" in urgent


# --- Phone numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("display, tel", [
    ("112", "112"), ("113", "113"), ("0800-2000", "+318002000"), ("0900-8844", "+319008844"),
    ("0900-1234567", "+319001234567"), ("033-448 11 86", "+31334481186"), ("06-12345678", "+31612345678"),
    ("020-1234567", "+31201234567"),
])
def test_expected_tel(display, tel):
    assert R.expected_tel(display) == tel


@pytest.mark.parametrize("display", ["0800-200", "0800 2000", "08002000", "12345", "020-123456",
                                     "0900-12345678", "+31 800 2000", "114"])
def test_expected_tel_refuses(display):
    with pytest.raises(ValueError, match="geen Nederlands telefoonnummer"):
        R.expected_tel(display)


# --- Validation: one case per fault, exact line -------------------------------------------------

FAULTS = [
    # (name, old text, new text, line anchor, message part)
    ("wrong_tel", '- {display: "0800-2000", tel: "+318002000"}', '- {display: "0800-2000", tel: "+318002001"}',
     '- {display: "0800-2000", tel: "+318002001"}', "hoort bij een ander nummer"),
    ("bad_format", '"0800-7000", tel', '"0800-700", tel', '"0800-700", tel', "geen Nederlands telefoonnummer"),
    ("unquoted", '{display: "112", tel: "112"}', "{display: 112, tel: 112}", "{display: 112", "aanhalingstekens"),
    ("http_site", "website: https://www.veiligthuis.nl", "website: http://www.veiligthuis.nl",
     "website: http://www.veiligthuis.nl", "geen https-adres"),
    ("future", "    checked: 2026-12-08\n    sources:\n      - url: https://government.nl",
     "    checked: 2026-12-09\n    sources:\n      - url: https://government.nl", "checked: 2026-12-09", "in de toekomst"),
    ("unknown_group", "availability: office-hours", "availability: weekdays", "availability: weekdays",
     "availability 'weekdays' is onbekend"),
    ("hours_unverified", "    unverified: [hours]\n    hours: null\n    availability: varies\n    anonymous: null\n    free: true\n    urgent: false",
     "    unverified: [hours]\n    hours: {nl: elke dag 11-21 uur, en: daily 11-21}\n    availability: varies\n    anonymous: null\n    free: true\n    urgent: false",
     "hours: {nl: elke dag 11-21", "niet nagekeken (unverified: hours)"),
    ("phone_unverified", "    unverified: [phone, hours]\n    phones: []\n    website: https://www.fier.nl",
     '    unverified: [phone, hours]\n    phones: [{display: "088-20 80 000", tel: "+31882080000"}]\n    website: https://www.fier.nl',
     'phones: [{display: "088-20 80 000"', "niet nagekeken (unverified: phone)"),
    ("no_cost", "    cost: {nl: Je betaalt het lokale tarief., en: You pay the local rate.}\n", "",
     "    free: false\n    urgent: false\n    checked: 2026-12-08\n    sources:\n      - url: https://www.politie.nl/themas/slachtofferhulp.html",
     "zeg in 'cost' wat het kost"),
    ("unknown_field", "    urgent: false\n    checked: 2026-12-08\n    sources:\n      - url: https://www.politie.nl/themas/slachtofferhulp.html",
     "    urgnet: true\n    urgent: false\n    checked: 2026-12-08\n    sources:\n      - url: https://www.politie.nl/themas/slachtofferhulp.html",
     "urgnet: true", "onbekend veld 'urgnet'"),
    ("duplicate_key", "    website: https://www.113.nl\n", "    website: https://www.113.nl\n    website: https://www.113.nl\n",
     "    website: https://www.113.nl\n    website", "staat er twee keer"),
    ("withheld_route", "  - id: comensha", "  - id: watch-nederland", "  - id: watch-nederland", "not_published"),
    ("map_unknown_route", "routes: [kindertelefoon]", "routes: [kindertelefon]", "routes: [kindertelefon]",
     "onbekende route 'kindertelefon'"),
    # PyYAML notices the unclosed list on the next line, and says so there.
    ("yaml_syntax", "stale_after_days: 180\n", "stale_after_days: [180\n", "\nroutes:", "geen geldige YAML"),
]


@pytest.mark.parametrize("name, old, new, anchor, message", FAULTS, ids=[f[0] for f in FAULTS])
def test_error_names_file_line_and_reason(name, old, new, anchor, message):
    assert old in TEXT, f"fixture text for {name} no longer in routes.yml"
    broken = TEXT.replace(old, new, 1)
    with pytest.raises(ContentErrors) as caught:
        R.parse(broken, "data/routes.yml", TODAY)
    expected_line = line_of(broken, anchor) + (1 if name in ("duplicate_key", "yaml_syntax") else 0)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(f"data/routes.yml:{expected_line}: ") and message in m for m in messages), messages


def test_missing_required_field_is_reported_at_the_route():
    broken = TEXT.replace("    website: https://www.kindertelefoon.nl\n", "", 1)
    with pytest.raises(ContentErrors) as caught:
        R.parse(broken, "data/routes.yml", TODAY)
    assert [str(e) for e in caught.value.errors] == [
        f"data/routes.yml:{line_of(broken, '  - id: kindertelefoon')}: route 'kindertelefoon': verplicht veld 'website' ontbreekt"
    ]


def test_all_errors_are_reported_together():
    broken = TEXT.replace('tel: "+318002000"}', 'tel: "+31"}').replace("availability: office-hours", "availability: x")
    with pytest.raises(ContentErrors) as caught:
        R.parse(broken, "data/routes.yml", TODAY)
    assert len(caught.value.errors) == 2


# --- Age of the checks ------------------------------------------------------------------------

def test_stale_after_configured_age(data):
    assert R.stale_routes(data, TODAY + dt.timedelta(days=180)) == []
    stale = R.stale_routes(data, TODAY + dt.timedelta(days=181))
    assert [r.id for r, _ in stale] == ROUTE_IDS and {age for _, age in stale} == {181}
    assert R.stale_routes(data, TODAY + dt.timedelta(days=31), max_age_days=30)


def test_report_lists_every_route_with_age_and_marks_stale(data):
    text = R.report(data, TODAY + dt.timedelta(days=200))
    for rid in ROUTE_IDS:
        assert re.search(rf"^{re.escape(rid)} +{TODAY.isoformat()} +200 dagen", text, re.M)
    assert text.count("LET OP") == len(ROUTE_IDS)
    assert "watch-nederland" in text and "niet gepubliceerd (onzeker): hours" in text


def test_cli_validates_and_reports(capsys, tmp_path):
    assert R.main([]) == 0
    assert f"{len(ROUTE_IDS)} routes in orde" in capsys.readouterr().out
    assert R.main(["--report"]) == 0
    out = capsys.readouterr().out
    assert all(rid in out for rid in ROUTE_IDS)
    bad = tmp_path / "routes.yml"
    bad.write_text(TEXT.replace("availability: office-hours", "availability: x"), encoding="utf-8")
    assert R.main([str(bad)]) == 1
    assert "availability 'x' is onbekend" in capsys.readouterr().err
    assert R.main([str(tmp_path / "missing.yml")]) == 2


def test_cli_prints_stale_notice_not_failing(capsys, tmp_path):
    old = tmp_path / "routes.yml"
    old.write_text(TEXT.replace("checked: 2026-12-08", "checked: 2020-01-01"), encoding="utf-8")
    assert R.main([str(old)]) == 0
    assert capsys.readouterr().err.count("LET OP") == len(ROUTE_IDS)


# --- Rendering ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, checked", [("nl", "Nagekeken op 8 december 2026 "),
                                           ("en", "Checked on 8 December 2026 ")])
def test_card_has_tel_links_and_check_date(data, lang, checked):
    for route in data.routes.values():
        card = R.render_card(route, lang)
        assert checked in card and route.name[lang] in card
        assert re.findall(r"\(tel:([^)]+)\)", card) == [p.tel for p in route.phones]
        if route.website:
            assert f"]({route.website})" in card


def test_card_without_checked_phone_points_to_website(data):
    assert "Kijk op de website hoe je contact opneemt." in R.render_card(data.routes["fier"], "nl")
    assert "verschillen per plek" in R.render_card(data.routes["huisarts-wijkteam"], "nl")


def test_card_says_honestly_when_the_hours_of_a_number_are_not_known(data):
    """Issue 20: 'see the website' alone left a parent at night guessing whether anyone answers."""
    card = R.render_card(data.routes["meld-misdaad-anoniem"], "nl")
    assert "of dat ook 's nachts zo is, weten we niet zeker" in card
    assert "whether anyone does at night" in R.render_card(data.routes["meld-misdaad-anoniem"], "en")
    # Known hours are stated; a route without a number keeps the plain pointer to its website.
    assert "weten we niet zeker" not in R.render_card(data.routes["veilig-thuis"], "nl")
    assert "Kijk op de website voor de tijden." in R.render_card(data.routes["fier"], "nl")


def test_number_is_inline_and_tappable(data):
    assert R.render_number(data.routes["veilig-thuis"], "nl") == (
        '[0800-2000](tel:+318002000){ .route-tel aria-label="Bel Veilig Thuis, 0800-2000" }')
    assert R.render_number(data.routes["113-zelfmoordpreventie"], "en") == (
        '[113](tel:113){ .route-tel aria-label="Call 113 Suicide Prevention, 1 1 3" } or '
        '[0800-0113](tel:+318000113){ .route-tel aria-label="Call 113 Suicide Prevention, 0800-0113" }')
    with pytest.raises(ValueError, match="geen nagekeken telefoonnummer"):
        R.render_number(data.routes["fier"], "nl")


def test_urgent_box_from_the_urgent_field(data):
    box = R.render_urgent(data, "nl")
    assert "(tel:112)" in box and "(tel:+318002000)" in box
    assert box.count("- **") == sum(r.urgent for r in data.routes.values())
    assert "(tel:+319008844)" not in box


def test_routekaart_covers_the_situations_and_links_to_cards(data):
    for lang in R.LANGS:
        kaart = R.render_routekaart(data, lang)
        targets = re.findall(r"\]\(#route-([a-z0-9-]+)\)", kaart)
        assert targets == ["alarmnummer", "veilig-thuis", "meld-misdaad-anoniem", "centrum-seksueel-geweld",
                           "helpwanted", "meldpunt-kinderporno", "akj", "juridisch-loket",
                           "kindertelefoon", "slachtofferhulp", "113-zelfmoordpreventie"]
    assert "lotgenoten" in R.render_routekaart(data, "nl")


def test_routes_grouped_by_availability_every_route_once(data):
    page = R.render_routes(data, "nl")
    headings = re.findall(r"^### (.+)$", page, re.M)
    assert headings == ["Dag en nacht bereikbaar", "Bereikbaar tijdens kantooruren",
                        "Tijden verschillen of zijn niet nagekeken"]  # no route in evenings-nights
    for rid in ROUTE_IDS:
        assert page.count(f"{{ #route-{rid} }}") == 1
    always = re.split(r"^### ", page, flags=re.M)[1]
    assert all(f"#route-{r.id} " in always for r in data.routes.values() if r.availability == "always")


def test_handlers_report_unknown_route_at_its_line(data):
    from scripts.content.directives import expand
    with pytest.raises(ContentErrors) as caught:
        expand("# T\n\n{{ route: veilig-thuiss }}\n", R.handlers(data, "nl"), "docs/nl/x.md")
    assert str(caught.value.errors[0]).startswith("docs/nl/x.md:3: onbekende route 'veilig-thuiss'")


# --- Phone numbers typed in pages ------------------------------------------------------------

FLAGGED = [
    ("Bel 112 bij gevaar.", "112", "alarmnummer"),
    ("Bel 0800-2000.", "0800-2000", "veilig-thuis"),
    ("Bel 0800 2000 voor advies.", "0800 2000", "veilig-thuis"),
    ("Of +31 800 2000.", "+31 800 2000", "veilig-thuis"),
    ("Bel 113 of 0800-0113.", "113", "113-zelfmoordpreventie"),
    ("Bel [de politie](tel:+319008844).", "+319008844", "politie"),
    ("Fier: 088-20 80 000.", "088-20 80 000", None),
    ("Mijn nummer is 06-12345678.", "06-12345678", None),
    ("Bel 020 123 45 67.", "020 123 45 67", None),
    ("Bel 0900-1234567.", "0900-1234567", None),
]


@pytest.mark.parametrize("text, number, rid", FLAGGED)
def test_typed_number_is_refused(data, text, number, rid):
    errors = R.typed_numbers("# Titel\n\n" + text + "\n", data, "docs/nl/x.md")
    assert errors, text
    message = str(errors[0])
    assert message.startswith(f"docs/nl/x.md:3: telefoonnummer '{number}'")
    if rid:
        assert message.endswith(f"gebruik {{{{ nummer: {rid} }}}}")
    else:
        assert "staat niet in data/routes.yml" in message


NOT_NUMBERS = [
    "Het duurde 2,5 jaar.", "Ze reed 60 kilometer.", "In 2021 verscheen het rapport.", "Zie §3.2 en §4.1.",
    "Zie § 1.12.", "Bijna 12% van de ouders.", "Meer dan 6.000 personen, onder wie 1.320 meisjes.",
    "Toen was ze 12/13.", "Tussen de 12 en 18 jaar.", "Chat van 9.00 tot 17.00 uur.", "Op 27-11-2026 nagekeken.",
    "Op 01-12-2026 nagekeken.", "Bel {{ nummer: alarmnummer }} of {{ nummer: 113-zelfmoordpreventie }}.",
    "{{ bron: §1.12; 113 Zelfmoordpreventie | https://www.113.nl }}", "Zie https://example.nl/112/0800-2000.",
    "113 Zelfmoordpreventie helpt ook ouders.", "113 Suicide Prevention helps parents too.",
    "Kinderen van 8 tot 18 jaar.", "ISBN 978-90-1234-567-8.", "Het kost 0,02 euro.",
    "> ‘Ze is nu 16 en toen was ze 12/13 dat de eerste signalen er waren.’",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_figures_are_not_taken_for_phone_numbers(data, text):
    assert R.typed_numbers(text, data, "docs/nl/x.md") == []


def test_whole_report_text_has_no_false_positives(data):
    report = (ROOT / "sources" / "ouders-aan-het-woord.txt").read_text(encoding="utf-8")
    assert R.typed_numbers(report, data, "sources/ouders-aan-het-woord.txt") == []


def test_line_offset_counts_front_matter():
    source = "---\ntitle: x\n---\n\n# Titel\n\nBel 112.\n"
    markdown = "# Titel\n\nBel 112.\n"
    assert R.line_offset(source, markdown) == 4
    data = R.parse(TEXT, "data/routes.yml", TODAY)
    errors = R.typed_numbers(markdown, data, "p.md", R.line_offset(source, markdown))
    assert str(errors[0]).startswith("p.md:7: ")


def test_routekaart_needs_routes_on_the_page():
    assert R.page_problems("{{ routekaart }}\n\n{{ routes }}\n", "p.md") == []
    assert [str(e) for e in R.page_problems("x\n{{ routekaart }}\n", "p.md")] == [
        "p.md:2: {{ routekaart }} hoort op een pagina met {{ routes }}"]


def test_phone_links_say_whom_you_call_and_keep_the_visible_number(data):
    for lang in R.LANGS:
        for route in data.routes.values():
            for phone in route.phones:
                label = R.tel_label(route, phone, lang)
                assert route.name[lang] in label and phone.display in label, label
    alarm = next(r for r in data.routes.values() if r.phones[:1] and r.phones[0].display == "112")
    assert R.tel_label(alarm, alarm.phones[0], "nl") == "Bel Alarmnummer 112, 1 1 2"
    # a route whose name lacks its short number keeps the digits as shown (label in name, WCAG 2.5.3)
    other = dataclasses.replace(alarm, name={"nl": "Hulplijn", "en": "Helpline"})
    assert R.tel_label(other, R.Phone("116", "116"), "nl") == "Bel Hulplijn, 116"


def test_routekaart_arrows_are_hidden_from_screen_readers(data):
    kaart = R.render_routekaart(data, "nl")
    assert "→" in kaart and kaart.count("→") == kaart.count('<span aria-hidden="true">→</span>')


# --- Call buttons and footer numbers (issue 20) ---------------------------------------------

def test_call_buttons_dial_the_routes_first_number_in_the_given_order(data):
    out = R.render_call_buttons(data, "nl", ["alarmnummer", "veilig-thuis"])
    hrefs = re.findall(r'class="call-button" href="([^"]+)"', out)
    assert hrefs == ["tel:112", "tel:+318002000"]
    assert "Bel 112</span>" in out and "Bel 0800-2000</span>" in out
    # "Alarmnummer 112" would repeat the number: the button says what it is for instead.
    assert data.routes["alarmnummer"].what["nl"] in out and ">Veilig Thuis<" in out
    assert "Call 112</span>" in R.render_call_buttons(data, "en", ["alarmnummer"])


def test_call_buttons_refuse_unknown_or_numberless_routes(data):
    with pytest.raises(ValueError, match="onbekende route 'nope'"):
        R.render_call_buttons(data, "nl", ["nope"])
    with pytest.raises(ValueError, match="'fier' heeft geen nagekeken telefoonnummer"):
        R.render_call_buttons(data, "nl", ["fier"])
    with pytest.raises(ValueError, match="noemt geen route"):
        R.handlers(data, "nl")["belknoppen"](R.Directive("belknoppen", "", 1, 0, 0))


def test_footer_numbers_are_the_urgent_routes(data):
    out = R.render_footer_numbers(data, "en")
    urgent = [r for r in data.routes.values() if r.urgent]
    assert re.findall(r'href="([^"]+)"', out) == [r.phones[0].href for r in urgent]
    assert ">Emergency number 112<" in out and ">Veilig Thuis (Safe at Home): 0800-2000<" in out
    assert out.startswith('<p class="footer-urgent__title">Help now</p>')


# --- Language access (issue 16): only what a source says; the rest shown as unknown -----------

def test_every_route_states_its_language_facts_and_each_fact_has_a_source(data):
    for route in data.routes.values():
        facts = route.languages
        if facts.known or facts.english_page:
            assert facts.sources, route.id
    # What only secondary sources say (data/facts.yml, withheld) stays unknown.
    assert data.routes["alarmnummer"].languages.phone is None
    assert data.routes["veilig-thuis"].languages.dutch_menu is None
    assert data.routes["kindertelefoon"].languages.phone is None


@pytest.mark.parametrize("old, new, anchor, message", [
    ("      english_page: https://www.politie.nl/en\n      sources:\n        - {url: https://www.politie.nl/en, note: \"Engelse pagina's van de politie\"}\n",
     "      english_page: https://www.politie.nl/en\n",
     "      phone: null\n      interpreter: null\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",  # the block's first line
     "route 'politie', languages: noem minstens één bron"),
    ("    languages:\n      phone: null\n      interpreter: null\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",
     "    languages:\n      phone: [engels]\n      interpreter: null\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",
     "phone: [engels]", "route 'politie', languages: phone is null of een lijst met taalcodes"),
    ("    languages:\n      phone: null\n      interpreter: null\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",
     "    languages:\n      phone: null\n      interpreter: ja\n      dutch_menu: null\n      english_page: https://www.politie.nl/en",
     "interpreter: ja", "route 'politie', languages: interpreter is true, false of null"),
])
def test_a_language_fact_without_source_or_in_a_wrong_form_is_refused_at_its_line(old, new, anchor, message):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    with pytest.raises(ContentErrors) as caught:
        R.parse(text, "data/routes.yml", TODAY)
    expected = f"data/routes.yml:{line_of(text, anchor)}: {message}"
    assert any(str(e).startswith(expected) for e in caught.value.errors), (expected, caught.value.errors)


def test_a_route_without_languages_is_refused():
    text = re.sub(r"(  - id: fier\n(?:.*\n)*?)    languages: \{[^}]*\}\n", r"\1", TEXT, count=1)
    with pytest.raises(ContentErrors) as caught:
        R.parse(text, "data/routes.yml", TODAY)
    assert any("route 'fier': verplicht veld 'languages' ontbreekt" in str(e) for e in caught.value.errors)


def test_languages_list_known_facts_and_name_the_unknown_honestly(data):
    en = R.render_languages(data, "en")
    assert "[politie.nl/en](https://www.politie.nl/en)" in en
    assert "also talk or write to them in English" in en  # Helpwanted's own page says so
    assert "112NL" not in en  # only news reports said it (data/facts.yml, withheld)
    unknown = en.splitlines()[-1]
    assert unknown.startswith("- For ") and "we found no source about languages" in unknown
    assert "Slachtofferhulp Nederland (Victim Support)" in unknown and "CoMensha" not in unknown  # professionals only
    assert "geen bron over talen" in R.render_languages(data, "nl")


def test_every_card_says_what_is_known_about_languages(data):
    card = R.render_card(data.routes["slachtofferhulp"], "en")
    assert "- **Language:** No source we found says which languages you can use here." in card


def test_the_phrase_card_shows_dutch_marked_as_dutch_with_its_meaning(data):
    card = R.render_phrase_card(data, "en")
    # The other language's column stays out of the page language's search index.
    assert '| <span lang="nl" data-search-exclude>**Ik wil graag een tolk.**</span> | <span lang="en">I would like an interpreter.</span> |' in card
    assert '<span lang="en" data-search-exclude>I would like an interpreter.</span>' in R.render_phrase_card(data, "nl")
    assert len(data.phrase_card) >= 5


@pytest.mark.parametrize("lang", R.LANGS)
def test_every_situation_of_the_route_map_is_its_own_list_item(data, lang):
    import markdown

    html = markdown.markdown(R.render_routekaart(data, lang), extensions=["md_in_html", "attr_list"])
    items = re.findall(r"<li>\s*(?:<p>)?<strong>(.*?)</strong>", html)
    assert len(items) == len(data.routekaart) and "- **" not in html
