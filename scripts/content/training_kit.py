"""The training kit (issue 21): one source, data/training.yml, for the training page and its PDFs.

From that file come the parts of docs/<lang>/professionals/training.md that a trainer needs on
paper too (plans with timed parts, the safety frame, goals, answer keys, exercises, materials:
`{{ training: … }}`), and, with the build, four kinds of PDF per language in site/folders/training/:
a trainer guide and a participant pack (A4), an exercise kit (A4: role cards, quote cards that are
verified quotes from the site, drawing instructions) and a 16:9 slide deck per plan. Same engine as
the leaflets (WeasyPrint), own templates and CSS in leaflets/templates/training/.

    python scripts/content/training_kit.py [--out DIR]     build the PDFs (default site/folders)
"""
from __future__ import annotations

import argparse
import hashlib
import html
import os
import posixpath
import re
import shutil
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

if __package__ in (None, ""):  # run as `python scripts/content/training_kit.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content import parallel  # noqa: E402
from scripts.content import quotes  # noqa: E402
from scripts.content import routes  # noqa: E402
from scripts.content import source_lines as sources  # noqa: E402
from scripts.content.data_yaml import line_of, load_data_file, type_name  # noqa: E402
from scripts.content.directives import expand, leftovers  # noqa: E402
from scripts.content.errors import ContentError, ContentErrors  # noqa: E402
from scripts.content.source_text import display_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "training.yml"
TEMPLATES = ROOT / "leaflets" / "templates" / "training"
OUTPUT_DIR = "training"  # inside site/folders/, next to the leaflets
LANGS = ("nl", "en")
MATERIAL_KINDS = {"training", "slides", "leaflet", "physical"}
SLIDES = {"nl": "dia", "en": "slides"}  # file name prefix of a plan's deck
# Beside the leaflets' and the handbook's caches (.cache/, ignored by git): one place to empty.
CACHE = ROOT / ".cache" / "training"

WORDS = {
    "nl": {"minutes": "min.", "materials": "Materiaal", "none": "geen", "when": "Tijd", "part": "Onderdeel",
           "what": "Wat er gebeurt", "answer": "Antwoordsleutel", "question": "Vraag", "agreements": "Afspraken",
           "warning": "Inhoudswaarschuwing", "opt_out": "Weggaan mag", "aftercare": "Nazorg",
           "closing": "Slotronde", "page": "Pagina in het handboek", "file": "Bestand", "total": "Totaal",
           "guide": "Trainersgids", "pack": "Deelnemersmap", "kit": "Oefenset", "goals": "Leerdoelen",
           "handling": "Als iemand de schuld legt of zich verdedigt", "exercises": "Oefeningen",
           "plans": "Sessieplannen", "cases": "Casussen: vragen en antwoordsleutel", "safety": "Veilig werken",
           "model": "Het model: twee cirkels", "recommendations": "De vier verbeterpunten",
           "evaluation": "Evaluatie", "prereading": "Lees vooraf", "cards": "Uitspraakkaarten",
           "roles": "Rolkaarten", "cut": "knippen langs de lijnen", "source": "Gebaseerd op Ouders aan het woord, Fier en CKM, 2021",
           "parent": "ouder", "block": {"begrijpen": "Blok 1: Begrijpen", "grip": "Blok 2: Grip", "volhouden": "Blok 3: Volhouden"},
           "dated": "Bevindingen uit 2021", "case_from": "Casus van ouder", "original": "Origineel",
           "score": "Cijfer voor deze training (1–10):", "plan_for": "Materiaal per plan"},
    "en": {"minutes": "min", "materials": "Materials", "none": "none", "when": "Time", "part": "Part",
           "what": "What happens", "answer": "Answer key", "question": "Question", "agreements": "Agreements",
           "warning": "Content warning", "opt_out": "Stepping out is fine", "aftercare": "Aftercare",
           "closing": "Closing round", "page": "Handbook page", "file": "File", "total": "Total",
           "guide": "Trainer guide", "pack": "Participant pack", "kit": "Exercise kit", "goals": "Learning goals",
           "handling": "When someone blames or gets defensive", "exercises": "Exercises",
           "plans": "Session plans", "cases": "Cases: questions and answer key", "safety": "Working safely",
           "model": "The model: two circles", "recommendations": "The four recommendations",
           "evaluation": "Evaluation", "prereading": "Read beforehand", "cards": "Quote cards",
           "roles": "Role cards", "cut": "cut along the lines", "source": "Based on Ouders aan het woord, Fier and CKM, 2021",
           "parent": "parent", "block": {"begrijpen": "Block 1: Understanding", "grip": "Block 2: Empowerment", "volhouden": "Block 3: Resilience"},
           "dated": "Findings from 2021", "case_from": "Case of parent", "original": "Original",
           "score": "Mark for this training (1–10):", "plan_for": "Materials per plan"},
}


