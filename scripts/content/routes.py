"""Help routes: load and validate data/routes.yml, and render every route block from it.

Contact details live in one file so a number is corrected once, for every page and leaflet.
A wrong number in a crisis is the worst defect this handbook can have, so loading is strict:
every problem is reported as `data/routes.yml:line: reason` (lines from PyYAML's node marks).
Rendering functions are pure: data + language in, Markdown out (md_in_html blocks, attr_list).

CLI:  python scripts/content/routes.py            validate (exit 0 ok, 1 invalid, 2 file missing)
      python scripts/content/routes.py --report   maintainer report: every route with the age of its check
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit


if __name__ == "__main__":  # run as a script: make `scripts.` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content.directives import Directive, iter_directives  # noqa: E402
from scripts.content.data_yaml import line_of, load_data_file, load_yaml_with_lines  # noqa: E402
from scripts.content.source_text import LineIndex, display_path  # noqa: E402
from scripts.content.errors import ContentError, ContentErrors  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ROUTES_FILE = ROOT / "data" / "routes.yml"
LANGS = ("nl", "en")
DEFAULT_STALE_AFTER_DAYS = 180

# Order here is the order of the groups on the Hulp vinden page.
AVAILABILITY = {
    "always": {"nl": "Dag en nacht bereikbaar", "en": "Available day and night"},
    "evenings-nights": {"nl": "’s Avonds en ’s nachts bereikbaar", "en": "Available in the evening and at night"},
    "office-hours": {"nl": "Bereikbaar tijdens kantooruren", "en": "Available during office hours"},
    "varies": {"nl": "Tijden verschillen of zijn niet nagekeken", "en": "Hours vary or have not been checked"},
}
FOR_WHOM = {
    "parent": {"nl": "jou als ouder", "en": "you as a parent"},
    "child": {"nl": "je kind", "en": "your child"},
    "both": {"nl": "jou en je kind", "en": "you and your child"},
    "professionals": {"nl": "vooral professionals", "en": "mainly professionals"},
}
UNVERIFIABLE = {"phone", "hours"}
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
TEXT = {
    "nl": {
        "call": "Bellen", "or": "of", "free": "gratis", "hours": "Bereikbaar", "for": "Voor",
        "anonymous": "Anoniem", "yes": "ja, dat kan", "no": "nee", "website": "Website",
        "contact": "Contact", "see_site_phone": "Kijk op de website hoe je contact opneemt.",
        "see_site_hours": "Kijk op de website voor de tijden.",
        "unsure_hours": "Wanneer er iemand opneemt, en of dat ook 's nachts zo is, weten we niet zeker. "
                        "Kijk op de website.",
        "checked": "Nagekeken op {date} {where}.", "checked_on": "op", "checked_report": "in het rapport",
        "and": "en", "urgent_title": "Direct hulp nodig?",
        "to": "bel", "footer_label": "Direct hulp", "call_label": "Bel {name}, {number}",
        "languages": "Taal", "unknown_language": "Welke talen je hier spreekt, zegt geen bron die we vonden.",
        "answers_in": "De telefoon wordt opgenomen in het {langs}.", "interpreter_yes": "Je kunt om een tolk vragen.",
        "interpreter_no": "Een tolk is er niet.", "dutch_menu": "Je hoort eerst een keuzemenu in het Nederlands.",
        "english_page": "In het Engels", "rest_unknown": "Over {names} vonden we geen bron over talen.",
        "phrase_head": ("Zin in het Nederlands", "Wat het betekent (Engels)"),
    },
    "en": {
        "call": "Call", "or": "or", "free": "free", "hours": "Available", "for": "For",
        "anonymous": "Anonymous", "yes": "yes, you can be", "no": "no", "website": "Website",
        "contact": "Contact", "see_site_phone": "See the website for how to get in touch.",
        "see_site_hours": "See the website for the hours.",
        "unsure_hours": "We do not know for sure when someone answers, or whether anyone does at night. "
                        "See the website.",
        "checked": "Checked on {date} {where}.", "checked_on": "on", "checked_report": "in the report",
        "and": "and", "urgent_title": "Need help now?",
        "to": "call", "footer_label": "Help now", "call_label": "Call {name}, {number}",
        "languages": "Language", "unknown_language": "No source we found says which languages you can use here.",
        "answers_in": "The phone is answered in {langs}.", "interpreter_yes": "You can ask for an interpreter.",
        "interpreter_no": "There is no interpreter.", "dutch_menu": "You first hear a recorded menu in Dutch.",
        "english_page": "In English", "rest_unknown": "For {names}, we found no source about languages.",
        "phrase_head": ("Sentence in Dutch", "What it means"),
    },
}

ROUTE_FIELDS = {
    "id", "name", "what", "for", "phones", "website", "hours", "availability", "anonymous",
    "free", "urgent", "checked", "sources", "languages",
}
LANGUAGE_FIELDS = {"phone", "interpreter", "dutch_menu", "english_page", "note", "sources"}
LANGUAGE_NAMES = {
    "nl": {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans"},
    "en": {"nl": "Dutch", "en": "English", "de": "German", "fr": "French"},
}
OPTIONAL_ROUTE_FIELDS = {"cost", "contact", "unverified"}


# ----------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Phone:
    display: str
    tel: str

    @property
    def href(self) -> str:
        return f"tel:{self.tel}"


@dataclass(frozen=True)
class Languages:
    """What a source says about reaching a route without Dutch. None: no source says it."""

    phone: tuple[str, ...] | None = None  # languages the phone line answers in
    interpreter: bool | None = None  # an interpreter can be asked for
    dutch_menu: bool | None = None  # a recorded menu in Dutch comes first
    english_page: str | None = None  # a page in English about this route
    note: dict | None = None  # what the source says, in words (nl and en)
    sources: tuple[dict, ...] = ()

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.phone, self.interpreter, self.dutch_menu, self.note))


@dataclass(frozen=True)
class Route:
    id: str
    name: dict
    what: dict
    for_whom: str
    phones: tuple[Phone, ...]
    website: str | None
    hours: dict | None
    availability: str
    anonymous: bool | None
    free: bool | None
    urgent: bool
    checked: dt.date
    sources: tuple[dict, ...]
    line: int
    cost: dict | None = None
    contact: dict | None = None
    unverified: tuple[str, ...] = ()
    languages: Languages = Languages()


@dataclass(frozen=True)
class MapEntry:
    situation: dict
    routes: tuple[str, ...]
    extra: dict | None = None


@dataclass(frozen=True)
class RouteData:
    path: str
    routes: dict  # id -> Route, in file order
    routekaart: tuple[MapEntry, ...]
    not_published: tuple[dict, ...]
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    phrase_card: tuple[dict, ...] = ()  # [{nl, en}]: Dutch sentences with their English meaning


# ----------------------------------------------------------------------------------------
# Field checks (shared with scripts/content/links.py)
# ----------------------------------------------------------------------------------------

SHORT_NUMBERS = {"112", "113"}  # dialled as they are: E.164 has no form for them
SERVICE_NUMBER = re.compile(r"0(800|900|906|909)-\d{4}(\d{3})?")
REGULAR_NUMBER = re.compile(r"0\d{1,3}-\d[\d ]*\d")


def expected_tel(display: str) -> str:
    """The `tel:` target for a displayed Dutch number, or ValueError saying what is wrong.

    112 and 113 stay as they are; 0800-/0900- numbers have 4 or 7 digits after the prefix;
    a regular number has 10 digits with the area code split off by a hyphen (033-448 11 86).
    Every other number becomes E.164: +31 and the digits without the leading 0.
    """
    if display in SHORT_NUMBERS:
        return display
    if SERVICE_NUMBER.fullmatch(display):
        return "+31" + display.replace("-", "")[1:]
    if REGULAR_NUMBER.fullmatch(display) and not SERVICE_NUMBER.match(display):
        digits = re.sub(r"\D", "", display)
        if len(digits) == 10:
            return "+31" + digits[1:]
    raise ValueError(
        f"'{display}' is geen Nederlands telefoonnummer in een bekende vorm "
        "(112, 113, 0800-1234, 0900-1234567 of 10 cijfers zoals 033-448 11 86)"
    )


def url_problem(url) -> str | None:
    """Why `url` is not a well-formed https link, or None when it is."""
    if not isinstance(url, str) or not url:
        return "geen adres"
    if any(c.isspace() for c in url):
        return f"'{url}' bevat een spatie"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"'{url}' is geen https-adres"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return f"'{url}' heeft geen geldige domeinnaam"
    return None


# ----------------------------------------------------------------------------------------
# Loading and validation
# ----------------------------------------------------------------------------------------

class _Collector:
    """Gathers every problem in the file, so a maintainer fixes them all in one go."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []

    def add(self, line: int, reason: str) -> None:
        self.errors.append(ContentError(self.path, line, reason))


