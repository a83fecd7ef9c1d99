"""The training kit as built with the site (scripts/content/training_kit.py): real PDFs and decks,
read back from the files a trainer downloads. A slide's type size, its word count and where its
drawing lies are measured in the PDF (scripts/content/pdf_metrics.py); the .pptx is opened with
python-pptx; the participants' files are searched for answer text."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.content import pdf_metrics
from scripts.content import training_data
from scripts.content import training_kit
from scripts.content import training_text

ROOT = Path(__file__).resolve().parents[1]
DATA = training_data.load()
MM = 72 / 25.4
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
DECKS = [(pid, lang) for pid in DATA["plans"] for lang in training_data.LANGS]

BODY_PT, FOOT_PT, FIGURE_PT = 24, 16, 10  # body text; the source line at the foot; a drawing's labels
FOOT_MM, EDGE_MM = 12, 3  # the foot band at the bottom; what a drawing keeps free of the edges


def _deck(built_site: Path, plan_id: str, lang: str, suffix: str = "pdf") -> Path:
    return built_site / "folders" / training_data.material_path(DATA, "dia", lang, plan_id, suffix)


def _words(page_text: str) -> int:
    return len([w for w in page_text.split() if re.search(r"\w", w)])


@needs_poppler
@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_slide_text_is_at_least_24_pt_and_at_most_40_words(built_site, plan_id, lang):
    pdf = _deck(built_site, plan_id, lang)
    sizes, marks = pdf_metrics.marks(pdf)
    texts = pdf_metrics.page_texts(pdf)
    assert len(texts) == len(sizes) > 0
    for page, text in enumerate(texts, start=1):
        assert _words(text) <= 40, (page, _words(text), text)
        drawn = [m.box for m in marks if m.page == page and m.kind == "path"]
        figure = (min(b[0] for b in drawn), min(b[1] for b in drawn), max(b[2] for b in drawn), max(b[3] for b in drawn)) if drawn else None
        for m in (m for m in marks if m.page == page and m.kind == "text"):
            x, y = m.box[0], m.box[1]
            if figure and figure[0] - 1 <= x <= figure[2] + 1 and figure[1] - 1 <= y <= figure[3] + 1:
                assert m.size >= FIGURE_PT, (page, "figure label", m.size)
            elif y < FOOT_MM * MM:
                assert m.size >= FOOT_PT, (page, "foot", m.size)
            else:
                assert m.size >= BODY_PT, (page, "body", m.size)


@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_every_drawing_lies_inside_its_slide_above_the_foot(built_site, plan_id, lang):
    sizes, marks = pdf_metrics.marks(_deck(built_site, plan_id, lang))
    figures = 0
    for m in marks:
        if m.kind != "path":
            continue
        width, height = sizes[m.page - 1]
        x0, y0, x1, y1 = m.box
        assert EDGE_MM * MM <= x0 and x1 <= width - EDGE_MM * MM, (m.page, m.box)
        assert FOOT_MM * MM <= y0 and y1 <= height - EDGE_MM * MM, (m.page, m.box)
        figures += m.drawing or x1 - x0 > 100
    assert figures  # the decks do draw their figures, and this test sees them


def test_the_measure_finds_a_drawing_that_runs_off_its_slide(tmp_path):
    """The old deck's fault (issue 34): two circles side by side, cut off at the right edge."""
    from weasyprint import HTML

    svg = next(iter(training_kit.decks.model_svgs("nl").values()))
    html = ("<style>@page { size: 254mm 142.875mm; margin: 0 } svg { height: 100mm; width: 139mm }</style>"
            f"<div style='display: flex'>{svg}{svg}</div>")
    HTML(string=html).write_pdf(tmp_path / "cut.pdf")
    sizes, marks = pdf_metrics.marks(tmp_path / "cut.pdf")
    assert max(m.box[2] for m in marks if m.kind == "path") > sizes[0][0]


@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_the_editable_deck_opens_and_has_the_slides_of_the_pdf(built_site, plan_id, lang):
    from pptx import Presentation

    prs = Presentation(str(_deck(built_site, plan_id, lang, "pptx")))
    pages = int(_pdfinfo(_deck(built_site, plan_id, lang))["Pages"])
    assert len(prs.slides) == pages
    titles = [next(sh for sh in s.shapes if sh.has_text_frame).text_frame.text for s in prs.slides]
    assert titles == [s.title for s in training_kit.decks.deck(DATA, plan_id, lang)]


@needs_poppler
@pytest.mark.parametrize("lang", training_data.LANGS)
def test_no_answer_text_reaches_a_participant(built_site, lang):
    """Case sheets, pack and exercise kit hold the questions, never a key or a statement's note."""
    keys = [q["key"][lang] for c in DATA["cases"].values() for q in c["questions"]]
    keys += [s["key"][lang] for s in DATA["statements"].values()]
    files = [built_site / "folders" / training_data.material_path(DATA, c["sheet"], lang) for c in DATA["cases"].values()]
    files += [built_site / "folders" / training_data.material_path(DATA, m, lang) for m in ("deelnemersmap", "oefenset")]
    label = training_text.WORDS[lang]["answer"]
    for pdf in files:
        text = " ".join(" ".join(pdf_metrics.page_texts(pdf)).split())
        assert label not in text, pdf.name
        for key in keys:
            start = " ".join(key.split()[:8])
            assert start not in text, (pdf.name, start)
    guide = " ".join(" ".join(pdf_metrics.page_texts(built_site / "folders" / training_data.material_path(DATA, "gids", lang, "90"))).split())
    assert " ".join(keys[0].split()[:8]) in guide  # the keys are in the trainer's guide