# ---------------------------------------------------------------------------------------------
# The data: loaded with lines, checked
# ---------------------------------------------------------------------------------------------

def load(path: Path = DATA) -> dict:
    """data/training.yml with lines; ContentErrors if it cannot be read or its shape is wrong."""
    return _load(str(path), path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=4)
def _load(path: str, _stamp: int) -> dict:
    shown = display_path(Path(path), ROOT)
    data = load_data_file(path, shown)
    errors = shape_problems(data, shown)
    if errors:
        raise ContentErrors(errors)
    return data


def _texts(value, where: str, line: int, path: str, errors: list, many: bool = False) -> None:
    """A {nl: …, en: …} pair (text, or a list of texts with `many`)."""
    if not isinstance(value, dict) or set(value) != set(LANGS):
        errors.append(ContentError(path, line, f"{where}: verwacht nl en en (kreeg {type_name(value)})"))
        return
    for lang in LANGS:
        item = value[lang]
        ok = (isinstance(item, list) and item and all(isinstance(i, str) and i.strip() for i in item)) if many \
            else (isinstance(item, str) and item.strip())
        if not ok:
            errors.append(ContentError(path, line_of(value, lang), f"{where} ({lang}): "
                                       + ("een lijst met tekst verwacht" if many else "tekst verwacht")))


def _bron(value, where: str, line: int, path: str, errors: list) -> None:
    try:
        refs = sources.parse_bron(str(value or ""))
    except ValueError as error:
        errors.append(ContentError(path, line, f"{where}: bron '{value}': {error}"))
        return
    for problem in sources.unknown_sections(refs):
        errors.append(ContentError(path, line, f"{where}: {problem}"))


