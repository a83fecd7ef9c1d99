"""Meaning, not only letters: how a page uses a quote, a figure or a claim (issue 14).

The quote check proves that a parent's words are verbatim; these checks guard what they are
used to say. One entry point, `check_meaning(text, path, lang)`, on a file's own text (front
matter included, CRLF and BOM tolerated), returns `path:line: reason` errors at editor lines:

1. quote-bron    a quote's report section is among the report sections in the `bron` of the
                 section it stands in (`§3` covers `§3.2`).
2. weglating     a `[…]` may not leave out a negation or a number from the sentences it cuts,
                 unless the line directly under the attribution is `{{ weglating: reason }}`.
3. aanhaling     words in quotation marks in running text (four or more) are verbatim report
                 text, attributed in the same paragraph (or shown as a quote in the section);
                 on English pages they may also be (part of) the translation of a quote on the
                 page. A title in quotation marks is not a quote.
4. cijfer        a figure about the study comes from data/report-figures.yml: the section's
                 `bron` cites one of its §§ (and, for counts of the parents, the section gives
                 the caveat); a study-figure-like phrase that is not registered fails.
5. buitenbron    a section that states law names an official outside source in its `bron`.
                 (A section whose `bron` has no report § always names an outside source: the
                 bron syntax itself allows nothing else, scripts/content/source_lines.py.)
6. tijd          a known finding of the study period (interviews autumn 2018, report 2021) is not
                 told in the present tense as if it held today ("de PLO bestaat in Nederland
                 niet", "Fier en Sterk Huis helpen ouders alleen als …"): a parent must not read it
                 as today's offer (issue 30). A sentence that dates itself ("In 2021 schreef het
                 rapport: …") and quotes are left alone. "Bevindingen uit 2021" misdates the
                 interviews (autumn 2018) and is always refused.

CLI: python -m scripts.content.meaning [PATH ...]   (default: docs leaflets) prints every flag and a
count per check; exit 1 if anything is flagged.
"""
from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import urlparse

import yaml

from scripts.content import quotes
from scripts.content.source_text import display_path, language_of, read_text, split_front_matter
from scripts.content.directives import iter_directives
from scripts.content.errors import ContentError
from scripts.content.routes import phone_numbers_in
from scripts.content.readability import Unit, prose_units, split_sentences, words
from scripts.content.report_text import APPENDIX, ROOT
from scripts.content.source_lines import ExternalRef, PageSources, Ref, ReportRef, known_sorted, report_sections, scan_page

REGISTRY = ROOT / "data" / "report-figures.yml"
MARKER = "weglating"
REPORT_TITLE = "Ouders aan het woord"
MIN_QUOTED_WORDS = 4
LANGS = ("nl", "en")

NEGATIONS = frozenset("""
    niet geen nooit niets niks nergens niemand noch nimmer allerminst
    not no never nothing nobody none nowhere neither nor cannot
""".split())
NUMBER_WORDS = frozenset("""
    één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien
    zestien zeventien achttien negentien twintig dertig veertig vijftig honderd duizend miljoen
    helft kwart anderhalf tweeënhalf
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty hundred thousand million half quarter
""".split())
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
SENTENCE_BREAK = re.compile(r"[.!?…]+['’”\"]*\s+(?=\S)")
SENTENCE_END = re.compile(r"[.!?…]+['’”\"]*$")

# Quotation marks in running text. A ’ followed by a letter is an apostrophe (PLO’s, zo’n).
QUOTED = re.compile(r"‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)|“([^“”\n]+)”|\"([^\"\n]+)\"")
PARENT_NAMED = re.compile(r"\b(?:ouder|parent)\s+(\d+)\b", re.I)
REPORT_NAMED = re.compile(r"\brapport\w*|\breport\b|Ouders aan het woord|\bonderzoekers\b|\bresearchers\b|"
                          r"\bauthors\b|\b[A-Z][\w-]+(?: e\.a\.| et al\.)?,? \(?(?:19|20)\d\d\)?")

# What looks like a figure about the study, per language (see `figure_like`). A possessive
# before a number ("haar twee kinderen") is one family's own count, not the study's.
NUM = {
    "nl": r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|honderd|\d+(?:[.,]\d+)?)",
    "en": r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|\d+(?:[.,]\d+)?)",
}
ONE = {"nl": r"(?:één|een)", "en": r"(?:one|a)"}
POSSESSIVE = {"nl": r"(?<!\bhaar )(?<!\bzijn )(?<!\bhun )(?<!\bmijn )(?<!\bjouw )(?<!\bje )(?<!\bonze )",
              "en": r"(?<!\bher )(?<!\bhis )(?<!\btheir )(?<!\bmy )(?<!\byour )(?<!\bour )"}