@needs_poppler
@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_a_deck_never_answers_a_question_before_the_room_has_discussed_it(built_site, plan_id, lang):
    """No key on a question's slide or before it; a statement's note never (it is the trainer's)."""
    pages = [" ".join(p.split()) for p in pdf_metrics.page_texts(_deck(built_site, plan_id, lang))]
    label = training_text.WORDS[lang]["question"]
    for qid, (_, q) in training_data.questions(DATA).items():
        shown = [i for i, p in enumerate(pages) if p.startswith(f"{label} {qid} ")]
        start = " ".join(q["key"][lang].split()[:8])
        assert not any(start in p for p in pages[: (shown[0] + 1 if shown else len(pages))]), (qid, start)
    for s in DATA["statements"].values():
        assert not any(" ".join(s["key"][lang].split()[:8]) in p for p in pages)


@needs_poppler
@pytest.mark.parametrize("lang", training_data.LANGS)
def test_the_case_sheets_number_the_questions_as_the_plans_name_them(built_site, lang):
    for block, case in DATA["cases"].items():
        pdf = built_site / "folders" / training_data.material_path(DATA, case["sheet"], lang)
        text = " ".join(" ".join(pdf_metrics.page_texts(pdf)).split())
        for qid, _ in training_data.case_questions(DATA, block):
            assert re.search(rf"(?<![\d.]){re.escape(qid)}(?![\d])", text), (block, qid)


@needs_poppler
@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_the_guide_is_a_script_per_part(built_site, plan_id):
    pdf = built_site / "folders" / training_data.material_path(DATA, "gids", "nl", plan_id)
    text = " ".join(" ".join(pdf_metrics.page_texts(pdf)).split())
    for start, end, part in training_data.schedule(DATA["plans"][plan_id]):
        assert f"{training_data.clock(start)}–{training_data.clock(end)} · {part['title']['nl']}" in text
    for needed in ("Uitnodiging (met inhoudswaarschuwing)", "De tweede persoon", "Als iemand iets persoonlijks vertelt",
                   "Printen en klaarzetten", "Bronnen buiten het rapport", "Wat je zegt" if plan_id != "team" else "Stappen"):
        assert needed in text, needed
    for qid in {q for p in DATA["plans"][plan_id]["parts"] for q in training_data.part_uses(p, "questions")}:
        assert " ".join(training_data.questions(DATA)[qid][1]["key"]["nl"].split()[:6]) in text, qid


@pytest.mark.parametrize("lang", training_data.LANGS)
@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_every_material_a_plan_names_exists_in_the_built_site(built_site, lang, plan_id):
    for mid in training_data.plan_materials(DATA, plan_id):
        rel = training_data.material_path(DATA, mid, lang, plan_id)
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
@pytest.mark.parametrize("lang", training_data.LANGS)
def test_decks_are_16_by_9_and_the_rest_a4_tagged(built_site, lang):
    for kind, _, plan, rel in training_kit.jobs(DATA):
        if not rel.startswith(f"{training_data.OUTPUT_DIR}/{lang}/"):
            continue
        info = _pdfinfo(built_site / "folders" / rel)
        width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
        if kind == "slides":
            assert abs(width / height - 16 / 9) < 0.01, rel
        else:
            assert "A4" in info["Page size"], rel
        assert info["Tagged"].strip() == "yes"


def test_a_pdf_is_redrawn_only_when_what_it_draws_from_changes(built_site, tmp_path, monkeypatch):
    """The cache key is the PDF's own HTML and its own stylesheet: an edit elsewhere redraws nothing."""
    from weasyprint import HTML

    cache = tmp_path / "cache"
    shutil.copytree(training_kit.CACHE, cache)  # filled by the site build
    monkeypatch.setattr(training_kit, "CACHE", cache)
    drawn = []
    write_pdf = HTML.write_pdf
    monkeypatch.setattr(HTML, "write_pdf", lambda self, target, **kw: drawn.append(target) or write_pdf(self, target, **kw))
    pdfs = [p for p in training_kit.build_all(tmp_path / "out") if p.suffix == ".pdf"]
    assert len(pdfs) == len(training_kit.jobs(DATA)) and drawn == []
    document_html = training_kit.document_html
    changed = ("guide", "nl", "90")
    monkeypatch.setattr(training_kit, "document_html", lambda data, kind, lang, plan: document_html(data, kind, lang, plan)
                        + ("<!-- changed -->" if (kind, lang, plan) == changed else ""))
    training_kit.build_all(tmp_path / "out")
    assert len(drawn) == 1
    monkeypatch.setattr(training_kit, "document_html", document_html)
    training_kit.build_all(tmp_path / "out")
    assert len(drawn) == 1  # the earlier version is still in the cache


def test_a_stylesheet_is_part_of_only_its_own_pdfs_keys(monkeypatch, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(training_kit.TEMPLATES, templates)
    monkeypatch.setattr(training_kit, "TEMPLATES", templates)
    before = {kind: training_kit.cache_key(kind, "<html>", "v") for kind in training_kit.CSS}
    (templates / "slides.css").write_text("/* changed */", encoding="utf-8")
    after = {kind: training_kit.cache_key(kind, "<html>", "v") for kind in training_kit.CSS}
    assert [k for k in before if before[k] != after[k]] == ["slides"]