def shape_problems(data, path: str) -> list[ContentError]:
    """Every problem of shape: missing languages, unknown materials, plans whose parts do not add up."""
    errors: list[ContentError] = []
    if not isinstance(data, dict):
        return [ContentError(path, 1, "verwacht een blok met velden")]
    for key in ("materials", "safety", "dated", "goals", "cases", "handling", "exercises", "plo_figure",
                "evaluation", "prereading", "quote_cards", "plans"):
        if key not in data:
            errors.append(ContentError(path, 1, f"veld '{key}' ontbreekt"))
    if errors:
        return errors
    materials = data["materials"]
    for mid, m in materials.items():
        at = line_of(materials, mid)
        if not isinstance(m, dict) or m.get("kind") not in MATERIAL_KINDS:
            errors.append(ContentError(path, at, f"materiaal '{mid}': kind is een van {', '.join(sorted(MATERIAL_KINDS))}"))
            continue
        _texts(m.get("title"), f"materiaal '{mid}' title", at, path, errors)
        if m["kind"] in ("training", "leaflet"):
            _texts(m.get("file"), f"materiaal '{mid}' file", at, path, errors)
        if m["kind"] == "leaflet" and isinstance(m.get("file"), dict):
            for lang in LANGS:
                if not (ROOT / "leaflets" / lang / f"{m['file'].get(lang)}.md").is_file():
                    errors.append(ContentError(path, at, f"materiaal '{mid}': folder leaflets/{lang}/{m['file'].get(lang)}.md bestaat niet"))
    safety = data["safety"]
    _bron(safety.get("bron"), "safety", safety.line, path, errors)
    _texts(safety.get("agreements"), "safety agreements", safety.line, path, errors, many=True)
    for key in ("warning", "opt_out", "aftercare", "closing"):
        _texts(safety.get(key), f"safety {key}", line_of(safety, key), path, errors)
    for key in ("dated", "plo_figure", "evaluation", "handling"):
        _bron(data[key].get("bron"), key, data[key].line, path, errors)
    _texts({k: data["dated"].get(k) for k in LANGS}, "dated", data["dated"].line, path, errors)
    _texts({k: data["evaluation"].get(k) for k in LANGS}, "evaluation", data["evaluation"].line, path, errors, many=True)
    _texts({k: data["handling"].get(k) for k in LANGS}, "handling", data["handling"].line, path, errors, many=True)
    for block, goal in data["goals"].items():
        _bron(goal.get("bron"), f"goals {block}", goal.line, path, errors)
        _texts({k: goal.get(k) for k in LANGS}, f"goals {block}", goal.line, path, errors, many=True)
    for block, case in data["cases"].items():
        if materials.get(case.get("sheet"), {}).get("kind") != "leaflet":
            errors.append(ContentError(path, case.line, f"casus '{block}': sheet is geen folder uit materials"))
        for i, question in enumerate(case.get("questions") or []):
            at = line_of(case["questions"], i)
            _bron(question.get("bron"), f"casus '{block}' vraag {i + 1}", at, path, errors)
            _texts(question.get("q"), f"casus '{block}' vraag {i + 1}", at, path, errors)
            _texts(question.get("key"), f"casus '{block}' antwoord {i + 1}", at, path, errors)
    for eid, exercise in data["exercises"].items():
        _bron(exercise.get("bron"), f"oefening '{eid}'", exercise.line, path, errors)
        _texts(exercise.get("title"), f"oefening '{eid}' title", exercise.line, path, errors)
        _texts(exercise.get("steps"), f"oefening '{eid}' steps", exercise.line, path, errors, many=True)
        for card in exercise.get("cards") or []:
            _texts(card.get("role"), f"oefening '{eid}' rol", card.line, path, errors)
            _texts(card.get("text"), f"oefening '{eid}' kaart", card.line, path, errors)
    for page in data["prereading"]:
        for lang in LANGS:
            if not (ROOT / "docs" / lang / page).is_file():
                errors.append(ContentError(path, data.lines["prereading"], f"prereading: docs/{lang}/{page} bestaat niet"))
    for pid, plan in data["plans"].items():
        errors += plan_problems(str(pid), plan, materials, path)
    return errors


def plan_problems(pid: str, plan, materials: dict, path: str) -> list[ContentError]:
    """A plan's parts add up to its minutes; every part is bilingual and names known materials."""
    errors: list[ContentError] = []
    _bron(plan.get("bron"), f"plan '{pid}'", plan.line, path, errors)
    _texts(plan.get("title"), f"plan '{pid}' title", plan.line, path, errors)
    _texts(plan.get("room"), f"plan '{pid}' room", plan.line, path, errors)
    parts = plan.get("parts") or []
    total = 0
    for i, part in enumerate(parts):
        at = line_of(parts, i)
        minutes = part.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            errors.append(ContentError(path, at, f"plan '{pid}' deel {i + 1}: minutes is een heel getal > 0 (kreeg {type_name(minutes)})"))
        else:
            total += minutes
        _texts(part.get("title"), f"plan '{pid}' deel {i + 1} title", at, path, errors)
        _texts(part.get("do"), f"plan '{pid}' deel {i + 1} do", at, path, errors)
        for mid in part.get("materials") or []:
            if mid not in materials:
                errors.append(ContentError(path, line_of(part, "materials"), f"plan '{pid}' deel {i + 1}: onbekend materiaal '{mid}'"))
        for shown in part.get("show") or []:
            if shown not in ("model", "plo"):
                errors.append(ContentError(path, line_of(part, "show"), f"plan '{pid}' deel {i + 1}: show kent alleen model en plo"))
    if total != plan.get("minutes"):
        errors.append(ContentError(path, line_of(plan, "minutes"), (
            f"plan '{pid}': de delen duren samen {total} minuten, het plan {plan.get('minutes')}")))
    return errors