def _bilingual(value, where: str, line: int, c: _Collector, nullable: bool = False) -> dict | None:
    if value is None and nullable:
        return None
    if not isinstance(value, dict) or set(value) != set(LANGS):
        c.add(line, f"{where}: geef een tekst in het Nederlands en het Engels ({{nl: ..., en: ...}})")
        return None
    for lang in LANGS:
        if not isinstance(value[lang], str) or not value[lang].strip():
            c.add(line_of(value, lang), f"{where}: tekst voor '{lang}' ontbreekt")
            return None
    return {lang: " ".join(value[lang].split()) for lang in LANGS}


def _parse_phones(raw, where: str, line: int, c: _Collector) -> tuple[Phone, ...]:
    if not isinstance(raw, list):
        c.add(line, f"{where}: phones moet een lijst zijn (of [] als er geen nagekeken nummer is)")
        return ()
    phones = []
    for index, item in enumerate(raw):
        item_line = line_of(raw, index)
        if not isinstance(item, dict) or set(item) != {"display", "tel"}:
            c.add(item_line, f"{where}: een nummer heeft precies 'display' en 'tel'")
            continue
        display, tel = item["display"], item["tel"]
        if not isinstance(display, str) or not isinstance(tel, str):
            c.add(item_line, f"{where}: zet het nummer tussen aanhalingstekens (\"0800-2000\")")
            continue
        try:
            expected = expected_tel(display)
        except ValueError as error:
            c.add(line_of(item, "display"), f"{where}: {error}")
            continue
        if tel != expected:
            c.add(line_of(item, "tel"), f"{where}: tel '{tel}' hoort bij een ander nummer dan '{display}' (verwacht '{expected}')")
            continue
        phones.append(Phone(display, tel))
    return tuple(phones)


