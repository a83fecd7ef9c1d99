"""The training kit's files (issues 21 and 34), built with the site into site/folders/training/<lang>/:
per plan a trainer guide (A4: preparation, safety frame, a script per part with talking points,
notes, slides, answer keys and statements) and a participant deck (16:9 PDF, and the same deck as
an editable .pptx, scripts/content/training_deck.py); per language one participant pack and one
exercise kit (A4). All from data/training.yml (scripts/content/training_data.py), drawn by WeasyPrint
with the templates in leaflets/templates/training/.

    python scripts/content/training_kit.py [--out DIR] [--no-cache]    build (default site/folders)
"""
from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import shutil
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Sequence

if __package__ in (None, ""):  # run as `python scripts/content/training_kit.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content import parallel  # noqa: E402
from scripts.content import routes  # noqa: E402
from scripts.content import source_lines as sources  # noqa: E402
from scripts.content import training_deck as decks  # noqa: E402
from scripts.content import training_text as text  # noqa: E402
from scripts.content.directives import expand, leftovers  # noqa: E402
from scripts.content.errors import ContentErrors  # noqa: E402
from scripts.content.training_data import (LANGS, ROOT, load, material_path, part_uses, questions,  # noqa: E402
                                           schedule, clock)

TEMPLATES = decks.TEMPLATES
# What the participant pack says about sharing, reporting and referring: the decks' own slides.
# Not "delen-altijd": that is what the room works out at question 1.2.
PACK_SLIDES = ("delen-leeftijd", "meldrecht", "meldnorm", "verwijzen")
CSS = {"slides": "slides.css", "guide": "training.css", "pack": "training.css", "kit": "training.css"}
# Beside the leaflets' and the handbook's caches (.cache/, ignored by git): one place to empty.
CACHE = ROOT / ".cache" / "training"

KIT_WORDS = {
    "nl": {"guide": "Trainersgids", "pack": "Deelnemersmap", "kit": "Oefenset", "overview": "In één oogopslag",
           "goals": "Leerdoelen", "part_of_goal": "geoefend in", "prepare": "Voorbereiden", "room": "De ruimte",
           "second": "De tweede persoon", "print": "Printen en klaarzetten", "deck": "De dia's",
           "deck_files": "Dia's als PDF en als PowerPoint om aan te passen", "invitation": "Uitnodiging (met inhoudswaarschuwing)",
           "safety": "Veilig werken", "disclosure": "Als iemand iets persoonlijks vertelt", "handling": "Als iemand de schuld legt of zich verdedigt",
           "dated": "Jaartallen", "script": "Het script", "steps": "Stappen", "slides": "Dia's", "say": "Wat je zegt",
           "notes": "Voor de trainer: wat het rapport zegt", "answers": "Vragen en antwoordsleutel", "statements": "Stellingen en toelichting",
           "exercise": "Oefening", "sources": "Bronnen buiten het rapport", "model": "Het model: twee cirkels",
           "share": "Delen, melden en verwijzen", "recommendations": "De vier verbeterpunten", "evaluation": "Evaluatie",
           "prereading": "Lees vooraf", "cards": "Uitspraakkaarten", "roles": "Rolkaarten", "cut": "knippen langs de lijnen",
           "exercises": "Opdrachten", "score": "Cijfer voor deze training (1–10):", "slide": "dia",
           "dimension": {"begrijpen": "Begrijpen", "grip": "Grip", "volhouden": "Volhouden"}},
    "en": {"guide": "Trainer guide", "pack": "Participant pack", "kit": "Exercise kit", "overview": "At a glance",
           "goals": "Learning goals", "part_of_goal": "practised in", "prepare": "Preparation", "room": "The room",
           "second": "The second person", "print": "Printing and setting out", "deck": "The slides",
           "deck_files": "Slides as PDF and as PowerPoint to adapt", "invitation": "Invitation (with content warning)",
           "safety": "Working safely", "disclosure": "When someone tells something personal", "handling": "When someone blames or gets defensive",
           "dated": "Dates", "script": "The script", "steps": "Steps", "slides": "Slides", "say": "What you say",
           "notes": "For the trainer: what the report says", "answers": "Questions and answer key", "statements": "Statements and notes",
           "exercise": "Exercise", "sources": "Sources outside the report", "model": "The model: two circles",
           "share": "Sharing, reporting and referring", "recommendations": "The four recommendations", "evaluation": "Evaluation",
           "prereading": "Read beforehand", "cards": "Quote cards", "roles": "Role cards", "cut": "cut along the lines",
           "exercises": "Tasks", "score": "Mark for this training (1–10):", "slide": "slide",
           "dimension": {"begrijpen": "Understanding", "grip": "Empowerment", "volhouden": "Resilience"}},
}