# ---------------------------------------------------------------------------------------------
# Small views on the data
# ---------------------------------------------------------------------------------------------

def schedule(plan) -> list[tuple[int, int, dict]]:
    """(start, end, part) in minutes from the start, in order."""
    out, clock = [], 0
    for part in plan["parts"]:
        out.append((clock, clock + part["minutes"], part))
        clock += part["minutes"]
    return out


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def material_path(data: dict, mid: str, lang: str, plan_id: str | None = None) -> str | None:
    """Where a material is in the built site, relative to folders/ (None: not a file)."""
    m = data["materials"][mid]
    if m["kind"] == "leaflet":
        return f"{lang}/{m['file'][lang]}.pdf"
    if m["kind"] == "training":
        return f"{OUTPUT_DIR}/{lang}/{m['file'][lang]}.pdf"
    if m["kind"] == "slides" and plan_id is not None:
        return f"{OUTPUT_DIR}/{lang}/{SLIDES[lang]}-{plan_id}.pdf"
    return None


def plan_materials(data: dict, plan_id: str) -> list[str]:
    """Every material the plan names, in first-use order; the trainer guide always."""
    seen = ["gids"]
    for part in data["plans"][plan_id]["parts"]:
        seen += [m for m in part.get("materials") or [] if m not in seen]
    return seen


def outputs(data: dict, lang: str) -> list[str]:
    """Every PDF this module writes for one language, relative to folders/."""
    files = [material_path(data, mid, lang) for mid, m in data["materials"].items() if m["kind"] == "training"]
    return files + [material_path(data, "dia", lang, str(pid)) for pid in data["plans"]]


# ---------------------------------------------------------------------------------------------
# Markdown: the page's {{ training: … }} and the PDFs' text, from the same functions
# ---------------------------------------------------------------------------------------------

def md_safety(data: dict, lang: str) -> str:
    s, w = data["safety"], WORDS[lang]
    agreements = "\n".join(f"- {a}" for a in s["agreements"][lang])
    return "\n\n".join([
        f"**{w['agreements']}.**", agreements, f"**{w['warning']}.** {s['warning'][lang]}",
        f"**{w['opt_out']}.** {s['opt_out'][lang]}", f"**{w['aftercare']}.** {s['aftercare'][lang]}",
        f"**{w['closing']}.** {s['closing'][lang]}",
    ])


def md_goals(data: dict, block: str, lang: str) -> str:
    return "\n".join(f"- {g}" for g in data["goals"][block][lang])


def md_plan(data: dict, plan_id: str, lang: str, link=None) -> str:
    """The plan as a table: time, part, what happens, materials (linked when `link` is given)."""
    plan, w = data["plans"][plan_id], WORDS[lang]
    rows = [f"| {w['when']} | {w['part']} | {w['what']} | {w['materials']} |", "|---|---|---|---|"]
    for start, end, part in schedule(plan):
        names = [material_name(data, m, lang, plan_id, link) for m in part.get("materials") or []]
        rows.append(f"| {clock(start)}–{clock(end)} ({part['minutes']} {w['minutes']}) | **{part['title'][lang]}** "
                    f"| {part['do'][lang]} | {'; '.join(names) or w['none']} |")
    return plan["room"][lang] + "\n\n" + "\n".join(rows)


def material_name(data: dict, mid: str, lang: str, plan_id: str | None, link=None) -> str:
    title = data["materials"][mid]["title"][lang]
    target = material_path(data, mid, lang, plan_id)
    return link(target, title) if (link and target) else title


def md_materials(data: dict, plan_id: str, lang: str, link=None) -> str:
    return "\n".join(f"- {material_name(data, m, lang, plan_id, link)}" for m in plan_materials(data, plan_id))


def md_answers(data: dict, block: str, lang: str) -> str:
    w = WORDS[lang]
    items = []
    for i, q in enumerate(data["cases"][block]["questions"], 1):
        items.append(f"{i}. **{q['q'][lang]}**\n\n    *{w['answer']}:* {q['key'][lang]}\n\n    {{{{ bron: {q['bron']} }}}}")
    return "\n\n".join(items)


