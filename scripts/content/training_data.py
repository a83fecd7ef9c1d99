"""data/training.yml read with lines and checked (issues 21 and 34), and the small views on it that
the page, the leaflets, the decks and the guides share.

The check is the file's own contract: every text in both languages, every `bron` valid, every
outside source registered with the date it was read, a plan's parts adding up to the plan and a
part's steps to the part, an exercise fitting the step that runs it, and every question, statement,
material, slide, talk, note and goal a part names existing. Each problem is `path:line: reason`.
"""
from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from scripts.content import source_lines as sources
from scripts.content.data_yaml import line_of, load_data_file, type_name
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "training.yml"
LANGS = ("nl", "en")
OUTPUT_DIR = "training"  # inside site/folders/, next to the leaflets
MATERIAL_KINDS = {"guide", "slides", "training", "leaflet", "physical"}
PRINT = {"participant", "group", "table", "trainer", "none"}
FIGURES = ("model-op", "model-neer", "plo")
TRAINERS = 2  # the trainer and the second person each get a guide
REQUIRED = ("sources", "materials", "safety", "dated", "talk", "notes", "cases", "statements", "handling",
            "exercises", "plo_figure", "evaluation", "prereading", "quote_cards", "slides", "plans")


def load(path: Path = DATA) -> dict:
    """data/training.yml with lines; ContentErrors with every problem if it is not sound."""
    return _load(str(path), path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=4)
def _load(path: str, _stamp: int) -> dict:
    shown = display_path(Path(path), ROOT)
    data = load_data_file(path, shown)
    errors = problems(data, shown)
    if errors:
        raise ContentErrors(errors)
    return data


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------

def schedule(plan) -> list[tuple[int, int, dict]]:
    """(start, end, part) in minutes from the start, in order."""
    out, clock_at = [], 0
    for part in plan["parts"]:
        out.append((clock_at, clock_at + part["minutes"], part))
        clock_at += part["minutes"]
    return out


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def questions(data: dict) -> dict[str, tuple[str, dict]]:
    """Every question by its number ("1.2": case 1, question 2) → (block, question)."""
    return {f"{case['number']}.{i}": (block, q)
            for block, case in data["cases"].items() for i, q in enumerate(case["questions"], 1)}


def case_questions(data: dict, block: str) -> list[tuple[str, dict]]:
    return [(qid, q) for qid, (b, q) in questions(data).items() if b == block]


def part_uses(part, key: str) -> list[str]:
    """What a part's steps name under `key` (materials, questions, statements), in first-use order."""
    seen: list[str] = []
    for step in part.get("steps") or []:
        seen += [x for x in step.get(key) or [] if x not in seen]
    return seen


def plan_materials(data: dict, plan_id: str) -> list[str]:
    """Every material the plan uses, in first-use order; its guide and its slides always."""
    seen = ["gids", "dia"]
    for part in data["plans"][plan_id]["parts"]:
        seen += [m for m in part_uses(part, "materials") if m not in seen]
    return seen


def print_count(data: dict, plan_id: str, mid: str) -> int:
    """Copies to print of one material for a full room of this plan."""
    plan, rule = data["plans"][plan_id], data["materials"][mid]["print"]
    per_table = math.ceil(plan["participants"] / plan["groups"])
    return {"participant": plan["participants"], "group": plan["groups"], "table": per_table,
            "trainer": TRAINERS, "none": 0}[rule]


def material_path(data: dict, mid: str, lang: str, plan_id: str | None = None, suffix: str = "pdf") -> str | None:
    """Where a material is in the built site, relative to folders/ (None: not a file)."""
    m = data["materials"][mid]
    if m["kind"] == "leaflet":
        return f"{lang}/{m['file'][lang]}.{suffix}"
    if m["kind"] == "training":
        return f"{OUTPUT_DIR}/{lang}/{m['file'][lang]}.{suffix}"
    if m["kind"] in ("guide", "slides") and plan_id is not None:
        return f"{OUTPUT_DIR}/{lang}/{m['file'][lang]}-{plan_id}.{suffix}"
    return None


def source_dates(data: dict) -> dict[str, date]:
    """The date each outside source was read, by its address."""
    return {s["url"]: s["read"] for s in data["sources"]}


# ---------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------