def _parse_sources(raw, where: str, line: int, c: _Collector) -> tuple[dict, ...]:
    if not isinstance(raw, list) or not raw:
        c.add(line, f"{where}: noem minstens één bron (sources)")
        return ()
    sources = []
    for index, item in enumerate(raw):
        item_line = line_of(raw, index)
        if not isinstance(item, dict) or not (set(item) <= {"url", "note", "report"}):
            c.add(item_line, f"{where}: een bron is {{url: https://..., note: ...}} of {{report: '§4.1'}}")
            continue
        if "report" in item:
            if not str(item["report"]).startswith("§"):
                c.add(item_line, f"{where}: een rapportbron begint met § (bijvoorbeeld '§4.1')")
                continue
        elif (problem := url_problem(item.get("url"))) is not None:
            c.add(line_of(item, "url"), f"{where}: bron {problem}")
            continue
        sources.append(dict(item))
    return tuple(sources)


def _parse_languages(raw, where: str, line: int, c: _Collector) -> Languages:
    """`languages`: only what a source says; every unknown stays null and is shown as unknown."""
    where = f"{where}, languages"
    if not isinstance(raw, dict):
        c.add(line, f"{where}: een blok met {', '.join(sorted(LANGUAGE_FIELDS))} (null: geen bron zegt het)")
        return Languages()
    before = len(c.errors)
    for key in sorted(set(raw) - LANGUAGE_FIELDS):
        c.add(line_of(raw, key), f"{where}: onbekend veld '{key}'")
    phone = raw.get("phone")
    if phone is not None and (not isinstance(phone, list) or not phone
                              or not all(isinstance(x, str) and x in LANGUAGE_NAMES["en"] for x in phone)):
        c.add(line_of(raw, "phone"), f"{where}: phone is null of een lijst met taalcodes ({', '.join(LANGUAGE_NAMES['en'])})")
    for key in ("interpreter", "dutch_menu"):
        if raw.get(key) not in (True, False, None):
            c.add(line_of(raw, key), f"{where}: {key} is true, false of null (null: geen bron zegt het)")
    page = raw.get("english_page")
    if page is not None and (problem := url_problem(page)) is not None:
        c.add(line_of(raw, "english_page"), f"{where}: english_page {problem}")
    note = _bilingual(raw.get("note"), f"{where}, note", line_of(raw, "note"), c, nullable=True)
    facts = [k for k in ("phone", "interpreter", "dutch_menu", "english_page", "note") if raw.get(k) is not None]
    sources: tuple[dict, ...] = ()
    if facts:
        sources = _parse_sources(raw.get("sources"), where, line_of(raw, "sources") if "sources" in raw else line, c)
    elif raw.get("sources"):
        c.add(line_of(raw, "sources"), f"{where}: bronnen zonder gegeven: zet het gegeven erbij, of haal de bronnen weg")
    if len(c.errors) > before:
        return Languages()
    return Languages(tuple(phone) if phone else None, raw.get("interpreter"), raw.get("dutch_menu"), page, note, sources)


def _parse_route(raw, c: _Collector, today: dt.date, line: int) -> Route | None:
    if not isinstance(raw, dict):
        c.add(line, "een route is een blok met velden (id, name, ...)")
        return None
    rid = raw.get("id")
    where = f"route '{rid}'" if rid else "route zonder id"
    before = len(c.errors)
    for key in sorted(ROUTE_FIELDS - set(raw)):
        c.add(line, f"{where}: verplicht veld '{key}' ontbreekt")
    for key in sorted(set(raw) - ROUTE_FIELDS - OPTIONAL_ROUTE_FIELDS):
        c.add(line_of(raw, key), f"{where}: onbekend veld '{key}'")
    if len(c.errors) > before:
        return None
    if not isinstance(rid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rid):
        c.add(line_of(raw, "id"), f"{where}: id bestaat uit kleine letters, cijfers en '-'")
    name = _bilingual(raw["name"], f"{where}, name", line_of(raw, "name"), c)
    what = _bilingual(raw["what"], f"{where}, what", line_of(raw, "what"), c)
    hours = _bilingual(raw["hours"], f"{where}, hours", line_of(raw, "hours"), c, nullable=True)
    contact = _bilingual(raw.get("contact"), f"{where}, contact", line_of(raw, "contact"), c, nullable=True)
    cost = _bilingual(raw.get("cost"), f"{where}, cost", line_of(raw, "cost"), c, nullable=True)
    if raw["for"] not in FOR_WHOM:
        c.add(line_of(raw, "for"), f"{where}: for '{raw['for']}' is onbekend (kies uit {', '.join(FOR_WHOM)})")
    if raw["availability"] not in AVAILABILITY:
        c.add(line_of(raw, "availability"),
              f"{where}: availability '{raw['availability']}' is onbekend (kies uit {', '.join(AVAILABILITY)})")
    phones = _parse_phones(raw["phones"], where, line_of(raw, "phones"), c)
    website = raw["website"]
    if website is not None and (problem := url_problem(website)) is not None:
        c.add(line_of(raw, "website"), f"{where}: website {problem}")
    for key in ("anonymous", "free"):
        if raw[key] not in (True, False, None):
            c.add(line_of(raw, key), f"{where}: {key} is true, false of null (null: de bron zegt het niet)")
    if raw["urgent"] not in (True, False):
        c.add(line_of(raw, "urgent"), f"{where}: urgent is true of false")
    if raw["free"] is False and cost is None:
        c.add(line_of(raw, "free"), f"{where}: niet gratis: zeg in 'cost' wat het kost, zoals de bron het zegt")
    if raw["urgent"] is True and not raw["phones"]:
        c.add(line_of(raw, "urgent"), f"{where}: een spoednummer heeft een telefoonnummer nodig")
    if not raw["phones"] and website is None and contact is None:
        c.add(line, f"{where}: geen nummer en geen website: zeg in 'contact' hoe een ouder hen bereikt")
    unverified = raw.get("unverified", [])
    if not isinstance(unverified, list) or not set(unverified) <= UNVERIFIABLE:
        c.add(line_of(raw, "unverified"), f"{where}: unverified is een lijst met 'phone' en/of 'hours'")
        unverified = []
    # The rule of routes-verified.md: an UNCERTAIN fact is not published.
    if "phone" in unverified and raw["phones"]:
        c.add(line_of(raw, "phones"), f"{where}: het nummer is niet nagekeken (unverified: phone) en mag er niet in")
    if "hours" in unverified and raw["hours"] is not None:
        c.add(line_of(raw, "hours"), f"{where}: de tijden zijn niet nagekeken (unverified: hours) en mogen er niet in")
    checked = raw["checked"]
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        c.add(line_of(raw, "checked"), f"{where}: checked is een datum als 2026-11-27")
    elif checked > today:
        c.add(line_of(raw, "checked"), f"{where}: checked {checked.isoformat()} ligt in de toekomst")
    sources = _parse_sources(raw["sources"], where, line_of(raw, "sources"), c)
    languages = _parse_languages(raw["languages"], where, line_of(raw, "languages"), c)
    if len(c.errors) > before:
        return None
    return Route(
        id=rid, name=name, what=what, for_whom=raw["for"], phones=phones, website=website,
        hours=hours, availability=raw["availability"], anonymous=raw["anonymous"], free=raw["free"],
        urgent=raw["urgent"], checked=checked, sources=sources, line=line, cost=cost,
        contact=contact, unverified=tuple(unverified), languages=languages,
    )