def md_handling(data: dict, lang: str) -> str:
    return "\n".join(f"- {h}" for h in data["handling"][lang])


def md_exercise(data: dict, eid: str, lang: str) -> str:
    e = data["exercises"][eid]
    return f"**{e['title'][lang]}**\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(e["steps"][lang], 1))


def md_dated(data: dict, lang: str) -> str:
    return data["dated"][lang]


# What a page may ask for: `{{ training: plan-90 }}`, `{{ training: antwoorden-grip }}` …
def directive_names(data: dict) -> list[str]:
    names = ["veiligheid", "omgaan-met-weerstand", "gedateerd"]
    names += [f"plan-{p}" for p in data["plans"]] + [f"materiaal-{p}" for p in data["plans"]]
    names += [f"doelen-{b}" for b in data["goals"]] + [f"antwoorden-{b}" for b in data["cases"]]
    return names + [f"oefening-{e}" for e in data["exercises"]]


def page_url_path(page_path: str) -> str:
    """docs/en/professionals/training.md -> en/professionals/training/ (directory URLs)."""
    parts = Path(page_path).parts
    lang, rest = parts[parts.index("docs") + 1], parts[parts.index("docs") + 2:]
    path = "/".join(rest)[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return ("" if lang == "nl" else f"{lang}/") + path


def directive(argument: str, lang: str, page_path: str, data: dict | None = None) -> str:
    """Markdown for `{{ training: <argument> }}` on a page or a leaflet (ValueError on an unknown
    argument).

    On a page under docs/, PDF links are raw HTML, as on the Folders page: they are built files,
    not MkDocs documents; tests/test_training_kit.py checks that each resolves in the built site.
    On a leaflet, materials are plain names: paper shows no link, and a leaflet's text (and so its
    edition) must not depend on the host it is built for."""
    data = data or load()
    link = _pdf_link(page_url_path(page_path)) if "docs" in Path(page_path).parts else None

    kind, _, name = argument.partition("-")
    if argument not in directive_names(data):
        raise ValueError(f"onbekend onderdeel '{argument}' in {{{{ training }}}} (bekend: {', '.join(directive_names(data))})")
    if argument == "veiligheid":
        return md_safety(data, lang)
    if argument == "omgaan-met-weerstand":
        return md_handling(data, lang)
    if argument == "gedateerd":
        return md_dated(data, lang)
    if kind == "plan":
        return md_plan(data, name, lang, link)
    if kind == "materiaal":
        return md_materials(data, name, lang, link)
    if kind == "doelen":
        return md_goals(data, name, lang)
    if kind == "antwoorden":
        return md_answers(data, name, lang)
    return md_exercise(data, name, lang)


def _pdf_link(start: str):
    def link(target: str, title: str) -> str:
        href = posixpath.relpath(f"folders/{target}", start)
        return f'<a href="{html.escape(href)}" type="application/pdf">{html.escape(title)}</a> (PDF)'

    return link


# ---------------------------------------------------------------------------------------------
# Checking the data's text like a page (quotes, meaning, figures, law, numbers)
# ---------------------------------------------------------------------------------------------

def check_document(data: dict, lang: str) -> tuple[str, list[int]]:
    """All prose of one language as a page of `##` sections, each with its item's source line;
    with the data file's line for every line of that page."""
    lines: list[str] = []
    origin: list[int] = []

    def section(title: str, bron: str, line: int, texts: Iterable[str]) -> None:
        for text in [f"## {title}", f"{{{{ bron: {bron} }}}}", *texts]:
            for piece in [*str(text).split("\n"), ""]:
                lines.append(piece)
                origin.append(line)

    s = data["safety"]
    section("safety", s["bron"], s.line, [md_safety(data, lang)])
    section("dated", data["dated"]["bron"], line_of(data["dated"], lang), [md_dated(data, lang)])
    section("handling", data["handling"]["bron"], line_of(data["handling"], lang), [md_handling(data, lang)])
    for block, goal in data["goals"].items():
        section(f"goals {block}", goal["bron"], line_of(goal, lang), [md_goals(data, block, lang)])
    for block, case in data["cases"].items():
        for i, q in enumerate(case["questions"]):
            section(f"{block} {i + 1}", q["bron"], line_of(q["key"], lang), [q["q"][lang], q["key"][lang]])
    for eid, e in data["exercises"].items():
        cards = [c["text"][lang] for c in e.get("cards") or []]
        section(f"exercise {eid}", e["bron"], line_of(e["steps"], lang), [*e["steps"][lang], *cards])
    for pid, plan in data["plans"].items():
        for start, end, part in schedule(plan):
            section(f"plan {pid} {clock(start)}", plan["bron"], line_of(part["do"], lang), [part["do"][lang]])
    section("evaluation", data["evaluation"]["bron"], line_of(data["evaluation"], lang), data["evaluation"][lang])
    return "\n".join(lines), origin


def check(ctx) -> list[ContentError]:
    """The data file's problems: shape, timings, quote cards, and its text through the pages' checks."""
    from scripts.content import pipeline

    path = ROOT / "data" / DATA.name if ctx is None else ctx.root / "data" / DATA.name
    shown = display_path(path, ROOT if ctx is None else ctx.root)
    try:
        data = load(path)
    except ContentErrors as problem:
        return problem.errors
    errors: list[ContentError] = []
    for lang in LANGS:
        text, origin = check_document(data, lang)
        for e in pipeline.check_text(text, shown, ctx, kind="leaflet", lang=lang):
            errors.append(ContentError(shown, origin[min(e.line, len(origin)) - 1], f"({lang}) {e.reason}"))
        try:
            quote_cards(data, lang, (ROOT if ctx is None else ctx.root) / "docs")
        except ContentErrors as problem:
            errors += problem.errors
        except (ContentError, ValueError):
            pass  # a page that cannot be read is reported for that page itself
    return errors


# ---------------------------------------------------------------------------------------------
# Quote cards and the recommendations: verified quotes from the site, never typed twice
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _site_quotes(docs: str, lang: str) -> tuple[quotes.Quote, ...]:
    return tuple(quotes.site_quotes(docs, lang))


def quote_cards(data: dict, lang: str, docs: Path = ROOT / "docs") -> list[quotes.Quote]:
    """Each card's quote: the verified parent's quote on a page of that language that begins with
    the card's words (English: one with a translation). ContentErrors naming each card not found."""
    found, errors = [], []
    pool = _site_quotes(str(docs), lang)
    for i, card in enumerate(data["quote_cards"]):
        match = next((q for q in pool if q.kind == "parent" and q.parent == card.get("parent")
                      and quotes.normalize(q.text).lstrip("‘'").startswith(quotes.normalize(card.get("begins", "")))
                      and (lang == "nl" or q.translation)), None)
        if match is None:
            errors.append(ContentError(display_path(DATA, ROOT), line_of(data["quote_cards"], i), (
                f"uitspraakkaart {i + 1} ({lang}): geen geverifieerd citaat van ouder {card.get('parent')} "
                f"dat begint met '{card.get('begins')}' op de pagina's in docs/{lang}/")))
        else:
            found.append(match)
    if errors:
        raise ContentErrors(errors)
    return found


def recommendations(lang: str, docs: Path = ROOT / "docs") -> list[quotes.Quote]:
    """The report's four recommendations, as quoted (and verified) on the recommendations page."""
    out = {}
    for q in _site_quotes(str(docs), lang):
        m = re.match(r"Verbeterpunt (\d):", q.text)
        if q.kind == "report" and m and q.path.endswith("verbeterpunten.md"):
            out.setdefault(int(m.group(1)), q)
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------------------------------------
# HTML for the PDFs
# ---------------------------------------------------------------------------------------------

def _markdown(text: str, lang: str) -> str:
    import markdown

    def bron(d) -> str:
        return f'\n\n<p class="bron">{html.escape(sources.bron_text(sources.parse_bron(d.argument), lang))}</p>\n\n'

    handlers = {"bron": bron, **routes.handlers(routes.load(), lang)}
    text = expand(text, handlers, "data/training.yml")
    left = leftovers(text, "data/training.yml")
    if left:
        raise ContentErrors(left)
    # Phone links print as their text; the tel: target means nothing on paper.
    return markdown.markdown(text, extensions=["tables", "attr_list", "sane_lists"])


# WeasyPrint draws inline SVG without the page's CSS: the drawings carry their own style.
SVG_STYLE = (TEMPLATES / "figures.css")


def _styled(svg: str, down: bool = False) -> str:
    style = SVG_STYLE.read_text(encoding="utf-8") + (".diagram__arrow { stroke-dasharray: 8 6; }" if down else "")
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + f"<style>{style}</style>", svg, count=1)


