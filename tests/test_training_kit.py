"""The training kit (scripts/content/training_kit.py, data/training.yml): timings, materials, quote
cards, case sheets, the page's directives and the PDFs as real PDFs with the right page size."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.content import pipeline
from scripts.content import quotes
from scripts.content import training_kit
from scripts.content.data_yaml import load_yaml_with_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = training_kit.load()


def _plan_yaml(parts: str, minutes: int) -> dict:
    text = f"minutes: {minutes}\nbron: '§4.2'\ntitle: {{nl: a, en: b}}\nroom: {{nl: a, en: b}}\nparts:\n{parts}"
    return load_yaml_with_lines(text, "x.yml")


PART = "  - minutes: {m}\n    title: {{nl: a, en: b}}\n    do: {{nl: a, en: b}}\n    materials: [{mat}]\n"


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_plan_parts_add_up_to_the_plan(plan_id):
    plan = DATA["plans"][plan_id]
    assert sum(p["minutes"] for p in plan["parts"]) == plan["minutes"]
    assert training_kit.schedule(plan)[-1][1] == plan["minutes"]


def test_a_plan_whose_parts_do_not_add_up_is_refused_with_its_line():
    plan = _plan_yaml(PART.format(m=10, mat="gids") + PART.format(m=15, mat="gids"), 30)
    errors = training_kit.plan_problems("x", plan, DATA["materials"], "data/training.yml")
    assert [(e.line, e.reason) for e in errors] == [(1, "plan 'x': de delen duren samen 25 minuten, het plan 30")]


def test_an_unknown_material_is_refused():
    plan = _plan_yaml(PART.format(m=30, mat="dia, flip-over"), 30)
    errors = training_kit.plan_problems("x", plan, DATA["materials"], "data/training.yml")
    assert any("onbekend materiaal 'flip-over'" in e.reason for e in errors)


def test_the_plans_required_are_there_with_safety_frame_and_buffers():
    assert {p: DATA["plans"][p]["minutes"] for p in DATA["plans"]} == {"90": 90, "dagdeel": 210, "team": 30}
    for plan in DATA["plans"].values():
        first, last = plan["parts"][0], plan["parts"][-1]
        assert re.search(r"afspraken", first["title"]["nl"] + first["do"]["nl"], re.I)
        assert re.search(r"slotronde", last["title"]["nl"] + last["do"]["nl"], re.I)
    for plan_id in ("90", "dagdeel"):
        assert any(p["title"]["nl"] == "Buffer" for p in DATA["plans"][plan_id]["parts"])


def test_the_aftercare_pointer_uses_routes_from_the_routes_data():
    for lang in training_kit.LANGS:
        named = re.findall(r"\{\{ nummer: ([\w-]+) \}\}", DATA["safety"]["aftercare"][lang])
        assert named and set(named) <= set(pipeline.load_context().routes.routes)


@pytest.mark.parametrize("lang", training_kit.LANGS)
def test_every_quote_card_is_a_verified_quote_with_parent_and_section(lang):
    verified = {(q.text, q.parent, q.section) for q in quotes.site_quotes(ROOT / "docs", lang) if q.kind == "parent"}
    cards = training_kit.quote_cards(DATA, lang)
    assert len(cards) == len(DATA["quote_cards"])
    for card in cards:
        assert (card.text, card.parent, card.section) in verified
        assert card.section  # every card shows its §


def test_a_quote_card_that_is_no_verified_quote_is_refused():
    data = {**DATA, "quote_cards": load_yaml_with_lines("- {parent: 4, begins: 'Dit zei niemand'}", "x")}
    with pytest.raises(training_kit.ContentErrors, match="uitspraakkaart 1"):
        training_kit.quote_cards(data, "nl")


def test_the_recommendations_in_the_pack_are_the_four_verified_ones():
    for lang in training_kit.LANGS:
        recs = training_kit.recommendations(lang)
        assert [re.match(r"Verbeterpunt (\d)", q.text).group(1) for q in recs] == ["1", "2", "3", "4"]


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, heading
    return match.group(1)


@pytest.mark.parametrize("lang,questions,notes,on", [("nl", "Bespreekvragen", "Aantekeningen bij de vragen", "Bij vraag"),
                                                     ("en", "Discussion questions", "Notes on the questions", "On question")])
@pytest.mark.parametrize("block", list(DATA["cases"]))
def test_each_case_sheet_has_the_data_questions_and_a_note_for_each_on_the_same_sheet(lang, questions, notes, on, block):
    sheet_file = DATA["materials"][DATA["cases"][block]["sheet"]]["file"][lang]
    sheet = (ROOT / "leaflets" / lang / f"{sheet_file}.md").read_text(encoding="utf-8")
    asked = re.findall(r"^(\d+)\. (.+)$", _section(sheet, questions), re.M)
    expected = [q["q"][lang] for q in DATA["cases"][block]["questions"]]
    assert [text for _, text in asked] == expected
    noted = _section(sheet, notes)
    for number, _ in asked:
        assert f"**{on} {number}.**" in noted


@pytest.mark.parametrize("lang", training_kit.LANGS)
def test_the_page_shows_every_plan_answer_key_and_exercise_from_the_data(lang):
    page = (ROOT / "docs" / lang / "professionals" / "training.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\{\{ training: ([\w-]+) \}\}", page))
    assert used == set(training_kit.directive_names(DATA))


def test_an_unknown_training_part_fails_the_page_with_its_line():
    ctx = pipeline.load_context()
    text = "# T\n\n## Plan\n\n{{ bron: §4.2 }}\n\n{{ training: plan-60 }}\n"
    errors = pipeline.check_text(text, "docs/nl/professionals/x.md", ctx)
    assert [(e.line, e.reason.split(" (")[0]) for e in errors if "training" in e.reason] == [
        (7, "onbekend onderdeel 'plan-60' in {{ training }}")]


def test_prose_in_the_data_is_checked_like_a_page_at_its_own_line():
    data = load_yaml_with_lines((ROOT / "data" / "training.yml").read_text(encoding="utf-8"), "data/training.yml")
    data["dated"]["nl"] = "Ouders zeiden ‘dit staat nergens in het rapport zo’."
    text, origin = training_kit.check_document(data, "nl")
    errors = pipeline.check_text(text, "data/training.yml", pipeline.load_context(), kind="leaflet", lang="nl")
    lines = {origin[e.line - 1] for e in errors if "aanhalingstekens" in e.reason}
    assert lines == {data["dated"].lines["nl"]}


def test_material_links_on_the_page_point_into_the_folders_directory():
    nl = training_kit.directive("materiaal-90", "nl", "docs/nl/professionals/training.md", DATA)
    en = training_kit.directive("materiaal-90", "en", "docs/en/professionals/training.md", DATA)
    assert 'href="../../folders/training/nl/trainersgids.pdf"' in nl
    assert 'href="../../../folders/training/en/slides-90.pdf"' in en


def test_materials_on_a_leaflet_are_plain_names():
    """Paper shows no link, and a leaflet's text must not depend on the host it is built for."""
    text = training_kit.directive("materiaal-90", "nl", "leaflets/nl/training-sessieplan-90.md", DATA)
    assert "<a " not in text and "- Trainersgids" in text.splitlines()
    assert training_kit.directive("plan-90", "en", "leaflets/en/training-session-plan-90.md", DATA).count("| ") > 10


