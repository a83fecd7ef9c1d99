"""The verification register (data/facts.yml): every outside fact the handbook states, with the
primary page it comes from, a short excerpt of what that page says, when and how it was read.

A clone is complete with it: no check reads a note outside the project. The rules, each reported
as `path:line: reason` (lines from the line-aware loader, scripts/content/data_yaml.py):

- a fact names a primary source: an https page of the government or the law (`official`) or of
  the organisation itself (`organisation`); a news site, blog or aggregator is never enough;
- a fact was read on a real date that is not in the future (today is injected, for the tests);
- every phone number, hours, cost, `free` and `anonymous` a help route publishes
  (data/routes.yml) has a fact for that route and field, from one of the route's own sources,
  and the route's `checked` date is not after the day its facts were last read (the route card
  says "nagekeken op <datum> op <bron>" from those two);
- what a route leaves out (`unverified`) is under `withheld`, with the reason and where it was seen;
  a fact or a withheld entry for something the route does not publish is stale and refused.

CLI:  python scripts/content/facts.py     validate the register against the routes (exit 0 ok, 1 not, 2 missing)
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

if __name__ == "__main__":  # run as a script: make `scripts.` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content import routes as R  # noqa: E402
from scripts.content.data_yaml import line_of, load_data_file, type_name  # noqa: E402
from scripts.content.errors import ContentError, ContentErrors  # noqa: E402
from scripts.content.source_text import display_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "data" / "facts.yml"

# The kinds of source a fact may rest on. A secondary page (news, blog, aggregator) is only ever
# the reason something is withheld.
PRIMARY_KINDS = {
    "official": "de wettekst of een pagina van de overheid, de politie of de rechtspraak",
    "organisation": "de eigen pagina van de organisatie",
}
# What a route card publishes that must rest on a registered fact; `what` and `languages` may.
PUBLISHED_FIELDS = ("phone", "hours", "cost", "free", "anonymous")
FIELDS = PUBLISHED_FIELDS + ("what", "languages")
FACT_KEYS = {"id", "statement", "source", "kind", "excerpt", "read", "how"}
FACT_OPTIONAL = {"route", "field", "value", "pages"}
WITHHELD_KEYS = {"id", "statement", "why", "seen_in"}
WITHHELD_OPTIONAL = {"route", "field"}
ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    source: str
    kind: str
    excerpt: str
    read: dt.date
    how: str
    line: int
    route: str | None = None
    field: str | None = None
    value: str | None = None
    pages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Withheld:
    id: str
    statement: str
    why: str
    seen_in: tuple[str, ...]
    line: int
    route: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Register:
    path: str
    facts: tuple[Fact, ...]
    withheld: tuple[Withheld, ...]

    def for_route(self, rid: str) -> list[Fact]:
        return [f for f in self.facts if f.route == rid]


# ----------------------------------------------------------------------------------------
# Reading the register
# ----------------------------------------------------------------------------------------

def _text(item: dict, key: str, where: str, errors: list[ContentError], path: str) -> str | None:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(ContentError(path, line_of(item, key), f"{where}: {key} is tekst (kreeg {type_name(value)})"))
        return None
    return " ".join(value.split())


def _keys(item, required: set, optional: set, where: str, line: int, path: str, errors: list[ContentError]) -> bool:
    if not isinstance(item, dict):
        errors.append(ContentError(path, line, f"{where}: een blok met velden ({', '.join(sorted(required))})"))
        return False
    before = len(errors)
    errors += [ContentError(path, line, f"{where}: verplicht veld '{key}' ontbreekt") for key in sorted(required - set(item))]
    errors += [ContentError(path, line_of(item, key), f"{where}: onbekend veld '{key}'")
               for key in sorted(set(item) - required - optional)]
    return len(errors) == before


def _route_field(item: dict, where: str, path: str, errors: list[ContentError]) -> tuple[str | None, str | None]:
    route, field = item.get("route"), item.get("field")
    if (route is None) != (field is None):
        errors.append(ContentError(path, item.line, f"{where}: 'route' en 'field' horen bij elkaar (beide of geen)"))
        return None, None
    if field is not None and field not in FIELDS:
        errors.append(ContentError(path, line_of(item, "field"), f"{where}: field '{field}' is onbekend (kies uit {', '.join(FIELDS)})"))
        return None, None
    return route, field


def _fact(item, line: int, path: str, root: Path, today: dt.date, errors: list[ContentError]) -> Fact | None:
    where = f"feit '{item.get('id')}'" if isinstance(item, dict) and item.get("id") else "feit zonder id"
    if not _keys(item, FACT_KEYS, FACT_OPTIONAL, where, line, path, errors):
        return None
    before = len(errors)
    texts = {key: _text(item, key, where, errors, path) for key in ("id", "statement", "excerpt", "how")}
    if texts["id"] and not ID.fullmatch(texts["id"]):
        errors.append(ContentError(path, line_of(item, "id"), f"{where}: id bestaat uit kleine letters, cijfers en '-'"))
    if (problem := R.url_problem(item["source"])) is not None:
        errors.append(ContentError(path, line_of(item, "source"), f"{where}: source {problem}"))
    if item["kind"] not in PRIMARY_KINDS:
        errors.append(ContentError(path, line_of(item, "kind"), (
            f"{where}: kind '{item['kind']}' is geen eerste bron; een feit rust op "
            + " of ".join(f"'{k}' ({v})" for k, v in PRIMARY_KINDS.items())
            + ". Alleen een nieuwsbericht, blog of verzamelsite? Zet het onder withheld")))
    read = item["read"]
    if not isinstance(read, dt.date) or isinstance(read, dt.datetime):
        errors.append(ContentError(path, line_of(item, "read"), f"{where}: read is de datum van lezen, zoals 2026-12-08"))
    elif read > today:
        errors.append(ContentError(path, line_of(item, "read"), f"{where}: read {read.isoformat()} ligt in de toekomst"))
    route, field = _route_field(item, where, path, errors)
    value = item.get("value")
    if field == "phone" and not isinstance(value, str):
        errors.append(ContentError(path, item.line, f"{where}: een telefoonnummer heeft 'value' met het nummer zoals de route het toont (\"0800-2000\")"))
    elif value is not None and field != "phone":
        errors.append(ContentError(path, line_of(item, "value"), f"{where}: 'value' hoort alleen bij field: phone"))
    pages = item.get("pages") or []
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        errors.append(ContentError(path, line_of(item, "pages"), f"{where}: pages is een lijst met paden (docs/nl/…)"))
        pages = []
    for index, page in enumerate(pages):
        if not (root / page).is_file():
            errors.append(ContentError(path, line_of(pages, index), f"{where}: pagina '{page}' bestaat niet"))
    if len(errors) > before:
        return None
    return Fact(texts["id"], texts["statement"], item["source"], item["kind"], texts["excerpt"], read, texts["how"],
                line, route, field, value, tuple(pages))


def _withheld(item, line: int, path: str, errors: list[ContentError]) -> Withheld | None:
    where = f"achtergehouden '{item.get('id')}'" if isinstance(item, dict) and item.get("id") else "achtergehouden zonder id"
    if not _keys(item, WITHHELD_KEYS, WITHHELD_OPTIONAL, where, line, path, errors):
        return None
    before = len(errors)
    texts = {key: _text(item, key, where, errors, path) for key in ("id", "statement", "why")}
    seen = item["seen_in"]
    if not isinstance(seen, list) or not seen:
        errors.append(ContentError(path, line_of(item, "seen_in"), f"{where}: seen_in noemt waar het gegeven wel stond (een lijst met adressen)"))
        seen = []
    for index, url in enumerate(seen):
        if (problem := R.url_problem(url)) is not None:
            errors.append(ContentError(path, line_of(seen, index), f"{where}: seen_in {problem}"))
    route, field = _route_field(item, where, path, errors)
    if len(errors) > before:
        return None
    return Withheld(texts["id"], texts["statement"], texts["why"], tuple(seen), line, route, field)


def parse(doc, path: str, today: dt.date, root: Path = ROOT) -> Register:
    """The register from its parsed YAML; ContentErrors with every problem at its line."""
    if not isinstance(doc, dict) or not isinstance(doc.get("facts"), list):
        raise ContentErrors([ContentError(path, 1, "het register begint met 'facts:' en daaronder een lijst")])
    errors: list[ContentError] = []
    errors += [ContentError(path, line_of(doc, key), f"onbekend veld '{key}'") for key in sorted(set(doc) - {"facts", "withheld"})]
    withheld_raw = doc.get("withheld") or []
    if not isinstance(withheld_raw, list):
        errors.append(ContentError(path, line_of(doc, "withheld"), "withheld is een lijst"))
        withheld_raw = []
    facts = [_fact(item, line_of(doc["facts"], i), path, root, today, errors) for i, item in enumerate(doc["facts"])]
    withheld = [_withheld(item, line_of(withheld_raw, i), path, errors) for i, item in enumerate(withheld_raw)]
    seen: dict[str, int] = {}
    for entry in [f for f in facts if f] + [w for w in withheld if w]:
        if entry.id in seen:
            errors.append(ContentError(path, entry.line, f"id '{entry.id}' staat er al (regel {seen[entry.id]})"))
        seen.setdefault(entry.id, entry.line)
    if errors:
        raise ContentErrors(errors)
    return Register(path, tuple(facts), tuple(withheld))


def load(path: Path | str = REGISTER, today: dt.date | None = None) -> Register:
    """Read and validate the register file (UTF-8 and YAML checked by the line-aware loader)."""
    path = Path(path)
    shown = display_path(path)
    return parse(load_data_file(path, shown), shown, today or dt.date.today(), path.resolve().parents[1])


# ----------------------------------------------------------------------------------------
# The register against the help routes
# ----------------------------------------------------------------------------------------

def published(route: R.Route) -> list[tuple[str, str | None]]:
    """What a route card states that must rest on a fact: (field, value); value only for phones."""
    out: list[tuple[str, str | None]] = [("phone", p.display) for p in route.phones]
    out += [(field, None) for field in ("hours", "cost", "free", "anonymous") if getattr(route, field) is not None]
    return out


def check_routes(register: Register, data: R.RouteData) -> list[ContentError]:
    """Every published route fact has its register entry, and the register says nothing stale."""
    errors: list[ContentError] = []
    for fact in register.facts:
        if fact.route is not None and fact.route not in data.routes:
            errors.append(ContentError(register.path, fact.line, f"feit '{fact.id}': route '{fact.route}' bestaat niet in {data.path}"))
    for item in register.withheld:
        if item.route is not None and item.route not in data.routes:
            errors.append(ContentError(register.path, item.line, f"achtergehouden '{item.id}': route '{item.route}' bestaat niet in {data.path}"))
    for route in data.routes.values():
        errors += _route_problems(route, register, data.path)
    return errors


def _route_problems(route: R.Route, register: Register, routes_path: str) -> list[ContentError]:
    errors: list[ContentError] = []
    facts = register.for_route(route.id)
    shown = published(route)
    for field, value in shown:
        if not any(f.field == field and (value is None or f.value == value) for f in facts):
            what = f"nummer {value}" if value else field
            errors.append(ContentError(routes_path, route.line, (
                f"route '{route.id}': {what} staat niet in {register.path}: zet er een feit bij met de eerste bron, "
                "een stukje tekst van die pagina en de datum van lezen, of laat het weg (unverified)")))
    for fact in facts:
        if fact.field in PUBLISHED_FIELDS and (fact.field, fact.value if fact.field == "phone" else None) not in shown:
            errors.append(ContentError(register.path, fact.line, (
                f"feit '{fact.id}': route '{route.id}' toont geen {fact.field} {fact.value or ''}".rstrip()
                + ": haal het feit weg of zet het onder withheld")))
    sources = {s.get("url") for s in route.sources}
    for fact in facts:
        if fact.source not in sources:
            errors.append(ContentError(register.path, fact.line, (
                f"feit '{fact.id}': {fact.source} staat niet bij de sources van route '{route.id}' "
                "(de routekaart noemt waar de feiten zijn nagekeken)")))
    if facts:
        # A card may say less than was done (an older date: the stale notice then asks for a new
        # check), never more: a date after the last reading would claim a check nobody recorded.
        last = max(f.read for f in facts)
        if route.checked > last:
            errors.append(ContentError(routes_path, route.line, (
                f"route '{route.id}': checked {route.checked.isoformat()} ligt na de laatste lezing van haar feiten "
                f"({last.isoformat()} in {register.path}): lees ze opnieuw en zet de datum in het register")))
    withheld = [w for w in register.withheld if w.route == route.id]
    for field in route.unverified:
        if not any(w.field == field for w in withheld):
            errors.append(ContentError(routes_path, route.line, (
                f"route '{route.id}': unverified {field} staat niet onder withheld in {register.path}: zeg waarom en waar je het zag")))
    for item in withheld:
        if item.field in PUBLISHED_FIELDS and any(field == item.field for field, _ in shown) and item.field not in route.unverified:
            errors.append(ContentError(register.path, item.line, (
                f"achtergehouden '{item.id}': route '{route.id}' toont {item.field} wél; haal het hier weg")))
    return errors


def check(register_file: Path = REGISTER, routes_file: Path = R.ROUTES_FILE, today: dt.date | None = None) -> list[ContentError]:
    """The register and the routes together: every problem, or [] when both agree."""
    today = today or dt.date.today()
    try:
        register = load(register_file, today)
        data = R.load(routes_file, today)
    except ContentErrors as problems:
        return problems.errors
    return check_routes(register, data)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer data/facts.yml tegen data/routes.yml.")
    parser.add_argument("file", nargs="?", default=str(REGISTER), help="het register (standaard data/facts.yml)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not Path(args.file).is_file():
        print(f"{args.file}: bestand niet gevonden", file=sys.stderr)
        return 2
    errors = check(Path(args.file))
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    register = load(Path(args.file))
    print(f"{register.path}: {len(register.facts)} feiten en {len(register.withheld)} achtergehouden gegevens in orde")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