def model_svgs(lang: str, docs: Path = ROOT / "docs") -> list[str]:
    """The two circles as drawn on the page De drie dimensies (one drawing, not a copy); the
    downward circle keeps its dashed arrows."""
    text = (docs / lang / "drie-dimensies.md").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="diagram (diagram--\w+)".*?(<svg\b.*?</svg>)', text, re.S)
    return [_styled(svg, kind == "diagram--down") for kind, svg in figures]


def plo_svg(data: dict, lang: str) -> str:
    labels = {k: html.escape(v) for k, v in data["plo_figure"][lang].items()}
    return _styled(f"""<svg viewBox="0 0 640 300" role="img" aria-label="{labels['title']}" xmlns="http://www.w3.org/2000/svg">
<title>{labels['title']}</title>
<rect class="node" x="20" y="110" width="150" height="70" rx="10"/><text class="name" x="95" y="152" text-anchor="middle">{labels['parent']}</text>
<rect class="node" x="470" y="110" width="150" height="70" rx="10"/><text class="name" x="545" y="152" text-anchor="middle">{labels['child']}</text>
<rect class="node accent" x="245" y="20" width="150" height="60" rx="10"/><text class="name" x="320" y="57" text-anchor="middle">{labels['plo']}</text>
<rect class="node" x="220" y="220" width="200" height="60" rx="10"/><text class="small" x="320" y="255" text-anchor="middle">{labels['agencies']}</text>
<line class="link" x1="170" y1="145" x2="470" y2="145"/><text class="small" x="320" y="138" text-anchor="middle">{labels['bond']}</text>
<line class="link" x1="245" y1="60" x2="120" y2="110"/><text class="small" x="150" y="75" text-anchor="middle">{labels['support']}</text>
<line class="link" x1="320" y1="80" x2="320" y2="220"/><text class="small" x="330" y="105">{labels['contact']}</text>
<line class="wedge" x1="320" y1="120" x2="320" y2="170"/><text class="small warn" x="320" y="190" text-anchor="middle">{labels['offender']}</text>
</svg>""")


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                       undefined=StrictUndefined)