STUDY_NOUN = {
    "nl": r"(?:ouders|gezinnen|families|moeders|vaders|respondenten|interviews|gesprekken|PLO'?s|onderzoekers)",
    "en": r"(?:parents|families|mothers|fathers|respondents|interviews|conversations|PLOs|PLO's|researchers)",
}
# The words that may stand between the number and the noun ("negen andere ouders").
STUDY_ADJECTIVE = {"nl": r"(?:andere|Nederlandse|Engelse|geïnterviewde|ondervraagde|betrokken)",
                   "en": r"(?:other|Dutch|English|interviewed|surveyed)"}
FRACTION = {
    "nl": r"\bhelft\b|\bmeerderheid\b|\bmerendeel\b|\b(?:bijna|vrijwel|nagenoeg)\s+alle\s+(?:\w+\s+)?(?:ouders|gezinnen)\b",
    "en": r"\bhalf\s+(?:of\s+)?the\s+(?:\w+\s+)?(?:parents|families)\b|\b(?:about|more than|nearly|almost|around|roughly)\s+half\b"
          r"|\bmajority\b|\b(?:nearly|almost|virtually)\s+all\s+(?:the\s+)?(?:\w+\s+)?(?:parents|families)\b",
}
PROPORTION = {
    "nl": rf"\b(?:{NUM['nl']}|{ONE['nl']})\s+(?:van|op|uit)\s+(?:de\s+|het\s+)?(?:{NUM['nl']}|hen)\b",
    "en": rf"\b(?:{NUM['en']}|{ONE['en']})\s+(?:(?:out\s+)?of\s+(?:the\s+)?(?:{NUM['en']}|them)|in\s+{NUM['en']})\b",
}
PERCENT = r"\b\d+(?:[.,]\d+)?\s?(?:%|procent\b|per\s?cent\b)"
DURATION = {"nl": rf"\b{NUM['nl']}\s+(?:jaar|jaren|maanden|weken)\b",
            "en": rf"\b{NUM['en']}\s+(?:years?|months?|weeks?)\b"}
# A percentage or a duration is about the study only in a sentence that is.
STUDY_ANCHOR = re.compile(r"\b(?:onderzo\w*|rapport\w*|verkenning|interview\w*|gesprekken|peiling|geïnterviewd\w*|"
                          r"study|studies|report\w*|research\w*|survey|poll)\b", re.I)
MONTHS = ("januari februari maart april mei juni juli augustus september oktober november december "
          "january february march april may june july august october").split()
YEAR = re.compile(r"(?<![\w/.:-])(?:19|20)\d\d(?![\w/-])")
DATE_BEFORE = re.compile(rf"(?:{'|'.join(MONTHS)})\s*$", re.I)

# Law stated in the text needs the law or a government page as its source (CONTRIBUTING.md).
LAW = {
    "nl": re.compile(r"\bart(?:ikel|\.)\s*\d+[a-z]*(?::\d+)?|\bWetboek\b|\bJeugdwet\b|\bWGBO\b|\bwet(?:telijk\w*)?\b"
                     r"|\bvolgens de wet\b", re.I),
    "en": re.compile(r"\bArt(?:icle|\.)\s*\d+[a-z]*(?::\d+)?|\bCriminal Code\b|\bCivil Code\b|\bYouth Act\b"
                     r"|\bby law\b|\blegally\b", re.I),
}
# Known claims of the study period in the present tense, as a parent would read them today.
# A small list of phrasings that were on the pages (issue 30); the fix is a dated past tense:
# "In 2021 schreef het rapport …", "vraag wat ze nu bieden".
STUDY_PRESENT = {
    "nl": re.compile(
        r"\bbestaa?t\b[^.!?]{0,40}\bin Nederland\b[^.!?]{0,10}\bniet\b"
        r"|\bin Nederland bestaa?t\b[^.!?]{0,30}\bniet\b"
        r"|\bin Nederland is er geen\b|\bNederland heeft geen\b"
        r"|\bIn Engeland bestaat\b"
        r"|\bFier en Sterk Huis (?:helpen|letten|bieden|zijn gespecialiseerd)\b", re.I),
    "en": re.compile(
        r"\b(?:does|do) not exist in the Netherlands\b"
        r"|\bin the Netherlands (?:that|this|the) (?:role|PLO|function) does not exist\b"
        r"|\bthere is no (?:PLO|such (?:worker|role)|professional with the role)\b|\bthe Netherlands has no\b"
        r"|\bIn England there is PACE\b"
        r"|\bFier and Sterk Huis (?:help|look after|offer|specialise)\b", re.I),
}
# A sentence that dates itself ("In 2021 schreef het rapport: …") may report the finding.
DATED = re.compile(r"\b(?:2018|2021|schreef|toen|wrote|at the time)\b", re.I)
# The findings are from interviews in autumn 2018; 2021 is the year the report appeared.
MISDATED = {"nl": re.compile(r"\bbevindingen uit 2021\b", re.I), "en": re.compile(r"\bfindings from 2021\b", re.I)}
OFFICIAL_HOSTS = ("overheid.nl", "rijksoverheid.nl", "government.nl", "officielebekendmakingen.nl",
                  "rechtspraak.nl")


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Figure:
    id: str
    sections: tuple[str, ...]
    caveat: bool
    patterns: dict[str, tuple[re.Pattern, ...]]
    line: int