def parse(text: str, path: str, today: dt.date | None = None) -> RouteData:
    """Validate the routes file's text; raise ContentErrors with every problem found."""
    today = today or dt.date.today()
    try:
        doc = load_yaml_with_lines(text, path)
    except ContentError as error:
        raise ContentErrors([error]) from None
    return _parse_doc(doc, path, today)


def _parse_doc(doc, path: str, today: dt.date) -> RouteData:
    c = _Collector(path)
    if not isinstance(doc, dict):
        raise ContentErrors([ContentError(path, 1, "het bestand moet 'routes:' bevatten")])
    for key in sorted(set(doc) - {"stale_after_days", "routes", "routekaart", "not_published", "phrase_card"}):
        c.add(line_of(doc, key), f"onbekend veld '{key}'")
    stale = doc.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    if not isinstance(stale, int) or isinstance(stale, bool) or stale < 1:
        c.add(line_of(doc, "stale_after_days"), "stale_after_days is een aantal dagen (een getal groter dan 0)")
        stale = DEFAULT_STALE_AFTER_DAYS
    not_published = doc.get("not_published") or []
    if not isinstance(not_published, list):
        c.add(line_of(doc, "not_published"), "not_published: een lijst met {id: ..., reason: ...}")
        not_published = []
    # Ids of every route written, valid or not, so one bad route does not also break the map.
    written = {raw.get("id") for raw in doc.get("routes") or [] if isinstance(raw, dict)}
    withheld = {item.get("id") for item in not_published if isinstance(item, dict)}
    raw_routes = doc.get("routes")
    if not isinstance(raw_routes, list) or not raw_routes:
        c.add(line_of(doc, "routes"), "routes: een lijst met minstens één route")
        raw_routes = []
    routes: dict[str, Route] = {}
    for index, raw in enumerate(raw_routes):
        route = _parse_route(raw, c, today, line_of(raw_routes, index))
        if route is None:
            continue
        if route.id in routes:
            c.add(route.line, f"route '{route.id}' staat er twee keer")
        elif route.id in withheld:
            c.add(route.line, f"route '{route.id}' staat onder not_published en mag niet gepubliceerd worden")
        else:
            routes[route.id] = route
    for route in routes.values():
        c.errors += _numbers_in_free_text(route, raw_routes, path)
    routekaart = []
    raw_map = doc.get("routekaart") or []
    if not isinstance(raw_map, list):
        c.add(line_of(doc, "routekaart"), "routekaart: een lijst met situaties")
        raw_map = []
    for index, raw in enumerate(raw_map):
        line = line_of(raw_map, index)
        if not isinstance(raw, dict) or not set(raw) <= {"situation", "routes", "extra"}:
            c.add(line, "routekaart: een regel is {situation: {nl, en}, routes: [id, ...], extra: {nl, en}}")
            continue
        situation = _bilingual(raw.get("situation"), "routekaart, situation", line, c)
        extra = _bilingual(raw.get("extra"), "routekaart, extra", line_of(raw, "extra"), c, nullable=True)
        ids = raw.get("routes")
        if not isinstance(ids, list) or not ids:
            c.add(line_of(raw, "routes"), "routekaart: noem minstens één route-id")
            continue
        unknown = [rid for rid in ids if rid not in written]
        if unknown:
            c.add(line_of(raw, "routes"), f"routekaart: onbekende route '{unknown[0]}'")
            continue
        for key, texts in (("situation", situation), ("extra", extra)):
            for lang in texts or {}:
                c.errors += [ContentError(path, line_of(raw, key), f"routekaart, {key} ({lang}): {reason}")
                             for reason in _typed_in(texts[lang])]
        if situation and not c.errors:
            routekaart.append(MapEntry(situation, tuple(ids), extra))
    phrase_card = []
    raw_card = doc.get("phrase_card") or []
    if not isinstance(raw_card, list):
        c.add(line_of(doc, "phrase_card"), "phrase_card: een lijst met {nl: zin, en: betekenis}")
        raw_card = []
    for index, raw in enumerate(raw_card):
        phrase = _bilingual(raw, "phrase_card", line_of(raw_card, index), c)
        if phrase:
            c.errors += [ContentError(path, line_of(raw_card, index), f"phrase_card: {reason}") for lang in LANGS
                         for reason in _typed_in(phrase[lang])]
            phrase_card.append(phrase)
    if c.errors:
        raise ContentErrors(c.errors)
    return RouteData(path, routes, tuple(routekaart), tuple(not_published), stale, tuple(phrase_card))