def _quote_card(q: quotes.Quote, lang: str) -> dict:
    who = f"{WORDS[lang]['parent']} {q.parent}" + (f", §{q.section}" if q.section else "")
    return {"text": q.translation or q.text, "original": q.text if q.translation else None, "who": who}


def document_html(data: dict, kind: str, lang: str, plan_id: str | None = None, docs: Path = ROOT / "docs") -> str:
    """One PDF's HTML: kind is guide, pack, kit or slides (with plan_id)."""
    from markupsafe import Markup

    w = WORDS[lang]
    md = lambda text: Markup(_markdown(text, lang))  # noqa: E731
    common = {"lang": lang, "w": w, "md": md, "data": data, "source": w["source"]}
    if kind == "slides":
        plan = data["plans"][plan_id]
        slides = []
        for start, end, part in schedule(plan):
            cases = [b for b, c in data["cases"].items() if c["sheet"] in (part.get("materials") or [])]
            questions = [q["q"][lang] for b in cases[:1] for q in data["cases"][b]["questions"]]
            names = [data["materials"][m]["title"][lang] for m in part.get("materials") or []]
            slides.append({"when": f"{clock(start)}–{clock(end)}", "part": part, "questions": questions,
                           "materials": names, "show": part.get("show") or []})
        return _env().get_template("slides.html.j2").render(
            **common, plan=plan, slides=slides, models=[Markup(s) for s in model_svgs(lang, docs)],
            plo=Markup(plo_svg(data, lang)), safety=md(md_safety(data, lang)))
    if kind == "guide":
        plans = [{"title": p["title"][lang], "table": md(md_plan(data, pid, lang)),
                  "materials": [(data["materials"][m]["title"][lang], material_path(data, m, lang, pid)) for m in plan_materials(data, pid)]}
                 for pid, p in data["plans"].items()]
        cases = [{"title": w["block"][b], "parent": c["parent"], "goals": md(md_goals(data, b, lang)),
                  "answers": md(md_answers(data, b, lang))} for b, c in data["cases"].items()]
        exercises = [md(md_exercise(data, e, lang)) for e in data["exercises"]]
        return _env().get_template("guide.html.j2").render(
            **common, safety=md(md_safety(data, lang)), dated=md(md_dated(data, lang)),
            handling=md(md_handling(data, lang)), plans=plans, cases=cases, exercises=exercises)
    if kind == "pack":
        from scripts.content import leaflets

        base = leaflets.site_url()
        reading = [leaflets.page_url(base, lang, p) for p in data["prereading"]]
        recs = [{"text": q.translation or q.text, "section": q.section} for q in recommendations(lang, docs)]
        return _env().get_template("pack.html.j2").render(
            **common, models=[Markup(s) for s in model_svgs(lang, docs)], plo=Markup(plo_svg(data, lang)),
            recs=recs, evaluation=data["evaluation"][lang], reading=reading, aftercare=md(data["safety"]["aftercare"][lang]))
    if kind == "kit":
        roles = data["exercises"]["rollenspel"]
        cards = [_quote_card(q, lang) for q in quote_cards(data, lang, docs)]
        instructions = [md(md_exercise(data, e, lang)) for e in ("stemmen", "netwerk", "folders")]
        return _env().get_template("kit.html.j2").render(
            **common, roles=[{"role": c["role"][lang], "text": c["text"][lang]} for c in roles["cards"]],
            role_steps=md(md_exercise(data, "rollenspel", lang)), cards=cards, instructions=instructions)
    raise ValueError(f"onbekende soort '{kind}'")


