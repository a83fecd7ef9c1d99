"""Quotes in the handbook, proven verbatim against the report "Ouders aan het woord".

A quote is a Markdown blockquote whose last line is its attribution:

    > ‘Het waren eigenlijk allemaal puzzelstukjes. […] Beetje bij beetje kom je te weten hoe
    > het in elkaar zit.’
    > — ouder 3

- `— ouder N` (English pages: `— parent N`): the words of parent N, verbatim from one of that
  parent's passages in the report; `[…]` leaves out text inside that same passage.
- `— Ouders aan het woord`: the report authors' own text, verbatim.
- Either may name the section (`— ouder 3, §3.2`); it must then be where the words are.
- English pages put the translation first, then `Original: ‘…’` with the Dutch words, which are
  verified exactly like a Dutch quote.
- `— Naam van de bron | https://…` (or `— Naam, https://…`): a quote from another named source,
  with its link; not checked against the report.
Every blockquote on a page must be one of these, so nothing slips through unchecked.

Logic only: `check_markdown` lists problems, `verified_quotes` lists what holds, `render`
turns a verified quote into accessible HTML. The CLI and the MkDocs hook are thin wrappers.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from scripts.content import quote_translations
from scripts.content.errors import ContentError
from scripts.content.report_text import PARENTS, Passage, Report, load_report
from scripts.content.source_text import code_lines, language_of, read_text

GAP = "[…]"
_SINGLE_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛`´′"})
_DOUBLE_QUOTES = str.maketrans({c: '"' for c in "“”„‟″"})
_ELLIPSIS_MARK = re.compile(r"\[\s*(?:…|\.{3,4}|….)\s*\]")
_BLOCKQUOTE = re.compile(r"^(\s*)>\s?(.*)$")
_ORIGINAL = re.compile(r"^Original:\s*", re.IGNORECASE)
_SECTION = r"(?:,\s*§\s*(?P<section>\d(?:\.\d)?|Bijlage))?"
_PARENT = re.compile(rf"^— (?P<word>ouder|parent) (?P<parent>\d+){_SECTION}\s*$")
_REPORT = re.compile(rf"^— Ouders aan het woord{_SECTION}\s*$")
_EXTERNAL = re.compile(r"^— (?P<name>[^|,]*?\S)\s*[|,]\s*(?P<url>https?://\S+)\s*$")
_OWN_SOURCE = re.compile(r"^(?:ouders?|parents?)(?:\s+\d+)?$|^ouders aan het woord\b", re.IGNORECASE)
_ATTRIBUTION_LIKE = re.compile(r"^(?:—|–|-{1,3})\s*\S")
_INLINE_ATTRIBUTION = re.compile(r"\S\s+((?:—|–|-{1,3})\s*(?:ouder|parent)\s+\d+|(?:—|–|-{1,3})\s*Ouders aan het woord)\s*$")
MIN_RUN_ON = 12  # characters of a quote's start that must match a passage's end to call it a run-on
MAX_DIFFS = 5
PLACEHOLDER = "quotesfigurex"  # plain letters: Markdown leaves the token alone
_TOKEN = re.compile(rf"<p>({PLACEHOLDER}\d+x)</p>|({PLACEHOLDER}\d+x)")
CLOSEST_SHORTLIST = 4  # texts aligned word by word when looking for the closest passage

PARENT_WORD = {"nl": "ouder", "en": "parent"}
LABELS = {
    "nl": {"report": "Ouders aan het woord", "original": "Oorspronkelijke tekst (Nederlands)",
           "translated": "vertaald uit het Nederlands"},
    "en": {"report": "Ouders aan het woord", "original": "Original (Dutch)",
           "translated": "translated from Dutch"},
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Attribution:
    kind: str  # "parent" | "report" | "external"
    parent: int | None = None
    section: str | None = None  # as typed by the writer, if at all
    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class Blockquote:
    """A blockquote as written: where it sits and its content lines (without `>`)."""

    start: int  # 0-based index of its first line in the Markdown
    end: int  # 0-based index after its last line
    indent: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A quote that holds: what the page shows, and where in the report it comes from."""

    path: str
    line: int
    language: str
    attribution: Attribution
    text: str  # the verified words as the writer typed them (Dutch)
    translation: str | None = None  # English pages: the translation shown first
    section: str | None = None  # report section the words were found in
    passage_id: str | None = None
    written_translation: str | None = None  # English: a translation typed on the page itself

    @property
    def kind(self) -> str:
        return self.attribution.kind

    @property
    def parent(self) -> int | None:
        return self.attribution.parent


