"""The training module's text as Markdown, from data/training.yml: the parts a page or leaflet asks
for with `{{ training: … }}` and the blocks of the trainer guide, from the same functions; and the
file's prose checked like a page (quotes, meaning, figures, law, numbers), each problem at its line.
"""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from scripts.content import quotes
from scripts.content import source_lines as sources
from scripts.content.data_yaml import line_of
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path
from scripts.content.training_data import (DATA, LANGS, ROOT, case_questions, clock, load, material_path,
                                           part_uses, plan_materials, print_count, questions, schedule)

WORDS = {
    "nl": {"minutes": "min.", "materials": "Materiaal", "none": "geen", "when": "Tijd", "part": "Onderdeel",
           "what": "Wat er gebeurt", "answer": "Antwoordsleutel", "question": "Vraag", "agreements": "Afspraken",
           "warning": "Inhoudswaarschuwing", "opt_out": "Weggaan mag", "aftercare": "Nazorg",
           "closing": "Slotronde", "check_in": "Check-in", "statement": "Stelling", "key": "Toelichting voor de trainer",
           "copies": "afdrukken", "read": "gelezen", "stored": "opgeslagen kopie", "case": "Casus",
           "parent": "ouder", "source": "Gebaseerd op Ouders aan het woord, Fier en CKM, 2021",
           "original": "Origineel", "module": "Wat ouders van je nodig hebben", "for": "Training voor professionals"},
    "en": {"minutes": "min", "materials": "Materials", "none": "none", "when": "Time", "part": "Part",
           "what": "What happens", "answer": "Answer key", "question": "Question", "agreements": "Agreements",
           "warning": "Content warning", "opt_out": "Stepping out is fine", "aftercare": "Aftercare",
           "closing": "Closing round", "check_in": "Check-in", "statement": "Statement", "key": "Note for the trainer",
           "copies": "copies", "read": "read", "stored": "stored copy", "case": "Case",
           "parent": "parent", "source": "Based on Ouders aan het woord, Fier and CKM, 2021",
           "original": "Original", "module": "What parents need from you", "for": "Training for professionals"},
}


# ---------------------------------------------------------------------------------------------
# Markdown blocks
# ---------------------------------------------------------------------------------------------

def md_safety(data: dict, lang: str) -> str:
    s, w = data["safety"], WORDS[lang]
    return "\n\n".join([
        f"**{w['agreements']}.**", "\n".join(f"- {a}" for a in s["agreements"][lang]),
        f"**{w['warning']}.** {s['warning'][lang]}", f"**{w['opt_out']}.** {s['opt_out'][lang]}",
        f"**{w['check_in']}.** {s['check_in'][lang]}", f"**{w['aftercare']}.** {s['aftercare'][lang]}",
        f"**{w['closing']}.** {s['closing'][lang]}",
    ])


def md_disclosure(data: dict, lang: str) -> str:
    s = data["safety"]
    return s["second_person"][lang] + "\n\n" + "\n".join(f"- {step}" for step in s["disclosure"][lang])


def md_invitation(data: dict, lang: str) -> str:
    return data["safety"]["invitation"][lang]


def md_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def md_goals(data: dict, plan_id: str, lang: str) -> str:
    return md_list(goal[lang] for goal in data["plans"][plan_id]["goals"])


def step_text(step, lang: str) -> str:
    return f"({step['minutes']} {WORDS[lang]['minutes']}) {step[lang]}"


def md_plan(data: dict, plan_id: str, lang: str, link=None) -> str:
    """The plan as a table: time, part, its steps, the materials they use (linked with `link`)."""
    plan, w = data["plans"][plan_id], WORDS[lang]
    rows = [f"| {w['when']} | {w['part']} | {w['what']} | {w['materials']} |", "|---|---|---|---|"]
    for start, end, part in schedule(plan):
        names = [material_name(data, m, lang, plan_id, link) for m in part_uses(part, "materials")]
        steps = " ".join(step_text(s, lang) for s in part["steps"])
        rows.append(f"| {clock(start)}–{clock(end)} ({part['minutes']} {w['minutes']}) | **{part['title'][lang]}** "
                    f"| {steps} | {'; '.join(names) or w['none']} |")
    return plan["room"][lang] + "\n\n" + "\n".join(rows)


def material_name(data: dict, mid: str, lang: str, plan_id: str | None, link=None) -> str:
    title = data["materials"][mid]["title"][lang]
    target = material_path(data, mid, lang, plan_id)
    return link(target, title) if (link and target) else title


def md_materials(data: dict, plan_id: str, lang: str, link=None) -> str:
    """What the plan uses, with the copies to print for a full room."""
    out = []
    for mid in plan_materials(data, plan_id):
        count = print_count(data, plan_id, mid)
        out.append(material_name(data, mid, lang, plan_id, link) + (f" ({count} {WORDS[lang]['copies']})" if count else ""))
    return md_list(out)