def _markdown(source: str, lang: str) -> str:
    import markdown

    def bron(d) -> str:
        return f'\n\n<p class="bron">{html.escape(sources.bron_text(sources.parse_bron(d.argument), lang))}</p>\n\n'

    handlers = {"bron": bron, **routes.handlers(routes.load(), lang)}
    source = expand(source, handlers, "data/training.yml")
    left = leftovers(source, "data/training.yml")
    if left:
        raise ContentErrors(left)
    # Phone links print as their text; the tel: target means nothing on paper.
    return markdown.markdown(source, extensions=["tables", "attr_list", "sane_lists"])


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                       undefined=StrictUndefined)


def _numbered(slides: list[decks.Slide]) -> dict[str, list[tuple[int, decks.Slide]]]:
    """Each part's slides with their number in the deck."""
    out: dict[str, list[tuple[int, decks.Slide]]] = {}
    for number, slide in enumerate(slides, 1):
        out.setdefault(slide.part, []).append((number, slide))
    return out


def guide_parts(data: dict, plan_id: str, lang: str, slides: list[decks.Slide], md) -> list[dict]:
    """The script: per part its time, steps, slides, talking points, notes, questions with keys,
    statements with notes and exercises."""
    by_part, out = _numbered(slides), []
    for start, end, part in schedule(data["plans"][plan_id]):
        steps = part["steps"]
        out.append({
            "when": f"{clock(start)}–{clock(end)}", "title": part["title"][lang], "minutes": part["minutes"],
            "steps": [text.step_text(s, lang) for s in steps],
            "slides": [f"{n}. {s.title}" for n, s in by_part.get(part["id"], [])],
            "say": [md(text.md_points(data, "talk", t, lang)) for t in part.get("talk") or []],
            "notes": [md(text.md_points(data, "notes", n, lang)) for n in part.get("notes") or []],
            "answers": [md(text.md_answer(data, q, lang)) for q in part_uses(part, "questions")],
            "statements": [md(text.md_statement(data, s, lang)) for s in part_uses(part, "statements")],
            "exercises": [md(text.md_exercise(data, s["exercise"], lang)) for s in steps if s.get("exercise")],
        })
    return out


def document_html(data: dict, kind: str, lang: str, plan_id: str | None = None, docs: Path = ROOT / "docs") -> str:
    """One PDF's HTML: kind is guide or slides (with plan_id), pack or kit."""
    from markupsafe import Markup

    w, k = text.WORDS[lang], KIT_WORDS[lang]
    md = lambda source: Markup(_markdown(source, lang))  # noqa: E731
    common = {"lang": lang, "w": w, "k": k, "md": md, "source": w["source"]}
    if kind == "slides":
        slides = decks.deck(data, plan_id, lang, docs)
        figures = {name: Markup(decks.sized(svg, *decks.FIGURE_MM)) for name, svg in decks.figure_svgs(data, lang, docs).items()}
        return _env().get_template("slides.html.j2").render(**common, title=f"{w['module']} · {data['plans'][plan_id]['title'][lang]}",
                                                            slides=slides, figures=figures)
    if kind == "guide":
        plan = data["plans"][plan_id]
        slides = decks.deck(data, plan_id, lang, docs)
        titles = {p["id"]: p["title"][lang] for p in plan["parts"]}
        goals = [f"{g[lang]} ({k['part_of_goal']}: {titles[g['part']]})" for g in plan["goals"]]
        decks_files = [material_path(data, "dia", lang, plan_id, suffix) for suffix in ("pdf", "pptx")]
        return _env().get_template("guide.html.j2").render(
            **common, plan=plan, title=f"{k['guide']}: {plan['title'][lang]}", table=md(text.md_plan(data, plan_id, lang)),
            goals=md(text.md_list(goals)), second=md(data["safety"]["second_person"][lang]),
            materials=md(text.md_materials(data, plan_id, lang)), deck_files=decks_files, slide_count=len(slides),
            invitation=md(text.md_invitation(data, lang)), safety=md(text.md_safety(data, lang)),
            disclosure=md(text.md_list(data["safety"]["disclosure"][lang])), handling=md(text.md_handling(data, lang)),
            dated=md(text.md_dated(data, lang)), parts=guide_parts(data, plan_id, lang, slides, md),
            sources=md(text.md_sources(data, lang)))
    if kind == "pack":
        from scripts.content import leaflets

        base = leaflets.site_url()
        reading = [leaflets.page_url(base, lang, p) for p in data["prereading"]]
        recs = [{"text": q.translation or q.text, "section": q.section} for q in text.recommendations(lang, docs)]
        figures = decks.figure_svgs(data, lang, docs)
        share = [{"title": data["slides"][s]["title"][lang], "points": md(text.md_list(data["slides"][s]["lines"][lang])),
                  "bron": md(f"{{{{ bron: {data['slides'][s]['bron']} }}}}")} for s in PACK_SLIDES]
        return _env().get_template("pack.html.j2").render(
            **common, models=[Markup(figures["model-op"]), Markup(figures["model-neer"])], plo=Markup(figures["plo"]),
            share=share, recs=recs, evaluation=data["evaluation"][lang], reading=reading,
            aftercare=md(data["safety"]["aftercare"][lang]), sources=md(text.md_sources(data, lang)))
    if kind == "kit":
        roles = data["exercises"]["rollenspel"]
        cards = [{"text": (q.translation or q.text).strip().strip("‘’'"), "original": q.text if q.translation else None,
                  "who": f"{w['parent']} {q.parent}, §{q.section}", "dimension": k["dimension"][card["dimension"]]}
                 for q, card in zip(text.quote_cards(data, lang, docs), data["quote_cards"])]
        instructions = [md(text.md_exercise(data, e, lang)) for e in ("rollenspel", "stemmen", "netwerk", "folders")]
        return _env().get_template("kit.html.j2").render(
            **common, roles=[{"role": c["role"][lang], "text": c["text"][lang]} for c in roles["cards"]],
            cards=cards, instructions=instructions)
    raise ValueError(f"onbekende soort '{kind}'")