class _Check:
    """Collects problems of one file; each helper names what it looks at and where."""

    def __init__(self, path: str):
        self.path, self.errors, self.urls = path, [], []

    def fail(self, line: int, reason: str) -> None:
        self.errors.append(ContentError(self.path, line, reason))

    def texts(self, value, where: str, line: int, many: bool = False) -> None:
        """A {nl: …, en: …} pair: text each, or (`many`) a list of texts each."""
        if not isinstance(value, dict) or not set(LANGS) <= set(value):
            self.fail(line, f"{where}: verwacht nl en en (kreeg {type_name(value)})")
            return
        for lang in LANGS:
            item = value[lang]
            ok = (isinstance(item, list) and item and all(isinstance(i, str) and i.strip() for i in item)) if many \
                else (isinstance(item, str) and item.strip())
            if not ok:
                self.fail(line_of(value, lang) if hasattr(value, "lines") else line,
                          f"{where} ({lang}): " + ("een lijst met tekst verwacht" if many else "tekst verwacht"))

    def bron(self, value, where: str, line: int) -> None:
        try:
            refs = sources.parse_bron(str(value or ""))
        except ValueError as error:
            self.fail(line, f"{where}: bron '{value}': {error}")
            return
        for problem in sources.unknown_sections(refs):
            self.fail(line, f"{where}: {problem}")
        self.urls += [(ref.url, line, where) for ref in refs if isinstance(ref, sources.ExternalRef)]

    def mapping(self, value, where: str, line: int) -> bool:
        """Whether `value` is a block with fields; a problem at `line` if not."""
        if not (isinstance(value, dict) and hasattr(value, "lines")):
            self.fail(line, f"{where}: verwacht een blok met velden (kreeg {type_name(value)})")
            return False
        return True

    def known(self, ids, pool, what: str, where: str, line: int) -> None:
        for item in ids or []:
            if item not in pool:
                self.fail(line, f"{where}: onbekende {what} '{item}'")

    def minutes(self, value, where: str, line: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            self.fail(line, f"{where}: minutes is een heel getal > 0 (kreeg {type_name(value)})")
            return 0
        return value


def problems(data, path: str) -> list[ContentError]:
    """Every problem of the file, each at its line."""
    if not isinstance(data, dict):
        return [ContentError(path, 1, "verwacht een blok met velden")]
    missing = [ContentError(path, 1, f"veld '{key}' ontbreekt") for key in REQUIRED if key not in data]
    c = _Check(path)
    for key in REQUIRED:
        if key in data and key not in ("sources", "quote_cards", "prereading"):
            c.mapping(data[key], key, line_of(data, key))
        if key in data and key in ("sources", "quote_cards", "prereading") and not isinstance(data[key], list):
            c.fail(line_of(data, key), f"{key}: verwacht een lijst")
    for kind in ("talk", "notes", "statements", "slides", "exercises", "cases", "plans"):
        if not missing and isinstance(data[kind], dict):
            for name, item in data[kind].items():
                c.mapping(item, f"{kind} '{name}'", line_of(data[kind], name))
    for kind in ("quote_cards", "sources"):
        if not missing and isinstance(data[kind], list):
            for i, item in enumerate(data[kind]):
                c.mapping(item, f"{kind} {i + 1}", line_of(data[kind], i))
    if missing or c.errors:
        return missing + c.errors
    _materials(c, data)
    _prose(c, data)
    _cases(c, data)
    for pid, plan in data["plans"].items():
        plan_problems(c, str(pid), plan, data)
    _sources(c, data)
    return c.errors


def _materials(c: _Check, data: dict) -> None:
    for mid, m in data["materials"].items():
        at = line_of(data["materials"], mid)
        if not isinstance(m, dict) or m.get("kind") not in MATERIAL_KINDS or m.get("print") not in PRINT:
            c.fail(at, f"materiaal '{mid}': kind is een van {', '.join(sorted(MATERIAL_KINDS))}, "
                       f"print een van {', '.join(sorted(PRINT))}")
            continue
        c.texts(m.get("title"), f"materiaal '{mid}' title", at)
        if m["kind"] != "physical":
            c.texts(m.get("file"), f"materiaal '{mid}' file", at)
        if m["kind"] == "leaflet" and isinstance(m.get("file"), dict):
            for lang in LANGS:
                if not (ROOT / "leaflets" / lang / f"{m['file'].get(lang)}.md").is_file():
                    c.fail(at, f"materiaal '{mid}': folder leaflets/{lang}/{m['file'].get(lang)}.md bestaat niet")


def _prose(c: _Check, data: dict) -> None:
    """The items that are text with a source: safety, talk, notes, statements, slides, cards, exercises."""
    safety = data["safety"]
    c.bron(safety.get("bron"), "safety", safety.line)
    for key in ("agreements", "disclosure"):
        c.texts(safety.get(key), f"safety {key}", line_of(safety, key), many=True)
    for key in ("warning", "invitation", "second_person", "check_in", "opt_out", "aftercare", "closing"):
        c.texts(safety.get(key), f"safety {key}", line_of(safety, key))
    for key in ("dated", "plo_figure", "evaluation", "handling"):
        c.bron(data[key].get("bron"), key, data[key].line)
    c.texts(data["dated"], "dated", data["dated"].line)
    c.texts(data["evaluation"], "evaluation", data["evaluation"].line, many=True)
    c.texts(data["handling"], "handling", data["handling"].line, many=True)
    for kind in ("talk", "notes"):
        for tid, item in data[kind].items():
            c.bron(item.get("bron"), f"{kind} '{tid}'", item.line)
            c.texts(item, f"{kind} '{tid}'", item.line, many=True)
    for sid, statement in data["statements"].items():
        c.bron(statement.get("bron"), f"stelling '{sid}'", statement.line)
        for key in ("text", "key"):
            c.texts(statement.get(key), f"stelling '{sid}' {key}", statement.line)
    for sid, slide in data["slides"].items():
        c.bron(slide.get("bron"), f"dia '{sid}'", slide.line)
        c.texts(slide.get("title"), f"dia '{sid}' title", slide.line)
        c.texts(slide.get("lines"), f"dia '{sid}' lines", slide.line, many=True)
    for i, card in enumerate(data["quote_cards"], 1):
        at = line_of(data["quote_cards"], i - 1)
        c.bron(card.get("bron"), f"uitspraakkaart {i}", at)
        c.texts(card.get("about"), f"uitspraakkaart {i} about", at)
        c.known([card.get("dimension")], data["cases"], "dimensie", f"uitspraakkaart {i}", at)
    for eid, exercise in data["exercises"].items():
        c.bron(exercise.get("bron"), f"oefening '{eid}'", exercise.line)
        c.texts(exercise.get("title"), f"oefening '{eid}' title", exercise.line)
        for step in exercise.get("steps") or []:
            if not c.mapping(step, f"oefening '{eid}' stap", exercise.line):
                continue
            c.minutes(step.get("minutes"), f"oefening '{eid}'", step.line)
            c.texts(step, f"oefening '{eid}' stap", step.line)
        for card in exercise.get("cards") or []:
            if not c.mapping(card, f"oefening '{eid}' kaart", exercise.line):
                continue
            c.texts(card.get("role"), f"oefening '{eid}' rol", card.line)
            c.texts(card.get("text"), f"oefening '{eid}' kaart", card.line)
    for page in data["prereading"]:
        for lang in LANGS:
            if not (ROOT / "docs" / lang / page).is_file():
                c.fail(data.lines["prereading"], f"prereading: docs/{lang}/{page} bestaat niet")


def _cases(c: _Check, data: dict) -> None:
    """Each case's questions, and the quotes a question relies on: they must be on its case sheet."""
    numbers = [case.get("number") for case in data["cases"].values()]
    if len(set(numbers)) != len(numbers):
        c.fail(data["cases"].line, f"casussen: elk nummer één keer (kreeg {numbers})")
    for block, case in data["cases"].items():
        sheet = data["materials"].get(case.get("sheet"), {})
        if sheet.get("kind") != "leaflet":
            c.fail(case.line, f"casus '{block}': sheet is geen folder uit materials")
            continue
        c.texts(case.get("title"), f"casus '{block}' title", case.line)
        text = (ROOT / "leaflets" / "nl" / f"{sheet['file']['nl']}.md").read_text(encoding="utf-8")
        flat = " ".join(text.replace(">", " ").split())
        for i, question in enumerate(case.get("questions") or [], 1):
            if not c.mapping(question, f"casus '{block}' vraag {i}", case.line):
                continue
            at, where = question.line, f"vraag {case.get('number')}.{i}"
            c.bron(question.get("bron"), where, at)
            c.texts(question.get("q"), where, at)
            c.texts(question.get("key"), f"{where} antwoord", at)
            for words in question.get("needs") or []:
                if words not in flat:
                    c.fail(line_of(question, "needs"), f"{where} steunt op ‘{words}’, maar dat citaat staat "
                                                       f"niet op leaflets/nl/{sheet['file']['nl']}.md")


def plan_problems(c: _Check, pid: str, plan, data: dict) -> None:
    """Parts add up to the plan and steps to the part; every name a part uses exists."""
    where = f"plan '{pid}'"
    c.bron(plan.get("bron"), where, plan.line)
    c.texts(plan.get("title"), f"{where} title", plan.line)
    c.texts(plan.get("room"), f"{where} room", plan.line)
    for key in ("participants", "groups"):
        c.minutes(plan.get(key), f"{where} {key}", line_of(plan, key))
    parts = plan.get("parts") or []
    ids = [part.get("id") for part in parts if hasattr(part, "get")]
    if len(set(ids)) != len(ids):
        c.fail(line_of(plan, "parts"), f"{where}: elk deel een eigen id (kreeg {ids})")
    for goal in plan.get("goals") or []:
        if not c.mapping(goal, f"{where} doel", plan.line):
            continue
        c.texts(goal, f"{where} doel", goal.line)
        c.known([goal.get("part")], ids, "deel (een doel hoort bij het deel waar het geoefend wordt)", where, goal.line)
    total = 0
    for part in parts:
        if not c.mapping(part, f"{where} deel", plan.line):
            continue
        here = f"{where} deel '{part.get('id')}'"
        minutes = c.minutes(part.get("minutes"), here, part.line)
        total += minutes
        c.texts(part.get("title"), f"{here} title", part.line)
        c.known(part.get("talk"), data["talk"], "praatpunten", here, line_of(part, "talk"))
        c.known(part.get("notes"), data["notes"], "aantekeningen", here, line_of(part, "notes"))
        for ref in part.get("slides") or []:
            problem = slide_problem(ref, data)
            if problem:
                c.fail(line_of(part, "slides"), f"{here}: {problem}")
        steps = part.get("steps") or []
        in_steps = 0
        for step in steps:
            if not c.mapping(step, f"{here} stap", part.line):
                continue
            step_minutes = c.minutes(step.get("minutes"), here, step.line)
            in_steps += step_minutes
            c.texts(step, f"{here} stap", step.line)
            c.known(step.get("materials"), data["materials"], "materiaal", here, step.line)
            c.known(step.get("questions"), questions(data) if "cases" in data else {}, "vraag", here, step.line)
            c.known(step.get("statements"), data["statements"], "stelling", here, step.line)
            exercise = step.get("exercise")
            if exercise is not None:
                if exercise not in data["exercises"]:
                    c.known([exercise], data["exercises"], "oefening", here, step.line)
                else:
                    needed = sum(s.get("minutes") or 0 for s in data["exercises"][exercise]["steps"])
                    if needed > step_minutes:
                        c.fail(step.line, f"{here}: oefening '{exercise}' duurt {needed} minuten, de stap {step_minutes}")
        if steps and in_steps != minutes:
            c.fail(line_of(part, "minutes"), f"{here}: de stappen duren samen {in_steps} minuten, het deel {minutes}")
        if not steps:
            c.fail(part.line, f"{here}: geen stappen")
    if total != plan.get("minutes"):
        c.fail(line_of(plan, "minutes"), f"{where}: de delen duren samen {total} minuten, het plan {plan.get('minutes')}")


def slide_problem(ref, data: dict) -> str | None:
    """Why a part's slide reference names nothing (None: it is fine)."""
    kind, _, arg = str(ref).partition(" ")
    if not arg:
        return None if ref in data["slides"] or ref == "doelen" else f"onbekende dia '{ref}'"
    pools = {"vraag": questions(data), "stelling": data["statements"], "figuur": FIGURES,
             "casus": {str(case.get("number")) for case in data["cases"].values()},
             "citaat": {str(i) for i in range(1, len(data["quote_cards"]) + 1)}}
    if kind not in pools:
        return f"onbekende soort dia '{kind}' (bekend: {', '.join(pools)})"
    return None if arg in pools[kind] else f"onbekende dia '{ref}'"


def _sources(c: _Check, data: dict) -> None:
    """Every outside address a `bron` names is registered with the date it was read, and used."""
    registered = {}
    for i, source in enumerate(data["sources"]):
        at = line_of(data["sources"], i)
        if not isinstance(source, dict) or not isinstance(source.get("read"), date) \
                or not re.match(r"https://", str(source.get("url", ""))):
            c.fail(at, "bron: verwacht name (nl, en), url (https) en read (datum waarop hij gelezen is)")
            continue
        c.texts(source.get("name"), "bron name", at)
        registered[source["url"]] = at
    named = {url for url, _, _ in c.urls}
    for url, line, where in c.urls:
        if url not in registered:
            c.fail(line, f"{where}: {url} staat niet onder sources: (met de datum waarop hij gelezen is)")
    for url, at in registered.items():
        if url not in named:
            c.fail(at, f"bron {url} wordt nergens gebruikt")