@pytest.mark.parametrize("lang", training_kit.LANGS)
@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_every_material_a_plan_names_exists_in_the_built_site(built_site, lang, plan_id):
    for mid in training_kit.plan_materials(DATA, plan_id):
        rel = training_kit.material_path(DATA, mid, lang, plan_id)
        if DATA["materials"][mid]["kind"] == "physical":
            assert rel is None
            continue
        assert (built_site / "folders" / rel).is_file(), f"{plan_id}: {mid} -> folders/{rel}"


def test_every_pdf_link_on_the_built_training_pages_resolves(built_site):
    for page in (built_site / "professionals" / "training" / "index.html", built_site / "en" / "professionals" / "training" / "index.html"):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'href="(?!https?:)([^"]+\.pdf)"', html)  # print annotations hold full addresses
        assert len(links) >= 10
        for href in links:
            assert (page.parent / href).resolve().is_file(), href


def _pdfinfo(path: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", training_kit.LANGS)
def test_slides_are_16_by_9_and_guides_a4(built_site, lang):
    for kind, _, plan, rel in training_kit.jobs(DATA):
        if not rel.startswith(f"{training_kit.OUTPUT_DIR}/{lang}/"):
            continue
        info = _pdfinfo(built_site / "folders" / rel)
        width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
        if kind == "slides":
            assert abs(width / height - 16 / 9) < 0.01, rel
            assert int(info["Pages"]) >= len(DATA["plans"][plan]["parts"]) + 3
        else:
            assert "A4" in info["Page size"], rel
        assert info["Tagged"].strip() == "yes"


def test_a_pdf_is_redrawn_only_when_what_it_shows_changes(built_site, tmp_path, monkeypatch):
    """The cache key is the PDF's own HTML: an edit elsewhere (a page, a route) redraws nothing."""
    from weasyprint import HTML

    cache = tmp_path / "cache"
    shutil.copytree(training_kit.CACHE, cache)  # filled by the site build
    monkeypatch.setattr(training_kit, "CACHE", cache)
    drawn = []
    write_pdf = HTML.write_pdf
    monkeypatch.setattr(HTML, "write_pdf", lambda self, target, **kw: drawn.append(target) or write_pdf(self, target, **kw))
    assert len(training_kit.build_all(tmp_path / "out")) == len(training_kit.jobs(DATA))
    assert drawn == []
    document_html = training_kit.document_html
    changed = ("guide", "nl")
    monkeypatch.setattr(training_kit, "document_html", lambda data, kind, lang, plan: document_html(data, kind, lang, plan)
                        + ("<!-- changed -->" if (kind, lang) == changed else ""))
    training_kit.build_all(tmp_path / "out")
    assert len(drawn) == 1
    monkeypatch.setattr(training_kit, "document_html", document_html)
    training_kit.build_all(tmp_path / "out")
    assert len(drawn) == 1  # the earlier version is still in the cache