@dataclass(frozen=True)
class Registry:
    figures: tuple[Figure, ...]
    caveat: dict[str, tuple[re.Pattern, ...]]
    path: str


class RegistryError(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


def parse_registry(raw: bytes | str, path: str, sections: Iterable[str] | None = None) -> Registry:
    """The registry from its YAML text, validated by type; RegistryError lists every problem
    as `path:line: reason` (bad YAML and non-UTF-8 included, never a traceback)."""
    errors: list[ContentError] = []

    def err(node, reason: str) -> None:
        errors.append(ContentError(path, (node.start_mark.line + 1) if node is not None else 1, reason))

    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RegistryError([ContentError(path, raw[:error.start].count(b"\n") + 1, "geen UTF-8-tekst")]) from None
    try:
        root = yaml.compose(raw.lstrip("\ufeff"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise RegistryError([ContentError(path, mark.line + 1 if mark else 1,
                                          f"geen geldige YAML: {getattr(error, 'problem', error)}")]) from None
    known = set(report_sections() if sections is None else sections)

    def mapping(node, where: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            err(node, f"{where} moet een lijst van 'sleutel: waarde' zijn")
            return {}
        return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}

    def strings(node, where: str) -> list[tuple[str, yaml.Node]]:
        if not isinstance(node, yaml.SequenceNode):
            err(node, f"{where} moet een lijst zijn")
            return []
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or item.tag == "tag:yaml.org,2002:null" or not item.value.strip():
                err(item, f"{where}: elk item moet tekst zijn")
            else:
                out.append((item.value, item))
        return out

    def patterns(node, where: str) -> tuple[re.Pattern, ...]:
        out = []
        for text, item in strings(node, where):
            try:
                out.append(re.compile(text, re.I))
            except re.error as error:
                err(item, f"{where}: '{text}' is geen geldige reguliere expressie ({error})")
        return tuple(out)

    top = mapping(root, "het register") if root is not None else {}
    if root is None:
        errors.append(ContentError(path, 1, "leeg register: verwacht 'caveat:' en 'figures:'"))
    for key in top:
        if key not in ("caveat", "figures"):
            err(root, f"onbekende sleutel '{key}' (wel: caveat, figures)")
    caveat: dict[str, tuple[re.Pattern, ...]] = {}
    if "caveat" in top:
        by_lang = mapping(top["caveat"], "caveat")
        for lang in LANGS:
            if lang not in by_lang:
                err(top["caveat"], f"caveat: taal '{lang}' ontbreekt")
            else:
                caveat[lang] = patterns(by_lang[lang], f"caveat.{lang}")
    elif root is not None:
        err(root, "'caveat:' ontbreekt")
    figures: list[Figure] = []
    seen: set[str] = set()
    items = top.get("figures")
    if items is None and root is not None:
        err(root, "'figures:' ontbreekt")
    elif items is not None and not isinstance(items, yaml.SequenceNode):
        err(items, "figures moet een lijst zijn")
    for node in (items.value if isinstance(items, yaml.SequenceNode) else []):
        fields = mapping(node, "een cijfer")
        if not fields:
            continue
        for key in fields:
            if key not in ("id", "sections", "caveat", *LANGS):
                err(node, f"onbekende sleutel '{key}' (wel: id, sections, caveat, nl, en)")
        ident = fields.get("id")
        name = ident.value if isinstance(ident, yaml.ScalarNode) and ident.value.strip() else None
        if name is None:
            err(ident if ident is not None else node, "elk cijfer heeft een 'id' (tekst)")
            name = "?"
        elif name in seen:
            err(ident, f"id '{name}' staat er twee keer in")
        seen.add(name)
        secs = []
        if "sections" not in fields:
            err(node, f"{name}: 'sections' ontbreekt (de §§ van het rapport, of [] voor het jaar van het rapport)")
        elif isinstance(fields["sections"], yaml.SequenceNode) and not fields["sections"].value:
            pass
        else:
            for text, item in strings(fields["sections"], f"{name}: sections"):
                section = text.strip().lstrip("§").strip()
                if section.lower() == APPENDIX.lower():
                    section = APPENDIX
                if section not in known:
                    err(item, f"{name}: §{section} bestaat niet in het rapport")
                secs.append(section)
        flag = fields.get("caveat")
        if flag is None or flag.tag != "tag:yaml.org,2002:bool":
            err(flag if flag is not None else node, f"{name}: 'caveat' moet true of false zijn")
            needs = False
        else:
            needs = yaml.safe_load(flag.value) is True
        pats = {}
        for lang in LANGS:
            if lang not in fields:
                err(node, f"{name}: patronen voor '{lang}' ontbreken")
            else:
                pats[lang] = patterns(fields[lang], f"{name}.{lang}")
        figures.append(Figure(name, tuple(secs), needs, pats, node.start_mark.line + 1))
    if errors:
        raise RegistryError(errors)
    return Registry(tuple(figures), caveat, path)


def load_registry(path: str | Path = REGISTRY) -> Registry:
    """The registry file, read once per process per file version."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise RegistryError([ContentError(display_path(path, ROOT), 1, "register ontbreekt")]) from None
    return _load_registry(str(path), stamp)


@lru_cache(maxsize=4)
def _load_registry(path: str, _stamp: int) -> Registry:
    return parse_registry(Path(path).read_bytes(), display_path(path, ROOT))


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class Part:
    """The page from one `##` heading to the next (the first part: above the first `##`)."""

    line: int  # the heading's line; 0 for the part above the first heading
    title: str
    refs: tuple[Ref, ...]
    cited: bool  # the part has a source line


@dataclass
class Page:
    path: str
    lang: str
    lines: list[str]  # the file's lines, index 0 = line 1
    offset: int  # lines of front matter
    body: str
    sources: PageSources
    parts: list[Part]
    units: list[Unit]  # prose, blockquotes left out
    blocks: list  # quotes.check_blocks: (Blockquote, verdict)

    def part_at(self, line: int) -> Part:
        # Parts are in line order: a bisect keeps a long page linear (one lookup per sentence).
        return self.parts[bisect.bisect_right(self.part_lines, line) - 1]

    @cached_property
    def part_lines(self) -> list[int]:
        return [p.line for p in self.parts]

    def line_of(self, start: int, needle: str) -> int:
        """The first file line from `start` that contains `needle` (markup aside); else `start`."""
        probe = " ".join(needle.split()[:3]).casefold()
        for number in range(start, min(start + 60, len(self.lines) + 1)):
            if probe and probe in re.sub(r"[*_`]", "", self.lines[number - 1]).casefold():
                return number
        return start


def read_page(text: str, path: str, lang: str) -> Page | None:
    """The page parsed once for every check; None when its front matter is broken (the source
    check reports that)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        _, body, offset = split_front_matter(text)
    except ValueError:
        return None
    sources = scan_page(text, path)
    parts = []
    h2s = [h for h in sources.headings if h.level == 2]
    by_heading: dict = {}
    for citation in sources.citations:
        by_heading.setdefault(citation.heading.line if citation.heading else None, []).append(citation)
    for heading in [None, *h2s]:
        cites = by_heading.get(heading.line if heading else None, [])
        parts.append(Part(heading.line if heading else 0, heading.title if heading else "",
                          tuple(r for c in cites for r in c.refs), bool(cites)))
    units = prose_units(body, offset + 1)
    blocks = quotes.check_blocks(body, path, offset + 1, lang)
    return Page(path, lang, text.split("\n"), offset, body, sources, parts, units, blocks)


def covers(refs: Sequence[Ref], section: str) -> bool:
    """A bron of `§3` covers `§3.2`; `§3.2` covers only itself."""
    return any(isinstance(r, ReportRef) and (section == r.section or section.startswith(r.section + "."))
               for r in refs)


def _cited(part: Part) -> str:
    report = [f"§{r.section}" if r.section != APPENDIX else APPENDIX for r in part.refs if isinstance(r, ReportRef)]
    return ", ".join(report) if report else "geen paragraaf van het rapport"


def _where(part: Part) -> str:
    return f"sectie '{part.title}'" if part.line else "de tekst boven de eerste ##-kop"


def _verified(page: Page):
    """(block, quote) for every quote that holds and comes from the report."""
    return [(b, r.quote) for b, r in page.blocks if r.quote and r.quote.kind in ("parent", "report")]


# --------------------------------------------------------------------------- 1. quote-bron


def check_quote_sections(page: Page) -> list[ContentError]:
    out = []
    for block, quote in _verified(page):
        part = page.part_at(quote.line)
        if not part.cited and page.sources.exempt:
            continue
        if quote.section and not covers(part.refs, quote.section):
            who = f"ouder {quote.parent}" if quote.kind == "parent" else "de rapportschrijvers"
            hint = (f"zet §{quote.section} in de bronregel" if part.cited
                    else f"zet {{{{ bron: §{quote.section} }}}} boven dit citaat")
            out.append(ContentError(page.path, quote.line, (
                f"citaat van {who} staat in §{quote.section} van het rapport, maar de bron van "
                f"{_where(part)} noemt {_cited(part)}: {hint}, of kies een citaat uit de genoemde paragrafen")))
    return out


# --------------------------------------------------------------------------- 2. weglating


def _markers(page: Page) -> dict[int, tuple[int, str]]:
    """0-based body line → (file line, reason) of every `{{ weglating: … }}`."""
    return {d.line - 1: (page.offset + d.line, d.argument) for d in iter_directives(page.body) if d.name == MARKER}


def cut_words(omission: quotes.Omission) -> list[str]:
    """The negations and numbers a `[…]` removes from the sentences the quote keeps part of:
    the rest of a sentence it cuts into, and the start of a sentence it resumes in. Whole
    sentences left out are not part of what the kept words say."""
    text = omission.text.replace(quotes.GAP, " ")
    pieces = SENTENCE_BREAK.split(text)
    cuts_in = bool(omission.left) and not SENTENCE_END.search(omission.left)
    resumes_in = bool(omission.right) and not SENTENCE_END.search(text)
    scoped = ([pieces[0]] if cuts_in else []) + ([pieces[-1]] if resumes_in and (len(pieces) > 1 or not cuts_in) else [])
    found = []
    for piece in scoped:
        for token in TOKEN.findall(piece):
            word = token.lower()
            if word in NEGATIONS or word in NUMBER_WORDS or word.endswith("n't") or any(c.isdigit() for c in word):
                found.append(token)
    return found


def _source_texts(quote: quotes.Quote, index: quotes.Index) -> list[list[str]]:
    if quote.kind == "parent":
        return [list(p.turns) for p in index.report.passages if p.id == quote.passage_id]
    return [[text] for section, text in index.prose if section == quote.section]


def check_elisions(page: Page) -> list[ContentError]:
    index = quotes.index_for()
    markers = _markers(page)
    used: set[int] = set()
    out = []
    for block, quote in _verified(page):
        marker = markers.get(block.end)
        if marker is not None:
            used.add(block.end)
        if quotes.GAP not in quotes.normalize(quote.text):
            if marker is not None:
                out.append(ContentError(page.path, marker[0], "{{ weglating }} staat onder een citaat zonder […]"))
            continue
        if marker is not None and not marker[1]:
            out.append(ContentError(page.path, marker[0], "{{ weglating }} zonder reden: schrijf {{ weglating: waarom dit mag }}"))
        if marker is not None:
            continue
        found = None
        for turns in _source_texts(quote, index):
            found = quotes.omissions(quote.text, turns)
            if found is not None:
                break
        gap_lines = _gap_lines(page, block, quote)
        for number, omission in enumerate(found or []):
            removed = cut_words(omission)
            if removed:
                shown = ", ".join(f"'{w}'" for w in dict.fromkeys(removed))
                line = gap_lines[number] if number < len(gap_lines) else quote.line
                out.append(ContentError(page.path, line, (
                    f"[…] laat {shown} weg uit de zin die het citaat afknipt (rapport: "
                    f"‘…{_around(omission)}…’): een weglating mag geen ontkenning of getal weghalen. "
                    f"Neem het mee, of zet na een tweede lezing op de regel onder de bronvermelding "
                    f"{{{{ weglating: reden }}}}")))
    for index_line, (line, _) in markers.items():
        if index_line not in used:
            out.append(ContentError(page.path, line,
                                    "{{ weglating }} hoort op de regel direct onder de bronvermelding van een citaat"))
    return out


def _around(omission: quotes.Omission, size: int = 12) -> str:
    words_ = omission.text.split()
    if omission.where == "start":
        words_ = words_[-size:]
    elif omission.where == "end" or len(words_) <= size:
        words_ = words_[:size]
    else:
        words_ = words_[:size // 2] + ["…"] + words_[-size // 2:]
    return " ".join(words_)


def _gap_lines(page: Page, block, quote: quotes.Quote) -> list[int]:
    """File lines of the quote's `[…]` marks in the verified (Dutch) text: the last ones of the
    block, as an English page puts its translation first."""
    first = page.offset + 1 + block.start
    per_line = [(first + k, quotes.normalize(line).count(quotes.GAP)) for k, line in enumerate(block.lines)]
    lines = [number for number, count in per_line for _ in range(count)]
    wanted = quotes.normalize(quote.text).count(quotes.GAP)
    return lines[len(lines) - wanted:] if wanted else []


# --------------------------------------------------------------------------- 3. aanhaling


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", quotes.normalize(text).casefold()).split())


@lru_cache(maxsize=4)
def site_titles(lang: str) -> frozenset[str]:
    """Titles of the handbook's pages and leaflets in one language, folded: a title in quotation
    marks names a page, it does not quote anyone."""
    titles = {_fold(REPORT_TITLE)}
    for folder in (ROOT / "docs" / lang, ROOT / "leaflets" / lang):
        for file in folder.rglob("*.md"):
            try:
                meta, body, _ = split_front_matter(file.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            found = re.findall(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*\})?\s*$", body, re.M)
            if isinstance(meta.get("title"), str):
                found.append(meta["title"])
            titles.update(title_forms(found))
    return frozenset(titles)


def title_forms(titles: Iterable[str]) -> set[str]:
    """Each title folded, whole and in its parts around a dash or colon ("Wat zie ik? —
    notitieboekje" is also "Wat zie ik?")."""
    out = set()
    for title in titles:
        out.add(_fold(title))
        out.update(_fold(part) for part in re.split(r"\s[—–-]\s|:\s", title) if part.strip())
    return out


def quoted_spans(text: str) -> list[str]:
    """Every stretch in quotation marks (‘…’, “…”, "…") of a prose unit."""
    return [next(g for g in m.groups() if g is not None).strip() for m in QUOTED.finditer(text)]


def _in_report(span: str, index: quotes.Index) -> list[tuple[str, int | None, str]]:
    found = quotes.locate(span, index)
    if not found and span[:1].isalpha():  # a quote taken from mid-sentence may change the first letter's case
        found = quotes.locate(span[0].swapcase() + span[1:], index)
    return found


def check_quoted_text(page: Page, titles: Iterable[str] | None = None) -> list[ContentError]:
    index = quotes.index_for()
    known = set(site_titles(page.lang) if titles is None else title_forms(titles))
    known |= title_forms([h.title for h in page.sources.headings] + [REPORT_TITLE])
    shown = _verified(page)
    out = []
    for unit in page.units:
        for span in quoted_spans(unit.text):
            if len(words(span)) < MIN_QUOTED_WORDS or _fold(span) in known:
                continue
            line = page.line_of(unit.line, span)
            part = page.part_at(line)
            nearby = [q for _, q in shown if page.part_at(q.line) == part]
            found = _in_report(span, index)
            if found:
                parents = {p for kind, p, _ in found if kind == "parent"}
                named = {int(n) for n in PARENT_NAMED.findall(unit.text)}
                attributed = (parents & named or (any(k == "report" for k, _, _ in found) and REPORT_NAMED.search(unit.text))
                              or any(_fold(span) in _fold(q.text) for q in nearby))
                if not attributed:
                    kind, parent, section = found[0]
                    who = f"ouder {parent}" if kind == "parent" else "de rapportschrijvers"
                    name = f"'ouder {parent}'" if kind == "parent" else "het rapport"
                    out.append(ContentError(page.path, line, (
                        f"‘{_short(span)}’ zijn woorden van {who} (§{section}), maar de alinea zegt niet van wie: "
                        f"noem {name} in dezelfde alinea, of toon het als citaat met bronvermelding")))
                continue
            if page.lang == "en" and any(q.translation and _fold(span) in _fold(q.translation) for _, q in shown):
                source = [q for _, q in shown if q.translation and _fold(span) in _fold(q.translation)]
                named = {int(n) for n in PARENT_NAMED.findall(unit.text)}
                if any(q in nearby or (q.parent in named) or (q.kind == "report" and REPORT_NAMED.search(unit.text))
                       for q in source):
                    continue
                q = source[0]
                who = f"parent {q.parent}" if q.kind == "parent" else "the report"
                out.append(ContentError(page.path, line, (
                    f"‘{_short(span)}’ is de vertaling van een citaat van {who} op deze pagina, maar de alinea "
                    f"zegt niet van wie: noem '{who}' in dezelfde alinea")))
                continue
            if page.lang == "en":
                reason = (f"‘{_short(span)}’ staat tussen aanhalingstekens, maar is geen Nederlandse rapporttekst "
                          f"en geen vertaling van een citaat op deze pagina: een parafrase krijgt geen "
                          f"aanhalingstekens (haal ze weg, of citeer als blockquote met 'Original:')")
            else:
                reason = (f"‘{_short(span)}’ staat tussen aanhalingstekens maar niet letterlijk in het rapport: "
                          f"een parafrase krijgt geen aanhalingstekens (haal ze weg, of citeer letterlijk)")
            out.append(ContentError(page.path, line, reason))
    return out


def _short(text: str, size: int = 8) -> str:
    w = text.split()
    return " ".join(w[:size]) + ("…" if len(w) > size else "")


# --------------------------------------------------------------------------- 4. cijfer


def figure_like(sentence: str, lang: str) -> list[tuple[int, int]]:
    """Spans of a sentence that state a figure about the study: a count of parents, families or
    interviews ("negen ouders"), a proportion ("acht van de negen", "de helft"), a year (not in a
    date), and a percentage or duration in a sentence about the study ("2,5 jaar na de
    interviews"). Ages, phone numbers, ids ("ouder 5") and the report's structure ("drie
    dimensies") are not."""
    spans = []
    patterns = [
        rf"{POSSESSIVE[lang]}\b{NUM[lang]}\s+(?:{STUDY_ADJECTIVE[lang]}\s+)?{STUDY_NOUN[lang]}\b",
        PROPORTION[lang],
        FRACTION[lang],
    ]
    if STUDY_ANCHOR.search(sentence):
        patterns += [PERCENT, DURATION[lang]]
    for pattern in patterns:
        spans += [m.span() for m in re.finditer(pattern, sentence, re.I)]
    phones = [m.span() for m in phone_numbers_in(sentence)]  # "0800–2000" holds no year
    spans += [m.span() for m in YEAR.finditer(sentence) if not DATE_BEFORE.search(sentence[:m.start()])
              and not any(_overlaps(m.span(), phone) for phone in phones)]
    return sorted(spans)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def check_figures(page: Page, registry: Registry) -> list[ContentError]:
    out = []
    text_of: dict[int, str] = {}
    for unit in page.units:
        key = page.part_at(unit.line).line
        text_of[key] = text_of.get(key, "") + " " + unit.text
    reported: set[tuple[int, str, str]] = set()
    for unit in page.units:
        part = page.part_at(unit.line)
        # Words in quotation marks are checked as quotes (check 3), not as the page's own claims.
        prose = QUOTED.sub(lambda m: " " * len(m.group(0)), unit.text)
        for sentence in split_sentences(prose):
            registered = [(m.span(), figure) for figure in registry.figures
                          for pattern in figure.patterns.get(page.lang, ()) for m in pattern.finditer(sentence)]
            outside = any(isinstance(r, ExternalRef) for r in part.refs)
            only_outside = outside and not any(isinstance(r, ReportRef) for r in part.refs)
            for span in figure_like(sentence, page.lang):
                phrase = sentence[span[0]:span[1]]
                # A year from a named outside source (a later article) is that source's, not the
                # study's; so is any figure of a section that rests on outside sources only.
                if outside and YEAR.fullmatch(phrase) or only_outside:
                    continue
                if not any(_overlaps(span, r) for r, _ in registered):
                    out.append(ContentError(page.path, page.line_of(unit.line, phrase), (
                        f"'{phrase}' lijkt een cijfer over het onderzoek, maar staat niet in {registry.path}: "
                        f"neem het cijfer over zoals het rapport het geeft en zet het met zijn § in het register")))
            for span, figure in registered:
                phrase = sentence[span[0]:span[1]]
                line = page.line_of(unit.line, phrase)
                if figure.sections and not (not part.cited and page.sources.exempt) \
                        and not any(covers(part.refs, s) for s in figure.sections) \
                        and (part.line, figure.id, "bron") not in reported:
                    reported.add((part.line, figure.id, "bron"))
                    where = " of ".join(f"§{s}" if s != APPENDIX else APPENDIX for s in known_sorted(figure.sections))
                    hint = ("zet een van die paragrafen in de bronregel" if part.cited
                            else f"zet {{{{ bron: §{figure.sections[0]} }}}} onder deze tekst")
                    out.append(ContentError(page.path, line, (
                        f"'{phrase}' ({figure.id}) staat in {where} van het rapport, maar de bron van "
                        f"{_where(part)} noemt {_cited(part)}: {hint}")))
                if figure.caveat and (part.line, figure.id, "caveat") not in reported and not all(
                        p.search(text_of.get(part.line, "")) for p in registry.caveat.get(page.lang, ())):
                    reported.add((part.line, figure.id, "caveat"))
                    out.append(ContentError(page.path, line, (
                        f"'{phrase}' telt de ouders van het onderzoek: zeg in dezelfde sectie dat het om negen "
                        f"ouders ging, gevonden via een meldpunt nadat hulp vaak niet had gewerkt (§1.1), zodat "
                        f"niemand het als eigen kans leest (patronen: caveat in {registry.path})")))
    return out


# --------------------------------------------------------------------------- 5. buitenbron


def _official(ref: Ref) -> bool:
    if not isinstance(ref, ExternalRef):
        return False
    host = (urlparse(ref.url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def check_outside_sources(page: Page) -> list[ContentError]:
    out = []
    law = LAW[page.lang]
    flagged: set[int] = set()
    for unit in page.units:
        part = page.part_at(unit.line)
        if part.line in flagged or (not part.cited and page.sources.exempt):
            continue
        prose = QUOTED.sub(" ", unit.text)
        match = law.search(prose)
        if match and not any(_official(r) for r in part.refs):
            flagged.add(part.line)
            out.append(ContentError(page.path, page.line_of(unit.line, match.group(0)), (
                f"'{match.group(0)}': een uitspraak over de wet komt niet uit het rapport; noem in de bron van "
                f"{_where(part)} de wettekst of een overheidspagina (bijv. 'Wetboek van Strafrecht | "
                f"https://wetten.overheid.nl/…')")))
    return out


# --------------------------------------------------------------------------- 6. tijd


def check_study_tense(page: Page) -> list[ContentError]:
    out = []
    for unit in page.units:
        for sentence in split_sentences(QUOTED.sub(" ", unit.text)):
            if match := MISDATED[page.lang].search(sentence):
                out.append(ContentError(page.path, page.line_of(unit.line, match.group(0)), (
                    f"'{match.group(0)}': de gesprekken waren in het najaar van 2018; in 2021 verscheen het "
                    "rapport (schrijf 'in 2018 vertelden ouders …' of 'in 2021 schreef het rapport …')")))
                continue
            match = None if DATED.search(sentence) else STUDY_PRESENT[page.lang].search(sentence)
            if match is None:
                continue
            out.append(ContentError(page.path, page.line_of(unit.line, match.group(0)), (
                f"'{match.group(0)}': een bevinding uit het onderzoek (gesprekken najaar 2018, rapport 2021) "
                "in de tegenwoordige tijd; schrijf het in de verleden tijd met het jaar ('In 2021 schreef "
                "het rapport …') en zeg zo nodig 'vraag wat ze nu bieden'")))
    return out


# --------------------------------------------------------------------------- entry point


CHECKS: dict[str, Callable[..., list[ContentError]]] = {
    "1 quote-bron": lambda page, registry, titles: check_quote_sections(page),
    "2 weglating": lambda page, registry, titles: check_elisions(page),
    "3 aanhaling": lambda page, registry, titles: check_quoted_text(page, titles),
    "4 cijfer": lambda page, registry, titles: check_figures(page, registry),
    "5 buitenbron": lambda page, registry, titles: check_outside_sources(page),
    "6 tijd": lambda page, registry, titles: check_study_tense(page),
}


def check_meaning_by_check(text: str, path: str, lang: str, registry: Registry | None = None,
                           titles: Iterable[str] | None = None) -> dict[str, list[ContentError]]:
    """Every check's errors for one file, by check name."""
    page = read_page(text, path, lang)
    if page is None:
        return {name: [] for name in CHECKS}
    broken: list[ContentError] = []
    try:
        registry = registry or load_registry()
    except RegistryError as error:
        broken = error.errors  # reported once per page; the other checks still run
    return {name: (broken if broken and name == "4 cijfer" else check(page, registry, titles))
            for name, check in CHECKS.items()}


def check_meaning(text: str, path: str, lang: str, registry: Registry | None = None,
                  titles: Iterable[str] | None = None) -> list[ContentError]:
    """All meaning errors of one page or leaflet, in line order. `text` is the file's own text."""
    found = check_meaning_by_check(text, path, lang, registry, titles)
    return sorted((e for errors in found.values() for e in errors), key=lambda e: (e.line, e.reason))


def _files(paths: Sequence[str]) -> list[Path]:
    out = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*.md") if language_of(str(p)) in LANGS
                          and ("nl" in p.parts or "en" in p.parts))
        else:
            out.append(path)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    paths = list(sys.argv[1:] if argv is None else argv) or ["docs", "leaflets"]
    counts = {name: 0 for name in CHECKS}
    seen: set[str] = set()
    for file in _files(paths):
        try:
            text = read_text(file)
        except ContentError as error:
            print(error)
            counts.setdefault("bestand", 0)
            counts["bestand"] += 1
            continue
        for name, errors in check_meaning_by_check(text, str(file), language_of(str(file))).items():
            for error in errors:
                if str(error) not in seen:
                    seen.add(str(error))
                    counts[name] += 1
                    print(error)
    total = sum(counts.values())
    print("; ".join(f"{name}: {count}" for name, count in counts.items()) + f" — totaal {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