# ---------------------------------------------------------------------------------------------
# Building (cached: the PDFs only change when their inputs do)
# ---------------------------------------------------------------------------------------------

def jobs(data: dict) -> list[tuple[str, str, str | None, str]]:
    """(kind, lang, plan, path under folders/) for every PDF."""
    out = []
    for lang in LANGS:
        for kind, mid in (("guide", "gids"), ("pack", "deelnemersmap"), ("kit", "oefenset")):
            out.append((kind, lang, None, material_path(data, mid, lang)))
        out += [("slides", lang, str(pid), material_path(data, "dia", lang, str(pid))) for pid in data["plans"]]
    return out


def build_all(out_dir: Path, use_cache: bool = True) -> list[Path]:
    """Write every training PDF under out_dir (site/folders); the written paths.

    Each PDF is cached under a digest of what WeasyPrint gets: its HTML, the templates folder
    (stylesheet, images) and the versions of the drawing libraries. An edit to a page or a
    route redraws only the PDFs whose text it changes."""
    from scripts.content import leaflets

    data = load()
    drawing = leaflets.digest_of([TEMPLATES], leaflets.package_versions())
    CACHE.mkdir(parents=True, exist_ok=True)
    documents = []
    for kind, lang, plan, rel in jobs(data):
        html = document_html(data, kind, lang, plan)
        documents.append((html, CACHE / f"{hashlib.sha256((drawing + html).encode()).hexdigest()[:20]}.pdf", rel))
    # What is not cached is drawn side by side, one PDF per core.
    parallel.run_all(leaflets.draw_pdf, [(html, TEMPLATES, cached) for html, cached, _ in documents
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
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Build the training PDFs into site/folders/training/ (or --out/training/); exit 1 on content problems."""
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
    print(f"{len(written)} PDF's in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