@dataclass
class _Result:
    quote: Quote | None = None
    errors: list[ContentError] = field(default_factory=list)


# --------------------------------------------------------------------------- normalisation


def normalize(text: str) -> str:
    """Typographic and straight quote marks alike, `[...]` as `[…]`, whitespace folded."""
    text = text.translate(_SINGLE_QUOTES).translate(_DOUBLE_QUOTES)
    text = _ELLIPSIS_MARK.sub(GAP, text)
    return " ".join(text.split())


def _strip_outer_quotes(text: str) -> str:
    """The surrounding ‘…’ of a quote are optional."""
    if len(text) > 1 and text[0] == "'" and text[-1] == "'":
        return text[1:-1].strip()
    if text[:1] == "'" and text.endswith("'.") and text.count("'") % 2 == 0:
        return text[1:-2].strip()
    return text


def _parts(text: str) -> list[str]:
    """The quoted stretches between `[…]` marks, in order."""
    return [p.strip() for p in text.split(GAP) if p.strip()]


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Turn:
    passage: Passage
    index: int
    text: str  # normalised


class Index:
    """The report normalised once: parents' turns, interviewer turns and prose, for lookups."""

    def __init__(self, report: Report):
        self.report = report
        self.turns: list[_Turn] = []
        self.by_parent: dict[int, list[list[_Turn]]] = {}
        for passage in report.passages:
            turns = [_Turn(passage, i, normalize(t)) for i, t in enumerate(passage.turns)]
            self.turns += turns
            self.by_parent.setdefault(passage.parent, []).append(turns)
        self.interviewer = [(p, normalize(t)) for p in report.passages for t in p.interviewer]
        self.prose = [(b.section, normalize(b.text)) for b in report.prose]
        self.turn_candidates = _candidates([(_where(t.passage), t.text) for t in self.turns])
        self.prose_candidates = _candidates([(f"§{s}", p) for s, p in self.prose])


_indexes: dict[int, Index] = {}


def index_for(source: str | Path | None = None) -> Index:
    """The normalised report, built once per process per source file (and per parsed report)."""
    report = load_report(source)
    if id(report) not in _indexes:
        _indexes[id(report)] = Index(report)
    return _indexes[id(report)]


def _find(part: str, text: str, start: int = 0) -> int:
    """Where `part` occurs in `text` from `start`, beginning and ending at word boundaries."""
    pos = text.find(part, start)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        after = text[pos + len(part)] if pos + len(part) < len(text) else " "
        starts_word = not (before.isalnum() and part[0].isalnum())
        ends_word = not (after.isalnum() and part[-1].isalnum())
        if starts_word and ends_word:
            return pos
        pos = text.find(part, pos + 1)
    return -1


def _match_in_passage(parts: list[str], turns: list[_Turn]) -> bool:
    """All parts occur in the passage, each within one turn, in their original order."""
    turn, offset = 0, 0
    for part in parts:
        while turn < len(turns):
            pos = _find(part, turns[turn].text, offset)
            if pos >= 0:
                offset = pos + len(part)
                break
            turn, offset = turn + 1, 0
        else:
            return False
    return True


def _passages_with(part: str, turns: list[_Turn]) -> set[str]:
    return {t.passage.id for t in turns if _find(part, t.text) >= 0}


# --------------------------------------------------------------------------- messages


def _short(text: str, words: int = 8) -> str:
    w = text.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


def _where(passage: Passage) -> str:
    return f"ouder {passage.parent}, §{passage.section}"