def load(path: Path | str = ROUTES_FILE, today: dt.date | None = None) -> RouteData:
    """Read and validate the routes file (cached per file version: both language builds share it)."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise ContentErrors([ContentError(display_path(path), 1, "bestand niet gevonden")]) from None
    return _load_cached(str(path), mtime, today or dt.date.today())


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: int, today: dt.date) -> RouteData:
    shown = display_path(path)
    return _parse_doc(load_data_file(path, shown), shown, today)


def stale_routes(data: RouteData, today: dt.date, max_age_days: int | None = None) -> list[tuple[Route, int]]:
    """Routes whose last check is older than the allowed age, with their age in days."""
    limit = data.stale_after_days if max_age_days is None else max_age_days
    return [(r, (today - r.checked).days) for r in data.routes.values() if (today - r.checked).days > limit]


# ----------------------------------------------------------------------------------------
# Rendering (pure: data + language in, Markdown out)
# ----------------------------------------------------------------------------------------

def format_date(date: dt.date, lang: str) -> str:
    """27 november 2026 / 27 November 2026."""
    return f"{date.day} {MONTHS[lang][date.month - 1]} {date.year}"


def _site_label(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def render_number(route: Route, lang: str) -> str:
    """The route's phone number(s) as tappable links: `[0800-2000](tel:+318002000){ .route-tel }`."""
    if not route.phones:
        raise ValueError(f"route '{route.id}' heeft geen nagekeken telefoonnummer")
    links = [f'[{p.display}]({p.href}){{ .route-tel aria-label="{tel_label(route, p, lang)}" }}' for p in route.phones]
    return f" {TEXT[lang]['or']} ".join(links)


def tel_label(route: Route, phone: Phone, lang: str) -> str:
    """What a screen reader says for a phone link: who you call, then the number ("Bel Veilig
    Thuis, 0800-2000"), not bare digits. A short number is spelled out, or a speech engine says
    "honderdtwaalf"; the visible number stays in the name so a voice user can say what they see."""
    template, name = TEXT[lang]["call_label"], route.name[lang].replace('"', "'")
    spoken = " ".join(phone.display) if phone.display.isdigit() and len(phone.display) <= 4 else phone.display
    label = template.format(name=name, number=spoken)
    return label if phone.display in label else template.format(name=name, number=phone.display)


def _call_line(route: Route, lang: str) -> str:
    t = TEXT[lang]
    if not route.phones:
        return route.contact[lang] if route.contact else t["see_site_phone"]
    price = t["free"] if route.free else (route.cost[lang] if route.cost else "")
    return render_number(route, lang) + (f" ({price})" if route.free else (f". {price}" if price else ""))


def render_card(route: Route, lang: str, anchor: bool = False) -> str:
    """One route as a card. With `anchor`, the name is a heading with id `route-<id>` (for the map)."""
    t = TEXT[lang]
    title = (f"#### {route.name[lang]} {{ #route-{route.id} }}" if anchor
             else f"**{route.name[lang]}**")
    facts = [f"- **{t['call'] if route.phones else t['contact']}:** {_call_line(route, lang)}"]
    if route.hours:
        facts.append(f"- **{t['hours']}:** {route.hours[lang]}")
    elif route.website:
        # A number whose hours no source confirms: a parent calling at night must not assume
        # someone answers (issue 20), so say that we do not know.
        unsure = "hours" in route.unverified and route.phones
        facts.append(f"- **{t['hours']}:** {t['unsure_hours' if unsure else 'see_site_hours']}")
    facts.append(f"- **{t['for']}:** {FOR_WHOM[route.for_whom][lang]}")
    if route.anonymous is not None:
        facts.append(f"- **{t['anonymous']}:** {t['yes'] if route.anonymous else t['no']}")
    if route.website:
        facts.append(f"- **{t['website']}:** [{_site_label(route.website)}]({route.website})")
    facts.append(f"- **{t['languages']}:** {language_facts(route, lang)}")
    checked = t["checked"].format(date=format_date(route.checked, lang), where=checked_where(route, lang))
    return "\n".join([
        f'<div class="route-card" markdown>', "", title, "", route.what[lang], "", *facts, "",
        checked, "{ .route-card__checked }", "", "</div>",
    ])


