"""The participant decks (scripts/content/training_deck.py): one idea per slide within the word limit,
no trainer's script or answer key on a slide, the figures' shapes, and the editable PowerPoint file
that python-pptx writes from the same slides."""
from __future__ import annotations

import re

import pytest

from scripts.content import training_data
from scripts.content import training_deck
from scripts.content.training_text import WORDS

DATA = training_data.load()
DECKS = [(pid, lang) for pid in DATA["plans"] for lang in training_data.LANGS]


@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_every_slide_holds_at_most_forty_words(plan_id, lang):
    slides = training_deck.deck(DATA, plan_id, lang)
    assert [(s.ref, training_deck.words(s)) for s in slides if training_deck.words(s) > training_deck.MAX_WORDS] == []


def test_the_word_count_counts_words_not_marks():
    slide = training_deck.Slide("text", "Twee woorden", ("— · één, twee", "drie"), source="§4.2")
    assert training_deck.words(slide) == 6


@pytest.mark.parametrize("plan_id,lang", DECKS)
def test_a_deck_is_for_participants_not_the_trainers_plan(plan_id, lang):
    slides = training_deck.deck(DATA, plan_id, lang)
    text = " ".join(" ".join([s.title, *s.lines, s.quote]) for s in slides)
    assert not re.search(r"\d:\d\d|Sessieplan|Session plan|Materiaal:|Materials:|antwoordsleutel|answer key", text, re.I)
    for q in training_data.questions(DATA).values():
        assert q[1]["key"][lang][:60] not in text
    for s in DATA["statements"].values():
        assert s["key"][lang][:60] not in text
    kinds = {s.kind for s in slides}
    assert {"title", "text", "question"} <= kinds
    refs = [s.ref for s in slides]
    assert {"doelen", "afspraken", "vertrouwelijk", "weggaan", "nazorg"} <= set(refs)
    assert refs.index("afspraken") < 6  # the safety frame opens the deck


@pytest.mark.parametrize("plan_id", ["90", "dagdeel"])
def test_the_long_plans_show_goals_model_quotes_statements_questions_and_a_check_in(plan_id):
    slides = training_deck.deck(DATA, plan_id, "nl")
    kinds = {s.kind for s in slides}
    assert {"figure", "quote", "statement", "question"} <= kinds
    assert {s.figure for s in slides if s.kind == "figure"} == {"model-op", "model-neer", "plo"}
    refs = [s.ref for s in slides]
    assert refs.index("check-in") > refs.index("casus 3")


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_the_questions_on_the_slides_are_the_ones_the_steps_name(plan_id):
    slides = training_deck.deck(DATA, plan_id, "nl")
    shown = [s.title.split()[-1] for s in slides if s.kind == "question"]
    named = [q for part in DATA["plans"][plan_id]["parts"] for q in training_data.part_uses(part, "questions")]
    assert sorted(shown) == sorted(named) and len(shown) == len(set(shown))


def test_phone_numbers_on_a_slide_come_from_the_routes():
    slide = next(s for s in training_deck.deck(DATA, "90", "nl") if s.ref == "nazorg")
    assert "0800-0113" in " ".join(slide.lines) and "{{" not in " ".join(slide.lines)


def test_the_plo_figure_puts_the_wedge_with_the_perpetrator_not_the_plo():
    drawing = training_deck.plo_drawing(DATA, "nl")
    wedge = next(ln for ln in drawing.links if ln.style == "wedge")
    boxes = {b.lines[0][0]: b for b in drawing.boxes}
    plo, dader = boxes["PLO"], boxes["Dader"]
    assert dader.y <= max(wedge.y1, wedge.y2) <= dader.y + dader.h  # the wedge starts at the perpetrator
    assert not (plo.x <= wedge.x1 <= plo.x + plo.w)  # and nowhere near the PLO


@pytest.mark.parametrize("lang", training_data.LANGS)
def test_the_circles_are_read_from_the_page_drawing(lang):
    drawings = training_deck.figure_drawings(DATA, lang)
    for name in ("model-op", "model-neer"):
        d = drawings[name]
        assert len(d.boxes) == 3 and len(d.links) == 3 and d.labels
        assert all(0 <= b.x and b.x + b.w <= d.width for b in d.boxes)
    assert {ln.style for ln in drawings["model-neer"].links} == {"arrow-dashed"}


@pytest.mark.parametrize("plan_id,lang", [("90", "nl"), ("dagdeel", "en")])
def test_the_powerpoint_has_every_slide_its_text_at_its_size_and_every_shape_on_the_slide(tmp_path, plan_id, lang):
    from pptx import Presentation
    from pptx.util import Emu, Pt

    slides = training_deck.deck(DATA, plan_id, lang)
    target = tmp_path / "deck.pptx"
    training_deck.write_pptx(slides, training_deck.figure_drawings(DATA, lang), target, "t")
    prs = Presentation(str(target))
    assert len(prs.slides) == len(slides)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    for slide, page in zip(slides, prs.slides):
        texts = [sh for sh in page.shapes if sh.has_text_frame and sh.text_frame.text.strip()]
        assert texts[0].text_frame.text == slide.title
        for shape in page.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width + Emu(1), slide.ref
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height + Emu(1), slide.ref
        if slide.kind in ("text", "question", "statement"):
            body = texts[1]
            assert body.text_frame.text == "\n".join(slide.lines)
            assert all(r.font.size >= Pt(24) for p in body.text_frame.paragraphs for r in p.runs)


def test_the_powerpoint_keeps_the_words_of_every_slide(tmp_path):
    from pptx import Presentation

    slides = training_deck.deck(DATA, "90", "en")
    target = tmp_path / "deck.pptx"
    training_deck.write_pptx(slides, training_deck.figure_drawings(DATA, "en"), target, "t")
    for slide, page in zip(slides, Presentation(str(target)).slides):
        words = " ".join(sh.text_frame.text for sh in page.shapes if sh.has_text_frame)
        for piece in (slide.title, *slide.lines, slide.quote, slide.who, slide.source):
            assert piece in words
        if slide.kind == "title":
            assert WORDS["en"]["module"] in words