def word_diff(found: list[str], written: list[str]) -> list[str]:
    """Word-level differences, report first: `'16' → '15'`, `'niet' weggelaten`, `'wel' toegevoegd`.

    Two changes one word apart read as one ("'eigenlijk allemaal' → 'allemaal eigenlijk'"), so a
    swap of two words shows as a swap.
    """
    ops = [list(op) for op in difflib.SequenceMatcher(None, found, written, autojunk=False).get_opcodes()]
    merged: list[list] = []
    for op in ops:
        if (op[0] != "equal" and len(merged) >= 2 and merged[-1][0] == "equal"
                and merged[-1][2] - merged[-1][1] <= 1 and merged[-2][0] != "equal"):
            equal, change = merged.pop(), merged.pop()
            merged.append(["replace", change[1], op[2], change[3], op[4]])
        else:
            merged.append(op)
    out = []
    for op, a1, a2, b1, b2 in merged:
        if op == "equal":
            continue
        if a1 == a2:
            out.append(f"'{' '.join(written[b1:b2])}' toegevoegd")
        elif b1 == b2:
            out.append(f"'{' '.join(found[a1:a2])}' weggelaten")
        else:
            out.append(f"'{' '.join(found[a1:a2])}' → '{' '.join(written[b1:b2])}'")
    return out


def _candidates(labelled: list[tuple[str, str]]) -> list[tuple[str, list[str], set[str]]]:
    return [(label, text.split(), set(text.split())) for label, text in labelled]