def _joined(items: list[str], word: str) -> str:
    """a, b en c / a, b and c."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def checked_where(route: Route, lang: str) -> str:
    """Where a route's facts were checked, for "Nagekeken op <datum> op <bron>": the sites of its
    sources (their full pages are in data/facts.yml with the date and how they were read), and the
    report when a fact comes from it."""
    t = TEXT[lang]
    sites = list(dict.fromkeys(_site_label(s["url"]) for s in route.sources if "url" in s))
    parts = [f"{t['checked_on']} {_joined(sites, t['and'])}"] if sites else []
    if any("report" in s for s in route.sources):
        parts.append(t["checked_report"])
    return f" {t['and']} ".join(parts)


def language_facts(route: Route, lang: str) -> str:
    """What a source says about using the route without Dutch; honestly unknown otherwise."""
    t, spoken = TEXT[lang], route.languages
    parts = []
    if spoken.phone:
        names = [LANGUAGE_NAMES[lang][code] for code in spoken.phone]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t['or']} " + names[-1]
        parts.append(t["answers_in"].format(langs=joined))
    if spoken.interpreter is not None:
        parts.append(t["interpreter_yes"] if spoken.interpreter else t["interpreter_no"])
    if spoken.dutch_menu:
        parts.append(t["dutch_menu"])
    if spoken.note:
        parts.append(spoken.note[lang])
    if not parts:
        parts.append(t["unknown_language"])
    if spoken.english_page:
        parts.append(f"{t['english_page']}: [{_page_label(spoken.english_page)}]({spoken.english_page})")
    return " ".join(parts)


def _page_label(url: str) -> str:
    """politie.nl/en; a long path is left out (the link holds it)."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return _site_label(url) + (path if len(path) <= 12 else "")


def render_languages(data: RouteData, lang: str) -> str:
    """`{{ talen }}`: per route what a source says about using it without Dutch; the routes no
    source says anything about are named together in one sentence, so nothing is guessed."""
    t = TEXT[lang]
    known = [r for r in data.routes.values() if r.languages.known or r.languages.english_page]
    rest = [r.name[lang] for r in data.routes.values() if r not in known and r.for_whom != "professionals"]
    lines = [f"- **{r.name[lang]}:** {language_facts(r, lang)}" for r in known]
    if rest:
        names = rest[0] if len(rest) == 1 else ", ".join(rest[:-1]) + f" {'en' if lang == 'nl' else 'and'} " + rest[-1]
        lines.append(f"- {t['rest_unknown'].format(names=names)}")
    return "\n".join(lines)


def render_phrase_card(data: RouteData, lang: str) -> str:
    """`{{ zinnenkaart }}`: Dutch sentences to say or show, with their English meaning. The Dutch
    is marked lang="nl" so a screen reader pronounces it as Dutch; on an English page it stays out
    of the search index, which holds English only (issue 16)."""
    head = TEXT[lang]["phrase_head"]
    # Each language's search index holds its own language only: the other column stays out.
    other = {code: "" if code == lang else " data-search-exclude" for code in ("nl", "en")}
    rows = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    rows += [f'| <span lang="nl"{other["nl"]}>**{p["nl"]}**</span> | <span lang="en"{other["en"]}>{p["en"]}</span> |'
             for p in data.phrase_card]
    return "\n".join(['<div class="zinnenkaart" markdown>', "", *rows, "", "</div>"])


def render_urgent(data: RouteData, lang: str) -> str:
    """The urgent-numbers box: every route marked `urgent`, in file order."""
    t = TEXT[lang]
    items = [
        f"- **{r.name[lang]}:** {render_number(r, lang)}" + (f" ({t['free']})" if r.free else "")
        for r in data.routes.values() if r.urgent
    ]
    return "\n".join([
        f'<div class="spoednummers" role="note" markdown>', "", f"**{t['urgent_title']}**", "",
        *items, "", "</div>",
    ])


def render_call_buttons(data: RouteData, lang: str, ids: Iterable[str]) -> str:
    """Large call buttons for the first screen of a page: one per route id, in the given order.

    A phone's main action in a crisis is one tap on a number: the button is the whole tel: link,
    with the route's name and what it is for. Its first phone number is the one dialled.
    """
    t = TEXT[lang]
    buttons = []
    for rid in ids:
        route = data.routes.get(rid)
        if route is None:
            raise ValueError(f"onbekende route '{rid}' in {{{{ belknoppen }}}} (bekend: {', '.join(data.routes)})")
        if not route.phones:
            raise ValueError(f"route '{rid}' heeft geen nagekeken telefoonnummer voor een belknop")
        phone = route.phones[0]
        # "Bel 112" and then "Alarmnummer 112" says nothing new: then say what it is for.
        what = route.what[lang] if phone.display in route.name[lang] else route.name[lang]
        buttons.append(
            f'<a class="call-button" href="{phone.href}">'
            f'<span class="call-button__number">{t["to"].capitalize()} {phone.display}</span> '
            f'<span class="call-button__what">{what}</span></a>'
        )
    if not buttons:
        raise ValueError("{{ belknoppen: id, id }} noemt geen route")
    return "\n".join(['<div class="call-buttons">', *buttons, "</div>"])


def render_footer_numbers(data: RouteData, lang: str) -> str:
    """The urgent numbers for the footer of every page (HTML: the theme's template shows it)."""
    t = TEXT[lang]
    items = []
    for r in data.routes.values():
        if r.urgent:
            phone = r.phones[0]
            label = r.name[lang] if phone.display in r.name[lang] else f"{r.name[lang]}: {phone.display}"
            items.append(f'<li><a class="footer-tel" href="{phone.href}">{label}</a></li>')
    return (f'<p class="footer-urgent__title">{t["footer_label"]}</p>'
            f'<ul class="footer-urgent__list">{"".join(items)}</ul>')