def md_questions(data: dict, block: str, lang: str) -> str:
    """A case's questions with their numbers, for participants: no answer key."""
    return "\n\n".join(f"**{qid}** {q['q'][lang]}" for qid, q in case_questions(data, block))


def md_answer(data: dict, qid: str, lang: str) -> str:
    q = questions(data)[qid][1]
    return (f"**{qid}** {q['q'][lang]}\n\n*{WORDS[lang]['answer']}:* {q['key'][lang]}"
            f"\n\n{{{{ bron: {q['bron']} }}}}")


def md_answers(data: dict, block: str, lang: str) -> str:
    return "\n\n".join(md_answer(data, qid, lang) for qid, _ in case_questions(data, block))


def md_statement(data: dict, sid: str, lang: str) -> str:
    s, w = data["statements"][sid], WORDS[lang]
    return f"**{w['statement']}:** {s['text'][lang]}\n\n*{w['key']}:* {s['key'][lang]}\n\n{{{{ bron: {s['bron']} }}}}"


def md_statements(data: dict, lang: str) -> str:
    return "\n\n".join(md_statement(data, sid, lang) for sid in data["statements"])


def md_handling(data: dict, lang: str) -> str:
    return md_list(data["handling"][lang])


def md_exercise(data: dict, eid: str, lang: str) -> str:
    e = data["exercises"][eid]
    return f"**{e['title'][lang]}**\n\n" + "\n".join(f"{i}. {step_text(s, lang)}" for i, s in enumerate(e["steps"], 1))


def md_dated(data: dict, lang: str) -> str:
    return data["dated"][lang]


def md_points(data: dict, kind: str, tid: str, lang: str) -> str:
    return md_list(data[kind][tid][lang])


def md_sources(data: dict, lang: str, link=None) -> str:
    """The outside sources with the date they were read (the report itself is not among them)."""
    w = WORDS[lang]
    return md_list(f"{link(s['url'], s['name'][lang]) if link else s['name'][lang] + ' (' + s['url'] + ')'}; "
                   f"{w['read']} {s['read'].isoformat()}, {w['stored']}" for s in data["sources"])


# ---------------------------------------------------------------------------------------------
# {{ training: … }} on a page or a leaflet
# ---------------------------------------------------------------------------------------------

def directive_names(data: dict) -> list[str]:
    names = ["veiligheid", "onthulling", "uitnodiging", "omgaan-met-weerstand", "gedateerd", "stellingen", "bronnen"]
    names += [f"{kind}-{p}" for kind in ("plan", "materiaal", "doelen") for p in data["plans"]]
    names += [f"{kind}-{b}" for kind in ("antwoorden", "vragen") for b in data["cases"]]
    names += [f"praten-{t}" for t in data["talk"]] + [f"noten-{n}" for n in data["notes"]]
    return names + [f"oefening-{e}" for e in data["exercises"]]