def _closest(part: str, candidates: list[tuple[str, list[str], set[str]]]) -> tuple[str, list[str], list[str], float] | None:
    """The best-matching stretch of any candidate text: (label, report words, written words, score)."""
    written = part.split()
    wanted = set(written)
    # Only the few texts sharing the most words are worth aligning word by word.
    shortlist = sorted(candidates, key=lambda c: len(wanted & c[2]), reverse=True)[:CLOSEST_SHORTLIST]
    best = None
    for label, words, _ in shortlist:
        blocks = [b for b in difflib.SequenceMatcher(None, words, written, autojunk=False).get_matching_blocks() if b.size]
        if not blocks:
            continue
        # Align around the longest common run; keep the runs that agree with it: a changed word
        # shifts nothing, a dropped or added stretch shifts the rest by its length.
        anchor = max(blocks, key=lambda b: b.size)
        slack = max(3, len(written) // 2)
        kept = [b for b in blocks
                if abs((b.a - b.b) - (anchor.a - anchor.b)) <= (3 if b.size < 2 else slack)]
        lo = max(0, kept[0].a - kept[0].b)
        hi = min(len(words), kept[-1].a + kept[-1].size + (len(written) - kept[-1].b - kept[-1].size))
        window = words[lo:hi]
        score = difflib.SequenceMatcher(None, window, written, autojunk=False).ratio()
        if best is None or score > best[3]:
            best = (label, window, written, score)
    return best


def _near_miss(part: str, index: Index, parent_first: int | None) -> str:
    candidates = index.turn_candidates
    if parent_first is not None:
        # On a tie, the writer's own parent is the likelier source.
        candidates = sorted(candidates, key=lambda c: not c[0].startswith(f"ouder {parent_first},"))
    best = _closest(part, candidates)
    if best is None or best[3] < 0.5:
        return "niet gevonden in het rapport (geen passage lijkt erop)"
    label, found, written, _ = best
    diffs = word_diff(found, written)
    shown = "; ".join(diffs[:MAX_DIFFS]) + ("; …" if len(diffs) > MAX_DIFFS else "")
    return f"wijkt af van het rapport; dichtstbij: {label} ('{_short(' '.join(found))}'): {shown}"


# --------------------------------------------------------------------------- verification


def verify_parent(text: str, parent: int, index: Index, section: str | None = None) -> tuple[Passage | None, str | None]:
    """(passage, None) when `text` is parent `parent`'s words; else (None, reason)."""
    if parent not in PARENTS:
        listed = ", ".join(str(p) for p in PARENTS)
        return None, f"ouder {parent} bestaat niet in het rapport (wel: ouder {listed})"
    text = _strip_outer_quotes(normalize(text))
    parts = _parts(text)
    if not parts:
        return None, "leeg citaat: er staat geen tekst boven de bronvermelding"
    own = index.by_parent.get(parent, [])
    matches = [turns[0].passage for turns in own if _match_in_passage(parts, turns)]
    if matches:
        if section is None:
            return matches[0], None
        for passage in matches:
            if passage.section == section:
                return passage, None
        return None, f"citaat staat in §{matches[0].section}, niet in §{section}"
    return None, _why_not_parent(parts, parent, index)


def _why_not_parent(parts: list[str], parent: int, index: Index) -> str:
    own_turns = [t for turns in index.by_parent.get(parent, []) for t in turns]
    # The whole quote is another parent's passage.
    for other, passages in index.by_parent.items():
        if other != parent:
            for turns in passages:
                if _match_in_passage(parts, turns):
                    p = turns[0].passage
                    return f"deze woorden zijn van ouder {other} (§{p.section}), niet van ouder {parent}"
    found_in = [_passages_with(part, index.turns) for part in parts]
    if len(parts) > 1 and all(found_in):
        own_ids = [ids & {t.passage.id for t in own_turns} for ids in found_in]
        common = set.intersection(*own_ids) if all(own_ids) else set()
        if common:
            pid = sorted(common)[0]
            return f"de delen rond […] staan in een andere volgorde in de passage (§{pid.split('-')[0]}); houd de volgorde van het rapport aan"
        sections = sorted({pid.split("-")[0] for ids in found_in for pid in ids})
        where = " en ".join(f"§{s}" for s in sections)
        return f"de delen rond […] komen uit verschillende passages ({where}); […] mag alleen tekst weglaten binnen één passage"
    for part in parts:
        if _passages_with(part, index.turns):
            continue
        if any(_find(part, said) >= 0 for _, said in index.interviewer):
            return f"'{_short(part)}' zijn woorden van de interviewer (I), niet van ouder {parent}"
        for section, prose in index.prose:
            if _find(part, prose) >= 0:
                return (f"'{_short(part)}' is tekst van de rapportschrijvers (§{section}), geen uitspraak van "
                        f"ouder {parent}; gebruik '— Ouders aan het woord'")
        for t in own_turns:
            if _runs_on(part, t.text):
                return f"citaat loopt door na het einde van de passage ({_where(t.passage)}): '{_short(part)}'"
            if _runs_before(part, t.text):
                return f"citaat begint vóór het begin van de passage ({_where(t.passage)}): '{_short(part)}'"
        return _near_miss(part, index, parent)
    return _near_miss(parts[0], index, parent)


def _runs_on(part: str, turn: str) -> bool:
    """The part starts inside the turn and goes on after the turn's last word."""
    opening = " ".join(part.split()[:3])
    pos = _find(opening, turn)
    while pos >= 0:
        tail = turn[pos:]
        if len(tail) >= MIN_RUN_ON and len(part) > len(tail) and part.startswith(tail) and part[len(tail)] == " ":
            return True
        pos = _find(opening, turn, pos + 1)
    return False


def _runs_before(part: str, turn: str) -> bool:
    """The part ends inside the turn but starts before the turn's first word."""
    opening = " ".join(turn.split()[:3])
    pos = _find(opening, part)
    while pos > 0:
        rest = part[pos:]
        if len(rest) >= MIN_RUN_ON and turn.startswith(rest) and part[pos - 1] == " ":
            return True
        pos = _find(opening, part, pos + 1)
    return False


def _in_order(parts: list[str], text: str) -> bool:
    """Every part stands in `text`, in this order (a quote's pieces around […])."""
    pos = 0
    for part in parts:
        pos = _find(part, text, pos)
        if pos < 0:
            return False
        pos += len(part)
    return True


def verify_report(text: str, index: Index, section: str | None = None) -> tuple[str | None, str | None]:
    """(section, None) when `text` is the report authors' own words; else (None, reason)."""
    text = _strip_outer_quotes(normalize(text))
    parts = _parts(text)
    if not parts:
        return None, "leeg citaat: er staat geen tekst boven de bronvermelding"
    for sec, prose in index.prose:
        if _in_order(parts, prose):
            if section is None or section == sec:
                return sec, None
            return None, f"citaat staat in §{sec}, niet in §{section}"
    for part in parts:
        ids = _passages_with(part, index.turns)
        if ids:
            passage = next(t.passage for t in index.turns if t.passage.id in ids)
            return None, (f"dit zijn woorden van ouder {passage.parent} (§{passage.section}), niet van de "
                          f"rapportschrijvers: schrijf '— ouder {passage.parent}'")
    for part in parts:
        if not any(_find(part, prose) >= 0 for _, prose in index.prose):
            best = _closest(part, index.prose_candidates)
            if best is None or best[3] < 0.5:
                return None, "niet gevonden in de tekst van het rapport"
            label, found, written, _ = best
            diffs = word_diff(found, written)
            shown = "; ".join(diffs[:MAX_DIFFS]) + ("; …" if len(diffs) > MAX_DIFFS else "")
            return None, f"wijkt af van de tekst van het rapport; dichtstbij: {label} ('{_short(' '.join(found))}'): {shown}"
    return None, "de delen rond […] komen uit verschillende stukken van het rapport of staan in een andere volgorde"


@dataclass(frozen=True)
class Omission:
    """What one `[…]` of a quote leaves out of the report text it comes from (normalised).

    `where`: "start" (the quote opens with […]), "middle" or "end" (it closes with […]).
    """

    where: str
    text: str
    left: str = ""  # the quote's words just before the mark ("" at its start)
    right: str = ""  # and just after it ("" at its end)


def omissions(text: str, turns: list[str]) -> list[Omission] | None:
    """What each `[…]` in `text` leaves out of `turns` (one passage's turns, or one prose block),
    aligned the way verification aligns them: parts in order, each within one turn, leftmost.
    None when the parts do not occur there. A cut across turns leaves out the rest of the first
    turn, the turns between and the start of the next."""
    pieces = [p.strip() for p in _strip_outer_quotes(normalize(text)).split(GAP)]
    texts = [normalize(t) for t in turns]
    spots: list[tuple[int, int, int]] = []  # (turn, start, end) of each non-empty piece
    turn, offset = 0, 0
    for piece in (p for p in pieces if p):
        while turn < len(texts):
            pos = _find(piece, texts[turn], offset)
            if pos >= 0:
                spots.append((turn, pos, pos + len(piece)))
                offset = pos + len(piece)
                break
            turn, offset = turn + 1, 0
        else:
            return None
    if not spots:
        return None

    def between(a: tuple[int, int], b: tuple[int, int]) -> str:
        if a[0] == b[0]:
            return texts[a[0]][a[1]:b[1]]
        return " ".join([texts[a[0]][a[1]:]] + texts[a[0] + 1:b[0]] + [texts[b[0]][:b[1]]])

    kept = [p for p in pieces if p]
    out: list[Omission] = []
    seen = 0  # non-empty pieces passed so far
    for k in range(len(pieces) - 1):  # the gap after piece k
        seen += bool(pieces[k])
        if seen == 0:
            first = spots[0]
            out.append(Omission("start", texts[first[0]][:first[1]].strip(), "", kept[0]))
        elif seen == len(spots):
            last = spots[-1]
            out.append(Omission("end", texts[last[0]][last[2]:].strip(), kept[-1], ""))
        else:
            left, right = spots[seen - 1], spots[seen]
            out.append(Omission("middle", between((left[0], left[2]), (right[0], right[1])).strip(),
                                kept[seen - 1], kept[seen]))
    return out


def locate(text: str, index: Index) -> list[tuple[str, int | None, str]]:
    """Everywhere `text` (its parts around […], in order) stands verbatim in the report:
    ("parent", parent, section) for a parent's passage, ("report", None, section) for the
    authors' prose. Empty when nowhere."""
    parts = _parts(_strip_outer_quotes(normalize(text)))
    if not parts:
        return []
    found: list[tuple[str, int | None, str]] = []
    for parent, passages in index.by_parent.items():
        found += [("parent", parent, t[0].passage.section) for t in passages if _match_in_passage(parts, t)]
    found += [("report", None, section) for section, prose in index.prose if _in_order(parts, prose)]
    return found


# --------------------------------------------------------------------------- Markdown


def iter_blockquotes(markdown: str) -> Iterator[Blockquote]:
    """Every blockquote outside code fences: a run of consecutive `>` lines."""
    lines = markdown.split("\n")
    code = code_lines(lines).code
    i = 0
    while i < len(lines):
        bq = None if i in code else _BLOCKQUOTE.match(lines[i])
        if not bq:
            i += 1
            continue
        start, indent, content = i, bq.group(1), []
        while i < len(lines) and (m := _BLOCKQUOTE.match(lines[i])):
            content.append(m.group(2).rstrip())
            i += 1
        yield Blockquote(start, i, indent, tuple(content))


def parse_attribution(line: str, language: str) -> Attribution | str:
    """The attribution on the quote's last line, or the reason it is not a valid one."""
    line = " ".join(line.split())
    m = _PARENT.match(line)
    if m:
        word = m.group("word")
        if language == "nl" and word == "parent":
            return f"ongeldige bronvermelding '{line}': op een Nederlandse pagina schrijf je '— ouder {m.group('parent')}'"
        return Attribution("parent", int(m.group("parent")), m.group("section"))
    m = _REPORT.match(line)
    if m:
        return Attribution("report", None, m.group("section"))
    m = _EXTERNAL.match(line)
    if m and _OWN_SOURCE.match(m.group("name")):
        # A link must never turn a parent's or the report's words into an unchecked outside quote.
        return (f"ongeldige bronvermelding '{line}': een citaat uit het rapport krijgt geen link; "
                f"schrijf '— {PARENT_WORD[language]} N' of '— Ouders aan het woord'")
    if m:
        return Attribution("external", name=m.group("name"), url=m.group("url"))
    word = PARENT_WORD[language]
    return (f"ongeldige bronvermelding '{line}': gebruik '— {word} N', '— Ouders aan het woord' "
            f"of '— Naam van de bron | https://…'")


def _check_block(block: Blockquote, path: str, offset: int, language: str, index: Index,
                 register: quote_translations.Register | None = None) -> _Result:
    first = offset + block.start
    content = list(block.lines)
    while content and not content[-1].strip():
        content.pop()
    last_line = offset + block.start + len(content) - 1
    if not content or not _ATTRIBUTION_LIKE.match(content[-1].strip()):
        word = PARENT_WORD[language]
        inline = _INLINE_ATTRIBUTION.search(content[-1]) if content else None
        if inline:
            return _Result(errors=[ContentError(path, last_line, (
                f"zet de bronvermelding '{inline.group(1)}' op een eigen regel: de laatste regel van de blockquote"))])
        return _Result(errors=[ContentError(path, first, (
            f"blockquote zonder bronvermelding: sluit af met '— {word} N', '— Ouders aan het woord' "
            f"of '— Naam van de bron | https://…'"))])
    attribution = parse_attribution(content[-1].strip(), language)
    if isinstance(attribution, str):
        return _Result(errors=[ContentError(path, last_line, attribution)])
    body = content[:-1]
    if attribution.kind == "external":
        text = " ".join(" ".join(body).split())
        if not text:
            return _Result(errors=[ContentError(path, first, "leeg citaat: er staat geen tekst boven de bronvermelding")])
        return _Result(Quote(path, first, language, attribution, text))
    original_at = next((k for k, line in enumerate(body) if _ORIGINAL.match(line.strip())), None)
    written = None
    if language == "en":
        if original_at is None:
            return _Result(errors=[ContentError(path, first, (
                "Engelse pagina: zet de Nederlandse tekst als 'Original: ‘…’' in het citaat "
                "(die wordt gecontroleerd; de vertaling staat in data/quote-translations.yml)"))])
        written = " ".join(" ".join(body[:original_at]).split()) or None
        body = [_ORIGINAL.sub("", body[original_at].strip())] + body[original_at + 1:]
        line_of_text = offset + block.start + original_at
    elif original_at is not None:
        return _Result(errors=[ContentError(path, offset + block.start + original_at,
                                            "'Original:' hoort alleen op Engelse pagina's")])
    else:
        line_of_text = first
    text = " ".join(" ".join(body).split())
    if not _parts(_strip_outer_quotes(normalize(text))):
        return _Result(errors=[ContentError(path, line_of_text, "leeg citaat: er staat geen tekst boven de bronvermelding")])
    if attribution.kind == "parent":
        passage, reason = verify_parent(text, attribution.parent, index, attribution.section)
        section, passage_id = (passage.section, passage.id) if passage else (None, None)
    else:
        (section, reason), passage_id = verify_report(text, index, attribution.section), None
    if reason:
        return _Result(errors=[ContentError(path, line_of_text, reason)])
    translation = None
    if language == "en":
        # One translation per Dutch quote: the page's own, else the register's (the pipeline
        # refuses a page's own: scripts/content/quote_translations.py).
        entry = (register or quote_translations.default()).get(text)
        translation = written or (entry.en if entry else None)
        if not translation:
            return _Result(errors=[ContentError(path, first, (
                "vertaling ontbreekt: zet de vertaling van dit citaat in data/quote-translations.yml"))])
    return _Result(Quote(path, first, language, attribution, text, translation, section, passage_id, written))


def check_blocks(markdown: str, path: str, offset: int = 1, language: str | None = None,
                 source: str | Path | None = None,
                 register: quote_translations.Register | None = None) -> list[tuple[Blockquote, _Result]]:
    """Every blockquote of the page with its verdict. `offset` is the line number of line 1;
    `register`: the English translations (default: data/quote-translations.yml)."""
    index = index_for(source)
    language = language or language_of(path)
    return [(b, _check_block(b, path, offset, language, index, register)) for b in iter_blockquotes(markdown)]


def check_markdown(markdown: str, path: str, offset: int = 1, language: str | None = None,
                   source: str | Path | None = None,
                   register: quote_translations.Register | None = None) -> list[ContentError]:
    """Every problem with the page's quotes, as `path:line: reason`."""
    return [e for _, r in check_blocks(markdown, path, offset, language, source, register) for e in r.errors]


def verified_quotes(markdown: str, path: str, language: str | None = None,
                    source: str | Path | None = None) -> list[Quote]:
    """Every quote of the page that holds (the parent's, the report's and other sources')."""
    return [r.quote for _, r in check_blocks(markdown, path, 1, language, source) if r.quote]


def site_quotes(docs_dir: str | Path = "docs", language: str = "nl", source: str | Path | None = None) -> list[Quote]:
    """Every verified quote on the pages of one language, page by page in path order."""
    folder = Path(docs_dir) / language
    out: list[Quote] = []
    for page in sorted(folder.rglob("*.md")):
        out += verified_quotes(read_text(page), str(page), language, source)
    return out


# --------------------------------------------------------------------------- rendering


def caption(quote: Quote, report_href: str) -> str:
    """'ouder 3 — Ouders aan het woord, §3.2' with the report's name linked (HTML)."""
    labels = LABELS[quote.language]
    link = f'<a href="{html.escape(report_href)}">{labels["report"]}</a>'
    where = f", §{quote.section}" if quote.section else ""
    if quote.kind == "external":
        return f'<a href="{html.escape(quote.attribution.url)}">{html.escape(quote.attribution.name)}</a>'
    who = f"{PARENT_WORD[quote.language]} {quote.parent} — " if quote.kind == "parent" else ""
    translated = f" ({labels['translated']})" if quote.translation else ""
    return f"{who}{link}{where}{translated}"


SEARCH_EXCLUDE = 'data-search-exclude="true"'


def render(quote: Quote, report_href: str) -> str:
    """Accessible markup for a verified quote: figure, blockquote(s), figcaption with the source.

    Plain HTML (no Markdown inside), so the words are shown exactly as verified; the text stays in
    the page, so search finds it. On English pages the translation comes first; the verified Dutch
    original follows in a disclosure, closed on screen (a reader without Dutch is not made to wade
    through it), opened by print.css on paper, and left out of the English search index
    (`data-search-exclude`, honoured by Material's search plugin). The original itself keeps
    class="quote__original" and lang="nl".
    """
    labels = LABELS[quote.language]
    cls = f"quote quote--{quote.kind}"
    parts = [f'<figure class="{cls}">']
    if quote.translation:
        parts.append(f'<blockquote lang="en"><p>{html.escape(quote.translation, quote=False)}</p></blockquote>')
        # Closed on screen, open on paper; data-search-exclude (Material's own marker) keeps it out of
        # the English search index, which holds English only (issues 15 and 16).
        parts.append(f'<details class="quote__disclosure" {SEARCH_EXCLUDE}>')
        parts.append(f'<summary class="quote__label">{labels["original"]}</summary>')
        parts.append(f'<blockquote class="quote__original" lang="nl"><p>{html.escape(quote.text, quote=False)}</p></blockquote>')
        parts.append("</details>")
    else:
        parts.append(f"<blockquote><p>{html.escape(quote.text, quote=False)}</p></blockquote>")
    parts.append(f"<figcaption>{caption(quote, report_href)}</figcaption>")
    parts.append("</figure>")
    return "\n".join(parts)


def render_page(markdown: str, path: str, report_href: str, language: str | None = None,
                source: str | Path | None = None, placeholders: dict[str, str] | None = None,
                line_offset: int = 0, register: quote_translations.Register | None = None) -> tuple[str, list[ContentError]]:
    """The page with every verified quote rendered; all the page's quote errors together.

    With `placeholders` (a dict to fill), each quote becomes a plain-text token in the Markdown
    and its HTML is stored under that token, to be put in after Markdown (`fill_placeholders`):
    raw HTML only survives Markdown at the top level, not inside a list item or admonition.
    """
    lines = markdown.split("\n")
    errors: list[ContentError] = []
    out: list[str] = []
    last = 0
    for block, result in check_blocks(markdown, path, line_offset + 1, language, source, register):
        errors += result.errors
        if not result.quote:
            continue
        markup = render(result.quote, report_href)
        if placeholders is None:
            body = markup.split("\n")
        else:
            token = f"{PLACEHOLDER}{len(placeholders)}x"  # unique across every call for one page
            placeholders[token] = markup
            body = [token]
        # Blank lines keep the replacement a block of its own; the indent keeps it inside a
        # list item or admonition. Built front to back: linear in the page's size.
        out += lines[last:block.start] + [""] + [block.indent + m for m in body] + [""]
        last = block.end
    out += lines[last:]
    return "\n".join(out), errors


def fill_placeholders(html_text: str, placeholders: dict[str, str]) -> str:
    """Put each quote's HTML where Markdown rendered its token (as a paragraph or bare)."""
    if not placeholders:
        return html_text
    # One pass over the page, whatever the number of quotes.
    return _TOKEN.sub(lambda m: placeholders.get(m.group(1) or m.group(2), m.group(0)), html_text)


def with_translations(markdown: str, language: str | None = None, path: str = "<leaflet>",
                      register: quote_translations.Register | None = None) -> str:
    """The Markdown with each English quote's translation from the register put above its
    `Original:` line, for renderers that show quotes as plain Markdown blockquotes (leaflets)."""
    if (language or language_of(path)) != "en":
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    last = 0
    for block, result in check_blocks(markdown, path, 1, "en", register=register):
        quote = result.quote
        if not quote or not quote.translation or quote.written_translation:
            continue
        out += lines[last:block.start] + [f"{block.indent}> {quote.translation}", f"{block.indent}>"]
        last = block.start
    return "\n".join(out + lines[last:])