def render_routekaart(data: RouteData, lang: str) -> str:
    """'What is going on?' → who to contact; names link to the cards of `{{ routes }}` on the same page."""
    t = TEXT[lang]
    items = []
    for entry in data.routekaart:
        who = []
        for rid in entry.routes:
            route = data.routes[rid]
            contact = f"{t['to']} {render_number(route, lang)}" if route.phones else _site_label(route.website or "")
            # The arrow is decoration: read aloud it is "pijl naar rechts" before every route.
            who.append(f'    <span aria-hidden="true">→</span> [{route.name[lang]}](#route-{rid}): {contact}')
        lines = [f"- **{entry.situation[lang]}**  ", *[w + "  " for w in who[:-1]], who[-1]]
        if entry.extra:
            lines += ["", f"    {entry.extra[lang]}"]
        items.append("\n".join(lines))
    # A blank line after an item with an extra paragraph: without it Markdown reads the next
    # "- " as that paragraph's lazy continuation, and the next situation disappears into it.
    joined = "".join(item + ("\n\n" if "\n\n" in item else "\n") for item in items)
    return "\n".join([f'<div class="routekaart" markdown>', "", joined, "</div>"])


def render_routes(data: RouteData, lang: str) -> str:
    """All routes, grouped by when they can be reached; empty groups are left out."""
    blocks = []
    for group, label in AVAILABILITY.items():
        routes = [r for r in data.routes.values() if r.availability == group]
        if routes:
            blocks.append(f"### {label[lang]}")
            blocks.extend(render_card(r, lang, anchor=True) for r in routes)
    return "\n\n".join(blocks)


def _route_from(data: RouteData, directive: Directive) -> Route:
    route = data.routes.get(directive.argument)
    if route is None:
        raise ValueError(
            f"onbekende route '{directive.argument}' in {{{{ {directive.name} }}}} "
            f"(bekend: {', '.join(data.routes)})"
        )
    return route


def handlers(data: RouteData, lang: str) -> dict[str, Callable[[Directive], str]]:
    """The directive handlers of this feature, for scripts.content.directives.expand."""
    return {
        "spoednummers": lambda d: render_urgent(data, lang),
        "route": lambda d: render_card(_route_from(data, d), lang),
        "nummer": lambda d: render_number(_route_from(data, d), lang),
        "routekaart": lambda d: render_routekaart(data, lang),
        "routes": lambda d: render_routes(data, lang),
        "belknoppen": lambda d: render_call_buttons(data, lang, [i.strip() for i in d.argument.split(",") if i.strip()]),
        "talen": lambda d: render_languages(data, lang),
        "zinnenkaart": lambda d: render_phrase_card(data, lang),
    }


def page_problems(markdown: str, path: str, line_offset: int = 0) -> list[ContentError]:
    """`{{ routekaart }}` links to the cards of `{{ routes }}`: it needs them on the same page."""
    names = list(iter_directives(markdown))
    if any(d.name == "routekaart" for d in names) and not any(d.name == "routes" for d in names):
        line = next(d.line for d in names if d.name == "routekaart")
        return [ContentError(path, line + line_offset, "{{ routekaart }} hoort op een pagina met {{ routes }}")]
    return []


# ----------------------------------------------------------------------------------------
# Phone numbers typed in page text
# ----------------------------------------------------------------------------------------

# A candidate: a Dutch number (0..., +31..., 0031...) written with optional spaces/hyphens,
# or the short numbers 112/113. Not part of a larger number, word, section (§3.2), decimal
# (2,5), URL path or percentage.
# Between digits a writer (or Word's autocorrect) may put a space, a no-break or thin space (or
# its HTML entity), a dot, a hyphen, an en or em dash, or " - ": all of them still make a number
# someone can dial.
_ENTITY = re.compile(r"&nbsp;|&#160;|&#xa0;")
_SPACE = f"(?:[ \u00a0\u2009\u202f]|{_ENTITY.pattern})"
_SEP = f"(?:{_SPACE}?[-\u2010-\u2015\u2212]{_SPACE}?|{_SPACE}|\\.)?"
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w§.,/#=\-\u2010-\u2015])"
    rf"(?:(?:\+31|0031){_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{6,9}}|0\d(?:{_SEP}\d){{6,10}}|11[23])"
    r"(?![\w%]|[.,]\d)"
)
# "113 Zelfmoordpreventie" is the organisation's name, not a typed number.
_ORGANISATION_NAME = re.compile(r"\s+(Zelfmoordpreventie|Suicide Prevention)\b")


def national_digits(number: str) -> str:
    """0800-2000, +31 800 2000 and tel:+318002000 all become 08002000 (112 stays 112)."""
    number = _ENTITY.sub(" ", number.removeprefix("tel:"))
    digits = re.sub(r"\D", "", number)
    if number.startswith("+31") or number.startswith("0031"):
        digits = "0" + digits.removeprefix("00").removeprefix("31").removeprefix("0")
    return digits


def _is_phone_number(digits: str) -> bool:
    if digits in SHORT_NUMBERS:
        return True
    if re.match(r"0(800|900|906|909)", digits):
        return len(digits) in (8, 11)
    return len(digits) == 10 and digits.startswith("0")