def page_url_path(page_path: str) -> str:
    """docs/en/professionals/training.md -> en/professionals/training/ (directory URLs)."""
    parts = Path(page_path).parts
    lang, rest = parts[parts.index("docs") + 1], parts[parts.index("docs") + 2:]
    path = "/".join(rest)[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return ("" if lang == "nl" else f"{lang}/") + path


def directive(argument: str, lang: str, page_path: str, data: dict | None = None) -> str:
    """Markdown for `{{ training: <argument> }}` on a page or a leaflet (ValueError if unknown).

    On a page under docs/, PDF links are raw HTML, as on the Folders page: they are built files,
    not MkDocs documents; tests/test_training_text.py checks that each resolves in the built site.
    On a leaflet, materials are plain names: paper shows no link, and a leaflet's text (and so its
    edition) must not depend on the host it is built for."""
    data = data or load()
    link = _pdf_link(page_url_path(page_path)) if "docs" in Path(page_path).parts else None
    if argument not in directive_names(data):
        raise ValueError(f"onbekend onderdeel '{argument}' in {{{{ training }}}} (bekend: {', '.join(directive_names(data))})")
    fixed = {"veiligheid": md_safety, "onthulling": md_disclosure, "uitnodiging": md_invitation,
             "omgaan-met-weerstand": md_handling, "gedateerd": md_dated, "stellingen": md_statements}
    if argument in fixed:
        return fixed[argument](data, lang)
    if argument == "bronnen":
        return md_sources(data, lang, (lambda url, name: f"[{name}]({url})") if link else None)
    kind, _, name = argument.partition("-")
    if kind in ("praten", "noten"):
        return md_points(data, {"praten": "talk", "noten": "notes"}[kind], name, lang)
    renderers = {"plan": lambda: md_plan(data, name, lang, link), "materiaal": lambda: md_materials(data, name, lang, link),
                 "doelen": lambda: md_goals(data, name, lang), "antwoorden": lambda: md_answers(data, name, lang),
                 "vragen": lambda: md_questions(data, name, lang), "oefening": lambda: md_exercise(data, name, lang)}
    return renderers[kind]()


def _pdf_link(start: str):
    def link(target: str, title: str) -> str:
        href = posixpath.relpath(f"folders/{target}", start)
        return f'<a href="{html.escape(href)}" type="application/pdf">{html.escape(title)}</a> (PDF)'

    return link


# ---------------------------------------------------------------------------------------------
# Quote cards and the recommendations: verified quotes from the site, never typed twice
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _site_quotes(docs: str, lang: str) -> tuple[quotes.Quote, ...]:
    return tuple(quotes.site_quotes(docs, lang))


def quote_cards(data: dict, lang: str, docs: Path = ROOT / "docs") -> list[quotes.Quote]:
    """Each card's quote: the verified parent's quote on a page of that language that begins with
    the card's words (English: one with a translation), found in a section its `bron` names.
    ContentErrors naming each card not found."""
    found, errors = [], []
    pool = _site_quotes(str(docs), lang)
    for i, card in enumerate(data["quote_cards"]):
        at = line_of(data["quote_cards"], i)
        match = next((q for q in pool if q.kind == "parent" and q.parent == card.get("parent")
                      and quotes.normalize(q.text).lstrip("‘'").startswith(quotes.normalize(card.get("begins", "")))
                      and (lang == "nl" or q.translation)), None)
        if match is None:
            errors.append(ContentError(display_path(DATA, ROOT), at, (
                f"uitspraakkaart {i + 1} ({lang}): geen geverifieerd citaat van ouder {card.get('parent')} "
                f"dat begint met '{card.get('begins')}' op de pagina's in docs/{lang}/")))
            continue
        named = [r.section for r in sources.parse_bron(card["bron"]) if isinstance(r, sources.ReportRef)]
        if not any(match.section == s or match.section.startswith(s + ".") for s in named):
            errors.append(ContentError(display_path(DATA, ROOT), at, (
                f"uitspraakkaart {i + 1}: het citaat staat in §{match.section}, de bron noemt {card['bron']}")))
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
# The data's prose, checked like a page
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
    section("safety", s["bron"], s.line, [md_safety(data, lang), md_disclosure(data, lang), s["invitation"][lang]])
    section("dated", data["dated"]["bron"], line_of(data["dated"], lang), [md_dated(data, lang)])
    section("handling", data["handling"]["bron"], line_of(data["handling"], lang), [md_handling(data, lang)])
    for kind in ("talk", "notes"):
        for tid, item in data[kind].items():
            section(f"{kind} {tid}", item["bron"], line_of(item, lang), [md_points(data, kind, tid, lang)])
    for qid, (block, q) in questions(data).items():
        section(f"vraag {qid}", q["bron"], line_of(q["key"], lang), [q["q"][lang], q["key"][lang]])
    for sid, st in data["statements"].items():
        section(f"stelling {sid}", st["bron"], line_of(st["key"], lang), [st["text"][lang], st["key"][lang]])
    for sid, slide in data["slides"].items():
        section(f"dia {sid}", slide["bron"], line_of(slide["lines"], lang), [slide["title"][lang], *slide["lines"][lang]])
    for i, card in enumerate(data["quote_cards"]):
        section(f"kaart {i + 1}", card["bron"], line_of(data["quote_cards"], i), [card["about"][lang]])
    for eid, e in data["exercises"].items():
        cards = [c["text"][lang] for c in e.get("cards") or []]
        section(f"exercise {eid}", e["bron"], e.line, [md_exercise(data, eid, lang), *cards])
    for pid, plan in data["plans"].items():
        section(f"plan {pid} doelen", plan["bron"], line_of(plan, "goals"), [md_goals(data, pid, lang)])
        for start, _, part in schedule(plan):
            section(f"plan {pid} {clock(start)}", plan["bron"], part.line, [step_text(st, lang) for st in part["steps"]])
    section("evaluation", data["evaluation"]["bron"], line_of(data["evaluation"], lang), data["evaluation"][lang])
    return "\n".join(lines), origin


def check(ctx) -> list[ContentError]:
    """The data file's problems: shape, timings, references, quote cards, and its text through the
    pages' checks."""
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
            errors += slide_problems(data, lang, shown, (ROOT if ctx is None else ctx.root) / "docs")
        except ContentErrors as problem:
            errors += problem.errors
        except (ContentError, ValueError):
            pass  # a page that cannot be read is reported for that page itself
    return errors


def slide_problems(data: dict, lang: str, path: str, docs: Path) -> list[ContentError]:
    """A slide with more words than a participant can take in, at the plan's part that shows it."""
    from scripts.content import training_deck

    errors = []
    for pid, plan in data["plans"].items():
        parts = {p["id"]: p for p in plan["parts"]}
        for slide in training_deck.deck(data, str(pid), lang, docs):
            count = training_deck.words(slide)
            if count > training_deck.MAX_WORDS:
                at = line_of(parts[slide.part], "slides") if slide.part else plan.line
                errors.append(ContentError(path, at, f"({lang}) dia '{slide.ref}' in plan '{pid}' heeft {count} woorden, "
                                                     f"maximaal {training_deck.MAX_WORDS}: kort hem in"))
    return errors