# ---------------------------------------------------------------------------------------------
# Building (cached: a PDF only changes when its HTML or its stylesheet does)
# ---------------------------------------------------------------------------------------------

def jobs(data: dict) -> list[tuple[str, str, str | None, str]]:
    """(kind, lang, plan, path under folders/) for every PDF."""
    out = []
    for lang in LANGS:
        out += [("pack", lang, None, material_path(data, "deelnemersmap", lang)),
                ("kit", lang, None, material_path(data, "oefenset", lang))]
        for pid in data["plans"]:
            out += [("guide", lang, str(pid), material_path(data, "gids", lang, str(pid))),
                    ("slides", lang, str(pid), material_path(data, "dia", lang, str(pid)))]
    return out


def cache_key(kind: str, html_text: str, versions: str) -> str:
    """What WeasyPrint draws this PDF from: its HTML, its one stylesheet and the drawing libraries."""
    css = (TEMPLATES / CSS[kind]).read_bytes()
    return hashlib.sha256(html_text.encode() + css + versions.encode()).hexdigest()[:20]


def build_all(out_dir: Path, use_cache: bool = True) -> list[Path]:
    """Write every training PDF and deck under out_dir (site/folders); the written paths."""
    from scripts.content import leaflets

    data = load()
    versions = leaflets.package_versions()
    CACHE.mkdir(parents=True, exist_ok=True)
    documents = []
    for kind, lang, plan, rel in jobs(data):
        page = document_html(data, kind, lang, plan)
        documents.append((page, CACHE / f"{cache_key(kind, page, versions)}.pdf", rel))
    # What is not cached is drawn side by side, one PDF per core.
    parallel.run_all(leaflets.draw_pdf, [(page, TEMPLATES, cached) for page, cached, _ in documents
                                         if not (use_cache and cached.is_file())])
    written, used = [], set()
    for _, cached, rel in documents:
        os.utime(cached)  # most recently used: pruning keeps it
        used.add(cached)
        target = Path(out_dir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        written.append(target)
    # Keep this build's PDFs and as many again of the most recent others (the last version).
    others = sorted((p for p in CACHE.glob("*.pdf") if p not in used), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[len(used):]:
        old.unlink(missing_ok=True)
    return written + write_decks(data, Path(out_dir))


def write_decks(data: dict, out_dir: Path) -> list[Path]:
    """Each plan's deck as .pptx beside its PDF (python-pptx writes in well under a second)."""
    written = []
    for lang in LANGS:
        drawings = decks.figure_drawings(data, lang)
        for pid, plan in data["plans"].items():
            target = out_dir / material_path(data, "dia", lang, str(pid), "pptx")
            decks.write_pptx(decks.deck(data, str(pid), lang), drawings, target,
                             f"{text.WORDS[lang]['module']} · {plan['title'][lang]}")
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Build the training kit into site/folders/training/ (or --out/training/); exit 1 on content problems."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "folders", help="folders directory of the site")
    parser.add_argument("--no-cache", action="store_true", help="build even if nothing changed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        written = build_all(args.out, use_cache=not args.no_cache)
    except ContentErrors as problem:
        print(problem, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"{len(written)} bestanden in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