def _mask_directives(markdown: str) -> str:
    """Blank out directive text (keeping newlines) so `{{ bron: §3.2 }}` arguments are not scanned."""
    chars = list(markdown)
    for d in iter_directives(markdown):
        for i in range(d.start, d.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def phone_numbers_in(text: str) -> Iterator[re.Match]:
    """Every phone number written in the text (the name "113 Zelfmoordpreventie" is not one)."""
    for match in _PHONE_CANDIDATE.finditer(text):
        digits = national_digits(match.group())
        if not _is_phone_number(digits):
            continue
        if digits in SHORT_NUMBERS and _ORGANISATION_NAME.match(text, match.end()):
            continue
        yield match


def _typed_in(text: str, own: Iterable[Phone] = ()) -> list[str]:
    """Numbers in free text other than the route's own (its name may be "Alarmnummer 112")."""
    allowed = {national_digits(p.display) for p in own}
    return [f"telefoonnummer '{m.group()}' in vrije tekst: zet nummers in 'phones' van een route"
            for m in phone_numbers_in(text) if national_digits(m.group()) not in allowed]


def _numbers_in_free_text(route: Route, raw_routes: list, path: str) -> list[ContentError]:
    """A route's free text is published as it is: a number typed there would skip every check."""
    raw = next((r for r in raw_routes if isinstance(r, dict) and r.get("id") == route.id), {})
    errors = []
    for key in ("name", "what", "hours", "contact", "cost"):
        for lang, text in (getattr(route, key) or {}).items():
            line = line_of(raw[key], lang) if isinstance(raw.get(key), dict) else line_of(raw, key)
            errors += [ContentError(path, line, f"route '{route.id}', {key} ({lang}): {reason}")
                       for reason in _typed_in(text, route.phones)]
    raw_note = (raw.get("languages") or {}).get("note") if isinstance(raw.get("languages"), dict) else None
    for lang, text in (route.languages.note or {}).items():
        line = line_of(raw_note, lang) if isinstance(raw_note, dict) else route.line
        errors += [ContentError(path, line, f"route '{route.id}', languages, note ({lang}): {reason}")
                   for reason in _typed_in(text, route.phones)]
    return errors


def typed_numbers(markdown: str, data: RouteData, path: str, line_offset: int = 0) -> list[ContentError]:
    """Phone numbers typed by hand in page text; numbers must come from the data via directives."""
    known = {national_digits(p.display): r.id for r in data.routes.values() for p in r.phones}
    text = _mask_directives(markdown)
    lines = LineIndex(text)
    errors = []
    for match in phone_numbers_in(text):
        digits = national_digits(match.group())
        line = lines.line(match.start()) + line_offset
        if digits in known:
            reason = (f"telefoonnummer '{match.group()}' met de hand getypt: "
                      f"gebruik {{{{ nummer: {known[digits]} }}}}")
        else:
            reason = (f"telefoonnummer '{match.group()}' staat niet in {data.path}: "
                      "voeg het toe aan een route en gebruik {{ nummer: id }}")
        errors.append(ContentError(path, line, reason))
    return errors


def line_offset(source: str, markdown: str) -> int:
    """Lines MkDocs stripped from the top of the page (front matter), so errors name the file's line."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


# ----------------------------------------------------------------------------------------
# Maintainer report and CLI
# ----------------------------------------------------------------------------------------

def stale_notice(route: Route, age: int, limit: int, path: str) -> str:
    """The 'LET OP' line the build and the report print for a route that needs a new check."""
    return (f"LET OP: {path}:{route.line}: route '{route.id}' is {age} dagen geleden gecontroleerd "
            f"(op {route.checked.isoformat()}; grens {limit} dagen): controleer nummer, tijden en website opnieuw")


def report(data: RouteData, today: dt.date, max_age_days: int | None = None) -> str:
    """Every route with its check date and age; stale ones marked; withheld facts listed."""
    limit = data.stale_after_days if max_age_days is None else max_age_days
    stale = {r.id for r, _ in stale_routes(data, today, limit)}
    lines = [f"Hulproutes in {data.path} (vandaag {today.isoformat()}, grens {limit} dagen)", ""]
    for r in data.routes.values():
        age = (today - r.checked).days
        phones = ", ".join(p.display for p in r.phones) or "geen nummer"
        mark = "  <- LET OP: opnieuw controleren" if r.id in stale else ""
        lines.append(f"{r.id:24} {r.checked.isoformat()}  {age:4} dagen  {phones}{mark}")
        if r.unverified:
            lines.append(f"{'':24} niet gepubliceerd (onzeker): {', '.join(r.unverified)}")
    lines += ["", "Niet gepubliceerd:"]
    lines += [f"- {item.get('id')}: {item.get('reason')}" for item in data.not_published]
    lines += ["", f"{len(data.routes)} routes, {sum(len(r.phones) for r in data.routes.values())} nummers, "
              f"{len(stale)} te oud."]
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer data/routes.yml; --report toont de leeftijd van elke controle.")
    parser.add_argument("file", nargs="?", default=str(ROUTES_FILE), help="routes-bestand (standaard data/routes.yml)")
    parser.add_argument("--report", action="store_true", help="toon elke route met de leeftijd van de controle")
    parser.add_argument("--max-age", type=int, default=None, help="dagen voordat een controle te oud is")
    args = parser.parse_args(list(argv) if argv is not None else None)
    today = dt.date.today()
    if not Path(args.file).is_file():
        print(f"{args.file}: bestand niet gevonden", file=sys.stderr)
        return 2
    try:
        data = load(args.file, today)
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    if args.report:
        print(report(data, today, args.max_age))
    else:
        limit = data.stale_after_days if args.max_age is None else args.max_age
        for route, age in stale_routes(data, today, limit):
            print(stale_notice(route, age, limit, data.path), file=sys.stderr)
        print(f"{data.path}: {len(data.routes)} routes in orde")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
